// The number cells of CSV are read from character codes (parseDecimal), not with a regular
// expression, `replace` and `Number` (issue 11). The scanner must accept exactly the language the
// regular expressions accepted (LANGUAGE.md §7: an optional sign, digits, at most one decimal
// separator with a digit after it: `,` in `;` files, `.` in `,` files; no thousands separators, no
// exponent, no spaces) and give exactly the value `Number()` gave, −0 and all. The expressions
// below are the code that was replaced, kept here as the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index';
import { parseDecimal } from '../src/records';

const NUMBER_POINT = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const NUMBER_COMMA = /^[+-]?(?:\d+(?:,\d+)?|,\d+)$/;

/** The replaced coercion: the text's number, or NaN when the text is not a number there. */
function oracle(c: string, decimalComma: boolean): number {
  if (decimalComma) return NUMBER_COMMA.test(c) ? Number(c.replace(',', '.')) : NaN;
  return NUMBER_POINT.test(c) ? Number(c) : NaN;
}

const COMMA = 44;
const POINT = 46;
const scan = (c: string, decimalComma: boolean) => parseDecimal(c, decimalComma ? COMMA : POINT);

const digits = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength });
/** Text that is nearly a number: sign, digits (leading zeros), separator, digits. */
const nearNumber = fc
  .tuple(
    fc.constantFrom('', '', '+', '-', '--', '+-'),
    fc.oneof(digits(25), fc.constantFrom('0', '00', '000123', '9007199254740991', '9007199254740993')),
    fc.constantFrom('', '', ',', '.', ',,', ',.', 'e', 'E5', 'e-3'),
    fc.oneof(digits(25), fc.constantFrom('0', '5', '50', '000000000000000000000001')),
    fc.constantFrom('', '', '', ',', '.', ' ', '\u00a0', 'e2', ',5'),
  )
  .map((parts) => parts.join(''));
/** Any text over the characters a number cell is made of, and some it is not. */
const anyText = fc.string({
  unit: fc.constantFrom(...'0123456789', ',', '.', ' ', '+', '-', '\u00a0', '\u202f', "'", 'e', 'E', 'x', '\u0663', '\uff11', '_'),
  maxLength: 30,
});
/** Very long digit runs: beyond 2^53, beyond 22 decimals, beyond a double's range. */
const longNumber = fc
  .tuple(fc.constantFrom('', '-'), digits(400), fc.constantFrom(',', '.'), digits(400))
  .map(([sign, a, sep, b]) => `${sign}${a}${b === '' ? '' : sep + b}`);
const cell = fc.oneof({ weight: 4, arbitrary: nearNumber }, { weight: 3, arbitrary: anyText }, { weight: 1, arbitrary: longNumber });

describe('parseDecimal accepts what the regular expressions accepted and reads the same value', () => {
  it.each([
    // cell, decimal comma, point
    ['', NaN, NaN],
    ['0', 0, 0],
    ['-0', -0, -0],
    ['+0', 0, 0],
    ['-0,0', -0, NaN],
    ['12', 12, 12],
    ['12,5', 12.5, NaN],
    ['12.5', NaN, 12.5],
    [',5', 0.5, NaN],
    ['-,5', -0.5, NaN],
    ['.5', NaN, 0.5],
    ['12,', NaN, NaN],
    ['12.', NaN, NaN],
    [',', NaN, NaN],
    ['+', NaN, NaN],
    ['-', NaN, NaN],
    ['1,2,3', NaN, NaN],
    ['1.000', NaN, 1],
    ['1,000', 1, NaN],
    ['1 000', NaN, NaN],
    ['1\u00a0000', NaN, NaN],
    ["1'000", NaN, NaN],
    ['1e3', NaN, NaN],
    ['0x10', NaN, NaN],
    [' 1', NaN, NaN],
    ['1 ', NaN, NaN],
    ['\u0663', NaN, NaN],
    ['007', 7, 7],
    ['0,1', 0.1, NaN],
    ['0.3', NaN, 0.3],
    ['9007199254740993', 9007199254740992, 9007199254740992],
    ['0,0000000000000000000001', 1e-22, NaN],
    ['0,00000000000000000000001', 1e-23, NaN],
    ['1' + '0'.repeat(400), Infinity, Infinity],
  ])('%j → %s with the decimal comma, %s with the point', (c, withComma, withPoint) => {
    expect(oracle(c, true)).toBe(withComma);
    expect(oracle(c, false)).toBe(withPoint);
    expect(scan(c, true)).toBe(withComma);
    expect(scan(c, false)).toBe(withPoint);
  });

  it('gives exactly the oracle for generated text, with either separator', () => {
    fc.assert(
      fc.property(cell, fc.boolean(), (c, decimalComma) => Object.is(scan(c, decimalComma), oracle(c, decimalComma))),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('gives exactly Number() for every number with up to 17 significant digits and 0–25 decimals', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '-', '+'), digits(17), digits(25), fc.boolean(), (sign, whole, fraction, decimalComma) => {
        const sep = decimalComma ? ',' : '.';
        const c = `${sign}${whole}${fraction === '' ? '' : sep + fraction}`;
        return Object.is(scan(c, decimalComma), oracle(c, decimalComma));
      }),
      { numRuns: 20_000, seed: 12 },
    );
  });
});

describe('through the CSV reader: a number cell is read as the oracle reads it, or the row is invalid', () => {
  const compiled = compile('record R {\n  id: text key\n  hours: number\n  span: number 0..37\n}\n', { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const screener = compiled.screener;
  const readers = {
    comma: screener.csvReader(['id', 'hours', 'span'], { decimalComma: true }),
    point: screener.csvReader(['id', 'hours', 'span'], { decimalComma: false }),
  };

  it('for generated cells (no edge spaces: the reader trims those first)', () => {
    fc.assert(
      fc.property(cell.filter((c) => c !== '' && c.trim() === c), fc.boolean(), (c, decimalComma) => {
        const reader = decimalComma ? readers.comma : readers.point;
        const expected = oracle(c, decimalComma);
        const r = reader.read(['x', c, c]);
        const inSpan = expected >= 0 && expected <= 37;
        if (!Number.isFinite(expected)) return !r.ok && r.errors.length === 2;
        if (!inSpan) return !r.ok && r.errors.length === 1 && r.errors[0]!.startsWith('span');
        return r.ok && Object.is(r.record.hours, expected) && Object.is(r.record.span, expected);
      }),
      { numRuns: 5_000, seed: 13 },
    );
  });
});
