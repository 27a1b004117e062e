// Defence in depth: whatever reaches stderr, a CPR number in it is masked as `••••••-••••` — ten
// digits DDMMYY-?NNNN with a day that exists in that month, not inside a longer run of digits.
// (The commands already keep personal values out of their messages, e.g. a header cell that looks
// like a CPR number is withheld; this catches what slips through: a file name, a label.) The data
// on stdout keeps its ids.
import fc from 'fast-check';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskCpr } from '../src/terminal-text';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('cpr-mask');
const AS_OF = ['--as-of', '2026-01-01'];
const MASK = '••••••-••••';
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = `record C {
  cpr: text key personal
  age: integer
}

group voksen = age >= 18
`;

describe('CPR numbers that reach stderr are masked', () => {
  it.each([
    {
      name: 'in the rules file name, in front of each diagnostic',
      run: () => visit(['compile', tmp.write('regler-0101901234.visit', `${RULES}group g = agee > 1\n`), ...AS_OF]),
      cpr: '0101901234',
    },
    {
      name: 'in the records file name (summary heading)',
      run: () => {
        const file = join(tmp.dir, 'udtræk-020290-1234.csv');
        writeFileSync(file, 'cpr,age\n1,20\n');
        return visit(['screen', tmp.write('r2.visit', RULES), file, ...AS_OF]);
      },
      cpr: '020290-1234',
    },
    {
      name: 'in a label on a line with an error (the source line of the diagnostic)',
      run: () => visit(['compile', tmp.write('r3.visit', `${RULES}group g "borger 2902001234" = agee > 1\n`), ...AS_OF]),
      cpr: '2902001234',
    },
    {
      name: 'in a file that cannot be read',
      run: () => visit(['screen', tmp.write('r4.visit', RULES), join(tmp.dir, '3112991234.csv'), ...AS_OF]),
      cpr: '3112991234',
    },
  ])('$name', async ({ run, cpr }) => {
    const result = await run();
    expect(result.stderr).not.toContain(cpr);
    expect(result.stderr).not.toContain(cpr.replace('-', ''));
    expect(result.stderr).toContain(MASK);
  });

  it('the ids on stdout are data and keep their CPR numbers', async () => {
    const run = await visit(['screen', tmp.write('r5.visit', RULES), tmp.write('d.csv', 'cpr,age\n0101901234,20\n'), ...AS_OF]);
    expect(run.stdout).toContain('"id":"0101901234"');
  });
});

describe('what is not a CPR number is left alone', () => {
  it.each([
    { text: 'note 3213001234', why: 'day 32' },
    { text: 'note 0113901234', why: 'month 13' },
    { text: 'note 3104901234', why: '31 April' },
    { text: 'note 2902011234', why: '29 February 2001' },
    { text: 'note 01019012345', why: 'eleven digits' },
    { text: 'note 010190123', why: 'nine digits' },
    { text: 'note 1700000000', why: 'a Unix time (month 00)' },
  ])('$text ($why)', async ({ text }) => {
    // Carried by the records file name, which the summary heading shows.
    const file = tmp.write(`${text.replace(' ', '-')}.csv`, 'cpr,age\n1,20\n');
    const run = await visit(['screen', tmp.write('k.visit', RULES), file, ...AS_OF]);
    expect(run.stderr).toContain(`${text.replace(' ', '-')}.csv`);
    expect(run.stderr).not.toContain(MASK);
  });
});

// The one masking function, over generated text (as every stderr chunk passes through it).
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const cpr = fc
  .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), year: fc.integer({ min: 0, max: 99 }), serial: fc.integer({ min: 0, max: 9999 }), hyphen: fc.boolean() })
  .filter(({ month, day, year }) => day <= DAYS[month - 1]! && !(month === 2 && day === 29 && year % 4 !== 0))
  .map(({ month, day, year, serial, hyphen }) => `${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${hyphen ? '-' : ''}${pad(serial, 4)}`);
/** Also a CPR number of day 1–9 written as a number, its leading zero lost (`0101701234` → 101701234). */
const cprOrNumber = fc.oneof(cpr, cpr.filter((c) => c.startsWith('0') && !c.includes('-')).map((c) => c.slice(1)));
const noDigits = fc.string({ unit: fc.constantFrom('a', ' ', ',', ':', '-', 'ø', '(', '"', '\n', '.'), maxLength: 6 });

describe('property: maskCpr', () => {
  it('every plausible CPR number between non-digits is masked, and nothing else changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(noDigits.filter((s) => s !== ''), cprOrNumber)), noDigits, (parts, end) => {
        // Something that is not a digit between them, so that no two numbers run together.
        const text = parts.map(([before, c]) => `${before}${c}`).join('') + end;
        const masked = maskCpr(text);
        expect(masked).not.toMatch(/\d/);
        expect(masked).toBe(parts.map(([before]) => `${before}${MASK}`).join('') + end);
      }),
      { numRuns: 2_000 },
    );
  });

  it('digit runs of another length, or impossible dates, are kept', () => {
    const notCpr = fc.oneof(
      fc.stringMatching(/^\d{1,8}$/),
      fc.stringMatching(/^\d{11,14}$/),
      // Nine digits that are no CPR number without its leading zero: month 00 or over 12.
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom(0, 13, 40, 99)).map(([d, m]) => `${d}${pad(m, 2)}90${'1234'}`),
      fc.integer({ min: 32, max: 99 }).map((d) => `${d}0190${'1234'}`),
      fc.integer({ min: 13, max: 99 }).map((m) => `01${m}90${'1234'}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(noDigits.filter((s) => s !== '' && !s.endsWith('-')), notCpr)), (parts) => {
        const text = parts.map(([a, b]) => a + b).join('');
        expect(maskCpr(text)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });
});
