// Law changes (LANGUAGE.md §13): several dated versions of one let, param, group or programme.
// Which days each version covers, the check-time errors and the `not-in-force` warning, and
// `inForce(checked, date)`: the view of a checked file that a run on one day uses.
import * as A from '../ast';
import type { Diagnostic } from '../diagnostics';
import type { CheckedFile, Resolution, Type } from './types';

/** A declaration that may carry a validity and so have versions. */
export type VersionedDeclaration = A.LetDeclaration | A.ParamDeclaration | A.GroupDeclaration | A.ProgramDeclaration;

import { catalogue } from './language';
import type { DaySpan, KindWord, ValidityWords } from './messages';

// ------------------------------------------------------------------ days

/** Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (proleptic Gregorian; any year 0000–9999). */
export function dayNumber(iso: string): number {
  const y0 = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  // Howard Hinnant's days_from_civil.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date of a day number (inverse of `dayNumber`). */
export function isoDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days from `from` to `until`, both included; open ends are ±Infinity. */
export interface DayRange {
  from: number;
  until: number;
}

/** "2015-11-01 – 2016-12-31", "until 2016-12-31", "from 2017-01-01", "every day". */
export function describeRange(r: DayRange): string {
  const f = Number.isFinite(r.from) ? isoDay(r.from) : undefined;
  const u = Number.isFinite(r.until) ? isoDay(r.until) : undefined;
  if (f && u) return f === u ? f : `${f} – ${u}`;
  if (u) return `until ${u}`;
  if (f) return `from ${f}`;
  return 'every day';
}

function describeRanges(rs: readonly DayRange[]): string {
  return rs.map(describeRange).join(', ');
}

/** Ranges of days as data for a catalogue (ISO days; open ends absent). */
function spans(rs: readonly DayRange[]): DaySpan[] {
  return rs.map((r) => ({ ...(Number.isFinite(r.from) ? { from: isoDay(r.from) } : {}), ...(Number.isFinite(r.until) ? { until: isoDay(r.until) } : {}) }));
}

// ------------------------------------------------------------------ periods

/** The days one version is in force: the ranges it covers (an undated version covers the gaps). */
export interface VersionPeriod {
  decl: VersionedDeclaration;
  ranges: DayRange[];
}

/** A validity's date, when it is a real day (an invalid literal is reported by the checker). */
function validDay(d: A.DateLiteral | undefined): number | undefined {
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d.value)) return undefined;
  const n = dayNumber(d.value);
  return isoDay(n) === d.value ? n : undefined;
}

/**
 * The days each version of one name covers (§13): a dated version from its `from` (or the first
 * day) to its `until`, or, without `until`, to the day before the next version's `from` (in date
 * order; none: the last day); an undated version every day no dated version covers. Versions with
 * errors (from after until, overlaps) are still given ranges; `versionProblems` reports them.
 */
export function periodsOf(versions: readonly VersionedDeclaration[]): VersionPeriod[] {
  const froms = versions
    .map((v) => validDay(v.validity?.from))
    .filter((f): f is number => f !== undefined)
    .sort((a, b) => a - b);
  const dated: VersionPeriod[] = [];
  const undated: VersionedDeclaration[] = [];
  for (const v of versions) {
    if (!v.validity) {
      undated.push(v);
      continue;
    }
    const from = validDay(v.validity.from) ?? -Infinity;
    let until = validDay(v.validity.until);
    if (until === undefined) {
      if (v.validity.until) until = from; // an invalid `until`: reported elsewhere
      else {
        const next = froms.find((f) => f > from);
        until = next === undefined ? Infinity : next - 1;
      }
    }
    dated.push({ decl: v, ranges: from <= until ? [{ from, until }] : [] });
  }
  const periods: VersionPeriod[] = [...dated];
  if (undated.length > 0) {
    const covered = dated.flatMap((p) => p.ranges).sort((a, b) => a.from - b.from);
    const gaps: DayRange[] = [];
    let next = -Infinity;
    for (const r of covered) {
      if (r.from > next) gaps.push({ from: next, until: r.from - 1 });
      if (r.until + 1 > next) next = r.until + 1;
    }
    if (next !== Infinity) gaps.push({ from: next, until: Infinity });
    // Two undated versions are a duplicate-name error already; each is given the gaps.
    for (const u of undated) periods.push({ decl: u, ranges: gaps.filter((g) => g.from <= g.until) });
  }
  return periods;
}

/** The version of these periods in force on `day`, if any (the first in source order when they overlap). */
export function versionOn(periods: readonly VersionPeriod[], day: number): VersionedDeclaration | undefined {
  let found: VersionedDeclaration | undefined;
  for (const p of periods) {
    for (const r of p.ranges) {
      if (r.from <= day && day <= r.until) {
        if (!found || p.decl.range.start.offset < found.range.start.offset) found = p.decl;
      }
    }
  }
  return found;
}

// ------------------------------------------------------------------ check time

const kindWord = (d: A.NamedDeclaration | A.FieldDeclaration): KindWord =>
  d.kind === 'Field' ? 'field' : d.kind === 'Record' ? 'record' : (d.kind.toLowerCase() as KindWord);

const validityOf = (d: VersionedDeclaration): ValidityWords => {
  const v = d.validity;
  return { ...(v?.from ? { from: v.from.value } : {}), ...(v?.until ? { until: v.until.value } : {}) };
};

/**
 * May `d` be another version of the already declared `previous` (§13)? `undefined` when this is
 * not about versions (neither has a validity: a plain duplicate), else the diagnostic to report
 * (versions of different kinds), or `'version'` when it is a version.
 */
export function versionOf(previous: A.NamedDeclaration | A.FieldDeclaration, d: A.NamedDeclaration | A.FieldDeclaration): Diagnostic | 'version' | undefined {
  const dated = (x: typeof d) => 'validity' in x && x.validity !== undefined;
  if (!dated(previous) && !dated(d)) return undefined;
  if (previous.kind === d.kind) return 'version';
  return catalogue().versionKind(d.name.range, d.name.text, kindWord(previous), previous.name.range.start.line, kindWord(d));
}

/** Do two versions' types agree (§13 "one type")? Numbers with units: one unit family. */
export function sameVersionType(a: Type, b: Type, family: (u: A.Unit) => string): boolean {
  if (a.kind === 'error' || b.kind === 'error') return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'number' && b.kind === 'number') return !!a.unit === !!b.unit && (!a.unit || !b.unit || family(a.unit) === family(b.unit));
  if (a.kind === 'enum' && b.kind === 'enum') return a.values.length === b.values.length && a.values.every((v) => b.values.includes(v));
  return true;
}

export function versionTypeMismatch(d: VersionedDeclaration, first: VersionedDeclaration, dt: Type, ft: Type): Diagnostic {
  return catalogue().versionType(d.name.range, d.name.text, dt, first.name.range.start.line, ft);
}

/** `from` after `until`, and overlapping versions (each pair named once, with its dates). */
export function versionProblems(versions: ReadonlyMap<string, readonly VersionedDeclaration[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, list] of versions) {
    for (const v of list) {
      const f = validDay(v.validity?.from);
      const u = validDay(v.validity?.until);
      if (f !== undefined && u !== undefined && f > u)
        out.push(catalogue().validityOrder(v.validity!.range, name, v.validity!.from!.value, v.validity!.until!.value));
    }
    if (list.length < 2) continue;
    const dated = periodsOf(list).filter((p) => p.decl.validity);
    for (let i = 0; i < dated.length; i++) {
      for (let j = i + 1; j < dated.length; j++) {
        const [a, b] = [dated[i]!, dated[j]!];
        const common = intersect(a.ranges, b.ranges);
        if (common.length === 0) continue;
        const [first, second] = a.decl.range.start.offset < b.decl.range.start.offset ? [a, b] : [b, a];
        out.push(catalogue().versionOverlap(second.decl.name.range, name, validityOf(second.decl), first.decl.name.range.start.line, validityOf(first.decl), spans(common)));
      }
    }
  }
  return out;
}

function intersect(a: readonly DayRange[], b: readonly DayRange[]): DayRange[] {
  const out: DayRange[] = [];
  for (const x of a) for (const y of b) {
    const from = Math.max(x.from, y.from);
    const until = Math.min(x.until, y.until);
    if (from <= until) out.push({ from, until });
  }
  return out;
}

// ------------------------------------------------------------------ use on a day

/** Names of lets, params and groups a declaration's body refers to. */
function referencesOf(d: VersionedDeclaration, resolutions: ReadonlyMap<number, Resolution>): string[] {
  const roots: A.Expression[] =
    d.kind === 'Let' ? [d.value] : d.kind === 'Group' ? [d.condition] : d.kind === 'Program' ? d.lines.map((l) => l.condition) : [];
  const names = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'Reference') {
      const r = resolutions.get(e.id);
      if (r && (r.kind === 'let' || r.kind === 'param' || r.kind === 'group')) names.add(r.decl.name.text);
    }
    for (const c of A.childExpressions(e)) stack.push(c);
  }
  return [...names];
}

interface Plan {
  periods: Map<string, VersionPeriod[]>;
  refs: Map<VersionedDeclaration, string[]>;
  kinds: Map<string, VersionedDeclaration['kind']>;
}

function planOf(versions: ReadonlyMap<string, readonly VersionedDeclaration[]>, resolutions: ReadonlyMap<number, Resolution>): Plan {
  const periods = new Map<string, VersionPeriod[]>();
  const refs = new Map<VersionedDeclaration, string[]>();
  const kinds = new Map<string, VersionedDeclaration['kind']>();
  for (const [name, list] of versions) {
    if (list.length === 0) continue;
    periods.set(name, periodsOf(list));
    kinds.set(name, list[0]!.kind);
    for (const v of list) refs.set(v, referencesOf(v, resolutions));
  }
  return { periods, refs, kinds };
}

/**
 * What a run on `day` needs: the version in force of each name, and the names in use (reachable
 * from the programmes and groups in force) that have no version in force.
 */
function dayPlan(plan: Plan, day: number): { chosen: Map<string, VersionedDeclaration>; used: Set<string>; missing: string[] } {
  const chosen = new Map<string, VersionedDeclaration>();
  for (const [name, ps] of plan.periods) {
    const v = versionOn(ps, day);
    if (v) chosen.set(name, v);
  }
  const used = new Set<string>();
  const missing: string[] = [];
  const stack: string[] = [];
  for (const [name, v] of chosen) if (v.kind === 'Program' || v.kind === 'Group') stack.push(name);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    const v = chosen.get(name);
    if (!v) {
      missing.push(name);
      continue;
    }
    for (const r of plan.refs.get(v) ?? []) if (!used.has(r)) stack.push(r);
  }
  return { chosen, used, missing };
}

/**
 * The `not-in-force` warnings (§13): a let, param or group in use on some day with no version in
 * force that day. "In use on a day" = reachable, through the versions in force that day, from a
 * programme or group in force that day; so the used range of a name is where something in force
 * needs it (all time under an undated programme). Computed once per stretch of days on which the
 * versions in force do not change.
 */
export function notInForceWarnings(versions: ReadonlyMap<string, readonly VersionedDeclaration[]>, resolutions: ReadonlyMap<number, Resolution>): Diagnostic[] {
  if (![...versions.values()].some((l) => l.some((v) => v.validity))) return [];
  const plan = planOf(versions, resolutions);
  const cuts = new Set<number>();
  for (const ps of plan.periods.values())
    for (const p of ps)
      for (const r of p.ranges) {
        if (Number.isFinite(r.from)) cuts.add(r.from);
        if (Number.isFinite(r.until)) cuts.add(r.until + 1);
      }
  const sorted = [...cuts].sort((a, b) => a - b);
  const starts = [-Infinity, ...sorted];
  const gaps = new Map<string, DayRange[]>();
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const until = i + 1 < starts.length ? starts[i + 1]! - 1 : Infinity;
    const probe = Number.isFinite(from) ? from : until;
    if (!Number.isFinite(probe)) {
      // No cut at all: one stretch, every day.
    }
    const { missing } = dayPlan(plan, Number.isFinite(probe) ? probe : 0);
    for (const name of missing) {
      const list = gaps.get(name) ?? [];
      const last = list[list.length - 1];
      if (last && last.until + 1 === from) last.until = until;
      else list.push({ from, until });
      gaps.set(name, list);
    }
  }
  const out: Diagnostic[] = [];
  for (const [name, days] of gaps) {
    const first = versions.get(name)?.[0];
    if (!first) continue;
    out.push(catalogue().notInForce(first.name.range, kindWord(first), name, spans(days)));
  }
  return out;
}

// ------------------------------------------------------------------ a run's view

/** A programme or group left out of a run because no version of it is in force on its day. */
export interface NotInForce {
  name: string;
  kind: 'program' | 'group';
  /** The days its versions are in force ("2015-11-01 – 2016-12-31"), `""` when never. */
  inForce: string;
}

export type InForceResult =
  | {
      ok: true;
      /** The file as a run on that day sees it: the versions in force, programmes not in force left out. */
      checked: CheckedFile;
      /** Programmes (and groups nothing in force uses) with no version in force that day, in source order. */
      notInForce: NotInForce[];
    }
  | {
      ok: false;
      /** Names in use that day with no version in force, with their kinds. */
      missing: { name: string; kind: 'let' | 'param' | 'group' }[];
      /** One line: "not in force on 2016-06-01: param max_praktik (in force from 2017-01-01)". */
      message: string;
    };

const views = new WeakMap<CheckedFile, { plan: Plan; byDay: Map<number, InForceResult> }>();

/**
 * The checked file as a run on `date` (`YYYY-MM-DD`) sees it (§13): `lets`, `params`, `groups`
 * and `programs` hold the version in force that day (a programme, or a group nothing in force
 * uses, that has none is left out and listed in `notInForce`), `paramValues` those of the params
 * in force (an override given to `check` wins), and `resolutions` point to the versions in force.
 * Fails, naming them, when a let, param or group in use has no version in force that day. Results
 * are cached per checked file and day.
 */
export function inForce(checked: CheckedFile, date: string): InForceResult {
  let cache = views.get(checked);
  if (!cache) {
    cache = { plan: planOf(checked.versions, checked.resolutions), byDay: new Map() };
    views.set(checked, cache);
  }
  const day = dayNumber(date);
  const known = cache.byDay.get(day);
  if (known) return known;
  const result = viewOn(checked, cache.plan, day, date);
  cache.byDay.set(day, result);
  return result;
}

function viewOn(checked: CheckedFile, plan: Plan, day: number, date: string): InForceResult {
  const { chosen, used, missing: unsupplied } = dayPlan(plan, day);
  // An overridden param (`--param`, a test's `with`) has its value whatever its versions say (§13:
  // the override wins over the version in force), so a day without a version in force is no gap.
  const overridden = (name: string): boolean => {
    const primary = checked.params.get(name);
    return primary !== undefined && checked.paramValues.get(name) !== primary.value;
  };
  const missing = unsupplied.filter((name) => !(plan.kinds.get(name) === 'Param' && overridden(name)));
  if (missing.length > 0) {
    const described = missing
      .map((name) => {
        const kind = plan.kinds.get(name)!;
        const when = (plan.periods.get(name) ?? []).flatMap((p) => p.ranges).sort((a, b) => a.from - b.from);
        return { name, kind: kind.toLowerCase() as 'let' | 'param' | 'group', days: spans(when) };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      ok: false,
      missing: described.map(({ name, kind }) => ({ name, kind })),
      message: catalogue(checked.lang).notInForceOn(date, described),
    };
  }
  const notInForce: NotInForce[] = [];
  const pick = <D extends VersionedDeclaration>(from: Map<string, D>, kind: 'program' | 'group' | undefined): Map<string, D> => {
    const out = new Map<string, D>();
    for (const [name, primary] of from) {
      const v = chosen.get(name) as D | undefined;
      if (v && v.kind === primary.kind) out.set(name, v);
      else if (kind) {
        const when = (plan.periods.get(name) ?? []).flatMap((p) => p.ranges).sort((a, b) => a.from - b.from);
        notInForce.push({ name, kind, inForce: describeRanges(when) });
      }
    }
    return out;
  };
  const versioned = new Set<string>();
  for (const [name, list] of checked.versions) if (list.length > 1 || list.some((v) => v.validity)) versioned.add(name);
  if (versioned.size === 0) return { ok: true, checked, notInForce: [] };
  const groups = pick(checked.groups, 'group');
  const programs = pick(checked.programs, 'program');
  const lets = pick(checked.lets, undefined);
  const params = pick(checked.params, undefined);
  for (const [name, primary] of checked.params) if (!params.has(name) && overridden(name)) params.set(name, primary);
  const paramValues = new Map(checked.paramValues);
  for (const [name, p] of params) {
    const primary = checked.params.get(name)!;
    const overridden = checked.paramValues.get(name) !== primary.value;
    if (!overridden && p !== primary) paramValues.set(name, p.value);
  }
  const resolutions = new Map(checked.resolutions);
  for (const [id, r] of checked.resolutions) {
    if ((r.kind === 'let' || r.kind === 'param' || r.kind === 'group') && versioned.has(r.decl.name.text)) {
      const v = chosen.get(r.decl.name.text);
      if (v && v.kind === r.decl.kind) resolutions.set(id, { kind: r.kind, decl: v } as Resolution);
    }
  }
  const order = (a: NotInForce, b: NotInForce) => offsetOf(checked, a.name) - offsetOf(checked, b.name);
  return {
    ok: true,
    checked: { ...checked, groups, programs, lets, params, paramValues, resolutions },
    notInForce: notInForce.sort(order),
  };
}

function offsetOf(checked: CheckedFile, name: string): number {
  return checked.versions.get(name)?.[0]?.range.start.offset ?? 0;
}

/** `inForce(checked, date).checked`, or `checked` itself when a name in use is not in force that day (the run is refused elsewhere). */
export function rulesOn(checked: CheckedFile, date: string): CheckedFile {
  const view = inForce(checked, date);
  return view.ok ? view.checked : checked;
}
