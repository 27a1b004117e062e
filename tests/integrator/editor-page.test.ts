// The editor on an integrator's plain page (issue 10): the page, its stylesheet and its script are
// the editor README's "Embedding" snippets, written as they are into the project that installed
// the packed tarballs with npm, where they load node_modules/@visit/editor/dist-lib/ by relative
// URL (no bundler). The folder is served with a strict Content-Security-Policy (no 'unsafe-eval',
// no inline script or style, workers from 'self') and opened in Debian's Chromium: the editor
// mounts, a misspelt field gets an error and a squiggle, and the example records are screened with
// the counts `npx visit screen` gives in the same project. What the policy refused is written to
// test-output/integrator-editor-page.json: nothing may be refused, styles included (the library
// routes Monaco's styles through the CSSOM: packages/editor/src/language/csp.ts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitDiagnostic, VisitEditorHandle } from '../../packages/editor/src/types';
import {
  CHROMIUM,
  installedProject,
  playwright,
  readmeSnippets,
  releaseInstalledProject,
  ROOT,
  run,
  serveFolder,
  type Browser,
  type Page,
  type Snippet,
} from './support';

const CSP = "default-src 'self'; worker-src 'self'";
const README = join(ROOT, 'packages', 'editor', 'README.md');
const LIBRARY = 'node_modules/@visit/editor/dist-lib/';
const TEST_OUTPUT = join(ROOT, 'test-output');

interface Violation {
  directive: string;
  blocked: string;
}
type PageWindow = Window & { editor?: VisitEditorHandle; cspViolations: Violation[] };

/** The README's page: its blocks marked ```html title="index.html" env="browser"``` and so on. */
const PAGE: Snippet[] = readmeSnippets(README).snippets.filter((s) => s.attributes['env'] === 'browser');

/** Per programme: how many rows had each outcome, from `visit screen`'s NDJSON. */
function countsOf(ndjson: string): { rows: number; invalid: number; programs: Record<string, Record<string, number>> } {
  const rows = ndjson.trimEnd().split('\n').map((l) => JSON.parse(l) as { status: string; programs?: Record<string, string> });
  const programs: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    for (const [program, outcome] of Object.entries(row.programs ?? {})) {
      programs[program] ??= { eligible: 0, ineligible: 0, undetermined: 0 };
      programs[program][outcome]!++;
    }
  }
  return { rows: rows.length, invalid: rows.filter((r) => r.status === 'invalid').length, programs };
}

describe(`the editor README's embedding page, served from the npm-installed project with "${CSP}"`, () => {
  let browser: Browser | undefined;
  let page: Page;
  let server: { origin: string; close(): Promise<void> } | undefined;
  let cli: ReturnType<typeof countsOf>;
  const requests: string[] = [];
  /**
   * Page errors, console errors and failed requests. Not Chromium's console line for each refused
   * inline style (they are counted as violations), nor its echo of a failed request (the request is
   * listed with its URL), nor the favicon Chromium asks every site for.
   */
  const errors: string[] = [];

  beforeAll(async () => {
    // Never skipped: without Chromium this fails (pnpm test installs it first: scripts/ensure-chromium.sh).
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
    const { project, env } = await installedProject('editor-page.test.ts');
    for (const snippet of PAGE) writeFileSync(join(project, snippet.title), snippet.code);

    // The oracle: the installed command on the same files (exit 1: the example has invalid rows).
    const screened = run('npx', ['--no-install', 'visit', 'screen', 'tre-hovedveje.visit', 'citizens.csv', '--as-of', '2026-11-23'], project, env);
    if (screened.status !== 1) throw new Error(`npx visit screen exited ${screened.status}\n${screened.stderr}`);
    cli = countsOf(screened.stdout);

    server = await serveFolder(project, { 'content-security-policy': CSP });
    browser = await playwright().chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Runs before the page's scripts (over CDP: the page's policy does not apply to it).
    await page.addInitScript(() => {
      const w = window as unknown as PageWindow;
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
    });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Applying inline style violates|^Refused to apply inline style|^Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.origin}/index.html`);
    // main.js sets window.editor once the records are screened.
    await page.waitForFunction(() => (window as unknown as PageWindow).editor !== undefined && document.querySelector('.monaco-editor .view-lines') !== null);
  }, 1_200_000);

  afterAll(async () => {
    try {
      if (browser) {
        const refused = await violations();
        const times: Record<string, number> = {};
        for (const v of refused) times[`${v.directive} ${v.blocked}`] = (times[`${v.directive} ${v.blocked}`] ?? 0) + 1;
        mkdirSync(TEST_OUTPUT, { recursive: true });
        writeFileSync(join(TEST_OUTPUT, 'integrator-editor-page.json'), `${JSON.stringify({ csp: CSP, refused: times }, null, 2)}\n`);
        await page.screenshot({ path: join(TEST_OUTPUT, 'integrator-editor-page.png') });
      }
    } finally {
      await browser?.close();
      await server?.close();
      await releaseInstalledProject('editor-page.test.ts');
    }
  });

  const violations = () => page.evaluate(() => (window as unknown as PageWindow).cspViolations);
  const handle = <T>(fn: (editor: VisitEditorHandle) => T | Promise<T>) =>
    page.evaluate(`(${fn.toString()})(window.editor)`) as Promise<T>;

  it('is the README\'s index.html, page.css and main.js, with no inline script or style, loading the installed library by relative URL', () => {
    expect(PAGE.map((s) => s.title)).toEqual(['index.html', 'page.css', 'main.js']);
    const [html, , js] = PAGE.map((s) => s.code) as [string, string, string];
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
    expect(html).toContain(`href="${LIBRARY}visit-editor.css"`);
    expect(html).toContain('<script type="module" src="main.js"></script>');
    expect(js).toContain(`from './${LIBRARY}visit-editor.js'`);
  });

  it('mounts the editor: nothing refused (scripts, workers, styles), its workers from the installed package, nothing from elsewhere, no errors', async () => {
    const { origin } = server!;
    const workers = page.workers().map((w) => w.url());
    expect(workers.length).toBeGreaterThanOrEqual(2);
    expect(workers.filter((url) => !url.startsWith(`${origin}/${LIBRARY}assets/`))).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('underlines a misspelt field: an error diagnostic from the handle and a squiggle in the page', async () => {
    const rules = await handle((e) => e.getValue());
    expect(rules).toContain('literacy >= min_læs');
    await page.evaluate((t) => (window as unknown as PageWindow).editor!.setValue(t), rules.replace('literacy >= min_læs', 'literacyy >= min_læs'));
    // F8 moves to a problem only once the checker has reported it: wait for the diagnostic first.
    await page.waitForFunction(async () =>
      (await (window as unknown as PageWindow).editor!.diagnostics()).diagnostics.some((d) => d.message.includes("'literacyy'")),
    );
    const diagnostics: VisitDiagnostic[] = (await handle((e) => e.diagnostics())).diagnostics;
    expect(diagnostics.filter((d) => d.message.includes("'literacyy'")).map((d) => ({ severity: d.severity, message: d.message }))).toEqual([
      { severity: 1, message: expect.stringContaining("unknown name 'literacyy'") },
    ]);
    // The misspelt line is below the fold: F8 (next problem) goes there, as a user would.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('F8');
    // Drawn, not only attached: Monaco's sizes reach the page under this policy.
    await page.waitForSelector('.squiggly-error', { state: 'visible' });
    expect(await page.locator('.squiggly-error').count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    await page.evaluate((t) => (window as unknown as PageWindow).editor!.setValue(t), rules);
    await page.waitForFunction(() => document.querySelectorAll('.squiggly-error').length === 0);
  });

  it('screens the example records with the counts npx visit screen gives in the same project', async () => {
    const result = await handle(async (e) => {
      const r = await e.screened();
      return r && { errors: r.errors, programs: r.programs, counts: r.counts, rows: r.status.length, invalid: r.invalid };
    });
    expect(result).toBeDefined();
    const { errors: problems, programs, counts, rows, invalid } = result!;
    const byProgram = Object.fromEntries(programs.map((p, i) => [p, { eligible: counts[i]![0], ineligible: counts[i]![1], undetermined: counts[i]![2] }]));
    expect({ errors: problems, rows, invalid, programs: byProgram }).toEqual({ errors: [], rows: cli.rows, invalid: cli.invalid, programs: cli.programs });
    expect(cli.rows).toBeGreaterThan(0);
  });
});
