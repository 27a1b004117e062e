// Random rule files over histories (LANGUAGE.md §11–§12) and random records with lists, for the
// differential test of the list functions: any/all/none/count/time_in with and without `where`,
// element conditions over every element field type (a period's open end, booleans, enums, dates,
// numbers in weeks), params and record-independent lets inside `where`, count and time_in compared
// with constants, params and each other, through lets, between; time_between against durations.
// Records: lists missing, null, empty or up to six elements whose fields are often missing; dates
// around the reference date's calendar thresholds and month ends.
import fc from 'fast-check';
import type { Unit } from '@visit/dsl';
import { addUnits } from '../../src/calendar';
import type { Draw } from './arbitrary';

export const LIST_RECORD = `record P {
  id:     text key personal
  a:      date optional
  b:      date optional
  n:      integer optional
  forløb: list of {
            kind:  one of (x, y, z) optional
            start: date
            end:   date optional
            flag:  boolean optional
            antal_uger:  integer in weeks optional
            who:   text optional personal
          } optional
  møder:  list of { dato: date optional, form: one of (ind, grp) optional } optional
}
param p_n = 2
param p_d = 6 months
param p_w = 10 weeks
let l_d = 2026-01-01
let l_n = p_n + 1
let l_c = count(møder where form = ind)
let l_t = time_between(a, b)
`;

function pick<T>(d: Draw, xs: readonly T[]): T {
  return xs[d.int(0, xs.length - 1)]!;
}

const OPS = ['=', '!=', '<', '<=', '>', '>='] as const;
const UNITS: readonly Unit[] = ['days', 'weeks', 'months', 'years'];
const DATES = ['2024-02-29', '2025-11-23', '2026-01-01', '2026-02-28', '2026-11-23', '2026-05-31'];
const AMOUNTS = [0, 1, 2, 3, 6, 12, 26, 52];

function duration(d: Draw, units: readonly Unit[] = UNITS): string {
  return `${pick(d, AMOUNTS)} ${pick(d, units)}`;
}

/** A condition on one element of forløb (a list of periods). */
function periodCondition(d: Draw, depth: number): string {
  const k = d.int(0, depth > 0 ? 13 : 10);
  switch (k) {
    case 0:
      return `kind = ${pick(d, ['x', 'y', 'z'])}`;
    case 1:
      return `kind in (${pick(d, ['x', 'x, y', 'y, z'])})`;
    case 2:
      return pick(d, ['flag', 'not flag', 'flag = true', 'flag is known']);
    case 3:
      return `end is ${pick(d, ['missing', 'known'])}`;
    case 4:
      return `time_since(${pick(d, ['end', 'start'])}) ${pick(d, OPS)} ${pick(d, [duration(d), 'p_d'])}`;
    case 5:
      return `${pick(d, ['start', 'end'])} ${pick(d, OPS)} ${pick(d, [...DATES, 'l_d'])}`;
    case 6:
      return `antal_uger ${pick(d, OPS)} ${pick(d, ['14 days', '2 weeks', 'p_w', '3', 'l_n'])}`;
    case 7:
      return `kind is ${pick(d, ['known', 'missing'])}`;
    case 8:
      return pick(d, ['true', 'false']);
    case 9:
      return `who = "Bo"`;
    case 10:
      return `start <= end`;
    case 11:
      return `(${periodCondition(d, depth - 1)} and ${periodCondition(d, depth - 1)})`;
    case 12:
      return `(${periodCondition(d, depth - 1)} or ${periodCondition(d, depth - 1)})`;
    default:
      return `not (${periodCondition(d, depth - 1)})`;
  }
}

function meetingCondition(d: Draw, depth: number): string {
  const k = d.int(0, depth > 0 ? 6 : 4);
  switch (k) {
    case 0:
      return `form = ${pick(d, ['ind', 'grp'])}`;
    case 1:
      return `time_since(dato) ${pick(d, OPS)} ${pick(d, [duration(d), 'p_d'])}`;
    case 2:
      return `dato ${pick(d, OPS)} ${pick(d, [...DATES, 'l_d'])}`;
    case 3:
      return `${pick(d, ['dato', 'form'])} is ${pick(d, ['known', 'missing'])}`;
    case 4:
      return `form != grp`;
    case 5:
      return `(${meetingCondition(d, depth - 1)} ${pick(d, ['and', 'or'])} ${meetingCondition(d, depth - 1)})`;
    default:
      return `not (${meetingCondition(d, depth - 1)})`;
  }
}

function listArgument(d: Draw, list: 'forløb' | 'møder', allowBare: boolean): string {
  if (allowBare && d.int(0, 4) === 0) return list;
  return `${list} where ${list === 'forløb' ? periodCondition(d, 2) : meetingCondition(d, 2)}`;
}

function countExpression(d: Draw): string {
  const k = d.int(0, 3);
  if (k === 0) return 'l_c';
  return `count(${listArgument(d, pick(d, ['forløb', 'møder'] as const), true)})`;
}

function timeIn(d: Draw): string {
  return `time_in(${listArgument(d, 'forløb', true)}, last ${pick(d, [1, 2, 3, 12, 26, 52])} ${pick(d, UNITS)})`;
}

/** A criterion over the lists (and time_between). */
export function listCriterion(d: Draw, depth: number, portable = false): string {
  let k = d.int(0, depth > 0 ? 12 : 9);
  // Portable files (JSON Logic): no time_in or time_between.
  if (portable && k >= 5 && k <= 9) k = k === 8 ? 13 : k % 4;
  switch (k) {
    case 0:
    case 1:
      return `${pick(d, ['any', 'all', 'none'])}(${listArgument(d, pick(d, ['forløb', 'møder'] as const), false)})`;
    case 2:
      return `${countExpression(d)} ${pick(d, OPS)} ${pick(d, ['0', '1', '2', '3', 'p_n', 'l_n', 'n', '1.5'])}`;
    case 3:
      return `${countExpression(d)} ${pick(d, OPS)} ${countExpression(d)}`;
    case 4:
      return `${countExpression(d)} between ${pick(d, ['0', '1', 'p_n'])} and ${pick(d, ['1', '2', 'l_n'])}`;
    case 5:
      return `${timeIn(d)} ${pick(d, OPS)} ${pick(d, [duration(d, ['days', 'weeks']), 'p_w', '30 days', '0 days', '1 day', '365 days'])}`;
    case 6:
      return `${pick(d, ['l_t', 'time_between(a, b)', 'time_between(b, a)', 'time_between(a, 2026-02-28)'])} ${pick(d, OPS)} ${pick(d, [duration(d), 'p_d', 'p_w'])}`;
    case 7:
      return `${pick(d, ['l_t', 'time_between(a, b)'])} between ${duration(d, ['days', 'weeks'])} and ${duration(d, ['days', 'weeks'])}`;
    case 8:
      return `${pick(d, ['l_t', countExpression(d), timeIn(d)])} is ${pick(d, ['known', 'missing'])}`;
    case 13:
      return `${countExpression(d)} is ${pick(d, ['known', 'missing'])}`;
    case 9:
      return `${timeIn(d)} ${pick(d, OPS)} ${timeIn(d)}`;
    case 10:
      return `(${listCriterion(d, depth - 1, portable)} and ${listCriterion(d, depth - 1, portable)})`;
    case 11:
      return `(${listCriterion(d, depth - 1, portable)} or ${listCriterion(d, depth - 1, portable)})`;
    default:
      return `not (${listCriterion(d, depth - 1, portable)})`;
  }
}

/** A rule file: a few groups over the lists and a programme whose lines use them. */
export function generateListFile(d: Draw): string {
  const portable = d.int(0, 1) === 0;
  const groups = Array.from({ length: d.int(1, 4) }, (_, i) => `group g${i} = ${listCriterion(d, 2, portable)}`);
  const lines = Array.from({ length: d.int(1, 3) }, () => `  ${pick(d, ['require', 'exclude'])} ${listCriterion(d, 1, portable)}`);
  return `${LIST_RECORD}\n${groups.join('\n')}\n\nprogram p {\n${lines.join('\n')}\n}\n`;
}

// ---------------------------------------------------------------- records

type DateSpec = { back: number; unit: Unit; shift: number } | { at: string };
const dateSpec: fc.Arbitrary<DateSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ back: fc.constantFrom(0, 1, 2, 3, 6, 12, 26, 52, 53, -1), unit: fc.constantFrom(...UNITS), shift: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.constantFrom(...DATES, '2020-01-31', '2026-12-31') }) },
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const period = fc.record({
  kind: maybe(fc.constantFrom('x', 'y', 'z')),
  start: dateSpec,
  /** Days from start to end (≥ 0), or none: still running. */
  length: maybe(fc.oneof(fc.constantFrom(0, 1, 27, 28, 29, 30, 31, 182, 364, 365), fc.integer({ min: 0, max: 800 }))),
  flag: maybe(fc.boolean()),
  antal_uger: maybe(fc.integer({ min: 0, max: 20 })),
  who: maybe(fc.constantFrom('Bo', 'Anna')),
});
const meeting = fc.record({ dato: maybe(dateSpec), form: maybe(fc.constantFrom('ind', 'grp')) });

const listOf = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<'absent' | 'null'>('absent') },
    { weight: 1, arbitrary: fc.constant<'absent' | 'null'>('null') },
    { weight: 6, arbitrary: fc.array(arb, { maxLength: 6 }) },
  );

export const listRecordSpec = fc.record({
  a: maybe(dateSpec),
  b: maybe(dateSpec),
  n: maybe(fc.integer({ min: 0, max: 4 })),
  forløb: listOf(period),
  møder: listOf(meeting),
});
export type ListRecordSpec = typeof listRecordSpec extends fc.Arbitrary<infer T> ? T : never;

function date(spec: DateSpec, asOf: string): string {
  return 'at' in spec ? spec.at : addUnits(addUnits(asOf, -spec.back, spec.unit), spec.shift, 'days');
}

/** A record as the engine reads it: elements as plain objects (as JSON.parse makes them), missing fields absent. */
export function materializeListRecord(spec: ListRecordSpec, asOf: string, row: number): Record<string, unknown> {
  const r: Record<string, unknown> = { id: `01017${String(row).padStart(5, '0')}` };
  if (spec.a) r['a'] = date(spec.a, asOf);
  if (spec.b) r['b'] = date(spec.b, asOf);
  if (spec.n !== undefined) r['n'] = spec.n;
  const list = <T>(l: 'absent' | 'null' | T[], f: (x: T) => Record<string, unknown>) => (l === 'absent' ? undefined : l === 'null' ? null : l.map(f));
  const forløb = list(spec.forløb, (p) => {
    const e: Record<string, unknown> = {};
    if (p.kind !== undefined) e['kind'] = p.kind;
    e['start'] = date(p.start, asOf);
    if (p.length !== undefined) e['end'] = addUnits(e['start'] as string, p.length, 'days');
    if (p.flag !== undefined) e['flag'] = p.flag;
    if (p.antal_uger !== undefined) e['antal_uger'] = p.antal_uger;
    if (p.who !== undefined) e['who'] = p.who;
    return e;
  });
  const møder = list(spec.møder, (m) => {
    const e: Record<string, unknown> = {};
    if (m.dato) e['dato'] = date(m.dato, asOf);
    if (m.form !== undefined) e['form'] = m.form;
    return e;
  });
  if (forløb !== undefined) r['forløb'] = forløb;
  if (møder !== undefined) r['møder'] = møder;
  return r;
}
