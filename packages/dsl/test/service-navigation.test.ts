// Go to definition and find references for every kind of name: tables of <|> sources → the
// texts and lines the locations point at.
import { describe, expect, it } from 'vitest';
import { getDefinition, getReferences } from '../src/service';
import { atCursor } from '../src/service/testing';

const rules = `record Citizen {
  benefit:   one of (dagpenge, kontanthjaelp)
  education: one of (none, master)
  health:    one of (none, some)
  literacy:  integer 1..5 optional
}
let skill = literacy
param min_læs = 3
group læser = skill >= min_læs
group målgruppe = læser and benefit = dagpenge
program jobklub {
  require målgruppe
  require education != none
  exclude health = none
}
test "t" {
  given { benefit: dagpenge, literacy: 4, education: none }
  with min_læs = 2
  expect læser
  expect jobklub eligible
}
`;

/** The source with the cursor inside the nth occurrence of `word` (1-based). */
function on(word: string, nth = 1): string {
  let i = -1;
  for (let n = 0; n < nth; n++) {
    i = rules.indexOf(word, i + 1);
    if (i < 0) throw new Error(`'${word}' #${nth} is not in the rules`);
  }
  return `${rules.slice(0, i + 1)}<|>${rules.slice(i + 1)}`;
}

/** Each location as `line:text` (1-based line). */
function where(source: string, find: 'definition' | 'references'): string[] {
  const { doc, position } = atCursor(source);
  const locations = find === 'definition' ? getDefinition(doc, position) : getReferences(doc, position, { includeDeclaration: true });
  return locations.map((l) => `${l.range.start.line + 1}:${doc.text.slice(doc.offsetAt(l.range.start), doc.offsetAt(l.range.end))}`);
}

describe('go to definition', () => {
  it.each([
    ['a field used in a let', on('literacy', 2), ['5:literacy']],
    ['a field in given', on('literacy', 3), ['5:literacy']],
    ['a let', on('skill', 2), ['7:skill']],
    ['a param', on('min_læs', 2), ['8:min_læs']],
    ['a param in with', on('min_læs', 3), ['8:min_læs']],
    ['a group in a group', on('læser', 2), ['9:læser']],
    ['a group in expect', on('læser', 3), ['9:læser']],
    ['a program in expect', on('jobklub', 2), ['11:jobklub']],
    ["an enum value: its own enum's", on('none', 3), ['3:none']],
    ['the same word in another enum', on('none', 4), ['4:none']],
    ['an enum value in given', on('dagpenge', 3), ['2:dagpenge']],
    ['a declaration is its own definition', on('målgruppe'), ['10:målgruppe']],
  ])('%s', (_name, source, expected) => {
    expect(where(source, 'definition')).toEqual(expected);
  });

  it.each([
    ['a keyword', rules.replace('require målgruppe', 'requ<|>ire målgruppe')],
    ['an unknown name', rules.replace('require målgruppe', 'require mål<|>grupe')],
    ['a label or title', rules.replace('test "t"', 'test "<|>t"')],
  ])('finds nothing on %s', (_name, source) => {
    expect(where(source, 'definition')).toEqual([]);
  });
});

describe('find references', () => {
  it.each([
    ['a field: declaration, uses and given', on('literacy'), ['5:literacy', '7:literacy', '17:literacy']],
    ['a param: declaration, use and with', on('min_læs'), ['8:min_læs', '9:min_læs', '18:min_læs']],
    ['a group: declaration, uses and expect', on('læser', 2), ['9:læser', '10:læser', '19:læser']],
    ['a program', on('jobklub'), ['11:jobklub', '20:jobklub']],
    ['an enum value, only of its own enum', on('none', 1), ['3:none', '13:none', '17:none']],
    ['the same word in another enum', on('none', 2), ['4:none', '14:none']],
  ])('%s', (_name, source, expected) => {
    expect(where(source, 'references')).toEqual(expected);
  });

  it('leaves the declaration out when asked', () => {
    const { doc, position } = atCursor(on('min_læs'));
    expect(getReferences(doc, position, { includeDeclaration: false }).map((l) => l.range.start.line + 1)).toEqual([9, 18]);
  });
});
