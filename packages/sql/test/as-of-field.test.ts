// A reference date per row in SQL (`compileSql({ asOfField })`, `visit compile --target sql
// --as-of-field F`; LANGUAGE.md §14, §16): thresholds, `last N` windows and open periods' ends are
// computed in SQL from the row's own date column. Differential: generated rule files over every
// expression form, and over lists, × records each made around its own reference date (stored in
// the field), in DuckDB and in a real PostgreSQL server — every row's groups and programmes are
// those of the engine's dated screening (compileDated), row for row; plus a table of month ends
// and 29 February, and what is refused.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { check, type CheckedFile } from '@visit/dsl';
import { compileDated } from '@visit/engine';
import { compileSql, SqlCompileError, type SqlCompileResult } from '../src/index';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from '../../engine/test/support/arbitrary';
import { generateListFile, listRecordSpec, materializeListRecord } from '../../engine/test/support/arbitrary-lists';
import { connect, load, run, type Tables } from './support/duckdb';
import { loadPostgres, startPostgres, type Postgres } from './support/postgres';

type Row = Record<string, unknown>;
const FILES = Number(process.env.VISIT_SQL_AS_OF_FIELD_FILES ?? 120);
const LIST_FILES = Number(process.env.VISIT_SQL_AS_OF_FIELD_LIST_FILES ?? 10);

let db: DuckDBConnection;
let pg: Postgres;
beforeAll(async () => {
  db = await connect();
  pg = startPostgres();
});
afterAll(() => {
  db?.closeSync();
  pg?.stop();
});

/** Whether the file has dated versions (§13): those are refused with a date per row, for now. */
const hasDatedVersions = (checked: CheckedFile) => [...checked.versions.values()].some((vs) => vs.some((v) => v.validity !== undefined));

/** The engine's dated screening of each record, by key. */
function engineOutcomes(source: string, field: string, params: Record<string, string>, records: readonly Row[]) {
  const dated = compileDated(source, { asOfField: field, params });
  if (!dated.ok) throw new Error(`the engine refuses a clean file\n${source}`);
  return new Map(
    records.map((r) => {
      const out = dated.screener.screen(r);
      if (out.status !== 'ok') throw new Error(`a generated record is invalid: ${out.errors.join('; ')}`);
      return [String(r['id']), { groups: out.groups, programs: out.programs }];
    }),
  );
}

const tri = (s: string | undefined) => (s === 't' ? true : s === 'f' ? false : s === '' ? null : `?${String(s)}`);

/** Files compared (not refused for dated versions), so that the properties cannot pass on refusals alone. */
let compared = 0;

async function agree(source: string, field: string, params: Record<string, string>, tables: Tables, records: readonly Row[]): Promise<void> {
  const checked = check(source);
  if (hasDatedVersions(checked)) {
    expect(() => compileSql(checked, { asOfField: field, dialect: 'duckdb', params, ...tables })).toThrow(/dated versions/);
    return;
  }
  compared++;
  const want = engineOutcomes(source, field, params, records);
  const duck: SqlCompileResult = compileSql(checked, { asOfField: field, dialect: 'duckdb', params, ...tables });
  await load(db, checked, tables, records);
  let got;
  try {
    got = await run(db, duck);
  } catch (e) {
    throw new Error(`DuckDB refuses the SQL: ${(e as Error).message}\n${source}\n${duck.sql}`);
  }
  const postgres = compileSql(checked, { asOfField: field, dialect: 'postgres', params, ...tables });
  loadPostgres(pg, checked, tables, records);
  let pgRows: Record<string, string>[];
  try {
    pgRows = pg.query(postgres.sql);
  } catch (e) {
    throw new Error(`PostgreSQL refuses the SQL: ${(e as Error).message}\n${source}\n${postgres.sql}`);
  }
  const pgByKey = new Map(pgRows.map((r) => [r[postgres.columns.key!]!, r]));
  for (const r of records) {
    const id = String(r['id']);
    const where = `record ${JSON.stringify(r)}, params ${JSON.stringify(params)}\n${source}`;
    expect(got.get(id), `DuckDB, ${where}`).toEqual(want.get(id));
    const row = pgByKey.get(id);
    const have = {
      groups: Object.fromEntries(postgres.columns.groups.map((g) => [g, tri(row?.[g])])),
      programs: Object.fromEntries(postgres.columns.programs.map((p) => [p, row?.[p]])),
    };
    expect(have, `PostgreSQL, ${where}`).toEqual(want.get(id));
  }
}

describe('each row as of its own date: SQL gives the engine\'s dated screening', () => {
  it(`${FILES} generated rule files × 10 records, each around its own date (DuckDB and PostgreSQL)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.array(fc.tuple(recordSpec, asOfDate), { minLength: 10, maxLength: 10 }), async (g, specs) => {
        const { source, params } = generateFile(drawFrom(g));
        // `checked` is the row's reference date: each record is made around it.
        const records = specs.map(([s, asOf], i) => ({ ...materializeRecord(s, asOf, i + 1), checked: asOf }));
        await agree(source, 'checked', params, { table: 'citizens', listTables: {}, listKnown: {} }, records);
      }),
      { numRuns: FILES, endOnFailure: true },
    );
    expect(compared).toBeGreaterThan(FILES / 2);
  }, 600_000);

  it(`${LIST_FILES} generated list rule files × 10 records with lists (time_in windows, open periods)`, async () => {
    const dates = fc.constantFrom('2026-11-23', '2024-02-29', '2025-02-28', '2026-03-31', '2025-12-31', '2028-02-29', '2024-03-01');
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.array(fc.tuple(listRecordSpec, dates), { minLength: 10, maxLength: 10 }), async (g, specs) => {
        const source = generateListFile(drawFrom(g));
        const records = specs.map(([s, asOf], i) => ({ ...materializeListRecord(s, asOf, i + 1), b: asOf }));
        await agree(source, 'b', {}, { table: 'borgere', listTables: { forløb: 'forløb', møder: 'møder_t' }, listKnown: { forløb: 'har_forløb', møder: 'har_møder' } }, records);
      }),
      { numRuns: LIST_FILES, endOnFailure: true },
    );
    expect(compared).toBeGreaterThan(FILES / 2 + LIST_FILES / 2);
  }, 600_000);
});

const EDGES = `record R {
  id:   text key
  født: date optional
  ref:  date optional
  forløb: list of { start: date, end: date optional }
}
group over_30 = age_of(født) >= 30 years
group en_måned = time_since(født) >= 1 month
group ledig = time_in(forløb, last 4 weeks) >= 14 days
`;

describe('month ends, 29 February and a missing date, per row', () => {
  // [født, ref, over_30, en_måned]: §4's rule — a month after 31 January is the last of February.
  const CASES: [født: string | undefined, ref: string | undefined, over30: boolean | null, month: boolean | null][] = [
    ['1996-02-29', '2026-02-28', true, true],
    ['1996-02-29', '2026-02-27', false, true],
    ['2026-01-31', '2026-02-28', false, true],
    ['2026-01-31', '2026-02-27', false, false],
    ['2024-01-31', '2024-02-29', false, true],
    ['1994-03-01', '2024-02-29', false, true],
    ['1994-02-28', '2024-02-28', true, true],
    [undefined, '2026-01-01', null, null],
    ['1990-01-01', undefined, null, null],
  ];
  it.each(CASES)('født %s, ref %s → over_30 %s, en_måned %s', async (født, ref, over30, month) => {
    const records = [{ id: '1', ...(født ? { født } : {}), ...(ref ? { ref } : {}), forløb: [] }];
    const tables: Tables = { table: 'r', listTables: { forløb: 'r_forløb' }, listKnown: {} };
    const checked = check(EDGES);
    await load(db, checked, tables, records);
    const got = (await run(db, compileSql(checked, { asOfField: 'ref', dialect: 'duckdb', ...tables }))).get('1')!;
    expect([got.groups['over_30'], got.groups['en_måned']]).toEqual([over30, month]);
  });

  it('time_in over the last 4 weeks of each row\'s own date, an open period running to it', async () => {
    const tables: Tables = { table: 'r', listTables: { forløb: 'r_forløb' }, listKnown: {} };
    const checked = check(EDGES);
    // Open since 2026-02-10: 14 days up to 2026-02-23, 13 up to 2026-02-22.
    const records = [
      { id: 'a', ref: '2026-02-23', forløb: [{ start: '2026-02-10' }] },
      { id: 'b', ref: '2026-02-22', forløb: [{ start: '2026-02-10' }] },
      // The window of 2026-03-31 is 2026-03-04 … 2026-03-31: 14 days up to 03-17, 13 up to 03-16.
      { id: 'c', ref: '2026-03-31', forløb: [{ start: '2026-01-01', end: '2026-03-17' }] },
      { id: 'd', ref: '2026-03-31', forløb: [{ start: '2026-01-01', end: '2026-03-16' }] },
    ];
    await load(db, checked, tables, records);
    const got = await run(db, compileSql(checked, { asOfField: 'ref', dialect: 'duckdb', ...tables }));
    expect(['a', 'b', 'c', 'd'].map((k) => got.get(k)!.groups['ledig'])).toEqual([true, false, true, false]);
  });
});

describe('what is refused', () => {
  it.each<[what: string, source: string, options: Record<string, unknown>, message: RegExp]>([
    ['a field that is not a date', EDGES, { asOfField: 'id' }, /"id" is not a date field of the record \(its date fields: født, ref\)/],
    ['a field that does not exist', EDGES, { asOfField: 'visiteret' }, /"visiteret" is not a date field/],
    ['both a date and a field', EDGES, { asOfField: 'ref', asOf: '2026-01-01' }, /not both/],
    ['dated versions (§13)', `${EDGES}param p = 3 from 2020-01-01\nparam p = 4 from 2024-01-01\ngroup g = p > 3\n`, { asOfField: 'ref' }, /dated versions \(§13\) yet: p/],
  ])('%s', (_, source, options, message) => {
    expect(() => compileSql(check(source), { dialect: 'postgres', ...options })).toThrow(SqlCompileError);
    expect(() => compileSql(check(source), { dialect: 'postgres', ...options })).toThrow(message);
  });
});
