// The library on an integrator's page served with a strict Content-Security-Policy — exactly
// `default-src 'self'; worker-src 'self'`: no 'unsafe-eval', no inline script, no inline style,
// workers, images and fonts from 'self' only. Issue 10: "An embed page with a strict CSP works":
// nothing is refused (no securitypolicyviolation of any directive) while the editor mounts, is
// typed in, hovered, shows the next problem (F8) and screens, and Monaco draws as it does with
// inline styles allowed: its lines one line height apart, the theme's colours, the squiggle.
// What was refused is written to test-output/strict-csp-*.json, with a screenshot.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditor, canRunBrowser, editorRoot, openEditor, pointAt, testOutput, type EditorSession } from './support/browser';
import { countsOf, recordsFile, rulesFile, screenWithCli, type CliRow } from './support/visit-screen';

const CSP = "default-src 'self'; worker-src 'self'";
/** The editor's options (src/mount.ts): lineHeight 21. */
const LINE_HEIGHT = 21;
/** The 'visit-light' theme (src/language/monarch.ts) on Monaco's 'vs': editor.background #FFFFFE, keyword.declaration #7b1fa2. */
const THEME_BACKGROUND = 'rgb(255, 255, 254)';
const KEYWORD_DECLARATION = 'rgb(123, 31, 162)';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}
type CspWindow = Window & { cspViolations: Violation[] };

function recordViolations(): void {
  const w = window as unknown as CspWindow;
  w.cspViolations = [];
  // The element an inline style was refused on, named by its tag and classes.
  const named = (t: EventTarget | null) => (t instanceof Element ? `<${t.localName}${t.className ? ` class="${String(t.className)}"` : ''}>` : '');
  document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample || named(e.target) }));
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as CspWindow).cspViolations);

async function writeReport(page: Page, name: string): Promise<void> {
  mkdirSync(testOutput, { recursive: true });
  const times = new Map<string, number>();
  for (const v of await violations(page)) {
    const key = `${v.directive} ${v.blocked}${v.sample ? ` ${v.sample}` : ''}`;
    times.set(key, (times.get(key) ?? 0) + 1);
  }
  writeFileSync(join(testOutput, `strict-csp-${name}.json`), `${JSON.stringify({ csp: CSP, refused: Object.fromEntries(times) }, null, 2)}\n`);
  await page.screenshot({ path: join(testOutput, `strict-csp-${name}.png`) });
}

/** How Monaco drew: what inline styles and its theme's stylesheet decide. */
function drawing(page: Page) {
  return page.evaluate(() => {
    const tops = (selector: string) => [...document.querySelectorAll(selector)].map((el) => parseFloat(getComputedStyle(el).top));
    // Monaco appends the lines it adds above the old ones at the end: the DOM order is not the lines' order.
    const steps = (ts: number[]) => {
      const sorted = [...ts].sort((a, b) => a - b);
      return sorted.slice(1).map((t, i) => t - sorted[i]!);
    };
    const lines = tops('.monaco-editor .view-lines > .view-line');
    const numbers = tops('.monaco-editor .margin-view-overlays > div');
    const colors = new Set([...document.querySelectorAll('.monaco-editor .view-line span span')].map((el) => getComputedStyle(el).color));
    return {
      lines: lines.length,
      lineSteps: [...new Set(steps(lines))],
      numberSteps: [...new Set(steps(numbers))],
      background: getComputedStyle(document.querySelector('.monaco-editor')!).backgroundColor,
      tokenColors: [...colors],
    };
  });
}

function expectDrawnRight(d: Awaited<ReturnType<typeof drawing>>): void {
  expect(d.lines).toBeGreaterThan(5);
  expect(d.lineSteps).toEqual([LINE_HEIGHT]);
  expect(d.numberSteps).toEqual([LINE_HEIGHT]);
  expect(d.background).toBe(THEME_BACKGROUND);
  expect(d.tokenColors).toContain(KEYWORD_DECLARATION);
}

describe.runIf(canRunBrowser)(`an integrator's page served with "${CSP}"`, () => {
  let s: EditorSession;
  let dir: string;
  let cli: CliRow[];
  const requests: string[] = [];
  beforeAll(async () => {
    cli = screenWithCli();
    const build = await buildEditor();
    // The integrator's folder: their page, the library copied beside it, their rules and records.
    dir = mkdtempSync(join(tmpdir(), 'visit-strict-csp-'));
    cpSync(join(editorRoot, 'test/fixtures/strict-csp'), dir, { recursive: true });
    cpSync(join(build, 'dist-lib'), join(dir, 'visit-editor'), { recursive: true });
    copyFileSync(rulesFile, join(dir, 'rules.visit'));
    copyFileSync(recordsFile, join(dir, 'citizens.csv'));
    s = await openEditor('index.html', { dir, headers: { 'content-security-policy': CSP }, initScript: recordViolations });
    s.page.on('request', (r) => requests.push(r.url()));
    await s.page.waitForFunction(() => window.visit !== undefined && document.querySelector('.monaco-editor .view-lines .view-line') !== null);
  });
  afterAll(async () => {
    if (s) await writeReport(s.page, 'strict');
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("mounts the editor with the workers from the page's origin and nothing refused", async () => {
    await s.page.evaluate(() => window.visit.diagnostics());
    const origin = new URL(s.url).origin;
    const workers = s.page.workers().map((w) => w.url());
    expect(workers.length).toBeGreaterThanOrEqual(2);
    for (const url of workers) expect(url.startsWith(`${origin}/visit-editor/assets/`), url).toBe(true);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(await violations(s.page)).toEqual([]);
  });

  it('draws the lines one line height apart, in the theme\'s colours', async () => {
    expectDrawnRight(await drawing(s.page));
  });

  it('takes typing and draws the typed line', async () => {
    const before = await s.page.evaluate(() => window.visit.getValue());
    await s.page.evaluate(() => {
      window.visit.editor.setPosition({ lineNumber: 1, column: 1 });
      window.visit.editor.focus();
    });
    // Text that looks like a style attribute is the rules' text, never markup: it is shown as typed.
    const typed = '# <i style="color:red">';
    await s.page.keyboard.type(`${typed}\n`);
    expect(await s.page.evaluate(() => window.visit.getValue())).toBe(`${typed}\n${before}`);
    await s.page.waitForFunction((t) => [...document.querySelectorAll('.monaco-editor .view-lines > .view-line')].some((l) => l.textContent!.replace(/\s/g, ' ') === t), typed);
    expectDrawnRight(await drawing(s.page));
    await s.page.evaluate((t) => window.visit.setValue(t), before);
    expect(await violations(s.page)).toEqual([]);
  });

  it('underlines a misspelt field, shows it with F8 and on hover', async () => {
    const rules = await s.page.evaluate(() => window.visit.getValue());
    const misspelt = rules.replace('literacy >= min_læs', 'literacyy >= min_læs');
    // F8 goes to a problem only once the editor has its marker: onDiagnostics is called right after
    // the markers are set (asking the checker itself, as this test did, raced the markers).
    await s.page.evaluate(() => {
      const w = window as unknown as { markerMessages: string };
      w.markerMessages = '';
      window.visit.onDiagnostics((ds) => (w.markerMessages = ds.map((d) => d.message).join('\n')));
    });
    await s.page.evaluate((t) => window.visit.setValue(t), misspelt);
    try {
      await s.page.waitForFunction(() => (window as unknown as { markerMessages: string }).markerMessages.includes("'literacyy'"));
      // The misspelt line is below the fold: F8 (next problem) goes there and opens the peek.
      await s.page.locator('.monaco-editor .view-lines').click();
      await s.page.keyboard.press('F8');
      const peek = s.page.locator('.monaco-editor .marker-widget');
      await peek.waitFor({ state: 'visible' });
      expect(await peek.innerText()).toContain("unknown name 'literacyy'");
      // Monaco re-renders its decorations after F8 scrolls: read the squiggle once it is laid out at
      // its word's width (a CI run caught a 0-wide element mid-render between a locator and its read).
      const handle = await s.page.waitForFunction(() => {
        for (const el of document.querySelectorAll('.squiggly-error')) {
          const box = el.getBoundingClientRect();
          if (box.width > 20 && box.height > 0) {
            const style = getComputedStyle(el);
            return { width: box.width, height: box.height, image: style.backgroundImage, repeat: style.backgroundRepeat };
          }
        }
        return null;
      });
      const drawn = (await handle.jsonValue())!;
      expect(drawn.width).toBeGreaterThan(20); // 'literacyy' at 14px
      expect(drawn.height).toBeGreaterThan(0);
      // src/styles.css draws it from a file (assets/squiggly-error.svg): `img-src 'self'` refuses the theme's data: image.
      expect(drawn.image).toMatch(/^url\("http:\/\/127\.0\.0\.1:\d+\/visit-editor\/assets\/[^"]+\.svg"\)$/);
      expect(drawn.repeat).toBe('repeat-x');
      await s.page.keyboard.press('Escape');
      await peek.waitFor({ state: 'hidden' });
      // Hover on the squiggle: the problem's message.
      const at = misspelt.split('\n').findIndex((l) => l.includes('literacyy')) + 1;
      const column = misspelt.split('\n')[at - 1]!.indexOf('literacyy') + 3;
      const { x, y } = await pointAt(s.page, at, column);
      await s.page.mouse.move(x, y);
      const hover = s.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
      await hover.waitFor({ state: 'visible' });
      expect(await hover.innerText()).toContain("unknown name 'literacyy'");
      await s.page.mouse.move(0, 0);
      expectDrawnRight(await drawing(s.page));
    } finally {
      // The next test screens the example's own rules: put them back even when this one fails.
      await s.page.evaluate((t) => window.visit.setValue(t), rules);
    }
    await s.page.waitForFunction(() => document.querySelectorAll('.squiggly-error').length === 0);
    expect(await violations(s.page)).toEqual([]);
  });

  it("screens the example records with visit screen's counts, nothing refused", async () => {
    const result = await s.page.evaluate(async () => {
      const r = await window.visit.screened();
      return r && { errors: r.errors, programs: r.programs, counts: r.counts, rows: r.status.length };
    });
    const expected = countsOf(cli);
    expect(result).toBeDefined();
    expect(result!.errors).toEqual([]);
    expect(result!.rows).toBe(cli.length);
    expect(Object.fromEntries(result!.programs.map((p, i) => [p, { eligible: result!.counts[i]![0], ineligible: result!.counts[i]![1], undetermined: result!.counts[i]![2] }]))).toEqual(expected);
    const card = s.page.locator('.visit-count-card[data-program="jobklub"]');
    const [eligible] = result!.counts[result!.programs.indexOf('jobklub')]!;
    expect(await card.locator('.visit-chip[data-outcome="eligible"] .visit-chip-count').innerText()).toBe(String(eligible));
    expect(await violations(s.page)).toEqual([]);
  });
});

describe.runIf(canRunBrowser)(`the embedding example (examples/embed.html) served with "${CSP}"`, () => {
  let s: EditorSession;
  beforeAll(async () => {
    // The build's folder: examples/ beside dist-lib/, as in the package.
    s = await openEditor('examples/embed.html', { headers: { 'content-security-policy': CSP }, initScript: recordViolations });
    await s.page.waitForFunction(() => window.visit !== undefined && document.querySelector('.monaco-editor .view-lines .view-line') !== null);
  });
  afterAll(async () => {
    if (s) await writeReport(s.page, 'example');
    await s?.close();
  });

  it('mounts, screens its records and draws, nothing refused', async () => {
    const result = await s.page.evaluate(async () => (await window.visit.screened())?.status.length);
    expect(result).toBe(4);
    // The page's own stylesheet applies (from a file): the editor's element has its height.
    expect(await s.page.evaluate(() => document.getElementById('rules')!.getBoundingClientRect().height)).toBe(640 + 2);
    expectDrawnRight(await drawing(s.page));
    await s.page.locator('.monaco-editor .view-lines').click();
    await s.page.keyboard.type('x');
    await s.page.waitForFunction(() => document.getElementById('length')!.textContent !== '0');
    expect(await violations(s.page)).toEqual([]);
    expect(s.errors, s.errors.join('\n')).toEqual([]);
  });
});
