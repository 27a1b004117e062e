// `visit screen RULES --engine postgres --connection URL --table T` (issue 13, LANGUAGE.md §16): the
// rules run inside a real PostgreSQL server (a throw-away cluster, support/postgres.ts; the tests
// fail when none can be started). The contract: the output is what `visit screen` gives for the
// same records as an NDJSON file in the table's key order — every row, invalid rows with the same
// reasons, the same exit status and summary — only the evaluation is done by SQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { compile, recordInfo } from '@visit/engine';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from '../../engine/test/support/arbitrary';
import { generateListFile, listRecordSpec, materializeListRecord } from '../../engine/test/support/arbitrary-lists';
import { loadPostgres, startPostgres, type Postgres } from '../../sql/test/support/postgres';
import { buildCli, EXAMPLES, tempDir, untimed, visit } from './cli-support';

const AS_OF = '2026-11-23';
type Row = Record<string, unknown>;

let pg: Postgres;
const tmp = tempDir('visit-cli-pg-');
beforeAll(() => {
  buildCli();
  pg = startPostgres();
});
afterAll(() => {
  pg?.stop();
  tmp.remove();
});

/** The key's order as PostgreSQL's C collation gives it (bytes), ties in the order loaded. */
function inKeyOrder(records: readonly Row[], key: string): Row[] {
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Buffer.compare(Buffer.from(String(a.r[key] ?? '')), Buffer.from(String(b.r[key] ?? ''))) || a.i - b.i)
    .map((x) => x.r);
}

interface Compared {
  db: Awaited<ReturnType<typeof visit>>;
  js: Awaited<ReturnType<typeof visit>>;
}

/**
 * Loads `records` into `table` (lists into their tables), writes the same records as an NDJSON file
 * in key order, and screens both ways with the same further arguments.
 */
async function screenBoth(source: string, table: string, listTables: Record<string, string>, records: readonly Row[], extra: string[] = []): Promise<Compared> {
  const checked = check(source);
  const info = recordInfo(checked);
  // Without a "list known" column a list from tables is always known: no rows is an empty list.
  const lists = info.fields.filter((f) => f.type.kind === 'list').map((f) => f.name);
  const known = records.map((r) => ({ ...r, ...Object.fromEntries(lists.map((l) => [l, Array.isArray(r[l]) ? r[l] : []])) }));
  loadPostgres(pg, checked, { table, listTables, listKnown: {} }, known);
  const rules = tmp.write(`${table}.visit`, source);
  const file = tmp.write(`${table}.ndjson`, inKeyOrder(known, info.keyField!).map((r) => `${JSON.stringify(r)}\n`).join(''));
  const listArgs = Object.entries(listTables).flatMap(([name, t]) => ['--list-table', `${name}=${t}`]);
  const [db, js] = await Promise.all([
    visit(['screen', rules, '--engine', 'postgres', '--connection', pg.url, '--table', table, ...listArgs, '--as-of', AS_OF, ...extra]),
    visit(['screen', rules, file, '--as-of', AS_OF, ...extra]),
  ]);
  return { db, js };
}

/** The summary with the records' name and the duration taken out. */
const summary = (stderr: string, name: string) => untimed(stderr).replaceAll(name, 'RECORDS');

function expectSame({ db, js }: Compared, table: string): void {
  expect(db.stderr.includes('internal error'), db.stderr).toBe(false);
  expect(db.stdout).toBe(js.stdout);
  expect(db.code).toBe(js.code);
  expect(summary(db.stderr, `the PostgreSQL table ${table}`)).toBe(summary(js.stderr, join(tmp.dir, `${table}.ndjson`)));
}

const RULES = `record Borger {
  cpr:     text key personal
  født:    date
  ydelse:  one of (dagpenge, kontanthjaelp)
  læsning: integer 1..5 optional
  forløb:  list of { kind: one of (dagpenge, jobklub), start: date, end: date optional }
}

param min_læs = 3

group unge = age_of(født) < 30 years
group læser = læsning >= min_læs

program jobklub "Jobklub" {
  require unge
  require læser
  exclude any(forløb where kind = jobklub)
}
`;

describe('a table with rows the record refuses: the same rows, the same reasons, as from a file', () => {
  // Values a typed table can hold that the record does not allow. (The key is the table's primary
  // key here, as `visit schema --target sql` writes it: no NULL or repeated key can be loaded.)
  const ROWS: [what: string, record: Row][] = [
    ['a valid row, eligible', { cpr: '0101001234', født: '2000-01-01', ydelse: 'dagpenge', læsning: 4, forløb: [] }],
    ['a valid row, undetermined (literacy missing)', { cpr: '0202001234', født: '2000-02-02', ydelse: 'dagpenge', forløb: [] }],
    ['an enum value outside the list', { cpr: '0303001234', født: '2000-03-03', ydelse: 'dagpnge', læsning: 4 }],
    ['an integer outside its range', { cpr: '0404001234', født: '2000-04-04', ydelse: 'dagpenge', læsning: 7 }],
    ['a required field NULL', { cpr: '0505001234', ydelse: 'kontanthjaelp', læsning: 2 }],
    ['a list element outside its enum', { cpr: '0606001234', født: '2000-06-06', ydelse: 'dagpenge', læsning: 5, forløb: [{ kind: 'praktik', start: '2025-01-01' }] }],
    ['a list element, excluded', { cpr: '0707001234', født: '2001-07-07', ydelse: 'dagpenge', læsning: 5, forløb: [{ kind: 'jobklub', start: '2025-01-01', end: '2025-03-01' }] }],
    ['an adult, ineligible', { cpr: '0808001234', født: '1980-08-08', ydelse: 'dagpenge', læsning: 3 }],
  ];

  it('NDJSON output: every row in key order, invalid ones with their reasons; exit 1', async () => {
    const r = await screenBoth(RULES, 'borgere', { forløb: 'forloeb' }, ROWS.map(([, rec]) => rec));
    expectSame(r, 'borgere');
    expect(r.db.code).toBe(1);
    const rows = r.db.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string });
    expect(rows).toHaveLength(ROWS.length);
    expect(rows.filter((x) => x.status === 'invalid')).toHaveLength(4);
  });

  it('CSV output to --out: the same file as the JavaScript engine writes', async () => {
    const dbOut = join(tmp.dir, 'db.csv');
    const jsOut = join(tmp.dir, 'js.csv');
    const source = RULES;
    const records = ROWS.map(([, rec]) => rec);
    const checked = check(source);
    loadPostgres(pg, checked, { table: 'borgere_csv', listTables: { forløb: 'forloeb_csv' }, listKnown: {} }, records.map((x) => ({ forløb: [], ...x })));
    const rules = tmp.write('csv.visit', source);
    const file = tmp.write('csv.ndjson', inKeyOrder(records.map((x) => ({ forløb: [], ...x })), 'cpr').map((x) => `${JSON.stringify(x)}\n`).join(''));
    const db = await visit(['screen', rules, '--engine', 'postgres', '--connection', pg.url, '--table', 'borgere_csv', '--list-table', 'forløb=forloeb_csv', '--as-of', AS_OF, '--format', 'csv', '--out', dbOut]);
    const js = await visit(['screen', rules, file, '--as-of', AS_OF, '--format', 'csv', '--out', jsOut]);
    expect(db.stdout).toBe('');
    expect(db.code).toBe(1);
    expect(readFileSync(dbOut, 'utf8')).toBe(readFileSync(jsOut, 'utf8'));
  });
});

describe('the historik example (lists in two tables, time_in, time_between, dated versions)', () => {
  it('its valid records screened in PostgreSQL: the JavaScript engine\'s output', async () => {
    const source = readFileSync(join(EXAMPLES, 'historik', 'historik.visit'), 'utf8');
    const compiled = compile(source, { asOf: AS_OF });
    if (!compiled.ok) throw new Error('the example does not compile');
    const lines = readFileSync(join(EXAMPLES, 'historik', 'citizens.ndjson'), 'utf8').split('\n').filter((l) => l !== '');
    // A table holds typed values: the records the engine reads, as it reads them.
    const records = lines.map((l) => compiled.screener.validateJson(JSON.parse(l))).flatMap((v) => (v.ok ? [v.record as Row] : []));
    expect(records.length).toBeGreaterThan(50);
    expectSame(await screenBoth(source, 'citizens', { forløb: 'forloeb' }, records), 'citizens');
  }, 120_000);
});

describe('generated rule files and records: PostgreSQL gives the JavaScript engine\'s output', () => {
  const FILES = Number(process.env.VISIT_CLI_POSTGRES_FILES ?? 6);
  it(`${FILES} rule files over every expression form × 12 records`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: 12, maxLength: 12 }), async (g, asOf, specs) => {
        const { source } = generateFile(drawFrom(g));
        const records = specs.map((s, i) => materializeRecord(s, asOf, i + 1));
        expectSame(await screenBoth(source, 'citizens', {}, records), 'citizens');
      }),
      { numRuns: FILES, endOnFailure: true },
    );
  }, 600_000);

  const LIST_FILES = Number(process.env.VISIT_CLI_POSTGRES_LIST_FILES ?? 4);
  it(`${LIST_FILES} rule files over lists × 12 records with lists`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.array(listRecordSpec, { minLength: 12, maxLength: 12 }), async (g, specs) => {
        const source = generateListFile(drawFrom(g));
        const records = specs.map((s, i) => materializeListRecord(s, AS_OF, i + 1));
        expectSame(await screenBoth(source, 'borgere', { forløb: 'forløb', møder: 'møder_t' }, records), 'borgere');
      }),
      { numRuns: LIST_FILES, endOnFailure: true },
    );
  }, 600_000);
});

describe('what cannot run says so, exit 2, and names no password', () => {
  it.each<[what: string, args: (rules: string) => string[], message: RegExp]>([
    ['a records file as well', (r) => ['screen', r, 'citizens.csv', '--engine', 'postgres', '--connection', 'postgresql://x@localhost/db'], /leave out the records file \(citizens\.csv\)/],
    ['no --connection', (r) => ['screen', r, '--engine', 'postgres'], /--engine postgres needs --connection URL/],
    ['--list', (r) => ['screen', r, '--engine', 'postgres', '--connection', 'postgresql://x@localhost/db', '--list', 'forløb=f.csv'], /--list is for records files/],
    ['--delimiter', (r) => ['screen', r, '--engine', 'postgres', '--connection', 'postgresql://x@localhost/db', '--delimiter', ';'], /--delimiter is for records files/],
    ['--explain', (r) => ['screen', r, '--engine', 'postgres', '--connection', 'postgresql://x@localhost/db', '--explain'], /--explain comes from the JavaScript engine/],
    ['--connection without --engine postgres', (r) => ['screen', r, 'x.csv', '--connection', 'postgresql://x@localhost/db'], /--connection, --table and --list-table go with --engine postgres/],
    ['no records and no engine', (r) => ['screen', r], /visit screen needs RECORDS/],
  ])('%s', async (_what, args, message) => {
    const rules = tmp.write('usage.visit', RULES);
    const r = await visit(args(rules));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('a server that is not there: the reason, and not the password of the connection string', async () => {
    const rules = tmp.write('refused.visit', RULES);
    const r = await visit(['screen', rules, '--engine', 'postgres', '--connection', 'postgresql://visit:hemmelig@127.0.0.1:1/postgres', '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot connect to PostgreSQL: .*ECONNREFUSED/);
    expect(r.stderr).not.toContain('hemmelig');
  });

  it('a table without a column the record needs: PostgreSQL names the column, no output', async () => {
    pg.sql('DROP TABLE IF EXISTS smal; CREATE TABLE smal (cpr TEXT PRIMARY KEY, "født" DATE);');
    const rules = tmp.write('narrow.visit', RULES);
    const r = await visit(['screen', rules, '--engine', 'postgres', '--connection', pg.url, '--table', 'smal', '--list-table', 'forløb=forloeb', '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/column r\."?(ydelse|læsning)"? does not exist/);
  });

  it('a table that does not exist: PostgreSQL\'s reason, no output', async () => {
    const rules = tmp.write('missing.visit', RULES);
    const out = join(tmp.dir, 'missing.ndjson');
    const r = await visit(['screen', rules, '--engine', 'postgres', '--connection', pg.url, '--table', 'nope', '--as-of', AS_OF, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/relation "nope" does not exist/);
    expect(() => readFileSync(out)).toThrow();
  });
});
