// The page of `visit diff --format html` opened in Chromium (playwright-core, as the screen
// report's browser test drives it): it draws its charts (old and new bars per programme and per
// --by key) with bar widths that are the counts of `visit diff --format json`, asks for nothing
// over the network (every request is routed and counted), holds no CPR number of the example
// citizens, prints to A4, and leaves a screenshot for a person in packages/cli/test-output/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertChromium, openHtmlPage } from './browser-page';
import { buildCli, ROOT, tempDir, TRE, TRE_CSV, visit } from './cli-support';

const testOutput = join(ROOT, 'packages', 'cli', 'test-output');
const tmp = tempDir('diff-browser');
afterAll(() => tmp.remove());

// Lowering the job club's literacy threshold: 8 rows change (hand-checked in cli-diff.test.ts).
const change = ['diff', TRE, TRE_CSV, '--as-of', '2026-11-23', '--new-param', 'min_læs=2', '--by', 'benefit'];
type Outcome = 'eligible' | 'ineligible' | 'undetermined';
interface DiffJson {
  valid: number;
  programs: { name: string; matrix: Record<Outcome, Record<Outcome, number>> }[];
}
let html = '';
let json: DiffJson;
beforeAll(async () => {
  assertChromium();
  buildCli();
  const htmlRun = await visit([...change, '--format', 'html']);
  if (htmlRun.code !== 0) throw new Error(`visit diff ended with ${htmlRun.code}:\n${htmlRun.stderr}`);
  html = htmlRun.stdout;
  const jsonRun = await visit([...change, '--format', 'json']);
  if (jsonRun.code !== 0) throw new Error(`visit diff ended with ${jsonRun.code}:\n${jsonRun.stderr}`);
  json = JSON.parse(jsonRun.stdout) as DiffJson;
});

describe('the diff page in Chromium', () => {
  it('draws old/new bars of the JSON counts, requests nothing, holds no CPR number; prints; screenshot in test-output/', async () => {
    const { page, requests, errors, close } = await openHtmlPage(html, { width: 1000, height: 1400 });
    try {
      await page.waitForFunction(() => document.querySelectorAll('svg.chart rect.bar').length > 0);

      // One chart per programme (old and new rows) and one per programme and --by field.
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('#programmes svg.chart')].map((svg) => ({
          rows: svg.querySelectorAll('g.bar-row').length,
          bars: svg.querySelectorAll('rect.bar').length,
          width: svg.getBoundingClientRect().width,
        })),
      );
      expect(charts.length).toBe(json.programs.length * 2);
      for (const c of charts) {
        expect(c.rows).toBeGreaterThanOrEqual(2);
        expect(c.bars).toBeGreaterThan(0);
        expect(c.width).toBeGreaterThan(300);
      }

      // The new side's bars of each programme's first chart: width ∝ the JSON's column sums (cells
      // withheld for small counts are drawn hatched, not as their outcome, so only shown ones count).
      const drawn = await page.evaluate(() =>
        [...document.querySelectorAll('#programmes h3')].map((h3) => {
          let svg = h3.nextElementSibling!;
          while (!svg.matches('svg.chart')) svg = svg.nextElementSibling!;
          const rows = [...svg.querySelectorAll('g.bar-row')];
          const bars = [...rows[1]!.querySelectorAll('rect.bar')];
          const total = bars.reduce((sum, r) => sum + Number(r.getAttribute('width')), 0);
          const widths = Object.fromEntries(bars.map((r) => [r.getAttribute('class')!.replace('bar ', ''), Number(r.getAttribute('width'))]));
          return { total, widths: widths as Record<string, number | undefined> };
        }),
      );
      const outcomes: Outcome[] = ['eligible', 'ineligible', 'undetermined'];
      let checked = 0;
      json.programs.forEach((p, i) => {
        const { total, widths } = drawn[i]!;
        for (const o of outcomes) {
          const count = outcomes.reduce((sum, from) => sum + p.matrix[from][o], 0);
          const width = widths[o];
          if (width === undefined) continue;
          expect(Math.round((width / total) * json.valid), `${p.name} new ${o}`).toBe(count);
          checked++;
        }
      });
      expect(checked).toBeGreaterThanOrEqual(json.programs.length * 2);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);

      // No CPR number of the example citizens.
      const text = await page.evaluate(() => document.documentElement.outerHTML);
      const citizens = readFileSync(TRE_CSV, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1).filter((l) => l !== '');
      const cprs = citizens.map((line) => line.split(';')[0]!.replace(/"/g, '')).filter((cpr) => cpr.length >= 6);
      expect(cprs.length).toBeGreaterThan(150);
      for (const cpr of cprs) expect(text.includes(cpr), 'a CPR number of the example').toBe(false);
      expect(text).not.toMatch(/\d{6}-?\d{4}/);

      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      mkdirSync(testOutput, { recursive: true });
      const shot = join(testOutput, 'diff-report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
    } finally {
      await close();
    }
  });
});
