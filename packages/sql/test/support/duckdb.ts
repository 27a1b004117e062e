// DuckDB in process (@duckdb/node-api) for the tests: tables made by createTables, records loaded
// with bound parameters (never spliced into SQL text), and a compiled SELECT's rows read back as
// { key, groups, programs }.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'vitest';
import { recordInfo, type Screener } from '@visit/engine';
import type { CheckedFile } from '@visit/dsl';
import { createTables, type SqlCompileResult } from '../../src/index';

export interface Tables {
  table: string;
  listTables: Record<string, string>;
  listKnown: Record<string, string>;
}

export async function connect(): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:');
  return db.connect();
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

type Row = Readonly<Record<string, unknown>>;

async function insert(c: DuckDBConnection, table: string, columns: { name: string; type: string }[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const tuple = `(${columns.map((col) => `CAST(? AS ${col.type})`).join(', ')})`;
  // In chunks, so that a statement's parameter count stays small.
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const values: (string | number | boolean | null)[] = [];
    for (const r of chunk) {
      for (const col of columns) {
        const v = r[col.name];
        values.push(v === undefined || v === null ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
      }
    }
    await c.run(`INSERT INTO ${quote(table)} VALUES ${chunk.map(() => tuple).join(', ')}`, values);
  }
}

const DUCK_TYPES: Record<string, string> = { text: 'VARCHAR', enum: 'VARCHAR', boolean: 'BOOLEAN', date: 'DATE', integer: 'BIGINT', number: 'DOUBLE' };

/** Drops and creates the tables of the rules' record, then loads `records` (typed, as the engine reads them). */
export async function load(c: DuckDBConnection, checked: CheckedFile, tables: Tables, records: readonly Row[]): Promise<void> {
  const info = recordInfo(checked);
  const key = info.keyField!;
  await c.run(`DROP TABLE IF EXISTS ${quote(tables.table)}`);
  for (const t of Object.values(tables.listTables)) await c.run(`DROP TABLE IF EXISTS ${quote(t)}`);
  for (const s of createTables(checked, { dialect: 'duckdb', ...tables })) await c.run(s);
  const mainColumns: { name: string; type: string }[] = [];
  for (const f of info.fields) {
    if (f.type.kind === 'list') {
      const known = tables.listKnown[f.name];
      if (known !== undefined) mainColumns.push({ name: known, type: 'BOOLEAN' });
    } else mainColumns.push({ name: f.name, type: DUCK_TYPES[f.type.kind]! });
  }
  const mainRows = records.map((r) => {
    const row: Record<string, unknown> = { ...r };
    for (const f of info.fields) {
      if (f.type.kind !== 'list') continue;
      const known = tables.listKnown[f.name];
      if (known !== undefined) row[known] = Array.isArray(r[f.name]);
    }
    return row;
  });
  await insert(c, tables.table, mainColumns, mainRows);
  for (const f of info.fields) {
    if (f.type.kind !== 'list') continue;
    const cols = [{ name: key, type: 'VARCHAR' }, ...f.type.fields.map((e) => ({ name: e.name, type: DUCK_TYPES[e.type.kind]! }))];
    const rows = records.flatMap((r) => {
      const list = r[f.name];
      return Array.isArray(list) ? (list as Row[]).map((e) => ({ ...e, [key]: r[key] })) : [];
    });
    await insert(c, tables.listTables[f.name] ?? f.name, cols, rows);
  }
}

export interface SqlOutcome {
  groups: Record<string, boolean | null>;
  programs: Record<string, string>;
}

/** Runs the compiled SELECT: outcomes by key. */
export async function run(c: DuckDBConnection, compiled: SqlCompileResult): Promise<Map<string, SqlOutcome>> {
  const reader = await c.runAndReadAll(compiled.sql);
  const out = new Map<string, SqlOutcome>();
  const { key, groups, programs } = compiled.columns;
  for (const row of reader.getRowObjectsJS()) {
    const groupValues: Record<string, boolean | null> = {};
    for (const g of groups) groupValues[g] = row[g] as boolean | null;
    const programValues: Record<string, string> = {};
    for (const p of programs) programValues[p] = row[p] as string;
    out.set(String(row[key!]), { groups: groupValues, programs: programValues });
  }
  return out;
}

/**
 * Loads `records`, runs `compiled` over them in DuckDB and expects every row's groups and
 * programmes to be the engine's (`screener`); `context` (the date, the params, the rule file) is
 * shown on a difference. Returns the number of rows compared.
 */
export async function expectEngineOutcomes(
  c: DuckDBConnection,
  checked: CheckedFile,
  tables: Tables,
  records: readonly Row[],
  compiled: SqlCompileResult,
  screener: Screener,
  context: { asOf: string; params?: Readonly<Record<string, string>>; source: string },
): Promise<number> {
  await load(c, checked, tables, records);
  let got;
  try {
    got = await run(c, compiled);
  } catch (e) {
    throw new Error(`DuckDB refuses the SQL: ${(e as Error).message}\n${context.source}\n${compiled.sql}`);
  }
  expect(got.size).toBe(records.length);
  const params = context.params ? `, params ${JSON.stringify(context.params)}` : '';
  for (const record of records) {
    const want = screener.evaluate(record);
    const have = got.get(record['id'] as string);
    const where = `as of ${context.asOf}${params}, record ${JSON.stringify(record)}\n${context.source}`;
    expect({ groups: have?.groups, programs: have?.programs }, where).toEqual({ groups: want.groups, programs: want.programs });
  }
  return records.length;
}
