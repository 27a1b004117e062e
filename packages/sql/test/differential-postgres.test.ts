// Differential property on a real PostgreSQL server (LANGUAGE.md §16): a throw-away cluster
// (support/postgres.ts; the test fails when none can be started), the engine's random rule files —
// general ones with param overrides, and ones over lists and time_between — × random records
// loaded with COPY; the compiled PostgreSQL SELECT gives the JavaScript engine's groups and
// programmes row for row, unknowns, 29 February, month ends and open periods included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, type CheckedFile } from '@visit/dsl';
import { compile } from '@visit/engine';
import { compileSql } from '../src/index';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from '../../engine/test/support/arbitrary';
import { generateListFile, listRecordSpec, materializeListRecord } from '../../engine/test/support/arbitrary-lists';
import { loadPostgres, startPostgres, type Postgres, type Tables } from './support/postgres';

const FILES = Number(process.env.VISIT_SQL_POSTGRES_FILES ?? 30);
// PostgreSQL plans the lists' correlated subqueries slowly (about 3 s a file here): fewer files.
const LIST_FILES = Number(process.env.VISIT_SQL_POSTGRES_LIST_FILES ?? 12);
const RECORDS_PER_FILE = 10;

let pg: Postgres;
beforeAll(() => {
  pg = startPostgres();
});
afterAll(() => pg?.stop());

type Row = Readonly<Record<string, unknown>>;

function agree(checked: CheckedFile, source: string, asOf: string, params: Record<string, string>, tables: Tables, records: readonly Row[]): void {
  const js = compile(source, { asOf, params });
  if (!js.ok) throw new Error(`the engine refuses a clean file\n${source}`);
  loadPostgres(pg, checked, tables, records);
  const compiled = compileSql(checked, { asOf, dialect: 'postgres', params, ...tables });
  let rows: Record<string, string>[];
  try {
    rows = pg.query(compiled.sql);
  } catch (e) {
    throw new Error(`PostgreSQL refuses the SQL: ${(e as Error).message}\n${source}\n${compiled.sql}`);
  }
  expect(rows.length).toBe(records.length);
  const byKey = new Map(rows.map((r) => [r[compiled.columns.key!]!, r]));
  const tri = (s: string | undefined) => (s === 't' ? true : s === 'f' ? false : s === '' ? null : `?${String(s)}`);
  for (const record of records) {
    const want = js.screener.evaluate(record);
    const row = byKey.get(String(record[compiled.columns.key!]));
    const have = {
      groups: Object.fromEntries(compiled.columns.groups.map((g) => [g, tri(row?.[g])])),
      programs: Object.fromEntries(compiled.columns.programs.map((p) => [p, row?.[p]])),
    };
    expect(have, `as of ${asOf}, params ${JSON.stringify(params)}, record ${JSON.stringify(record)}\n${source}`).toEqual({ groups: want.groups, programs: want.programs });
  }
}

describe('PostgreSQL runs the compiled SQL as the JavaScript engine does', () => {
  it(`on ${FILES} random rule files (param overrides) × ${RECORDS_PER_FILE} records`, () => {
    fc.assert(
      fc.property(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), (g, asOf, specs) => {
        const { source, params } = generateFile(drawFrom(g));
        const records = specs.map((s, i) => materializeRecord(s, asOf, i + 1));
        agree(check(source), source, asOf, params, { table: 'citizens', listTables: {}, listKnown: {} }, records);
      }),
      { numRuns: FILES, endOnFailure: true },
    );
  }, 600_000);

  it(`on ${LIST_FILES} random list rule files × ${RECORDS_PER_FILE} records with lists`, () => {
    const asOfs = fc.constantFrom('2026-11-23', '2024-02-29', '2025-02-28', '2026-03-31', '2025-12-31', '2028-02-29');
    fc.assert(
      fc.property(fc.gen(), asOfs, fc.array(listRecordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), (g, asOf, specs) => {
        const source = generateListFile(drawFrom(g));
        const records = specs.map((s, i) => materializeListRecord(s, asOf, i + 1));
        agree(check(source), source, asOf, {}, { table: 'borgere', listTables: { forløb: 'forløb', møder: 'møder_t' }, listKnown: { forløb: 'har_forløb', møder: 'har_møder' } }, records);
      }),
      { numRuns: LIST_FILES, endOnFailure: true },
    );
  }, 600_000);
});
