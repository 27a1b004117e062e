// `visit screen RULES FILE.parquet` (issue 13): Parquet records, read through DuckDB, with either
// engine. The contract: a Parquet file screens exactly as the same records in an NDJSON file do —
// every row in the file's order, values the record refuses with the same reasons, the same exit
// status and summary. The NDJSON file of each case is the oracle; its Parquet twin is made from
// it by DuckDB with the record's column types (a list field as a LIST of STRUCT).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { recordInfo, type FieldType } from '@visit/engine';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from '../../engine/test/support/arbitrary';
import { generateListFile, listRecordSpec, materializeListRecord } from '../../engine/test/support/arbitrary-lists';
import { buildCli, tempDir, untimed, visit } from './cli-support';

const AS_OF = '2026-11-23';
type Row = Record<string, unknown>;
const tmp = tempDir('visit-cli-parquet-');
beforeAll(() => buildCli());
afterAll(() => tmp.remove());

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function duckType(t: FieldType): string {
  switch (t.kind) {
    case 'text':
    case 'enum':
      return 'VARCHAR';
    case 'date':
      return 'DATE';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'list':
      return `STRUCT(${t.fields.map((f) => `"${f.name}" ${duckType(f.type)}`).join(', ')})[]`;
  }
}

/** Writes `rows` as NAME.ndjson and, through DuckDB with the given column types, as NAME.parquet. */
async function twins(name: string, rows: readonly Row[], columns: Record<string, string>): Promise<{ ndjson: string; parquet: string }> {
  const ndjson = tmp.write(`${name}.ndjson`, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const parquet = join(tmp.dir, `${name}.parquet`);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const cols = `{${Object.entries(columns).map(([n, t]) => `${quote(n)}: ${quote(t)}`).join(', ')}}`;
  await c.run(`COPY (SELECT * FROM read_json(${quote(ndjson)}, format = 'newline_delimited', columns = ${cols})) TO ${quote(parquet)} (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  return { ndjson, parquet };
}

const recordColumns = (source: string) => Object.fromEntries(recordInfo(check(source)).fields.map((f) => [f.name, duckType(f.type)]));

/** Screens the NDJSON file and its Parquet twin with the same arguments: they must agree. */
async function expectSame(rules: string, files: { ndjson: string; parquet: string }, extra: string[] = []): Promise<Awaited<ReturnType<typeof visit>>> {
  const [fromParquet, fromNdjson] = await Promise.all([visit(['screen', rules, files.parquet, '--as-of', AS_OF, ...extra]), visit(['screen', rules, files.ndjson, '--as-of', AS_OF, ...extra])]);
  expect(fromParquet.stdout).toBe(fromNdjson.stdout);
  expect(fromParquet.code).toBe(fromNdjson.code);
  expect(untimed(fromParquet.stderr).replaceAll(files.parquet, 'RECORDS')).toBe(untimed(fromNdjson.stderr).replaceAll(files.ndjson, 'RECORDS'));
  return fromParquet;
}

const RULES = `record Borger {
  cpr:     text key personal
  født:    date
  ydelse:  one of (dagpenge, kontanthjaelp)
  læsning: integer 1..5 optional
  timer:   number 0..37 optional
  forløb:  list of { kind: one of (dagpenge, jobklub), start: date, end: date optional }
}

param min_læs = 3

group unge = age_of(født) < 30 years
group læser = læsning >= min_læs

program jobklub "Jobklub" {
  require unge
  require læser
  require timer >= 10
  exclude any(forløb where kind = jobklub)
}
`;

describe('values a Parquet column can hold that the record refuses: the same rows and reasons as NDJSON', () => {
  const ROWS: [what: string, row: Row][] = [
    ['valid, eligible', { cpr: '0101001234', født: '2000-01-01', ydelse: 'dagpenge', læsning: 4, timer: 20, forløb: [] }],
    ['valid, undetermined', { cpr: '0202001234', født: '2000-02-02', ydelse: 'dagpenge', timer: 20, forløb: [] }],
    ['an enum value outside its list', { cpr: '0303001234', født: '2000-03-03', ydelse: 'dagpnge', læsning: 4, timer: 20, forløb: [] }],
    ['an integer outside its range', { cpr: '0404001234', født: '2000-04-04', ydelse: 'dagpenge', læsning: 7, timer: 20, forløb: [] }],
    ['a required field NULL', { cpr: '0505001234', født: null, ydelse: 'kontanthjaelp', læsning: 2, timer: 20, forløb: [] }],
    ['a list element outside its enum', { cpr: '0606001234', født: '2000-06-06', ydelse: 'dagpenge', læsning: 5, timer: 20, forløb: [{ kind: 'praktik', start: '2025-01-01', end: null }] }],
    ['a list element, excluded', { cpr: '0707001234', født: '2001-07-07', ydelse: 'dagpenge', læsning: 5, timer: 20, forløb: [{ kind: 'jobklub', start: '2025-01-01', end: '2025-03-01' }] }],
    ['the list NULL (missing: unknown)', { cpr: '0808001234', født: '2001-08-08', ydelse: 'dagpenge', læsning: 5, timer: 20, forløb: null }],
    ['the same key again', { cpr: '0101001234', født: '1980-01-01', ydelse: 'dagpenge', læsning: 4, timer: 20, forløb: [] }],
    ['the key NULL', { cpr: null, født: '1990-09-09', ydelse: 'dagpenge', forløb: [] }],
  ];

  it.each([['the JavaScript engine', []], ['--engine duckdb', ['--engine', 'duckdb']]])('%s: every row in the file\'s order; exit 1', async (_, engine) => {
    const rules = tmp.write('borger.visit', RULES);
    const files = await twins('refused', ROWS.map(([, r]) => r), recordColumns(RULES));
    const r = await expectSame(rules, files, engine);
    expect(r.code).toBe(1);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; status: string });
    expect(rows.map((x) => x.row)).toEqual(ROWS.map((_, i) => i + 1));
    expect(rows.filter((x) => x.status === 'invalid')).toHaveLength(6);
  });

  it('a TIMESTAMP where the record has a date, and a NaN where it has a number: that row invalid, naming the field', async () => {
    const rules = tmp.write('typed.visit', RULES);
    // In NDJSON the same values are these texts (JSON has no NaN).
    const rows = [
      { cpr: '0101001234', født: '2000-01-01 10:30:00', ydelse: 'dagpenge', læsning: 4, timer: 20, forløb: [] },
      { cpr: '0202001234', født: '2000-02-02 00:00:00', ydelse: 'dagpenge', læsning: 4, timer: 'nan', forløb: [] },
      { cpr: '0303001234', født: '2000-03-03 00:00:00', ydelse: 'dagpenge', læsning: 4, timer: 'inf', forløb: [] },
    ];
    const files = await twins('typed', rows, { ...recordColumns(RULES), født: 'TIMESTAMP', timer: 'DOUBLE' });
    const r = await expectSame(rules, files);
    expect(r.stdout).toContain('født: expected a date');
    expect(r.stdout).toContain('timer: expected a number');
    expect(r.code).toBe(1);
  });
});

describe('generated rule files and records: a Parquet file screens as its NDJSON twin', () => {
  const FILES = Number(process.env.VISIT_CLI_PARQUET_FILES ?? 5);
  it(`${FILES} rule files over every expression form × 12 records, both engines`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: 12, maxLength: 12 }), fc.boolean(), async (g, asOf, specs, duck) => {
        const { source } = generateFile(drawFrom(g));
        const rules = tmp.write('generated.visit', source);
        const files = await twins('generated', specs.map((s, i) => materializeRecord(s, asOf, i + 1)), recordColumns(source));
        await expectSame(rules, files, duck ? ['--engine', 'duckdb'] : []);
      }),
      { numRuns: FILES, endOnFailure: true },
    );
  }, 600_000);

  const LIST_FILES = Number(process.env.VISIT_CLI_PARQUET_LIST_FILES ?? 4);
  it(`${LIST_FILES} rule files over lists × 12 records with lists (LIST of STRUCT columns)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.array(listRecordSpec, { minLength: 12, maxLength: 12 }), async (g, specs) => {
        const source = generateListFile(drawFrom(g));
        const rules = tmp.write('lists.visit', source);
        const files = await twins('lists', specs.map((s, i) => materializeListRecord(s, AS_OF, i + 1)), recordColumns(source));
        await expectSame(rules, files);
      }),
      { numRuns: LIST_FILES, endOnFailure: true },
    );
  }, 600_000);
});

describe('what cannot be read says so, exit 2, and writes nothing', () => {
  it('a Parquet file that is not there', async () => {
    const rules = tmp.write('missing.visit', RULES);
    const r = await visit(['screen', rules, join(tmp.dir, 'nope.parquet'), '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot read .*nope\.parquet: .*No files found/);
  });

  it('a CSV file named .parquet: DuckDB\'s reason, and an older --out file stays as it was', async () => {
    const rules = tmp.write('fake.visit', RULES);
    const fake = tmp.write('fake.parquet', 'cpr;født\n0101001234;2000-01-01\n');
    const out = join(tmp.dir, 'fake-out.ndjson');
    writeFileSync(out, 'older\n');
    const r = await visit(['screen', rules, fake, '--as-of', AS_OF, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*fake\.parquet: .*(parquet|Parquet|magic)/);
    expect(readFileSync(out, 'utf8')).toBe('older\n');
  });

  it.each<[what: string, args: string[], message: RegExp]>([
    ['--delimiter', ['--delimiter', ';'], /--delimiter applies to CSV input/],
    ['--encoding', ['--encoding', 'windows-1252'], /--encoding is for text files: a Parquet file says its own types/],
    ['--list', ['--list', 'forløb=f.csv'], /--list/],
  ])('%s with a Parquet file', async (_, args, message) => {
    const rules = tmp.write('opts.visit', RULES);
    const r = await visit(['screen', rules, join(tmp.dir, 'x.parquet'), '--as-of', AS_OF, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--input-format parquet from stdin: refused (DuckDB reads a file)', async () => {
    const rules = tmp.write('stdin.visit', RULES);
    const r = await visit(['screen', rules, '-', '--input-format', 'parquet', '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a Parquet file is read from a file, not from stdin/);
  });
});
