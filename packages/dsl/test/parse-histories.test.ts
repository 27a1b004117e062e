// LANGUAGE.md §11–§13 as syntax: `time_between(a, b)`, `list of { … }` fields, `L where c`,
// `last N unit`, and `from` / `until` on declarations. The words list, where, last, from and until
// are not v1 keywords (§2): they keep working as names everywhere else.
import { describe, expect, it } from 'vitest';
import { parse, printBracketed, type Declaration, type Expression } from '../src/index';

function declarations(source: string): Declaration[] {
  const r = parse(source);
  expect(r.diagnostics).toEqual([]);
  return r.file.declarations;
}

function groupCondition(expr: string): Expression {
  const [d] = declarations(`group g = ${expr}`);
  if (d?.kind !== 'Group') throw new Error('expected a group');
  return d.condition;
}

describe('list fields (§12)', () => {
  it.each([
    [
      'forløb: list of {\n kind: one of (dagpenge, jobklub)\n start: date\n end: date optional\n } optional',
      ['forløb', 'ListType', ['kind:EnumType', 'start:PrimitiveType', 'end:PrimitiveType:optional'], ['optional']],
    ],
    ['samtaler: list of { dato: date, form: one of (individuel, gruppe) }', ['samtaler', 'ListType', ['dato:PrimitiveType', 'form:EnumType'], []]],
    ['m: list of { note: text personal "Note", dato: date } personal', ['m', 'ListType', ['note:PrimitiveType:personal', 'dato:PrimitiveType'], ['personal']]],
    ['tom: list of { }', ['tom', 'ListType', [], []]],
  ])('%s', (line, expected) => {
    const [record] = declarations(`record R {\n  ${line}\n}`);
    if (record?.kind !== 'Record') throw new Error('expected a record');
    const f = record.fields[0]!;
    if (f.type.kind !== 'ListType') throw new Error('expected a list type');
    const elements = f.type.fields.map((e) => [`${e.name.text}:${e.type.kind}`, ...e.modifiers.map((m) => m.modifier)].join(':'));
    expect([f.name.text, f.type.kind, elements, f.modifiers.map((m) => m.modifier)]).toEqual(expected);
  });

  it('keeps `list` a name outside a type', () => {
    const [record, group] = declarations('record R { list: boolean }\ngroup g = list');
    expect(record?.kind === 'Record' && record.fields[0]!.name.text).toBe('list');
    expect(group?.kind === 'Group' && group.condition.kind).toBe('Reference');
  });
});

describe('calls over lists (§11, §12)', () => {
  it.each([
    ['time_between(henvist, visiteret) > 4 weeks', '(time_between(henvist, visiteret) > 4 weeks)'],
    ['none(forløb where kind = jobklub and time_since(end) < 12 months)', 'none((forløb where ((kind = jobklub) and (time_since(end) < 12 months))))'],
    ['count(samtaler where time_since(dato) <= 6 months) >= 4', '(count((samtaler where (time_since(dato) <= 6 months))) >= 4)'],
    ['count(samtaler) >= 4', '(count(samtaler) >= 4)'],
    ['any(forløb where end is missing)', 'any((forløb where (end is missing)))'],
    ['all(forløb where kind in (dagpenge, jobklub))', 'all((forløb where (kind in (dagpenge, jobklub))))'],
    [
      'time_in(forløb where kind in (dagpenge, kontanthjaelp), last 52 weeks) >= 42 weeks',
      '(time_in((forløb where (kind in (dagpenge, kontanthjaelp))), last 52 weeks) >= 42 weeks)',
    ],
    ['time_in(forløb, last 1 year) > 30 days', '(time_in(forløb, last 1 years) > 30 days)'],
  ])('%s', (source, bracketed) => {
    expect(printBracketed(groupCondition(source))).toBe(bracketed);
  });

  it('takes the word `where` as a name where no list is filtered', () => {
    expect(groupCondition('where = last').kind).toBe('Comparison');
  });

  it.each([
    ['count(samtaler where)', /expected/],
    ['time_in(forløb, last weeks)', /expected/],
  ])('%s is a syntax error', (source, message) => {
    const r = parse(`group g = ${source}`);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(message);
  });
});

describe('dated declarations (§13)', () => {
  type Dated = { kind: string; name: string; from?: string; until?: string };
  function dated(source: string): Dated[] {
    return declarations(source).flatMap((d) =>
      d.kind === 'Test' || d.kind === 'Record'
        ? []
        : [{ kind: d.kind, name: d.name.text, ...(d.validity?.from ? { from: d.validity.from.value } : {}), ...(d.validity?.until ? { until: d.validity.until.value } : {}) }],
    );
  }
  it.each<[string, Dated[]]>([
    ['param max_praktik = 8 weeks\nparam max_praktik = 4 weeks from 2017-01-01', [{ kind: 'Param', name: 'max_praktik' }, { kind: 'Param', name: 'max_praktik', from: '2017-01-01' }]],
    ['param p = 4 weeks "Højst" until 2016-12-31', [{ kind: 'Param', name: 'p', until: '2016-12-31' }]],
    ['program hovedvej3 "Virksomhedspraktik" from 2015-11-01 until 2016-12-31 { require true }', [{ kind: 'Program', name: 'hovedvej3', from: '2015-11-01', until: '2016-12-31' }]],
    ['program p from 2015-11-01 { require true }', [{ kind: 'Program', name: 'p', from: '2015-11-01' }]],
    ['group unge "Under 30 med uddannelse" until 2025-06-30 = true', [{ kind: 'Group', name: 'unge', until: '2025-06-30' }]],
    ['group unge from 2025-07-01 = true', [{ kind: 'Group', name: 'unge', from: '2025-07-01' }]],
    ['let x from 2020-01-01 until 2020-12-31 = 1', [{ kind: 'Let', name: 'x', from: '2020-01-01', until: '2020-12-31' }]],
  ])('%s', (source, expected) => {
    expect(dated(source)).toEqual(expected);
  });

  it.each([
    ['group g until 2020-01-01 from 2019-01-01 = true', "'from' comes before 'until'"],
    ['group g from 2019-01-01 from 2020-01-01 = true', "'from' is given twice"],
  ])('%s', (source, message) => {
    expect(parse(source).diagnostics.map((d) => d.message)).toEqual([expect.stringContaining(message)]);
  });

  it('keeps `from` and `until` names elsewhere', () => {
    const [record, group] = declarations('record R { from: date, until: date optional }\ngroup g = from < until');
    expect(record?.kind === 'Record' && record.fields.map((f) => f.name.text)).toEqual(['from', 'until']);
    expect(group?.kind === 'Group' && printBracketed(group.condition)).toBe('(from < until)');
  });
});
