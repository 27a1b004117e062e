// Declarations: every field type, range, unit and modifier; params, groups, programs and tests.
import { describe, expect, it } from 'vitest';
import { parse, printBracketed, type Declaration, type FieldDeclaration } from '../src/index';

function only(source: string): Declaration {
  const r = parse(source);
  expect(r.diagnostics).toEqual([]);
  expect(r.file.declarations).toHaveLength(1);
  return r.file.declarations[0]!;
}

function field(line: string): FieldDeclaration {
  const d = only(`record R {\n  ${line}\n}`);
  if (d.kind !== 'Record') throw new Error('expected a record');
  return d.fields[0]!;
}

function summary(f: FieldDeclaration): string {
  const t = f.type;
  const type =
    t.kind === 'EnumType'
      ? `one of (${t.values.map((v) => v.text).join(', ')})`
      : t.kind === 'ListType'
        ? `list of { ${t.fields.map(summary).join('; ')} }`
        : [t.name, t.bounds ? `${t.bounds.min.value}..${t.bounds.max.value}` : '', t.unit ? `in ${t.unit.unit}` : ''].filter(Boolean).join(' ');
  return [f.name.text, type, ...f.modifiers.map((m) => m.modifier), f.label ? `"${f.label.value}"` : ''].filter(Boolean).join(' | ');
}

describe('record fields', () => {
  it.each([
    ['cpr: text key personal "CPR-nummer"', 'cpr | text | key | personal | "CPR-nummer"'],
    ['birth_date: date', 'birth_date | date'],
    ['motivated: boolean "Ønsker selv at deltage"', 'motivated | boolean | "Ønsker selv at deltage"'],
    ['literacy: integer 1..5 optional', 'literacy | integer 1..5 | optional'],
    ['score: number', 'score | number'],
    ['temp: number -10..40.5', 'temp | number -10..40.5'],
    ['weeks_on_benefit: integer 0..520 in weeks optional', 'weeks_on_benefit | integer 0..520 in weeks | optional'],
    ['sick: number in days', 'sick | number in days'],
    ['age_years: integer in year', 'age_years | integer in years'],
    ['education: one of (none, vocational, bachelor, master)', 'education | one of (none, vocational, bachelor, master)'],
    ['målgruppe: one of (unge, ældre) optional personal', 'målgruppe | one of (unge, ældre) | optional | personal'],
  ])('%s', (line, expected) => {
    expect(summary(field(line))).toBe(expected);
  });
});

describe('let, param, group and program', () => {
  it.each([
    ['let age = age_of(birth_date)', 'Let age = age_of(birth_date)'],
    ['param min_ledighed = 6 months "Mindste ledighed"', 'Param min_ledighed "Mindste ledighed" = 6 months'],
    ['param min_læs = 2', 'Param min_læs = 2'],
    ['param start = 2026-01-01', 'Param start = 2026-01-01'],
    ['param grænse = -3', 'Param grænse = (-3)'],
    ['group unge "Unge" = age < 30 years', 'Group unge "Unge" = (age < 30 years)'],
    ['group g = a', 'Group g = a'],
  ])('%s', (source, expected) => {
    const d = only(source);
    if (d.kind !== 'Let' && d.kind !== 'Param' && d.kind !== 'Group') throw new Error(d.kind);
    const value = d.kind === 'Group' ? d.condition : d.value;
    const label = 'label' in d && d.label ? ` "${d.label.value}"` : '';
    expect(`${d.kind} ${d.name.text}${label} = ${printBracketed(value)}`).toBe(expected);
  });

  it('a program keeps its lines in order with their modes and labels', () => {
    const d = only(`program jobklub "Hovedvej 1" {
      require benefit = dagpenge "For dagpengemodtagere"
      exclude sick
      require a or b
    }`);
    if (d.kind !== 'Program') throw new Error(d.kind);
    expect(d.label?.value).toBe('Hovedvej 1');
    expect(d.lines.map((l) => [l.mode, printBracketed(l.condition), l.label?.value ?? null])).toEqual([
      ['require', '(benefit = dagpenge)', 'For dagpengemodtagere'],
      ['exclude', 'sick', null],
      ['require', '(a or b)', null],
    ]);
  });
});

describe('test blocks', () => {
  it('as of, given, with and every expect form', () => {
    const d = only(`test "alle former" {
      as of 2026-11-23
      given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, literacy: 3, hours: -1.5, motivated: true, }
      with min_ledighed = 4 months, min_læs = 2
      with x = 1
      expect seniorer
      expect not voksne
      expect unge unknown
      expect jobklub eligible
      expect vikar ineligible
      expect praktik undetermined
      expect g true
      expect h false
    }`);
    if (d.kind !== 'Test') throw new Error(d.kind);
    expect(d.title.value).toBe('alle former');
    expect(d.asOf?.value).toBe('2026-11-23');
    expect(d.given?.entries.map((e) => `${e.name.text}=${e.value.kind === 'ListLiteral' ? '[…]' : printBracketed(e.value)}`)).toEqual([
      'cpr="0101701234"', 'birth_date=1970-01-01', 'benefit=dagpenge', 'literacy=3', 'hours=(-1.5)', 'motivated=true',
    ]);
    expect(d.overrides.map((o) => `${o.name.text}=${printBracketed(o.value)}`)).toEqual(['min_ledighed=4 months', 'min_læs=2', 'x=1']);
    expect(d.expectations.map((e) => `${e.target.text}:${e.expected}`)).toEqual([
      'seniorer:true', 'voksne:false', 'unge:unknown', 'jobklub:eligible', 'vikar:ineligible', 'praktik:undetermined', 'g:true', 'h:false',
    ]);
  });
});

describe('lexical rules', () => {
  it.each([
    ['line comments', 'group g = a // a comment\n// another\n', 'a'],
    ['block comments', 'group /* inside */ g = /* here\n too */ a', 'a'],
    ['singular and plural units', 'group g = a > 1 day and b > 2 days and c > 1 week and d > 1 month and e > 1 year', '((((a > 1 days) and (b > 2 days)) and (c > 1 weeks)) and (d > 1 months)) and (e > 1 years))'.replace(/^/, '(')],
    ['Unicode names', 'group ønske_ÆØÅ = æble and Straße and 名前', '((æble and Straße) and 名前)'],
    ['decimal numbers', 'group g = x >= 2.5', '(x >= 2.5)'],
    ['text escapes', 'group g = x = "a\\\\b"', '(x = "a\\\\b")'],
    ['a name that starts with a keyword', 'group g = andre or notat or integers', '((andre or notat) or integers)'],
  ])('%s', (_what, source, expected) => {
    const d = only(source);
    if (d.kind !== 'Group') throw new Error(d.kind);
    expect(printBracketed(d.condition)).toBe(expected);
  });

  it('every node has a distinct id and a range inside the source', () => {
    const source = 'group g "G" = a and b > 3 years\nprogram p { require g }';
    const r = parse(source);
    const seen = new Set<number>();
    const visit = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(visit);
      if (!n || typeof n !== 'object') return;
      const node = n as { id?: number; range?: { start: { offset: number }; end: { offset: number } } };
      if (typeof node.id === 'number') {
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
        expect(node.range!.start.offset).toBeGreaterThanOrEqual(0);
        expect(node.range!.end.offset).toBeLessThanOrEqual(source.length);
        expect(node.range!.start.offset).toBeLessThanOrEqual(node.range!.end.offset);
      }
      Object.values(n).forEach(visit);
    };
    visit(r.file);
    expect(seen.size).toBeGreaterThan(10);
  });
});
