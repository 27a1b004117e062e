// `visit compile FILE --target sql --dialect duckdb|postgres --as-of DATE [--table T] [--list-table L=T]`
// (LANGUAGE.md §16): one SELECT with a header naming the rules' hash and the date; run in DuckDB over
// the historik example's citizens (lists from their own tables), it gives `visit screen`'s groups
// and programmes row for row. The JSON Logic target stays the default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, rulesVersion } from '@visit/dsl';
import { buildCli, ndjson, visit, EXAMPLES } from './cli-support';
import { connect, load, run } from '../../sql/test/support/duckdb';

const RULES = join(EXAMPLES, 'historik', 'historik.visit');
const CITIZENS = join(EXAMPLES, 'historik', 'citizens.ndjson');

let db: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  buildCli();
  db = await connect();
});
afterAll(() => db.closeSync());

describe('visit compile --target sql', () => {
  it('writes one SELECT that DuckDB runs to the outcomes of visit screen', async () => {
    const compiled = await visit(['compile', RULES, '--target', 'sql', '--dialect', 'duckdb', '--as-of', '2026-11-23', '--table', 'borgere', '--list-table', 'forløb=forløb_rækker', '--list-table', 'samtaler=samtaler_t']);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    const source = readFileSync(RULES, 'utf8');
    expect(compiled.stdout.startsWith(`-- Visit rules ${rulesVersion(source)}\n-- as of 2026-11-23, dialect duckdb\n`)).toBe(true);
    expect(compiled.stdout).toContain('FROM "borgere" AS r');
    expect(compiled.stdout).toContain('"forløb_rækker"');

    const screened = await visit(['screen', RULES, CITIZENS, '--as-of', '2026-11-23']);
    expect(screened.code).toBe(0);
    const rows = ndjson(screened.stdout) as { id: string; status: string; groups: object; programs: object }[];
    const ok = new Map(rows.filter((r) => r.status === 'ok').map((r) => [r.id, r]));
    expect(ok.size).toBeGreaterThan(10);
    const records = readFileSync(CITIZENS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => ok.has(String(r['cpr'])));
    await load(db, check(source), { table: 'borgere', listTables: { forløb: 'forløb_rækker', samtaler: 'samtaler_t' }, listKnown: {} }, records);
    const sql = compiled.stdout;
    const got = await run(db, { sql, columns: { key: 'cpr', groups: Object.keys(rows[0]!.groups), programs: Object.keys(rows[0]!.programs), lines: [] } });
    expect(got.size).toBe(records.length);
    for (const [id, want] of ok) expect(got.get(id), id).toEqual({ groups: want.groups, programs: want.programs });
  });

  it('needs a dialect, and keeps --dialect to the sql target', async () => {
    const noDialect = await visit(['compile', RULES, '--target', 'sql', '--as-of', '2026-11-23']);
    expect(noDialect.code).toBe(2);
    expect(noDialect.stderr).toMatch(/--dialect/);
    expect(noDialect.stdout).toBe('');
    const stray = await visit(['compile', RULES, '--dialect', 'duckdb', '--as-of', '2026-11-23']);
    expect(stray.code).toBe(2);
    expect(stray.stdout).toBe('');
    const badList = await visit(['compile', RULES, '--target', 'sql', '--dialect', 'postgres', '--list-table', 'forløb', '--as-of', '2026-11-23']);
    expect(badList.code).toBe(2);
    expect(badList.stderr).toMatch(/NAME=TABLE/);
  });

  it('writes PostgreSQL with quoted Danish names', async () => {
    const r = await visit(['compile', RULES, '--target', 'sql', '--dialect', 'postgres', '--as-of', '2026-11-23', '--list-table', 'forløb=forløb']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('FROM "forløb" AS e');
    expect(r.stdout).toMatch(/^-- as of 2026-11-23, dialect postgres$/m);
  });
});
