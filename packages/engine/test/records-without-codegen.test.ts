// The record readers without code generation (issue 10, point 4): with `codegen: false` typed JSON
// is checked by the engine's own schema check instead of ajv's generated validator, CSV rows by a
// loop instead of a generated reader, records built without a generated constructor. On generated
// values of every kind for every field type — right, wrong, out of range, text for numbers, NaN —
// both give the same result: the same record, the same id, the same reasons in the same order.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile, type Screener } from '../src/index';
import { RECORD_DECLARATION } from './support/arbitrary';

function screener(codegen: boolean): Screener {
  const c = compile(`${RECORD_DECLARATION}\ngroup g = level >= 3`, { asOf: '2026-11-23', codegen });
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return c.screener;
}
const generated = screener(true);
const closures = screener(false);
const FIELDS = generated.record.fields.map((f) => f.name);

/** Text a person or a program might put in a cell or a JSON string. */
const cellText = fc.oneof(
  fc.constantFrom(
    '', ' ', 'ja', 'NEJ', 't', 'F', 'yes', '1', '0', '2', '-1', '3', ' 4 ', '5', '6', '100', '101', '1.000', '2,5', '2.5', ',5', '.5', '1 000',
    "1'000", '+3', '1e3', 'NaN', 'Infinity', '2026-02-28', '2024-02-29', '2026-02-30', '2026-2-3', '26-02-2026', 'dagpenge', 'Dagpenge',
    'none', 'bachelor', 'vocational ', '0101701234', '010170-1234', '__proto__', 'toString', '"x"',
  ),
  fc.string({ maxLength: 12 }),
);
const jsonValue = fc.oneof(
  cellText,
  fc.constantFrom(null, true, false, 0, 1, -1, 2.5, 3, 5, 6, 100, 100.5, 120, 1e9, -0, NaN, Infinity, -Infinity, [], {}, [1]),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
);

const recordArb = fc.dictionary(fc.constantFrom(...FIELDS, 'extra', '__proto__', 'constructor'), jsonValue, { maxKeys: 20 });

describe('with and without code generation the readers agree', () => {
  it('typed JSON (validateJson, screen)', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 9, arbitrary: recordArb }, { weight: 1, arbitrary: jsonValue }), (input) => {
        const a = generated.validateJson(input);
        const b = closures.validateJson(input);
        if (!isDeepStrictEqual(b, a)) throw new Error(`validateJson differs for ${JSON.stringify(input)}:\n${JSON.stringify(b)}\n${JSON.stringify(a)}`);
        expect(closures.screen(input, { explain: true })).toEqual(generated.screen(input, { explain: true }));
      }),
      { numRuns: 3000 },
    );
  });

  it('CSV rows (csvReader: read and keyOf), with either decimal separator', () => {
    const header = fc.shuffledSubarray([...FIELDS, 'extra'], { minLength: 1 });
    fc.assert(
      fc.property(header, fc.boolean(), fc.array(fc.array(cellText, { maxLength: 20 }), { minLength: 1, maxLength: 5 }), (columns, decimalComma, rows) => {
        const a = generated.csvReader(columns, { decimalComma });
        const b = closures.csvReader(columns, { decimalComma });
        expect(b.warnings).toEqual(a.warnings);
        for (const cells of rows) {
          // Rows of the header's width mostly, some shorter or longer.
          const row = cells.length % 3 === 0 ? cells : columns.map((_, i) => cells[i % Math.max(1, cells.length)] ?? '');
          const x = a.read(row);
          const y = b.read(row);
          if (!isDeepStrictEqual(y, x)) throw new Error(`read differs for ${JSON.stringify([columns, row])}:\n${JSON.stringify(y)}\n${JSON.stringify(x)}`);
          expect(b.keyOf(row)).toBe(a.keyOf(row));
          expect(closures.screenCoerced(y, { explain: true })).toEqual(generated.screenCoerced(x, { explain: true }));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('records keep their shape: every declared field own, in declaration order, nothing inherited', () => {
    const a = generated.validateJson({ id: 'a', born: '2000-01-01', benefit: 'dagpenge' });
    const b = closures.validateJson({ id: 'a', born: '2000-01-01', benefit: 'dagpenge' });
    if (!a.ok || !b.ok) throw new Error('invalid');
    expect(Object.keys(b.record)).toEqual(Object.keys(a.record));
    expect(Object.keys(b.record)).toEqual(FIELDS);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(b.record))).toBeNull();
  });
});
