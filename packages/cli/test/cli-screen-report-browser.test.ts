// The report of `visit screen --report` opened in Chromium (playwright-core, as the editor's
// browser tests drive it): it draws its charts (SVG bars), asks for nothing over the network (every
// request is routed and counted), holds no CPR number or personal value of the example citizens,
// and leaves a screenshot for a person in packages/cli/test-output/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertChromium, openHtmlPage } from './browser-page';
import { buildCli, ROOT, tempDir, TRE, TRE_CSV, visit } from './cli-support';

const testOutput = join(ROOT, 'packages', 'cli', 'test-output');
const tmp = tempDir('report-browser');
afterAll(() => tmp.remove());

const languages = ['en', 'da'] as const;
const reports = new Map<string, string>();
beforeAll(async () => {
  assertChromium();
  buildCli();
  for (const lang of languages) {
    const report = join(tmp.dir, `report-${lang}.html`);
    const run = await visit([
      'screen', TRE, TRE_CSV, '--as-of', '2026-11-23', '--out', join(tmp.dir, `out-${lang}.ndjson`),
      '--report', report, '--by', 'benefit', '--by', 'age_of(birth_date):10 years', '--lang', lang,
    ]);
    if (run.code !== 1) throw new Error(`visit screen ended with ${run.code}:\n${run.stderr}`);
    reports.set(lang, report);
  }
});

describe.each(languages)('the report in Chromium (%s)', (lang) => {
  it('draws bars, requests nothing, holds no personal data; screenshot in test-output/', async () => {
    const html = readFileSync(reports.get(lang)!, 'utf8');
    const { page, requests, errors, close } = await openHtmlPage(html, { width: 1000, height: 1400 });
    try {
      await page.waitForFunction(() => document.querySelectorAll('svg.chart rect.bar').length > 0);

      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('svg.chart')].map((svg) => ({
          bars: svg.querySelectorAll('rect.bar').length,
          width: svg.getBoundingClientRect().width,
        })),
      );
      // Outcomes, two lines sections of three programmes each, and 2 breakdowns × 3 programmes.
      expect(charts.length).toBeGreaterThanOrEqual(1 + 3 + 2 * 3);
      for (const c of charts) {
        expect(c.bars).toBeGreaterThan(0);
        expect(c.width).toBeGreaterThan(300);
      }
      // The eligible segments of the outcomes chart have the widths of their shares (44, 39, 50 of 190).
      const eligible = await page.evaluate(() =>
        [...document.querySelectorAll('#outcomes svg.chart rect.bar.eligible')].map((r) => Number(r.getAttribute('width'))),
      );
      expect(eligible.map((w) => Math.round((w / 380) * 190))).toEqual([44, 39, 50]);
      const notes = await page.locator('p.note').count();
      expect(notes).toBeGreaterThan(0);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);

      // No CPR number of the example citizens, no value of a personal field (health: only in the rule's own line).
      const text = await page.evaluate(() => document.documentElement.outerHTML);
      const citizens = readFileSync(TRE_CSV, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1).filter((l) => l !== '');
      const cprs = citizens.map((line) => line.split(';')[0]!.replace(/"/g, '')).filter((cpr) => cpr.length >= 6);
      expect(cprs.length).toBeGreaterThan(150);
      for (const cpr of cprs) expect(text.includes(cpr), 'a CPR number of the example').toBe(false);
      expect(text).not.toMatch(/\d{6}-?\d{4}/);
      const outside = text.replace(/<td class="code">.*?<\/td>/g, '');
      for (const value of ['no_limits', 'some_limits', 'prevents_placement']) expect(outside).not.toContain(value);

      // Printable: A4 pages as a PDF (headless Chromium's print path).
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      mkdirSync(testOutput, { recursive: true });
      const shot = join(testOutput, `screen-report-${lang}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
    } finally {
      await close();
    }
  });
});
