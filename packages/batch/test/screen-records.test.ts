// screenRecords, the one call an integrator makes: a file path, a Node stream, a web
// ReadableStream, bytes and an array of records give the same rows, in the same order, as
// `visit screen` (a real process) on the same input, and the summary counts it prints.

import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenRecords as screenInBrowser, RecordsError, RulesError, type ResultRow, type ScreenSummary } from '../src/index';
import { screenRecords } from '../src/node';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');
const WORKER = pathToFileURL(join(ROOT, 'packages', 'cli', 'dist', 'screen-worker.js'));
const RULES_FILE = join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.visit');
const CSV_FILE = join(ROOT, 'examples', 'tre-hovedveje', 'citizens.csv');
const RULES = readFileSync(RULES_FILE, 'utf8');
const AS_OF = '2026-11-23';

const tmp = mkdtempSync(join(tmpdir(), 'visit-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stderr}`);
});

/** `visit screen` as a real process: its output rows, its text, and the counts of its summary. */
function cli(records: string, extra: string[] = []): { rows: ResultRow[]; stdout: string; counts: Counts } {
  const run = spawnSync(process.execPath, [BIN, 'screen', RULES_FILE, records, '--as-of', AS_OF, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`visit screen exited ${run.status}:\n${run.stderr}`);
  const rows = extra.includes('csv') ? [] : run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as ResultRow);
  return { rows, stdout: run.stdout, counts: printedCounts(run.stderr) };
}

interface Counts {
  rows: number;
  valid: number;
  invalid: number;
  programmes: [string, number, number, number][];
}

/** The numbers of the summary `visit screen` prints on stderr. */
function printedCounts(stderr: string): Counts {
  const number = (label: string) => Number(new RegExp(`^  ${label} +([0-9,]+)$`, 'm').exec(stderr)![1]!.replace(/,/g, ''));
  const table = stderr.split('\n  programme')[1]?.split('\n\n')[0] ?? '';
  const programmes = table
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [name, ...n] = l.trim().split(/\s+/);
      return [name!, ...n.map((x) => Number(x.replace(/,/g, '')))] as [string, number, number, number];
    });
  return { rows: number('rows read'), valid: number('valid'), invalid: number('invalid'), programmes };
}

function countsOf(s: ScreenSummary): Counts {
  return { rows: s.rows, valid: s.valid, invalid: s.invalid, programmes: s.programmes.map((p) => [p.name, p.eligible, p.ineligible, p.undetermined]) };
}

async function collect(run: AsyncIterable<ResultRow>): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for await (const row of run) rows.push(row);
  return rows;
}

describe('screenRecords gives the rows and the counts of visit screen', () => {
  const expected = () => cli(CSV_FILE);
  let reference: ReturnType<typeof cli>;
  beforeAll(() => {
    reference = expected();
    expect(reference.rows.length).toBeGreaterThan(100);
  });

  const sources: [string, () => Parameters<typeof screenRecords>[0]][] = [
    ['a file path', () => CSV_FILE],
    ['a file: URL', () => pathToFileURL(CSV_FILE)],
    ['a Node Readable', () => createReadStream(CSV_FILE, { highWaterMark: 997 })],
    ['a web ReadableStream', () => Readable.toWeb(createReadStream(CSV_FILE, { highWaterMark: 4096 })) as ReadableStream<Uint8Array>],
    ['a web ReadableStream from a Blob', () => new Blob([readFileSync(CSV_FILE)]).stream()],
    ['bytes', () => new Uint8Array(readFileSync(CSV_FILE))],
  ];
  it.each(sources)('%s', async (_name, source) => {
    const run = screenRecords(source(), RULES, { asOf: AS_OF });
    expect(await collect(run)).toEqual(reference.rows);
    expect(countsOf(await run.summary())).toEqual(reference.counts);
  });

  it('the browser entry, from a web ReadableStream', async () => {
    const run = screenInBrowser(new Blob([readFileSync(CSV_FILE)]).stream(), RULES, { asOf: AS_OF });
    expect(await collect(run)).toEqual(reference.rows);
    expect(countsOf(await run.summary())).toEqual(reference.counts);
  });

  it('text() is byte for byte the NDJSON of visit screen, and with output csv its CSV', async () => {
    let text = '';
    for await (const piece of screenRecords(CSV_FILE, RULES, { asOf: AS_OF }).text()) text += piece;
    expect(text).toBe(reference.stdout);
    let csv = '';
    for await (const piece of screenRecords(CSV_FILE, RULES, { asOf: AS_OF, output: 'csv', explain: true }).text()) csv += piece;
    expect(csv).toBe(cli(CSV_FILE, ['--format', 'csv', '--explain']).stdout);
  });

  it('with --explain, the explanations too', async () => {
    const explained = cli(CSV_FILE, ['--explain']);
    expect(await collect(screenRecords(CSV_FILE, RULES, { asOf: AS_OF, explain: true }))).toEqual(explained.rows);
  });

  it('an array of records: the rows of visit screen on the same records as NDJSON', async () => {
    const records = readFileSync(CSV_FILE, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/)
      .map((line, _i, all) => {
        const header = all[0]!.split(';');
        const cells = line.split(';');
        return Object.fromEntries(header.map((h, k) => [h, cells[k]]).filter(([, v]) => v !== ''));
      })
      .slice(1);
    // A record of the wrong shape stays one row (invalid), in its place.
    records.splice(3, 0, { cpr: '0101011234', birth_date: 'yesterday' });
    const ndjson = join(tmp, 'records.ndjson');
    writeFileSync(ndjson, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const viaCli = cli(ndjson);
    const run = screenRecords(records, RULES, { asOf: AS_OF });
    const rows = await collect(run);
    expect(rows).toEqual(viaCli.rows);
    expect(rows[3]).toMatchObject({ row: 4, status: 'invalid' });
    expect(countsOf(await run.summary())).toEqual(viaCli.counts);
  });

  it('summary() alone screens the whole input', async () => {
    expect(countsOf(await screenRecords(CSV_FILE, RULES, { asOf: AS_OF }).summary())).toEqual(reference.counts);
  });
});

describe('a large CSV file split between worker threads', () => {
  it('gives the same rows and counts as visit screen (on threads too)', async () => {
    // Over 4 MiB: more than one segment; a quoted cell over two lines now and then.
    const [header, ...lines] = readFileSync(CSV_FILE, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
    const out: string[] = [header!];
    for (let i = 0; out.length < 60_000; i++) {
      const line = lines[i % lines.length]!;
      out.push(i % 997 === 5 ? line.replace(/;([^;]*)$/, ';"1\n$1"') : line);
    }
    const file = join(tmp, 'large.csv');
    writeFileSync(file, out.join('\r\n') + '\r\n');
    expect(statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
    const viaCli = cli(file);
    const run = screenRecords(file, RULES, { asOf: AS_OF, threads: 2, workerUrl: WORKER });
    const rows = await collect(run);
    expect(rows.length).toBe(viaCli.rows.length);
    expect(rows).toEqual(viaCli.rows);
    expect(countsOf(await run.summary())).toEqual(viaCli.counts);
  }, 120_000);
});

describe('any chunking of the same bytes gives the same rows', () => {
  it('property: a stream cut anywhere = the bytes whole', async () => {
    const bytes = new Uint8Array(readFileSync(CSV_FILE)).subarray(0, 4000);
    const whole = await collect(screenRecords(bytes, RULES, { asOf: AS_OF }));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = at.slice(1).map((end, i) => bytes.subarray(at[i]!, end));
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const c of chunks) controller.enqueue(c);
            controller.close();
          },
        });
        expect(await collect(screenRecords(stream, RULES, { asOf: AS_OF }))).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });
});

describe('what cannot be screened says why', () => {
  it.each([
    ['rules with an error', 'record { id: text key }\nprogram p "p" { require nosuch }', new Uint8Array(), RulesError],
    ['an empty CSV (no header)', RULES, new Uint8Array(), RecordsError],
  ] as const)('%s', async (_name, rules, source, error) => {
    await expect(collect(screenRecords(source, rules, { asOf: AS_OF, inputFormat: 'csv' }))).rejects.toBeInstanceOf(error);
  });

  it('a missing file rejects with ENOENT', async () => {
    await expect(collect(screenRecords(join(tmp, 'missing.csv'), RULES, { asOf: AS_OF }))).rejects.toThrow(/ENOENT/);
  });
});
