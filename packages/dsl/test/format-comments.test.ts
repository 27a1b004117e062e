// Where the formatter puts comments: a comment after code stays at the end of that code's line;
// any other comment keeps a line of its own before the code that follows it.
import { describe, expect, it } from 'vitest';
import { format } from '../src/service/format';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

describe('format: comments', () => {
  it.each([
    ['a header comment keeps its blank line', '// Header\n\nlet a = 1', lines('// Header', '', 'let a = 1')],
    ['a comment right before a declaration stays attached', 'let a = 1\n// about b\nlet b = 2', lines('let a = 1', '// about b', 'let b = 2')],
    [
      'trailing comments on fields, own-line comments between them',
      'record R { a: text // the a\n  // before b\n  b: date }',
      lines('record R {', '  a: text // the a', '  // before b', '  b: date', '}'),
    ],
    ['a comment at the end of a block stays inside it', 'program p {\n  require a\n  // last\n}', lines('program p {', '  require a', '  // last', '}')],
    ['a block comment before code on its line gets a line of its own', 'program p {\n  /* block */ require b\n}', lines('program p {', '  /* block */', '  require b', '}')],
    ['a trailing comment on a test line', 'test "t" {\n  expect g // yes\n  expect p eligible // why\n}', lines('test "t" {', '  expect g // yes', '  expect p eligible // why', '}')],
    ["the comment of a dropped 'true' stays on its line", 'test "t" {\n  expect g true // yes\n}', lines('test "t" {', '  expect g // yes', '}')],
    ['an inline block comment moves to the end of the line', 'let a = 1 /* inline */ + 2', lines('let a = 1 + 2 /* inline */')],
    [
      'line comments inside a list put one item per line',
      'group g = at least 1 of (a, // first\n b // second\n)',
      lines('group g =', '  at least 1 of (', '    a, // first', '    b // second', '  )'),
    ],
    [
      'a line comment inside an expression ends its line',
      'group g = a // why a\n  and b',
      lines('group g =', '  a // why a', '    and b'),
    ],
    ['a comment after the last declaration', 'let a = 1\n\n// the end', lines('let a = 1', '', '// the end')],
    ['a file of comments only', '// just\n/* notes */', lines('// just', '/* notes */')],
    ['a multi-line block comment is kept as written', '/* one\n   two */\nlet a = 1', lines('/* one', '   two */', 'let a = 1')],
  ])('%s', (_name, input, expected) => {
    expect(format(input)).toBe(expected);
    expect(format(expected)).toBe(expected);
  });
});
