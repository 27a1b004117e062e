// LANGUAGE.md §15 as a property: for random rule files (the differential test's generator), the
// Danish rendering of the same file — every English keyword replaced token-wise by its Danish
// spelling (`and` → `og`, `is missing` → `mangler`, `at least N of` → `mindst N af`, `6 months` →
// `6 måneder`, …) — means the same (the same AST), checks clean, screens identically with both
// evaluators, and formats to a file that is still Danish and still means the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, formatSource, parse, tokens as T } from '@visit/dsl';
import { compile } from '../src/index';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from './support/arbitrary';

const FILES = Number(process.env.VISIT_DANISH_FILES ?? 120);

const units: Record<string, string> = {
  day: 'dag', days: 'dage', week: 'uge', weeks: 'uger', month: 'måned', months: 'måneder', year: 'år', years: 'år',
};

/** The file with its English keywords (and `&&` `||` `!`) spelt in Danish, comments and texts untouched. */
export function danishRendering(source: string): string {
  const toks = T.VisitLexer.tokenize(source).tokens;
  const edits: { start: number; end: number; text: string }[] = [];
  const put = (t: { startOffset: number; image: string }, text: string) => edits.push({ start: t.startOffset, end: t.startOffset + t.image.length, text });
  let atLeastOf = false;
  toks.forEach((t, i) => {
    const type = t.tokenType;
    const next = toks[i + 1];
    if (type === T.And || type === T.AndAnd) put(t, 'og');
    else if (type === T.Or || type === T.OrOr) put(t, 'eller');
    else if (type === T.Not) put(t, 'ikke');
    else if (type === T.Bang) put(t, 'ikke ');
    else if (type === T.Between) put(t, 'mellem');
    else if (type === T.True) put(t, 'ja');
    else if (type === T.False) put(t, 'nej');
    else if (type === T.Is && next?.tokenType === T.Known) put(t, 'er');
    else if (type === T.Known) put(t, 'kendt');
    else if (type === T.Is && next?.tokenType === T.Missing) put(t, '');
    else if (type === T.Missing) put(t, 'mangler');
    else if (type === T.At && next?.tokenType === T.Least) {
      put(t, 'mindst');
      atLeastOf = true;
    } else if (type === T.Least) put(t, '');
    else if (type === T.Of && atLeastOf) {
      put(t, 'af');
      atLeastOf = false;
    } else if (units[t.image] !== undefined && [T.Day, T.Week, T.Month, T.Year].includes(type)) put(t, units[t.image]!);
  });
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/** The AST without ids and source ranges: what a file means. */
function meaning(source: string): unknown {
  return JSON.parse(JSON.stringify(parse(source).file, (k, v: unknown) => (k === 'id' || k === 'range' || k === 'keyword' || k === 'comments' ? undefined : v)));
}

const englishKeywordTypes = new Set([T.And, T.Or, T.Not, T.Between, T.Is, T.Known, T.Missing, T.At, T.Least, T.True, T.False, T.Day, T.Week, T.Month, T.Year, T.AndAnd, T.OrOr, T.Bang]);

describe('the Danish rendering of a rule file means and screens the same (§15)', () => {
  it('renders token-wise (a table)', () => {
    expect(danishRendering('group g = a && !b || x is missing and y is known or at least 1 of (true, false) // and\n')).toBe(
      'group g = a og ikke b eller x  mangler og y er kendt eller mindst  1 af (ja, nej) // and\n',
    );
    expect(danishRendering('param p = 1 year "and or" \nparam q = 6 months\nparam r = 2 weeks\nparam s = 3 days\nrecord R { f: one of (a) }')).toBe(
      'param p = 1 år "and or" \nparam q = 6 måneder\nparam r = 2 uger\nparam s = 3 dage\nrecord R { f: one of (a) }',
    );
  });

  it(`on ${FILES} random rule files × 6 random records`, () => {
    fc.assert(
      fc.property(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: 6, maxLength: 6 }), (g, asOf, specs) => {
        const file = generateFile(drawFrom(g));
        const danish = danishRendering(file.source);
        const english = check(file.source, { params: file.params });
        expect(english.hasErrors).toBe(false);
        const checked = check(danish, { params: file.params });
        if (checked.hasErrors) throw new Error(`the Danish rendering does not check clean:\n${checked.diagnostics.map((d) => d.message).join('\n')}\n${danish}`);
        expect(meaning(danish)).toEqual(meaning(file.source));
        for (const codegen of [true, false]) {
          const en = compile(file.source, { asOf, params: file.params, codegen });
          const da = compile(danish, { asOf, params: file.params, codegen });
          if (!en.ok || !da.ok) throw new Error('a clean file did not compile');
          specs.forEach((spec, i) => {
            const record = materializeRecord(spec, asOf, i + 1);
            expect(da.screener.evaluate(record)).toEqual(en.screener.evaluate(record));
          });
        }
        const formatted = formatSource(danish);
        if (!formatted.ok) throw new Error(formatted.reason);
        expect(meaning(formatted.text)).toEqual(meaning(file.source));
        const english_left = T.VisitLexer.tokenize(formatted.text).tokens.filter((t) => englishKeywordTypes.has(t.tokenType)).map((t) => t.image);
        expect(english_left).toEqual([]);
      }),
      { numRuns: FILES },
    );
  });
});
