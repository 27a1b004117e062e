// The library on an integrator's page served with a strict Content-Security-Policy (no
// 'unsafe-eval', no inline script, workers from 'self' only): the editor mounts, underlines a
// misspelt field, and screens the example records with visit screen's counts.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditor, canRunBrowser, editorRoot, openEditor, testOutput, type EditorSession } from './support/browser';
import { countsOf, recordsFile, rulesFile, screenWithCli, type CliRow } from './support/visit-screen';

// Scripts and workers from 'self' only, no 'unsafe-eval'. Monaco 0.57 writes styles inline (the
// <style> elements of its theme, style="…" in the lines it renders), which the strict policy
// refuses: the editor works (API, diagnostics, screening) but draws badly. With inline styles
// allowed it draws fully; what each policy refused is written to test-output/strict-csp-*.json.
const POLICIES = [
  { name: 'strict', csp: "default-src 'self'; worker-src 'self'", inlineStyles: false },
  { name: 'inline-styles', csp: "default-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'", inlineStyles: true },
];

interface Violation {
  directive: string;
  blocked: string;
}
type CspWindow = Window & { cspViolations: Violation[] };

describe.runIf(canRunBrowser).each(POLICIES)('an embedding page served with "$csp"', ({ name, csp: CSP, inlineStyles }) => {
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
    s = await openEditor('index.html', {
      dir,
      headers: { 'content-security-policy': CSP },
      initScript: () => {
        const w = window as unknown as CspWindow;
        w.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
      },
    });
    s.page.on('request', (r) => requests.push(r.url()));
    await s.page.waitForFunction(() => window.visit !== undefined && document.querySelector('.monaco-editor .view-lines') !== null);
  });
  afterAll(async () => {
    if (s) {
      mkdirSync(testOutput, { recursive: true });
      const refused = await violations();
      const times = new Map<string, number>();
      for (const v of refused) times.set(`${v.directive} ${v.blocked}`, (times.get(`${v.directive} ${v.blocked}`) ?? 0) + 1);
      writeFileSync(join(testOutput, `strict-csp-${name}.json`), `${JSON.stringify({ csp: CSP, refused: Object.fromEntries(times) }, null, 2)}\n`);
      await s.page.screenshot({ path: join(testOutput, `strict-csp-${name}.png`) });
    }
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const violations = () => s.page.evaluate(() => (window as unknown as CspWindow).cspViolations);

  it('mounts the editor with no script or worker refused, the workers from the page\'s origin', async () => {
    await s.page.evaluate(() => window.visit.diagnostics());
    const origin = new URL(s.url).origin;
    const workers = s.page.workers().map((w) => w.url());
    expect(workers.length).toBeGreaterThanOrEqual(2);
    for (const url of workers) expect(url.startsWith(`${origin}/visit-editor/assets/`), url).toBe(true);
    expect((await violations()).filter((v) => !v.directive.startsWith('style-src'))).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  });

  it('underlines a misspelt field', async () => {
    const rules = await s.page.evaluate(() => window.visit.getValue());
    await s.page.evaluate((t) => window.visit.setValue(t), rules.replace('literacy >= min_læs', 'literacyy >= min_læs'));
    // F8 goes to a problem only once the checker has reported it (pressed earlier, it does
    // nothing and the line below the fold is never drawn): wait for the diagnostic first.
    await s.page.waitForFunction(async () =>
      (await window.visit.diagnostics()).diagnostics.some((d) => d.message.includes("'literacyy'")),
    );
    // The misspelt line is below the fold: F8 (next problem) goes there, as a user would.
    await s.page.locator('.monaco-editor .view-lines').click();
    await s.page.keyboard.press('F8');
    // Under the strict policy Monaco's inline styles are refused: the squiggle is there, without its size.
    await s.page.waitForSelector('.squiggly-error', { state: inlineStyles ? 'visible' : 'attached' });
    const { diagnostics } = await s.page.evaluate(() => window.visit.diagnostics());
    expect(diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining("unknown name 'literacyy'"));
    await s.page.evaluate((t) => window.visit.setValue(t), rules);
    await s.page.waitForFunction(() => document.querySelectorAll('.squiggly-error').length === 0);
  });

  if (inlineStyles) {
    it('refuses nothing else', async () => {
      expect(await violations()).toEqual([]);
    });
  }

  it("screens the example records with visit screen's counts", async () => {
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
  });
});
