// `visit screen RULES RECORDS`, the implementation (the options are in commands/screen.ts): screen
// every record, one output row per input row, in order. Exit 0 all rows valid, 1 some rows invalid
// (still in the output), 2 could not run (then no output is written). stdout carries only data; the
// reference date, warnings, the progress bar (only on a terminal) and the summary go to stderr, and
// never a record's values. The run itself (read → split → screen → format) is @visit/batch's; this
// file opens the input and the output and says what happened.

import { fstat } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import {
  createStreamSink,
  fileIdentity,
  formatFromPath,
  openAtomicFileSink,
  programInfos,
  renderRules,
  renderSummary,
  Screening,
  screeningThreads,
  spawnWorkers,
  type ByteSource,
  type CsvDelimiter,
  type Encoding,
  type OutputSink,
  type ProtectedFile,
  type RecordsFormat,
} from '@visit/batch/node';
import { stdoutFailed, writeAll, type Io } from './context';
import { asOfDate, fileErrorReason, isStdin, paramOverrides, STDIN_ARG, UsageError } from './options';
import { Progress } from './progress';
import { loadRules } from './rules';
import { styleFor } from './style';

/** What `visit screen` was asked (commands/screen.ts parses it). */
export interface ScreenRequest {
  rules: string;
  records: string;
  inputFormat?: RecordsFormat | undefined;
  delimiter?: CsvDelimiter | undefined;
  encoding?: Encoding | undefined;
  format: 'ndjson' | 'csv';
  out?: string | undefined;
  asOf?: string | undefined;
  param?: readonly string[] | undefined;
  explain: boolean;
}

export async function screen(args: ScreenRequest, io: Io): Promise<number> {
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

async function earlyWorkers(args: ScreenRequest, io: Io): Promise<EarlyWorkers | undefined> {
  if (!io.workerUrl || isStdin(args.records) || io.env.VISIT_SCREEN_MAIN === '0') return undefined;
  if ((args.inputFormat ?? formatFromPath(args.records)) !== 'csv') return undefined;
  // UTF-16 is read on one thread (see @visit/batch pipeline.ts).
  if (args.encoding === 'utf-16le' || args.encoding === 'utf-16be') return undefined;
  const size = await stat(args.records).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
  if (size === undefined) return undefined;
  const threads = screeningThreads(size, io.env.VISIT_SCREEN_THREADS);
  return threads > 1 ? { workers: spawnWorkers(io.workerUrl, threads - 1), threads } : undefined;
}

async function screenWith(args: ScreenRequest, io: Io, early: EarlyWorkers | undefined): Promise<number> {
  const style = styleFor(io.stderr, io.env);
  const fail = async (message: string) => {
    await writeAll(io.stderr, `${style.error(`visit: ${message}`)}\n`);
    return 2;
  };
  const { asOf, isToday } = asOfDate(args.asOf, io.today());
  const params = paramOverrides(args.param);
  if (args.delimiter !== undefined && args.inputFormat === 'ndjson') {
    throw new UsageError('--delimiter applies to CSV input, not to --input-format ndjson');
  }

  const rules = await loadRules(args.rules, params, io);
  if (!rules.ok) return 2;
  const engine = await import('@visit/engine');

  // Open the input before the output, so that an unreadable file leaves no output behind.
  const opened = await openRecords(args.records, io);
  if (!opened.ok) return fail(opened.message);
  const { input, totalBytes, close } = opened;
  const recordsName = isStdin(args.records) ? 'stdin' : args.records;
  const threads = io.workerUrl ? screeningThreads(totalBytes, io.env.VISIT_SCREEN_THREADS) : 1;
  const local = io.env.VISIT_SCREEN_MAIN !== '0';
  const workerUrl = io.workerUrl;
  const screening = new Screening({
    engine,
    rules,
    asOf,
    params,
    output: args.format,
    explain: args.explain,
    inputFormat: args.inputFormat ?? (isStdin(args.records) ? undefined : formatFromPath(args.records)),
    delimiter: args.delimiter,
    encoding: args.encoding,
    threads,
    ...(workerUrl
      ? { spawnWorkers: (count: number) => (early && early.threads === threads && local ? early.workers : spawnWorkers(workerUrl, count)) }
      : {}),
    screenOnMainThread: local,
    // For tests of the cuts between segments (cli-screen-parallel.test.ts).
    ...(Number(io.env.VISIT_SCREEN_SEGMENT_BYTES) > 0 ? { segmentBytes: Number(io.env.VISIT_SCREEN_SEGMENT_BYTES) } : {}),
    // The records' encoding: a guess of Windows-1252 is said once, on whichever thread makes it.
    onEncodingWarning: (message) => void writeAll(io.stderr, `${style.warning('visit: warning')}: ${recordsName}: ${message}\n`),
    onWarning: (message) => void writeAll(io.stderr, `${style.warning('visit: warning')}: ${message}\n`),
  });
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

    await writeAll(io.stderr, `visit: reference date ${asOf}${isToday ? ' (today)' : ''}\n`);
    for (const w of screening.warnings) await writeAll(io.stderr, `${style.warning('visit: warning')}: ${args.records === STDIN_ARG ? 'stdin' : args.records}: ${w}\n`);

    let sink: OutputSink;
    try {
      if (args.out === undefined) sink = createStreamSink(io.stdout);
      else {
        // --out must not replace an input of this run, however the same file is named.
        const protect = (await Promise.all([opened.identity, fileIdentity(`the rules ${args.rules}`, args.rules)])).filter(
          (p): p is ProtectedFile => p !== undefined,
        );
        sink = await openAtomicFileSink(args.out, {
          protect,
          onStaleRemoved: (name) => void writeAll(io.stderr, `visit: removed ${name}, the temporary file of an earlier run that was killed\n`),
        });
      }
    } catch (e) {
      await screening.stop();
      return await fail(`cannot write ${args.out}: ${fileErrorReason(e)}`);
    }

    const progress = io.stderr.isTTY ? new Progress(io.stderr, style, totalBytes) : undefined;
    const started = performance.now();
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
      // stdout closed or failing: `main` ends the command (quietly, or with one line).
      if (stdoutFailed(io)) throw e;
      const written = screening.rowsWritten;
      const reason = interrupted ? `interrupted (${interrupted})` : e instanceof Error ? e.message : String(e);
      const code = await fail(
        args.out === undefined
          ? `screening stopped after ${written.toLocaleString('en-US')} rows: ${reason}`
          : `screening stopped after ${written.toLocaleString('en-US')} rows; ${args.out} was not written: ${reason}`,
      );
      return signalCode(code);
    } finally {
      await screening.stop();
    }
    progress?.finish();
    const ms = performance.now() - started;
    for (const w of screening.endWarnings) await writeAll(io.stderr, `${style.warning('visit: warning')}: ${args.records === STDIN_ARG ? 'stdin' : args.records}: ${w}\n`);
    const stats = screening.stats;
    const programs = programInfos(rules.checked);
    const heading = `visit: screened ${recordsName} against ${args.rules} as of ${asOf} in ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}`;
    const { rulesVersion } = await import('@visit/dsl');
    const named = renderRules({ sha256: rulesVersion(rules.checked.source), asOf, params });
    await writeAll(io.stderr, renderSummary(stats, programs, `${heading}\n${named}`));
    return stats.invalid > 0 ? 1 : 0;
  } catch (e) {
    if (stdoutFailed(io)) throw e;
    // Reading the input failed before any output (e.g. a read error on the header).
    const reason = interrupted ? `interrupted (${interrupted})` : fileErrorReason(e);
    return signalCode(await fail(`cannot read ${recordsName}: ${reason}`));
  } finally {
    stopListening();
    await screening.stop();
    await close();
  }
}

type Opened =
  | { ok: true; input: Readable; totalBytes: number | undefined; identity: Promise<ProtectedFile | undefined>; close: () => Promise<void> }
  | { ok: false; message: string };

/** The RECORDS argument as a byte stream: a file (its size known, for the progress bar) or stdin. */
async function openRecords(path: string, io: Io): Promise<Opened> {
  if (isStdin(path)) {
    // stdin may be a file too (`< citizens.csv`): known by its descriptor.
    const fd = (io.stdin as { fd?: unknown }).fd;
    const identity = typeof fd === 'number' ? fstatIdentity('the records on stdin', fd) : Promise.resolve(undefined);
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
      identity: fileIdentity(`the records ${path}`, h),
      close: () => h.close().catch(() => undefined),
    };
  } catch (e) {
    await handle?.close().catch(() => undefined);
    return { ok: false, message: `cannot read ${path}: ${fileErrorReason(e)}` };
  }
}

async function fstatIdentity(label: string, fd: number): Promise<ProtectedFile | undefined> {
  return new Promise((resolve) =>
    fstat(fd, { bigint: true }, (error, s) => resolve(error ? undefined : { label, dev: s.dev, ino: s.ino })),
  );
}

