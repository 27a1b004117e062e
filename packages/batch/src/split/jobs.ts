// One segment of a CSV file, screened (see segments.ts): read with the streaming reader, the
// header line in front; report how many rows start in it and where the next row starts. When the
// main thread already knew the segment's first row number (a `numbered` job), the output lines
// go back at once; otherwise the lines wait, without their numbers, until the main thread has
// confirmed the segment and sent its first row number. Output goes back as UTF-8 bytes, moved (not
// copied) to the main thread, which writes them as they are. Runs in the worker threads and on the
// main thread alike.

import { openCsv, type CsvDelimiter, type CsvEntry, type Encoding } from '../read/index';
import { ChunkPool, LineBuffer } from '../format/bytes';
import type { RowScreener, ScreenPlan, Tails } from '../screen/rows';
import type { ScreenStats, ScreenStatsData } from '../summary/stats';

export type ToWorker =
  /**
   * The first message: what to screen, and how; the CSV header line (with its line end), which is
   * read in front of every segment, sent once here rather than with each segment.
   */
  | { type: 'plan'; plan: ScreenPlan; header: Uint8Array }
  | {
      type: 'parse';
      id: number;
      /**
       * The segment's bytes. For a numbered job its ArrayBuffer holds only them and is moved with
       * the message (the main thread keeps no copy); otherwise copied (the main thread may read
       * the segment again).
       */
      data: Uint8Array;
      lookahead: Uint8Array;
      lookaheadIsEnd: boolean;
      /**
       * The encoding, decided on the main thread (segments.ts): a segment is never read with a
       * guess of its own. 'utf-8' while every byte so far was ASCII (which reads the same in each).
       */
      encoding: Encoding;
      /** Known in advance: row k of the segment (from 1) is row `rowBase + k`, its line is `lineBase + the reader's line`. */
      numbered?: { rowBase: number; lineBase: number };
    }
  | { type: 'go'; id: number; rowBase: number; lineBase: number }
  | { type: 'drop'; id: number }
  /** Output chunks the main thread has written, moved back to be written again (format/bytes.ts ChunkPool). */
  | { type: 'reuse'; buffers: ArrayBuffer[] }
  | { type: 'finish' };

export interface SegmentReport {
  /** Rows that start in the segment. */
  rows: number;
  /** Line feeds in the segment. */
  dataLines: number;
  /** Line of the first row (the header is line 1, the segment starts on line 2), or null. */
  firstRowLine: number | null;
  /** Line of the first row after the segment, or null when the input ends first. */
  nextRowLine: number | null;
  /** The lookahead ended before the segment's last row could be decided. */
  insufficient: boolean;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | ({ type: 'parsed'; id: number } & SegmentReport)
  /**
   * The output lines as UTF-8, in pieces of at most 64 KB (format/bytes.ts; each piece's
   * ArrayBuffer holds nothing else and is moved with the message, not copied); `report` for a
   * numbered job, which sends no 'parsed'.
   */
  | {
      type: 'done';
      id: number;
      bytes: Uint8Array[];
      report?: SegmentReport;
      /** A numbered job's input buffer, moved back to hold a later segment (nothing here reads it any more). */
      spent?: ArrayBuffer;
    }
  | { type: 'stats'; stats: ScreenStatsData };

/** Sends a message, moving the listed buffers. */
export type Send = (m: FromWorker, transfer?: ArrayBuffer[]) => void;

/** The buffers under `pieces`, each once (a transfer list must not name one twice). */
function buffersOf(pieces: readonly Uint8Array[]): ArrayBuffer[] {
  return [...new Set(pieces.map((b) => b.buffer as ArrayBuffer))];
}

/**
 * The segment is fed to the reader in pieces of this size and each batch of rows is screened at
 * once, so that few rows are alive at a time (one batch of a whole segment costs seconds of garbage
 * collection) and each batch's output stays a small string (large strings live in the old
 * generation until a full collection, which costs peak memory); the lookahead in small pieces, so
 * that the reader reads only what it needs of it.
 */
const DATA_PIECE = 32 * 1024;
const LOOKAHEAD_PIECE = 16 * 1024;
const LF = 10;

/** Line feeds in `data`. */
export function countLines(data: Buffer): number {
  let n = 0;
  for (let pos = data.indexOf(LF); pos >= 0; pos = data.indexOf(LF, pos + 1)) n++;
  return n;
}

/** Reads the rows that start in `data`, the header line in front, handing them on batch by batch. */
export async function parseSegment(
  m: Extract<ToWorker, { type: 'parse' }>,
  header: Uint8Array,
  delimiter: CsvDelimiter,
  onRows: (entries: CsvEntry[]) => Promise<void>,
): Promise<SegmentReport> {
  // A Buffer view: its indexOf is memchr, a structured-cloned Uint8Array's is a slow generic search.
  const data = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
  const dataLines = countLines(data);
  const endsLine = m.data.length > 0 && m.data[m.data.length - 1] === LF;
  // Rows from this line on belong to the next segment (the header is line 1).
  const boundary = endsLine ? 2 + dataLines : Infinity;
  let ended = false;
  const source = {
    async *[Symbol.asyncIterator]() {
      yield header;
      for (let at = 0; at < m.data.length; at += DATA_PIECE) yield m.data.subarray(at, at + DATA_PIECE);
      for (let at = 0; at < m.lookahead.length; at += LOOKAHEAD_PIECE) yield m.lookahead.subarray(at, at + LOOKAHEAD_PIECE);
      ended = true;
    },
  };
  const opened = await openCsv(source, { delimiter, encoding: m.encoding });
  if (!opened.ok) throw new Error(`the header line does not read again: ${opened.error}`);
  let rows = 0;
  let firstRowLine: number | null = null;
  let nextRowLine: number | null = null;
  let decidedByEnd = false;
  for await (const batch of opened.reader.batches()) {
    let mine = batch.length;
    for (let i = 0; i < batch.length; i++) {
      if (batch[i]!.line >= boundary) {
        mine = i;
        nextRowLine = batch[i]!.line;
        // Found only after the lookahead ran out: the reader may have cut the last row short.
        decidedByEnd = ended;
        break;
      }
    }
    if (mine > 0) {
      firstRowLine ??= batch[0]!.line;
      rows += mine;
      await onRows(mine === batch.length ? batch : batch.slice(0, mine));
    }
    if (nextRowLine !== null) break;
  }
  const insufficient = !m.lookaheadIsEnd && (nextRowLine === null || decidedByEnd);
  return { rows, dataLines, firstRowLine: firstRowLine ?? nextRowLine, nextRowLine, insufficient };
}

/**
 * The jobs of one thread. Messages are handled one at a time, in order: parsing is asynchronous
 * (the reader awaits its source), so later messages wait in a chain.
 */
export class SegmentJobs {
  /** Segments screened and waiting for their first row number. */
  private readonly screened = new Map<number, { tails: Tails[]; stats: ScreenStats }>();
  private readonly dropped = new Set<number>();
  private chain: Promise<void> = Promise.resolve();
  /** Counts of the segments this thread has finished (a dropped segment never counts). */
  private readonly totals: ScreenStats;
  /** Output chunks to write into again. */
  private readonly pool = new ChunkPool();
  /** Where 'go' writes a segment's lines. */
  private readonly out = new LineBuffer(undefined, this.pool);

  constructor(
    private readonly rows: RowScreener,
    private readonly delimiter: CsvDelimiter,
    private readonly send: Send,
    /** The CSV header line, read in front of each segment. */
    private readonly header: Uint8Array,
  ) {
    this.totals = rows.newStats();
  }

  handle(m: ToWorker): void {
    try {
      switch (m.type) {
        case 'drop':
          this.dropped.add(m.id);
          this.screened.delete(m.id);
          return;
        case 'plan':
          throw new Error('the plan came twice');
        case 'reuse':
          for (const b of m.buffers) this.pool.give(b);
          return;
        case 'go':
          // At once, between the batches of a parse in progress: the main thread is waiting for
          // this output to write it in order.
          this.go(m);
          return;
        default:
          this.chain = this.chain.then(() => this.run(m)).catch((e: unknown) => this.failed(e));
      }
    } catch (e) {
      this.failed(e);
    }
  }

  private failed(e: unknown): void {
    this.send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }

  private go(m: Extract<ToWorker, { type: 'go' }>): void {
    const done = this.screened.get(m.id);
    if (!done) throw new Error(`segment ${m.id} was not screened here`);
    this.screened.delete(m.id);
    done.stats.offsetFirstMultiLine(m.rowBase, m.lineBase);
    this.totals.add(done.stats.data());
    let firstRow = m.rowBase + 1;
    for (const t of done.tails) {
      this.rows.assembleInto(this.out, t, firstRow, m.lineBase);
      firstRow += t.count;
    }
    const bytes = this.out.take(true);
    this.send({ type: 'done', id: m.id, bytes }, buffersOf(bytes));
  }

  private async run(m: Extract<ToWorker, { type: 'parse' | 'finish' }>): Promise<void> {
    const rows = this.rows;
    switch (m.type) {
      case 'parse': {
        if (this.dropped.has(m.id)) return;
        if (m.numbered) {
          // The row numbers are known: each batch becomes its finished output at once.
          const { rowBase, lineBase } = m.numbered;
          const stats = rows.newStats();
          const out = new LineBuffer(undefined, this.pool);
          const report = await parseSegment(m, this.header, this.delimiter, async (entries) => {
            rows.csvInto(out, entries, stats, rowBase, lineBase);
            await new Promise<void>((resolve) => setImmediate(resolve));
          });
          const bytes = out.take(true);
          this.totals.add(stats.data());
          // The input is read: its buffer goes back too (the reader keeps no view of it; cells are strings).
          const spent = m.data.buffer as ArrayBuffer;
          this.send({ type: 'done', id: m.id, bytes, report, spent }, [...buffersOf(bytes), spent]);
          return;
        }
        // Screened now, while the rows are fresh; only the row numbers wait for 'go'.
        const stats = rows.newStats();
        const tails: Tails[] = [];
        const report = await parseSegment(m, this.header, this.delimiter, async (entries) => {
          tails.push(rows.csvTails(entries, stats));
          // Let messages in ('go' for an earlier segment, whose output is awaited) between batches.
          await new Promise<void>((resolve) => setImmediate(resolve));
        });
        if (this.dropped.has(m.id)) return;
        this.screened.set(m.id, { tails, stats });
        this.send({ type: 'parsed', id: m.id, ...report });
        return;
      }
      case 'finish':
        this.send({ type: 'stats', stats: this.totals.data() });
        return;
    }
  }
}
