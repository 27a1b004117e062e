// The words of `visit diff` in both languages: the same keys, and each function says something
// (non-empty, its arguments in it) in each — a word missing in Danish fails here, not in front of a committee.
import { describe, expect, it } from 'vitest';
import { DIFF_WORDS } from '../src/diff/words';

const { en, da } = DIFF_WORDS;
const keys = (o: object) => Object.keys(o).sort();

describe('diff words', () => {
  it('Danish has every key of English, and no other', () => {
    expect(keys(da)).toEqual(keys(en));
    for (const k of ['outcome', 'truth', 'verb', 'lineVerdict'] as const) expect(keys(da[k])).toEqual(keys(en[k]));
  });

  it.each(Object.keys(en).filter((k) => typeof en[k as keyof typeof en] === 'function'))('%s keeps its arguments in both languages', (k) => {
    for (const words of [en, da]) {
      const f = words[k as keyof typeof en] as (...a: unknown[]) => string;
      // Counts that choose singular or plural, and outcomes, are not printed as given.
      const counts: Record<string, number[]> = { rowsLine: [5], rowsOfKey: [1], forRows: [1] };
      const outcomes: Record<string, number[]> = { forRows: [2, 3] };
      const args = Array.from({ length: f.length }, (_, i) => (outcomes[k]?.includes(i) ? 'eligible' : counts[k]?.includes(i) ? 2 : `ARG${i}`));
      const text = f(...args);
      expect(text.length).toBeGreaterThan(0);
      for (const a of args) if (typeof a === 'string' && a.startsWith('ARG')) expect(text).toContain(a);
    }
  });

  it.each([
    ['en', 1, 'eligible', 'ineligible', 'for 1 row that was eligible (now ineligible)'],
    ['en', 3, 'undetermined', 'eligible', 'for 3 rows that were undetermined (now eligible)'],
    ['da', 1, 'undetermined', 'ineligible', 'for 1 borger, der før var uafklaret (nu: opfylder ikke)'],
    ['da', 3, 'ineligible', 'eligible', 'for 3 borgere, der før ikke opfyldte kriterierne (nu: opfylder)'],
  ] as const)('%s: forRows(%i, %s → %s)', (lang, n, from, to, expected) => {
    expect(DIFF_WORDS[lang].forRows(String(n), n, from, to)).toBe(expected);
  });
});
