// One screening run, in the order the data flows: read (format, encoding, the CSV header) → split
// (segments for worker threads, when the caller provides them) → screen rows → format → the output
// pieces, in order, exactly one line per input row; the counts for the summary on the side. The
// `visit screen` command and `screenRecords` both run this; what they do with the pieces (a file
// written whole or not at all, stdout, result objects) is theirs.
//
// Nothing here imports a Node module: the split screen (split/segments.ts, Node's Buffer and
// threads) is loaded only when workers are given.

import { rulesOn, type CheckedFile } from '@visit/dsl';
import type { Worker } from 'node:worker_threads';
import { byteOrderMark, EncodingSniffer, openCsv, openNdjson, sniffFormat, WINDOWS_1252_WARNING } from './read/index';
import type { ByteSource, CsvDelimiter, CsvEntry, CsvReader, Encoding, NdjsonEntry, RecordsFormat, TextOptions } from './read/index';
import { LineBuffer } from './format/bytes';
import { linePlan } from './screen/lines';
import { RowScreener, type ScreenPlan } from './screen/rows';
import type { HeaderSplit, SegmentScreen } from './split/segments';
import { readingWarnings, type ScreenStats } from './summary/stats';
import { headerWarnings } from './summary/header';
import { summaryWords } from './summary/words';
import type { Lang } from './report/kit';
import type { ListData } from './read/lists';
import type { ReportPlan } from './report/collect';

type Engine = typeof import('@visit/engine');

export interface ScreeningOptions {
  /** The engine module (`await import('@visit/engine')`). */
  engine: Engine;
  /** The rule file's text, and the same checked (with the params). */
  rules: { source: string; checked: CheckedFile };
  /** The reference date of every row (unused with `asOfField`). */
  asOf: string;
  /**
   * `--as-of-field` (LANGUAGE.md §14): each row screened as of the date in this `date` field of the
   * record, on every thread; output rows carry `asOf` after `id`, a programme not in force that
   * day is `null` (an empty CSV cell) and counted in `stats.notInForce`.
   */
  asOfField?: string | undefined;
  params: Record<string, string>;
  output: 'ndjson' | 'csv';
  explain: boolean;
  /** The records' format; undefined: sniffed from the first character (`{` = NDJSON). */
  inputFormat?: RecordsFormat | undefined;
  /** The CSV field separator; undefined: detected from the header. */
  delimiter?: CsvDelimiter | undefined;
  /** The records' encoding; undefined: from a BOM or the bytes (a guess of Windows-1252 is warned). */
  encoding?: Encoding | undefined;
  /** Threads for a CSV input, the main thread included (needs `spawnWorkers`); 1 = one thread. */
  threads?: number;
  /** Starts `count` worker threads (split/threads.ts `spawnWorkers` with the worker entry's URL). */
  spawnWorkers?: (count: number) => Worker[];
  /** False: the main thread only reads and writes, the workers screen (VISIT_SCREEN_MAIN=0). */
  screenOnMainThread?: boolean;
  /** Segment size (tests of the cuts between segments). */
  segmentBytes?: number;
  /** The encoding guess (said once per run). */
  onEncodingWarning?: (message: string) => void;
  /** Other warnings of the split screen (e.g. a worker that could not start). */
  onWarning?: (message: string) => void;
  /** False: no code generation (`new Function`) on any thread. */
  codegen?: boolean;
  /** Lists from second CSV files (`readList`, read/lists.ts), joined into each CSV record by its key (§12). */
  lists?: ListData[];
  /** `visit screen --report`: what the report counts beside the summary, on every thread (report/collect.ts). */
  report?: ReportPlan;
  /** The language of the warnings (`warnings`, `endWarnings`, `listWarnings`, the callbacks'); English when not given. */
  lang?: Lang | undefined;
}

/** Why a run could not start; no output was made. */
export type OpenFailure =
  /** The CSV header could not be read (`error` does not name the input). */
  | { ok: false; stage: 'header'; error: string }
  /** The rules do not compile for screening. */
  | { ok: false; stage: 'rules'; error: string }
  /** Lists from second files were given for records that are not CSV (NDJSON holds its lists). */
  | { ok: false; stage: 'lists'; error: string }
  /** The workers failed and the input could not be read again on one thread. */
  | { ok: false; stage: 'fallback'; error: string };

interface CsvState {
  header: string[];
  delimiter: CsvDelimiter;
  reader?: CsvReader;
  split?: HeaderSplit;
  chunks?: AsyncIterator<Uint8Array>;
  sniffer?: EncodingSniffer;
}

export class Screening {
  private rows: RowScreener | undefined;
  private parallel: SegmentScreen | undefined;
  private csv: CsvState | undefined;
  private source: ByteSource | undefined;
  private sequentialWritten = 0;
  private failure: Error | undefined;
  private encodingWarned = false;
  private readonly textOptions: TextOptions;

  constructor(private readonly options: ScreeningOptions) {
    this.textOptions = { ...(options.encoding === undefined ? {} : { encoding: options.encoding }), onWarning: (m) => this.warnEncoding(m) };
  }

  private warnEncoding(message: string): void {
    if (this.encodingWarned) return;
    this.encodingWarned = true;
    this.options.onEncodingWarning?.(message === WINDOWS_1252_WARNING ? summaryWords(this.options.lang).windows1252 : message);
  }

  /**
   * Reads the format and, for CSV, the header; compiles the rules (on every thread). Resolves
   * `ok: true` once rows can flow; a read error of the input rejects.
   */
  async open(input: ByteSource): Promise<{ ok: true } | OpenFailure> {
    const o = this.options;
    let source = input;
    let format = o.inputFormat;
    if (format === undefined) ({ format, source } = await sniffFormat(input, o.encoding));
    this.source = source;
    if (format !== 'csv' && o.lists && o.lists.length > 0) {
      return { ok: false, stage: 'lists', error: `--list ${o.lists[0]!.name}: lists from a second file are for CSV records; in NDJSON a list is an array of objects in each line` };
    }

    // CSV: the header is read before any output (no header, no output). With worker threads, the
    // header line is split off the bytes here and the rest goes out in segments.
    const threads = format === 'csv' && o.spawnWorkers ? (o.threads ?? 1) : 1;
    if (format === 'csv') {
      const delimiterOption = o.delimiter === undefined ? {} : { delimiter: o.delimiter };
      let readerSource = source;
      let split: HeaderSplit | undefined;
      let chunks: AsyncIterator<Uint8Array> | undefined;
      let sniffer: EncodingSniffer | undefined;
      if (threads > 1) {
        const { splitHeader } = await import('./split/segments');
        chunks = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
        const found = await splitHeader(chunks);
        const first = found.seen[0];
        const utf16 =
          o.encoding === 'utf-16le' || o.encoding === 'utf-16be' || (first !== undefined && byteOrderMark(first)?.encoding.startsWith('utf-16'));
        // Old Mac line ends (a lone CR) are read on one thread; so is an input without a header,
        // and UTF-16 (its segments cannot be cut at a byte 0x0A).
        if (found.split && !found.split.crLineEnds && !utf16) {
          split = found.split;
          // The encoding must be known before the header is read: every byte so far, and as many
          // more as the sniffer needs.
          sniffer = new EncodingSniffer(o.encoding);
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
          if (sniffer.guessed) this.warnEncoding(WINDOWS_1252_WARNING);
        } else readerSource = replay(found.seen, chunks);
      }
      const header = await openCsv(split ? bytes(split.header) : readerSource, {
        ...delimiterOption,
        ...this.textOptions,
        ...(sniffer ? { encoding: sniffer.encoding ?? 'utf-8' } : {}),
      });
      if (!header.ok) return { ok: false, stage: 'header', error: header.error };
      const csv: CsvState = { header: [...header.reader.header], delimiter: header.reader.delimiter };
      if (split && chunks) Object.assign(csv, { split, chunks, sniffer });
      else csv.reader = header.reader;
      this.csv = csv;
    }
    const csv = this.csv;

    const plan: ScreenPlan = {
      source: o.rules.source,
      asOf: o.asOf,
      params: o.params,
      output: o.output,
      explain: o.explain,
      ...(csv ? { csv: { header: csv.header, delimiter: csv.delimiter } } : {}),
      ...(o.asOfField === undefined ? { lines: linePlan(rulesOn(o.rules.checked, o.asOf)) } : { asOfField: o.asOfField }),
      ...(o.codegen === false ? { codegen: false } : {}),
      ...(o.lists && o.lists.length > 0 ? { lists: o.lists } : {}),
      ...(o.report ? { report: o.report } : {}),
    };
    // Worker threads start first, so that their start-up overlaps the main thread's compiling.
    const local = o.screenOnMainThread !== false;
    if (csv?.split && o.spawnWorkers) {
      const { SegmentScreen } = await import('./split/segments');
      // The main thread screens segments too, beside threads − 1 workers.
      const workers = o.spawnWorkers(local ? threads - 1 : threads);
      this.parallel = SegmentScreen.launch(plan, {
        workers,
        header: csv.split.header,
        headerLine: csv.split.headerLine,
        sniffer: csv.sniffer!,
        ...(o.segmentBytes !== undefined && o.segmentBytes > 0 ? { segmentBytes: o.segmentBytes } : {}),
        ...(o.onWarning ? { onWarning: o.onWarning } : {}),
        lang: o.lang,
      });
      if (this.failure) this.parallel.abort(this.failure);
    }
    const built = RowScreener.build(o.engine, plan, o.rules.checked);
    if (!built.ok) {
      await this.stop();
      return { ok: false, stage: 'rules', error: built.message };
    }
    this.rows = built.rows;

    const parallel = this.parallel;
    if (parallel && csv?.split) {
      if (local) parallel.addLocal(built.rows);
      else {
        try {
          await parallel.allReady();
        } catch (e) {
          await parallel.stop();
          this.parallel = undefined;
          o.onWarning?.(summaryWords(o.lang).oneThread(e instanceof Error ? e.message : String(e)));
          // Read on from where the split stopped; the blank lines before the header keep the line numbers.
          const blank = new TextEncoder().encode('\n'.repeat(csv.split.headerLine - 1));
          const decided = csv.sniffer?.encoding;
          const again = await openCsv(replay([blank, csv.split.header, csv.split.rest], csv.chunks!), {
            delimiter: csv.delimiter,
            ...this.textOptions,
            ...(decided ? { encoding: decided } : {}),
          });
          if (!again.ok) return { ok: false, stage: 'fallback', error: again.error };
          csv.reader = again.reader;
          delete csv.split;
        }
      }
    }
    return { ok: true };
  }

  private get opened(): RowScreener {
    if (!this.rows) throw new Error('the screening is not open');
    return this.rows;
  }

  /** The first line of the output (the CSV header), or '' (NDJSON). */
  get outputHeader(): string {
    return this.opened.formatter.header;
  }

  /** Warnings about the CSV header (unknown columns, fields without a column). */
  get warnings(): readonly string[] {
    return headerWarnings(this.opened.warnings, this.options.lang);
  }

  /** The counts, complete once `pieces` has ended. */
  get stats(): ScreenStats {
    return this.opened.stats;
  }

  /**
   * Warnings about the whole input, once `pieces` has ended: rows read over several lines (CSV),
   * keys that are no field (NDJSON). See summary/stats.ts `readingWarnings`.
   */
  get endWarnings(): string[] {
    return readingWarnings(this.opened.stats, { lang: this.options.lang });
  }

  /**
   * Warnings about the list files (`lists`), once `pieces` has ended: per list, the lines whose key
   * matched no record (each begins with the list file's name).
   */
  get listWarnings(): string[] {
    return this.opened.lists?.unmatchedWarnings(this.options.lang) ?? [];
  }

  /** Rows whose output has been handed out so far. */
  get rowsWritten(): number {
    return this.parallel ? this.parallel.rowsWritten : this.sequentialWritten;
  }

  /**
   * The output after its header, in order: each step a few pieces (text, or UTF-8 bytes from a
   * worker). Ends when every row is out and the workers' counts are in `stats`.
   */
  async *pieces(): AsyncGenerator<readonly (string | Uint8Array)[]> {
    const rows = this.opened;
    const csv = this.csv;
    const segments = this.parallel;
    if (segments && csv?.split && csv.chunks) {
      const split = csv.split;
      const chunks = csv.chunks;
      const feed = async () => {
        const sniffer = csv.sniffer!;
        // (The sniffer has seen the header and the rest already.)
        await segments.push(split.rest);
        for (let step = await chunks.next(); !step.done; step = await chunks.next()) {
          sniffer.feed(step.value);
          if (sniffer.guessed) this.warnEncoding(WINDOWS_1252_WARNING);
          await segments.push(step.value);
        }
        sniffer.end();
        if (sniffer.guessed) this.warnEncoding(WINDOWS_1252_WARNING);
        segments.end();
      };
      // A read error ends the output side with it, as the first failure.
      let feedError: Error | undefined;
      const fed = feed().catch((e: unknown) => {
        feedError = e instanceof Error ? e : new Error(String(e));
        segments.abort(feedError);
      });
      let finished = false;
      try {
        for (let pieces = await segments.next(); pieces !== undefined; pieces = await segments.next()) yield pieces;
        await fed;
        if (feedError) throw feedError;
        for (const s of await segments.stats()) rows.stats.add(s);
        finished = true;
      } finally {
        // Stopped early (the consumer failed, or broke off): the reading side stops too.
        if (!finished) segments.abort(this.failure ?? new Error('the output was not taken'));
      }
      return;
    }
    const batches: AsyncIterable<(CsvEntry | NdjsonEntry)[]> = csv ? csv.reader!.batches() : openNdjson(this.source!, this.textOptions).batches();
    // Lines go out as UTF-8 bytes, written into reused chunks (format/bytes.ts).
    const out = new LineBuffer();
    for await (const batch of batches) {
      if (csv) rows.csvInto(out, batch as CsvEntry[]);
      else rows.ndjsonInto(out, batch as NdjsonEntry[]);
      this.sequentialWritten += batch.length;
      yield out.take();
    }
  }

  /** Ends the run with `e`: a wait of the split screen throws it (the caller also ends its input). */
  abort(e: Error): void {
    this.failure ??= e;
    this.parallel?.abort(e);
  }

  /** Stops the worker threads (idempotent); call it on every way out. */
  async stop(): Promise<void> {
    await this.parallel?.stop();
  }
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
