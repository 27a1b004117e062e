// Lists (LANGUAGE.md §12) in every evaluator: any/all/none/count/time_in with the three-valued rules
// as written — a missing list is unknown; an empty list is known (any false, all true, count 0); an
// element whose condition is unknown may or may not count; `count ⋚ N` and time_in are decided only
// when every value between the true and the true-or-unknown elements gives the same answer; the
// window (R − N unit, R]; a period covers start..end inclusive; a missing end is the reference date.
import { describe, expect, it } from 'vitest';
import { groupThreeWays } from './support/three-ways';

const RULES = `record Citizen {
  cpr:      text key personal
  forløb:   list of {
              kind:  one of (dagpenge, kontanthjaelp, jobklub, virksomhedspraktik, loentilskud) optional
              start: date
              end:   date optional
            } optional
  samtaler: list of { dato: date, form: one of (individuel, gruppe) optional, fremmødt: boolean optional, timer: integer in weeks optional } optional
}
param min_samtaler = 4
param jobklub_karantæne = 12 months
let grænse = 2026-01-01
let individuelle = count(samtaler where form = individuel)
`;
const R = '2026-11-23';

type Element = Record<string, string | boolean | number>;
const value = (condition: string, record: { forløb?: Element[] | null; samtaler?: Element[] | null }, asOf = R) =>
  groupThreeWays(RULES, condition, { cpr: '0101701234', ...record }, asOf);

const ind = { dato: '2026-10-01', form: 'individuel' };
const grp = { dato: '2026-10-01', form: 'gruppe' };
const unk = { dato: '2026-10-01' };

describe('any, all, none: a missing list is unknown, an empty one known', () => {
  it.each([
    ['any(forløb where kind = jobklub)', undefined, null],
    ['any(forløb where kind = jobklub)', null, null],
    ['any(forløb where kind = jobklub)', [], false],
    ['all(forløb where kind = jobklub)', [], true],
    ['none(forløb where kind = jobklub)', [], true],
    ['all(forløb where kind = jobklub)', undefined, null],
    ['none(forløb where kind = jobklub)', undefined, null],
    ['count(forløb) = 0', [], true],
    ['count(forløb) = 0', undefined, null],
    ['count(forløb where kind = jobklub) = 0', [], true],
    ['count(forløb) is known', [], true],
    ['count(forløb) is missing', undefined, true],
  ] as const)('%s with forløb %j → %s', (condition, forløb, expected) => {
    expect(value(condition, forløb === undefined ? {} : { forløb: forløb as Element[] | null })).toBe(expected);
  });
});

describe('an element whose condition is unknown may or may not count', () => {
  const job = { kind: 'jobklub', start: '2026-01-01' };
  const dag = { kind: 'dagpenge', start: '2026-01-01' };
  const what = { start: '2026-01-01' };
  it.each([
    ['any', [job], true],
    ['any', [dag], false],
    ['any', [what], null],
    ['any', [what, job], true],
    ['any', [what, dag], null],
    ['any', [dag, dag], false],
    ['all', [job, job], true],
    ['all', [job, what], null],
    ['all', [what, dag], false],
    ['all', [what, what], null],
    ['none', [job], false],
    ['none', [dag, what], null],
    ['none', [dag, dag], true],
    ['none', [what, job], false],
  ] as const)('%s(forløb where kind = jobklub) over %j → %s', (fn, forløb, expected) => {
    expect(value(`${fn}(forløb where kind = jobklub)`, { forløb: [...forløb] })).toBe(expected);
  });
});

describe('count ⋚ N: decided when every count from the true to the true-or-unknown elements agrees', () => {
  it.each([
    ['>= 2', [ind, ind], true],
    ['>= 2', [ind, unk], null], // 1..2
    ['>= 2', [ind, ind, unk], true], // 2..3
    ['>= 2', [grp, unk], false], // 0..1
    ['>= 2', [ind, unk, unk], null], // 1..3
    ['> 0', [unk], null],
    ['> 0', [grp], false],
    ['< 2', [ind, unk], null],
    ['< 2', [grp, unk], true],
    ['<= 1', [grp, unk], true],
    ['<= 1', [ind, unk], null],
    ['= 1', [ind, grp], true],
    ['= 1', [ind, unk], null],
    ['= 1', [grp, unk], null],
    ['= 1', [grp, grp], false],
    ['= 1', [ind, ind, unk], false], // 2..3
    ['!= 1', [ind, ind, unk], true],
    ['!= 1', [ind, unk], null],
    ['!= 0', [], false],
    ['between 1 and 2', [ind, unk], true],
    ['between 1 and 2', [ind, unk, unk], null],
    ['between 1 and 2', [grp, grp], false],
    ['between 1 and 2', [ind, ind, ind, unk], false],
  ] as const)('count(samtaler where form = individuel) %s over %j → %s', (test, samtaler, expected) => {
    expect(value(`count(samtaler where form = individuel) ${test}`, { samtaler: [...samtaler] })).toBe(expected);
    // The same through a let.
    expect(value(`individuelle ${test}`, { samtaler: [...samtaler] })).toBe(expected);
  });

  it.each([
    ['2 <= count(samtaler where form = individuel)', [ind, unk], null],
    ['2 <= count(samtaler where form = individuel)', [ind, ind], true],
    ['count(samtaler where form = individuel) >= min_samtaler', [ind, ind, ind, ind], true],
    ['count(samtaler where form = individuel) >= min_samtaler', [ind, ind, ind, unk], null],
    ['count(samtaler) >= min_samtaler', [unk, unk, unk, unk], true],
    ['count(samtaler where form = individuel) > count(samtaler where form = gruppe)', [ind, ind, grp], true],
    ['count(samtaler where form = individuel) > count(samtaler where form = gruppe)', [ind, unk], null],
    ['count(samtaler where form = individuel) > count(samtaler where form = gruppe)', [grp, unk], false],
    ['count(samtaler where form = individuel) = count(samtaler where form = gruppe)', [ind, grp], true],
    ['count(samtaler where form = individuel) = count(samtaler where form = gruppe)', [ind, ind, unk], false],
  ] as const)('%s over %j → %s', (condition, samtaler, expected) => {
    expect(value(condition, { samtaler: [...samtaler] })).toBe(expected);
  });
});

describe('inside where: element fields, params, record-independent lets', () => {
  it.each([
    ['count(samtaler where time_since(dato) < 6 months) >= min_samtaler', [{ dato: '2026-05-24' }, { dato: '2026-06-01' }, { dato: '2026-11-23' }, { dato: '2026-09-30' }], true],
    // 2026-05-23 is exactly six months before R: not less than six months ago
    ['count(samtaler where time_since(dato) < 6 months) >= min_samtaler', [{ dato: '2026-05-23' }, { dato: '2026-06-01' }, { dato: '2026-11-23' }, { dato: '2026-09-30' }], false],
    ['any(samtaler where dato >= grænse)', [{ dato: '2025-12-31' }], false],
    ['any(samtaler where dato >= grænse)', [{ dato: '2026-01-01' }], true],
    ['any(samtaler where fremmødt)', [{ dato: '2026-01-01', fremmødt: false }], false],
    ['any(samtaler where fremmødt)', [{ dato: '2026-01-01' }], null],
    ['any(samtaler where fremmødt)', [{ dato: '2026-01-01', fremmødt: false }, { dato: '2026-01-02', fremmødt: true }], true],
    ['all(samtaler where not fremmødt)', [{ dato: '2026-01-01', fremmødt: false }], true],
    ['any(samtaler where fremmødt is missing)', [{ dato: '2026-01-01', fremmødt: false }], false],
    ['any(samtaler where form is known and fremmødt = true)', [{ dato: '2026-01-01', form: 'gruppe', fremmødt: true }], true],
    ['any(samtaler where timer >= 14 days)', [{ dato: '2026-01-01', timer: 2 }], true],
    ['any(samtaler where timer >= 14 days)', [{ dato: '2026-01-01', timer: 1 }], false],
    ['any(samtaler where timer >= 14 days)', [{ dato: '2026-01-01' }], null],
    ['count(samtaler where form in (individuel, gruppe)) = 2', [ind, grp, unk], null],
    ['count(samtaler where form not in (gruppe)) = 1', [ind, grp], true],
  ] as const)('%s over %j → %s', (condition, samtaler, expected) => {
    expect(value(condition, { samtaler: samtaler.map((e) => ({ ...e })) })).toBe(expected);
  });
});

describe('periods: a missing end is the reference date; `end is missing` asks whether it still runs', () => {
  const NY = 'none(forløb where kind = jobklub and time_since(end) < jobklub_karantæne)';
  it.each([
    // a job club that ended exactly 12 months before R no longer counts
    [NY, [{ kind: 'jobklub', start: '2025-01-01', end: '2025-11-23' }], true],
    [NY, [{ kind: 'jobklub', start: '2025-01-01', end: '2025-11-24' }], false],
    // still running: its end reads as R, 0 months ago
    [NY, [{ kind: 'jobklub', start: '2020-01-01' }], false],
    [NY, [{ kind: 'dagpenge', start: '2020-01-01' }], true],
    [NY, [{ start: '2025-06-01', end: '2026-01-01' }], null],
    [NY, [{ start: '2025-06-01', end: '2024-01-01' }, { kind: 'jobklub', start: '2026-01-01', end: '2026-02-01' }], false],
    ['any(forløb where end is missing)', [{ kind: 'jobklub', start: '2020-01-01' }], true],
    ['any(forløb where end is missing)', [{ kind: 'jobklub', start: '2020-01-01', end: '2026-11-23' }], false],
    ['any(forløb where end is known)', [{ kind: 'jobklub', start: '2020-01-01' }], false],
    ['any(forløb where end = 2026-11-23)', [{ kind: 'jobklub', start: '2020-01-01' }], true],
    ['any(forløb where end >= 2026-11-24)', [{ kind: 'jobklub', start: '2020-01-01' }], false],
    ['any(forløb where kind = loentilskud and end is missing)', [{ kind: 'loentilskud', start: '2026-01-01' }], true],
    ['all(forløb where time_since(start) >= 1 year)', [{ start: '2025-11-23' }, { start: '2024-01-01', end: '2024-12-31' }], true],
  ] as const)('%s over %j → %s', (condition, forløb, expected) => {
    expect(value(condition, { forløb: forløb.map((e) => ({ ...e })) })).toBe(expected);
  });
});

describe('time_in: the union of the periods within (R − N unit, R]', () => {
  const LANG = 'time_in(forløb where kind in (dagpenge, kontanthjaelp), last 52 weeks)';
  it.each([
    // 2026-02-03 – 2026-11-23: 294 days = 42 weeks (inclusive of both ends)
    [`${LANG} >= 42 weeks`, [{ kind: 'dagpenge', start: '2026-02-03' }], true],
    [`${LANG} >= 42 weeks`, [{ kind: 'dagpenge', start: '2026-02-04' }], false],
    [`${LANG} = 294 days`, [{ kind: 'dagpenge', start: '2026-02-03' }], true],
    // overlapping periods count once: 2026-02-10 – 2026-11-23 is 287 days = 41 weeks
    [`${LANG} = 287 days`, [{ kind: 'dagpenge', start: '2026-02-10', end: '2026-08-31' }, { kind: 'kontanthjaelp', start: '2026-06-01' }], true],
    [`${LANG} = 41 weeks`, [{ kind: 'kontanthjaelp', start: '2026-06-01' }, { kind: 'dagpenge', start: '2026-02-10', end: '2026-08-31' }], true],
    [`${LANG} = 287 days`, [{ kind: 'dagpenge', start: '2026-02-10' }, { kind: 'dagpenge', start: '2026-02-10' }], true],
    // a period within another
    [`${LANG} = 10 days`, [{ kind: 'dagpenge', start: '2026-03-01', end: '2026-03-10' }, { kind: 'dagpenge', start: '2026-03-02', end: '2026-03-05' }], true],
    // adjacent periods: 1–10 and 11–20 March are 20 days
    [`${LANG} = 20 days`, [{ kind: 'dagpenge', start: '2026-03-11', end: '2026-03-20' }, { kind: 'dagpenge', start: '2026-03-01', end: '2026-03-10' }], true],
    // partial overlap with the window: R − 52 weeks = 2025-11-24, so the window starts 2025-11-25
    [`${LANG} = 37 days`, [{ kind: 'dagpenge', start: '2024-01-01', end: '2025-12-31' }], true],
    [`${LANG} = 1 day`, [{ kind: 'dagpenge', start: '2024-01-01', end: '2025-11-25' }], true],
    [`${LANG} = 0 days`, [{ kind: 'dagpenge', start: '2024-01-01', end: '2025-11-24' }], true],
    // one day, on R
    [`${LANG} = 1 day`, [{ kind: 'dagpenge', start: '2026-11-23', end: '2026-11-23' }], true],
    // after R: nothing of it is in the window
    [`${LANG} = 0 days`, [{ kind: 'dagpenge', start: '2026-11-24' }], true],
    [`${LANG} = 5 days`, [{ kind: 'dagpenge', start: '2026-11-19', end: '2027-05-01' }], true],
    // the whole window
    [`${LANG} = 52 weeks`, [{ kind: 'dagpenge', start: '2000-01-01' }], true],
    [`${LANG} = 0 days`, [{ kind: 'jobklub', start: '2000-01-01' }], true],
    [`${LANG} = 0 days`, [], true],
    [`${LANG} >= 1 day`, [], false],
    // unknown elements: between the union of the true periods (176 days) and that of the
    // true-or-unknown ones (327 days)
    [`${LANG} >= 42 weeks`, [{ start: '2026-01-01' }, { kind: 'dagpenge', start: '2026-06-01' }], null],
    [`${LANG} >= 25 weeks`, [{ start: '2026-01-01' }, { kind: 'dagpenge', start: '2026-06-01' }], true],
    [`${LANG} >= 176 days`, [{ start: '2026-01-01' }, { kind: 'dagpenge', start: '2026-06-01' }], true],
    [`${LANG} >= 177 days`, [{ start: '2026-01-01' }, { kind: 'dagpenge', start: '2026-06-01' }], null],
    [`${LANG} > 327 days`, [{ start: '2026-01-01' }, { kind: 'dagpenge', start: '2026-06-01' }], false],
    [`${LANG} <= 327 days`, [{ start: '2026-01-01' }, { kind: 'dagpenge', start: '2026-06-01' }], true],
    // an unknown period inside a true one changes nothing
    [`${LANG} = 10 days`, [{ kind: 'dagpenge', start: '2026-03-01', end: '2026-03-10' }, { start: '2026-03-02', end: '2026-03-05' }], true],
    // without where: every period
    ['time_in(forløb, last 2 weeks) = 14 days', [{ start: '2000-01-01' }], true],
  ] as const)('%s over %j → %s', (condition, forløb, expected) => {
    expect(value(condition, { forløb: forløb.map((e) => ({ ...e })) })).toBe(expected);
  });

  it('a missing list is unknown', () => {
    expect(value(`${LANG} >= 1 day`, {})).toBe(null);
    expect(value(`${LANG} is known`, {})).toBe(false);
    expect(value(`${LANG} is known`, { forløb: [] })).toBe(true);
  });

  it.each([
    // R − 12 months by the calendar: 2025-11-23, so 365 days
    ['time_in(forløb, last 12 months) = 365 days', R, true],
    ['time_in(forløb, last 1 year) = 365 days', R, true],
    // R = 2024-03-31: R − 1 month = 2024-02-29, so the window is March: 31 days
    ['time_in(forløb, last 1 month) = 31 days', '2024-03-31', true],
    // R = 2025-02-28: R − 1 year = 2024-02-28; the window 2024-02-29 – 2025-02-28 is 366 days
    ['time_in(forløb, last 1 year) = 366 days', '2025-02-28', true],
    ['time_in(forløb, last 3 days) = 3 days', R, true],
  ] as const)('%s as of %s → %s', (condition, asOf, expected) => {
    expect(value(condition, { forløb: [{ start: '1990-01-01' }] }, asOf)).toBe(expected);
  });
});

describe('a count or time_in in arithmetic is a plain number: unknown unless decided', () => {
  it.each([
    ['individuelle + 0 >= 2', [ind, ind], true],
    ['individuelle + 0 >= 2', [ind, unk], null],
    ['individuelle * 2 = 4', [ind, ind, grp], true],
  ] as const)('%s over %j → %s', (condition, samtaler, expected) => {
    expect(value(condition, { samtaler: [...samtaler] })).toBe(expected);
  });
});
