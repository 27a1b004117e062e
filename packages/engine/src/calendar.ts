// Date arithmetic of the reference (LANGUAGE.md §4) on ISO `YYYY-MM-DD` strings.
// Everything goes through integer day numbers (days since 1970-01-01, proleptic Gregorian), so no
// time zone or daylight-saving rule can shift a day.
import { assertNever, type Unit } from '@visit/dsl';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1000;
}

/** `YYYY-MM-DD`, zero-padded, and a day that exists in the calendar. (No regular expression:
 *  CSV readers call this for every date cell.) */
export function isRealDate(iso: string): boolean {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return false;
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

interface Civil {
  y: number;
  m: number;
  d: number;
}

/** `format`'s expanded form of a year outside 0000–9999 (`-000005-01-01`), so that a threshold or a
 *  window start computed that far back (`time_in(L, last 2027 years)`) reads back as a day number. */
const EXPANDED_DATE = /^([+-])(\d{6})-(\d{2})-(\d{2})$/;

function parse(iso: string): Civil {
  const x = iso.length === 13 ? EXPANDED_DATE.exec(iso) : null;
  if (x) {
    const y = (x[1] === '-' ? -1 : 1) * Number(x[2]);
    const mo = Number(x[3]);
    const d = Number(x[4]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y < 0 ? -y : y, mo)) return { y, m: mo, d };
  }
  const m = ISO_DATE.exec(iso);
  if (!m || !isRealDate(iso)) throw new RangeError(`not a real date YYYY-MM-DD: ${JSON.stringify(iso)}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** Years outside 0000–9999 (only reachable by adding huge spans) are written with a sign and six
 *  digits, as ISO 8601's expanded form; a negative year then still sorts before every real date. */
function format({ y, m, d }: Civil): string {
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  if (y >= 0 && y <= 9999) return `${String(y).padStart(4, '0')}-${mm}-${dd}`;
  return `${y < 0 ? '-' : '+'}${String(Math.abs(y)).padStart(6, '0')}-${mm}-${dd}`;
}

// Howard Hinnant's days_from_civil / civil_from_days.
function daysFromCivil({ y: year, m, d }: Civil): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Day number of an ISO date (days since 1970-01-01). */
export function dayNumber(iso: string): number {
  return daysFromCivil(parse(iso));
}

/** ISO date of a day number. */
export function fromDayNumber(days: number): string {
  return format(civilFromDays(days));
}

/** `b - a` in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

function addMonths(c: Civil, n: number): Civil {
  const index = c.y * 12 + (c.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  // The end-of-month rule: a day the target month lacks becomes its last day.
  return { y, m, d: Math.min(c.d, daysInMonth(y, m)) };
}

/** `iso + n unit`; months and years clamp to the target month's last day; `n` may be negative. */
export function addUnits(iso: string, n: number, unit: Unit): string {
  const c = parse(iso);
  switch (unit) {
    case 'days':
      return fromDayNumber(daysFromCivil(c) + n);
    case 'weeks':
      return fromDayNumber(daysFromCivil(c) + 7 * n);
    case 'months':
      return format(addMonths(c, n));
    case 'years':
      return format(addMonths(c, 12 * n));
    default:
      return assertNever(unit);
  }
}

function completedMonths(from: Civil, ref: Civil): number {
  const k = ref.y * 12 + ref.m - (from.y * 12 + from.m);
  // addMonths(from, k) lands in ref's month; it has passed unless its (clamped) day is later.
  return Math.min(from.d, daysInMonth(ref.y, ref.m)) <= ref.d ? k : k - 1;
}

/** Whole completed units from `from` to `ref` (the largest k with from + k unit <= ref); 0 if from > ref. */
export function completedUnits(from: string, ref: string, unit: Unit): number {
  const f = parse(from);
  const r = parse(ref);
  const days = daysFromCivil(r) - daysFromCivil(f);
  if (days <= 0) return 0;
  switch (unit) {
    case 'days':
      return days;
    case 'weeks':
      return Math.floor(days / 7);
    case 'months':
      return completedMonths(f, r);
    case 'years':
      return Math.floor(completedMonths(f, r) / 12);
    default:
      return assertNever(unit);
  }
}

/**
 * The latest day `d` with `addUnits(d, k, unit) <= ref`: the threshold behind `time_since(d) >= k unit`
 * (LANGUAGE.md §4: not the same as `ref - k unit`, because of the end-of-month rule).
 */
export function latestStart(ref: string, k: number, unit: Unit): string {
  const r = parse(ref);
  const refDay = daysFromCivil(r);
  switch (unit) {
    case 'days':
      return fromDayNumber(refDay - k);
    case 'weeks':
      return fromDayNumber(refDay - 7 * k);
    case 'months':
    case 'years': {
      const months = unit === 'years' ? 12 * k : k;
      // ref - k months always qualifies; up to three later days may too, when they clamp onto a
      // shorter month's last day (29 Feb 1972 + 50 years = 28 Feb 2022).
      let day = daysFromCivil(addMonths(r, -months));
      for (;;) {
        const next = civilFromDays(day + 1);
        if (daysFromCivil(addMonths(next, months)) > refDay) return fromDayNumber(day);
        day += 1;
      }
    }
    default:
      return assertNever(unit);
  }
}

/** Day number of a date already known to be a real `YYYY-MM-DD` (a record's value): no validation,
 *  no allocation — the run-time path of `time_between` and `time_in` (§11, §12). */
export function dayOf(iso: string): number {
  const y = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * `completedUnits` for two real dates read from a record, without parsing into objects: the whole
 * completed units from `from` to `to` by the calendar rule of §4 (the largest k with
 * from + k unit <= to, the end-of-month rule included); 0 when `to` is not after `from`.
 */
export function unitsBetween(from: string, to: string, unit: Unit): number {
  if (to <= from) return 0;
  switch (unit) {
    case 'days':
      return dayOf(to) - dayOf(from);
    case 'weeks':
      return Math.floor((dayOf(to) - dayOf(from)) / 7);
    case 'months':
    case 'years': {
      const fy = (from.charCodeAt(0) - 48) * 1000 + (from.charCodeAt(1) - 48) * 100 + (from.charCodeAt(2) - 48) * 10 + (from.charCodeAt(3) - 48);
      const fm = (from.charCodeAt(5) - 48) * 10 + (from.charCodeAt(6) - 48);
      const fd = (from.charCodeAt(8) - 48) * 10 + (from.charCodeAt(9) - 48);
      const ty = (to.charCodeAt(0) - 48) * 1000 + (to.charCodeAt(1) - 48) * 100 + (to.charCodeAt(2) - 48) * 10 + (to.charCodeAt(3) - 48);
      const tm = (to.charCodeAt(5) - 48) * 10 + (to.charCodeAt(6) - 48);
      const td = (to.charCodeAt(8) - 48) * 10 + (to.charCodeAt(9) - 48);
      const k = ty * 12 + tm - (fy * 12 + fm);
      // from + k months lands in `to`'s month, on from's day clamped to that month's length.
      const months = Math.min(fd, daysInMonth(ty, tm)) <= td ? k : k - 1;
      return unit === 'years' ? Math.floor(months / 12) : months;
    }
    default:
      return assertNever(unit);
  }
}
