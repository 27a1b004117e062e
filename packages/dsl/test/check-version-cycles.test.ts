// LANGUAGE.md §3 (cycles are errors) with §13's versions: a version's body counts like the first
// version's, so a version that reaches its own name — directly or through other names, on any
// day — is a cycle at check time (before, `check` accepted such a file and `screen` refused it).
import { describe, expect, it } from 'vitest';
import { check } from '../src/index';
import { citizenRecord, recordLines } from './support/fixtures';

function cycles(snippet: string): string[] {
  return check(citizenRecord + snippet)
    .diagnostics.filter((d) => d.code === 'cycle')
    .map((d) => `${d.range.start.line - recordLines}:${d.range.start.column} ${d.message}`);
}

describe('cycles through dated versions', () => {
  it.each([
    ['a dated let that uses its own name', 'let x = 1\nlet x from 2020-01-01 = x + 1\ngroup g = x > 1', ["1:5 let 'x' depends on itself: x → x"]],
    ['a dated group that uses its own name', 'group g = motivated\ngroup g from 2020-01-01 = g and motivated', ["1:7 group 'g' depends on itself: g → g"]],
    [
      'two names through their later versions',
      'group a = motivated\ngroup a from 2020-01-01 = b\ngroup b = motivated\ngroup b from 2021-01-01 = a',
      ["1:7 group 'a' depends on itself: a → b → a"],
    ],
    ['an undated cycle is still reported once', 'group a = b\ngroup b = a', ["1:7 group 'a' depends on itself: a → b → a"]],
  ])('%s', (_, snippet, expected) => {
    expect(cycles(snippet)).toEqual(expected);
  });

  it.each([
    ['versions that use other names only', 'group a = motivated\ngroup b = a\ngroup b from 2020-01-01 = not a'],
    ['a version of a param beside a let', 'param n = 4\nparam n = 5 from 2020-01-01\nlet x = n\nlet x from 2021-01-01 = n + 1\ngroup g = hours > x'],
  ])('no cycle: %s', (_, snippet) => {
    expect(cycles(snippet)).toEqual([]);
  });
});
