// `--by FIELD` breakdowns (LANGUAGE.md §17), shared by `visit diff` and `visit screen --report`:
// a spec names a field of the record, or a band of a date's elapsed time, and each valid record
// gets a key (a label people read):
//
//   benefit                          → "dagpenge", "kontanthjaelp", … (enum: declaration order)
//   motivated                        → "true", "false"                (boolean)
//   municipality                     → the text itself                (text; not a personal field)
//   literacy                         → "3"                            (integer: its value)
//   literacy:2                       → "2–3"                          (integer: bands of 2)
//   hours_available:10               → "10–<20"                       (number: bands of 10, 10 ≤ x < 20)
//   age_of(birth_date):10 years      → "30–39 years" / "30–39 år"
//   time_since(unemployed_since):6 months → "6–11 months" / "6–11 måneder"
//
// A missing value is "missing" ("mangler" in Danish). The values of a `personal` field are never
// keys (they would put personal data into a report); bands of one (an age band from a personal
// birth date) are counts, and allowed. Browser-safe.

import type { CheckedFile, Unit } from '@visit/dsl';
import { completedUnits, recordInfo, type FieldInfo, type RecordInfo } from '@visit/engine';

export type BreakdownLang = 'en' | 'da';

export interface Breakdown {
  /** The spec as given (`age_of(birth_date):10 years`). */
  readonly spec: string;
  /** The record field it reads. */
  readonly field: string;
  /** `value`: one key per value; `band`: ranges of a number or of elapsed time. */
  readonly kind: 'value' | 'band';
  /** The key of a valid record, as of `asOf` (YYYY-MM-DD; used by `age_of`/`time_since` bands). */
  keyOf(record: Readonly<Record<string, unknown>>, asOf: string): string;
  /** The label of a missing value ("missing" / "mangler"). */
  readonly missing: string;
  /** Orders keys for display: enum values in declaration order, bands from low to high, text by value; `missing` last. */
  compare(a: string, b: string): number;
  /** Every key known in advance (enum and boolean fields, with `missing` when the field is optional), else undefined. */
  readonly keys: readonly string[] | undefined;
}

export type ParsedBreakdown = { ok: true; breakdown: Breakdown } | { ok: false; message: string };

const UNITS: Record<string, Unit> = {
  day: 'days',
  days: 'days',
  dag: 'days',
  dage: 'days',
  week: 'weeks',
  weeks: 'weeks',
  uge: 'weeks',
  uger: 'weeks',
  month: 'months',
  months: 'months',
  måned: 'months',
  måneder: 'months',
  year: 'years',
  years: 'years',
  år: 'years',
};

const UNIT_WORDS: Record<BreakdownLang, Record<Unit, [string, string]>> = {
  en: { days: ['day', 'days'], weeks: ['week', 'weeks'], months: ['month', 'months'], years: ['year', 'years'] },
  da: { days: ['dag', 'dage'], weeks: ['uge', 'uger'], months: ['måned', 'måneder'], years: ['år', 'år'] },
};

const MISSING: Record<BreakdownLang, string> = { en: 'missing', da: 'mangler' };

/**
 * Parses a `--by` spec against the rules' record declaration. A message names the spec and the
 * field, never a record value.
 */
export function parseBreakdown(spec: string, rules: CheckedFile | RecordInfo, options: { lang?: BreakdownLang } = {}): ParsedBreakdown {
  const lang = options.lang ?? 'en';
  const info: RecordInfo = 'fields' in rules && !('programs' in rules) ? rules : recordInfo(rules as CheckedFile);
  const missing = MISSING[lang];
  const text = spec.trim();
  const fail = (why: string): ParsedBreakdown => ({ ok: false, message: `--by ${spec}: ${why}` });
  const fieldNamed = (name: string): FieldInfo | undefined => info.fields.find((f) => f.name === name);
  const unknownField = (name: string) => {
    const names = info.fields.filter((f) => f.type.kind !== 'list').map((f) => f.name);
    return fail(`${name === '' ? 'no field named' : `no field ${name} in the record`} (fields: ${names.join(', ')})`);
  };

  // age_of(FIELD):N UNIT / time_since(FIELD):N UNIT
  const elapsed = /^(age_of|time_since)\s*\(\s*([^()\s]*)\s*\)\s*(?::\s*(.*))?$/u.exec(text);
  if (elapsed) {
    const [, fn, name, width] = elapsed as unknown as [string, string, string, string | undefined];
    const field = fieldNamed(name);
    if (!field) return unknownField(name);
    if (field.type.kind !== 'date') return fail(`${fn} needs a date field; ${name} is ${kindName(field)}`);
    if (width === undefined || width.trim() === '') return fail(`give the band width after a colon, e.g. --by '${fn}(${name}):10 years'`);
    const m = /^(\d+)\s*(\p{L}+)$/u.exec(width.trim());
    const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
    const n = m ? Number(m[1]) : 0;
    if (!m || unit === undefined || !Number.isSafeInteger(n) || n < 1) {
      return fail(`the band width must be a whole number above 0 and a unit (days, weeks, months, years), e.g. 10 years; found '${width.trim()}'`);
    }
    const [one, many] = UNIT_WORDS[lang][unit];
    const label = (lo: number) => {
      const hi = lo + n - 1;
      return n === 1 ? `${lo} ${lo === 1 ? one : many}` : `${lo}–${hi} ${many}`;
    };
    const low = (key: string) => (key === missing ? Infinity : Number.parseInt(key, 10));
    const b: Breakdown = {
      spec,
      field: name,
      kind: 'band',
      missing,
      keys: undefined,
      keyOf(record, asOf) {
        const v = record[name];
        if (typeof v !== 'string') return missing;
        const units = completedUnits(v, asOf, unit);
        return label(Math.floor(units / n) * n);
      },
      compare: (a, c) => low(a) - low(c) || (a < c ? -1 : a > c ? 1 : 0),
    };
    return { ok: true, breakdown: b };
  }

  // FIELD or FIELD:N
  const plain = /^([^:\s()]+)\s*(?::\s*(.*))?$/u.exec(text);
  if (!plain) return fail(`expected a field name, FIELD:WIDTH, or age_of(FIELD):N UNIT / time_since(FIELD):N UNIT`);
  const [, name, width] = plain as unknown as [string, string, string | undefined];
  const field = fieldNamed(name);
  if (!field) return unknownField(name);
  const type = field.type;
  if (type.kind === 'list') return fail(`${name} is a list; break down by a field of the record`);
  const optionalMissing = field.optional ? [missing] : [];
  if (width !== undefined) {
    if (type.kind !== 'integer' && type.kind !== 'number') return fail(`a band width (:${width.trim()}) is for number fields; ${name} is ${kindName(field)}`);
    const w = Number(width.trim());
    if (!/^\d+(\.\d+)?$/.test(width.trim()) || !(w > 0)) return fail(`the band width must be a number above 0; found '${width.trim()}'`);
    const whole = type.kind === 'integer' && Number.isInteger(w);
    const label = (lo: number) => (whole ? (w === 1 ? `${lo}` : `${lo}–${lo + w - 1}`) : `${trim(lo)}–<${trim(lo + w)}`);
    const low = (key: string) => (key === missing ? Infinity : Number.parseFloat(key));
    return {
      ok: true,
      breakdown: {
        spec,
        field: name,
        kind: 'band',
        missing,
        keys: undefined,
        keyOf(record) {
          const v = record[name];
          if (typeof v !== 'number' || !Number.isFinite(v)) return missing;
          return label(Math.floor(v / w) * w);
        },
        compare: (a, c) => low(a) - low(c) || (a < c ? -1 : a > c ? 1 : 0),
      },
    };
  }
  if (field.personal) {
    return fail(`${name} is personal: its values never appear in a report (a band of a date is allowed, e.g. --by 'age_of(${name}):10 years' for a birth date)`);
  }
  if (type.kind === 'date') return fail(`${name} is a date: break down by a band, e.g. --by 'time_since(${name}):6 months' or --by 'age_of(${name}):10 years'`);
  if (type.kind === 'number') return fail(`${name} is a number: give a band width, e.g. --by ${name}:10`);
  const known: string[] | undefined =
    type.kind === 'enum' ? [...type.values, ...optionalMissing] : type.kind === 'boolean' ? ['true', 'false', ...optionalMissing] : undefined;
  const order = known ? new Map(known.map((k, i) => [k, i])) : undefined;
  const numeric = type.kind === 'integer';
  return {
    ok: true,
    breakdown: {
      spec,
      field: name,
      kind: 'value',
      missing,
      keys: known,
      keyOf(record) {
        const v = record[name];
        if (v === undefined || v === null || v === '') return missing;
        return String(v);
      },
      compare(a, c) {
        if (a === c) return 0;
        if (a === missing) return 1;
        if (c === missing) return -1;
        if (order) return (order.get(a) ?? Infinity) - (order.get(c) ?? Infinity);
        if (numeric) return Number(a) - Number(c);
        return a < c ? -1 : 1;
      },
    },
  };
}

function kindName(field: FieldInfo): string {
  const k = field.type.kind;
  return k === 'enum' ? 'a one-of field' : k === 'integer' ? 'an integer field' : `a ${k} field`;
}

function trim(x: number): string {
  return String(Math.round(x * 1e9) / 1e9);
}
