// LANGUAGE.md §11: `time_between(a, b)` is a calendar span like time_since — compared with fixed
// durations in any unit, never with a plain number; two date arguments.
import { describe, expect, it } from 'vitest';
import { check } from '../src/index';
import { codes, historyRecord, messages } from './support/histories';

describe('time_between(a, b)', () => {
  it.each([
    'group for_sent = time_between(henvist, visiteret) > 4 weeks',
    'let ventetid = time_between(henvist, visiteret)\ngroup for_sent = ventetid > 4 weeks',
    'group g = time_between(henvist, visiteret) >= 1 month',
    'group g = time_between(henvist, visiteret) between 2 weeks and 1 year',
    'param p = 28 days\ngroup g = time_between(henvist, 2026-01-01) > p',
    'group g = time_between(2020-01-01, visiteret) < 1 year',
    'group g = time_between(henvist, visiteret) is known',
  ])('%s', (snippet) => {
    expect(codes(`${snippet}\n`)).toEqual([]);
  });

  it('is a calendar span', () => {
    const c = check(`${historyRecord}let v = time_between(henvist, visiteret)\ngroup g = v > 4 weeks\n`);
    expect(c.letTypes.get('v')).toEqual({ kind: 'calendar' });
  });

  it.each<[string, string, string[], RegExp]>([
    ['one argument', 'group g = time_between(henvist) > 4 weeks', ['wrong-arguments 1:11'], /time_between\(…\) takes two dates, but found 1 argument$/],
    ['three arguments', 'group g = time_between(henvist, visiteret, henvist) > 4 weeks', ['wrong-arguments 1:11'], /found 3 arguments/],
    ['a number for a date', 'group g = time_between(henvist, 3) > 4 weeks', ['wrong-arguments 1:33'], /takes two dates, but found '3' \(a whole number\)/],
    ['an enum for a date', 'group g = time_between(benefit, henvist) > 4 weeks', ['wrong-arguments 1:24'], /'benefit' \(one of \(dagpenge, kontanthjaelp\)\)/],
    ['a plain number threshold', 'group g = time_between(henvist, visiteret) > 28', ['calendar-needs-unit 1:46'], /compare it with a duration such as '28 years'/],
    ['a span compared with a span', 'group g = time_between(henvist, visiteret) > time_between(visiteret, henvist)', ['type-mismatch 1:11'], /cannot compare .*span of time on the calendar/],
    ['a threshold that varies per record', 'group g = time_between(henvist, visiteret) > count(samtaler) * 1 day', ['calendar-threshold-not-constant 1:46'], /fixed duration/],
    ['arithmetic on it', 'let x = time_between(henvist, visiteret) + 1 day\ngroup g = x > 1 day', ['calendar-arithmetic 1:9'], /span of time/],
    ['a misspelt date field', 'group g = time_between(henvis, visiteret) > 4 weeks', ['unknown-name 1:24'], /did you mean 'henvist'\?/],
    ['a where in it', 'group g = time_between(forløb where kind = jobklub, henvist) > 4 weeks', ['where-misplaced 1:31'], /only written inside any/],
  ])('%s', (_title, snippet, expected, message) => {
    expect(codes(`${snippet}\n`)).toEqual(expected);
    expect(messages(`${snippet}\n`).join('\n')).toMatch(message);
  });

  it('keeps the v1 messages of age_of and time_since', () => {
    expect(messages('group g = time_since(henvist, visiteret) > 1 day\n')).toEqual(['time_since(…) takes one date, but found 2 arguments']);
  });
});
