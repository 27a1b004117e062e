// `visit screen RULES RECORDS`, the implementation (the options are in commands/screen.ts): screen
// every record, one output row per input row, in order. Exit 0 all rows valid, 1 some rows invalid
// (still in the output), 2 could not run (then no output is written). stdout carries only data; the
// reference date, warnings, the progress bar (only on a terminal) and the summary go to stderr, and
// never a record's values. The run itself (read → split → screen → format) is @visit/batch's; this
// file opens the input and the output and says what happened.

import { fstat } from 'node:fs';
import { resolve } from 'node:path';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { Readable } from 'node:stream';
import {
  createStreamSink,
  fileIdentity,
  formatFromPath,
  openAtomicFileSink,
  parseBreakdown,
  programInfos,
  renderDatedSummary,
  renderNotInForce,
  readList,
  renderRules,
  renderScreenReport,
  screenReportData,
  renderSummary,
  Screening,
  screeningThreads,
  spawnWorkers,
  type ByteSource,
  type CsvDelimiter,
  type ListData,
  type Encoding,
  type OutputSink,
  type ProtectedFile,
  type RecordsFormat,
} from '@visit/batch/node';
import type { CheckedFile } from '@visit/dsl';
import { stdoutFailed, writeAll, type Io } from './context';
import { asOfDate, fileErrorReason, isStdin, paramOverrides, problem, shapeFound, STDIN_ARG, UsageError } from './options';
import { Progress } from './progress';
import { languageFrom, type Language } from './language';
import { loadRules } from './rules';
import { styleFor } from './style';
import { cliWords } from './words';

/** What `visit screen` was asked (commands/screen.ts parses it). */
export interface ScreenRequest {
  rules: string;
  /** The records file, or - for stdin; absent with --engine postgres (the table is the records). */
  records?: string | undefined;
  /** `parquet`: read through DuckDB as NDJSON lines (sql/src/run/parquet.ts); also from a `.parquet` name. */
  inputFormat?: RecordsFormat | 'parquet' | undefined;
  delimiter?: CsvDelimiter | undefined;
  encoding?: Encoding | undefined;
  format: 'ndjson' | 'csv';
  out?: string | undefined;
  asOf?: string | undefined;
  param?: readonly string[] | undefined;
  explain: boolean;
  /** `--as-of-field FIELD` (§14): each row as of the date in its FIELD, on the same pipeline. */
  asOfField?: string | undefined;
  /** `--list NAME=FILE` (§12), repeatable. */
  list?: readonly string[] | undefined;
  /** `--report FILE`: the equal-treatment report (HTML), written whole or not at all after the output. */
  report?: string | undefined;
  /** `--by SPEC` (repeatable, with --report): the report's breakdowns (@visit/batch breakdown/). */
  by?: readonly string[] | undefined;
  /** `--lang`: the report's language. */
  /** `--lang` as typed (checked by languageFrom: da or en, else exit 2). */
  lang?: string | undefined;
  /** `--engine`: who evaluates the rules — the JavaScript engine (default) or the compiled SQL in DuckDB (§16). */
  engine?: 'js' | 'duckdb' | 'postgres' | undefined;
  /** `--connection URL` (--engine postgres): never printed. */
  connection?: string | undefined;
  /** `--table T` (--engine postgres): the records' table (default citizens). */
  table?: string | undefined;
  /** `--list-table NAME=TABLE` (--engine postgres), repeatable. */
  listTable?: readonly string[] | undefined;
}

/** A request whose records are a file or stdin (every engine but postgres). */
type FileRequest = ScreenRequest & { records: string };

export async function screen(args: ScreenRequest, io: Io): Promise<number> {
  if (args.engine === 'postgres') {
    // The records are the table's rows (sql/src/run/postgres.ts): nothing about files applies.
    if (args.records !== undefined) throw new UsageError(problem().postgresNoRecords(args.records));
    if (args.connection === undefined || args.connection.trim() === '') throw new UsageError(problem().postgresNeedsConnection);
    const fileOptions: [string, unknown][] = [
      ['--input-format', args.inputFormat],
      ['--delimiter', args.delimiter],
      ['--encoding', args.encoding],
      ['--list', args.list?.length ? args.list : undefined],
    ];
    for (const [option, value] of fileOptions) if (value !== undefined) throw new UsageError(problem().postgresNotWith(option));
    if (args.explain) throw new UsageError(problem().postgresExplain);
    return screenPostgres(args, io);
  }
  if (args.connection !== undefined || args.table !== undefined || (args.listTable?.length ?? 0) > 0) {
    throw new UsageError(problem().postgresOnly('--connection, --table and --list-table'));
  }
  if (args.records === undefined) throw new UsageError(problem().recordsMissing);
  if (isParquet(args.records, args.inputFormat)) {
    // DuckDB reads the file and gives each row as a line of NDJSON: the options about text do not apply.
    if (isStdin(args.records)) throw new UsageError(problem().parquetStdin);
    if (args.delimiter !== undefined) throw new UsageError(problem().delimiterNotParquet);
    if (args.encoding !== undefined) throw new UsageError(problem().encodingNotParquet);
    if ((args.list?.length ?? 0) > 0) throw new UsageError(problem().listNotParquet);
  }
  return screenFile({ ...args, records: args.records }, io);
}

/** Parquet records: asked with --input-format parquet, or a file named *.parquet. */
function isParquet(records: string, inputFormat: ScreenRequest['inputFormat']): boolean {
  return inputFormat === 'parquet' || (inputFormat === undefined && !isStdin(records) && records.toLowerCase().endsWith('.parquet'));
}

/** --engine postgres: screenWith over the table's records, as NDJSON lines from the database. */
async function screenPostgres(args: ScreenRequest, io: Io): Promise<number> {
  const table = args.table ?? 'citizens';
  const { listTables } = await import('./sql-options');
  const tables = listTables(args.listTable);
  return screenWith({ ...args, records: table, inputFormat: 'ndjson' }, io, undefined, { connection: args.connection!, table, listTables: tables });
}

async function screenFile(args: FileRequest, io: Io): Promise<number> {
  if (args.asOfField !== undefined && args.asOf !== undefined) {
    throw new UsageError(problem().asOfExclusive);
  }
  if (args.by !== undefined && args.by.length > 0 && args.report === undefined) {
    throw new UsageError(problem().byNeedsReport);
  }
  if (args.report !== undefined && args.asOfField !== undefined) {
    throw new UsageError(problem().reportWithAsOfField);
  }
  if (args.engine === 'duckdb') {
    // The records are read twice (sql/src/run/duckdb.ts): a file, not stdin; explanations and a
    // date per row are not compiled to SQL yet.
    if (isStdin(args.records)) throw new UsageError(problem().duckdbStdin);
    if (args.explain) throw new UsageError(problem().duckdbExplain);
  }
  if (args.report !== undefined && args.out !== undefined && resolve(args.report) === resolve(args.out)) {
    throw new UsageError(problem().reportIsOut);
  }
  // A large CSV file is screened on several threads: start the workers now, so that their start-up
  // (loading the engine) overlaps reading the rules. They are stopped on every way out.
  const early = await earlyWorkers(args, io);
  try {
    return await screenWith(args, io, early);
  } finally {
    if (early) await Promise.all(early.workers.map((w) => w.terminate()));
  }
}

/** Workers started before the rules are read, and how many threads (with the main thread) they were started for. */
interface EarlyWorkers {
  workers: Worker[];
  threads: number;
}

async function earlyWorkers(args: FileRequest, io: Io): Promise<EarlyWorkers | undefined> {
  if (!io.workerUrl || isStdin(args.records) || io.env.VISIT_SCREEN_MAIN === '0' || args.engine === 'duckdb') return undefined;
  if ((args.inputFormat ?? formatFromPath(args.records)) !== 'csv') return undefined;
  // UTF-16 is read on one thread (see @visit/batch pipeline.ts).
  if (args.encoding === 'utf-16le' || args.encoding === 'utf-16be') return undefined;
  const size = await stat(args.records).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
  if (size === undefined) return undefined;
  const threads = screeningThreads(size, io.env.VISIT_SCREEN_THREADS);
  return threads > 1 ? { workers: spawnWorkers(io.workerUrl, threads - 1), threads } : undefined;
}

/** --engine postgres: where the records are. */
interface PostgresSource {
  connection: string;
  table: string;
  listTables: Record<string, string>;
}

async function screenWith(args: FileRequest, io: Io, early: EarlyWorkers | undefined, postgres?: PostgresSource): Promise<number> {
  const style = styleFor(io.stderr, io.env);
  const fail = async (message: string) => {
    await writeAll(io.stderr, `${style.error(`visit: ${message}`)}\n`);
    return 2;
  };
  const { asOf, isToday } = asOfDate(args.asOf, io.today());
  // §14: each row as of the date in this field (then `asOf` is unused).
  const asOfField = args.asOfField;
  const params = paramOverrides(args.param);
  if (args.delimiter !== undefined && args.inputFormat === 'ndjson') {
    throw new UsageError(problem().delimiterNotNdjson);
  }

  const listFiles = listOptions(args.list);
  // Rule errors and the --report page speak --lang, else the locale.
  const lang = languageFrom(args.lang, io.env);
  const words = cliWords(lang);
  const warning = style.warning(`visit: ${words.warning}`);
  const rules = await loadRules(args.rules, params, io, lang);
  if (!rules.ok) return 2;
  const engine = await import('@visit/engine');
  if (asOfField === undefined) {
    // §13: a name in use with no version in force on the reference date: nothing is run.
    const view = (await import('@visit/dsl')).inForce(rules.checked, asOf);
    if (!view.ok) return fail(problem().nothingWasRun(view.message));
  } else {
    // §14: the field must be a date field of the record; found out before anything is read.
    const dated = engine.compileDated(rules.checked, { asOfField, params });
    if (!dated.ok) return fail(problem().nothingWasRun(dated.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')));
  }
  // Lists are read whole before the records (read/lists.ts), so that every thread can join them.
  const lists = await readListFiles(listFiles, engine, rules.checked, args.encoding, io, lang, warning);
  if (!lists.ok) return fail(lists.message);
  // --by: every spec is checked against the record before anything is read (the threads parse them again).
  const by = [...(args.by ?? [])];
  for (const spec of by) {
    const parsed = parseBreakdown(spec, rules.checked, { lang });
    if (!parsed.ok) return fail(problem().nothingWasRun(parsed.message));
  }

  const recordsName = postgres ? words.postgresTable(postgres.table) : isStdin(args.records) ? words.stdin : args.records;
  const sql = args.engine === 'duckdb' || postgres !== undefined;
  const options = (engineModule: typeof engine, threads: number, quiet: boolean): ConstructorParameters<typeof Screening>[0] => ({
    engine: engineModule,
    rules,
    asOf,
    ...(asOfField === undefined ? {} : { asOfField }),
    params,
    output: args.format,
    explain: args.explain,
    inputFormat: postgres || isParquet(args.records, args.inputFormat) ? 'ndjson' : ((args.inputFormat as RecordsFormat | undefined) ?? (isStdin(args.records) ? undefined : formatFromPath(args.records))),
    delimiter: args.delimiter,
    encoding: args.encoding,
    ...(lists.data.length > 0 ? { lists: lists.data } : {}),
    ...(args.report !== undefined ? { report: { by, lang } } : {}),
    lang,
    threads,
    ...(workerUrl && !sql
      ? { spawnWorkers: (count: number) => (early && early.threads === threads && local ? early.workers : spawnWorkers(workerUrl, count)) }
      : {}),
    screenOnMainThread: local,
    // For tests of the cuts between segments (cli-screen-parallel.test.ts).
    ...(Number(io.env.VISIT_SCREEN_SEGMENT_BYTES) > 0 ? { segmentBytes: Number(io.env.VISIT_SCREEN_SEGMENT_BYTES) } : {}),
    // The records' encoding: a guess of Windows-1252 is said once, on whichever thread makes it.
    onEncodingWarning: quiet ? () => undefined : (message) => void writeAll(io.stderr, `${warning}: ${recordsName}: ${message}\n`),
    onWarning: quiet ? () => undefined : (message) => void writeAll(io.stderr, `${warning}: ${message}\n`),
  });
  const workerUrl = io.workerUrl;
  const local = io.env.VISIT_SCREEN_MAIN !== '0';

  // --engine duckdb: a first pass loads the records the pipeline would evaluate into DuckDB, and
  // the compiled SQL evaluates them; the run below reads the input again and takes each
  // evaluation from SQL (@visit/sql run/duckdb.ts). Its warnings are said by the run below.
  let screeningEngine = engine;
  let duck: import('@visit/sql').DuckDbRun | undefined;
  // The summary's time is the whole run's: both passes and the SQL.
  const sqlStarted = sql ? performance.now() : undefined;
  if (args.engine === 'duckdb') {
    const { openDuckDb } = await import('@visit/sql');
    try {
      duck = await openDuckDb(engine, rules.checked, { asOf, ...(asOfField === undefined ? {} : { asOfField }), params });
    } catch (e) {
      if (e instanceof (await import('@visit/sql')).SqlCompileError) return fail(problem().nothingWasRun((await import('./sql-options')).sqlMessage(e)));
      return fail(e instanceof Error ? e.message : String(e));
    }
    const first = await openRecords(args.records, io, isParquet(args.records, args.inputFormat));
    if (!first.ok) {
      duck.close();
      return fail(first.message);
    }
    const loading = new Screening(options(duck.recorder, 1, true));
    try {
      const ready = await loading.open(first.input as AsyncIterable<Uint8Array>);
      if (!ready.ok) {
        duck.close();
        return fail(ready.stage === 'header' ? `${recordsName}: ${ready.error}` : ready.error);
      }
      for await (const _ of loading.pieces()) void _;
      screeningEngine = await duck.evaluate();
    } catch (e) {
      duck.close();
      return fail(problem().cannotRead(recordsName, fileErrorReason(e)));
    } finally {
      await loading.stop();
      await first.close();
    }
  }

  // --engine postgres: the input is the table's records as NDJSON lines, and each evaluation is
  // the SELECT's (@visit/sql run/postgres.ts).
  let pg: import('@visit/sql').PostgresRun | undefined;
  if (postgres) {
    const { openPostgres, SqlCompileError } = await import('@visit/sql');
    const { MAX_LINE_CHARS } = await import('@visit/batch/node');
    try {
      pg = await openPostgres(engine, rules.checked, { ...postgres, asOf, ...(asOfField === undefined ? {} : { asOfField }), params, maxLineChars: MAX_LINE_CHARS });
    } catch (e) {
      if (e instanceof SqlCompileError) return fail(problem().nothingWasRun((await import('./sql-options')).sqlMessage(e)));
      return fail(e instanceof Error ? e.message : String(e));
    }
    screeningEngine = pg.engine;
  }

  // Open the input before the output, so that an unreadable file leaves no output behind.
  const opened: Opened = pg ? postgresRecords(pg) : await openRecords(args.records, io, isParquet(args.records, args.inputFormat));
  if (!opened.ok) {
    duck?.close();
    return fail(opened.message);
  }
  const { input, totalBytes, close } = opened;
  const threads = io.workerUrl && !sql ? screeningThreads(totalBytes, io.env.VISIT_SCREEN_THREADS) : 1;
  const screening = new Screening(options(screeningEngine, threads, false));
  // Ctrl-C or a termination request: stop reading, drop the unfinished output (with --out, the
  // target keeps its old content), and say so. The screening's waits end too (reading may be
  // waiting for the output to move, not for input), so that a signal is never left unanswered.
  let interrupted: 'SIGINT' | 'SIGTERM' | undefined;
  const stopListening = io.onInterrupt((signal) => {
    interrupted = signal;
    input.destroy(new Error(`interrupted (${signal})`));
    screening.abort(new Error(`interrupted (${signal})`));
  });
  const signalCode = (code: number) => (interrupted === 'SIGINT' ? 130 : interrupted === 'SIGTERM' ? 143 : code);
  let bytesRead = 0;
  const counted: ByteSource = {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        bytesRead += bytes.length;
        yield bytes;
      }
    },
  };

  try {
    const ready = await screening.open(counted);
    if (!ready.ok) return await fail(ready.stage === 'header' ? `${recordsName}: ${ready.error}` : ready.error);

    await writeAll(io.stderr, `visit: ${asOfField === undefined ? words.referenceDate(asOf, isToday) : words.referenceDateEachRow(asOfField)}\n`);
    for (const w of screening.warnings) await writeAll(io.stderr, `${warning}: ${args.records === STDIN_ARG ? words.stdin : args.records}: ${w}\n`);
    for (const w of lists.warnings) await writeAll(io.stderr, `${warning}: ${w}\n`);

    let sink: OutputSink;
    // --out and --report must not replace an input of this run, however the same file is named.
    const protect = async () =>
      (
        await Promise.all([opened.identity, fileIdentity(problem().theRules(args.rules), args.rules), ...listFiles.map((l) => fileIdentity(problem().theList(l.file), l.file))])
      ).filter((p): p is ProtectedFile => p !== undefined);
    const onStaleRemoved = (name: string) => void writeAll(io.stderr, `visit: ${words.removedStale(name)}\n`);
    try {
      if (args.out === undefined) sink = createStreamSink(io.stdout);
      else sink = await openAtomicFileSink(args.out, { protect: await protect(), onStaleRemoved });
    } catch (e) {
      await screening.stop();
      return await fail(problem().cannotWrite(args.out!, fileErrorReason(e)));
    }
    // The report is opened now, so that a report that cannot be written stops the run before any
    // output; it is written once the counts are complete, and committed after the output.
    let reportSink: OutputSink | undefined;
    if (args.report !== undefined) {
      try {
        const out = args.out === undefined ? [] : [await fileIdentity(problem().theOutput(args.out), args.out)].filter((p): p is ProtectedFile => p !== undefined);
        reportSink = await openAtomicFileSink(args.report, { protect: [...(await protect()), ...out], onStaleRemoved });
      } catch (e) {
        await sink.abort();
        await screening.stop();
        return await fail(problem().cannotWrite(args.report, fileErrorReason(e)));
      }
    }

    const progress = io.stderr.isTTY ? new Progress(io.stderr, style, totalBytes) : undefined;
    const started = sqlStarted ?? performance.now();
    try {
      if (screening.outputHeader !== '') sink.write(screening.outputHeader);
      for await (const pieces of screening.pieces()) {
        for (const piece of pieces) {
          const wait = sink.write(piece);
          if (wait) await wait;
        }
        progress?.update(screening.rowsWritten, bytesRead);
      }
      await sink.commit();
    } catch (e) {
      progress?.finish();
      await sink.abort();
      await reportSink?.abort();
      // stdout closed or failing: `main` ends the command (quietly, or with one line).
      if (stdoutFailed(io)) throw e;
      const written = screening.rowsWritten;
      const reason = interrupted ? problem().interrupted(interrupted) : fileErrorReason(e);
      const code = await fail(
        args.out === undefined ? problem().stopped(written, reason) : problem().stoppedNotWritten(written, args.out, reason),
      );
      return signalCode(code);
    } finally {
      await screening.stop();
    }
    progress?.finish();
    const ms = performance.now() - started;
    for (const w of screening.endWarnings) await writeAll(io.stderr, `${warning}: ${args.records === STDIN_ARG ? words.stdin : args.records}: ${w}\n`);
    for (const w of screening.listWarnings) await writeAll(io.stderr, `${warning}: ${w}\n`);
    duck?.finish();
    pg?.finish();
    const stats = screening.stats;
    const took = ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toLocaleString(lang === 'da' ? 'da-DK' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
    const { rulesVersion } = await import('@visit/dsl');
    if (asOfField !== undefined) {
      const dates = stats.dates.size;
      const heading = `visit: ${words.screenedEachRow(recordsName, args.rules, asOfField, took, dates)}`;
      const named = renderRules({ sha256: rulesVersion(rules.checked.source), asOf, asOfField, params }, { lang });
      await writeAll(io.stderr, renderDatedSummary(stats, [...rules.checked.programs.keys()], `${heading}\n${named}`, { lang }));
      return stats.invalid > 0 ? 1 : 0;
    }
    const programs = programInfos(rules.checked, asOf);
    const heading = `visit: ${words.screened(recordsName, args.rules, asOf, took)}`;
    const named = renderRules({ sha256: rulesVersion(rules.checked.source), asOf, params }, { lang });
    const left = renderNotInForce(rules.checked, asOf, { lang });
    await writeAll(io.stderr, renderSummary(stats, programs, `${heading}\n${named}${left ? `\n${left}` : ''}`, 3, { lang }));
    if (reportSink && args.report !== undefined) {
      const data = screenReportData(stats, rules.checked, { recordsName, rulesName: args.rules, asOf, rulesVersion: rulesVersion(rules.checked.source), params });
      try {
        const wait = reportSink.write(renderScreenReport(data, { lang }));
        if (wait) await wait;
        await reportSink.commit();
      } catch (e) {
        await reportSink.abort();
        return await fail(problem().notWritten(args.report, fileErrorReason(e)));
      }
      await writeAll(io.stderr, `visit: ${words.wroteReport(args.report)}\n`);
    }
    return stats.invalid > 0 ? 1 : 0;
  } catch (e) {
    if (stdoutFailed(io)) throw e;
    // Reading the input failed before any output (e.g. a read error on the header).
    const reason = interrupted ? problem().interrupted(interrupted) : fileErrorReason(e);
    return signalCode(await fail(problem().cannotRead(recordsName, reason)));
  } finally {
    stopListening();
    await screening.stop();
    await close();
    duck?.close();
  }
}

/** The table's records as the input stream (no size: no progress fraction; no file to protect). */
function postgresRecords(pg: import('@visit/sql').PostgresRun): Opened {
  return { ok: true, input: Readable.from(pg.records, { objectMode: false }), totalBytes: undefined, identity: Promise.resolve(undefined), close: () => pg.close() };
}

/** `--list NAME=FILE` (repeatable) → the lists, each named once. */
function listOptions(values: readonly string[] | undefined): { name: string; file: string }[] {
  const out: { name: string; file: string }[] = [];
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim();
    const file = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (name === '' || file === '') {
      throw new UsageError(problem().listExpects(shapeFound(eq, name)));
    }
    if (out.some((l) => l.name === name)) throw new UsageError(problem().givenTwice('--list', name));
    out.push({ name, file });
  }
  return out;
}

type ListsRead = { ok: true; data: ListData[]; warnings: string[] } | { ok: false; message: string };

/** Reads every `--list` file (a list file is never stdin); the first failure stops the run. */
async function readListFiles(
  lists: readonly { name: string; file: string }[],
  engine: typeof import('@visit/engine'),
  checked: CheckedFile,
  encoding: Encoding | undefined,
  io: Io,
  lang: Language,
  warning: string,
): Promise<ListsRead> {
  const data: ListData[] = [];
  const warnings: string[] = [];
  if (lists.length === 0) return { ok: true, data, warnings };
  const info = engine.recordInfo(checked);
  for (const { name, file } of lists) {
    if (isStdin(file)) return { ok: false, message: problem().listFromStdin(name) };
    let handle: FileHandle | undefined;
    try {
      handle = await open(file, 'r');
      if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      const read = await readList(engine, info, name, file, handle.createReadStream({ highWaterMark: 64 * 1024, autoClose: false }), {
        ...(encoding === undefined ? {} : { encoding }),
        lang,
        onWarning: (m) => void writeAll(io.stderr, `${warning}: ${file}: ${m}\n`),
      });
      if (!read.ok) return { ok: false, message: read.error };
      data.push(read.data);
      warnings.push(...read.warnings);
    } catch (e) {
      return { ok: false, message: problem().cannotRead(file, fileErrorReason(e)) };
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }
  // Joined in declaration order, so that a record's reasons come in the order NDJSON gives them.
  const order = (d: ListData) => info.fields.findIndex((f) => f.name === d.name);
  data.sort((a, b) => order(a) - order(b));
  return { ok: true, data, warnings };
}

type Opened =
  | { ok: true; input: Readable; totalBytes: number | undefined; identity: Promise<ProtectedFile | undefined>; close: () => Promise<void> }
  | { ok: false; message: string };

/** The RECORDS argument as a byte stream: a file (its size known, for the progress bar) or stdin. */
async function openRecords(path: string, io: Io, parquet = false): Promise<Opened> {
  if (parquet) {
    // DuckDB opens the file (and says why it cannot) before any output; protected from --out like any input.
    try {
      const { openParquet } = await import('@visit/sql');
      const records = await openParquet(path);
      return {
        ok: true,
        input: Readable.from(records, { objectMode: false }),
        totalBytes: undefined,
        identity: fileIdentity(problem().theRecords(path), path),
        close: async () => records.close(),
      };
    } catch (e) {
      return { ok: false, message: problem().cannotRead(path, e instanceof Error ? e.message : String(e)) };
    }
  }
  if (isStdin(path)) {
    // stdin may be a file too (`< citizens.csv`): known by its descriptor.
    const fd = (io.stdin as { fd?: unknown }).fd;
    const identity = typeof fd === 'number' ? fstatIdentity(problem().theRecordsOnStdin, fd) : Promise.resolve(undefined);
    return { ok: true, input: io.stdin, totalBytes: undefined, identity, close: async () => undefined };
  }
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const h = handle;
    return {
      ok: true,
      input: h.createReadStream({ highWaterMark: 64 * 1024, autoClose: false }),
      totalBytes: stat.isFile() ? stat.size : undefined,
      identity: fileIdentity(problem().theRecords(path), h),
      close: () => h.close().catch(() => undefined),
    };
  } catch (e) {
    await handle?.close().catch(() => undefined);
    return { ok: false, message: problem().cannotRead(path, fileErrorReason(e)) };
  }
}

async function fstatIdentity(label: string, fd: number): Promise<ProtectedFile | undefined> {
  return new Promise((resolve) =>
    fstat(fd, { bigint: true }, (error, s) => resolve(error ? undefined : { label, dev: s.dev, ino: s.ino })),
  );
}

