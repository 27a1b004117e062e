// Inlay hints: what a calendar criterion means on the reference date, with the engine's calendar
// (latestStart, LANGUAGE.md §4). Table: criterion, reference date → hint text; and a property that
// the hint's date is exactly where the criterion changes truth (checked with completedUnits).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addUnits, completedUnits, latestStart } from '../../engine/src/calendar';
import { withLanguage } from '../src/check/language';
import { getInlayHints, VisitDocument } from '../src/service';

const RECORD = 'record C {\n  birth: date\n  since: date optional\n}\nlet age = age_of(birth)\nlet ledig = time_since(since)\nparam min_ledighed = 6 months\n';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

function hints(condition: string, referenceDate: string): string[] {
  const doc = new VisitDocument('file:///h.visit', `${RECORD}group g = ${condition}\n`);
  return getInlayHints(doc, WHOLE, { referenceDate, latestStart }).map((h) => String(h.label));
}

const table: [string, string, string[]][] = [
  ['age < 30 years', '2026-11-23', ['born after 1996-11-23']],
  ['age_of(birth) < 30 years', '2026-11-23', ['born after 1996-11-23']],
  ['age >= 50 years', '2026-11-23', ['born on or before 1976-11-23']],
  ['age <= 29 years', '2026-11-23', ['born after 1996-11-23']],
  ['age > 49 years', '2026-11-23', ['born on or before 1976-11-23']],
  ['30 years > age', '2026-11-23', ['born after 1996-11-23']],
  ['age between 30 years and 49 years', '2026-11-23', ['born after 1976-11-23, on or before 1996-11-23']],
  ['ledig >= min_ledighed', '2026-11-23', ['since on or before 2026-05-23']],
  ['time_since(since) >= 1 month', '2026-02-28', ['since on or before 2026-01-31']],
  ['age < 30 years and ledig >= 6 months', '2026-11-23', ['born after 1996-11-23', 'since on or before 2026-05-23']],
  ['age = 30 years', '2026-11-23', []],
  ['ledig >= 2 weeks', '2026-11-23', ['since on or before 2026-11-09']],
];

describe('inlay hints', () => {
  it.each(table)('%s on %s', (condition, ref, expected) => {
    expect(hints(condition, ref)).toEqual(expected);
  });

  // In Danish (a Danish client, withLanguage('da')): the same dates in Danish words.
  const danish: [string, string, string[]][] = [
    ['age < 30 years', '2026-11-23', ['født efter 1996-11-23']],
    ['age >= 50 years', '2026-11-23', ['født senest 1976-11-23']],
    ['age mellem 30 år og 49 år', '2026-11-23', ['født efter 1976-11-23, senest 1996-11-23']],
    ['ledig >= min_ledighed', '2026-11-23', ['siden senest 2026-05-23']],
    ['ledig < 2 uger', '2026-11-23', ['siden efter 2026-11-09']],
  ];
  it.each(danish)('in Danish: %s on %s', (condition, ref, expected) => {
    expect(withLanguage('da', () => hints(condition, ref))).toEqual(expected);
  });

  it('the hint stands right after the comparison', () => {
    const doc = new VisitDocument('file:///h.visit', `${RECORD}group g = age < 30 years and since is known\n`);
    const [h] = getInlayHints(doc, WHOLE, { referenceDate: '2026-11-23', latestStart });
    expect(h!.position).toEqual({ line: 7, character: 'group g = age < 30 years'.length });
  });
});

describe('property: the date in the hint is where the criterion turns', () => {
  const date = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  it('age >= k years holds for a birth date on or before the hint and not after it', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 100 }), fc.constantFrom('days', 'weeks', 'months', 'years') as fc.Arbitrary<'days' | 'weeks' | 'months' | 'years'>, (ref, k, unit) => {
        const [label] = hints(`age >= ${k} ${unit}`, ref);
        const d = label!.replace('born on or before ', '');
        expect(completedUnits(d, ref, unit) >= k || k === 0).toBe(true);
        const next = addUnits(d, 1, 'days');
        expect(completedUnits(next, ref, unit) >= k && k > 0).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
