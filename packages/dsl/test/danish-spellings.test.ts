// LANGUAGE.md §15: the Danish spellings mean what the English words mean (the same AST), they are
// keywords (so they cannot be names), the formatter keeps the spelling it finds, and completion
// offers the spelling the file uses. Tables of Danish source → its English twin.
import { describe, expect, it } from 'vitest';
import { check } from '../src/check';
import { getCompletions } from '../src/service';
import { formatSource } from '../src/service/format';
import { atCursor } from '../src/service/testing';
import { parse } from '../src/syntax/to-ast';

const record = `record C {
  id:     text key
  a:      integer optional
  n:      number in weeks optional
  b:      boolean optional
  d:      date optional
  kind:   one of (x, y, z) optional
}
`;

/** The AST without ids and source ranges: what a file means. */
function meaning(source: string): unknown {
  const parsed = parse(source);
  expect(parsed.diagnostics).toEqual([]);
  return JSON.parse(JSON.stringify(parsed.file, (k, v: unknown) => (k === 'id' || k === 'range' || k === 'keyword' || k === 'comments' ? undefined : v)));
}

// [what, Danish, English]
const twins: [string, string, string][] = [
  ['og', 'group g = b og a > 1', 'group g = b and a > 1'],
  ['eller', 'group g = b eller a > 1', 'group g = b or a > 1'],
  ['og binds tighter than eller', 'group g = b eller b og a > 1 eller ikke b', 'group g = b or b and a > 1 or not b'],
  ['ikke', 'group g = ikke b', 'group g = not b'],
  ['ikke ikke', 'group g = ikke ikke b', 'group g = not not b'],
  ['ikke in', 'group g = kind ikke in (x, y)', 'group g = kind not in (x, y)'],
  ['mellem … og …', 'group g = a mellem 1 og 3', 'group g = a between 1 and 3'],
  ['og after mellem … og … is the conjunction', 'group g = a mellem 1 og 3 og b', 'group g = a between 1 and 3 and b'],
  ['mellem with durations', 'group g = age_of(d) mellem 30 år og 49 år', 'group g = age_of(d) between 30 years and 49 years'],
  ['mindst N af', 'group g = mindst 2 af (b, a > 1, kind = x)', 'group g = at least 2 of (b, a > 1, kind = x)'],
  ['er kendt', 'group g = a er kendt', 'group g = a is known'],
  ['mangler', 'group g = a mangler', 'group g = a is missing'],
  ['ikke … mangler', 'group g = ikke a mangler og d er kendt', 'group g = not a is missing and d is known'],
  ['ja', 'group g = b = ja', 'group g = b = true'],
  ['nej', 'group g = b = nej', 'group g = b = false'],
  ['dag', 'group g = n >= 1 dag', 'group g = n >= 1 day'],
  ['dage', 'group g = n >= 14 dage', 'group g = n >= 14 days'],
  ['uge', 'group g = n >= 1 uge', 'group g = n >= 1 week'],
  ['uger', 'group g = n >= 26 uger', 'group g = n >= 26 weeks'],
  ['måned', 'group g = time_since(d) >= 1 måned', 'group g = time_since(d) >= 1 month'],
  ['måneder', 'group g = time_since(d) >= 6 måneder', 'group g = time_since(d) >= 6 months'],
  ['år (one)', 'group g = age_of(d) < 1 år', 'group g = age_of(d) < 1 year'],
  ['år (many)', 'group g = age_of(d) < 30 år', 'group g = age_of(d) < 30 years'],
  ['a unit of a field', 'record R { id: text key\n u: number in uger }', 'record R { id: text key\n u: number in weeks }'],
  ['a param', 'param p = 6 måneder\nparam q = ja', 'param p = 6 months\nparam q = true'],
  ['expect ikke', 'group g = b\ntest "t" { given { b: nej } expect ikke g }', 'group g = b\ntest "t" { given { b: false } expect not g }'],
  ['expect g ja / nej', 'group g = b\ntest "t" { expect g ja\n expect g nej }', 'group g = b\ntest "t" { expect g true\n expect g false }'],
  ['with a Danish duration', 'param p = 6 måneder\ngroup g = time_since(d) >= p\ntest "t" { with p = 2 uger\n expect g }', 'param p = 6 months\ngroup g = time_since(d) >= p\ntest "t" { with p = 2 weeks\n expect g }'],
  ['mixed with English', 'group g = b and a mellem 1 and 3 eller a is missing', 'group g = b og a between 1 og 3 or a mangler'],
];

describe('Danish spellings (§15) mean what the English words mean', () => {
  it.each(twins)('%s', (_what, danish, english) => {
    const da = danish.startsWith('record') ? danish : record + danish;
    const en = english.startsWith('record') ? english : record + english;
    expect(meaning(da)).toEqual(meaning(en));
    expect(check(da).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('the Danish words are keywords (§15: they cannot be names)', () => {
  it.each(['og', 'eller', 'ikke', 'mellem', 'mindst', 'af', 'er', 'kendt', 'mangler', 'ja', 'nej', 'dag', 'dage', 'uge', 'uger', 'måned', 'måneder', 'år'])(
    '%s as a field name is refused, and the message says it is a keyword',
    (word) => {
      const r = parse(`record R {\n  ${word}: integer\n}\n`);
      expect(r.diagnostics.map((d) => d.message).join('\n')).toContain(`'${word}' is a keyword`);
    },
  );
  it.each(['dagpenge', 'dage_i_alt', 'ugerne', 'årsag', 'månederne', 'erhverv', 'jakke', 'nejtak', 'ogsaa', 'afdeling', 'kendte', 'antal_uger'])(
    'a longer name that starts with one (%s) is a name',
    (name) => {
      const r = parse(`record R {\n  ${name}: integer optional\n}\ngroup g = ${name} > 1\n`);
      expect(r.diagnostics).toEqual([]);
    },
  );
});

function formatted(source: string): string {
  const r = formatSource(source);
  if (!r.ok) throw new Error(r.reason);
  return r.text;
}

describe('the formatter keeps the spelling it finds', () => {
  it.each<[string, string, string]>([
    ['og, eller, ikke', 'group g = b og ikke b eller b', 'group g =\n  b og ikke b eller b'],
    ['mellem … og …', 'group g = a mellem 1 og 3', 'group g =\n  a mellem 1 og 3'],
    ['mindst N af', 'group g = mindst 1 af (b,b)', 'group g =\n  mindst 1 af (b, b)'],
    ['er kendt, mangler', 'group g = a er kendt og a mangler', 'group g =\n  a er kendt og a mangler'],
    ['ja, nej', 'group g = b = ja og b != nej', 'group g =\n  b = ja og b != nej'],
    ['singular and plural units in Danish', 'group g = n >= 1 dage og n >= 2 dag og n < 1 uger og n < 3 uge', 'group g =\n  n >= 1 dag og n >= 2 dage og n < 1 uge og n < 3 uger'],
    ['måned, måneder, år', 'group g = time_since(d) >= 1 måneder og time_since(d) < 5 måned og age_of(d) > 2 år', 'group g =\n  time_since(d) >= 1 måned og time_since(d) < 5 måneder og age_of(d) > 2 år'],
    ['each word keeps its own spelling in a mixed file', 'group g = b and b og b or b eller not b', 'group g =\n  b and b og b or b eller not b'],
    ['expect g nej is written expect ikke g', 'group g = b\ntest "t" {\n  expect g nej\n}', 'group g =\n  b\n\ntest "t" {\n  expect ikke g\n}'],
    ['expect g ja is written expect g', 'group g = b\ntest "t" {\n  expect g ja\n}', 'group g =\n  b\n\ntest "t" {\n  expect g\n}'],
  ])('%s', (_what, source, expected) => {
    const out = formatted(record + source);
    expect(out).toBe(formatted(record) + '\n' + expected + '\n');
    expect(formatted(out)).toBe(out);
    expect(meaning(out)).toEqual(meaning(record + source));
  });

  it('keeps a field unit in Danish', () => {
    expect(formatted('record R { id: text key\n u: number in uger }')).toBe('record R {\n  id: text key\n  u:  number in uger\n}\n');
  });
});

const danishRules = `${record}
group g = b og a > 1
`;
const englishRules = `${record}
group g = b and a > 1
`;

function labels(sourceWithCursor: string): string[] {
  const { doc, position } = atCursor(sourceWithCursor);
  return getCompletions(doc, position).items.map((i) => i.label);
}

describe('completion offers the spelling the file uses', () => {
  // [what, source with cursor, offered, not offered]
  it.each<[string, string, string[], string[]]>([
    ['after a comparison in a Danish file', `${danishRules}group h = a > 1 <|>`, ['og', 'eller'], ['and', 'or']],
    ['after a name in a Danish file', `${danishRules}group h = a <|>`, ['og', 'eller', 'mellem', 'er kendt', 'mangler'], ['and', 'or', 'between', 'is known', 'is missing', 'er']],
    ['after a value in an English file', `${englishRules}group h = a > 1 <|>`, ['and', 'or'], ['og', 'eller', 'er kendt', 'mangler', 'mindst … af (…)']],
    ['after a name in an English file', `${englishRules}group h = a <|>`, ['between', 'is known', 'is missing'], ['mellem', 'er kendt', 'mangler']],
    ['where an expression starts in a Danish file', `${danishRules}group h = <|>`, ['ikke', 'mindst … af (…)'], ['not', 'at least … of (…)']],
    ['where an expression starts in an English file', `${englishRules}group h = <|>`, ['not', 'at least … of (…)'], ['ikke', 'mindst … af (…)']],
    ['units in a Danish file', `${danishRules}group h = n > 3 <|>`, ['dage', 'uger', 'måneder', 'år'], ['days', 'weeks']],
    ['one unit in a Danish file', `${danishRules}group h = n > 1 <|>`, ['dag', 'uge', 'måned', 'år'], ['day', 'dage']],
    ['units in an English file', `${englishRules}group h = n > 3 <|>`, ['days', 'weeks', 'months', 'years'], ['dage', 'uger']],
    ['ja and nej for a boolean in a Danish given', `${danishRules}test "t" { given { b: <|>`, ['ja', 'nej'], ['true', 'false']],
    ['true and false for a boolean in an English given', `${englishRules}test "t" { given { b: <|>`, ['true', 'false'], ['ja', 'nej']],
    ['ikke in after a value in a Danish file', `${danishRules}group h = kind <|>`, ['ikke in'], ['not in']],
  ])('%s', (_what, source, offered, notOffered) => {
    const got = labels(source);
    for (const w of offered) expect(got).toContain(w);
    for (const w of notOffered) expect(got).not.toContain(w);
  });
});
