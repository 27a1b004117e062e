// Calendar comparisons through the engine (LANGUAGE.md §4): `age_of` / `time_since` against fixed
// durations, every operator, mirrored, through lets and params, with overrides in other units.
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index';

const RECORD = `record R {
  born:  date optional
  since: date optional
}
let age   = age_of(born)
let ledig = time_since(since)
param min_ledighed = 6 months
`;

function groupValue(condition: string, record: Record<string, string>, asOf = '2026-11-23', params?: Record<string, string>): boolean | null {
  const compiled = compile(`${RECORD}\ngroup g = ${condition}\ngroup uses = age is known and ledig is known and ledig >= min_ledighed\n`, {
    asOf,
    ...(params ? { params } : {}),
  });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return compiled.screener.evaluate(record).groups.g!;
}

describe('age on and around birthdays (reference date 2026-11-23)', () => {
  it.each([
    ['age >= 30 years', '1996-11-23', true],
    ['age >= 30 years', '1996-11-24', false],
    ['age < 30 years', '1996-11-24', true],
    ['age < 30 years', '1996-11-23', false],
    ['age > 29 years', '1996-11-23', true],
    ['age > 29 years', '1996-11-24', false],
    ['age <= 29 years', '1996-11-24', true],
    ['age <= 29 years', '1996-11-23', false],
    ['age = 29 years', '1996-11-24', true],
    ['age = 29 years', '1997-11-23', true],
    ['age = 29 years', '1997-11-24', false],
    ['age = 29 years', '1996-11-23', false],
    ['age != 29 years', '1996-11-23', true],
    ['age != 29 years', '1997-01-01', false],
    ['age_of(born) >= 30 years', '1996-11-23', true],
    ['age >= 360 months', '1996-11-23', true],
    ['age >= 361 months', '1996-11-23', false],
  ])('%s, born %s → %s', (condition, born, expected) => {
    expect(groupValue(condition, { born })).toBe(expected);
  });
});

describe('a span on the right mirrors the operator', () => {
  it.each([
    ['30 years <= age', '1996-11-23', true],
    ['30 years <= age', '1996-11-24', false],
    ['30 years > age', '1996-11-24', true],
    ['29 years = age', '1997-11-23', true],
    ['min_ledighed <= ledig', '2026-05-23', true],
  ])('%s with %s → %s', (condition, date, expected) => {
    expect(groupValue(condition, { born: date, since: date })).toBe(expected);
  });
});

describe('between on the calendar', () => {
  it.each([
    ['1996-11-23', true], // 30
    ['1996-11-24', false], // 29
    ['1976-11-24', true], // 49
    ['1976-11-23', false], // 50
  ])('age between 30 years and 49 years, born %s → %s', (born, expected) => {
    expect(groupValue('age between 30 years and 49 years', { born })).toBe(expected);
  });
});

describe('fractional durations count whole units', () => {
  it.each([
    ['age >= 2.5 years', '2024-01-01', false], // 2 completed years
    ['age >= 2.5 years', '2023-11-23', true], // 3
    ['age > 2.5 years', '2024-01-01', false], // n > 2.5 ⇔ n >= 3
    ['age > 2.5 years', '2023-11-23', true],
    ['age < 2.5 years', '2024-01-01', true],
    ['age <= 2.5 years', '2023-11-23', false],
    ['age = 2.5 years', '2024-01-01', false],
    ['age != 2.5 years', '2024-01-01', true],
  ])('%s, born %s → %s', (condition, born, expected) => {
    expect(groupValue(condition, { born })).toBe(expected);
  });
});

describe('time since, in every unit', () => {
  it.each([
    ['ledig >= 6 months', '2026-05-23', true],
    ['ledig >= 6 months', '2026-05-24', false],
    ['ledig >= min_ledighed', '2026-05-23', true],
    ['ledig >= 26 weeks', '2026-05-25', true], // 182 days
    ['ledig >= 26 weeks', '2026-05-26', false], // 181 days = 25 whole weeks
    ['ledig >= 182 days', '2026-05-25', true],
    ['ledig >= 183 days', '2026-05-25', false],
    ['ledig >= 1 month', '2026-10-31', false], // 31 Oct + 1 month = 30 Nov
    ['ledig >= 1 day', '2026-11-22', true],
    ['ledig >= 1 day', '2026-11-23', false],
    // a date after the reference date counts zero
    ['ledig < 1 day', '2027-01-01', true],
    ['ledig = 0 days', '2027-01-01', true],
    ['ledig >= 0 days', '2099-01-01', true],
    // thresholds before year 0: no real date is that old
    ['ledig < 20000 years', '0001-01-01', true],
    ['ledig >= 20000 years', '0001-01-01', false],
  ])('%s since %s → %s', (condition, since, expected) => {
    expect(groupValue(condition, { since })).toBe(expected);
  });
});

describe('the end-of-month rule and leap days', () => {
  it.each([
    ['age >= 18 years', '2008-02-29', '2026-02-28', true],
    ['age >= 18 years', '2008-02-29', '2026-02-27', false],
    ['age >= 50 years', '1972-02-29', '2022-02-28', true],
    ['age >= 50 years', '1972-03-01', '2022-02-28', false],
    ['age >= 1 year', '2000-02-29', '2001-02-28', true],
    ['ledig >= 1 month', '2026-01-31', '2026-02-28', true],
    ['ledig >= 1 month', '2024-01-31', '2024-02-28', false],
    ['ledig >= 1 month', '2024-01-31', '2024-02-29', true],
    ['ledig >= 1 month', '2026-03-31', '2026-04-30', true],
  ])('%s, date %s, as of %s → %s', (condition, date, asOf, expected) => {
    expect(groupValue(condition, { born: date, since: date }, asOf)).toBe(expected);
  });
});

describe('missing dates and param overrides', () => {
  it.each([
    ['age >= 30 years', {}, null],
    ['ledig < 6 months', {}, null],
    ['age is known', {}, false],
    ['age is missing', {}, true],
    ['age is known', { born: '2000-01-01' }, true],
    ['age >= 30 years or ledig >= 6 months', { since: '2020-01-01' }, true],
    ['age >= 30 years and ledig >= 6 months', { since: '2026-11-01' }, false],
  ] as [string, Record<string, string>, boolean | null][])('%s with %j → %s', (condition, record, expected) => {
    expect(groupValue(condition, record)).toBe(expected);
  });

  it.each([
    [{ min_ledighed: '4 months' }, '2026-07-23', true],
    [{ min_ledighed: '4 months' }, '2026-07-24', false],
    [{ min_ledighed: '26 weeks' }, '2026-05-25', true],
    [{ min_ledighed: '26 weeks' }, '2026-05-26', false],
    [{ min_ledighed: '1 year' }, '2025-11-23', true],
    [{ min_ledighed: '1 year' }, '2025-11-24', false],
  ])('ledig >= min_ledighed with %j, since %s → %s', (params, since, expected) => {
    expect(groupValue('ledig >= min_ledighed', { since }, '2026-11-23', params)).toBe(expected);
  });
});
