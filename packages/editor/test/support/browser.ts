// Browser tests against the built editor: build once per source state (cached by a hash of the
// inputs), serve it on 127.0.0.1, drive Debian's Chromium with playwright-core.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { build } from 'vite';
import { buildLibrary } from '../../scripts/build-lib.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';

export const editorRoot = fileURLToPath(new URL('../../', import.meta.url));
export const repoRoot = join(editorRoot, '../..');
export const CHROMIUM = '/usr/bin/chromium';
/** Where tests leave what a person should look at (screenshots). */
export const testOutput = join(editorRoot, 'test-output');

/** Chromium is there, or the run is CI (where a missing browser must fail, not skip). */
export const canRunBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

function inputsHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(editorRoot, 'src')),
    ...files(join(editorRoot, 'examples')),
    ...['index.html', 'vite.config.ts', 'vite.lib.config.ts', 'vite.shared.ts', 'tsconfig.lib.json', 'scripts/build-lib.mjs', 'package.json'].map((f) => join(editorRoot, f)),
    ...files(join(repoRoot, 'packages/dsl/src')),
    ...files(join(repoRoot, 'packages/engine/src')),
    ...files(join(repoRoot, 'examples/tre-hovedveje')),
  ];
  for (const f of inputs) hash.update(f).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

/** Builds the app and the library (with its declarations) into a directory named by the inputs' hash (reused when unchanged). */
export async function buildEditor(): Promise<string> {
  const cache = join(editorRoot, 'node_modules/.cache/visit-editor-test');
  const dir = join(cache, inputsHash());
  if (existsSync(join(dir, 'dist/index.html')) && existsSync(join(dir, 'dist-lib/index.d.ts'))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await build({ configFile: join(editorRoot, 'vite.config.ts'), logLevel: 'error', build: { outDir: join(tmp, 'dist') } });
  await buildLibrary(join(tmp, 'dist-lib'));
  // The embedding example refers to ../dist-lib/, as it does in the package.
  cpSync(join(editorRoot, 'examples'), join(tmp, 'examples'), { recursive: true });
  try {
    renameSync(tmp, dir);
  } catch {
    // Another test file built the same inputs at the same time: use theirs.
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

export interface EditorSession {
  browser: Browser;
  page: Page;
  url: string;
  /** Browser console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The folder to serve (default: the build, with dist/, dist-lib/ and examples/). */
  dir?: string;
  /** Headers on every response (a Content-Security-Policy). */
  headers?: Record<string, string>;
  /** Runs before the page's own scripts (CDP: not subject to the page's CSP). */
  initScript?: () => void;
  /** The browser's language (`navigator.language`), which the editor speaks unless told otherwise (default en-US). */
  locale?: string;
}

/** Builds (if needed), serves and opens the editor app; `path` picks another page (the embed example). */
export async function openEditor(path = 'dist/index.html', options: OpenOptions = {}): Promise<EditorSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
  const dir = options.dir ?? (await buildEditor());
  const server: Server = await serveStatic(dir, { index: 'dist/index.html', headers: options.headers ?? {} });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: options.locale ?? 'en-US' });
  if (options.initScript) await page.addInitScript(options.initScript);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${path}`;
  await page.goto(url);
  return {
    browser,
    page,
    url,
    errors,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits for the app's editor and returns once Monaco shows the rules. */
export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.visit !== undefined && document.querySelector('.monaco-editor .view-lines') !== null);
}

/** Sets the rules through Monaco's model API (typing into Monaco with fill() does not work). */
export async function setRules(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => window.visit.setValue(t), text);
  // Monaco redraws on its next frame: until then the old lines' spans are still in the page, and a
  // locator can find a word of the old text whose span is then replaced (its colour reads '').
  // Wait until every drawn line is a line of the new text.
  // (Spacing is compared loosely: Monaco draws spaces and tabs as no-break spaces. A text it draws
  // otherwise, such as control characters, only makes this wait give up after 3 s.)
  await page
    .waitForFunction(
      (t) => {
        const norm = (l: string) => l.replace(/[\s\u00a0]+/g, ' ').trim();
        const lines = new Set(t.split('\n').map(norm));
        const drawn = [...document.querySelectorAll('.view-lines .view-line')];
        return drawn.length > 0 && drawn.every((el) => lines.has(norm(el.textContent ?? '')));
      },
      text,
      { timeout: 3000 },
    )
    .catch(() => undefined);
}

/** Moves Monaco's cursor to a 1-based line and column and focuses the editor. */
export async function placeCursor(page: Page, lineNumber: number, column: number): Promise<void> {
  await page.evaluate(
    ([l, c]) => {
      window.visit.editor.setPosition({ lineNumber: l!, column: c! });
      window.visit.editor.focus();
    },
    [lineNumber, column],
  );
}

/** The page coordinates of a 1-based line and column in the editor. */
export async function pointAt(page: Page, lineNumber: number, column: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([l, c]) => {
      const ed = window.visit.editor;
      ed.revealPositionInCenter({ lineNumber: l!, column: c! });
      const p = ed.getScrolledVisiblePosition({ lineNumber: l!, column: c! })!;
      const box = ed.getDomNode()!.getBoundingClientRect();
      return { x: box.left + p.left + 3, y: box.top + p.top + p.height / 2 };
    },
    [lineNumber, column],
  );
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`, plus `shift` columns. */
export function locate(text: string, needle: string, shift = 0): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' is not in the text`);
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  return { line, column: i - before.lastIndexOf('\n') + shift };
}

/**
 * Opens the app once for the enclosing describe block (waiting until it is ready) and closes it
 * afterwards. The returned session reads through to the open one, so tests use `s.page` directly.
 */
export function useEditor(): EditorSession {
  let session: EditorSession | undefined;
  beforeAll(async () => {
    session = await openEditor();
    await appReady(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });
  const open = (): EditorSession => {
    if (!session) throw new Error('the editor did not open (see the beforeAll error)');
    return session;
  };
  return {
    get browser() { return open().browser; },
    get page() { return open().page; },
    get url() { return open().url; },
    get errors() { return open().errors; },
    close: () => open().close(),
  };
}
