// Differential property (LANGUAGE.md §16): random rule files over every expression form of §4–§5
// (the engine's generator: params with overrides, lets and groups that use each other, calendar
// comparisons, units, arithmetic, `in`, `between`, `at least`, Danish names) × random records with
// missing values and dates around month ends, 29 February and the calendar thresholds, loaded into
// DuckDB; the compiled SELECT gives the JavaScript engine's groups and programmes, row for row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from '@visit/dsl';
import { compile } from '@visit/engine';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSql } from '../src/index';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from '../../engine/test/support/arbitrary';
import { connect, expectEngineOutcomes, type Tables } from './support/duckdb';

const FILES = Number(process.env.VISIT_SQL_DIFFERENTIAL_FILES ?? 100);
const RECORDS_PER_FILE = 10;
const TABLES: Tables = { table: 'citizens', listTables: {}, listKnown: {} };

let db: DuckDBConnection;
beforeAll(async () => {
  db = await connect();
});
afterAll(() => {
  db.closeSync();
});

describe('DuckDB runs the compiled SQL as the JavaScript engine does', () => {
  it(`on ${FILES} random rule files (with param overrides) × ${RECORDS_PER_FILE} random records`, async () => {
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), async (g, asOf, specs) => {
        const { source, params } = generateFile(drawFrom(g));
        const checked = check(source);
        const js = compile(source, { asOf, params });
        if (!js.ok) throw new Error(`the engine refuses a clean file: ${js.diagnostics.map((d) => d.message).join('; ')}\n${source}`);
        const records = specs.map((s, i) => materializeRecord(s, asOf, i + 1));
        const compiled = compileSql(checked, { asOf, dialect: 'duckdb', params, ...TABLES });
        rows += await expectEngineOutcomes(db, checked, TABLES, records, compiled, js.screener, { asOf, params, source });
      }),
      { numRuns: FILES },
    );
    expect(rows).toBe(FILES * RECORDS_PER_FILE);
  }, 600_000);
});
