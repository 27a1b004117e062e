// A number written as a JSON string (NDJSON exported by tools that quote every value): LANGUAGE.md
// §7 never reads a number whose '.' or ',' could be the other separator, and a JSON string says
// nothing of the locale that wrote it ("1.000" is a thousand in Danish, one in English; "2,500" the
// other way round). So text is read for an `integer` or `number` field only as digits with an
// optional sign; anything with a separator is refused with a reason that says why and how to write
// it. JSON numbers are numbers and are read as such (language-decisions.md, Records).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type Screener } from '../src/index';

const SOURCE = `record Citizen {
  cpr:      text key personal
  hours:    number 0..100000 optional
  literacy: integer 0..100000 optional
  salary:   number optional personal
}
group g = hours > 1 or literacy > 1 or salary > 1
`;

function screener(): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}
const s = screener();
const HINT = "in text, '.' and ',' could each be a decimal or a thousands separator (1.000 is a thousand in Danish): write the number as a JSON number (2.5, 1000), not as text";

describe('a number field given text', () => {
  it.each([
    // [value, read as]
    ['3', 3],
    [' 42 ', 42],
    ['+7', 7],
    ['1000', 1000],
    ['007', 7],
  ])('%j is read as %j (digits alone have one meaning)', (text, value) => {
    const result = s.validateJson({ cpr: 'x', hours: text, literacy: text });
    expect(result.ok && [result.record.hours, result.record.literacy]).toEqual([value, value]);
  });

  it.each(['1.000', '2.500', '1.000,50', '2,5', '2,500', '7.5', '0.5', ',5', '.5', '1.000.000'])(
    '%j is refused, with the reason why (a separator in text could be either kind)',
    (text) => {
      const result = s.validateJson({ cpr: 'x', hours: text, literacy: text });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toEqual([
        `hours: expected a number from 0 to 100000, found ${JSON.stringify(text)} — ${HINT}`,
        `literacy: expected an integer from 0 to 100000, found ${JSON.stringify(text)} — ${HINT}`,
      ]);
    },
  );

  it('JSON numbers are numbers: 1.5 and 1000 are read as they are', () => {
    const result = s.validateJson({ cpr: 'x', hours: 1.5, literacy: 1000 });
    expect(result.ok && [result.record.hours, result.record.literacy]).toEqual([1.5, 1000]);
  });

  it('text that is no number at all gets no separator hint', () => {
    const result = s.validateJson({ cpr: 'x', hours: 'tre' });
    expect(!result.ok && result.errors).toEqual(['hours: expected a number from 0 to 100000, found "tre"']);
  });

  it('a personal field: refused with the hint, the value withheld', () => {
    const result = s.validateJson({ cpr: 'x', salary: '31.500' });
    expect(!result.ok && result.errors).toEqual([`salary: expected a number, found text (value withheld: personal data) — ${HINT}`]);
  });
});

describe('property: text with a separator is never read as a number; digits read as the JSON number', () => {
  const digits = fc.stringMatching(/^[0-9]{1,5}$/);
  it('"A.B" and "A,B" are refused for number and integer fields', () => {
    fc.assert(
      fc.property(digits, digits, fc.constantFrom('.', ','), fc.constantFrom('', ' '), (a, b, sep, pad) => {
        const text = `${pad}${a}${sep}${b}${pad}`;
        const result = s.validateJson({ cpr: 'x', hours: text, literacy: text });
        expect(result.ok).toBe(false);
        expect(!result.ok && result.errors.every((e) => e.endsWith(HINT))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('digits as text give the same record as the JSON number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
        const asText = s.validateJson({ cpr: 'x', hours: String(n), literacy: String(n) });
        const asNumber = s.validateJson({ cpr: 'x', hours: n, literacy: n });
        expect(asText.ok && asNumber.ok).toBe(true);
        expect(asText.ok && { ...asText.record }).toEqual(asNumber.ok && { ...asNumber.record });
      }),
      { numRuns: 300 },
    );
  });
});
