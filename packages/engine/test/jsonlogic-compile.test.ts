// AST → JSON Logic (LANGUAGE.md §9): the exact `holds`/`fails` of each form, the document layout,
// and the calendar thresholds of the reference's own example.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import jsonLogic from 'json-logic-js';
import { check } from '@visit/dsl';
import { criterionValue, outcomeFromJsonLogic, toJsonLogic, type JsonLogic, type JsonLogicApply } from '../src/jsonlogic';

const apply: JsonLogicApply = (logic, data) => jsonLogic.apply(logic as unknown as Parameters<typeof jsonLogic.apply>[0], data) as unknown;

const RECORD = `record R {
  a:    boolean optional
  b:    boolean optional
  n:    number optional
  w:    integer in weeks optional
  d:    number in days optional
  born: date optional
  e:    one of (x, y, z) optional
  t:    text optional
}
param six_months = 6 months
param limit = 3
`;

function compileGroup(condition: string, asOf = '2026-11-23', params: Record<string, string> = {}) {
  const checked = check(`${RECORD}group g = ${condition}\n`, { params });
  if (checked.hasErrors) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  const g = toJsonLogic(checked, { asOf }).groups.g!;
  return { holds: g.holds, fails: g.fails };
}

const v = (name: string): JsonLogic => ({ var: name });
const present = (name: string): JsonLogic => ({ '!==': [v(name), null] });
const absent = (name: string): JsonLogic => ({ '===': [v(name), null] });
const isTrue = (name: string): JsonLogic => ({ '===': [v(name), true] });
const isFalse = (name: string): JsonLogic => ({ '===': [v(name), false] });

describe('each form compiles to a holds/fails pair', () => {
  it.each<[string, JsonLogic, JsonLogic]>([
    ['a', isTrue('a'), isFalse('a')],
    ['not a', isFalse('a'), isTrue('a')],
    ['!a', isFalse('a'), isTrue('a')],
    ['a and b', { and: [isTrue('a'), isTrue('b')] }, { or: [isFalse('a'), isFalse('b')] }],
    ['a && b', { and: [isTrue('a'), isTrue('b')] }, { or: [isFalse('a'), isFalse('b')] }],
    ['a or b', { or: [isTrue('a'), isTrue('b')] }, { and: [isFalse('a'), isFalse('b')] }],
    ['a and b and not a', { and: [isTrue('a'), isTrue('b'), isFalse('a')] }, { or: [isFalse('a'), isFalse('b'), isTrue('a')] }],
    ['n >= 3', { and: [present('n'), { '>=': [v('n'), 3] }] }, { and: [present('n'), { '<': [v('n'), 3] }] }],
    ['n < limit', { and: [present('n'), { '<': [v('n'), 3] }] }, { and: [present('n'), { '>=': [v('n'), 3] }] }],
    ['n != 3', { and: [present('n'), { '!==': [v('n'), 3] }] }, { '===': [v('n'), 3] }],
    // `===` against a known value needs no presence test: a missing field reads as null.
    ['e = x', { '===': [v('e'), 'x'] }, { and: [present('e'), { '!==': [v('e'), 'x'] }] }],
    ['t == "Bo"', { '===': [v('t'), 'Bo'] }, { and: [present('t'), { '!==': [v('t'), 'Bo'] }] }],
    ['born < 2000-02-29', { and: [present('born'), { '<': [v('born'), '2000-02-29'] }] }, { and: [present('born'), { '>=': [v('born'), '2000-02-29'] }] }],
    // The larger unit is multiplied before comparing: weeks × 7.
    ['w >= 14 days', { and: [present('w'), { '>=': [{ '*': [v('w'), 7] }, 14] }] }, { and: [present('w'), { '<': [{ '*': [v('w'), 7] }, 14] }] }],
    ['d < 2 weeks', { and: [present('d'), { '<': [v('d'), 14] }] }, { and: [present('d'), { '>=': [v('d'), 14] }] }],
    ['n + 1 > 2', { and: [present('n'), { '>': [{ '+': [v('n'), 1] }, 2] }] }, { and: [present('n'), { '<=': [{ '+': [v('n'), 1] }, 2] }] }],
    ['-n < d / 2', { and: [present('n'), present('d'), { '<': [{ '-': [v('n')] }, { '/': [v('d'), 2] }] }] }, { and: [present('n'), present('d'), { '>=': [{ '-': [v('n')] }, { '/': [v('d'), 2] }] }] }],
    [
      'n between 1 and 5',
      { and: [present('n'), { '<=': [1, v('n')] }, { '<=': [v('n'), 5] }] },
      { or: [{ and: [present('n'), { '>': [1, v('n')] }] }, { and: [present('n'), { '>': [v('n'), 5] }] }] },
    ],
    ['e in (x, y)', { in: [v('e'), ['x', 'y']] }, { and: [present('e'), { '!': [{ in: [v('e'), ['x', 'y']] }] }] }],
    ['e not in (x, "y")', { and: [present('e'), { '!': [{ in: [v('e'), ['x', 'y']] }] }] }, { in: [v('e'), ['x', 'y']] }],
    // Items in days meet the value in weeks × 7.
    [
      'w in (1, 14 days)',
      { and: [present('w'), { or: [{ in: [v('w'), [1]] }, { in: [{ '*': [v('w'), 7] }, [14]] }] }] },
      { and: [present('w'), { '!': [{ or: [{ in: [v('w'), [1]] }, { in: [{ '*': [v('w'), 7] }, [14]] }] }] }] },
    ],
    ['n is known', present('n'), absent('n')],
    ['n + d is missing', { or: [absent('n'), absent('d')] }, { and: [present('n'), present('d')] }],
    ['a is known', { or: [isTrue('a'), isFalse('a')] }, { '!': [{ or: [isTrue('a'), isFalse('a')] }] }],
    [
      'at least 2 of (a, b, n > 1)',
      { '>=': [{ '+': [{ if: [isTrue('a'), 1, 0] }, { if: [isTrue('b'), 1, 0] }, { if: [{ and: [present('n'), { '>': [v('n'), 1] }] }, 1, 0] }] }, 2] },
      // False once two of the three fail (3 − 2 + 1).
      { '>=': [{ '+': [{ if: [isFalse('a'), 1, 0] }, { if: [isFalse('b'), 1, 0] }, { if: [{ and: [present('n'), { '<=': [v('n'), 1] }] }, 1, 0] }] }, 2] },
    ],
    ['at least 1 of (a, b)', { or: [isTrue('a'), isTrue('b')] }, { and: [isFalse('a'), isFalse('b')] }],
    ['at least 2 of (a, b)', { and: [isTrue('a'), isTrue('b')] }, { or: [isFalse('a'), isFalse('b')] }],
    ['at least 0 of (a, b)', true, false],
    ['at least 3 of (a, b)', false, true],
    // Equality of conditions is three-valued: unknown when either side is.
    ['a = b', { or: [{ and: [isTrue('a'), isTrue('b')] }, { and: [isFalse('a'), isFalse('b')] }] }, { or: [{ and: [isTrue('a'), isFalse('b')] }, { and: [isFalse('a'), isTrue('b')] }] }],
    ['a != true', isFalse('a'), isTrue('a')],
    ['a in (true)', isTrue('a'), isFalse('a')],
    // Literals fold.
    ['1 = 1', true, false],
    ['2 weeks = 14 days', true, false],
    ['limit > 5', false, true],
    ['true or a', true, false],
  ])('%s', (condition, holds, fails) => {
    expect(compileGroup(condition)).toEqual({ holds, fails });
  });
});

describe('calendar spans become ISO-date thresholds from the reference date', () => {
  const span = (op: string, threshold: string): JsonLogic => ({ and: [present('born'), { [op]: [v('born'), threshold] }] });
  it.each<[string, string, JsonLogic, JsonLogic]>([
    ['age_of(born) < 30 years', '2026-11-23', span('>', '1996-11-23'), span('<=', '1996-11-23')],
    ['age_of(born) >= 30 years', '2026-11-23', span('<=', '1996-11-23'), span('>', '1996-11-23')],
    // Mirrored: the span on the right.
    ['30 years <= age_of(born)', '2026-11-23', span('<=', '1996-11-23'), span('>', '1996-11-23')],
    // n > 49 ⇔ n >= 50.
    ['age_of(born) > 49 years', '2026-11-23', span('<=', '1976-11-23'), span('>', '1976-11-23')],
    // n <= 49 ⇔ not n >= 50.
    ['age_of(born) <= 49 years', '2026-11-23', span('>', '1976-11-23'), span('<=', '1976-11-23')],
    // Whole completed units: n >= 2.5 ⇔ n >= 3; n > 2.5 ⇔ n >= 3.
    ['time_since(born) >= 2.5 years', '2026-11-23', span('<=', '2023-11-23'), span('>', '2023-11-23')],
    ['time_since(born) > 2.5 years', '2026-11-23', span('<=', '2023-11-23'), span('>', '2023-11-23')],
    // Born 29 February 2008: 18 on 28 February 2026 (the end-of-month rule), so the threshold is the leap day.
    ['age_of(born) >= 18 years', '2026-02-28', span('<=', '2008-02-29'), span('>', '2008-02-29')],
    // 29 Feb 1972 + 50 years = 28 Feb 2022: the latest start is not R − 50 years (28 Feb 1972).
    ['age_of(born) >= 50 years', '2022-02-28', span('<=', '1972-02-29'), span('>', '1972-02-29')],
    // 31 Jan + 1 month = 28 Feb: every start from 28 to 31 January has completed a month on 28 February.
    ['time_since(born) >= 1 month', '2023-02-28', span('<=', '2023-01-31'), span('>', '2023-01-31')],
    ['time_since(born) >= 26 weeks', '2026-11-23', span('<=', '2026-05-25'), span('>', '2026-05-25')],
    ['time_since(born) < 14 days', '2026-11-23', span('>', '2026-11-09'), span('<=', '2026-11-09')],
    ['time_since(born) >= six_months', '2026-11-23', span('<=', '2026-05-23'), span('>', '2026-05-23')],
    // n = 2 ⇔ n >= 2 and not n >= 3.
    ['time_since(born) = 2 years', '2026-11-23', { and: [present('born'), { '<=': [v('born'), '2024-11-23'] }, { '>': [v('born'), '2023-11-23'] }] }, { and: [present('born'), { or: [{ '>': [v('born'), '2024-11-23'] }, { '<=': [v('born'), '2023-11-23'] }] }] }],
    // A count of whole units never equals a fraction; n >= 0 always holds for a known date.
    ['time_since(born) = 2.5 years', '2026-11-23', false, present('born')],
    ['time_since(born) >= 0 days', '2026-11-23', present('born'), false],
  ])('%s as of %s', (condition, asOf, holds, fails) => {
    expect(compileGroup(condition, asOf)).toEqual({ holds, fails });
  });

  it('uses the overriding value of a param', () => {
    expect(compileGroup('time_since(born) >= six_months', '2026-11-23', { six_months: '4 months' })).toEqual({
      holds: span('<=', '2026-07-23'),
      fails: span('>', '2026-07-23'),
    });
  });
});

describe("the reference's §1 example as of 2026-11-23", () => {
  const spec = readFileSync(new URL('../../../docs/LANGUAGE.md', import.meta.url), 'utf8');
  const source = /```visit\n([\s\S]*?)```/.exec(spec)![1]!;
  const checked = check(source);
  const doc = toJsonLogic(checked, { asOf: '2026-11-23' });

  it('checks clean', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('names its reference date and keeps groups and lines in source order with labels and source text', () => {
    expect(doc.asOf).toBe('2026-11-23');
    expect(Object.keys(doc.groups)).toEqual(['unge', 'voksne', 'seniorer']);
    expect(doc.groups.seniorer!.label).toBe('50 år eller derover, uanset ledighedsanciennitet');
    expect(doc.programs.jobklub!.label).toBe('Hovedvej 1 – Jobklub');
    expect(doc.programs.jobklub!.lines.map((l) => [l.kind, l.source, l.label])).toEqual([
      ['require', 'benefit = dagpenge', 'Projektet er for dagpengemodtagere'],
      ['require', 'unge or voksne or seniorer', 'Borgeren er i en af projektets tre målgrupper'],
      ['require', 'literacy >= 3', 'Jobklubben forudsætter læsefærdigheder på mindst niveau 3'],
      ['require', 'motivated', 'Deltagelse er frivillig'],
    ]);
  });

  it.each<[string, JsonLogic, JsonLogic]>([
    // age < 30 years ⇔ born after 1996-11-23; ledighed >= 6 months ⇔ unemployed since 2026-05-23 or earlier.
    [
      'unge',
      { and: [present('birth_date'), { '>': [v('birth_date'), '1996-11-23'] }, present('education'), { '!==': [v('education'), 'none'] }, present('unemployed_since'), { '<=': [v('unemployed_since'), '2026-05-23'] }] },
      { or: [{ and: [present('birth_date'), { '<=': [v('birth_date'), '1996-11-23'] }] }, { '===': [v('education'), 'none'] }, { and: [present('unemployed_since'), { '>': [v('unemployed_since'), '2026-05-23'] }] }] },
    ],
    // 30 <= age ⇔ born on or before 1996-11-23; age <= 49 ⇔ born after 1976-11-23.
    [
      'voksne',
      { and: [present('birth_date'), { '<=': [v('birth_date'), '1996-11-23'] }, { '>': [v('birth_date'), '1976-11-23'] }, present('unemployed_since'), { '<=': [v('unemployed_since'), '2026-05-23'] }] },
      { or: [{ and: [present('birth_date'), { '>': [v('birth_date'), '1996-11-23'] }] }, { and: [present('birth_date'), { '<=': [v('birth_date'), '1976-11-23'] }] }, { and: [present('unemployed_since'), { '>': [v('unemployed_since'), '2026-05-23'] }] }] },
    ],
    ['seniorer', { and: [present('birth_date'), { '<=': [v('birth_date'), '1976-11-23'] }] }, { and: [present('birth_date'), { '>': [v('birth_date'), '1976-11-23'] }] }],
  ])('group %s', (name, holds, fails) => {
    expect(doc.groups[name]).toMatchObject({ holds, fails });
  });

  it('gives the outcomes of its test block through json-logic-js', () => {
    const record = { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge', education: 'none', motivated: true };
    expect(outcomeFromJsonLogic(doc, record, apply)).toEqual({
      groups: { unge: false, voksne: false, seniorer: true },
      programs: { jobklub: 'undetermined' },
    });
  });
});

describe('refusals', () => {
  it('refuses a file with errors, naming the place', () => {
    expect(() => toJsonLogic(check(`${RECORD}group g = n > "three"\n`), { asOf: '2026-11-23' })).toThrow(/has errors \(first at 13:\d+: /);
  });

  it.each(['2026-02-30', '2026-1-5', 'today'])('refuses the reference date %s', (asOf) => {
    expect(() => toJsonLogic(check(`${RECORD}group g = a\n`), { asOf })).toThrow(`the reference date '${asOf}' is not a real date YYYY-MM-DD`);
  });

  it('refuses to read a criterion whose holds and fails are both truthy', () => {
    expect(() => criterionValue({ label: null, holds: true, fails: { '!==': [v('n'), null] } }, { n: 1 }, apply)).toThrow('both holds and fails');
  });
});
