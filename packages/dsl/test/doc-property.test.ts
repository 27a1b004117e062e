// visit doc on generated rule files that check (the engine's generators: every field type, params
// with overrides, lets, groups over groups, programmes; and histories with any/all/none/count/
// time_in): renderDoc never throws, names every programme and group, gives every requirement line
// a sentence, and writes no markup of its own from the file's text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { check, renderDoc, type CheckedFile } from '../src/index';
import { asOfDate, drawFrom, generateFile } from '../../engine/test/support/arbitrary';
import { generateListFile } from '../../engine/test/support/arbitrary-lists';

const options = fc.record({
  lang: fc.constantFrom('da' as const, 'en' as const),
  format: fc.constantFrom('html' as const, 'md' as const),
  asOf: fc.option(asOfDate, { nil: undefined }),
});

function expectComplete(checked: CheckedFile, o: { lang: 'da' | 'en'; format: 'html' | 'md'; asOf: string | undefined }): void {
  expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const out = renderDoc(checked, { lang: o.lang, format: o.format, ...(o.asOf !== undefined ? { asOf: o.asOf } : {}) });
  const code = (name: string) => (o.format === 'html' ? `<code>${name}</code>` : `\`${name}\``);
  for (const name of [...checked.programs.keys(), ...checked.groups.keys()]) expect(out).toContain(code(name));
  const lines = [...checked.programs.values()].reduce((n, p) => n + p.lines.length, 0);
  if (o.format === 'html') {
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).not.toMatch(/<script|<img|<link|https?:/i);
    // one row per requirement line, per field, per test: each programme's table rows end in a code cell
    expect(out.match(/<tr><td>\d+<\/td>/g)?.length ?? 0).toBe(lines);
  } else {
    expect(out.match(/^\| \d+ \|/gm)?.length ?? 0).toBe(lines);
  }
  expect(out).not.toContain('undefined');
  expect(out).not.toContain('NaN');
}

describe('renderDoc on generated rule files', () => {
  it('flat records: every programme and group named, a sentence for every line', () => {
    fc.assert(
      fc.property(fc.gen(), options, (g, o) => {
        const file = generateFile(drawFrom(g));
        expectComplete(check(file.source, { params: file.params }), o);
      }),
      { numRuns: 150 },
    );
  });

  it('histories: lists with any/all/none/count/time_in and where', () => {
    fc.assert(
      fc.property(fc.gen(), options, (g, o) => {
        expectComplete(check(generateListFile(drawFrom(g))), o);
      }),
      { numRuns: 150 },
    );
  });

  // The editor will show the document as the user types: a file with errors must not make it throw.
  it('a file with errors (an example with a piece cut out) still renders', () => {
    const source = readFileSync(new URL('../../../examples/historik/historik.visit', import.meta.url), 'utf8');
    fc.assert(
      fc.property(fc.nat(source.length), fc.nat(80), options, (at, length, o) => {
        const checked = check(source.slice(0, at) + source.slice(at + length));
        const out = renderDoc(checked, { lang: o.lang, format: o.format, ...(o.asOf !== undefined ? { asOf: o.asOf } : {}) });
        expect(out.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
