// `visit doc --format html` opened in Chromium: the page asks for nothing over the network, has a
// print stylesheet that gives A4 pages (the committee gets it as a PDF from the browser), shows
// every programme of the example with its requirement table, and leaves screenshots for a person
// in packages/cli/test-output/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertChromium, openHtmlPage } from './browser-page';
import { buildCli, ROOT, TRE, visit } from './cli-support';

const testOutput = join(ROOT, 'packages', 'cli', 'test-output');
const pages = new Map<string, string>();
beforeAll(async () => {
  assertChromium();
  buildCli();
  for (const lang of ['da', 'en']) {
    const run = await visit(['doc', TRE, '--lang', lang, '--format', 'html', '--as-of', '2026-11-23']);
    if (run.code !== 0) throw new Error(`visit doc ended with ${run.code}:\n${run.stderr}`);
    pages.set(lang, run.stdout);
  }
});

describe.each([
  { lang: 'da', heading: 'Tilbud', first: 'Hovedvej 1 – Jobklub' },
  { lang: 'en', heading: 'Programmes', first: 'Hovedvej 1 – Jobklub' },
])('the rules document in Chromium ($lang)', ({ lang, heading, first }) => {
  it('loads nothing, shows the programmes, prints to A4 pages; screenshot in test-output/', async () => {
    const { page, requests, errors, close } = await openHtmlPage(pages.get(lang)!, { width: 900, height: 1200 });
    try {
      const headings = await page.locator('h2').allInnerTexts();
      expect(headings).toContain(heading);
      const programmes = await page.locator('h3').allInnerTexts();
      expect(programmes.some((h) => h.includes(first))).toBe(true);
      // Each programme has its table of requirements, with rows.
      expect(await page.locator('table tbody tr').count()).toBeGreaterThan(10);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);

      // The print stylesheet's A4 page: a PDF whose pages are 595 × 842 points.
      await page.emulateMedia({ media: 'print' });
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      expect(boxes.length).toBeGreaterThanOrEqual(1);
      for (const b of boxes) expect(b).toEqual([595, 842]);

      await page.emulateMedia({ media: 'screen' });
      mkdirSync(testOutput, { recursive: true });
      const shot = join(testOutput, `doc-${lang}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
    } finally {
      await close();
    }
  });
});
