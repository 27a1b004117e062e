// Rename of a group, param or let: every occurrence changes; anything else is refused with a reason.
import { describe, expect, it } from 'vitest';
import { TextEdit } from 'vscode-languageserver-types';
import { prepareRename, rename, type VisitDocument } from '../src/service';
import { atCursor } from '../src/service/testing';

const rules = `record Citizen {
  benefit:  one of (dagpenge, kontanthjaelp)
  literacy: integer 1..5 optional
}
let skill = literacy
param min_læs = 3
group læser = skill >= min_læs
group målgruppe = læser and benefit = dagpenge
program jobklub {
  require målgruppe
}
test "t" {
  with min_læs = 2
  expect læser
}
`;

function on(word: string, nth = 1): string {
  let i = -1;
  for (let n = 0; n < nth; n++) i = rules.indexOf(word, i + 1);
  if (i < 0) throw new Error(`'${word}' is not in the rules`);
  return `${rules.slice(0, i + 1)}<|>${rules.slice(i + 1)}`;
}

function applyEdits(doc: VisitDocument, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let text = doc.text;
  for (const e of sorted) text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  return text;
}

describe('rename', () => {
  it.each([
    ['a group from a use', on('læser', 2), 'reader', [['læser', 'reader']]],
    ['a group from expect', on('læser', 3), 'reader', [['læser', 'reader']]],
    ['a param, including with', on('min_læs'), 'mindste_niveau', [['min_læs', 'mindste_niveau']]],
    ['a let', on('skill'), 'færdighed', [['skill', 'færdighed']]],
  ])('%s', (_name, source, newName, replacements) => {
    const { doc, position } = atCursor(source);
    const r = rename(doc, position, newName);
    if ('error' in r) throw new Error(r.error);
    let expected = rules;
    for (const [from, to] of replacements) expected = expected.split(from!).join(to);
    expect(applyEdits(doc, r.edit.changes?.[doc.uri] ?? [])).toBe(expected);
  });

  it('prepares with the range and the current name', () => {
    const { doc, position } = atCursor(on('målgruppe', 2));
    expect(prepareRename(doc, position)).toEqual({
      range: { start: { line: 9, character: 10 }, end: { line: 9, character: 19 } },
      placeholder: 'målgruppe',
    });
  });

  it.each([
    ['a field', on('literacy'), 'x', /'literacy' is a field: its name is what the records use/],
    ['an enum value', on('dagpenge', 2), 'x', /'dagpenge' is a value/],
    ['a program', on('jobklub'), 'x', /'jobklub' is a program: only groups, params and lets can be renamed/],
    ['a keyword', rules.replace('require målgruppe', 'req<|>uire målgruppe'), 'x', /Put the cursor on the name of a group, param or let/],
    ['to a name that is taken', on('læser'), 'skill', /'skill' is already declared/],
    ['to an enum value (a bare value would change meaning)', on('læser'), 'dagpenge', /'dagpenge' is a value of benefit/],
    ['to a keyword', on('læser'), 'group', /'group' is a keyword/],
    ['to something that is not a name', on('læser'), '2fast', /'2fast' is not a name/],
  ])('refuses %s', (_name, source, newName, reason) => {
    const { doc, position } = atCursor(source);
    const r = rename(doc, position, newName);
    expect('error' in r && r.error).toMatch(reason);
  });

  it('renaming to the same name changes nothing', () => {
    const { doc, position } = atCursor(on('læser'));
    const r = rename(doc, position, 'læser');
    expect('edit' in r && r.edit.changes?.[doc.uri]).toEqual([]);
  });
});
