// Differential property (LANGUAGE.md §16 "the outcomes equal the engine's on the same data"): random
// rule files over lists and time_between (the engine's generator) × random records with lists —
// missing, empty, elements with missing fields, open periods, dates around month ends and
// 29 February — loaded into DuckDB tables; the compiled SELECT gives the JavaScript engine's groups
// and programmes, row for row, unknowns included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from '@visit/dsl';
import { compile } from '@visit/engine';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSql } from '../src/index';
import { drawFrom } from '../../engine/test/support/arbitrary';
import { generateListFile, listRecordSpec, materializeListRecord } from '../../engine/test/support/arbitrary-lists';
import { connect, expectEngineOutcomes, type Tables } from './support/duckdb';

const FILES = Number(process.env.VISIT_SQL_DIFFERENTIAL_FILES ?? 100);
const RECORDS_PER_FILE = 12;
const AS_OF = fc.constantFrom('2026-11-23', '2024-02-29', '2025-02-28', '2026-03-31', '2025-12-31', '2023-03-01', '2028-02-29');
const TABLES: Tables = { table: 'borgere', listTables: { forløb: 'forløb_tabel', møder: 'møder' }, listKnown: { forløb: 'har_forløb', møder: 'har_møder' } };

let db: DuckDBConnection;
beforeAll(async () => {
  db = await connect();
});
afterAll(() => {
  db.closeSync();
});

describe('DuckDB runs the compiled SQL of list rules as the JavaScript engine does', () => {
  it(`on ${FILES} random rule files × ${RECORDS_PER_FILE} random records`, async () => {
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), AS_OF, fc.array(listRecordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), async (g, asOf, specs) => {
        const source = generateListFile(drawFrom(g));
        const checked = check(source);
        expect(checked.hasErrors).toBe(false);
        const js = compile(source, { asOf });
        if (!js.ok) throw new Error(`the engine refuses a clean file\n${source}`);
        const records = specs.map((s, i) => materializeListRecord(s, asOf, i + 1));
        const compiled = compileSql(checked, { asOf, dialect: 'duckdb', ...TABLES });
        rows += await expectEngineOutcomes(db, checked, TABLES, records, compiled, js.screener, { asOf, source });
      }),
      { numRuns: FILES },
    );
    expect(rows).toBe(FILES * RECORDS_PER_FILE);
  }, 600_000);
});
