// The TextMate grammar (syntaxes/visit.tmLanguage.json): generated from the dsl's tokens (the
// committed file is what src/grammar.ts gives now), and tokenised by vscode-textmate on
// vscode-oniguruma — VS Code's own engine — line by line: each word gets the scope of its role,
// English and Danish alike, and the words of §12/§13 only where they mean something (the rules of
// the Monarch grammar, packages/editor/test/editor-highlighting*.test.ts).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keywords, keywordRoles } from '@visit/dsl';
import { language } from '../../editor/src/language/monarch';
import { grammarJson, roleScopes, scopes } from '../src/grammar';
import { GRAMMAR_FILE, loadGrammar, tokenise } from './grammar-support';

describe('the committed grammar', () => {
  it('is what the generator gives from the dsl tokens (run `node scripts/build.mjs --grammar` after a change)', () => {
    expect(readFileSync(GRAMMAR_FILE, 'utf8')).toBe(grammarJson());
  });

  it('has the scope name the manifest names', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; language: string }[] };
    };
    expect(manifest.contributes.grammars).toEqual([{ language: 'visit', scopeName: 'source.visit', path: './syntaxes/visit.tmLanguage.json' }]);
    expect(JSON.parse(readFileSync(GRAMMAR_FILE, 'utf8')).scopeName).toBe('source.visit');
  });
});

const D = roleScopes.declaration;
const L = roleScopes.line;
const OW = roleScopes.operator;
const C = roleScopes.constant;
const T = roleScopes.type;
const M = roleScopes.modifier;
const O = roleScopes.outcome;
const U = roleScopes.unit;
const N = scopes.name;
const NUM = scopes.number;
const DATE = scopes.date;
const OP = scopes.symbol;
const S = scopes.string;
const P = scopes.parens;
const B = scopes.braces;
const SEP = scopes.separator;

// [what, line, tokens [text, innermost scope]]
const lines: [string, string, [string, string][]][] = [
  ['line comment', '// a comment: and or 2026-01-01', [['// a comment: and or 2026-01-01', scopes.lineComment]]],
  ['comment after code', 'group g = x // why', [['group', D], ['g', N], ['=', OP], ['x', N], ['// why', scopes.lineComment]]],
  ['block comment on one line', '/* and */ x', [['/*', scopes.blockComment], ['and', scopes.blockComment], ['*/', scopes.blockComment], ['x', N]]],
  ['string with an escape', 'param p = 3 "Mindste \\"niveau\\" and"', [['param', D], ['p', N], ['=', OP], ['3', NUM], ['"', S], ['Mindste', S], ['\\"', scopes.escape], ['niveau', S], ['\\"', scopes.escape], ['and', S], ['"', S]]],
  ['declaration and English operators', '  alder >= 50 years and status in (aktiv) and motiveret is known', [
    ['alder', N], ['>=', OP], ['50', NUM], ['years', U], ['and', OW], ['status', N], ['in', OW], ['(', P], ['aktiv', N], [')', P], ['and', OW], ['motiveret', N], ['is', OW], ['known', OW],
  ]],
  ['Danish operators, units, constants', '  alder >= 50 år og ikke ledig mangler eller mindst 1 af (ja, nej)', [
    ['alder', N], ['>=', OP], ['50', NUM], ['år', U], ['og', OW], ['ikke', OW], ['ledig', N], ['mangler', OW], ['eller', OW], ['mindst', OW], ['1', NUM], ['af', OW], ['(', P], ['ja', C], [',', SEP], ['nej', C], [')', P],
  ]],
  ['Danish units', '6 måneder 1 måned 2 uger 1 uge 3 dage 1 dag', [
    ['6', NUM], ['måneder', U], ['1', NUM], ['måned', U], ['2', NUM], ['uger', U], ['1', NUM], ['uge', U], ['3', NUM], ['dage', U], ['1', NUM], ['dag', U],
  ]],
  ['mellem … og, er kendt', 'alder mellem 30 år og 49 år og x er kendt', [
    ['alder', N], ['mellem', OW], ['30', NUM], ['år', U], ['og', OW], ['49', NUM], ['år', U], ['og', OW], ['x', N], ['er', OW], ['kendt', OW],
  ]],
  ['field types and modifiers', '  cpr: text key personal "CPR"', [['cpr', N], [':', SEP], ['text', T], ['key', M], ['personal', M], ['"', S], ['CPR', S], ['"', S]]],
  ['enum type', 'education: one of (none, vocational) optional', [['education', N], [':', SEP], ['one', T], ['of', L], ['(', P], ['none', N], [',', SEP], ['vocational', N], [')', P], ['optional', M]]],
  ['programme lines', '  require literacy >= min_læs "Kan læse"', [['require', L], ['literacy', N], ['>=', OP], ['min_læs', N], ['"', S], ['Kan læse', S], ['"', S]]],
  ['test lines', '  as of 2026-11-23', [['as', L], ['of', L], ['2026-11-23', DATE]]],
  ['expectations', '  expect jobklub eligible', [['expect', L], ['jobklub', N], ['eligible', O]]],
  ['outcomes', 'undetermined ineligible unknown', [['undetermined', O], ['ineligible', O], ['unknown', O]]],
  ['booleans', 'given { motivated: true, cv: false }', [['given', L], ['{', B], ['motivated', N], [':', SEP], ['true', C], [',', SEP], ['cv', N], [':', SEP], ['false', C], ['}', B]]],
  ['a date is one token, a number is not a date', 'd = 2026-1-5 and n = 2026 - 1', [['d', N], ['=', OP], ['2026-1-5', DATE], ['and', OW], ['n', N], ['=', OP], ['2026', NUM], ['-', OP], ['1', NUM]]],
  ['decimal number', 'x < 37.5', [['x', N], ['<', OP], ['37.5', NUM]]],
  ['operators', 'a == b != c <= d && e || !f + g * h / i', [
    ['a', N], ['==', OP], ['b', N], ['!=', OP], ['c', N], ['<=', OP], ['d', N], ['&&', OP], ['e', N], ['||', OP], ['!', OP], ['f', N], ['+', OP], ['g', N], ['*', OP], ['h', N], ['/', OP], ['i', N],
  ]],
  ['range', 'integer 1..5', [['integer', T], ['1', NUM], ['..', OP], ['5', NUM]]],
  ['keywords inside names are names', 'and_x xand in_x integerx årsag ogx record2', [['and_x', N], ['xand', N], ['in_x', N], ['integerx', N], ['årsag', N], ['ogx', N], ['record2', N]]],
  // §12: `list of`, `where`, `last N unit` only where they mean something
  ['list of', '  forløb: list of { start: date, end: date optional }', [
    ['forløb', N], [':', SEP], ['list', T], ['of', L], ['{', B], ['start', N], [':', SEP], ['date', T], [',', SEP], ['end', N], [':', SEP], ['date', T], ['optional', M], ['}', B],
  ]],
  ['where and last in calls', 'count(forløb where fra < end) >= 2 and time_in(forløb, last 52 weeks) > 3 days', [
    ['count', N], ['(', P], ['forløb', N], ['where', OW], ['fra', N], ['<', OP], ['end', N], [')', P], ['>=', OP], ['2', NUM], ['and', OW],
    ['time_in', N], ['(', P], ['forløb', N], [',', SEP], ['last', OW], ['52', NUM], ['weeks', U], [')', P], ['>', OP], ['3', NUM], ['days', U],
  ]],
  ['list, where, last as names', 'group h = list < where and last = 3', [['group', D], ['h', N], ['=', OP], ['list', N], ['<', OP], ['where', N], ['and', OW], ['last', N], ['=', OP], ['3', NUM]]],
  ['where before and/or is a name', 'x = where and y', [['x', N], ['=', OP], ['where', N], ['and', OW], ['y', N]]],
  // §13: `from DATE` / `until DATE` on a declaration
  ['until DATE', 'group g until 2025-06-30 = x', [['group', D], ['g', N], ['until', L], ['2025-06-30', DATE], ['=', OP], ['x', N]]],
  ['from DATE until DATE', 'param p from 2024-01-01 until 2025-12-31 = 3', [['param', D], ['p', N], ['from', L], ['2024-01-01', DATE], ['until', L], ['2025-12-31', DATE], ['=', OP], ['3', NUM]]],
  ['from and until as names', 'group h = from < until', [['group', D], ['h', N], ['=', OP], ['from', N], ['<', OP], ['until', N]]],
];

describe('tokenising sample lines', () => {
  it.each(lines)('%s', async (_what, line, expected) => {
    const g = await loadGrammar();
    expect(tokenise(g, line)[0]).toEqual(expected);
  });

  it('a block comment runs over lines, and code goes on after it', async () => {
    const g = await loadGrammar();
    expect(tokenise(g, 'x /* one\nand two\n*/ and y')).toEqual([
      [['x', N], ['/*', scopes.blockComment], ['one', scopes.blockComment]],
      [['and two', scopes.blockComment]],
      [['*/', scopes.blockComment], ['and', OW], ['y', N]],
    ]);
  });

  it('an unterminated text ends at its line', async () => {
    const g = await loadGrammar();
    expect(tokenise(g, 'p = "open\nand x')).toEqual([[['p', N], ['=', OP], ['"', S], ['open', S]], [['and', OW], ['x', N]]]);
  });
});

describe('the same roles as the Monarch grammar', () => {
  // The Monarch grammar's word lists, by the keywordRoles role they come from.
  const monarch = language() as unknown as Record<string, string[]>;
  const lists: [string, keyof typeof roleScopes][] = [
    ['declarations', 'declaration'],
    ['lineKeywords', 'line'],
    ['operatorWords', 'operator'],
    ['constants', 'constant'],
    ['types', 'type'],
    ['modifiers', 'modifier'],
    ['outcomes', 'outcome'],
    ['units', 'unit'],
  ];
  it.each(lists)('every word of Monarch %s has the scope of role %s', async (list, role) => {
    const g = await loadGrammar();
    expect(monarch[list]).toEqual([...keywordRoles[role]]);
    for (const word of monarch[list]!) expect(tokenise(g, word)[0], word).toEqual([[word, roleScopes[role]]]);
  });

  it('every keyword of the language has a keyword scope, none is a name', async () => {
    const g = await loadGrammar();
    const roleOf = new Map<string, string>(Object.entries(keywordRoles).flatMap(([role, ws]) => ws.map((w) => [w, roleScopes[role as keyof typeof roleScopes]])));
    for (const word of keywords) expect(tokenise(g, word)[0], word).toEqual([[word, roleOf.get(word)]]);
  });
});

describe('property: names', () => {
  const letter = fc.constantFrom(...'abcxyzæøåÆØÅéü_'.split(''));
  const rest = fc.array(fc.constantFrom(...'abcxyzæøå_019'.split('')), { maxLength: 8 });
  const name = fc.tuple(letter, rest).map(([h, t]) => h + t.join(''));
  const keyword = fc.constantFrom(...keywords);

  it('a word that is not a keyword is one name token', async () => {
    const g = await loadGrammar();
    fc.assert(
      fc.property(name, (w) => {
        fc.pre(!(keywords as readonly string[]).includes(w) && !['list', 'where', 'last', 'from', 'until'].includes(w));
        expect(tokenise(g, `x = ${w} and y`)[0]).toEqual([['x', N], ['=', OP], [w, N], ['and', OW], ['y', N]]);
      }),
    );
  });

  it('a keyword glued to a name (before or after) is one name token', async () => {
    const g = await loadGrammar();
    fc.assert(
      fc.property(keyword, name, fc.boolean(), (k, w, first) => {
        const word = first ? `${k}${w}` : `${w.replace(/^[0-9]/, 'a')}${k}`;
        fc.pre(!keywords.includes(word));
        expect(tokenise(g, word)[0]).toEqual([[word, N]]);
      }),
    );
  });
});
