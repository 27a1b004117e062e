// LANGUAGE.md §2 and §13: the dates of `from` / `until` must be days of the calendar, like every
// date literal (a validity of 2020-02-31 was taken as something else and moved a law change).
import { describe, expect, it } from 'vitest';
import { check } from '../src/index';
import { citizenRecord, recordLines } from './support/fixtures';

function invalidDates(snippet: string): string[] {
  return check(citizenRecord + snippet)
    .diagnostics.filter((d) => d.code === 'invalid-date')
    .map((d) => `${d.range.start.line - recordLines}:${d.range.start.column} ${d.message}`);
}

describe('dates of validities', () => {
  it.each([
    ['param k = 1 from 2020-13-45\ngroup g = hours > k', ["1:18 invalid date '2020-13-45': there is no month 13"]],
    ['param k = 1 from 2020-01-01 until 2020-02-31\nparam k = 5 from 2020-03-01\ngroup g = hours > k', ["1:35 invalid date '2020-02-31': February 2020 has 29 days"]],
    ['group g until 2019-02-29 = motivated', ["1:15 invalid date '2019-02-29': February 2019 has 28 days"]],
    ['program p from 2015-11-31 { require motivated }', ["1:16 invalid date '2015-11-31': November 2015 has 30 days"]],
    ['let x from 2020-1-5 = 1\ngroup g = hours > x', [expect.stringMatching(/^1:12 invalid date '2020-1-5'/)]],
  ])('%s', (snippet, expected) => {
    expect(invalidDates(snippet)).toEqual(expected);
  });

  it('accepts real days, 29 February of a leap year included', () => {
    expect(invalidDates('group g from 2024-02-29 until 2024-12-31 = motivated')).toEqual([]);
  });
});
