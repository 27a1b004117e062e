// Precedence and associativity: each expression printed with explicit brackets.
import { describe, expect, it } from 'vitest';
import { parse, printBracketed } from '../src/index';

function bracketed(expression: string): string {
  const result = parse(`group g = ${expression}`);
  expect(result.diagnostics).toEqual([]);
  const decl = result.file.declarations[0];
  if (decl?.kind !== 'Group') throw new Error('expected a group');
  return printBracketed(decl.condition);
}

describe('expressions parse with LANGUAGE.md §4 precedence (loosest first: or, and, not, comparisons, + -, * /)', () => {
  it.each([
    ['a or b and not c', '(a or (b and (not c)))'],
    ['a and b or c', '((a and b) or c)'],
    ['not a and b', '((not a) and b)'],
    ['not not a', '(not (not a))'],
    ['a or b or c', '((a or b) or c)'],
    ['x between 1 and 2 and y', '((x between 1 and 2) and y)'],
    ['y and x between 1 and 2', '(y and (x between 1 and 2))'],
    ['age between 30 years and 49 years and ledighed >= min', '((age between 30 years and 49 years) and (ledighed >= min))'],
    ['at least 2 of (a, b > 3, c in (x, y))', '(at least 2 of (a, (b > 3), (c in (x, y))))'],
    ['at least 1 of (a or b, not c) and d', '((at least 1 of ((a or b), (not c))) and d)'],
    ['x in (a, b) or x not in (c)', '((x in (a, b)) or (x not in (c)))'],
    ['x is known and y is missing', '((x is known) and (y is missing))'],
    ['not x is known', '(not (x is known))'],
    ['a + b * c >= d - e / f', '((a + (b * c)) >= (d - (e / f)))'],
    ['a - b - c = 0', '(((a - b) - c) = 0)'],
    ['-a * 2 < 3', '(((-a) * 2) < 3)'],
    ['(a or b) and c', '((a or b) and c)'],
    ['a && b || !c', '((a and b) or (not c))'],
    ['a == b', '(a = b)'],
    ['a != b and c <= d and e > f', '(((a != b) and (c <= d)) and (e > f))'],
    ['age_of(birth_date) >= 50 years', '(age_of(birth_date) >= 50 years)'],
    ['time_since(d) < 6 months', '(time_since(d) < 6 months)'],
    ['d >= 2026-01-31', '(d >= 2026-01-31)'],
    ['x = "tekst med \\"citat\\""', '(x = "tekst med \\"citat\\"")'],
    ['x = true or y = false', '((x = true) or (y = false))'],
    ['t > 1 day and u < 2 weeks and v = 1 month and w = 3 years', '((((t > 1 days) and (u < 2 weeks)) and (v = 1 months)) and (w = 3 years))'],
    ['målgruppe and min_læs >= 2.5', '(målgruppe and (min_læs >= 2.5))'],
  ])('%s  →  %s', (source, expected) => {
    expect(bracketed(source)).toBe(expected);
  });
});
