// A file of thousands of lets and groups, each naming the next (declared before it), is checked
// without running out of call stack (700 groups ended `check` with an internal RangeError: a hostile
// test), a cycle at the end of such a chain is still reported, and the diagnostics do not depend on
// the length of the file.
import { describe, expect, it } from 'vitest';
import { check } from '../src/index';

const record = 'record C { id: text key, x: integer }\n';

function chainOfGroups(n: number, last = 'x > 0'): string {
  const lines = [record];
  for (let i = 1; i <= n; i++) lines.push(`group g${i} = g${i + 1} or x > ${i}`);
  lines.push(`group g${n + 1} = ${last}`, 'program p { require g1 }');
  return lines.join('\n');
}

function chainOfLets(n: number): string {
  const lines = [record];
  for (let i = 1; i <= n; i++) lines.push(`let l${i} = l${i + 1} + 1`);
  lines.push(`let l${n + 1} = x`, 'group g = l1 > 3', 'program p { require g }');
  return lines.join('\n');
}

const codes = (source: string) => check(source).diagnostics.map((d) => `${d.severity} ${d.code}`);

describe('long chains of names declared before what they name', () => {
  it.each([
    ['5,000 groups', chainOfGroups(5000)],
    ['2,000 lets', chainOfLets(2000)],
  ])('%s: no diagnostics', (_, source) => {
    expect(codes(source)).toEqual([]);
  });

  it.each([10, 100, 3000])('a cycle at the end of a chain of %i groups is one cycle error', (n) => {
    const d = check(chainOfGroups(n, `g${n} and x > 0`)).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['cycle']);
    expect(d[0]!.message).toMatch(new RegExp(`^group 'g${n}' depends on itself: g${n} → g${n + 1} → g${n}$|^group 'g${n + 1}' depends on itself: g${n + 1} → g${n} → g${n + 1}$`));
  });

  it('reports a type error in the middle of a long chain once, at its place', () => {
    const source = chainOfGroups(2000).replace('group g1000 = g1001 or x > 1000', 'group g1000 = g1001 or x > true');
    const d = check(source).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]!.range.start.line).toBe(1002); // the record, an empty line, then g1 on line 3
  });
});
