// `explainColumns` (LANGUAGE.md §16 with §6): one column per programme line, named
// `<programme>.<n>`, holding the line's condition as TRUE / FALSE / NULL. Differential property on
// DuckDB (in process) and a real PostgreSQL: for random rule files (general ones with param
// overrides, and ones over lists) × random records, every line column equals the value the
// engine's explanation gives that line, and the groups and programmes are still the engine's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, type CheckedFile } from '@visit/dsl';
import { compile, type Screener } from '@visit/engine';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSql, type SqlCompileResult } from '../src/index';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from '../../engine/test/support/arbitrary';
import { generateListFile, listRecordSpec, materializeListRecord } from '../../engine/test/support/arbitrary-lists';
import { connect, load } from './support/duckdb';
import { loadPostgres, startPostgres, type Postgres, type Tables } from './support/postgres';

const FILES = Number(process.env.VISIT_SQL_EXPLAIN_FILES ?? 25);
const LIST_FILES = Number(process.env.VISIT_SQL_EXPLAIN_LIST_FILES ?? 8);
const RECORDS_PER_FILE = 8;
const FLAT: Tables = { table: 'citizens', listTables: {}, listKnown: {} };
const LISTS: Tables = { table: 'borgere', listTables: { forløb: 'forløb', møder: 'møder_t' }, listKnown: { forløb: 'har_forløb', møder: 'har_møder' } };
const listAsOf = fc.constantFrom('2026-11-23', '2024-02-29', '2025-02-28', '2026-03-31', '2025-12-31', '2028-02-29');

type Row = Readonly<Record<string, unknown>>;
type Tri = boolean | null;
interface Seen {
  groups: Record<string, Tri>;
  programs: Record<string, string>;
  lines: Record<string, Tri>;
}

let duck: DuckDBConnection;
let pg: Postgres;
beforeAll(async () => {
  duck = await connect();
  pg = startPostgres();
});
afterAll(() => {
  duck?.closeSync();
  pg?.stop();
});

/** What the engine says: groups, programmes, and each line's value from its explanation. */
function engineView(screener: Screener, compiled: SqlCompileResult, record: Row): Seen {
  const e = screener.evaluate(record, true);
  const lines: Record<string, Tri> = {};
  for (const l of compiled.columns.lines) lines[l.name] = e.explain!.programs[l.program]!.lines[l.line - 1]!.value;
  return { groups: e.groups, programs: e.programs, lines };
}

function view(compiled: SqlCompileResult, row: Record<string, unknown> | undefined, tri: (v: unknown) => unknown): unknown {
  const c = compiled.columns;
  return {
    groups: Object.fromEntries(c.groups.map((g) => [g, tri(row?.[g])])),
    programs: Object.fromEntries(c.programs.map((p) => [p, row?.[p]])),
    lines: Object.fromEntries(c.lines.map((l) => [l.name, tri(row?.[l.name])])),
  };
}

async function agreeDuck(checked: CheckedFile, source: string, asOf: string, params: Record<string, string>, tables: Tables, records: readonly Row[]): Promise<void> {
  const js = compile(source, { asOf, params });
  if (!js.ok) throw new Error(`the engine refuses a clean file\n${source}`);
  const compiled = compileSql(checked, { asOf, dialect: 'duckdb', params, explainColumns: true, ...tables });
  await load(duck, checked, tables, records);
  const rows = (await duck.runAndReadAll(compiled.sql)).getRowObjectsJS();
  expect(rows.length).toBe(records.length);
  const byKey = new Map(rows.map((r) => [String(r[compiled.columns.key!]), r as Record<string, unknown>]));
  for (const record of records) {
    const where = `DuckDB as of ${asOf}, params ${JSON.stringify(params)}, record ${JSON.stringify(record)}\n${source}`;
    expect(view(compiled, byKey.get(String(record['id'])), (v) => v), where).toEqual(engineView(js.screener, compiled, record));
  }
}

function agreePg(checked: CheckedFile, source: string, asOf: string, params: Record<string, string>, tables: Tables, records: readonly Row[]): void {
  const js = compile(source, { asOf, params });
  if (!js.ok) throw new Error(`the engine refuses a clean file\n${source}`);
  const compiled = compileSql(checked, { asOf, dialect: 'postgres', params, explainColumns: true, ...tables });
  loadPostgres(pg, checked, tables, records);
  const rows = pg.query(compiled.sql);
  expect(rows.length).toBe(records.length);
  const byKey = new Map(rows.map((r) => [r[compiled.columns.key!]!, r as Record<string, unknown>]));
  const tri = (s: unknown) => (s === 't' ? true : s === 'f' ? false : s === '' ? null : `?${String(s)}`);
  for (const record of records) {
    const where = `PostgreSQL as of ${asOf}, params ${JSON.stringify(params)}, record ${JSON.stringify(record)}\n${source}`;
    expect(view(compiled, byKey.get(String(record['id'])), tri), where).toEqual(engineView(js.screener, compiled, record));
  }
}

describe('explain columns: one per programme line, the engine explanation’s value', () => {
  it('are named <programme>.<n> after the programmes, quoted, and only when asked', () => {
    const source = `record R {\n  id: text key\n  alder: integer optional\n  ydelse: one of (dagpenge, kontanthjaelp)\n}\n` +
      `group ung = alder < 30\nprogram jobklub { require ydelse = dagpenge "Dagpenge"\n exclude ung }\nprogram tom { }\n`;
    const checked = check(source);
    const plain = compileSql(checked, { asOf: '2026-11-23', dialect: 'duckdb' });
    expect(plain.columns.lines).toEqual([]);
    expect(plain.sql).not.toContain('"jobklub.1"');
    const explained = compileSql(checked, { asOf: '2026-11-23', dialect: 'postgres', explainColumns: true });
    expect(explained.columns.lines).toEqual([
      { name: 'jobklub.1', program: 'jobklub', line: 1 },
      { name: 'jobklub.2', program: 'jobklub', line: 2 },
    ]);
    expect(explained.sql).toMatch(/AS "tom",\n.* AS "jobklub\.1",\n.* AS "jobklub\.2"\nFROM/);
  });

  it(`equal the engine on DuckDB and PostgreSQL: ${FILES} random rule files × ${RECORDS_PER_FILE} records`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), async (g, asOf, specs) => {
        const { source, params } = generateFile(drawFrom(g));
        const records = specs.map((s, i) => materializeRecord(s, asOf, i + 1));
        const checked = check(source);
        await agreeDuck(checked, source, asOf, params, FLAT, records);
        agreePg(checked, source, asOf, params, FLAT, records);
      }),
      { numRuns: FILES, endOnFailure: true },
    );
  }, 600_000);

  it(`equal the engine on DuckDB and PostgreSQL: ${LIST_FILES} random list rule files × ${RECORDS_PER_FILE} records`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), listAsOf, fc.array(listRecordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), async (g, asOf, specs) => {
        const source = generateListFile(drawFrom(g));
        const records = specs.map((s, i) => materializeListRecord(s, asOf, i + 1));
        const checked = check(source);
        await agreeDuck(checked, source, asOf, {}, LISTS, records);
        agreePg(checked, source, asOf, {}, LISTS, records);
      }),
      { numRuns: LIST_FILES, endOnFailure: true },
    );
  }, 600_000);
});
