// Source ranges of expressions (LANGUAGE.md §6: an explanation shows each line's source text, and
// `visit screen`'s summary names the lines that failed). A node's range is its own text: it spans
// the brackets around its operands (`a or (b and c)`), never a bracket without its partner, and
// not the brackets around the node itself (a reference's range is just its name, for rename).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childExpressions, parse, parseExpression, printBracketed, type Expression } from '../src/index';

/** The text of the condition's range of every require/exclude line of `program p { … }`. */
function lineTexts(body: string): string[] {
  const source = `program p {\n${body}\n}`;
  const parsed = parse(source);
  expect(parsed.diagnostics).toEqual([]);
  const p = parsed.file.declarations[0];
  if (p?.kind !== 'Program') throw new Error('expected a program');
  return p.lines.map((l) => source.slice(l.condition.range.start.offset, l.condition.range.end.offset));
}

function groupText(condition: string): string {
  const source = `group g =\n${condition}\n`;
  const parsed = parse(source);
  expect(parsed.diagnostics).toEqual([]);
  const g = parsed.file.declarations[0];
  if (g?.kind !== 'Group') throw new Error('expected a group');
  return source.slice(g.condition.range.start.offset, g.condition.range.end.offset);
}

describe("a programme line's range is its condition as written, brackets balanced", () => {
  it.each([
    ['require a or (b and c)', 'a or (b and c)'],
    ['require (a or b) and c', '(a or b) and c'],
    ['require (a) and (b)', '(a) and (b)'],
    ['require (a or b)', 'a or b'],
    ['require ((a or b))', 'a or b'],
    ['require not (a or b)', 'not (a or b)'],
    ['require not(a)', 'not(a)'],
    ['require !(a and b) or c', '!(a and b) or c'],
    ['require a and not (b or (c and d))', 'a and not (b or (c and d))'],
    ['require (x + 1) * 2 > 3', '(x + 1) * 2 > 3'],
    ['require x * (y + 1) > 3', 'x * (y + 1) > 3'],
    ['require 3 < (x + 1) * (y - 1)', '3 < (x + 1) * (y - 1)'],
    ['require -(x) < 3', '-(x) < 3'],
    ['require not (x) = 1', 'not (x) = 1'],
    ['require not (x) between 1 and (2)', 'not (x) between 1 and (2)'],
    ['require not (x) in (1, 2)', 'not (x) in (1, 2)'],
    ['require not (x) is known', 'not (x) is known'],
    ['require at least 1 of (a, (b)) or (c)', 'at least 1 of (a, (b)) or (c)'],
    ['require (age_of(d)) >= 30 years', '(age_of(d)) >= 30 years'],
    ['require (a // a comment\n  or b)', 'a // a comment\n  or b'],
    ['require (a\n  or b) /* c */ and c "label"', '(a\n  or b) /* c */ and c'],
    ['exclude (a) or b\nrequire c', '(a) or b|c'],
  ])('%j → %j', (body, expected) => {
    expect(lineTexts(body).join('|')).toBe(expected);
  });
});

describe("a group's condition range", () => {
  it.each([
    ['(a or b) and (c)', '(a or b) and (c)'],
    ['a or (b and c)', 'a or (b and c)'],
    ['(a)', 'a'],
    ['(\n  a or b\n)', 'a or b'],
  ])('%j → %j', (condition, expected) => {
    expect(groupText(condition)).toBe(expected);
  });
});

// ---------------------------------------------------------------- every node, generated expressions

const name = fc.constantFrom('a', 'b', 'c', 'x', 'y');
const gap = fc.constantFrom(' ', '  ', '\n', ' /* c */ ', ' // c\n', '\r\n  ');
const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    fc.constantFrom('1', '2.5', '6 months', '2026-01-01', '"t"'),
    fc.tuple(tie('v'), fc.constantFrom('+', '-', '*', '/'), tie('v')).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie('v').map((v) => `(${v})`),
    tie('v').map((v) => `-(${v})`),
  ),
})).v;
const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    fc.tuple(value, fc.constantFrom('=', '<', '>=', '!='), value).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(value, value, value).map(([x, lo, hi]) => `${x} between ${lo} and ${hi}`),
    value.map((v) => `${v} is known`),
    fc.tuple(tie('c'), fc.constantFrom('and', 'or', '&&', '||'), gap, tie('c')).map(([l, op, g, r]) => `${l}${g}${op} ${r}`),
    fc.tuple(fc.constantFrom('not ', 'not', '!'), tie('c')).map(([n, c]) => `${n}(${c})`),
    fc.tuple(gap, tie('c'), gap).map(([g1, c, g2]) => `(${g1}${c}${g2})`),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((items) => `at least 1 of (${items.join(', ')})`),
  ),
})).c;

function nodes(root: Expression): Expression[] {
  const out: Expression[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(e);
    stack.push(...childExpressions(e));
  }
  return out;
}

/** The structure without the brackets around the whole (a node's range excludes its own). */
const shape = (e: Expression) => printBracketed(e);

describe('every node of a generated expression', () => {
  it("has a range whose text parses on its own to that node's structure", () => {
    fc.assert(
      fc.property(condition, (text) => {
        const source = `program p {\n  require ${text} "label"\n}`;
        const parsed = parse(source);
        expect(parsed.diagnostics).toEqual([]);
        const p = parsed.file.declarations[0];
        if (p?.kind !== 'Program') throw new Error('expected a program');
        for (const e of nodes(p.lines[0]!.condition)) {
          const own = source.slice(e.range.start.offset, e.range.end.offset);
          const again = parseExpression(own);
          expect(again.errors, own).toEqual([]);
          expect(shape(again.expression!), own).toBe(shape(e));
        }
      }),
      { numRuns: 400 },
    );
  });
});
