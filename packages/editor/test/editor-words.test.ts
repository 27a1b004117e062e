// The editor's words (src/words.ts): the Danish catalogue has every entry of the English one, of
// the same kind, and each text that takes arguments shows every one of them in both languages.
import { describe, expect, it } from 'vitest';
import { da, editorLanguage, en, formatNumber, type EditorWords } from '../src/words';

type Entry = { path: string; en: unknown; da: unknown };

/** Every leaf of both catalogues, by its dotted path (a key missing on one side has `undefined` there). */
function entries(a: unknown, b: unknown, path = ''): Entry[] {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => entries((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return [{ path, en: a, da: b }];
}

const all = entries(en, da);
const texts = all.filter((e) => typeof e.en === 'string');
const functions = all.filter((e) => typeof e.en === 'function');

/** Arguments no text would contain by itself (numbers below 1,000, so no digit grouping). */
const args = (n: number) => Array.from({ length: n }, (_, i) => 701 + i);

describe('the editor words catalogue', () => {
  it('has the same entries, of the same kind, in English and Danish', () => {
    expect(all.length).toBeGreaterThan(100);
    for (const e of all) expect(typeof e.da, e.path).toBe(typeof e.en);
  });

  it.each(texts.map((e) => [e.path, e] as const))('%s is a text in both', (_path, e) => {
    expect((e.en as string).trim()).not.toBe('');
    expect((e.da as string).trim()).not.toBe('');
  });

  it.each(functions.map((e) => [e.path, e] as const))('%s takes the same arguments and shows each in both languages', (path, e) => {
    const f = e.en as (...a: unknown[]) => string;
    const g = e.da as (...a: unknown[]) => string;
    expect(g.length, path).toBe(f.length);
    for (const lang of [f, g]) {
      const out = lang(...args(f.length));
      for (const a of args(f.length)) expect(out, path).toContain(String(a));
      // The singular (1) and the plural read as sentences too.
      expect(lang(...Array.from({ length: f.length }, () => 1)), path).toMatch(/\S/);
    }
  });

  it('writes Danish as a caseworker would', () => {
    expect(da.noProblems).toBe('Ingen problemer');
    expect(da.tabRecords).toBe('Borgere');
    expect(da.tabCompare).toBe('Sammenlign');
    expect(da.tabDocument).toBe('Dokument');
    expect(da.problems(1, 2)).toBe('1 fejl, 2 advarsler');
    expect(da.problems(0, 1)).toBe('0 fejl, 1 advarsel');
    expect(da.recordsCount(1)).toBe('1 borger');
    expect(da.recordsCount(10000)).toBe('10.000 borgere');
    expect(da.showOnly.eligible('jobklub')).toBe('Vis kun de borgere, der opfylder kriterierne for jobklub');
    expect(da.showOnly.undetermined('jobklub')).toContain('ikke kan afgøres');
    expect(en.recordsCount(10000)).toBe('10,000 records');
    expect(formatNumber(da, 1234567)).toBe('1.234.567');
  });

  it('keeps the English the editor always had', () => {
    const w: EditorWords = en;
    expect(w.problems(1, 0)).toBe('1 error, 0 warnings');
    expect(w.loadedNote('borgere.csv', 3, 'CSV')).toBe('borgere.csv: 3 CSV rows (kept in this page only)');
    expect(w.screenedNote(4, 12, '2026-11-23')).toBe('4 records screened in 12 ms (as of 2026-11-23)');
  });
});

describe('the editor language', () => {
  it.each([
    [undefined, 'da', 'da'],
    [undefined, 'da-DK', 'da'],
    [undefined, 'DA-dk', 'da'],
    [undefined, 'en-US', 'en'],
    [undefined, 'nb-NO', 'en'],
    [undefined, 'dav', 'en'],
    [undefined, undefined, 'en'],
    ['en', 'da-DK', 'en'],
    ['da', 'en-US', 'da'],
  ] as const)('option %s in a %s browser → %s', (option, browser, expected) => {
    expect(editorLanguage(option, browser)).toBe(expected);
  });
});
