// Folding ranges: blocks that span lines fold to their first line (the closing brace stays), and
// runs of comment lines fold as comments. Table: source → [startLine, endLine, kind?] (0-based).
import { describe, expect, it } from 'vitest';
import { getFoldingRanges, VisitDocument } from '../src/service';

const fold = (source: string) =>
  getFoldingRanges(new VisitDocument('file:///f.visit', source)).map((r) => (r.kind ? [r.startLine, r.endLine, r.kind] : [r.startLine, r.endLine]));

const table: [string, string, (number | string)[][]][] = [
  ['a record', 'record C {\n  a: number\n  b: date\n}\n', [[0, 2]]],
  ['a one-line group folds nothing', 'record C {\n  a: number\n}\ngroup g = a > 1\n', [[0, 1]]],
  ['a group over two lines', 'record C {\n  a: number\n}\ngroup g =\n  a > 1\n', [[0, 1], [3, 4]]],
  ['a program', 'record C {\n  a: number\n}\ngroup g = a > 1\nprogram p {\n  require g\n  require a < 9\n}\n', [[0, 1], [4, 6]]],
  ['a test', 'record C {\n  a: number\n}\ngroup g = a > 1\ntest "t" {\n  as of 2026-01-01\n  given { a: 2 }\n  expect g\n}\n', [[0, 1], [4, 7]]],
  ['a comment run', '// one\n// two\n// three\nrecord C {\n  a: number\n}\n', [[0, 2, 'comment'], [3, 4]]],
  ['a single comment line folds nothing', '// one\nrecord C {\n  a: number\n}\n', [[1, 2]]],
  ['a trailing comment does not join a run', 'record C {\n  a: number // x\n  // y\n}\n', [[0, 2]]],
];

describe('folding ranges', () => {
  it.each(table)('%s', (_what, source, expected) => {
    expect(fold(source)).toEqual(expected);
  });
});
