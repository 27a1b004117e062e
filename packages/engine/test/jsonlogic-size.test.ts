// §9: the holds/fails pair encodes three-valued logic "in linear size". Doubling the number of
// terms of each form at most doubles the JSON Logic (plus a constant), and never more.
import { describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { toJsonLogic } from '../src/jsonlogic';

const RECORD = `record R {
  a: boolean optional
  n: number optional
  e: one of (x, y, z) optional
}
`;

/** Length of a group's holds and fails as JSON text. */
function size(source: string): number {
  const checked = check(`${RECORD}${source}`);
  if (checked.hasErrors) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  const doc = toJsonLogic(checked, { asOf: '2026-11-23' });
  const g = Object.values(doc.groups).at(-1)!;
  return JSON.stringify(g.holds).length + JSON.stringify(g.fails).length;
}

const terms = (k: number, term: (i: number) => string) => Array.from({ length: k }, (_, i) => term(i + 1));

describe('the JSON Logic grows linearly with the rule', () => {
  it.each<[string, (k: number) => string]>([
    ['a chain of and', (k) => `group g = ${terms(k, (i) => `n > ${i}`).join(' and ')}\n`],
    ['a chain of or with not', (k) => `group g = ${terms(k, (i) => `not (n = ${i})`).join(' or ')}\n`],
    ['nested not and or', (k) => `group g = ${terms(k, (i) => `not (n > ${i} or`).join(' ')} a${')'.repeat(k)}\n`],
    ['at least half of k', (k) => `group g = at least ${k / 2} of (${terms(k, (i) => `n > ${i}`).join(', ')})\n`],
    ['between and in', (k) => `group g = ${terms(k, (i) => `(n between ${i} and ${i + 1} or e in (x, y))`).join(' and ')}\n`],
    ['groups that use the previous group', (k) => `group g1 = a\n${terms(k, (i) => `group g${i + 1} = g${i} or n > ${i}`).join('\n')}\n`],
    // Each side's holds and fails both reach both of the pair's; written from the sides' tris instead
    // (one expression, true/false/null), nesting stays linear (issue 9; it doubled per level before).
    ['nested = between conditions', (k) => `group g = ${terms(k, (i) => `(`).join('')}a${terms(k, (i) => ` = (n > ${i}))`).join('')}\n`],
    ['nested != and not', (k) => `group g = ${terms(k, (i) => `not (`).join('')}a${terms(k, (i) => ` != (n > ${i}))`).join('')}\n`],
    ['nested is known and =', (k) => `group g = ${terms(k, () => `((`).join('')}a${terms(k, (i) => `) is known) = (n > ${i})`).join('')}\n`],
    ['= inside and/or inside =', (k) => `group g = ${terms(k, () => `((`).join('')}a${terms(k, (i) => ` = (n > ${i})) or a)`).join('')}\n`],
    // A product whose zero's sign matters (it reaches a divisor) uses its operands three times;
    // bound once, nesting stays linear.
    ['nested products in a divisor', (k) => `group g = 1 / (${terms(k, () => `(`).join('')}n${terms(k, (i) => ` * (n + ${i}))`).join('')}) > 0\n`],
  ])('%s', (_form, source) => {
    const small = size(source(20));
    const large = size(source(40));
    expect(large).toBeGreaterThan(small);
    expect(large / small).toBeLessThan(2.1);
  });
});
