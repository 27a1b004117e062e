// `visit screen RULES RECORDS`, the implementation (the options are in commands/screen.ts): screen
// every record, one output row per input row, in order. Exit 0 all rows valid, 1 some rows invalid
// (still in the output), 2 could not run (then no output is written). stdout carries only data; the
// reference date, warnings, the progress bar (only on a terminal) and the summary go to stderr, and
// never a record's values.

import { fstat } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import type { ScreenArgs } from './commands/screen';
import { stdoutFailed, writeAll, type Io } from './context';
import {
  createStreamSink,
  fileIdentity,
  formatFromPath,
  openAtomicFileSink,
  byteOrderMark,
  EncodingSniffer,
  openCsv,
  openNdjson,
  sniffFormat,
  WINDOWS_1252_WARNING,
  type TextOptions,
  type ByteSource,
  type CsvDelimiter,
  type CsvEntry,
  type CsvReader,
  type NdjsonEntry,
  type OutputSink,
  type ProtectedFile,
} from './io/index';
import { asOfDate, fileErrorReason, isStdin, paramOverrides, STDIN_ARG, UsageError } from './options';
import { Progress } from './progress';
import { loadRules } from './rules';
import { SegmentScreen, spawnWorkers, splitHeader, type HeaderSplit } from './screen-split';
import { linePlan } from './screen-lines';
import { RowScreener, type ScreenPlan } from './screen-rows';
import { programInfos, renderSummary } from './screen-summary';
import { styleFor } from './style';

export async function screen(args: ScreenArgs, io: Io): Promise<number> {
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

async function earlyWorkers(args: ScreenArgs, io: Io): Promise<EarlyWorkers | undefined> {
  if (!io.workerUrl || isStdin(args.records) || io.env.VISIT_SCREEN_MAIN === '0') return undefined;
  if ((args.inputFormat ?? formatFromPath(args.records)) !== 'csv') return undefined;
  // UTF-16 is read on one thread (see screenWith).
  if (args.encoding === 'utf-16le' || args.encoding === 'utf-16be') return undefined;
  const size = await stat(args.records).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
  if (size === undefined) return undefined;
  const threads = screeningThreads(io, size);
  return threads > 1 ? { workers: spawnWorkers(io.workerUrl, threads - 1), threads } : undefined;
}

async function screenWith(args: ScreenArgs, io: Io, early: EarlyWorkers | undefined): Promise<number> {
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
  // Ctrl-C or a termination request: stop reading, drop the unfinished output (with --out, the
  // target keeps its old content), and say so.
  let interrupted: 'SIGINT' | 'SIGTERM' | undefined;
  // The parallel screen, once started: an interrupt also ends its waits (reading may be waiting
  // for the output to move, not for input), so that a signal is never left unanswered.
  let parallelRun: SegmentScreen | undefined;
  const stopListening = io.onInterrupt((signal) => {
    interrupted = signal;
    input.destroy(new Error(`interrupted (${signal})`));
    parallelRun?.abort(new Error(`interrupted (${signal})`));
  });
  const signalCode = (code: number) => (interrupted === 'SIGINT' ? 130 : interrupted === 'SIGTERM' ? 143 : code);
  let bytesRead = 0;
  const counted: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        bytesRead += bytes.length;
        yield bytes;
      }
    },
  };

  // The records' encoding (io/text.ts): stated with --encoding, else from a BOM or the bytes; a
  // guess of Windows-1252 is said once, on whichever thread makes it.
  const recordsName = isStdin(args.records) ? 'stdin' : args.records;
  let encodingWarned = false;
  const warnEncoding = (message: string) => {
    if (encodingWarned) return;
    encodingWarned = true;
    void writeAll(io.stderr, `${style.warning('visit: warning')}: ${recordsName}: ${message}\n`);
  };
  const textOptions: TextOptions = { ...(args.encoding === undefined ? {} : { encoding: args.encoding }), onWarning: warnEncoding };

  try {
    let source: ByteSource = counted;
    let format = args.inputFormat ?? (isStdin(args.records) ? undefined : formatFromPath(args.records));
    if (format === undefined) ({ format, source } = await sniffFormat(counted, args.encoding));

    // CSV: the header is read before the output is created (no header, no output). With worker
    // threads, the header line is split off the bytes here and the rest goes out in segments.
    let csv:
      | { header: string[]; delimiter: CsvDelimiter; reader?: CsvReader; split?: HeaderSplit; chunks?: AsyncIterator<Uint8Array>; sniffer?: EncodingSniffer }
      | undefined;
    const threads = format === 'csv' && io.workerUrl ? screeningThreads(io, totalBytes) : 1;
    if (format === 'csv') {
      const delimiterOption = args.delimiter === undefined ? {} : { delimiter: args.delimiter };
      let readerSource = source;
      let split: HeaderSplit | undefined;
      let chunks: AsyncIterator<Uint8Array> | undefined;
      let sniffer: EncodingSniffer | undefined;
      if (threads > 1) {
        chunks = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
        const found = await splitHeader(chunks);
        const first = found.seen[0];
        const utf16 =
          args.encoding === 'utf-16le' || args.encoding === 'utf-16be' || (first !== undefined && byteOrderMark(first)?.encoding.startsWith('utf-16'));
        // Old Mac line ends (a lone CR) are read on one thread; so is an input without a header,
        // and UTF-16 (its segments cannot be cut at a byte 0x0A).
        if (found.split && !found.split.crLineEnds && !utf16) {
          split = found.split;
          // The encoding must be known before the header is read: every byte so far, and as many
          // more as the sniffer needs.
          sniffer = new EncodingSniffer(args.encoding);
          for (const chunk of found.seen) sniffer.feed(chunk);
          const more: Uint8Array[] = [];
          while (sniffer.pending) {
            const step = await chunks.next();
            if (step.done) sniffer.end();
            else {
              sniffer.feed(step.value);
              more.push(step.value);
            }
          }
          if (more.length > 0) split.rest = Buffer.concat([split.rest, ...more]);
          if (sniffer.guessed) warnEncoding(WINDOWS_1252_WARNING);
        } else readerSource = replay(found.seen, chunks);
      }
      const header = await openCsv(split ? bytes(split.header) : readerSource, {
        ...delimiterOption,
        ...textOptions,
        ...(sniffer ? { encoding: sniffer.encoding ?? 'utf-8' } : {}),
      });
      if (!header.ok) return await fail(`${recordsName}: ${header.error}`);
      csv = { header: [...header.reader.header], delimiter: header.reader.delimiter };
      if (split && chunks) Object.assign(csv, { split, chunks, sniffer });
      else csv.reader = header.reader;
    }

    const plan: ScreenPlan = {
      source: rules.source,
      asOf,
      params,
      output: args.format,
      explain: args.explain,
      ...(csv ? { csv: { header: csv.header, delimiter: csv.delimiter } } : {}),
      lines: linePlan(rules.checked),
    };
    // Worker threads start first, so that their start-up overlaps the main thread's compiling.
    const local = io.env.VISIT_SCREEN_MAIN !== '0';
    let parallel: SegmentScreen | undefined;
    if (csv?.split && io.workerUrl) {
      // The main thread screens segments too, beside threads − 1 workers.
      const count = local ? threads - 1 : threads;
      const workers = early && early.threads === threads && local ? early.workers : spawnWorkers(io.workerUrl, count);
      parallel = SegmentScreen.launch(plan, {
        workers,
        header: csv.split.header,
        headerLine: csv.split.headerLine,
        sniffer: csv.sniffer!,
        // For tests of the cuts between segments (cli-screen-parallel.test.ts).
        ...(Number(io.env.VISIT_SCREEN_SEGMENT_BYTES) > 0 ? { segmentBytes: Number(io.env.VISIT_SCREEN_SEGMENT_BYTES) } : {}),
        onWarning: (message) => void writeAll(io.stderr, `${style.warning('visit: warning')}: ${message}\n`),
      });
      parallelRun = parallel;
    }
    const built = RowScreener.build(engine, plan, rules.checked);
    if (!built.ok) {
      await parallel?.stop();
      return await fail(built.message);
    }
    const rows = built.rows;

    if (parallel && csv?.split) {
      if (local) parallel.addLocal(rows);
      else {
        try {
          await parallel.allReady();
        } catch (e) {
          await parallel.stop();
          parallel = undefined;
          await writeAll(io.stderr, `${style.warning('visit: warning')}: screening on one thread: ${e instanceof Error ? e.message : String(e)}\n`);
          // Read on from where the split stopped; the blank lines before the header keep the line numbers.
          const blank = Buffer.from('\n'.repeat(csv.split.headerLine - 1));
          const decided = csv.sniffer?.encoding;
          const again = await openCsv(replay([blank, csv.split.header, csv.split.rest], csv.chunks!), {
            delimiter: csv.delimiter,
            ...textOptions,
            ...(decided ? { encoding: decided } : {}),
          });
          if (!again.ok) return await fail(again.error);
          csv.reader = again.reader;
        }
      }
    }

    await writeAll(io.stderr, `visit: reference date ${asOf}${isToday ? ' (today)' : ''}\n`);
    for (const w of rows.warnings) await writeAll(io.stderr, `${style.warning('visit: warning')}: ${args.records === STDIN_ARG ? 'stdin' : args.records}: ${w}\n`);

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
      await parallel?.stop();
      return await fail(`cannot write ${args.out}: ${fileErrorReason(e)}`);
    }

    const progress = io.stderr.isTTY ? new Progress(io.stderr, style, totalBytes) : undefined;
    const started = performance.now();
    let written = 0;
    try {
      if (rows.formatter.header !== '') sink.write(rows.formatter.header);
      if (parallel && csv?.split && csv.chunks) {
        const segments = parallel;
        const feed = async () => {
          const sniffer = csv.sniffer!;
          // (The sniffer has seen the header and the rest already.)
          await segments.push(csv.split!.rest);
          for (let step = await csv.chunks!.next(); !step.done; step = await csv.chunks!.next()) {
            sniffer.feed(step.value);
            if (sniffer.guessed) warnEncoding(WINDOWS_1252_WARNING);
            await segments.push(step.value);
          }
          sniffer.end();
          if (sniffer.guessed) warnEncoding(WINDOWS_1252_WARNING);
          segments.end();
        };
        const drain = async () => {
          for (let pieces = await segments.next(); pieces !== undefined; pieces = await segments.next()) {
            for (const bytes of pieces) {
              const wait = sink.write(bytes);
              if (wait) await wait;
            }
            progress?.update(segments.rowsWritten, bytesRead);
          }
        };
        await Promise.all([feed(), drain()]);
        written = segments.rowsWritten;
        for (const s of await segments.stats()) rows.stats.add(s);
      } else {
        const batches: AsyncIterable<(CsvEntry | NdjsonEntry)[]> = csv ? csv.reader!.batches() : openNdjson(source, textOptions).batches();
        for await (const batch of batches) {
          const text = csv ? rows.csv(batch as CsvEntry[]) : rows.ndjson(batch as NdjsonEntry[]);
          written += batch.length;
          const wait = sink.write(text);
          if (wait) await wait;
          progress?.update(written, bytesRead);
        }
      }
      await sink.commit();
    } catch (e) {
      progress?.finish();
      await sink.abort();
      // stdout closed or failing: `main` ends the command (quietly, or with one line).
      if (stdoutFailed(io)) throw e;
      written = parallel?.rowsWritten ?? written;
      const reason = interrupted ? `interrupted (${interrupted})` : e instanceof Error ? e.message : String(e);
      const code = await fail(
        args.out === undefined
          ? `screening stopped after ${written.toLocaleString('en-US')} rows: ${reason}`
          : `screening stopped after ${written.toLocaleString('en-US')} rows; ${args.out} was not written: ${reason}`,
      );
      return signalCode(code);
    } finally {
      await parallel?.stop();
    }
    progress?.finish();
    const ms = performance.now() - started;
    const programs = programInfos(rules.checked);
    const from = isStdin(args.records) ? 'stdin' : args.records;
    const heading = `visit: screened ${from} against ${args.rules} as of ${asOf} in ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}`;
    await writeAll(io.stderr, renderSummary(rows.stats, programs, heading));
    return rows.stats.invalid > 0 ? 1 : 0;
  } catch (e) {
    if (stdoutFailed(io)) throw e;
    // Reading the input failed before any output (e.g. a read error on the header).
    const reason = interrupted ? `interrupted (${interrupted})` : fileErrorReason(e);
    return signalCode(await fail(`cannot read ${isStdin(args.records) ? 'stdin' : args.records}: ${reason}`));
  } finally {
    stopListening();
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

function bytes(...chunks: Uint8Array[]): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
}

/** The bytes already taken from `rest`, then the remainder of it. */
function replay(seen: readonly Uint8Array[], rest: AsyncIterator<Uint8Array>): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      yield* seen;
      for (let step = await rest.next(); !step.done; step = await rest.next()) yield step.value;
    },
  };
}

/** Inputs smaller than this are screened on the main thread: starting workers costs more. */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

/**
 * How many threads screen a CSV input (the main thread included): one for small files, else one
 * per core, at most 4. VISIT_SCREEN_THREADS overrides (1 = the main thread alone).
 */
function screeningThreads(io: Io, totalBytes: number | undefined): number {
  const forced = io.env.VISIT_SCREEN_THREADS;
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    return Number.isInteger(n) && n >= 1 ? Math.min(n, 16) : 1;
  }
  if (totalBytes !== undefined && totalBytes < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(availableParallelism(), 4));
}
