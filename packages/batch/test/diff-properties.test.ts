// Properties of diffRecords (LANGUAGE.md §17) over generated records and rule variants:
// - a rule set against itself: only the diagonal, no line changes, and the diagonal is what
//   screenRecords (visit screen's row loop) counts per programme;
// - diff(A, B) is the transpose of diff(B, A), programmes and groups alike, and one-sided
//   programmes swap sides;
// - each matrix sums to the rows valid on both sides; valid + invalid = rows.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRecords, screenRecords, type Matrix } from '../src/index';

const rules = (t: number, extra: string) => `
record R {
  id:   text key
  a:    integer 0..10 optional
  b:    boolean optional
  kind: one of (x, y)
}
param t = ${t}
group big = a >= t
group yish = kind = y or b
program p "P" {
  require big
  require b
}
program q "Q" {
  require yish
  exclude a < 2
}
${extra}
`;

const EXTRAS = ['', 'program r "R" { require not big }', 'program s "S" { require kind = x }', 'group spare = a > 7'];

const ruleSet = fc.record({ t: fc.integer({ min: 0, max: 10 }), extra: fc.constantFrom(...EXTRAS) }).map(({ t, extra }) => rules(t, extra));

const record = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 4 }),
    // 11 and -1 are outside 0..10: the row is invalid.
    a: fc.oneof(fc.integer({ min: -1, max: 11 }), fc.constant(null)),
    b: fc.oneof(fc.boolean(), fc.constant(null)),
    kind: fc.constantFrom('x', 'y', 'z'),
  },
  { requiredKeys: ['id', 'kind'] },
);
const records = fc.array(record, { maxLength: 40 });

function transpose<K extends string>(m: Matrix<K>): Matrix<K> {
  const keys = Object.keys(m) as K[];
  return Object.fromEntries(keys.map((r) => [r, Object.fromEntries(keys.map((c) => [c, m[c][r]]))])) as Matrix<K>;
}
const sum = (m: Matrix<string>) => Object.values(m).reduce((n, row) => n + Object.values(row).reduce((a, b) => a + b, 0), 0);
const offDiagonal = (m: Matrix<string>) => Object.entries(m).reduce((n, [r, row]) => n + Object.entries(row).reduce((a, [c, v]) => a + (c === r ? 0 : v), 0), 0);
const AS_OF = '2026-11-23';

describe('diff properties', () => {
  it('a rule set against itself: only the diagonal, which is what screenRecords counts', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSet, records, async (r, recs) => {
        const d = await diffRecords(recs, { rules: r, asOf: AS_OF }, { rules: r, asOf: AS_OF });
        expect(d.changedRows).toBe(0);
        expect(d.lines).toEqual([]);
        const summary = await screenRecords(recs, r, { asOf: AS_OF }).summary();
        expect(d.valid).toBe(summary.valid);
        expect(d.invalid.both).toBe(summary.invalid);
        for (const p of d.programs) {
          expect(offDiagonal(p.matrix)).toBe(0);
          const s = summary.programmes.find((x) => x.name === p.name)!;
          expect([p.matrix.eligible.eligible, p.matrix.ineligible.ineligible, p.matrix.undetermined.undetermined]).toEqual([s.eligible, s.ineligible, s.undetermined]);
        }
        for (const g of d.groups) expect(offDiagonal(g.matrix)).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('diff(A, B) is the transpose of diff(B, A); every matrix sums to the valid rows', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSet, ruleSet, records, async (a, b, recs) => {
        const ab = await diffRecords(recs, { rules: a, asOf: AS_OF }, { rules: b, asOf: AS_OF });
        const ba = await diffRecords(recs, { rules: b, asOf: AS_OF }, { rules: a, asOf: AS_OF });
        expect(ab.rows).toBe(recs.length);
        expect(ab.valid + ab.invalid.both + ab.invalid.oldOnly + ab.invalid.newOnly).toBe(recs.length);
        expect(ba.programs.map((p) => [p.name, p.matrix])).toEqual(ab.programs.map((p) => [p.name, transpose(p.matrix)]));
        expect(ba.groups.map((g) => [g.name, g.matrix])).toEqual(ab.groups.map((g) => [g.name, transpose(g.matrix)]));
        expect(ba.onlyOld.map((x) => [x.name, x.counts])).toEqual(ab.onlyNew.map((x) => [x.name, x.counts]));
        expect(ba.changedRows).toBe(ab.changedRows);
        for (const p of ab.programs) expect(sum(p.matrix)).toBe(ab.valid);
        for (const g of ab.groups) expect(sum(g.matrix)).toBe(ab.valid);
        // Every changed row has a line that moved it: the line counts of a programme cover its changes.
        for (const p of ab.programs) {
          const moved = ab.lines.filter((l) => l.program === p.name).reduce((n, l) => n + l.rows, 0);
          if (p.changed > 0) expect(moved).toBeGreaterThanOrEqual(p.changed);
          else expect(moved).toBe(0);
        }
      }),
      { numRuns: 40 },
    );
  });
});
