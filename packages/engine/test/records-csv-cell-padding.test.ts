// CSV cells around their value (LANGUAGE.md §7: cells are trimmed, an empty cell is missing; `ja`/`nej`
// and the other boolean spellings in any case; `;` files take the decimal comma; dates must exist).
// The generated reader does the trimming and the common coercions in its own code (records.ts,
// `generatedReader`); this checks it against the contract (a table) and against the reader without
// code generation (a property over padded cells: spaces, tabs, no-break spaces, CRs).
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile, type Screener } from '../src/index';

const RULES = `record R {
  id:    text key
  ok:    boolean optional
  seen:  date optional
  hours: number 0..37 optional
  level: integer 1..5 optional
  kind:  one of (a, b) optional
  note:  text optional
}
group g = ok`;

function screener(codegen: boolean): Screener {
  const c = compile(RULES, { asOf: '2026-11-23', codegen });
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return c.screener;
}
const generated = screener(true);
const closures = screener(false);
const HEADER = ['id', 'ok', 'seen', 'hours', 'level', 'kind', 'note'];

/** The value read for `cell` in column `field` (a `;` file: decimal comma), or 'missing' / 'invalid'. */
function readOne(s: Screener, field: string, cell: string): unknown {
  const reader = s.csvReader(HEADER, { decimalComma: true });
  const cells = HEADER.map((h) => (h === 'id' ? 'x1' : h === field ? cell : ''));
  const r = reader.read(cells);
  if (!r.ok) return 'invalid';
  const v = (r.record as Record<string, unknown>)[field];
  return v === undefined ? 'missing' : v;
}

const TABLE: [field: string, cell: string, expected: unknown][] = [
  ['ok', 'ja', true],
  ['ok', ' ja ', true],
  ['ok', '\u00a0nej\u00a0', false],
  ['ok', '\tJA', true],
  ['ok', 'Nej', false],
  ['ok', 'TRUE', true],
  ['ok', 'yes', true],
  ['ok', 'No', false],
  ['ok', '1', true],
  ['ok', '0', false],
  ['ok', 'jaa', 'invalid'],
  ['ok', '   ', 'missing'],
  ['ok', '\u00a0', 'missing'],
  ['seen', '2024-02-29', '2024-02-29'],
  ['seen', ' 2024-02-29\u00a0', '2024-02-29'],
  ['seen', '2026-02-29', 'invalid'],
  ['seen', '2026-2-3', 'invalid'],
  ['hours', '37', 37],
  ['hours', ' 7,5 ', 7.5],
  ['hours', '0', 0],
  ['hours', '37,5', 'invalid'],
  ['hours', '-1', 'invalid'],
  ['hours', '7.5', 'invalid'],
  ['hours', ',5', 0.5],
  ['hours', '12,', 'invalid'],
  ['hours', 'NaN', 'invalid'],
  ['hours', 'Infinity', 'invalid'],
  ['level', '\u00a05', 5],
  ['level', '6', 'invalid'],
  ['level', '+3', 3],
  ['kind', ' a', 'a'],
  ['kind', 'A', 'invalid'],
  ['note', '  two words  ', 'two words'],
  ['note', '', 'missing'],
];

describe('CSV cells: trimmed, then read as their field’s type', () => {
  it.each(TABLE)('%s = %j → %j', (field, cell, expected) => {
    expect(readOne(generated, field, cell)).toEqual(expected);
    expect(readOne(closures, field, cell)).toEqual(expected);
  });
});

/** A read result with its record as a plain object of the declared fields (absent = undefined). */
function byValue(r: ReturnType<ReturnType<Screener['csvReader']>['read']>): unknown {
  if (!r.ok) return r;
  const record = r.record as Record<string, unknown>;
  return { ...r, record: Object.fromEntries(HEADER.map((h) => [h, record[h]])) };
}

const core = fc.constantFrom(
  '', 'ja', 'nej', 'JA', 'Nej', 'true', 'F', 'yes', 'no', '1', '0', '2', '5', '6', '37', '37,5', '7,5', '7.5', ',5', '12,', '-0', '+3', 'NaN',
  '2024-02-29', '2026-02-29', '2026-13-01', 'a', 'b', 'A', 'x',
);
const pad = fc.array(fc.constantFrom(' ', '\t', '\u00a0', '\r', '\u2003'), { maxLength: 2 }).map((a) => a.join(''));
const cell = fc.oneof({ weight: 4, arbitrary: fc.tuple(pad, core, pad).map(([a, b, c]) => a + b + c) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

describe('the generated reader and the reader without code generation agree on padded cells', () => {
  it('read, with either decimal separator', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(cell, { minLength: HEADER.length, maxLength: HEADER.length }), (decimalComma, cells) => {
        // Compared by value: each screener's records have a null-prototype object of their own as
        // prototype, so the two readers' records are never deep-strict-equal as objects.
        const a = byValue(generated.csvReader(HEADER, { decimalComma }).read(cells));
        const b = byValue(closures.csvReader(HEADER, { decimalComma }).read(cells));
        if (!isDeepStrictEqual(b, a)) throw new Error(`read differs for ${JSON.stringify(cells)}:\n${JSON.stringify(b)}\n${JSON.stringify(a)}`);
      }),
      { numRuns: 3000 },
    );
  });
});
