// Numbers in CSV cells (LANGUAGE.md §7): where the decimal separator is a comma (a `;`-separated
// file, as Danish Excel writes it), a number cell holding a `.` is refused with a reason that says
// why — `1.000` and `2.500` are Danish thousands; `1000` and `2,5` are read. No number is ever read
// with a thousands separator silently dropped or taken as a decimal point. Where the separator is
// `,` (no decimal comma), `.` is the decimal point and a `,` in a (quoted) number cell is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type Screener } from '../src/index';

const SOURCE = `record Citizen {
  cpr:   text key personal
  hours: number optional
  count: integer optional
  pay:   number optional personal
}
`;

function screener(): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}
const s = screener();
const HEADER = ['cpr', 'hours', 'count', 'pay'];
const comma = s.csvReader(HEADER, { decimalComma: true });
const point = s.csvReader(HEADER, { decimalComma: false });

const DOT_HERE = " — '.' is not the decimal separator here (it is ',': 2,5), and a number is written without thousands separators (1000, not 1.000)";
const COMMA_HERE = " — ',' is not the decimal separator here (it is '.': 2.5), and a number is written without thousands separators (1000, not 1,000)";
const GROUPS = ' — a number is written without thousands separators (1000, not 1 000)';

function hours(reader: typeof comma, cell: string) {
  const r = reader.read(['0101701234', cell, '', '']);
  return r.ok ? r.record.hours : r.errors;
}

describe('the table: cell → value or reason, with and without the decimal comma', () => {
  it.each([
    // cell, with decimal comma (`;` files), without (`,` files, NDJSON text)
    ['1000', 1000, 1000],
    ['2,5', 2.5, [`hours: expected a number, found "2,5"${COMMA_HERE}`]],
    ['2,500', 2.5, [`hours: expected a number, found "2,500"${COMMA_HERE}`]],
    ['-0,25', -0.25, [`hours: expected a number, found "-0,25"${COMMA_HERE}`]],
    [',5', 0.5, [`hours: expected a number, found ",5"${COMMA_HERE}`]],
    ['1.000', [`hours: expected a number, found "1.000"${DOT_HERE}`], 1],
    ['2.500', [`hours: expected a number, found "2.500"${DOT_HERE}`], 2.5],
    ['2.5', [`hours: expected a number, found "2.5"${DOT_HERE}`], 2.5],
    ['1.000,50', [`hours: expected a number, found "1.000,50"${DOT_HERE}`], [`hours: expected a number, found "1.000,50"${COMMA_HERE}`]],
    ['1,000.50', [`hours: expected a number, found "1,000.50"${DOT_HERE}`], [`hours: expected a number, found "1,000.50"${COMMA_HERE}`]],
    ['1.000.000', [`hours: expected a number, found "1.000.000"${DOT_HERE}`], ['hours: expected a number, found "1.000.000"']],
    ['1 000', [`hours: expected a number, found "1 000"${GROUPS}`], [`hours: expected a number, found "1 000"${GROUPS}`]],
    ['1\u00a0000', [`hours: expected a number, found "1\u00a0000"${GROUPS}`], [`hours: expected a number, found "1\u00a0000"${GROUPS}`]],
    ["1'000", [`hours: expected a number, found "1'000"${GROUPS}`], [`hours: expected a number, found "1'000"${GROUPS}`]],
    ['1e3', ['hours: expected a number, found "1e3"'], ['hours: expected a number, found "1e3"']],
    ['7', 7, 7],
  ])('%j → with decimal comma %j, without %j', (cell, withComma, without) => {
    expect(hours(comma, cell)).toEqual(withComma);
    expect(hours(point, cell)).toEqual(without);
  });

  it('the issue: 1.000 and 2.500 in a `;` file are refused, never read as 1 and 2.5', () => {
    expect(comma.read(['0101701234', '2.500', '1.000', ''])).toEqual({
      ok: false,
      id: '0101701234',
      errors: [
        `hours: expected a number, found "2.500"${DOT_HERE}`,
        `count: expected an integer, found "1.000"${DOT_HERE}`,
      ],
    });
  });

  it('a personal field: the reason says why, without the value', () => {
    expect(comma.read(['0101701234', '', '', '1.000'])).toEqual({
      ok: false,
      id: '0101701234',
      errors: [`pay: expected a number, found text (value withheld: personal data)${DOT_HERE}`],
    });
  });

  it('integers: `3,0` and `3.0` are not integers (no hint: nothing there is a thousands separator)', () => {
    expect(comma.read(['1', '', '3,0', ''])).toMatchObject({ errors: ['count: expected an integer, found 3,0'] });
    expect(point.read(['1', '', '3.0', ''])).toMatchObject({ errors: ['count: expected an integer, found 3.0'] });
  });
});

describe('property: no number is read with a separator dropped or taken for another', () => {
  it('any cell of digits and separators reads as the number it means in that file, or is refused', () => {
    const cell = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', ',', ' ', '-'), minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(cell, fc.boolean(), (text, decimalComma) => {
        const reader = decimalComma ? comma : point;
        const value = hours(reader, text);
        if (typeof value !== 'number') return; // refused: fine
        const trimmed = text.trim();
        // Read only when it is digits with at most one separator, and that one the file's decimal separator.
        const decimal = decimalComma ? ',' : '.';
        const other = decimalComma ? '.' : ',';
        expect(trimmed.includes(other)).toBe(false);
        expect(trimmed.split(decimal).length).toBeLessThanOrEqual(2);
        expect(value).toBe(Number(trimmed.replace(decimal, '.')));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});
