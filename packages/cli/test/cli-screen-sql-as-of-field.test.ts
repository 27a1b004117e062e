// `visit screen … --engine duckdb|postgres --as-of-field FIELD` (LANGUAGE.md §14, §16): each row
// screened as of the date in its own FIELD, the thresholds computed in SQL. The contract: the
// output of `visit screen --as-of-field` with the JavaScript engine — every row, `asOf` after `id`,
// a row without its date invalid with the same reason, the same summary (rows per date) — on the
// Tre hovedveje example (a CSV through DuckDB; its valid records as a PostgreSQL table), and rules
// SQL cannot take yet (dated versions) refused before anything is read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { loadPostgres, startPostgres, type Postgres } from '../../sql/test/support/postgres';
import { buildCli, EXAMPLES, tempDir, TRE, TRE_CSV, untimed, visit } from './cli-support';
import { exampleRecords } from './support/example-records';

let pg: Postgres;
const tmp = tempDir('visit-cli-sql-as-of-field-');
beforeAll(() => {
  buildCli();
  pg = startPostgres();
});
afterAll(() => {
  pg?.stop();
  tmp.remove();
});


/** The summaries, with the records' names and the duration (`in 357 ms (153 dates)`) taken out. */
const timeless = (text: string) => untimed(text).replace(/ in \d+(?:[.,]\d)? m?s \(/g, ' (');
const same = (a: string, b: string, nameA: string, nameB: string) => expect(timeless(a).replaceAll(nameA, 'RECORDS')).toBe(timeless(b).replaceAll(nameB, 'RECORDS'));

describe('--as-of-field with the SQL engines: the JavaScript engine\'s output', () => {
  it.each([['ndjson'], ['csv']])('--engine duckdb over the example CSV (%s output), rows without their date included', async (format) => {
    const args = ['screen', TRE, TRE_CSV, '--as-of-field', 'unemployed_since', '--format', format];
    const [duck, js] = await Promise.all([visit([...args, '--engine', 'duckdb']), visit(args)]);
    expect(duck.stderr.includes('internal error'), duck.stderr).toBe(false);
    expect(duck.stdout).toBe(js.stdout);
    expect(duck.code).toBe(js.code);
    same(duck.stderr, js.stderr, TRE_CSV, TRE_CSV);
    expect(js.stdout).toContain('unemployed_since: missing, and it is the row');
  });

  it('--engine postgres over the example\'s records as a table, some without their date', async () => {
    const records = exampleRecords();
    expect(records.filter((r) => r['unemployed_since'] === undefined).length).toBeGreaterThan(5);
    loadPostgres(pg, check(readFileSync(TRE, 'utf8')), { table: 'citizens', listTables: {}, listKnown: {} }, records);
    const file = tmp.write('citizens.ndjson', records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const [db, js] = await Promise.all([
      visit(['screen', TRE, '--engine', 'postgres', '--connection', pg.url, '--table', 'citizens', '--as-of-field', 'unemployed_since']),
      visit(['screen', TRE, file, '--as-of-field', 'unemployed_since']),
    ]);
    expect(db.stderr.includes('internal error'), db.stderr).toBe(false);
    expect(db.stdout).toBe(js.stdout);
    expect(db.code).toBe(js.code);
    same(db.stderr, js.stderr, 'the PostgreSQL table citizens', file);
  });

  it.each([['duckdb'], ['postgres']])('--engine %s with rules that have dated versions: refused before anything is read, exit 2', async (engine) => {
    const rules = join(EXAMPLES, 'historik', 'historik.visit');
    const where = engine === 'duckdb' ? [join(EXAMPLES, 'historik', 'admissions.ndjson')] : ['--connection', pg.url, '--table', 'citizens'];
    const out = join(tmp.dir, `refused-${engine}.ndjson`);
    const r = await visit(['screen', rules, ...where, '--engine', engine, '--as-of-field', 'visiteret', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dated versions \(§13\) is not compiled to SQL yet .*; nothing was run/);
    expect(() => readFileSync(out)).toThrow();
  });
});
