// LANGUAGE.md §13 in a run: the reference date picks each name's version in force; programmes
// not in force are left out; a used name with no version in force refuses the run; `--param`
// (compile's `params`) overrides the version in force.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index';

const record = `record C {
  id: text key
  antal_uger: integer in weeks optional
  age: integer
  education: one of (none, vocational, master)
}
`;

const rules =
  record +
  `param max_praktik = 8 weeks
param max_praktik = 4 weeks from 2017-01-01
group kort = antal_uger <= max_praktik
group unge "Under 30 med uddannelse" until 2025-06-30 = age < 30 and education != none
group unge "Under 30"                from 2025-07-01 = age < 30
program hovedvej3 "Virksomhedspraktik" from 2015-11-01 until 2016-12-31 { require kort }
program jobklub { require unge }
`;

function screen(asOf: string, input: Record<string, unknown>, params?: Record<string, string>) {
  const c = compile(rules, params ? { asOf, params } : { asOf });
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return { result: c.screener.screen(input), screener: c.screener };
}

const six = { id: 'a', antal_uger: 6, age: 25, education: 'none' };

describe('the version in force on the reference date', () => {
  it.each([
    // [date, group kort for 6 weeks, unge for an uneducated 25-year-old]
    ['2016-12-31', true, false],
    ['2017-01-01', false, false],
    ['2025-06-30', false, false],
    ['2025-07-01', false, true],
  ])('%s', (asOf, kort, unge) => {
    const { result } = screen(asOf, six);
    expect(result.status === 'ok' && result.groups).toEqual({ kort, unge });
  });

  it('an undated version covers the days before the dated one', () => {
    const { result } = screen('1990-01-01', { ...six, antal_uger: 8 });
    expect(result.status === 'ok' && result.groups.kort).toBe(true);
  });

  it('--param overrides the version in force', () => {
    const { result } = screen('2017-06-01', six, { max_praktik: '6 weeks' });
    expect(result.status === 'ok' && result.groups.kort).toBe(true);
    const before = screen('2016-06-01', { ...six, antal_uger: 7 }, { max_praktik: '6 weeks' }).result;
    expect(before.status === 'ok' && before.groups.kort).toBe(false);
  });
});

describe('programmes not in force', () => {
  it.each([
    ['2015-10-31', ['jobklub'], [{ name: 'hovedvej3', kind: 'program', inForce: '2015-11-01 – 2016-12-31' }]],
    ['2015-11-01', ['hovedvej3', 'jobklub'], []],
    ['2016-12-31', ['hovedvej3', 'jobklub'], []],
    ['2017-03-01', ['jobklub'], [{ name: 'hovedvej3', kind: 'program', inForce: '2015-11-01 – 2016-12-31' }]],
  ])('on %s', (asOf, programs, notInForce) => {
    const { result, screener } = screen(asOf, six);
    expect(screener.programNames).toEqual(programs);
    expect(result.status === 'ok' && Object.keys(result.programs)).toEqual(programs);
    expect(screener.notInForce).toEqual(notInForce);
  });
});

describe('a used name with no version in force', () => {
  const gap = record + 'param n = 1 until 2015-12-31\nparam n = 2 from 2016-02-01\ngroup g = antal_uger > n\n';
  it.each([
    ['2015-12-31', true],
    ['2016-01-01', false],
    ['2016-01-31', false],
    ['2016-02-01', true],
  ])('%s runs: %s', (asOf, runs) => {
    const c = compile(gap, { asOf });
    expect(c.ok).toBe(runs);
    if (!c.ok) {
      expect(c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([
        `not-in-force not in force on ${asOf}: param 'n' (in force until 2015-12-31, from 2016-02-01)`,
      ]);
    }
  });
});

describe('property: a versioned file equals the undated file of the versions in force', () => {
  // Versions of a param at generated cut dates; on any day, screening equals a file that declares
  // only the value in force that day.
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  it('for any cuts, values and day', () => {
    fc.assert(
      fc.property(fc.uniqueArray(day, { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 5 }), day, fc.integer({ min: 0, max: 20 }), (cuts, values, asOf, weeks) => {
        cuts.sort();
        const versions = [`param n = ${values[0]}`, ...cuts.map((c, i) => `param n = ${values[i + 1]} from ${c}`)].join('\n');
        const expected = cuts.reduce((v, c, i) => (c <= asOf ? values[i + 1]! : v), values[0]!);
        const a = compile(`${record}${versions}\ngroup g = antal_uger > n\n`, { asOf });
        const b = compile(`${record}param n = ${expected}\ngroup g = antal_uger > n\n`, { asOf });
        if (!a.ok || !b.ok) throw new Error('did not compile');
        const r = { id: "x", antal_uger: weeks, age: 40, education: 'none' };
        expect(a.screener.screen(r)).toEqual(b.screener.screen(r));
      }),
      { numRuns: 150 },
    );
  });
});
