// Syntax errors: exact messages, and recovery — one mistake does not hide the next, and a partial AST comes back.
import { describe, expect, it } from 'vitest';
import { check, parse } from '../src/index';
import { citizenRecord, recordLines } from './support/fixtures';

function syntax(source: string): string[] {
  return parse(source).diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`);
}

describe('syntax diagnostics', () => {
  it.each([
    ['a missing closing parenthesis', 'group g = (a or b\ngroup h = c', ["syntax-error 2:1 expected ')' but found 'group'"]],
    ['a doubled operator', 'group g = a = = b', ["syntax-error 1:15 expected a value (a name, a number, a date, a text, true, false, '(' or 'at least') but found '='"]],
    ['an unexpected character', 'group g = a # b', ["unexpected-character 1:13 unexpected character '#': it cannot start a name, number, date, text or operator", "syntax-error 1:15 expected a declaration ('record', 'let', 'param', 'group', 'program' or 'test') but found 'b'"]],
    ['an unterminated text', 'group g "Unge = a', ['unterminated-text 1:9 unterminated text: expected a closing \'"\' before the end of the line', "syntax-error 1:10 expected '=' but found 'Unge'"]],
    ['an unterminated comment', 'group g = a /* never closed', ["unterminated-comment 1:13 unterminated comment: expected '*/' to close the comment that starts here"]],
    ['a keyword used as a field name', 'record R { weeks: integer }', ["syntax-error 1:12 expected '}' but found 'weeks' ('weeks' is a keyword, so it cannot be used as a name)"]],
    ['a keyword used as a group name', 'group in = a', ["syntax-error 1:7 expected a name but found 'in' ('in' is a keyword, so it cannot be used as a name)"]],
    ['stray text between declarations', 'group g = a\nhello there\ngroup h = b', ["syntax-error 2:1 expected a declaration ('record', 'let', 'param', 'group', 'program' or 'test') but found 'hello'"]],
    ['a chained comparison', 'group g = 1 < a < 3', ["syntax-error 1:17 expected a declaration ('record', 'let', 'param', 'group', 'program' or 'test') but found '<'"]],
    ['a missing type', 'record R { a: }', ["syntax-error 1:15 expected a type (text, boolean, date, number, integer or one of (…)) but found '}'"]],
    ['an unclosed program', 'program p { require a', ["syntax-error 1:22 expected '}' but found the end of the file"]],
    ['an expect without a name', 'test "t" { expect }', ["syntax-error 1:19 expected a name but found '}'"]],
  ])('%s', (_what, source, expected) => {
    expect(syntax(source)).toEqual(expected);
  });
});

describe('recovery', () => {
  it('reports two independent errors in one file', () => {
    const source = `${citizenRecord}group unge = age_of(birth_date) < 30 years and educaton != none
program jobklub {
  require benefit = dagpenge
  require literacy >= 3 and (motivated
  require unge
}
group senior = age_of(birth_date) >= 50`;
    const found = check(source).diagnostics.map((d) => `${d.code} ${d.range.start.line - recordLines}:${d.range.start.column}`);
    expect(found).toEqual(['unknown-name 1:48', 'syntax-error 5:3', 'calendar-needs-unit 7:38']);
  });

  it('keeps the declarations around an error in the partial AST', () => {
    const result = parse('group a = x\ngroup b = = y\ngroup c = z\nprogram p { require a require = require c }');
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(2);
    const names = result.file.declarations.map((d) => ('name' in d ? d.name.text : d.kind));
    expect(names).toEqual(['a', 'b', 'c', 'p']);
    const p = result.file.declarations[3];
    expect(p?.kind === 'Program' && p.lines.length).toBe(3);
  });

  it('refuses absurd nesting with a diagnostic instead of overflowing the stack', () => {
    const deep = `group g = ${'('.repeat(5000)}a${')'.repeat(5000)}`;
    expect(syntax(deep)).toEqual(['too-deep 1:111 expression nested too deeply: more than 100 levels of parentheses or prefix operators']);
    const long = `${citizenRecord}group g = ${Array.from({ length: 5000 }, () => 'motivated').join(' and ')}`;
    expect(check(long).diagnostics.map((d) => d.code)).toEqual(['too-deep']);
  });
});
