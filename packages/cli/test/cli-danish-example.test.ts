// LANGUAGE.md §15 and issue 14: examples/tre-hovedveje has a Danish twin (keywords and units spelt
// in Danish). Both check clean, pass the same test blocks, and screen the example's CSV to the same
// output, byte for byte, in NDJSON and CSV; the JSON Logic they compile to is the same apart from
// the rules' hash and each line's source text (which is written as in the file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, EXAMPLES, TRE, TRE_CSV, visit } from './cli-support';

const TRE_DA = join(EXAMPLES, 'tre-hovedveje', 'tre-hovedveje.da.visit');
const AS_OF = '2026-11-23';

/** The summary without the lines that name the rule file, by path and by hash, and the time taken. */
function summary(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !/sha256:|^visit: screened /.test(l))
    .join('\n');
}

describe('examples/tre-hovedveje/tre-hovedveje.da.visit', () => {
  beforeAll(() => buildCli(), 120_000);

  it('uses the Danish spellings (and not the English ones) outside comments and labels', () => {
    const code = readFileSync(TRE_DA, 'utf8')
      .replace(/\/\/[^\n]*/g, '')
      .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    for (const w of ['og', 'eller', 'ikke', 'mellem', 'ja', 'nej', 'måneder', 'år']) expect(code).toMatch(new RegExp(`(?<![\\p{L}_])${w}(?![\\p{L}_])`, 'u'));
    for (const w of ['and', 'or', 'not', 'between', 'true', 'false', 'months', 'years']) expect(code).not.toMatch(new RegExp(`(?<![\\p{L}_])${w}(?![\\p{L}_])`, 'u'));
  });

  it('checks clean, like the English file', async () => {
    const r = await visit(['check', TRE_DA]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/0 errors, 0 warnings in 1 file/);
    expect(r.code).toBe(0);
  });

  it('passes the same test blocks as the English file', async () => {
    const [da, en] = await Promise.all([visit(['test', TRE_DA]), visit(['test', TRE])]);
    expect(da.code).toBe(0);
    expect(en.code).toBe(0);
    const last = (s: string) => s.trim().split('\n').at(-1);
    expect(last(da.stdout)).toMatch(/^\d+ passed, 0 failed$/);
    expect(last(da.stdout)).toBe(last(en.stdout));
  });

  it.each(['ndjson', 'csv'])('screens citizens.csv to the same %s output and summary as the English file', async (format) => {
    const args = (rules: string) => ['screen', rules, TRE_CSV, '--as-of', AS_OF, '--format', format];
    const [da, en] = await Promise.all([visit(args(TRE_DA)), visit(args(TRE))]);
    expect(da.code).toBe(en.code);
    expect(en.stdout.length).toBeGreaterThan(0);
    expect(da.stdout).toBe(en.stdout);
    expect(summary(da.stderr)).toBe(summary(en.stderr));
  });

  it('compiles to the same JSON Logic, apart from the hash and the lines as written', async () => {
    const [da, en] = await Promise.all([visit(['compile', TRE_DA, '--as-of', AS_OF]), visit(['compile', TRE, '--as-of', AS_OF])]);
    expect(da.code).toBe(0);
    expect(en.code).toBe(0);
    const strip = (text: string) => JSON.parse(text, (k, v: unknown) => (k === 'rules' || k === 'source' ? undefined : v)) as unknown;
    expect(strip(da.stdout)).toEqual(strip(en.stdout));
  });
});
