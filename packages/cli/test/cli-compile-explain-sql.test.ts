// `visit compile --target sql --explain-columns` (LANGUAGE.md §16 with §6): one more column per
// programme line, "<programme>.<n>", whose values in DuckDB are those of `visit screen --explain`;
// the flag goes with --target sql only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { buildCli, ndjson, visit, EXAMPLES } from './cli-support';
import { connect, load } from '../../sql/test/support/duckdb';

const RULES = join(EXAMPLES, 'historik', 'historik.visit');
const CITIZENS = join(EXAMPLES, 'historik', 'citizens.ndjson');

let db: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  buildCli();
  db = await connect();
});
afterAll(() => db.closeSync());

describe('visit compile --target sql --explain-columns', () => {
  it('adds a column per programme line with the values of visit screen --explain', async () => {
    const compiled = await visit(['compile', RULES, '--target', 'sql', '--dialect', 'duckdb', '--as-of', '2026-11-23', '--explain-columns']);
    expect(compiled.code).toBe(0);
    const screened = await visit(['screen', RULES, CITIZENS, '--as-of', '2026-11-23', '--explain']);
    const rows = ndjson(screened.stdout) as { id: string; status: string; explain: { programs: Record<string, { lines: { value: boolean | null }[] }> } }[];
    const ok = new Map(rows.filter((r) => r.status === 'ok').map((r) => [r.id, r]));
    const source = readFileSync(RULES, 'utf8');
    const records = readFileSync(CITIZENS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => ok.has(String(r['cpr'])));
    await load(db, check(source), { table: 'citizens', listTables: {}, listKnown: {} }, records);
    const got = (await db.runAndReadAll(compiled.stdout)).getRowObjectsJS();
    expect(got.length).toBe(records.length);
    let compared = 0;
    for (const row of got) {
      const want = ok.get(String(row['cpr']))!;
      for (const [program, p] of Object.entries(want.explain.programs)) {
        p.lines.forEach((l, i) => {
          expect(row[`${program}.${i + 1}`], `${program}.${i + 1}`).toBe(l.value);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(records.length);
  });

  it('goes with --target sql only', async () => {
    const stray = await visit(['compile', RULES, '--as-of', '2026-11-23', '--explain-columns']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--explain-columns/);
    expect(stray.stdout).toBe('');
  });
});
