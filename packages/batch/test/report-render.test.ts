// The screening report's renderer (report/render.ts): data → the numbers that appear in the page,
// small cells suppressed ("< 5", and "x" where one could be worked out), and the note rule (a
// band's eligible share ≥ 10 points from the others', both at least 20 citizens).
import { describe, expect, it } from 'vitest';
import { renderScreenReport, shownCounts, type ReportProgram, type ScreenReportData } from '../src/report/render';

function program(name: string, eligible: number, ineligible: number, undetermined: number, extra: Partial<ReportProgram> = {}): ReportProgram {
  return {
    name,
    label: null,
    lines: [
      { kind: 'require', source: 'benefit = dagpenge', label: 'For dagpengemodtagere' },
      { kind: 'require', source: 'literacy >= 3', label: null },
    ],
    eligible,
    ineligible,
    undetermined,
    failedLines: [ineligible, 0],
    unknownLines: [0, undetermined],
    missingFields: undetermined > 0 ? [{ field: 'literacy', label: 'Læseniveau', rows: undetermined }] : [],
    ...extra,
  };
}

/** One programme, one breakdown with the given bands ([key, rows, eligible, ineligible, undetermined]). */
function data(bands: [string, number, number, number, number][], invalid = 0): ScreenReportData {
  const sum = (i: number) => bands.reduce((a, b) => a + (b[i] as number), 0);
  const valid = sum(1);
  return {
    recordsName: 'citizens.csv',
    rulesName: 'rules.visit',
    asOf: '2026-11-23',
    rulesVersion: 'sha256:00',
    params: {},
    read: valid + invalid,
    valid,
    invalid,
    programs: [program('jobklub', sum(2), sum(3), sum(4))],
    breakdowns: [
      {
        spec: 'benefit',
        field: 'benefit',
        fieldLabel: 'Ydelse',
        bands: bands.map(([key, rows, e, i, u]) => ({ key, rows, outcomes: [[e, i, u]] })),
      },
    ],
  };
}

/** The cells of the table rows whose first cell is `key` (text, in page order). */
function rowsOf(html: string, key: string): string[][] {
  const out: string[][] = [];
  for (const m of html.matchAll(/<tr>(.*?)<\/tr>/g)) {
    const cells = [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    if (cells[0] === key) out.push(cells.slice(1));
  }
  return out;
}

describe('renderScreenReport: the numbers on the page', () => {
  const cases: { name: string; bands: [string, number, number, number, number][]; invalid?: number; band: string; expected: string[] }[] = [
    { name: 'large cells are shown as they are', bands: [['dagpenge', 60, 30, 20, 10], ['kontanthjaelp', 40, 10, 25, 5]], band: 'dagpenge', expected: ['60', '30', '20', '10'] },
    { name: 'a cell of 3 is "< 5", the smallest other cell of its band is withheld', bands: [['dagpenge', 60, 3, 47, 10], ['kontanthjaelp', 40, 10, 25, 5]], band: 'dagpenge', expected: ['60', '< 5', '47', 'x'] },
    { name: '… and the cell below it in the same outcome too', bands: [['dagpenge', 60, 3, 47, 10], ['kontanthjaelp', 40, 10, 25, 5]], band: 'kontanthjaelp', expected: ['40', 'x', '25', 'x'] },
    { name: 'a band of 4 citizens: all of it hidden, and another band withheld', bands: [['dagpenge', 4, 1, 3, 0], ['kontanthjaelp', 40, 10, 25, 5], ['sygedagpenge', 30, 10, 10, 10]], band: 'dagpenge', expected: ['< 5', '< 5', '< 5', '0'] },
    { name: 'zero is shown', bands: [['dagpenge', 50, 0, 50, 0], ['kontanthjaelp', 40, 10, 25, 5]], band: 'dagpenge', expected: ['50', '0', '50', '0'] },
    { name: 'thousands with a comma (en)', bands: [['dagpenge', 12345, 6000, 6000, 345], ['kontanthjaelp', 40, 10, 25, 5]], band: 'dagpenge', expected: ['12,345', '6,000', '6,000', '345'] },
  ];
  it.each(cases)('$name', ({ bands, band, expected, invalid }) => {
    const html = renderScreenReport(data(bands, invalid));
    expect(rowsOf(html, band)).toEqual([expected]);
  });

  it('a band of 4 hides one more band total, so that it cannot be had as valid minus the others', () => {
    const html = renderScreenReport(data([['dagpenge', 4, 1, 3, 0], ['kontanthjaelp', 40, 10, 25, 5], ['sygedagpenge', 30, 10, 10, 10]]));
    expect(rowsOf(html, 'sygedagpenge')[0]![0]).toBe('x');
    expect(rowsOf(html, 'kontanthjaelp')[0]![0]).toBe('40');
  });

  it('the summary: rows read, valid and invalid (3 invalid: "< 5", and valid withheld)', () => {
    const html = renderScreenReport(data([['dagpenge', 60, 30, 20, 10]], 3));
    expect(rowsOf(html, 'Rows read')).toEqual([['63']]);
    expect(rowsOf(html, 'Valid')).toEqual([['x']]);
    expect(rowsOf(html, 'Invalid (errors in the data)')).toEqual([['< 5']]);
  });

  it('Danish: words, thousands with a point, percentages with a space', () => {
    const html = renderScreenReport(data([['dagpenge', 12000, 6000, 5000, 1000], ['kontanthjaelp', 40, 10, 25, 5]]), { lang: 'da' });
    expect(html).toContain('<html lang="da">');
    expect(rowsOf(html, 'dagpenge')).toEqual([['12.000', '6.000', '5.000', '1.000']]);
    expect(html).toContain('50 % opfylder');
    expect(html).toContain('Udfald fordelt på Ydelse (benefit)');
    expect(html).toContain('Sådan læses rapporten');
  });

  it('the lines that failed and the fields that were missing, with their counts', () => {
    const html = renderScreenReport(data([['dagpenge', 60, 30, 20, 10], ['kontanthjaelp', 40, 10, 25, 5]]));
    expect(rowsOf(html, '1')).toEqual([['require benefit = dagpengeFor dagpengemodtagere', '45']]);
    expect(rowsOf(html, '2')).toEqual([['require literacy >= 3', '15']]);
    expect(rowsOf(html, 'Læseniveau (literacy)')).toEqual([['15']]);
  });

  it('names from the rules are escaped', () => {
    const d = data([['<b>x</b>', 60, 30, 20, 10]]);
    d.programs[0]!.label = '<script>alert(1)</script>';
    const html = renderScreenReport(d);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('the page loads nothing and runs nothing', () => {
    const html = renderScreenReport(data([['dagpenge', 60, 30, 20, 10]]));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)|<link|<img|@import|url\((?!#)/i);
    expect(html).toContain('@page { size: A4');
  });
});

describe('the note rule: ≥ 10 percentage points from the others, both groups ≥ 20 citizens, counts shown', () => {
  const cases: { name: string; bands: [string, number, number, number, number][]; notes: string[] }[] = [
    { name: '50% against 30%: a note on each side', bands: [['a', 40, 20, 20, 0], ['b', 60, 18, 42, 0]], notes: ['a', 'b'] },
    { name: 'exactly 10 points: a note', bands: [['a', 50, 25, 25, 0], ['b', 50, 20, 30, 0]], notes: ['a', 'b'] },
    { name: '9 points: none', bands: [['a', 100, 50, 50, 0], ['b', 100, 41, 59, 0]], notes: [] },
    { name: 'a band of 19 citizens: none for it (nor for the others, who are compared with it)', bands: [['a', 19, 19, 0, 0], ['b', 100, 20, 80, 0]], notes: [] },
    { name: '0% against 50%: a note (a rule on benefit shows as such); b and c: 50% against 25%', bands: [['a', 30, 0, 30, 0], ['b', 30, 15, 15, 0], ['c', 30, 15, 15, 0]], notes: ['a', 'b', 'c'] },
    { name: 'a band whose eligible count is withheld: no note', bands: [['a', 30, 3, 27, 0], ['b', 30, 20, 10, 0], ['c', 30, 6, 24, 0]], notes: [] },
  ];
  it.each(cases)('$name', ({ bands, notes }) => {
    const d = data(bands);
    const got = shownCounts(d).notes.map((n) => d.breakdowns[0]!.bands[n.band]!.key);
    expect(got).toEqual(notes);
    const html = renderScreenReport(d);
    expect((html.match(/<p class="note">/g) ?? []).length).toBe(notes.length);
  });

  it('says the shares and the difference in words', () => {
    const html = renderScreenReport(data([['a', 40, 20, 20, 0], ['b', 60, 18, 42, 0]]));
    expect(html).toContain('a: 50% are eligible for jobklub, against 30% of the other citizens — 20 percentage points higher.');
    const da = renderScreenReport(data([['a', 40, 20, 20, 0], ['b', 60, 18, 42, 0]]), { lang: 'da' });
    expect(da).toContain('b: 30 % opfylder kriterierne for jobklub mod 50 % af de øvrige borgere — 20 procentpoint lavere.');
  });
});
