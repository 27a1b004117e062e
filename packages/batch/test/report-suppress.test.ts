// Small-cell suppression of the reports (report/suppress.ts): counts of 1–4 are "< 5"; wherever a
// sum of shown counts has exactly one hidden term, one more (at least 5) is withheld.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pinned, suppress, type Visibility } from '../src/report/suppress';

const S: Visibility = 'shown';
const SM: Visibility = 'small';
const W: Visibility = 'withheld';

describe('suppress: one sum', () => {
  // values[0] is the total, the rest its parts.
  const cases: { name: string; values: number[]; expected: Visibility[] }[] = [
    { name: 'nothing small', values: [30, 10, 20], expected: [S, S, S] },
    { name: 'a small part: the smallest other part of at least 5 is withheld', values: [30, 3, 7, 20], expected: [S, SM, W, S] },
    { name: 'a zero is no citizen: shown, never the complement', values: [10, 3, 0, 7], expected: [S, SM, S, W] },
    { name: 'two small parts protect each other', values: [20, 2, 3, 15], expected: [S, SM, SM, S] },
    { name: 'a small total and its one non-zero part', values: [4, 4, 0], expected: [SM, SM, S] },
    { name: 'only the total is left to withhold', values: [8, 3, 5], expected: [S, SM, W] },
    { name: 'all zero', values: [0, 0, 0], expected: [S, S, S] },
    { name: '6 = "< 5" + "x" would be 1 + 5: the total is withheld too', values: [6, 1, 5, 0], expected: [W, SM, W, S] },
    { name: 'two "< 5" that make 2 would be 1 + 1: the 20 is withheld', values: [22, 20, 1, 1], expected: [S, W, SM, SM] },
  ];
  it.each(cases)('$name', ({ values, expected }) => {
    expect(suppress(values, [values.map((_, i) => i)])).toEqual(expected);
  });
});

describe('suppress: sums that share counts (a band × outcome table with its margins)', () => {
  it('a withheld cell makes its column withhold another, and so on', () => {
    // rows: two bands of three outcomes; row totals 20, 30; column totals 12, 23, 15; grand 50.
    const cells = [
      [3, 10, 7],
      [9, 13, 8],
    ];
    const values = [50, 20, 30, 12, 23, 15, ...cells.flat()];
    const cell = (r: number, c: number) => 6 + r * 3 + c;
    const sums = [
      [0, 1, 2],
      [0, 3, 4, 5],
      [1, cell(0, 0), cell(0, 1), cell(0, 2)],
      [2, cell(1, 0), cell(1, 1), cell(1, 2)],
      ...[0, 1, 2].map((c) => [3 + c, cell(0, c), cell(1, c)]),
    ];
    const shown = suppress(values, sums);
    expect(shown[cell(0, 0)]).toBe('small');
    // Row 0: the smallest other part, 7, is withheld; column 0: the 9 below the 3.
    expect(shown[cell(0, 2)]).toBe('withheld');
    expect(shown[cell(1, 0)]).toBe('withheld');
    // Column 2 then holds one hidden term (the 7): its other part, 8, too; row 1 then has two.
    expect(shown[cell(1, 2)]).toBe('withheld');
    expect(shown.slice(0, 6)).toEqual([S, S, S, S, S, S]);
    expect(shown[cell(0, 1)]).toBe('shown');
    expect(shown[cell(1, 1)]).toBe('shown');
  });

  it('refuses sums that do not add up', () => {
    expect(() => suppress([10, 3, 3], [[0, 1, 2]])).toThrow(/does not add up/);
  });
});

describe('suppress: property over random tables with margins', () => {
  const table = fc.record({
    rows: fc.integer({ min: 1, max: 5 }),
    cols: fc.integer({ min: 1, max: 4 }),
    cells: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: 20, maxLength: 20 }),
  });
  it('no count of 1–4 is shown, nothing withheld is under 5, no sum has exactly one hidden term or pins one', () => {
    fc.assert(
      fc.property(table, ({ rows, cols, cells }) => {
        const inner = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cells[r * cols + c]!));
        const rowTotals = inner.map((r) => r.reduce((a, b) => a + b, 0));
        const colTotals = Array.from({ length: cols }, (_, c) => inner.reduce((a, r) => a + r[c]!, 0));
        const grand = rowTotals.reduce((a, b) => a + b, 0);
        const values = [grand, ...rowTotals, ...colTotals, ...inner.flat()];
        const rowAt = (r: number) => 1 + r;
        const colAt = (c: number) => 1 + rows + c;
        const cellAt = (r: number, c: number) => 1 + rows + cols + r * cols + c;
        const sums = [
          [0, ...inner.map((_, r) => rowAt(r))],
          [0, ...colTotals.map((_, c) => colAt(c))],
          ...inner.map((row, r) => [rowAt(r), ...row.map((_, c) => cellAt(r, c))]),
          ...colTotals.map((_, c) => [colAt(c), ...inner.map((_, r) => cellAt(r, c))]),
        ];
        const shown = suppress(values, sums);
        values.forEach((v, i) => {
          if (v > 0 && v < 5) expect(shown[i]).toBe('small');
          if (shown[i] === 'withheld') expect(v).toBeGreaterThanOrEqual(5);
          if (v === 0) expect(shown[i]).toBe('shown');
        });
        for (const sum of sums) {
          expect(sum.filter((i) => shown[i] !== 'shown').length).not.toBe(1);
          // No sum pins a hidden count, unless nothing of 5 or more is left to withhold in it.
          if (pinned(sum, values, shown, 5)) expect(sum.every((i) => shown[i] !== 'shown' || values[i]! < 5)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
