// `--by` breakdowns (LANGUAGE.md §17): a spec against the record declaration → the key of a
// record as of a date. Tables of specs × records → hand-computed keys; the refusals (unknown
// field, a personal field's values, a date without a band, a bad width); a property test that an
// age band holds exactly the ages `age_of` gives (completed years by the calendar rule of §4).

import { check } from '@visit/dsl';
import { completedUnits } from '@visit/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBreakdown, type Breakdown } from '../src/index';

const RULES = check(`
record Citizen {
  cpr:              text key personal
  birth_date:       date personal
  unemployed_since: date optional
  education:        one of (none, vocational, bachelor, master)
  health:           one of (fine, limited) optional personal
  literacy:         integer 1..5 optional
  hours:            number 0..37
  motivated:        boolean
  kommune:          text optional
}
program p "P" { require motivated "M" }
`);
if (RULES.hasErrors) throw new Error(RULES.diagnostics.map((d) => d.message).join('; '));

function parsed(spec: string, lang?: 'en' | 'da'): Breakdown {
  const p = parseBreakdown(spec, RULES, lang ? { lang } : {});
  if (!p.ok) throw new Error(p.message);
  return p.breakdown;
}

const AS_OF = '2026-11-23';

describe('keys of records', () => {
  const cases: [string, Record<string, unknown>, string, ('en' | 'da')?][] = [
    ['education', { education: 'bachelor' }, 'bachelor'],
    ['motivated', { motivated: true }, 'true'],
    ['motivated', { motivated: false }, 'false'],
    ['literacy', { literacy: 3 }, '3'],
    ['literacy', {}, 'missing'],
    ['literacy', {}, 'mangler', 'da'],
    ['kommune', { kommune: 'Aarhus' }, 'Aarhus'],
    ['hours:10', { hours: 37 }, '30–<40'],
    ['hours:10', { hours: 9.5 }, '0–<10'],
    ['hours:2.5', { hours: 6 }, '5–<7.5'],
    ['literacy:1', { literacy: 4 }, '4'],
    ['literacy:2', { literacy: 4 }, '4–5'],
    // Born 1990-11-24: 35 completed years on 2026-11-23 (the birthday is tomorrow).
    ['age_of(birth_date):10 years', { birth_date: '1990-11-24' }, '30–39 years'],
    ['age_of(birth_date):10 years', { birth_date: '1986-11-23' }, '40–49 years'],
    ['age_of(birth_date):10 years', { birth_date: '1986-11-24' }, '30–39 years'],
    ['age_of(birth_date):10 år', { birth_date: '1990-11-24' }, '30–39 år', 'da'],
    ['age_of(birth_date):1 year', { birth_date: '2025-11-23' }, '1 year'],
    ['age_of(birth_date):1 year', { birth_date: '2024-11-23' }, '2 years'],
    ['age_of(birth_date):5 years', { birth_date: '2030-01-01' }, '0–4 years'],
    ['time_since(unemployed_since):6 months', { unemployed_since: '2026-05-23' }, '6–11 months'],
    ['time_since(unemployed_since):6 months', { unemployed_since: '2026-05-24' }, '0–5 months'],
    ['time_since(unemployed_since):6 måneder', { unemployed_since: '2025-11-23' }, '12–17 måneder', 'da'],
    ['time_since(unemployed_since):6 months', {}, 'missing'],
    ['time_since(unemployed_since):2 weeks', { unemployed_since: '2026-11-09' }, '2–3 weeks'],
    ['time_since(unemployed_since):1 dag', { unemployed_since: '2026-11-22' }, '1 dag', 'da'],
    [' age_of( birth_date ) : 10 years ', { birth_date: '1990-11-24' }, '30–39 years'],
  ];
  it.each(cases)('%s of %j is %s', (spec, record, key, lang) => {
    expect(parsed(spec, lang).keyOf(record, AS_OF)).toBe(key);
  });
});

describe('refusals name the spec and never a value', () => {
  const cases: [string, RegExp][] = [
    ['nosuch', /no field nosuch in the record \(fields: cpr, birth_date/],
    ['cpr', /cpr is personal/],
    ['health', /health is personal/],
    ['birth_date', /birth_date is personal/],
    ['unemployed_since', /is a date: break down by a band/],
    ['hours', /hours is a number: give a band width/],
    ['education:10', /a band width \(:10\) is for number fields/],
    ['hours:0', /band width must be a number above 0/],
    ['age_of(birth_date)', /give the band width after a colon/],
    ['age_of(birth_date):10', /whole number above 0 and a unit/],
    ['age_of(birth_date):0 years', /whole number above 0 and a unit/],
    ['age_of(birth_date):10 decades', /whole number above 0 and a unit/],
    ['age_of(education):10 years', /age_of needs a date field; education is a one-of field/],
    ['time_since(nosuch):6 months', /no field nosuch/],
    ['a b', /expected a field name/],
  ];
  it.each(cases)('%s', (spec, message) => {
    const p = parseBreakdown(spec, RULES);
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.message).toMatch(message);
      expect(p.message.startsWith(`--by ${spec}: `)).toBe(true);
    }
  });
});

describe('order', () => {
  it('enum values in declaration order, missing last; bands from low to high', () => {
    const e = parsed('education');
    expect(e.keys).toEqual(['none', 'vocational', 'bachelor', 'master']);
    expect(['master', 'none', 'bachelor'].sort(e.compare)).toEqual(['none', 'bachelor', 'master']);
    expect(parsed('motivated').keys).toEqual(['true', 'false']);
    const a = parsed('age_of(birth_date):10 years');
    expect(['missing', '40–49 years', '0–9 years', '100–109 years'].sort(a.compare)).toEqual(['0–9 years', '40–49 years', '100–109 years', 'missing']);
    const l = parsed('literacy');
    expect(['5', 'missing', '10', '2'].sort(l.compare)).toEqual(['2', '5', '10', 'missing']);
  });
});

describe('property: an age band holds exactly the completed years', () => {
  const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  it('lo ≤ age_of(d) ≤ hi, and lo is a multiple of the width', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 30 }), fc.constantFrom('days', 'weeks', 'months', 'years'), (birth, asOf, width, unit) => {
        const b = parsed(`age_of(birth_date):${width} ${unit}`);
        const key = b.keyOf({ birth_date: birth }, asOf);
        const m = /^(\d+)(?:–(\d+))? /.exec(key);
        expect(m).not.toBeNull();
        const lo = Number(m![1]);
        const hi = m![2] === undefined ? lo : Number(m![2]);
        const units = completedUnits(birth, asOf, unit as 'days');
        expect(lo % width).toBe(0);
        expect(hi - lo).toBe(width - 1);
        expect(units >= lo && units <= hi).toBe(true);
      }),
    );
  });
});
