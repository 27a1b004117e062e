// The language service on lists (LANGUAGE.md §12): completion inside `where` and in a given list's
// elements offers the element's fields; hover describes list and element fields and the new
// functions; rename of an element field changes that list's uses only; the outline shows elements.
import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { getCompletions, getDocumentSymbols, getHover, getReferences, prepareRename, rename, VisitDocument } from '../src/service';
import { atCursor, textAt } from '../src/service/testing';

const rules = `record Citizen {
  cpr:      text key personal
  henvist:  date
  benefit:  one of (dagpenge, kontanthjaelp)
  forløb:   list of {
              kind:  one of (dagpenge, jobklub) "Forløbstype"
              start: date
              end:   date optional
            } optional
  samtaler: list of { dato: date, start: date optional, note: text personal optional }
}

param p = 12 months
let k = 6 months
let h = henvist

group g = none(forløb where kind = jobklub and time_since(end) < p)
group s = count(samtaler where time_since(start) < k) >= 2
`;

function labels(sourceWithCursor: string): string[] {
  const { doc, position } = atCursor(sourceWithCursor);
  return getCompletions(doc, position).items.map((i) => i.label);
}

describe('completion inside where and in given lists', () => {
  it.each<[string, string, string[], string[]]>([
    ['the element fields, params and constant lets after where', `${rules}group x = any(forløb where <|>`, ['kind', 'start', 'end', 'p', 'k', 'time_since'], ['henvist', 'benefit', 'h', 'g', 'samtaler', 'forløb', 'any']],
    ['while typing a name', `${rules}group x = any(forløb where ki<|>`, ['kind', 'start', 'end'], ['benefit']],
    ['after and inside the condition', `${rules}group x = any(forløb where kind = jobklub and <|>`, ['kind', 'end', 'p'], ['henvist']],
    ['inside brackets in the condition', `${rules}group x = count(forløb where (end is missing or <|>`, ['kind', 'start'], ['benefit']],
    ['the other list its own fields', `${rules}group x = count(samtaler where <|>`, ['dato', 'start', 'note'], ['kind', 'end']],
    ["an element enum's values after =", `${rules}group x = any(forløb where kind = <|>`, ['dagpenge', 'jobklub'], ['kontanthjaelp', 'kind']],
    ['record names again after the call', `${rules}group x = any(forløb where kind = jobklub) and <|>`, ['henvist', 'benefit', 'g'], ['kind', 'end']],
    ['record names in the list position', `${rules}group x = any(<|>`, ['forløb', 'samtaler', 'henvist'], ['kind']],
    ['the element fields in a given element', `${rules}test "t" {\n  given { forløb: [{ <|>`, ['kind', 'start', 'end'], ['cpr', 'benefit']],
    ['the fields not yet given in that element', `${rules}test "t" {\n  given { forløb: [{ kind: jobklub, <|>`, ['start', 'end'], ['kind', 'cpr']],
    ['a second element starts afresh', `${rules}test "t" {\n  given { forløb: [{ kind: jobklub, start: 2025-01-01 }, { <|>`, ['kind', 'start', 'end'], ['cpr']],
    ["an element enum's values in a given element", `${rules}test "t" {\n  given { forløb: [{ kind: <|>`, ['dagpenge', 'jobklub'], ['kontanthjaelp']],
    ['where after a list field in a list function', `${rules}group x = count(samtaler <|>`, ['where'], ['kind']],
    ['the window of time_in', `${rules}group x = time_in(forløb where kind = jobklub, <|>`, ['last N weeks'], ['where']],
    ['no where after a plain field', `${rules}group x = time_since(henvist <|>`, [], ['where']],
    ['record fields again after the list', `${rules}test "t" {\n  given { forløb: [{ kind: jobklub }], <|>`, ['cpr', 'benefit', 'samtaler'], ['kind']],
  ])('%s', (_title, source, present, absent) => {
    const got = labels(source);
    for (const p of present) expect(got, p).toContain(p);
    for (const a of absent) expect(got, a).not.toContain(a);
  });
});

function hoverText(source: string): string {
  const { doc, position } = atCursor(source);
  const h = getHover(doc, position);
  if (!h) return '';
  const c = h.contents;
  return typeof c === 'string' ? c : 'value' in c ? c.value : '';
}

describe('hover', () => {
  it.each<[string, string, RegExp[]]>([
    ['a list field', rules.replace('group g = none(forløb', 'group g = none(for<|>løb'), [/forløb: list of \{ kind: .* \} optional/, /Type: a list of periods \(kind, start, end\)/, /a missing end means still running/]],
    ['an element field in where', rules.replace('time_since(end)', 'time_since(e<|>nd)'), [/end: date optional/, /A field of each element of \*\*forløb\*\*/, /still running/]],
    ['an element field of events', rules.replace('time_since(start) < k', 'time_since(st<|>art) < k'), [/start: date optional/, /element of \*\*samtaler\*\*/]],
    ['an element enum value', rules.replace('kind = jobklub', 'kind = job<|>klub'), [/A value of \*\*forløb\.kind\*\* \(Forløbstype\): one of \(dagpenge, jobklub\)/]],
    ['the function time_in', `${rules}group x = time_<|>in(forløb, last 4 weeks) > 1 day`, [/time_in\(periods where condition, last N unit\)/, /overlapping periods counted once/]],
    ['the function count', rules.replace('count(samtaler', 'cou<|>nt(samtaler'), [/count\(list where condition\)/]],
    ['the function time_between', `${rules}let t = time_bet<|>ween(henvist, henvist)`, [/time_between\(date, date\)/]],
  ])('%s', (_title, source, patterns) => {
    const text = hoverText(source);
    for (const p of patterns) expect(text).toMatch(p);
  });
});

function on(source: string, word: string, nth = 1): string {
  let i = -1;
  for (let n = 0; n < nth; n++) i = source.indexOf(word, i + 1);
  if (i < 0) throw new Error(`'${word}' is not in the source`);
  return `${source.slice(0, i + 1)}<|>${source.slice(i + 1)}`;
}

const withTest = `${rules}group t = any(samtaler where start > 2020-01-01) and any(forløb where start > 2020-01-01)
test "x" {
  given { forløb: [{ kind: jobklub, start: 2025-01-01 }], samtaler: [{ dato: 2025-01-01, start: 2025-01-02 }] }
  expect g
}
`;

describe('rename and references of element fields', () => {
  it("renames a field of forløb's elements in its declaration, forløb's where conditions and given lists only", () => {
    const source = on(withTest, 'start:', 1); // the declaration in forløb's element
    const { doc, position } = atCursor(source);
    const r = rename(doc, position, 'fra');
    if (!('edit' in r)) throw new Error(r.error);
    const edits = r.edit.changes![doc.uri]!;
    const lines = edits.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1}`);
    // line 7 (declaration), line 19 (forløb where start > …), line 21 (the given element of forløb)
    expect(lines).toEqual(['7:15', '19:71', '21:37']);
    expect(edits.every((e) => textAt(doc, e.range) === 'start' && e.newText === 'fra')).toBe(true);
  });

  it("finds the references of samtaler's start, not forløb's", () => {
    const { doc, position } = atCursor(on(withTest, 'start > 2020', 1));
    const refs = getReferences(doc, position).map((l) => l.range.start.line + 1);
    expect(refs).toEqual([10, 18, 19, 21]);
  });

  it.each<[string, string, RegExp]>([
    ['another field of the same elements', 'kind', /already a field of the elements of 'forløb'/],
    ['a keyword', 'and', /keyword/],
    ['a declared name (it would be hidden inside where)', 'p', /already declared/],
    ['an enum value', 'jobklub', /is a value of/],
  ])('refuses %s', (_title, name, message) => {
    const { doc, position } = atCursor(on(withTest, 'end:', 1));
    const r = rename(doc, position, name);
    expect('error' in r && r.error).toMatch(message);
  });

  it('still refuses to rename a record field, list fields included', () => {
    const { doc, position } = atCursor(on(withTest, 'forløb:', 1));
    expect(prepareRename(doc, position)).toEqual({ error: expect.stringMatching(/records use/) });
  });
});

describe('outline', () => {
  it('shows a list field with its element fields as children', () => {
    const symbols = getDocumentSymbols(new VisitDocument('file:///r.visit', rules));
    const record = symbols[0]!;
    const kinds: Record<number, string> = { [SymbolKind.Field]: 'Field', [SymbolKind.Enum]: 'Enum', [SymbolKind.Array]: 'Array' };
    const simple = (s: DocumentSymbol): unknown => [s.name, kinds[s.kind], ...(s.children ? [s.children.map(simple)] : [])];
    expect(record.children!.map(simple)).toEqual([
      ['cpr', 'Field'],
      ['henvist', 'Field'],
      ['benefit', 'Enum'],
      ['forløb', 'Array', [['kind', 'Enum'], ['start', 'Field'], ['end', 'Field']]],
      ['samtaler', 'Array', [['dato', 'Field'], ['start', 'Field'], ['note', 'Field']]],
    ]);
  });
});
