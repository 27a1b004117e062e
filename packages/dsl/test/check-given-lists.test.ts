// LANGUAGE.md §8 and §12: a list field's value in a test's `given` is written `[ { field: value, … }, … ]`,
// and each element is checked against the list's shape at check time, naming `list[n].field`.
import { describe, expect, it } from 'vitest';
import { check, parse } from '../src/index';
import { codes, historyRecord, messages } from './support/histories';

const base = 'cpr: "0101701234", henvist: 2025-01-01, benefit: dagpenge';
function given(entries: string): string {
  return `group g = any(forløb)\ntest "t" {\n  as of 2026-01-01\n  given { ${base}, ${entries} }\n  expect g\n}\n`;
}

describe('list literals in given', () => {
  it('parses elements and their entries', () => {
    const r = parse(`test "t" { given { forløb: [{kind: jobklub, start: 2025-01-06, end: 2025-03-28}, {start: 2025-04-01,}], samtaler: [] } }`);
    expect(r.diagnostics).toEqual([]);
    const t = r.file.declarations[0]!;
    if (t.kind !== 'Test') throw new Error('shape');
    const [forløb, samtaler] = t.given!.entries;
    if (forløb?.value.kind !== 'ListLiteral' || samtaler?.value.kind !== 'ListLiteral') throw new Error('shape');
    expect(forløb.value.elements.map((e) => e.entries.map((x) => x.name.text))).toEqual([['kind', 'start', 'end'], ['start']]);
    expect(samtaler.value.elements).toEqual([]);
  });

  it.each([
    ['an unclosed list', 'test "t" { given { forløb: [{start: 2025-01-01} } }'],
    ['an element without braces', 'test "t" { given { forløb: [start: 2025-01-01] } }'],
    ['a bracket outside given', 'group g = [1]'],
  ])('%s is a syntax error', (_title, source) => {
    expect(parse(source).diagnostics.map((d) => d.code)).toContain('syntax-error');
  });

  it.each<[string, string, string[]]>([
    ['the issue example', 'forløb: [{kind: jobklub, start: 2025-01-06, end: 2025-03-28}]', []],
    ['an empty list', 'forløb: [], samtaler: []', []],
    ['a running period', 'forløb: [{kind: dagpenge, start: 2025-01-06}]', []],
    ['a period of one day', 'forløb: [{kind: dagpenge, start: 2025-01-06, end: 2025-01-06}]', []],
    ['optional element fields left out', 'samtaler: [{dato: 2025-02-01, form: gruppe}]', []],
    ['several elements', 'samtaler: [{dato: 2025-02-01, form: gruppe}, {dato: 2025-03-01, form: individuel, note: "x"}]', []],
    ['a personal list', 'sager: [{journal: "J-1", start: 2025-01-01, end: 2025-02-01}]', []],
  ])('%s: accepted', (_title, entries, expected) => {
    expect(codes(given(entries), undefined, 13 + 3)).toEqual(expected);
  });

  it.each<[string, string, string, RegExp]>([
    ['an unknown element field', 'forløb: [{kind: jobklub, start: 2025-01-06, slut: 2025-03-28}]', 'given-unknown-field', /^forløb\[1\]: 'slut' is not a field of the elements of 'forløb'/],
    ['a misspelt element field', 'forløb: [{kind: jobklub, start: 2025-01-06, ennd: 2025-01-07}]', 'given-unknown-field', /did you mean 'end'\?/],
    ['a wrong type', 'forløb: [{kind: jobklub, start: 2025-01-06}, {kind: jobklub, start: "i går"}]', 'given-mismatch', /^forløb\[2\]\.start: expected a date, found a text$/],
    ['an enum value not in the element enum', 'forløb: [{kind: jobklb, start: 2025-01-06}]', 'unknown-enum-value', /'jobklb' is not a value of forløb\[1\]\.kind.*did you mean 'jobklub'\?/],
    ['a missing required element field', 'forløb: [{kind: jobklub, start: 2025-01-06}, {kind: jobklub}]', 'given-missing-field', /^forløb\[2\]: 'start' is required/],
    ['two missing element fields', 'samtaler: [{note: "x"}]', 'given-missing-field', /^samtaler\[1\]: 'dato', 'form' are required/],
    ['end before start', 'forløb: [{kind: jobklub, start: 2025-03-28, end: 2025-01-06}]', 'given-period-order', /^forløb\[1\]: end is before start: a period covers the days from start to end, both included$/],
    ['an element field given twice', 'forløb: [{kind: jobklub, start: 2025-01-06, start: 2025-01-07}]', 'given-duplicate', /forløb\[1\]\.start/],
    ['a value for a list', 'forløb: 3', 'given-mismatch', /^forløb: expected a list, written \[ \{ field: value, … \}, … \]/],
    ['a list for a value', 'visiteret: []', 'given-mismatch', /^visiteret: expected a date, found a list$/],
    ['a list inside an element', 'forløb: [{kind: jobklub, start: []}]', 'given-mismatch', /^forløb\[1\]\.start: expected a date, found a list$/],
    ['an invalid date in an element', 'forløb: [{kind: jobklub, start: 2025-02-30}]', 'invalid-date', /February 2025 has 28 days/],
  ])('%s', (_title, entries, code, message) => {
    const source = given(entries);
    expect(codes(source, undefined, 0).map((c) => c.split(' ')[0])).toEqual([code]);
    expect(messages(source).join('\n')).toMatch(message);
  });

  it('withholds personal element values from messages and masks them in snippets', () => {
    const source = `${historyRecord}${given('samtaler: [{dato: 2025-01-01, form: gruppe, note: 17}], sager: [{journal: "Jens Hansen", start: 2025-03-01, end: 2025-01-01}]')}`;
    const c = check(source);
    const text = c.diagnostics.map((d) => d.message).join('\n');
    expect(text).toContain('samtaler[1].note: expected a text, found a whole number (value withheld: personal data)');
    expect(text).toContain('sager[1]: end is before start (values withheld: personal data)');
    expect(text).not.toMatch(/Jens|17|2025-03-01/);
    for (const [anchor, value] of [['note: ', '17'], ['journal: ', '"Jens Hansen"'], ['start: ', '2025-03-01'], ['end: ', '2025-01-01']] as const) {
      const at = source.indexOf(value, source.indexOf(anchor, source.indexOf(anchor === 'note: ' ? 'samtaler: [' : 'sager: [')));
      expect(c.personal.some((r) => r.start.offset <= at && r.end.offset >= at + value.length), value).toBe(true);
    }
  });

  it('does not mask the values of a list that is not personal', () => {
    const source = `${historyRecord}${given('forløb: [{kind: jobklub, start: 2025-01-06}]')}`;
    expect(check(source).personal.map((r) => source.slice(r.start.offset, r.end.offset))).toEqual(['"0101701234"']);
  });

  it('masks a syntax error inside a given list element in a file with personal fields', () => {
    const source = `${historyRecord}test "t" {\n  given { sager: [{journal: "x" 0101701234}] }\n}\n`;
    const c = check(source);
    expect(c.diagnostics.some((d) => d.code === 'syntax-error')).toBe(true);
    expect(c.diagnostics.map((d) => d.message).join('\n')).not.toContain('0101701234');
  });
});
