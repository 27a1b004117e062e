// The canonical layout, as a table of source → formatted text.
import { describe, expect, it } from 'vitest';
import { format, formatSource } from '../src/service/format';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

describe('format: canonical layout', () => {
  it.each([
    ['VS Code spellings become words', 'group g = a && b || !c', lines('group g =', '  a and b or not c')],
    ['== becomes =', 'let x == a == b', lines('let x = a = b')],
    ['redundant parentheses go', 'group g = (a and b) or (c)', lines('group g =', '  a and b or c')],
    ['needed parentheses stay', 'group g = a and (b or c)', lines('group g =', '  a and (b or c)')],
    ['not over a conjunction keeps its parentheses', 'group g = not (a and b)', lines('group g =', '  not (a and b)')],
    ['(not a) and b needs none', 'group g = (not a) and b', lines('group g =', '  not a and b')],
    ['arithmetic precedence', 'let x = 1 + (2 * 3)\nlet y = (1 + 2) * 3\nlet z = a - (b - c)', lines('let x = 1 + 2 * 3', 'let y = (1 + 2) * 3', 'let z = a - (b - c)')],
    ['a comparison as an operand of a comparison', 'let v = (a = b) = c', lines('let v = (a = b) = c')],
    ['units: singular for 1, plural otherwise', 'param p = 1 years\nparam q = 6 month', lines('param p = 1 year', 'param q = 6 months')],
    ['runs of lets align their =', 'let a = 1\n\n\nlet longer = 2', lines('let a      = 1', 'let longer = 2')],
    [
      'runs of params align = and labels',
      'param min_ledighed = 6 months "Mindste ledighed"\nparam min_læs = 3 "Læseniveau"',
      lines('param min_ledighed = 6 months "Mindste ledighed"', 'param min_læs      = 3        "Læseniveau"'),
    ],
    ['a blank line between declarations of different kinds', 'let a = 1\nparam p = 2\ngroup g = a', lines('let a = 1', '', 'param p = 2', '', 'group g =', '  a')],
    [
      'record fields in columns',
      'record   Citizen{cpr:text key personal "CPR" birth_date : date "Født"\n education: one of(none,vocational) optional}',
      lines(
        'record Citizen {',
        '  cpr:        text key personal                   "CPR"',
        '  birth_date: date                                "Født"',
        '  education:  one of (none, vocational) optional',
        '}',
      ),
    ],
    ['bounds and units of numbers', 'record R { antal_uger: integer -2 .. 520 in week }', lines('record R {', '  antal_uger: integer -2..520 in weeks', '}')],
    [
      'program lines with aligned labels',
      'program p "P" { require a "A" exclude b_is_long = x "B"\n require c }',
      lines('program p "P" {', '  require a              "A"', '  exclude b_is_long = x  "B"', '  require c', '}'),
    ],
    ['empty blocks', 'record X {}\nprogram p {   }\ntest "t" {\n}', lines('record X {}', '', 'program p {}', '', 'test "t" {}')],
    [
      'test items one per line, in source order',
      'test "t" { as of 2026-01-01 given { x: 1, y: "z", } with a = 1, b = 2 expect g true expect h false expect p eligible }',
      lines('test "t" {', '  as of 2026-01-01', '  given { x: 1, y: "z" }', '  with a = 1', '  with b = 2', '  expect g', '  expect not h', '  expect p eligible', '}'),
    ],
    ['a missing comma in given is written', 'test "t" { given { a: 1 b: 2 } }', lines('test "t" {', '  given { a: 1, b: 2 }', '}')],
    [
      'a long given wraps under its first entry',
      'test "t" { given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, education: none, motivated: true } }',
      lines('test "t" {', '  given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, education: none,', '          motivated: true }', '}'),
    ],
    [
      'a long at least list breaks one item per line',
      'group g = at least 2 of (not network, education in (grundskole, gymnasial), not work_experience, weeks_unemployed >= meget_lang)',
      lines('group g =', '  at least 2 of (', '    not network,', '    education in (grundskole, gymnasial),', '    not work_experience,', '    weeks_unemployed >= meget_lang', '  )'),
    ],
    [
      'a long chain breaks before each operator',
      'group g = aaaaaaaaaaaaaaaaaaaaaaaaa and bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb and ccccccccccccccccccccccccccccccc',
      lines('group g =', '  aaaaaaaaaaaaaaaaaaaaaaaaa', '    and bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', '    and ccccccccccccccccccccccccccccccc'),
    ],
    ['presence, membership, between, calls', 'let a = x is known\nlet b = x not in (1,2)\nlet c = x between 1 and 2\nlet d = age_of( b )', lines('let a = x is known', 'let b = x not in (1, 2)', 'let c = x between 1 and 2', 'let d = age_of(b)')],
    ['texts, dates and numbers keep their spelling', 'param t = "a \\" b"\nparam d = 2026-01-05\nparam n = 007', lines('param t = "a \\" b"', 'param d = 2026-01-05', 'param n = 007')],
    ['CRLF input gives LF output', 'let a = 1\r\nlet b = 2\r\n', lines('let a = 1', 'let b = 2')],
  ])('%s', (_name, input, expected) => {
    expect(format(input)).toBe(expected);
    expect(format(expected)).toBe(expected);
  });
});

describe('format: refuses what it cannot format without losing text', () => {
  it.each([
    ['a syntax error', 'group g = a and', /line 1: expected a value .* \(fix the syntax errors first\)/],
    ['an unterminated text', 'param p = "abc', /unterminated text/],
    ['two as of lines in one test', 'test "t" {\n  as of 2026-01-01\n  as of 2026-02-01\n}', /line 1: the test has more than one 'as of'/],
  ])('%s', (_name, input, reason) => {
    const r = formatSource(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
    expect(format(input)).toBe(input);
  });
});
