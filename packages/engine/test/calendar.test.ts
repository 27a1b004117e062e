// The calendar of LANGUAGE.md §4: whole completed units, the end-of-month rule, leap days,
// thresholds for `time_since(d) >= k unit`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Unit } from '@visit/dsl';
import {
  addUnits,
  completedUnits,
  daysBetween,
  fromDayNumber,
  dayNumber,
  isRealDate,
  latestStart,
} from '../src/calendar';

describe('isRealDate', () => {
  it.each([
    ['2026-11-23', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2023-02-30', false],
    ['2023-04-31', false],
    ['2023-12-31', true],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-01-00', false],
    ['2026-1-5', false],
    ['2026-01-5', false],
    ['26-01-05', false],
    ['2026-01-05 ', false],
    ['2026-01-05T00:00', false],
    ['', false],
    ['２０２６-01-05', false],
  ])('%j → %s', (iso, expected) => {
    expect(isRealDate(iso)).toBe(expected);
  });
});

describe('addUnits', () => {
  it.each<[string, number, Unit, string]>([
    ['2023-01-31', 1, 'months', '2023-02-28'],
    ['2024-01-31', 1, 'months', '2024-02-29'],
    ['2024-01-30', 1, 'months', '2024-02-29'],
    ['2024-03-31', 1, 'months', '2024-04-30'],
    ['2024-03-31', -1, 'months', '2024-02-29'],
    ['2024-12-15', 1, 'months', '2025-01-15'],
    ['2025-01-15', -1, 'months', '2024-12-15'],
    ['2024-05-31', 9, 'months', '2025-02-28'],
    ['2000-02-29', 1, 'years', '2001-02-28'],
    ['2000-02-29', 4, 'years', '2004-02-29'],
    ['1972-02-29', 50, 'years', '2022-02-28'],
    ['2022-02-28', -50, 'years', '1972-02-28'],
    ['2008-02-29', 18, 'years', '2026-02-28'],
    ['2026-11-23', 0, 'years', '2026-11-23'],
    ['2024-02-28', 1, 'days', '2024-02-29'],
    ['2023-02-28', 1, 'days', '2023-03-01'],
    ['2023-12-31', 1, 'days', '2024-01-01'],
    ['2024-03-01', -1, 'days', '2024-02-29'],
    ['2026-11-23', 2, 'weeks', '2026-12-07'],
    ['2026-01-01', -1, 'weeks', '2025-12-25'],
    ['1900-02-28', 1, 'days', '1900-03-01'],
    ['0001-01-01', -1, 'days', '0000-12-31'],
  ])('%s + %d %s = %s', (from, n, unit, expected) => {
    expect(addUnits(from, n, unit)).toBe(expected);
  });
});

describe('completedUnits', () => {
  it.each<[string, string, Unit, number]>([
    // birthdays on the reference date count
    ['1970-01-01', '2026-11-23', 'years', 56],
    ['1996-11-23', '2026-11-23', 'years', 30],
    ['1996-11-24', '2026-11-23', 'years', 29],
    ['1976-11-23', '2026-11-23', 'years', 50],
    ['1976-11-24', '2026-11-23', 'years', 49],
    // leap-day births
    ['2008-02-29', '2026-02-28', 'years', 18],
    ['2008-02-29', '2026-02-27', 'years', 17],
    ['2008-02-29', '2028-02-28', 'years', 19],
    ['2008-02-29', '2028-02-29', 'years', 20],
    ['1972-02-29', '2022-02-28', 'years', 50],
    // month ends
    ['2026-01-31', '2026-02-28', 'months', 1],
    ['2026-01-31', '2026-02-27', 'months', 0],
    ['2026-05-31', '2026-11-23', 'months', 5],
    ['2026-05-23', '2026-11-23', 'months', 6],
    ['2026-05-24', '2026-11-23', 'months', 5],
    ['2026-03-31', '2026-04-30', 'months', 1],
    ['2026-04-30', '2026-05-30', 'months', 1],
    ['2026-04-30', '2026-05-29', 'months', 0],
    // days and weeks
    ['2026-11-23', '2026-11-23', 'days', 0],
    ['2026-11-22', '2026-11-23', 'days', 1],
    ['2024-02-01', '2024-03-01', 'days', 29],
    ['2026-11-09', '2026-11-23', 'weeks', 2],
    ['2026-11-10', '2026-11-23', 'weeks', 1],
    ['2026-11-17', '2026-11-23', 'weeks', 0],
    // a date after the reference date counts zero
    ['2026-11-24', '2026-11-23', 'days', 0],
    ['2030-01-01', '2026-11-23', 'years', 0],
    ['2026-12-23', '2026-11-23', 'months', 0],
    ['2026-11-30', '2026-11-23', 'weeks', 0],
  ])('from %s to %s: %d… %s → %d', (from, ref, unit, expected) => {
    expect(completedUnits(from, ref, unit)).toBe(expected);
  });
});

describe('latestStart', () => {
  it.each<[string, number, Unit, string]>([
    ['2026-11-23', 30, 'years', '1996-11-23'],
    ['2026-11-23', 6, 'months', '2026-05-23'],
    // 29 Feb 1972 + 50 years = 28 Feb 2022, so the threshold is later than 28 Feb 2022 − 50 years
    ['2022-02-28', 50, 'years', '1972-02-29'],
    ['2026-02-28', 18, 'years', '2008-02-29'],
    ['2026-02-28', 1, 'months', '2026-01-31'],
    ['2025-02-28', 12, 'months', '2024-02-29'],
    ['2026-04-30', 1, 'months', '2026-03-31'],
    ['2026-03-31', 1, 'months', '2026-02-28'],
    ['2026-11-23', 14, 'days', '2026-11-09'],
    ['2026-11-23', 2, 'weeks', '2026-11-09'],
    ['2024-03-01', 1, 'days', '2024-02-29'],
  ])('latest d with d + %2$d %3$s <= %1$s is %4$s', (ref, k, unit, expected) => {
    expect(latestStart(ref, k, unit)).toBe(expected);
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2026-11-23', 20780],
  ])('%s is day %d', (iso, n) => {
    expect(dayNumber(iso)).toBe(n);
    expect(fromDayNumber(n)).toBe(iso);
  });

  it.each([
    ['2026-11-23', '2026-11-23', 0],
    ['2026-11-22', '2026-11-23', 1],
    ['2026-11-23', '2026-11-22', -1],
    ['2024-01-01', '2025-01-01', 366],
    ['2023-01-01', '2024-01-01', 365],
  ])('daysBetween(%s, %s) = %d', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });
});

// ---------------------------------------------------------------- properties

const units: Unit[] = ['days', 'weeks', 'months', 'years'];
/** Any real day from 1900 to 2100, biased towards month ends and leap days. */
const isoDate = fc.oneof(
  fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2100-12-31') }).map(fromDayNumber),
  fc
    .record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), back: fc.integer({ min: 0, max: 3 }) })
    .map(({ y, m, back }) => {
      const firstOfNext = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      return fromDayNumber(dayNumber(firstOfNext) - 1 - back);
    }),
);

describe('properties', () => {
  it('agrees with JavaScript Date (UTC) on day arithmetic', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (iso, n) => {
        const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
        const expected = new Date(t + n * 86_400_000).toISOString().slice(0, 10);
        expect(addUnits(iso, n, 'days')).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('latestStart is the latest d with addUnits(d, k) <= ref (brute force near the answer)', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 120 }), fc.constantFrom(...units), (ref, k, unit) => {
        const t = latestStart(ref, k, unit);
        expect(isRealDate(t)).toBe(true);
        expect(addUnits(t, k, unit) <= ref).toBe(true);
        // Every later day within a wide window fails (addUnits is monotone in d, so this is enough).
        const start = dayNumber(t);
        for (let i = 1; i <= 40; i++) expect(addUnits(fromDayNumber(start + i), k, unit) <= ref).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('completedUnits(d, ref) >= k ⇔ d <= latestStart(ref, k)', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.integer({ min: 1, max: 150 }), fc.constantFrom(...units), (d, ref, k, unit) => {
        expect(completedUnits(d, ref, unit) >= k).toBe(d <= latestStart(ref, k, unit));
      }),
      { numRuns: 3000 },
    );
  });

  it('completedUnits is the largest k with addUnits(d, k) <= ref', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.constantFrom(...units), (d, ref, unit) => {
        const n = completedUnits(d, ref, unit);
        if (d > ref) {
          expect(n).toBe(0);
        } else {
          expect(addUnits(d, n, unit) <= ref).toBe(true);
          expect(addUnits(d, n + 1, unit) <= ref).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
