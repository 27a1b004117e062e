// The big differential property (issue 9): random well-typed rule files — every expression form of
// LANGUAGE.md §4 (brackets anywhere, `not (…)`, `at least N of`, `between`, `in`, `is known`,
// arithmetic, calendar spans), params of every unit with overrides, lets and groups using lets and
// groups, written as people write them (comments, line breaks inside expressions, lines that begin
// and end with brackets, Danish letters in names, declarations in any order, CRLF) — and random
// records as CSV (`,` or `;` with decimal commas, booleans as ja/nej/TRUE/1, quoted cells) or NDJSON,
// with missing values and invalid rows. For every file, as real files through the real CLI:
//   - `visit check` exits 0;
//   - `visit screen` exits 0 when every row is valid and 1 when some is not, never 2, and writes one
//     row per record, in order, invalid exactly where a value was spoilt;
//   - for every ok row, each group's value and each programme's outcome equal those computed with
//     json-logic-js from `visit compile`'s document, in both layouts (the referenced one run by the
//     host loop its README text describes);
//   - every SQL_EVERY-th file is screened again with `--engine duckdb` (the rules compiled to SQL,
//     evaluated in DuckDB, LANGUAGE.md §16): the same stdout byte for byte, the same exit code and
//     the same summary.
//
// Processes: every SPAWN_EVERY-th file runs all four commands as real processes (`node visit.js`),
// the others call `main(argv, io)` of the same built bundle (packages/cli/dist/visit.js, the function
// the bin entry and scripts/visit.mjs run) in this process, with stdout and stderr captured: the same
// bundle and code path from argument parsing to exit code, without ~0.4 s of start-up per command.
// In-process screens run on one thread (VISIT_SCREEN_THREADS=1); the spawned ones use the default
// worker threads, so both paths are covered.
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, ndjson, tempDir, untimed, visit, type Run } from './cli-support';
import { fromJsonLogic, type Document } from './jsonlogic-host';
import {
  asOfDate,
  drawFrom,
  FIELD_KINDS,
  generateFile,
  materializeRecord,
  recordSpec,
  type GeneratedFile,
  type RecordSpec,
} from '../../engine/test/support/arbitrary';

const FILES = Number(process.env.VISIT_PROPERTY_FILES ?? 300);
const SPAWN_EVERY = Number(process.env.VISIT_PROPERTY_SPAWN_EVERY ?? 10);
const SQL_EVERY = Number(process.env.VISIT_PROPERTY_SQL_EVERY ?? 3);
/** The whole test must stay within three minutes on a loaded 2-core machine. */
const BUDGET_MS = Number(process.env.VISIT_PROPERTY_BUDGET_MS ?? 160_000);


const tmp = tempDir('rule-files-property');
type Main = (argv: readonly string[], io: object) => Promise<number>;
let main: Main;
beforeAll(async () => {
  buildCli();
  main = ((await import(pathToFileURL(BIN).href)) as { main: Main }).main;
});
afterAll(() => tmp.remove());

/** `main(argv, io)` of the built bundle, with stdout and stderr captured (never a terminal). */
async function inProcess(args: readonly string[]): Promise<Run> {
  const sink = () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
        done();
      },
    });
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = sink();
  const err = sink();
  const io = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([]),
    env: { ...process.env, NO_COLOR: '1', VISIT_SCREEN_THREADS: '1' },
    today: () => '2026-11-23',
    workerUrl: new URL('./screen-worker.js', pathToFileURL(BIN)),
    onInterrupt: () => () => undefined,
  };
  const code = await main(args, io);
  return { code, signal: null, stdout: out.text(), stderr: err.text() };
}

// ------------------------------------------------------------------ records as files

type Format =
  | { kind: 'ndjson'; extraKey: boolean }
  | {
      kind: 'csv';
      delimiter: ',' | ';';
      crlf: boolean;
      booleans: [string, string];
      /** The header's column order, and an undeclared column (ignored with a warning). */
      columns: string[];
      extraColumn: boolean;
      /** Excel's UTF-8 byte order mark, and quotes around every cell. */
      bom: boolean;
      quoteAll: boolean;
    };

const COLUMNS = Object.keys(FIELD_KINDS);

const format: fc.Arbitrary<Format> = fc.oneof(
  fc.record({ kind: fc.constant('ndjson' as const), extraKey: fc.boolean() }),
  fc.record({
    kind: fc.constant('csv' as const),
    delimiter: fc.constantFrom<',' | ';'>(',', ';'),
    crlf: fc.boolean(),
    booleans: fc.constantFrom<[string, string]>(['true', 'false'], ['TRUE', 'FALSE'], ['ja', 'nej'], ['Ja', 'Nej'], ['1', '0'], ['yes', 'no']),
    columns: fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
    extraColumn: fc.boolean(),
    bom: fc.boolean(),
    quoteAll: fc.boolean(),
  }),
);

/** A value spoilt so that the row must be invalid: [field, cell or JSON value]. */
const SPOILERS: readonly [string, string | number][] = [
  ['level', '9'],
  ['level', '2.5'],
  ['score', 'abc'],
  ['born', '2026-02-30'],
  ['born', ''],
  ['benefit', 'Dagpenge'],
  ['motivated', 'måske'],
  ['antal_uger', '-1'],
];

interface Row {
  /** The record as the engine reads it (typed, missing = absent), or undefined for an invalid row. */
  typed?: Record<string, unknown>;
  spec: RecordSpec;
  spoil?: number;
  /** CSV only: one cell too many. */
  extraCell?: boolean;
}

const rowArbitrary: fc.Arbitrary<Omit<Row, 'typed'>> = fc.record(
  {
    spec: recordSpec,
    spoil: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat(SPOILERS.length - 1) }),
    extraCell: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  },
  { requiredKeys: ['spec'] },
);

function cellText(name: string, value: unknown, f: Format & { kind: 'csv' }): string {
  if (value === undefined || value === null) return '';
  if (FIELD_KINDS[name] === 'boolean') return value ? f.booleans[0] : f.booleans[1];
  // `;` files write a decimal comma (§7); -0 keeps its sign.
  if (typeof value === 'number') return (Object.is(value, -0) ? '-0' : String(value)).replace('.', f.delimiter === ';' ? ',' : '.');
  return String(value);
}

function csvCell(text: string, quoteAll: boolean): string {
  return quoteAll || /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The records file's text, and for each row the record the engine must read (none when invalid). */
function recordsFile(rows: Omit<Row, 'typed'>[], asOf: string, f: Format): { text: string; typed: (Record<string, unknown> | undefined)[] } {
  const typed: (Record<string, unknown> | undefined)[] = [];
  const lines: string[] = [];
  rows.forEach((row, i) => {
    const record = materializeRecord(row.spec, asOf, i + 1);
    const spoilt = row.spoil === undefined ? undefined : SPOILERS[row.spoil]!;
    const extra = f.kind === 'csv' && row.extraCell === true;
    if (f.kind === 'ndjson') {
      // Written as JSON and read back: what the engine is given (−0 becomes 0 in JSON text).
      const value: Record<string, unknown> = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
      typed.push(spoilt || extra ? undefined : value);
      const written: Record<string, unknown> = { ...value };
      // Some values as text, which NDJSON reads like CSV cells (language-decisions.md, Records).
      if (typeof written.level === 'number' && i % 3 === 0) written.level = String(written.level);
      if (typeof written.motivated === 'boolean' && i % 4 === 1) written.motivated = written.motivated ? 'ja' : 'nej';
      if (spoilt) written[spoilt[0]] = spoilt[1] === '' ? null : spoilt[1];
      if (f.extraKey) written.bemærkning = 'ikke en del af reglerne';
      // Keys in any order: rotated by the row number.
      const keys = Object.keys(written);
      const rotated = [...keys.slice(i % keys.length), ...keys.slice(0, i % keys.length)];
      lines.push(JSON.stringify(Object.fromEntries(rotated.map((k) => [k, written[k]]))));
      return;
    }
    const cells = f.columns.map((name) => cellText(name, record[name], f));
    if (spoilt) cells[f.columns.indexOf(spoilt[0])] = String(spoilt[1]);
    if (f.extraColumn) cells.push('note');
    if (extra) cells.push('overskud');
    // Missing cells read as missing: a null and an absent field alike.
    const value: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) if (v !== null) value[k] = v;
    typed.push(spoilt || extra ? undefined : value);
    lines.push(cells.map((c) => csvCell(c, f.quoteAll)).join(f.delimiter));
  });
  if (f.kind === 'ndjson') return { text: `${lines.join('\n')}\n`, typed };
  const eol = f.crlf ? '\r\n' : '\n';
  const header = [...f.columns, ...(f.extraColumn ? ['bemærkning'] : [])].map((c) => csvCell(c, f.quoteAll)).join(f.delimiter);
  return { text: `${f.bom ? '\ufeff' : ''}${[header, ...lines].join(eol)}${eol}`, typed };
}


// ------------------------------------------------------------------ the property

describe('random rule files through the real CLI', () => {
  it(`check, screen and compile agree on ${FILES} files (every ${SPAWN_EVERY}th as real processes)`, async () => {
    let files = 0;
    let sqlFiles = 0;
    let okRows = 0;
    let invalidRows = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.gen(), asOfDate, format, fc.array(rowArbitrary, { minLength: 1, maxLength: 10 }), async (g, asOf, f, rows) => {
        const file: GeneratedFile = generateFile(drawFrom(g));
        const n = files++;
        const run = n % SPAWN_EVERY === 0 ? (args: string[]) => visit(args) : inProcess;
        const dir = `case-${n}`;
        const rules = tmp.write(`${dir}-regler.visit`, file.source);
        const { text, typed } = recordsFile(rows, asOf, f);
        const records = tmp.write(`${dir}-borgere.${f.kind}`, text);
        const params = Object.entries(file.params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
        const context = (what: string, r?: Run) =>
          `${what}\n--- ${n % SPAWN_EVERY === 0 ? 'spawned' : 'in process'}, as of ${asOf}, params ${JSON.stringify(file.params)}\n` +
          `--- rules\n${file.source}\n--- records (${f.kind})\n${text}` +
          (r ? `--- exit ${r.code}\n--- stdout\n${r.stdout.slice(0, 4000)}\n--- stderr\n${r.stderr.slice(0, 4000)}` : '');

        const checked = await run(['check', rules]);
        if (checked.code !== 0) throw new Error(context('visit check did not exit 0', checked));

        const screened = await run(['screen', rules, records, '--as-of', asOf, ...params]);
        const anyInvalid = typed.some((t) => t === undefined);
        if (screened.code !== (anyInvalid ? 1 : 0)) throw new Error(context(`visit screen exited ${screened.code}, expected ${anyInvalid ? 1 : 0}`, screened));
        if (n % SQL_EVERY === 0) {
          const sql = await run(['screen', rules, records, '--as-of', asOf, ...params, '--engine', 'duckdb']);
          if (sql.code !== screened.code || sql.stdout !== screened.stdout || untimed(sql.stderr) !== untimed(screened.stderr)) {
            throw new Error(context(`visit screen --engine duckdb differs from the JavaScript engine:\n--- duckdb exit ${sql.code}\n${sql.stdout.slice(0, 4000)}\n--- duckdb stderr\n${sql.stderr.slice(0, 2000)}`, screened));
          }
          sqlFiles++;
        }
        const out = ndjson(screened.stdout);
        if (out.length !== rows.length) throw new Error(context(`visit screen wrote ${out.length} rows for ${rows.length} records`, screened));

        const docs: Document[] = [];
        for (const layout of ['inline', 'referenced']) {
          const compiled = await run(['compile', rules, '--as-of', asOf, '--layout', layout, ...params]);
          if (compiled.code !== 0) throw new Error(context(`visit compile --layout ${layout} did not exit 0`, compiled));
          docs.push(JSON.parse(compiled.stdout) as Document);
        }

        out.forEach((row, i) => {
          const record = typed[i];
          const where = `row ${i + 1}`;
          if (row.row !== i + 1) throw new Error(context(`${where}: numbered ${String(row.row)}`, screened));
          if (record === undefined) {
            invalidRows++;
            if (row.status !== 'invalid' || 'groups' in row) throw new Error(context(`${where}: a spoilt value, but status ${String(row.status)}`, screened));
            return;
          }
          okRows++;
          if (row.status !== 'ok') throw new Error(context(`${where}: status ${String(row.status)} (${JSON.stringify(row.errors)})`, screened));
          if (row.id !== record.id) throw new Error(context(`${where}: id ${String(row.id)}`, screened));
          for (const doc of docs) {
            const expected = fromJsonLogic(doc, record);
            const actual = { groups: row.groups, programs: row.programs };
            if (JSON.stringify(actual) !== JSON.stringify(expected)) {
              throw new Error(context(`${where}: visit screen ${JSON.stringify(actual)}\n  json-logic-js (${doc.layout}) ${JSON.stringify(expected)}\n  record ${JSON.stringify(record)}`, screened));
            }
          }
        });
      }),
      { numRuns: FILES, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    // The budget may cut a slow run short, but never below most of the files.
    expect(files, `files run in ${seconds} s`).toBeGreaterThanOrEqual(Math.min(FILES, 100));
    expect(okRows).toBeGreaterThan(files * 2);
    expect(sqlFiles).toBeGreaterThanOrEqual(Math.floor(files / SQL_EVERY));
    expect(invalidRows).toBeGreaterThan(0);
  }, BUDGET_MS + 20_000);
});
