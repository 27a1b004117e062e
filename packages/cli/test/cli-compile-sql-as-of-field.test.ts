// `visit compile FILE --target sql --dialect D --as-of-field FIELD` (LANGUAGE.md §14, §16): one
// SELECT in which every row is screened as of the date in its own FIELD. Run in DuckDB over the
// Tre hovedveje example's citizens, it gives `visit screen --as-of-field`'s groups and programmes
// row for row; what cannot be compiled so says why, in the user's language, exit 2.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, rulesVersion } from '@visit/dsl';
import { buildCli, ndjson, TRE, TRE_CSV, visit, EXAMPLES } from './cli-support';
import { exampleRecords } from './support/example-records';
import { connect, load, run } from '../../sql/test/support/duckdb';

let db: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  buildCli();
  db = await connect();
});
afterAll(() => db.closeSync());


describe('visit compile --target sql --as-of-field', () => {
  it('each row as of its unemployed_since: DuckDB gives visit screen --as-of-field, row for row', async () => {
    const compiled = await visit(['compile', TRE, '--target', 'sql', '--dialect', 'duckdb', '--as-of-field', 'unemployed_since']);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    expect(compiled.stdout.startsWith(`-- Visit rules ${rulesVersion(readFileSync(TRE, 'utf8'))}\n-- each row as of its unemployed_since, dialect duckdb\n`)).toBe(true);
    const screened = await visit(['screen', TRE, TRE_CSV, '--as-of-field', 'unemployed_since']);
    const rows = ndjson(screened.stdout) as { id: string; status: string; groups: Record<string, unknown>; programs: Record<string, unknown> }[];
    const ok = new Map(rows.filter((r) => r.status === 'ok').map((r) => [r.id, r]));
    const records = exampleRecords().filter((r) => ok.has(String(r['cpr'])));
    expect(records.length).toBeGreaterThan(50);
    await load(db, check(readFileSync(TRE, 'utf8')), { table: 'citizens', listTables: {}, listKnown: {} }, records);
    const first = rows.find((r) => r.status === 'ok')!;
    const got = await run(db, { sql: compiled.stdout, columns: { key: 'cpr', groups: Object.keys(first.groups), programs: Object.keys(first.programs), lines: [] } });
    for (const r of records) {
      const id = String(r['cpr']);
      const want = ok.get(id)!;
      expect(got.get(id), id).toEqual({ groups: want.groups, programs: want.programs });
    }
  });

  it.each<[what: string, args: string[], lang: 'en' | 'da', message: RegExp]>([
    ['JSON Logic has one date', [TRE, '--as-of-field', 'unemployed_since'], 'en', /--as-of-field goes with --target sql/],
    ['both --as-of and --as-of-field', [TRE, '--target', 'sql', '--dialect', 'duckdb', '--as-of', '2026-11-23', '--as-of-field', 'unemployed_since'], 'en', /--as-of and --as-of-field exclude each other/],
    ['not a date field', [TRE, '--target', 'sql', '--dialect', 'postgres', '--as-of-field', 'cpr'], 'en', /--as-of-field "cpr": not a date field of the record \(its date fields: birth_date, unemployed_since\)/],
    ['not a date field, in Danish', [TRE, '--target', 'sql', '--dialect', 'postgres', '--as-of-field', 'cpr', '--lang', 'da'], 'da', /--as-of-field "cpr": ikke et datofelt i posten/],
    ['rules with dated versions', [`${EXAMPLES}/historik/historik.visit`, '--target', 'sql', '--dialect', 'postgres', '--as-of-field', 'visiteret'], 'en', /dated versions \(§13\) is not compiled to SQL yet \(.*max_praktik.*\): give one --as-of date/],
  ])('%s: exit 2, nothing on stdout', async (_, args, lang, message) => {
    const r = await visit(['compile', ...args], { env: { LANG: lang === 'da' ? 'da_DK.UTF-8' : 'C' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
