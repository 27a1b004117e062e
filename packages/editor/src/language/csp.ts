// Monaco under a strict Content-Security-Policy (`default-src 'self'; worker-src 'self'`, no
// 'unsafe-inline' for styles). Monaco 0.57 has no CSP nonce; it writes its dynamic styles in two
// ways the policy refuses, and this module routes both through the CSSOM, which CSP does not
// restrict (see test/editor-strict-csp.test.ts: zero violations, and the drawing checked):
//
// 1. `<style>` elements with textContent (the theme's colours, decoration rules, list styles):
//    vite.shared.ts rewrites Monaco's createStyleSheet (base/browser/domStylesheets.js) to call
//    `adoptStyleElement` instead of appending the element. The element stays out of the document;
//    its `textContent` and `sheet` are a constructed CSSStyleSheet on `adoptedStyleSheets` of the
//    document (or the shadow root the container is in). The theme's squiggles are `data:` SVG
//    images, which `img-src 'self'` refuses: src/styles.css draws error, warning and info from
//    files (its rules win), and the theme's `data:` squiggles (also the hint's dots and the
//    `--monaco-editor-*-decoration` properties) become CSS gradients, so none is ever requested.
// 2. `style="…"` inside the HTML strings Monaco renders (view lines, overlays, line numbers):
//    every such string goes through a Trusted Types policy Monaco asks
//    `MonacoEnvironment.createTrustedTypesPolicy` for. The policy given here renames the
//    attribute to `data-visit-style` (the parser then refuses nothing) and, in a microtask after
//    the render (before layout and paint), applies each through `element.style.cssText`. Monaco
//    never reads those positions back from the DOM in the same task (it measures horizontally,
//    within a line). If the page enforces Trusted Types, the browser's own policy is still made,
//    with the same name.
//
// Cost: one regular expression over each rendered HTML string, one querySelectorAll per render
// (coalesced in a microtask) over the document. Measured in headless Chromium on a 13,499-line
// rules file (the example and 35 commented copies), the library built with timers around both,
// medians of 5 runs on a shared 2-core machine: scrolling a page per frame (3 HTML strings,
// ~116 styled elements re-rendered) 0.6 ms per frame (rewrite 0.08, apply 0.52); typing a
// character 0.16 ms per keystroke (~7 elements).
//
// Imported before Monaco (first import of mount.ts and monaco.ts): Monaco creates its policies
// when its modules are evaluated.

const ATTRIBUTE = 'data-visit-style';
/** A `style="…"` attribute inside a start tag (text is escaped by Monaco: a `<` starts a tag). */
const STYLE_IN_TAG = /(<[a-zA-Z][\w-]*(?:\s+[\w:-]+(?:="[^"]*"|='[^']*')?)*?\s+)style=("[^"]*"|'[^']*')/g;

const roots = new Set<Document | ShadowRoot>();
let flushQueued = false;

/** Applies the renamed style attributes of everything rendered since the last flush. */
function flush(): void {
  flushQueued = false;
  for (const root of roots) {
    for (const el of root.querySelectorAll<HTMLElement>(`[${ATTRIBUTE}]`)) {
      const markup = el.getAttribute(ATTRIBUTE)!;
      el.removeAttribute(ATTRIBUTE);
      // A CSSOM write Monaco made after the markup (same task) wins, as it would have.
      const later = el.style.cssText;
      el.style.cssText = later ? `${markup};${later}` : markup;
    }
  }
}

/** Monaco's HTML with its style attributes renamed; schedules applying them. */
export function rewriteStyleAttributes(html: string): string {
  if (!html.includes('style=')) return html;
  const out = html.replace(STYLE_IN_TAG, `$1${ATTRIBUTE}=$2`);
  if (out !== html && !flushQueued) {
    flushQueued = true;
    queueMicrotask(flush);
  }
  return out;
}

/** Where a container's styles apply: its shadow root, else the document. */
function rootOf(node: Node): Document | ShadowRoot {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root : (node.ownerDocument ?? document);
}

/** Registers where the editor is mounted (a shadow root is searched too). */
export function registerStyleRoot(node: Node): void {
  roots.add(rootOf(node));
}

interface PolicyOptions {
  createHTML?: (value: string, ...args: unknown[]) => string;
  createScript?: (value: string, ...args: unknown[]) => string;
  createScriptURL?: (value: string, ...args: unknown[]) => string;
}
type TrustedTypesGlobal = { trustedTypes?: { createPolicy(name: string, options: PolicyOptions): unknown } };

function createTrustedTypesPolicy(name: string, options: PolicyOptions): unknown {
  const createHTML = options.createHTML;
  const wrapped: PolicyOptions = createHTML ? { ...options, createHTML: (value, ...args) => rewriteStyleAttributes(createHTML(value, ...args)) } : { ...options };
  const tt = (globalThis as TrustedTypesGlobal).trustedTypes;
  return tt ? tt.createPolicy(name, wrapped) : wrapped;
}

// ------------------------------------------------------------------ <style> elements

/** Decodes the colour of Monaco's squiggle / dots SVG (a `fill='…'`). */
function svgFill(data: string): string | undefined {
  let svg: string;
  try {
    svg = decodeURIComponent(data);
  } catch {
    return undefined;
  }
  return /fill=['"]([^'"]+)['"]/.exec(svg)?.[1];
}

/**
 * The theme's squiggles (`url("data:image/svg+xml,…") repeat-x bottom left`, a 6×3 zigzag; the
 * hint's 12×3 dots) as CSS gradients: `img-src 'self'` refuses `data:` images, gradients are not images.
 */
export function replaceSquiggleImages(css: string): string {
  if (!css.includes('data:image/svg+xml')) return css;
  return css.replace(/url\("data:image\/svg\+xml,([^"]*)"\)(\s+(?:repeat-x|no-repeat)\s+bottom\s+left)?/g, (whole, data: string, placement?: string) => {
    const color = svgFill(data);
    if (!color) return whole;
    const dots = decodeURIComponent(data).includes('<circle');
    if (dots) {
      const image = `radial-gradient(circle at 1px 1px, ${color} 1px, transparent 1.2px)`;
      return placement ? `${image} left bottom / 4px 3px repeat-x` : image;
    }
    const zig = `linear-gradient(45deg, transparent 35%, ${color} 35% 60%, transparent 60%)`;
    const zag = `linear-gradient(135deg, transparent 35%, ${color} 35% 60%, transparent 60%)`;
    return placement ? `${zig} left bottom / 3px 3px repeat-x, ${zag} 1.5px bottom / 3px 3px repeat-x` : zig;
  });
}

/**
 * Monaco's createStyleSheet, without a `<style>` in the document: the element (Monaco keeps it,
 * sets its textContent, inserts rules into its sheet, removes it) is backed by a constructed
 * stylesheet adopted by the container's document or shadow root.
 */
export function adoptStyleElement(style: HTMLStyleElement, container: Node): void {
  const root = rootOf(container);
  const sheet = new CSSStyleSheet();
  let text = style.textContent ?? '';
  sheet.replaceSync(replaceSquiggleImages(text));
  Object.defineProperty(style, 'textContent', {
    configurable: true,
    get: () => text,
    set: (value: string | null) => {
      text = value ?? '';
      sheet.replaceSync(replaceSquiggleImages(text));
    },
  });
  Object.defineProperty(style, 'sheet', { configurable: true, get: () => sheet });
  Object.defineProperty(style, 'remove', {
    configurable: true,
    value: () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  });
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

type Environment = { MonacoEnvironment?: Record<string, unknown> };
const g = globalThis as Environment;
g.MonacoEnvironment = { ...g.MonacoEnvironment, createTrustedTypesPolicy };
if (typeof document !== 'undefined') roots.add(document);
