// renderDiffHtml (`visit diff --format html`): one self-contained page — the CSP that loads nothing,
// no script, no address to fetch, inline SVG bars per programme and per `--by` key — with counts
// only: no id or CPR number of the records, small counts (1–4) shown as "< 5" and the counts that
// would give them away withheld ("x"), counts of 5 and more as numbers.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffRecords, renderDiffHtml } from '../src/index';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RULES = readFileSync(join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.visit'), 'utf8');
const CSV = readFileSync(join(ROOT, 'examples', 'tre-hovedveje', 'citizens.csv'));
const CPRS = CSV.toString('utf8').split(/\r?\n/).slice(1).map((l) => l.split(';')[0]!.replace(/^\uFEFF/, '').replace(/"/g, '')).filter((c) => c !== '');

describe('renderDiffHtml', async () => {
  const d = await diffRecords(CSV, { rules: RULES, asOf: '2026-11-23' }, { rules: RULES, asOf: '2026-11-23', params: { min_læs: '2' } }, { by: ['age_of(birth_date):10 years', 'benefit'] });
  const html = renderDiffHtml(d, { oldName: 'tre-hovedveje.visit', newName: 'tre-hovedveje.visit' });

  it('is one page that loads nothing and runs nothing', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\((?!#)/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
  });

  it('has a chart per programme and per band', () => {
    const charts = html.match(/<svg class="chart"/g) ?? [];
    // per programme: the old/new bars, and one chart per --by breakdown
    expect(charts.length).toBe(d.programs.length * (1 + d.by.length));
    expect(html).toContain('30–39 years · old');
    expect(html).toContain('dagpenge · new');
  });

  it('never holds an id or a CPR number', () => {
    for (const cpr of CPRS) expect(html).not.toContain(cpr);
    expect(html).not.toMatch(/\b\d{6}-?\d{4}\b/);
  });

  it('shows counts of 5 and more, hides 1–4 and what gives them away', () => {
    const jobklub = d.programs.find((p) => p.name === 'jobklub')!;
    // ineligible → ineligible (113): a number in the matrix table; no sum around it has one hidden term.
    expect(jobklub.matrix.ineligible.ineligible).toBeGreaterThanOrEqual(5);
    expect(html).toContain(`<td class="num">${jobklub.matrix.ineligible.ineligible}</td>`);
    // ineligible → undetermined is 1: shown as "< 5", and some count beside it withheld.
    expect(jobklub.matrix.ineligible.undetermined).toBe(1);
    expect(html).toContain('<td class="num hidden small">&lt; 5</td>');
    expect(html).toContain('<td class="num hidden withheld">x</td>');
    // Withheld: the 7 ineligible → eligible beside it (the smallest other count of 5 or more in its row).
    expect(jobklub.matrix.ineligible.eligible).toBe(7);
    expect(html).not.toContain('<td class="num">7</td>');
    // A line that moved fewer than 5 rows is not counted exactly.
    const few = d.lines.find((l) => l.rows < 5)!;
    expect(html).toContain(`for &lt; 5 rows that were ${few.from}`);
  });
});
