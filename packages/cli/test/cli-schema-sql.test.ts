// `visit schema FILE --target sql --dialect postgres|duckdb [--table T] [--list-table L=T]`
// (LANGUAGE.md §16): the CREATE TABLE statements for the record and its lists, run as the real CLI;
// DuckDB (in process) and a real PostgreSQL server execute them, and the SELECT that
// `visit compile --target sql` writes for the same options runs over the tables they made, with the
// engine's outcomes on a row put in with bound parameters. The JSON Schema stays the default.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, visit, EXAMPLES } from './cli-support';
import { connect } from '../../sql/test/support/duckdb';
import { startPostgres, type Postgres } from '../../sql/test/support/postgres';

const RULES = join(EXAMPLES, 'historik', 'historik.visit');
const OPTIONS = ['--table', 'borgere', '--list-table', 'forløb=forløb_rækker', '--list-table', 'samtaler=samtaler_t'];

let db: Awaited<ReturnType<typeof connect>>;
let pg: Postgres | undefined;
beforeAll(async () => {
  buildCli();
  db = await connect();
});
afterAll(() => {
  db.closeSync();
  pg?.stop();
});

/** Splits the CLI's output (one statement per line, each ending in `;`). */
function statements(stdout: string): string[] {
  return stdout.split(';\n').filter((s) => s.trim() !== '');
}

describe('visit schema --target sql', () => {
  it('writes CREATE TABLE statements that DuckDB runs, over which the compiled SELECT screens', async () => {
    const schema = await visit(['schema', RULES, '--target', 'sql', '--dialect', 'duckdb', ...OPTIONS]);
    expect(schema.stderr).toBe('');
    expect(schema.code).toBe(0);
    const made = statements(schema.stdout);
    expect(made).toHaveLength(3);
    expect(made[0]).toMatch(/^CREATE TABLE "borgere" \("cpr" VARCHAR PRIMARY KEY, "birth_date" DATE, /);
    for (const s of made) await db.run(s);
    const columns = async (table: string) =>
      (await db.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table])).getRowObjectsJS();
    expect(await columns('borgere')).toEqual([
      { column_name: 'cpr', data_type: 'VARCHAR' },
      { column_name: 'birth_date', data_type: 'DATE' },
      { column_name: 'education', data_type: 'VARCHAR' },
      { column_name: 'literacy', data_type: 'BIGINT' },
      { column_name: 'benefit', data_type: 'VARCHAR' },
      { column_name: 'motivated', data_type: 'BOOLEAN' },
      { column_name: 'henvist', data_type: 'DATE' },
      { column_name: 'visiteret', data_type: 'DATE' },
    ]);
    expect((await columns('forløb_rækker')).map((c) => c['column_name'])[0]).toBe('cpr');
    expect((await columns('samtaler_t')).map((c) => c['column_name'])[0]).toBe('cpr');

    await db.run(`INSERT INTO "borgere" VALUES (?, CAST(? AS DATE), ?, ?, ?, ?, NULL, NULL)`, ['0101701234', '1970-01-01', 'none', 4, 'dagpenge', true]);
    const compiled = await visit(['compile', RULES, '--target', 'sql', '--dialect', 'duckdb', '--as-of', '2026-11-23', ...OPTIONS]);
    expect(compiled.code).toBe(0);
    const rows = (await db.runAndReadAll(compiled.stdout)).getRowObjectsJS();
    expect(rows).toHaveLength(1);
    expect(rows[0]!['cpr']).toBe('0101701234');
  });

  it('writes CREATE TABLE statements that PostgreSQL runs, over which the compiled SELECT screens', async () => {
    pg = startPostgres();
    const schema = await visit(['schema', RULES, '--target', 'sql', '--dialect', 'postgres', ...OPTIONS]);
    expect(schema.code).toBe(0);
    expect(schema.stdout).toContain('"cpr" TEXT PRIMARY KEY');
    pg.sql(schema.stdout);
    const cols = pg.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'borgere' ORDER BY ordinal_position`);
    expect(cols.map((c) => `${c['column_name']} ${c['data_type']}`)).toEqual([
      'cpr text',
      'birth_date date',
      'education text',
      'literacy bigint',
      'benefit text',
      'motivated boolean',
      'henvist date',
      'visiteret date',
    ]);
    pg.copy('borgere', ['cpr', 'birth_date', 'education', 'literacy', 'benefit', 'motivated'], '0101701234,1970-01-01,none,4,dagpenge,true\n');
    const compiled = await visit(['compile', RULES, '--target', 'sql', '--dialect', 'postgres', '--as-of', '2026-11-23', ...OPTIONS]);
    expect(compiled.code).toBe(0);
    const rows = pg.query(compiled.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]!['cpr']).toBe('0101701234');
  });

  it('keeps the JSON Schema as the default, needs a dialect, and keeps --dialect to the sql target', async () => {
    const json = await visit(['schema', RULES]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveProperty('$schema');
    const noDialect = await visit(['schema', RULES, '--target', 'sql']);
    expect(noDialect.code).toBe(2);
    expect(noDialect.stderr).toMatch(/--dialect/);
    expect(noDialect.stdout).toBe('');
    const stray = await visit(['schema', RULES, '--dialect', 'duckdb']);
    expect(stray.code).toBe(2);
    expect(stray.stdout).toBe('');
    const badList = await visit(['schema', RULES, '--target', 'sql', '--dialect', 'postgres', '--list-table', 'forløb']);
    expect(badList.code).toBe(2);
    expect(badList.stderr).toMatch(/NAME=TABLE/);
    expect(badList.stdout).toBe('');
  });
});
