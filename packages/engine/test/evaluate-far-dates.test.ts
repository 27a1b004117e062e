// Dates far back (LANGUAGE.md §4, §12, §14): a window or a threshold that reaches before year 0 —
// `time_in(L, last 2027 years)`, or a row's own reference date in year 5 — is computed on the
// proleptic calendar like any other, in every evaluator. (It stopped the whole screen with "not a
// real date" / "nested too deeply" before: a hostile test.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupThreeWays } from './support/three-ways';

const RULES = `record Citizen {
  id: text key
  p: list of { start: date, end: date optional } optional
  d: date optional
}
`;

describe('windows and thresholds before year 0', () => {
  it.each([
    ['time_in(p, last 2027 years) > 1 day', { p: [{ start: '0001-01-01', end: '0001-12-31' }] }, '2026-11-23', true],
    ['time_in(p, last 2027 years) > 1 day', { p: [] }, '2026-11-23', false],
    ['time_in(p, last 10 years) > 1 day', { p: [{ start: '0001-01-01' }] }, '0005-01-01', true],
    ['time_in(p, last 10 years) >= 1462 days', { p: [{ start: '0001-01-01' }] }, '0005-01-01', true],
    ['time_in(p, last 10 years) > 1462 days', { p: [{ start: '0001-01-01' }] }, '0005-01-01', false],
    ['time_since(d) >= 3000 years', { d: '0001-01-01' }, '2026-11-23', false],
    ['time_since(d) < 10 years', { d: '0001-01-01' }, '0005-01-01', true],
    ['any(p where time_since(start) >= 2030 years)', { p: [{ start: '0001-01-01' }] }, '2026-11-23', false],
  ])('%s with %j as of %s', (condition, record, asOf, expected) => {
    expect(groupThreeWays(RULES, condition, { id: 'a', ...record }, asOf)).toBe(expected);
  });
});

// The family the table above was found in: reference dates from year 1 to 9999, windows of up to
// 4,000 years (so their start is often before year 0), a period that starts anywhere before the
// reference date and is still running. Every evaluator gives what the calendar says (an oracle on
// JavaScript's proleptic Date, independent of the engine's calendar) and none throws.
describe('time_in over windows that reach before year 0: a property', () => {
  const day = (y: number, m: number, d: number): number => {
    const t = new Date(0);
    t.setUTCFullYear(y, m - 1, d);
    return Math.round(t.getTime() / 86_400_000);
  };
  const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const lastDay = (y: number, m: number) => new Date(Date.UTC(2000, m, 0)).getUTCDate() - (m === 2 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 1 : 0);
  const date = (minYear: number) =>
    fc.record({ y: fc.integer({ min: minYear, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) }).map(({ y, m, d }) => ({ y, m, d: Math.min(d, lastDay(y, m)) }));

  it('is the days of the period inside (R − N years, R]', () => {
    fc.assert(
      fc.property(date(1), date(0), fc.integer({ min: 1, max: 4000 }), (r, s0, n) => {
        const R = day(r.y, r.m, r.d);
        const s = day(s0.y, s0.m, s0.d) <= R ? s0 : r;
        const S = day(s.y, s.m, s.d);
        const W = day(r.y - n, r.m, Math.min(r.d, lastDay(r.y - n < 0 ? -(r.y - n) : r.y - n, r.m)));
        const days = Math.max(0, R - Math.max(S, W + 1) + 1);
        const record = { id: 'a', p: [{ start: iso(s.y, s.m, s.d) }] };
        const asOf = iso(r.y, r.m, r.d);
        expect(groupThreeWays(RULES, `time_in(p, last ${n} years) >= ${days} days`, record, asOf)).toBe(true);
        expect(groupThreeWays(RULES, `time_in(p, last ${n} years) >= ${days + 1} days`, record, asOf)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
