// Every token of the Visit language, declared once, in lexing order. The editor's highlighter is
// generated from the exported lists, so a keyword added here is highlighted there too.
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { grammarValidated } from './validated';

const namePattern = /[\p{L}_][\p{L}\p{N}_]*/uy;

/** A name: a letter or `_`, then letters, digits or `_`. Letters are every Unicode letter (æ, ø, å…). */
export const Name = createToken({
  name: 'Name',
  label: 'a name',
  pattern: {
    exec(text: string, offset: number): RegExpExecArray | null {
      namePattern.lastIndex = offset;
      return namePattern.exec(text);
    },
  },
  line_breaks: false,
  // Chevrotain's first-character optimisation buckets characters above U+00FF by 256s, so one
  // hint per block keeps every Unicode letter a candidate while ASCII stays exact.
  start_chars_hint: nameStartHints(),
});

function nameStartHints(): string[] {
  const hints = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'];
  for (let c = 0xaa; c <= 0xff; c++) hints.push(String.fromCharCode(c));
  for (let block = 1; block < 256; block++) hints.push(String.fromCharCode(block * 256));
  return hints;
}

function keyword(word: string, name = word.charAt(0).toUpperCase() + word.slice(1)): TokenType {
  return createToken({ name, label: `'${word}'`, pattern: new RegExp(word), longer_alt: Name });
}

// Declarations and blocks
export const Record = keyword('record');
export const Let = keyword('let');
export const Param = keyword('param');
export const Group = keyword('group');
export const Program = keyword('program');
export const Require = keyword('require');
export const Exclude = keyword('exclude');
export const Test = keyword('test');
export const As = keyword('as');
export const Of = keyword('of');
export const Given = keyword('given');
export const With = keyword('with');
export const Expect = keyword('expect');
// Expressions
export const Not = keyword('not');
export const And = keyword('and');
export const Or = keyword('or');
export const Between = keyword('between');
export const In = keyword('in');
export const Is = keyword('is');
export const Known = keyword('known');
export const Missing = keyword('missing');
export const At = keyword('at');
export const Least = keyword('least');
export const True = keyword('true');
export const False = keyword('false');
// Types and modifiers
export const One = keyword('one');
export const Optional = keyword('optional');
export const Key = keyword('key');
export const Personal = keyword('personal');
export const TextType = keyword('text', 'TextType');
export const DateType = keyword('date', 'DateType');
export const BooleanType = keyword('boolean', 'BooleanType');
export const NumberType = keyword('number', 'NumberType');
export const IntegerType = keyword('integer', 'IntegerType');
// Outcomes
export const Unknown = keyword('unknown');
export const Eligible = keyword('eligible');
export const Ineligible = keyword('ineligible');
export const Undetermined = keyword('undetermined');

/** Unit words; singular and plural are one token each. */
export const UnitWord = createToken({ name: 'UnitWord', pattern: Lexer.NA, label: 'a unit (days, weeks, months, years)' });
function unit(singular: string): TokenType {
  return createToken({
    name: singular.charAt(0).toUpperCase() + singular.slice(1),
    label: `'${singular}s'`,
    pattern: new RegExp(`${singular}s?`),
    longer_alt: Name,
    categories: [UnitWord],
  });
}
export const Day = unit('day');
export const Week = unit('week');
export const Month = unit('month');
export const Year = unit('year');

// Danish spellings (LANGUAGE.md §15): each is a token of its own whose category is the English
// token it spells, so the grammar that consumes `and` consumes `og` too and the AST is the same.
// `mindst N af`, `er kendt` and `mangler` have a shape of their own, so their words are plain
// tokens that the parser names where they stand. All are keywords (§15: they cannot be names).
function danish(word: string, name: string, english?: TokenType): TokenType {
  return createToken({
    name,
    label: `'${word}'`,
    pattern: new RegExp(word),
    longer_alt: Name,
    ...(english ? { categories: [english] } : {}),
  });
}
export const Og = danish('og', 'Og', And);
export const Eller = danish('eller', 'Eller', Or);
export const Ikke = danish('ikke', 'Ikke', Not);
export const Mellem = danish('mellem', 'Mellem', Between);
export const Mindst = danish('mindst', 'Mindst');
export const Af = danish('af', 'Af');
export const Er = danish('er', 'Er');
export const Kendt = danish('kendt', 'Kendt');
export const Mangler = danish('mangler', 'Mangler');
export const Ja = danish('ja', 'Ja', True);
export const Nej = danish('nej', 'Nej', False);
function danishUnitToken(pattern: string, name: string, english: TokenType, words: string): TokenType {
  return createToken({ name, label: words, pattern: new RegExp(pattern), longer_alt: Name, categories: [english] });
}
export const Dag = danishUnitToken('dage?', 'Dag', Day, "'dage'");
export const Uge = danishUnitToken('uger?', 'Uge', Week, "'uger'");
export const Maaned = danishUnitToken('måned(?:er)?', 'Maaned', Month, "'måneder'");
export const Aar = danishUnitToken('år', 'Aar', Year, "'år'");

/** The Danish keywords of §15 and the English word each one spells (`mindst` … `af` is `at least` … `of`). */
export const danishSpellings: Readonly<Record<string, string>> = {
  og: 'and',
  eller: 'or',
  ikke: 'not',
  mellem: 'between',
  mindst: 'at least',
  af: 'of',
  er: 'is',
  kendt: 'known',
  mangler: 'is missing',
  ja: 'true',
  nej: 'false',
  dag: 'day',
  dage: 'days',
  uge: 'week',
  uger: 'weeks',
  måned: 'month',
  måneder: 'months',
  år: 'years',
};

/** The English word a keyword spells: itself for an English keyword (`og` → `and`, `and` → `and`). */
export function englishSpelling(word: string): string {
  return Object.prototype.hasOwnProperty.call(danishSpellings, word) ? danishSpellings[word]! : word;
}

/** The Danish spelling of a unit for an amount: `1 dag`, `2 dage`, `1 uge`, `1 måned`, `3 år`. */
export function danishUnit(unit: 'days' | 'weeks' | 'months' | 'years', singular: boolean): string {
  switch (unit) {
    case 'days':
      return singular ? 'dag' : 'dage';
    case 'weeks':
      return singular ? 'uge' : 'uger';
    case 'months':
      return singular ? 'måned' : 'måneder';
    case 'years':
      return 'år';
  }
}

// Literals
export const DateLiteral = createToken({
  name: 'DateLiteral',
  label: 'a date (YYYY-MM-DD)',
  pattern: /\d{4}-\d{1,2}-\d{1,2}(?![0-9A-Za-z_\u00aa-\uffff])/,
});
export const NumberLiteral = createToken({ name: 'NumberLiteral', label: 'a number', pattern: /\d+(?:\.\d+)?/ });
export const TextLiteral = createToken({
  name: 'TextLiteral',
  label: 'a text in double quotes',
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
});

// Punctuation and operators (longer spellings first)
export const LCurly = createToken({ name: 'LCurly', label: "'{'", pattern: /{/ });
export const RCurly = createToken({ name: 'RCurly', label: "'}'", pattern: /}/ });
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/ });
/** `[` `]`: a list written in a test's `given` (LANGUAGE.md §8, §12). */
export const LBracket = createToken({ name: 'LBracket', label: "'['", pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', label: "']'", pattern: /]/ });
export const Comma = createToken({ name: 'Comma', label: "','", pattern: /,/ });
export const Colon = createToken({ name: 'Colon', label: "':'", pattern: /:/ });
export const DotDot = createToken({ name: 'DotDot', label: "'..'", pattern: /\.\./ });
export const AndAnd = createToken({ name: 'AndAnd', label: "'&&'", pattern: /&&/ });
export const OrOr = createToken({ name: 'OrOr', label: "'||'", pattern: /\|\|/ });
export const EqualEqual = createToken({ name: 'EqualEqual', label: "'=='", pattern: /==/ });
export const NotEqual = createToken({ name: 'NotEqual', label: "'!='", pattern: /!=/ });
export const LessEqual = createToken({ name: 'LessEqual', label: "'<='", pattern: /<=/ });
export const GreaterEqual = createToken({ name: 'GreaterEqual', label: "'>='", pattern: />=/ });
export const Less = createToken({ name: 'Less', label: "'<'", pattern: /</ });
export const Greater = createToken({ name: 'Greater', label: "'>'", pattern: />/ });
export const Equal = createToken({ name: 'Equal', label: "'='", pattern: /=/ });
export const Bang = createToken({ name: 'Bang', label: "'!'", pattern: /!/ });
export const Plus = createToken({ name: 'Plus', label: "'+'", pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', label: "'-'", pattern: /-/ });
export const Star = createToken({ name: 'Star', label: "'*'", pattern: /\*/ });
export const Slash = createToken({ name: 'Slash', label: "'/'", pattern: /\// });

// Trivia: comments are kept in a group (the formatter and the outline need them), white space is skipped.
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  line_breaks: true,
  group: 'comments',
});
// An opening block comment that is never closed: kept as a comment so that lexing goes on; parse() reports it.
export const UnterminatedComment = createToken({
  name: 'UnterminatedComment',
  pattern: /\/\*[\s\S]*/,
  line_breaks: true,
  group: 'comments',
});
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });

/** Keyword tokens (not units), longest first so that a keyword never hides a longer one. */
export const keywordTokens: TokenType[] = [
  Record, Let, Param, Group, Program, Require, Exclude, Test, As, Of, Given, With, Expect,
  Not, And, Or, Between, In, Is, Known, Missing, At, Least, True, False,
  One, Optional, Key, Personal, TextType, DateType, BooleanType, NumberType, IntegerType,
  Unknown, Eligible, Ineligible, Undetermined,
  Og, Eller, Ikke, Mellem, Mindst, Af, Er, Kendt, Mangler, Ja, Nej,
].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length);

export const unitTokens: TokenType[] = [Day, Week, Month, Year, Dag, Uge, Maaned, Aar];

/** The Danish keywords of §15, as tokens. */
export const danishTokens: TokenType[] = [Og, Eller, Ikke, Mellem, Mindst, Af, Er, Kendt, Mangler, Ja, Nej, Dag, Uge, Maaned, Aar];

export const operatorTokens: TokenType[] = [
  DotDot, AndAnd, OrOr, EqualEqual, NotEqual, LessEqual, GreaterEqual, Less, Greater, Equal, Bang, Plus, Minus, Star, Slash,
];

export const punctuationTokens: TokenType[] = [LCurly, RCurly, LParen, RParen, LBracket, RBracket, Comma, Colon];

/** Every token, in lexing order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  DateLiteral,
  NumberLiteral,
  TextLiteral,
  ...keywordTokens,
  UnitWord,
  ...unitTokens,
  Name,
  ...operatorTokens,
  ...punctuationTokens,
];

/** Keywords as words, for the highlighter, completion, and the "is it a keyword?" check. */
export const keywords: readonly string[] = [
  ...[...keywordTokens, Day, Week, Month, Year].flatMap((t) => {
    const src = (t.PATTERN as RegExp).source;
    return src.endsWith('s?') ? [src.slice(0, -2), `${src.slice(0, -2)}s`] : [src];
  }).filter((w) => !Object.prototype.hasOwnProperty.call(danishSpellings, w)),
  ...Object.keys(danishSpellings),
];

export const keywordSet: ReadonlySet<string> = new Set(keywords);

/**
 * Words with a meaning only where they stand (LANGUAGE.md §12, §13): `list of { … }` in a field's
 * type, `L where c` and `last N unit` inside the arguments of a call, `from D` / `until D` after a
 * declaration's name and label. They are not in v1's keyword list (§2), so a file may use them as
 * names elsewhere (a field `from`, an enum value `last`); the parser recognises them by their text.
 */
export const contextualWords = { list: 'list', where: 'where', last: 'last', from: 'from', until: 'until' } as const;

/** The functions of §4, §11 and §12, by name. `any`, `all`, `none`, `count` and `time_in` take a list. */
export const functionNames = ['age_of', 'time_since', 'time_between', 'any', 'all', 'none', 'count', 'time_in'] as const;

/** Keywords grouped by role, for highlighting and completion. */
export const keywordRoles = {
  declaration: ['record', 'let', 'param', 'group', 'program', 'test'],
  line: ['require', 'exclude', 'as', 'of', 'given', 'with', 'expect'],
  operator: ['not', 'and', 'or', 'between', 'in', 'is', 'known', 'missing', 'at', 'least',
    'ikke', 'og', 'eller', 'mellem', 'er', 'kendt', 'mangler', 'mindst', 'af'],
  constant: ['true', 'false', 'ja', 'nej'],
  type: ['text', 'date', 'boolean', 'number', 'integer', 'one'],
  modifier: ['optional', 'key', 'personal'],
  outcome: ['unknown', 'eligible', 'ineligible', 'undetermined'],
  unit: ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'dag', 'dage', 'uge', 'uger', 'måned', 'måneder', 'år'],
} as const;

export const VisitLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false, skipValidations: grammarValidated });
