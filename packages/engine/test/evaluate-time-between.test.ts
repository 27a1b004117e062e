// time_between(a, b) (LANGUAGE.md §11) in every evaluator: whole completed units of the unit it is
// compared with, by the calendar rule of §4 with b in the place of the reference date
// (a + N unit <= b); b before a is zero; a missing date makes it unknown.
import { describe, expect, it } from 'vitest';
import { groupThreeWays } from './support/three-ways';

const RULES = `record R {
  a: date optional
  b: date optional
}
let ventetid = time_between(a, b)
param frist = 4 weeks
`;
const AS_OF = '2026-11-23';

const value = (condition: string, a: string | undefined, b: string | undefined) =>
  groupThreeWays(RULES, condition, { ...(a ? { a } : {}), ...(b ? { b } : {}) }, AS_OF);

describe('the calendar rule with b as the reference date', () => {
  it.each([
    // 31 January + 1 month = 28 February (the end-of-month rule)
    ['ventetid >= 1 month', '2026-01-31', '2026-02-28', true],
    ['ventetid >= 1 month', '2026-01-31', '2026-02-27', false],
    ['ventetid >= 1 month', '2024-01-31', '2024-02-29', true],
    ['ventetid >= 1 month', '2024-01-31', '2024-02-28', false],
    // 29 February 2024 + 1 year = 28 February 2025
    ['ventetid >= 1 year', '2024-02-29', '2025-02-28', true],
    ['ventetid >= 1 year', '2024-02-29', '2025-02-27', false],
    // 29 February 1972 + 50 years = 28 February 2022 (§4's example)
    ['ventetid >= 50 years', '1972-02-29', '2022-02-28', true],
    ['ventetid < 50 years', '1972-02-29', '2022-02-27', true],
    ['ventetid = 49 years', '1972-02-29', '2022-02-27', true],
    // 30 November + 3 months = 28 February (clamped), so three months are completed on 28 February
    ['ventetid >= 3 months', '2025-11-30', '2026-02-28', true],
    ['ventetid = 2 months', '2025-11-30', '2026-02-27', true],
    ['ventetid >= 12 months', '2025-03-15', '2026-03-15', true],
    ['ventetid >= 12 months', '2025-03-15', '2026-03-14', false],
    // whole weeks: 29 days are 4 completed weeks, not more
    ['ventetid > 4 weeks', '2026-01-01', '2026-01-30', false],
    ['ventetid > 28 days', '2026-01-01', '2026-01-30', true],
    ['ventetid >= 5 weeks', '2026-01-01', '2026-02-05', true],
    ['ventetid >= 5 weeks', '2026-01-01', '2026-02-04', false],
    ['ventetid = 14 days', '2026-01-01', '2026-01-15', true],
    ['ventetid = 2 weeks', '2026-01-01', '2026-01-15', true],
    ['ventetid != 2 weeks', '2026-01-01', '2026-01-22', true],
    ['ventetid <= 2 weeks', '2026-01-01', '2026-01-21', true],
    ['ventetid <= 2 weeks', '2026-01-01', '2026-01-22', false],
    ['ventetid > frist', '2026-01-01', '2026-02-05', true],
    ['ventetid > frist', '2026-01-01', '2026-02-04', false],
    // the same day: zero of every unit
    ['ventetid = 0 days', '2026-05-05', '2026-05-05', true],
    ['ventetid < 1 day', '2026-05-05', '2026-05-05', true],
    // across a leap day in days
    ['ventetid = 366 days', '2024-01-01', '2025-01-01', true],
  ] as const)('%s from %s to %s → %s', (condition, a, b, expected) => {
    expect(value(condition, a, b)).toBe(expected);
  });
});

describe('b before a is zero', () => {
  it.each([
    ['ventetid = 0 days', true],
    ['ventetid >= 0 days', true],
    ['ventetid > 0 days', false],
    ['ventetid < 1 week', true],
    ['ventetid = 0 months', true],
    ['ventetid >= 1 year', false],
  ] as const)('%s → %s', (condition, expected) => {
    expect(value(condition, '2026-03-01', '2025-01-01')).toBe(expected);
  });
});

describe('a missing date makes it unknown', () => {
  it.each([
    ['ventetid > 4 weeks', undefined, '2026-01-01', null],
    ['ventetid > 4 weeks', '2026-01-01', undefined, null],
    ['ventetid > 4 weeks', undefined, undefined, null],
    ['ventetid is known', undefined, '2026-01-01', false],
    ['ventetid is missing', '2026-01-01', undefined, true],
    ['ventetid is known', '2026-01-01', '2026-01-02', true],
    ['not (ventetid > 4 weeks)', '2026-01-01', undefined, null],
    ['ventetid > 4 weeks or true', '2026-01-01', undefined, true],
  ] as const)('%s with a=%s, b=%s → %s', (condition, a, b, expected) => {
    expect(value(condition, a, b)).toBe(expected);
  });
});

describe('every form that takes a span', () => {
  it.each([
    ['4 weeks < ventetid', '2026-01-01', '2026-02-05', true],
    ['1 month <= ventetid', '2026-01-31', '2026-02-27', false],
    ['ventetid between 2 weeks and 4 weeks', '2026-01-01', '2026-01-29', true],
    ['ventetid between 2 weeks and 4 weeks', '2026-01-01', '2026-02-05', false],
    ['ventetid between 2 weeks and 30 days', '2026-01-01', '2026-01-31', true],
    ['time_between(a, b) >= 1 month', '2026-01-31', '2026-02-28', true],
    ['time_between(b, a) >= 1 month', '2026-01-31', '2026-02-28', false],
    ['time_between(a, 2026-02-28) >= 1 month', '2026-01-31', undefined, true],
    ['time_between(2026-01-31, b) >= 1 month', undefined, '2026-02-28', true],
    ['time_between(a, b) >= 1 month and time_since(a) >= 1 year', '2024-01-31', '2024-02-29', true],
  ] as const)('%s from %s to %s → %s', (condition, a, b, expected) => {
    expect(value(condition, a, b)).toBe(expected);
  });
});
