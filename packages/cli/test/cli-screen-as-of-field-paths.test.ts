// LANGUAGE.md §14 (`--as-of-field`) on every path of `visit screen` (issue 12): over generated past
// admissions (examples/historik/generate.mjs, `audit`), the output is byte for byte the same on one
// thread and on three (small segments), from a file and from stdin, to stdout and to --out, from
// NDJSON (lists as arrays) and from CSV + `--list` files; and every row equals that row screened
// alone with `--as-of` its own date (programmes and groups not in force that day `null`). The
// NDJSON rows are `JSON.stringify` of §10's row with `asOf` after `id`, and the CSV rows have the
// `asOf` column after `id`, a programme not in force an empty cell. Real processes throughout.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../dsl/src/index';
import { buildCli, EXAMPLES, ndjson, tempDir, visit, type Run } from './cli-support';

const RULES = join(EXAMPLES, 'historik', 'historik.visit');
const SOURCE = readFileSync(RULES, 'utf8');
const checked = check(SOURCE);
const GROUPS = [...checked.groups.keys()];
const PROGRAMS = [...checked.programs.keys()];
const RECORD_COLUMNS = ['cpr', 'birth_date', 'education', 'literacy', 'benefit', 'motivated', 'henvist', 'visiteret'];
const LISTS: Record<string, string[]> = { forløb: ['kind', 'start', 'end'], samtaler: ['dato', 'form'] };

type WriteHistory = (o: { dir: string; rows: number; seed: number; formats: string[]; audit: boolean; auditRows: number }) => unknown;
type Admission = Record<string, unknown>;

let tmp: ReturnType<typeof tempDir>;
let writeHistory: WriteHistory;
beforeAll(async () => {
  buildCli();
  tmp = tempDir('visit-as-of-field-paths-');
  ({ writeHistory } = (await import(pathToFileURL(join(EXAMPLES, 'historik', 'generate.mjs')).href)) as { writeHistory: WriteHistory });
}, 120_000);
afterAll(() => tmp.remove());

const cell = (v: unknown) => (v === undefined ? '' : v === true ? 'ja' : v === false ? 'nej' : String(v));

/**
 * The generator's admissions, written as NDJSON and as CSV + one long-form CSV per list. A list
 * the generator left out is written as `[]` in NDJSON: from CSV, a citizen with no lines has an
 * empty list (§12), so that both inputs hold the same records.
 */
function admissions(dir: string, seed: number, rows: number): { ndjson: string; csv: string; lists: string[]; records: Admission[] } {
  mkdirSync(dir, { recursive: true });
  writeHistory({ dir, rows: 1, seed, formats: [], audit: true, auditRows: rows });
  const records = readFileSync(join(dir, 'admissions.ndjson'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Admission);
  for (const r of records) for (const name of Object.keys(LISTS)) r[name] ??= [];
  const nd = join(dir, 'admissions-full.ndjson');
  writeFileSync(nd, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const csv = join(dir, 'admissions.csv');
  writeFileSync(csv, [RECORD_COLUMNS.join(','), ...records.map((r) => RECORD_COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n');
  const lists: string[] = [];
  for (const [name, fields] of Object.entries(LISTS)) {
    const file = join(dir, `${name === 'forløb' ? 'forloeb' : name}.csv`);
    const lines = [`cpr,${fields.join(',')}`];
    for (const r of records) for (const e of r[name] as Record<string, unknown>[]) lines.push(`${r.cpr as string},${fields.map((f) => cell(e[f])).join(',')}`);
    writeFileSync(file, lines.join('\n') + '\n');
    lists.push('--list', `${name}=${file}`);
  }
  return { ndjson: nd, csv, lists, records };
}

/** The summary without its timing (the heading's `in N ms`). */
function summary(r: Run): string {
  return r.stderr.replace(/ in \d+(\.\d+)? m?s/, ' in …');
}

async function ok(r: Promise<Run>): Promise<Run> {
  const run = await r;
  expect(run.code, run.stderr).toBe(0);
  return run;
}

/** Each row screened alone-by-date: the rows of one date in one file, `--as-of` that date (several processes at once). */
async function perDate(dir: string, records: Admission[]): Promise<Record<string, unknown>[]> {
  const byDate = new Map<string, number[]>();
  records.forEach((r, i) => {
    const d = r.visiteret as string;
    byDate.set(d, [...(byDate.get(d) ?? []), i]);
  });
  const expected: Record<string, unknown>[] = new Array(records.length);
  const dates = [...byDate];
  for (let at = 0; at < dates.length; at += 4) {
    await Promise.all(
      dates.slice(at, at + 4).map(async ([date, rows]) => {
        const file = join(dir, `on-${date}.ndjson`);
        writeFileSync(file, rows.map((i) => JSON.stringify(records[i])).join('\n') + '\n');
        const r = await visit(['screen', RULES, file, '--as-of', date]);
        expect(r.code, r.stderr).toBeLessThan(2);
        ndjson(r.stdout).forEach((one, k) => {
          const i = rows[k]!;
          if (one.status !== 'ok') {
            expected[i] = { row: i + 1, id: one.id, asOf: null, status: one.status, errors: one.errors };
            return;
          }
          const g = one.groups as Record<string, unknown>;
          const p = one.programs as Record<string, unknown>;
          expected[i] = {
            row: i + 1,
            id: one.id,
            asOf: date,
            status: 'ok',
            groups: Object.fromEntries(GROUPS.map((n) => [n, n in g ? g[n] : null])),
            programs: Object.fromEntries(PROGRAMS.map((n) => [n, n in p ? p[n] : null])),
          };
        });
      }),
    );
  }
  return expected;
}

/** The CSV output the NDJSON rows say (§10 columns, `asOf` after `id`), written out from the contract. */
function csvOf(rows: Record<string, unknown>[]): string {
  const head = ['row', 'id', 'asOf', 'status', ...GROUPS, ...PROGRAMS, 'errors'].join(',');
  const lines = rows.map((r) => {
    if (r.status !== 'ok') throw new Error('generated admissions are valid');
    const g = r.groups as Record<string, boolean | null>;
    const p = r.programs as Record<string, string | null>;
    return [r.row, r.id, r.asOf, 'ok', ...GROUPS.map((n) => (g[n] === null ? '' : String(g[n]))), ...PROGRAMS.map((n) => p[n] ?? ''), ''].join(',');
  });
  return [head, ...lines].map((l) => `${l}\r\n`).join('');
}

const THREE = { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: '256' };
const ONE = { VISIT_SCREEN_THREADS: '1' };

describe('property: --as-of-field gives the same bytes on every path, and each row as of its own date', () => {
  it('over generated admissions', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 12, max: 30 }), async (seed, rows) => {
        const dir = join(tmp.dir, `run-${n++}`);
        const a = admissions(dir, seed, rows);
        const field = ['--as-of-field', 'visiteret'];
        const base = await ok(visit(['screen', RULES, a.ndjson, ...field], { env: ONE }));

        // NDJSON: §10's row as JSON.stringify writes it, `asOf` after `id`; each row as of its own date.
        const parsed = ndjson(base.stdout);
        expect(parsed.map((r) => JSON.stringify(r) + '\n').join('')).toBe(base.stdout);
        for (const r of parsed) expect(Object.keys(r).slice(0, 4)).toEqual(['row', 'id', 'asOf', 'status']);
        expect(parsed).toEqual(await perDate(dir, a.records));

        const out = join(dir, 'out.ndjson');
        const paths: [string, Promise<Run>][] = [
          ['NDJSON, 3 threads', visit(['screen', RULES, a.ndjson, ...field], { env: THREE })],
          ['NDJSON on stdin', visit(['screen', RULES, '-', ...field], { env: ONE, input: readFileSync(a.ndjson) })],
          ['CSV + --list, 1 thread', visit(['screen', RULES, a.csv, ...a.lists, ...field], { env: ONE })],
          ['CSV + --list, 3 threads', visit(['screen', RULES, a.csv, ...a.lists, ...field], { env: THREE })],
          ['CSV + --list on stdin', visit(['screen', RULES, '-', ...a.lists, ...field], { env: THREE, input: readFileSync(a.csv) })],
        ];
        for (const [what, run] of paths) {
          const r = await ok(run);
          expect(r.stdout, what).toBe(base.stdout);
          expect(summary(r).replace(/screened \S+ against/, 'screened … against'), what).toBe(summary(base).replace(/screened \S+ against/, 'screened … against'));
        }
        const written = await ok(visit(['screen', RULES, a.csv, ...a.lists, ...field, '--out', out], { env: THREE }));
        expect(written.stdout).toBe('');
        expect(readFileSync(out, 'utf8')).toBe(base.stdout);

        // CSV output: the same on every path, and the columns the contract gives.
        const csvOut = ['--format', 'csv'];
        const csv1 = await ok(visit(['screen', RULES, a.ndjson, ...field, ...csvOut], { env: ONE }));
        expect(csv1.stdout).toBe(csvOf(parsed));
        for (const run of [
          visit(['screen', RULES, a.csv, ...a.lists, ...field, ...csvOut], { env: THREE }),
          visit(['screen', RULES, '-', ...a.lists, ...field, ...csvOut], { env: ONE, input: readFileSync(a.csv) }),
        ])
          expect((await ok(run)).stdout).toBe(csv1.stdout);

        // --explain: the same rows with an explanation, on one thread and on three.
        const explained1 = await ok(visit(['screen', RULES, a.csv, ...a.lists, ...field, '--explain'], { env: ONE }));
        const explained3 = await ok(visit(['screen', RULES, a.csv, ...a.lists, ...field, '--explain'], { env: THREE }));
        expect(explained3.stdout).toBe(explained1.stdout);
        expect(ndjson(explained1.stdout).map(({ explain, ...rest }) => (expect(explain).toBeTypeOf('object'), rest))).toEqual(parsed);
      }),
      { numRuns: 3 },
    );
  }, 600_000);
});

describe('--as-of-field on the pipeline', () => {
  it('counts the rows on whose day a programme was not in force, and says which field dated them', async () => {
    // hovedvej3 is in force 2015-11-01 – 2016-12-31: rows 2 and 3 are outside it.
    const rules = tmp.write(
      'nif.visit',
      `record C {\n  id: text key\n  visiteret: date\n  n: integer\n}\ngroup stor = n > 3\nprogram hovedvej3 from 2015-11-01 until 2016-12-31 { require stor }\nprogram altid { require n > 0 }\n`,
    );
    const file = tmp.write('nif.csv', 'id,visiteret,n\na,2016-05-01,5\nb,2017-01-01,5\nc,2015-10-31,0\n');
    const r = await visit(['screen', rules, file, '--as-of-field', 'visiteret']);
    expect(r.code, r.stderr).toBe(0);
    expect(ndjson(r.stdout).map((x) => (x.programs as Record<string, unknown>).hovedvej3)).toEqual(['eligible', null, null]);
    expect(r.stderr).toContain('visit: reference date of each row: its visiteret\n');
    expect(r.stderr).toMatch(/each row as of its visiteret, in \d+ ms \(3 dates\)\n  rules      sha256:[0-9a-f]{12}… as of each row's visiteret\n/);
    expect(r.stderr).toMatch(/\n  programme +eligible +ineligible +undetermined +not in force\n  hovedvej3 +1 +0 +0 +2\n  altid +2 +1 +0 +0\n/);
  });

  it('warns about unknown CSV columns, as without --as-of-field', async () => {
    const rules = tmp.write('w.visit', `record C {\n  id: text key\n  visiteret: date\n  n: integer\n}\ngroup g = n > 1\n`);
    const file = tmp.write('w.csv', 'id,visiteret,n,extra\na,2016-05-01,2,x\n');
    const r = await visit(['screen', rules, file, '--as-of-field', 'visiteret']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning.*extra/);
  });
});
