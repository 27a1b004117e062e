// Counting a segment's rows on the main thread, before any thread reads it (split/segments.ts):
// a segment in which every quoted cell closes on its own line has one row per non-empty line;
// any other segment is left to the reader (undefined).
import { describe, expect, it } from 'vitest';
import { closesOnLine, plainRows } from '../src/node';

const SEMICOLON = ';'.charCodeAt(0);
const COMMA = ','.charCodeAt(0);

describe('plainRows: rows and lines of a segment that starts a row', () => {
  it.each([
    { data: '', expected: { rows: 0, lines: 0 } },
    { data: 'a;b\n', expected: { rows: 1, lines: 1 } },
    { data: 'a;b\r\nc;d\r\n', expected: { rows: 2, lines: 2 } },
    { data: 'a;b\n\nc;d\n', expected: { rows: 2, lines: 3 } },
    { data: 'a;b\r\n\r\n\r\r\nc;d\r\n', expected: { rows: 2, lines: 4 } },
    { data: ';;;\n', expected: { rows: 1, lines: 1 } },
    { data: ' \n', expected: { rows: 1, lines: 1 } },
    { data: 'a\rb;c\n', expected: { rows: 1, lines: 1 } },
    { data: 'a;b\nc;d', expected: { rows: 2, lines: 1 } },
    { data: 'a;b\n\r', expected: { rows: 1, lines: 1 } },
    { data: '"1234";b\n"x;y";"say ""hi"""\n', expected: { rows: 2, lines: 2 } },
    { data: 'mid"quote;b\n', expected: { rows: 1, lines: 1 } },
    { data: '"closed"junk;b\n', expected: { rows: 1, lines: 1 } },
    { data: '"closed"\r\n', expected: { rows: 1, lines: 1 } },
    { data: 'a;"two\nlines"\n', expected: undefined },
    { data: 'a;"stray\nb;c\n', expected: undefined },
    { data: 'a;b\nc;"open at the end', expected: undefined },
    { data: '"""\n', expected: undefined },
  ])('$data → $expected', ({ data, expected }) => {
    expect(plainRows(Buffer.from(data), SEMICOLON)).toEqual(expected);
  });
});

describe('closesOnLine: no quoted cell is open at the end of the line', () => {
  it.each([
    { line: 'a;b;c', delimiter: SEMICOLON, expected: true },
    { line: '"a;b";c', delimiter: SEMICOLON, expected: true },
    { line: '"a;b', delimiter: SEMICOLON, expected: false },
    { line: 'x;"a', delimiter: SEMICOLON, expected: false },
    { line: 'x;a"', delimiter: SEMICOLON, expected: true },
    { line: '"a""b"', delimiter: SEMICOLON, expected: true },
    { line: '"a""', delimiter: SEMICOLON, expected: false },
    { line: '""', delimiter: SEMICOLON, expected: true },
    { line: '"a"b;"c', delimiter: SEMICOLON, expected: true },
    { line: '"a";"b', delimiter: SEMICOLON, expected: false },
    { line: ' "a', delimiter: SEMICOLON, expected: true },
    { line: '"a;b",c', delimiter: COMMA, expected: true },
    { line: '"a,b",c', delimiter: COMMA, expected: true },
    { line: 'a,"b', delimiter: COMMA, expected: false },
  ])('$line → $expected', ({ line, delimiter, expected }) => {
    const data = Buffer.from(line);
    expect(closesOnLine(data, 0, data.length, delimiter)).toBe(expected);
  });
});
