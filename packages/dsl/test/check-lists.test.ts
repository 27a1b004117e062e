// LANGUAGE.md §12 in the checker: list fields in the record, the aggregate functions and their
// types, and every diagnostic of a misused list, window or `where` — by stable code and position.
import { describe, expect, it } from 'vitest';
import { check, type Type } from '../src/index';
import { codes, historyRecord, messages } from './support/histories';

/** Diagnostics of a record declaration alone, as `code line:col`. */
function recordCodes(fields: string): string[] {
  return check(`record R {\n${fields}\n}\n`).diagnostics.map((d) => `${d.code} ${d.range.start.line - 1}:${d.range.start.column}`);
}

describe('list fields in the record (§12)', () => {
  it.each<[string, string, string[]]>([
    ['a list of periods', 'f: list of { start: date, end: date optional }', []],
    ['a list of events', 'f: list of { dato: date, form: one of (a, b) }', []],
    ['an optional, personal list', 'f: list of { x: integer 1..5 in weeks, y: number, z: boolean, t: text } optional personal', []],
    ['an empty element', 'f: list of { }', []],
    ['a list inside a list', 'f: list of { g: list of { x: date } }', ['nested-list 1:17']],
    ['key on an element field', 'f: list of { id: text key }', ['element-key 1:23']],
    ['key on the list itself', 'f: list of { d: date } key', ['list-key 1:24']],
    ['an optional start of a period', 'f: list of { start: date optional, end: date }', ['period-start-optional 1:26']],
    ['an optional start where there is no period', 'f: list of { start: date optional }', []],
    ['a start that is no date: no period, no error', 'f: list of { start: text optional, end: date }', []],
    ['an element field twice', 'f: list of { d: date, d: text }', ['duplicate-name 1:23']],
    ['an element field named like a record field', 'start: date\n  f: list of { start: date, end: date }', []],
    ['a repeated modifier in an element', 'f: list of { d: date optional optional }', ['duplicate-modifier 1:31']],
    ['a reserved element name', 'f: list of { constructor: date }', ['reserved-name 1:14']],
    ['an invalid range in an element', 'f: list of { n: integer 5..1 }', ['invalid-range 1:25']],
    ['a duplicate enum value in an element', 'f: list of { k: one of (a, a) }', ['duplicate-enum-value 1:28']],
  ])('%s', (_title, fields, expected) => {
    expect(recordCodes(fields)).toEqual(expected);
  });

  it('says why a period cannot lack its start', () => {
    expect(check('record R { f: list of { start: date optional, end: date } }').diagnostics[0]!.message).toMatch(
      /'f' are periods .*'start' cannot be optional/,
    );
  });

  it('gives each list field a list type with its element types and whether it is a period (checked.fieldTypes)', () => {
    const c = check(historyRecord);
    const forløb = c.fieldTypes.get('forløb') as Extract<Type, { kind: 'list' }>;
    expect(forløb.kind).toBe('list');
    expect(forløb.period).toBe(true);
    expect([...forløb.fields.entries()]).toEqual([
      ['kind', { kind: 'enum', values: ['dagpenge', 'kontanthjaelp', 'jobklub', 'virksomhedspraktik', 'loentilskud'] }],
      ['start', { kind: 'date' }],
      ['end', { kind: 'date' }],
    ]);
    const samtaler = c.fieldTypes.get('samtaler') as Extract<Type, { kind: 'list' }>;
    expect([samtaler.kind, samtaler.period, [...samtaler.fields.keys()]]).toEqual(['list', false, ['dato', 'form', 'note']]);
    expect(c.diagnostics).toEqual([]);
  });
});

describe('the types of the aggregates', () => {
  /** The type the checker gives the first argument-free expression of `group g = <expr> …`. */
  function typeOf(expr: string): Type | undefined {
    const c = check(`${historyRecord}let x = ${expr}\ngroup g = x is known\n`);
    return c.letTypes.get('x');
  }
  it.each<[string, Type]>([
    ['any(forløb where kind = jobklub)', { kind: 'boolean' }],
    ['all(forløb where end is missing)', { kind: 'boolean' }],
    ['none(samtaler)', { kind: 'boolean' }],
    ['any(forløb)', { kind: 'boolean' }],
    ['count(samtaler where form = gruppe)', { kind: 'number', integer: true }],
    ['count(samtaler)', { kind: 'number', integer: true }],
    ['time_in(forløb where kind = dagpenge, last 52 weeks)', { kind: 'number', integer: true, unit: 'days' }],
    ['time_in(forløb, last 1 year)', { kind: 'number', integer: true, unit: 'days' }],
    ['time_between(henvist, visiteret)', { kind: 'calendar' }],
  ])('%s', (expr, expected) => {
    expect(typeOf(expr)).toEqual(expected);
  });

  it('types every node of a list call: the call, the where (the list), the window and the condition (checked.types)', () => {
    const c = check(`${historyRecord}group g = time_in(forløb where kind = dagpenge, last 52 weeks) >= 42 weeks\n`);
    expect(c.diagnostics).toEqual([]);
    const g = c.groups.get('g')!;
    if (g.condition.kind !== 'Comparison' || g.condition.left.kind !== 'Call') throw new Error('shape');
    const call = g.condition.left;
    const [where, window] = call.args;
    if (where?.kind !== 'Where' || window?.kind !== 'Window') throw new Error('shape');
    expect(c.types.get(call.id)).toEqual({ kind: 'number', integer: true, unit: 'days' });
    expect(c.types.get(where.id)).toBe(c.fieldTypes.get('forløb'));
    expect(c.types.get(where.list.id)).toBe(c.fieldTypes.get('forløb'));
    expect(c.types.get(where.condition.id)).toEqual({ kind: 'boolean' });
    expect(c.types.get(window.id)).toEqual({ kind: 'number', integer: true, unit: 'weeks' });
    expect(c.types.get(window.length.id)).toEqual({ kind: 'number', integer: true, unit: 'weeks' });
    expect(c.resolutions.get(where.list.id)).toEqual({ kind: 'field', decl: c.fields.get('forløb') });
  });
});

describe('well-formed uses are clean', () => {
  it.each([
    'group ny_i_jobklub = none(forløb where kind = jobklub and time_since(end) < 12 months)',
    'group fulgt_op = count(samtaler where time_since(dato) <= 6 months) >= 4',
    'group langtidsledig = time_in(forløb where kind in (dagpenge, kontanthjaelp), last 52 weeks) >= 42 weeks',
    'group g = time_in(forløb, last 52 weeks) >= 294 days',
    'group g = time_in(forløb, last 52 weeks) >= 294',
    'group g = count(forløb) = 0',
    'group g = forløb is missing',
    'group g = samtaler is known and not any(samtaler)',
    'group g = any(forløb where end is missing and time_since(start) >= 6 months)',
    'group g = all(sager where journal != "x")',
    'group g = count(samtaler where form = gruppe) * 2 > count(samtaler)',
    'group g = any(forløb where time_between(start, end) >= 4 weeks)',
  ])('%s', (snippet) => {
    expect(codes(`${snippet}\n`)).toEqual([]);
  });
});

describe('misused lists, windows and arguments', () => {
  it.each<[string, string, string[], RegExp?]>([
    ['a list compared with a number', 'group g = forløb = 1', ['list-misplaced 1:11'], /'forløb' is a list: use it in any\(…\)/],
    ['a list as a condition', 'group g = samtaler', ['list-misplaced 1:11']],
    ['a list in arithmetic', 'let n = samtaler + 1\ngroup g = n > 1', ['list-misplaced 1:9']],
    ['a list in a let', 'let l = forløb\ngroup g = l is known', ['list-misplaced 1:9']],
    ['a list given to time_since', 'group g = time_since(forløb) > 1 year', ['list-misplaced 1:22']],
    ['any of a plain field', 'group g = any(henvist)', ['not-a-list 1:15'], /any\(…\) needs a list field, but 'henvist' is a date/],
    ['count of a number', 'group g = count(1) > 1', ['not-a-list 1:17']],
    ['where over a plain field', 'group g = any(henvist where henvist > 2020-01-01)', ['not-a-list 1:15']],
    ['any without arguments', 'group g = any()', ['wrong-arguments 1:11']],
    ['any of two lists', 'group g = any(forløb, samtaler)', ['wrong-arguments 1:11']],
    ['count with a window', 'group g = count(forløb, last 4 weeks) > 1', ['wrong-arguments 1:11']],
    ['time_in without its window', 'group g = time_in(forløb) > 4 weeks', ['wrong-arguments 1:11'], /time_in\(…\) takes a list of periods and a window/],
    ['time_in with a duration for a window', 'group g = time_in(forløb, 4 weeks) > 1 day', ['wrong-arguments 1:27'], /'last N unit'/],
    ['time_in of events', 'group g = time_in(samtaler, last 4 weeks) > 1 day', ['not-periods 1:19'], /'samtaler' have no 'start: date' and 'end: date'/],
    ['time_in compared with months', 'group g = time_in(forløb, last 1 year) >= 3 months', ['time-in-unit 1:11'], /counts days, so it compares with days or weeks only.*e\.g\. 91 days/],
    ['time_in compared with years', 'group g = time_in(forløb, last 2 years) >= 1 year', ['time-in-unit 1:11'], /a year is not a whole number of days/],
    ['time_in compared with a calendar span', 'group g = time_in(forløb, last 1 year) >= time_since(henvist)', ['calendar-threshold-not-constant 1:11']],
    ['last outside time_in', 'group g = time_since(last 4 weeks) > 1 day', ['last-misplaced 1:22'], /only written as the second argument of time_in/],
    ['last as the list', 'group g = any(last 4 weeks)', ['last-misplaced 1:15']],
    ['where outside a list function', 'group g = time_since(forløb where kind = jobklub) > 1 year', ['where-misplaced 1:29'], /only written inside any\(…\)/],
    ['a window of zero', 'group g = time_in(forløb, last 0 weeks) > 1 day', ['invalid-window 1:32']],
    ['a window with a fraction', 'group g = time_in(forløb, last 1.5 weeks) > 1 day', ['invalid-window 1:32']],
    ['a where condition that is not a condition', 'group g = any(forløb where start)', ['not-boolean 1:28'], /the condition after 'where' must be a condition/],
    ['a misspelt list', 'group g = any(forlob where kind = jobklub)', ['unknown-name 1:15']],
    ['a misspelt function', 'group g = ayn(forløb)', ['unknown-function 1:11'], /did you mean 'any'\?/],
  ])('%s', (_title, snippet, expected, message) => {
    expect(codes(`${snippet}\n`)).toEqual(expected);
    if (message) expect(messages(`${snippet}\n`).join('\n')).toMatch(message);
  });
});
