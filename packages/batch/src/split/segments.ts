// Splitting a CSV file between threads for `visit screen`, exactly as the sequential reader would
// read it.
//
// The main thread cuts the bytes after the header into segments of about SEGMENT_BYTES at line
// ends and hands each to a thread (a worker, or itself), together with the bytes that follow (the
// lookahead). The thread reads its segment with the same streaming reader (read/),
// the header line in front, keeps the rows that start inside the segment (a row that starts inside
// but runs on, a quoted cell over several lines, is finished from the lookahead), screens them
// at once, and reports how many rows there were and where the first row after the segment starts.
// That is where the next segment must start; the next thread assumed its segment starts a row, so
// the main thread compares: when they differ (a multi-line cell crossed the cut), the next segment
// is read again from the right line, and when the lookahead was too short to decide, the segment
// is read again joined with the next one. Only then does a thread learn its first row number and
// put the numbers in front of its lines. Output goes out strictly in segment order.
//
// Mostly none of that waiting is needed: in a segment where every quoted cell closes on its own
// line (most exports quote a few cells that hold a `;`, and none runs over a line), every row is
// one line, so its rows are its non-empty lines: counted here with memchr, looking closer only at
// the lines that hold a `"`. As long as every segment so far was like that, the main thread knows
// where each new segment's rows start and what their numbers are, and sends them along (a
// `numbered` job): the thread screens and numbers the rows in one go and nothing is held back. A
// segment with a quote left open at a line end (a multi-line cell, or a stray quote) breaks the
// chain; once the segments up to it are verified, numbering resumes from there. The thread's own
// count of a numbered segment's rows is checked against this one.

import type { Worker } from 'node:worker_threads';
import type { CsvDelimiter, EncodingSniffer } from '../read/index';
import type { RowScreener, ScreenPlan } from '../screen/rows';
import { SegmentJobs, type FromWorker, type ToWorker } from './jobs';
import { lend } from '../format/bytes';
import type { ScreenStatsData } from '../summary/stats';
import { summaryWords, type SummaryWords } from '../summary/words';
import type { Lang } from '../report/kit';

/**
 * Bytes per segment: big enough that messages are few, small enough that little is in flight
 * (at most 2 × threads + 1 segments and their outputs, about 2.8 × the input for NDJSON). Measured
 * on 1M rows, 2 threads (bench/screen.mjs): 4 MiB peaked at 197 MB, 1 MiB at 165 MB, no slower. A
 * row the reader can accept (MAX_RECORD_CHARS, 1 MiB characters, at most 3 MiB of UTF-8) may span
 * four segments; it is joined as often (each join reads the joined bytes again: rare, and correct
 * for rows joined over many segments, cli-screen-joined-rows.test.ts, with small segments).
 */
export const SEGMENT_BYTES = 1024 * 1024;
/** Bytes after a segment sent along to finish its last row (see `join` for a row that needs more). */
const LOOKAHEAD_BYTES = 64 * 1024;

const LF = 10;
const CR = 13;
const QUOTE = 0x22;

/** The header line, split off the front of the input. */
export interface HeaderSplit {
  /** The header line with its line end. */
  header: Buffer;
  /** Physical line number of the header (1 unless blank lines come first). */
  headerLine: number;
  /** Bytes already read after the header. */
  rest: Buffer;
  /** True when the header line ends in a lone CR (old Mac files): those are not split. */
  crLineEnds: boolean;
}

/**
 * Reads until the end of the first non-empty line. Returns undefined when the input ends first
 * (then the sequential reader reports the missing header).
 */
export async function splitHeader(chunks: AsyncIterator<Uint8Array>): Promise<{ split: HeaderSplit | undefined; seen: Buffer[] }> {
  const seen: Buffer[] = [];
  let buffer = Buffer.alloc(0);
  let line = 1;
  let pos = 0;
  let atStart = true;
  for (;;) {
    // A BOM is not content: a file may start with a BOM and then a blank line.
    if (atStart && buffer.length >= 3) {
      atStart = false;
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) pos = 3;
    }
    const lf = buffer.indexOf(LF, pos);
    const cr = buffer.indexOf(CR, pos);
    // A lone CR ends a line only in old Mac files; decide once the byte after it is known.
    if (cr >= 0 && (lf < 0 || cr < lf) && cr + 1 < buffer.length && buffer[cr + 1] !== LF) {
      if (cr === pos) {
        pos = cr + 1;
        line++;
        continue;
      }
      return { split: { header: buffer.subarray(pos, cr + 1), headerLine: line, rest: buffer.subarray(cr + 1), crLineEnds: true }, seen };
    }
    if (lf >= 0) {
      const end = lf > pos && buffer[lf - 1] === CR ? lf - 1 : lf;
      if (end === pos) {
        pos = lf + 1;
        line++;
        continue;
      }
      return { split: { header: buffer.subarray(pos, lf + 1), headerLine: line, rest: buffer.subarray(lf + 1), crLineEnds: false }, seen };
    }
    const step = await chunks.next();
    if (step.done) return { split: undefined, seen };
    const chunk = Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength);
    seen.push(chunk);
    buffer = Buffer.concat([buffer.subarray(pos), chunk]);
    pos = 0;
  }
}

/** Index just after the `n`-th line feed of `data` (0 → 0); -1 when there are fewer. */
export function afterLines(data: Buffer, n: number): number {
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const lf = data.indexOf(LF, pos);
    if (lf < 0) return -1;
    pos = lf + 1;
  }
  return pos;
}

/**
 * The rows and lines of a segment that starts at a row and in which every row is one line: its
 * lines that hold anything but CRs (a line of only CRs before its LF is empty, and so is one of
 * only CRs at the very end of the input: CR LF and CR CR LF are line ends). Undefined when a
 * quoted cell is still open at the end of a line (`closesOnLine`), since only the reader can say
 * where that row ends. Only the last segment of an input can end without a line feed.
 */
export function plainRows(data: Buffer, delimiter: number): { rows: number; lines: number } | undefined {
  let rows = 0;
  let lines = 0;
  let start = 0;
  let quote = data.indexOf(QUOTE);
  for (let lf = data.indexOf(LF); lf >= 0; lf = data.indexOf(LF, start)) {
    lines++;
    if (quote >= 0 && quote < lf) {
      if (!closesOnLine(data, start, lf, delimiter)) return undefined;
      quote = data.indexOf(QUOTE, lf + 1);
    }
    if (!onlyCr(data, start, lf)) rows++;
    start = lf + 1;
  }
  if (start < data.length) {
    if (quote >= 0 && !closesOnLine(data, start, data.length, delimiter)) return undefined;
    if (!onlyCr(data, start, data.length)) rows++;
  }
  return { rows, lines };
}

/**
 * True when no quoted cell of the line `data[from, to)` is open at its end, read as the reader
 * reads it: a cell is quoted when its first character is `"`, `""` inside is a quote, and after
 * the closing quote comes the delimiter (the next cell) or anything else, which ends the row on
 * this line (the end of the line, or text that makes the row malformed, on this line alone).
 */
export function closesOnLine(data: Buffer, from: number, to: number, delimiter: number): boolean {
  let i = from;
  while (i < to) {
    if (data[i] === QUOTE) {
      i++;
      for (;;) {
        if (i >= to) return false;
        if (data[i] === QUOTE) {
          if (i + 1 < to && data[i + 1] === QUOTE) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      if (i < to && data[i] === delimiter) {
        i++;
        continue;
      }
      return true;
    }
    const d = data.indexOf(delimiter, i);
    if (d < 0 || d >= to) return true;
    i = d + 1;
  }
  return true;
}

function onlyCr(data: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (data[i] !== CR) return false;
  return true;
}

/** A thread that screens segments: a worker, or the main thread itself. */
interface Slot {
  /** Sends a message, moving the buffers in `transfer` (they are unusable here afterwards). */
  post(m: ToWorker, transfer?: ArrayBuffer[]): void;
  /** Jobs sent and not yet finished or dropped. */
  busy: number;
  /** Added to `busy` when choosing a slot: the main thread also reads and writes, so it takes fewer. */
  handicap: number;
  /** Only a ready slot takes jobs. */
  state: 'starting' | 'ready' | 'dead';
  stop(): Promise<void>;
  /** An output buffer of this thread's, written: back to it to be written again (sent a few at a time). */
  giveBack(b: ArrayBuffer): void;
}

/** Output buffers given back to a worker per message. */
const GIVE_BACK_BATCH = 16;

/** One piece of work: rows from `data` (which starts a row, once verified) up to its end. */
interface Job {
  id: number;
  /** Output order. */
  seq: number;
  /** Index of the segment the job's data ends with (jobs joined after a short lookahead span several). */
  lastSegment: number;
  /**
   * The job's bytes, in a buffer of their own (`owned`) as long as they were never joined or
   * skipped into: then a numbered job's bytes are moved to its thread, not copied (and this is
   * emptied).
   */
  data: Buffer;
  owned: boolean;
  /** Its bytes were moved to its thread (and come back as `spent` once read). */
  moved?: boolean;
  slot?: Slot;
  parsed?: Extract<FromWorker, { type: 'parsed' }>;
  /** Sent with its row numbers (see `plainRows`): its rows and lines, and where it starts. */
  numbered?: { rows: number; lines: number; rowBase: number; line: number };
  /** `empty`: a multi-line row swallowed all its bytes; `absorbed`: joined into the job before it. */
  state: 'waiting' | 'parsing' | 'parsed' | 'formatting' | 'done' | 'empty' | 'absorbed';
  /** The output, once done. */
  bytes?: Uint8Array[];
  /** Rows in the output, once done. */
  rows?: number;
}

/** Exit codes of workers that stopped before `launch` listened to them (set by threads.ts). */
export const exitedEarly = new WeakMap<Worker, number>();

export class SegmentScreen {
  private readonly slots: Slot[] = [];
  /** Segment bytes by index; dropped once the job that ends with them is written. */
  private readonly segments: (Buffer | undefined)[] = [];
  private inputEnded = false;
  private readonly jobs: Job[] = [];
  private nextId = 1;
  /** Index in `jobs` of the first job not yet verified. */
  private verifying = 0;
  /** Index in `jobs` of the first job not yet written. */
  private writing = 0;
  private rowBase = 0;
  /** Global line of the next job's first byte, and where the next row truly starts (undefined: at that first byte). */
  private nextDataLine: number;
  private expectedRowLine: number | undefined;
  /** The delimiter's byte. */
  private readonly delimiter: number;
  private hasLocal = false;
  private onWarning: ((message: string) => void) | undefined;
  private words: SummaryWords = summaryWords();
  /** Where the next new segment starts, while every segment before it is known to start and end with a row. */
  private chain: { rowBase: number; line: number } | undefined;
  private failure: Error | undefined;
  private waiters: (() => void)[] = [];
  private statsWaiters: ((s: ScreenStatsData) => void)[] = [];
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** Offset in the pending bytes up to which no line feed ends a segment: each byte is searched once. */
  private searchedTo = 0;
  /** Decides the encoding from the bytes (fed by the caller); segments are cut only once it knows. */
  private readonly sniffer: EncodingSniffer;
  /** Rows whose outputs have been handed to `write`. */
  rowsWritten = 0;
  /** Segment buffers of `capacity` bytes that came back from their thread, to hold later segments. */
  private readonly spareSegments: ArrayBuffer[] = [];
  private readonly capacity: number;

  private constructor(
    private readonly header: Buffer,
    headerLine: number,
    private readonly segmentBytes: number,
    private readonly delimiterName: CsvDelimiter,
    sniffer: EncodingSniffer,
  ) {
    this.sniffer = sniffer;
    this.delimiter = delimiterName.charCodeAt(0);
    this.nextDataLine = headerLine + 1;
    this.chain = { rowBase: 0, line: headerLine + 1 };
    // Room for the line that runs past the segment size (a longer one gets a buffer of its own).
    this.capacity = segmentBytes + Math.min(segmentBytes, 64 * 1024);
  }

  /**
   * Sends the plan to worker threads (from `spawnWorkers`), each then compiling the rules, without
   * waiting for them: a worker takes segments once it is ready. Add the main thread with `addLocal` (then a worker that fails
   * to start is only a warning, and the main thread screens without it), or wait for the workers
   * with `allReady`.
   */
  static launch(
    plan: ScreenPlan,
    options: {
      workers: Worker[];
      header: Buffer;
      headerLine: number;
      /**
       * Fed every byte of the input (from its first) by the caller before `push` gets them; the
       * encoding each segment is read with. Segments are cut only when it is not pending, so that no
       * segment is read before the encoding is known (or every byte so far was ASCII).
       */
      sniffer: EncodingSniffer;
      segmentBytes?: number;
      onWarning?: (message: string) => void;
      /** The language of the warnings (English when not given). */
      lang?: Lang | undefined;
    },
  ): SegmentScreen {
    // Its own copy: a view of the first input chunk would take that whole chunk along to each worker.
    const header = Buffer.from(new Uint8Array(options.header));
    const screen = new SegmentScreen(header, options.headerLine, options.segmentBytes ?? SEGMENT_BYTES, plan.csv!.delimiter, options.sniffer);
    if (options.onWarning) screen.onWarning = options.onWarning;
    screen.words = summaryWords(options.lang);
    for (const worker of options.workers) {
      let returning: ArrayBuffer[] = [];
      const slot: Slot = {
        post: (m, transfer) => worker.postMessage(m, transfer),
        busy: 0,
        handicap: 0,
        state: 'starting',
        stop: async () => {
          await worker.terminate();
        },
        giveBack: (b) => {
          returning.push(b);
          if (returning.length < GIVE_BACK_BATCH || slot.state !== 'ready') return;
          const buffers = returning;
          returning = [];
          const reuse: ToWorker = { type: 'reuse', buffers };
          worker.postMessage(reuse, buffers);
        },
      };
      screen.slots.push(slot);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          slot.state = 'ready';
          screen.wake();
        } else if (m.type === 'failed') screen.lost(slot, m.message);
        else screen.receive(slot, m);
      });
      worker.on('error', (e) => screen.lost(slot, e.message));
      worker.on('exit', (code) => {
        if (code !== 0 && !screen.stopping) screen.lost(slot, `it stopped with exit code ${code}`);
      });
      const exited = exitedEarly.get(worker);
      if (exited !== undefined) screen.lost(slot, `it stopped with exit code ${exited}`);
      else {
        const first: ToWorker = { type: 'plan', plan, header };
        worker.postMessage(first);
      }
    }
    return screen;
  }

  /** The main thread screens segments too, with the row screener it already has. */
  addLocal(rows: RowScreener): void {
    const slot: Slot = {
      post: (m) => jobs.handle(m),
      busy: 0,
      // The main thread also reads and writes, so it takes fewer segments.
      handicap: 1,
      state: 'ready',
      stop: async () => undefined,
      giveBack: (b) => jobs.handle({ type: 'reuse', buffers: [b] }),
    };
    // Replies go through the event loop, as a worker's would, never re-entering the caller.
    const jobs = new SegmentJobs(rows, this.delimiterName, (m) => void setImmediate(() => this.receive(slot, m)), this.header);
    this.slots.push(slot);
    this.hasLocal = true;
  }

  /** Resolves once every worker is ready; rejects when one cannot start. */
  async allReady(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.slots.every((s) => s.state === 'ready')) return;
      await this.until();
    }
  }

  /** A worker failed: before it was ready (and with the main thread screening), it is only left out. */
  private lost(slot: Slot, message: string): void {
    if (slot.state === 'starting' && this.hasLocal) {
      slot.state = 'dead';
      this.onWarning?.(this.words.workerNotStarted(message));
      this.wake();
      return;
    }
    slot.state = 'dead';
    this.fail(new Error(`a worker thread failed: ${message}`));
  }

  // ------------------------------------------------------------------ input side

  /** Adds input bytes; cuts whole segments at line ends. Waits while too much is in flight. */
  async push(chunk: Uint8Array): Promise<void> {
    // Chunks are only joined when a segment is cut, and each byte is searched for the cut once:
    // joining (or searching) everything pending on every chunk would be quadratic on a long line
    // (a 40 MB line took 88 s). Each byte is copied once, into the buffer of its segment (which the
    // segment's thread then owns); the bytes after the cut stay views of their chunk.
    this.pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.pendingLength += chunk.byteLength;
    while (this.pendingLength >= this.segmentBytes && !this.sniffer.pending) {
      // Cut after the first line end past the segment size (a line longer than that: keep reading).
      const cut = this.findCut();
      if (cut < 0) {
        this.searchedTo = this.pendingLength;
        break;
      }
      this.addSegment(this.takePending(cut + 1));
      this.searchedTo = 0;
    }
    while (!this.failure && this.mustWait()) await this.until();
    if (this.failure) throw this.failure;
  }

  /**
   * True while more than 2 × threads jobs not yet written still hold bytes and none of them waits
   * for a segment not read yet (its lookahead: then only more input moves anything). An absorbed
   * or empty job holds none: counting them (as this once did) deadlocked on a row joined over more
   * segments than the limit, since the job it was joined into waited for the next segment while
   * `push` waited for the output to move.
   */
  private mustWait(): boolean {
    let holding = 0;
    for (let i = this.writing; i < this.jobs.length; i++) {
      const job = this.jobs[i]!;
      if (job.state === 'waiting' && this.segments[job.lastSegment + 1] === undefined) return false;
      if (job.state !== 'absorbed' && job.state !== 'empty') holding++;
    }
    return holding > 2 * this.slots.length;
  }

  /** Offset in the pending bytes of the first line feed at or past the segment size not yet searched, or -1. */
  private findCut(): number {
    const from = Math.max(this.searchedTo, this.segmentBytes - 1);
    let start = 0;
    for (const piece of this.pending) {
      const end = start + piece.length;
      if (end > from) {
        const lf = piece.indexOf(LF, Math.max(0, from - start));
        if (lf >= 0) return start + lf;
      }
      start = end;
    }
    return -1;
  }

  /** The first `n` pending bytes, copied into a buffer of their own (never Node's shared pool). */
  private takePending(n: number): Buffer {
    const out = Buffer.from(n <= this.capacity ? (this.spareSegments.pop() ?? new ArrayBuffer(this.capacity)) : new ArrayBuffer(n), 0, n);
    let at = 0;
    while (at < n) {
      const piece = this.pending[0]!;
      const part = Math.min(piece.length, n - at);
      out.set(part === piece.length ? piece : piece.subarray(0, part), at);
      at += part;
      if (part === piece.length) this.pending.shift();
      else this.pending[0] = piece.subarray(part);
    }
    this.pendingLength -= n;
    return out;
  }

  /** The input has ended (the sniffer has been told so). */
  end(): void {
    if (this.pendingLength > 0) this.addSegment(this.takePending(this.pendingLength));
    this.pending = [];
    this.pendingLength = 0;
    this.inputEnded = true;
    this.pump();
  }

  private addSegment(data: Buffer): void {
    const bytes = data;
    this.segments.push(bytes);
    const job: Job = { id: this.nextId++, seq: this.jobs.length, lastSegment: this.segments.length - 1, data: bytes, owned: true, state: 'waiting' };
    this.jobs.push(job);
    if (this.chain) this.chain = this.number(job, this.chain);
    this.pump();
  }

  /**
   * Sends `job`, which starts a row at `at`, with its row numbers, if it holds no quote; returns
   * where the job after it starts, or undefined (then that job waits for verification).
   */
  private number(job: Job, at: { rowBase: number; line: number }): { rowBase: number; line: number } | undefined {
    const plain = plainRows(job.data, this.delimiter);
    if (!plain) return undefined;
    job.numbered = { ...plain, ...at };
    // Every row ends inside the segment: no lookahead needed.
    this.send(job, Buffer.alloc(0), true, { rowBase: at.rowBase, lineBase: at.line - 2 });
    return { rowBase: at.rowBase + plain.rows, line: at.line + plain.lines };
  }

  /** Jobs not yet sent whose first row is known now that the jobs before them are verified: sent numbered. */
  private resume(): void {
    if (this.chain || this.failure) return;
    if (this.expectedRowLine !== undefined && this.expectedRowLine !== this.nextDataLine) return;
    let at: { rowBase: number; line: number } | undefined = { rowBase: this.rowBase, line: this.nextDataLine };
    for (let i = this.verifying; i < this.jobs.length; i++) {
      const job = this.jobs[i]!;
      if (job.state !== 'waiting') return;
      at = this.number(job, at);
      if (!at) return;
    }
    this.chain = at;
  }

  // ------------------------------------------------------------------ dispatch and verification

  /** Sends every job whose lookahead is known; verifies parsed jobs in order. */
  private pump(): void {
    for (const job of this.jobs) {
      if (job.state !== 'waiting') continue;
      const next = this.segments[job.lastSegment + 1];
      if (!next && !this.inputEnded) break; // its lookahead is not read yet
      // Almost always the first row of the next segment decides; a longer look is the rare join.
      const lookahead = next === undefined ? Buffer.alloc(0) : next.subarray(0, LOOKAHEAD_BYTES);
      const isEnd = next === undefined || (this.inputEnded && job.lastSegment + 2 >= this.segments.length && lookahead.length === next.length);
      this.send(job, lookahead, isEnd);
    }
    this.verify();
  }

  private send(job: Job, lookahead: Buffer, lookaheadIsEnd: boolean, numbered?: { rowBase: number; lineBase: number }): void {
    let slot: Slot | undefined;
    for (const s of this.slots) if (s.state === 'ready' && (!slot || s.busy + s.handicap < slot.busy + slot.handicap)) slot = s;
    if (!slot) throw this.internal('no thread is ready to take a segment');
    slot.busy++;
    job.slot = slot;
    job.state = 'parsing';
    const encoding = this.sniffer.encoding ?? 'utf-8';
    // A numbered job is never read again here: its bytes move (a placeholder of its first bytes
    // stays as the lookahead of the segment before, which is read at most that far). Any other
    // job's bytes are copied, and so is the lookahead, which is a view of the next segment:
    // structured cloning a view copies its whole ArrayBuffer.
    const move = numbered !== undefined && job.owned && job.data.byteOffset === 0 && job.data.byteLength > 0;
    const data = job.data;
    const message: ToWorker = {
      type: 'parse',
      id: job.id,
      data,
      lookahead: lookahead.length > 0 ? Uint8Array.prototype.slice.call(lookahead) : lookahead,
      lookaheadIsEnd,
      encoding,
      ...(numbered ? { numbered } : {}),
    };
    if (move) {
      const index = job.lastSegment;
      if (this.segments[index] === job.data) this.segments[index] = Buffer.from(job.data.subarray(0, LOOKAHEAD_BYTES + 1));
      job.data = Buffer.alloc(0);
      job.moved = true;
      slot.post(message, [data.buffer as ArrayBuffer]);
    } else slot.post(message);
  }

  private verify(): void {
    this.verifyInOrder();
    this.resume();
  }

  private verifyInOrder(): void {
    while (this.verifying < this.jobs.length) {
      const job = this.jobs[this.verifying]!;
      if (job.state === 'absorbed') {
        this.verifying++;
        continue;
      }
      if (job.numbered) {
        // Its start was known when it was sent, and so is its end.
        const n = job.numbered;
        const expected = this.expectedRowLine;
        if (n.rowBase !== this.rowBase || n.line !== this.nextDataLine || (expected !== undefined && expected !== n.line)) {
          throw this.internal(`a numbered segment was sent for row ${n.rowBase + 1} on line ${n.line}, but it starts with row ${this.rowBase + 1} on line ${expected ?? this.nextDataLine}`);
        }
        this.rowBase += n.rows;
        this.nextDataLine += n.lines;
        this.expectedRowLine = undefined;
        this.verifying++;
        continue;
      }
      if (job.state !== 'parsed') return;
      const p = job.parsed!;
      if (p.insufficient) {
        this.join(job);
        return;
      }
      const firstLine = this.nextDataLine;
      const expected = this.expectedRowLine;
      if (expected !== undefined) {
        // The previous job says where the next row truly starts; this job assumed its first line.
        const firstRow = p.firstRowLine === null ? null : firstLine + p.firstRowLine - 2;
        if (firstRow !== expected) {
          // A quoted cell ran over the cut: read this job again from the true start of its first
          // row, or skip it when that row swallowed all of it.
          const skip = expected - firstLine < p.dataLines ? afterLines(job.data, expected - firstLine) : -1;
          this.release(job);
          if (skip < 0) {
            job.state = 'empty';
            job.bytes = [];
            job.rows = 0;
            this.nextDataLine = firstLine + p.dataLines;
            this.verifying++;
            this.wake();
            continue;
          }
          job.id = this.nextId++;
          job.data = job.data.subarray(skip);
          job.owned = false;
          job.state = 'waiting';
          job.parsed = undefined;
          this.nextDataLine = expected;
          this.expectedRowLine = undefined;
          this.pump();
          return;
        }
      }
      job.state = 'formatting';
      const go: ToWorker = { type: 'go', id: job.id, rowBase: this.rowBase, lineBase: firstLine - 2 };
      job.slot!.post(go);
      this.rowBase += p.rows;
      this.nextDataLine = firstLine + p.dataLines;
      // No row after this job's: its last row ran to the end of the input, through every job after
      // it (its lookahead was all the rest), which are then empty. Undefined here would mean
      // "the next job starts a row", and the tail of that last row would come out as rows.
      this.expectedRowLine = p.nextRowLine === null ? (this.verifying + 1 < this.jobs.length ? Number.POSITIVE_INFINITY : undefined) : firstLine + p.nextRowLine - 2;
      this.verifying++;
    }
  }

  /** The lookahead did not decide the job's last row: read it again joined with the next job's bytes. */
  private join(job: Job): void {
    let n = this.verifying + 1;
    while (this.jobs[n]?.state === 'absorbed') n++;
    const next = this.jobs[n];
    if (!next) throw this.internal('a segment was reported short of a lookahead it did not have');
    if (next.numbered) throw this.internal('a numbered segment follows one that is not verified');
    this.release(job);
    this.release(next);
    job.data = Buffer.concat([job.data, next.data]);
    job.owned = false;
    job.lastSegment = next.lastSegment;
    job.id = this.nextId++;
    job.state = 'waiting';
    job.parsed = undefined;
    // The next job keeps its place in the output order, empty.
    next.state = 'absorbed';
    next.bytes = [];
    next.rows = 0;
    next.data = Buffer.alloc(0);
    this.pump();
  }

  /** Tells the worker to forget a job it parsed (or is parsing). */
  private release(job: Job): void {
    if (job.slot && (job.state === 'parsing' || job.state === 'parsed')) {
      const drop: ToWorker = { type: 'drop', id: job.id };
      job.slot.post(drop);
      job.slot.busy--;
    }
    job.slot = undefined;
  }

  private receive(slot: Slot, m: FromWorker): void {
    try {
      const job = this.jobs.find((j) => j.id === (m as { id?: number }).id);
      switch (m.type) {
        case 'parsed':
          if (job && job.state === 'parsing') {
            job.parsed = m;
            job.state = 'parsed';
            this.verify();
          }
          break;
        case 'done':
          slot.busy--;
          if (job) {
            if (job.numbered) {
              const r = m.report;
              if (!r || r.rows !== job.numbered.rows || r.dataLines !== job.numbered.lines || r.nextRowLine !== null || r.insufficient) {
                throw this.internal(`a numbered segment of ${job.numbered.rows} rows was read as ${r ? `${r.rows} rows` : 'no report'}`);
              }
              job.rows = r.rows;
            } else job.rows = job.parsed?.rows ?? 0;
            job.bytes = m.bytes;
            job.state = 'done';
            if (job.moved && m.spent?.byteLength === this.capacity && this.spareSegments.length < 2 * this.slots.length + 2) this.spareSegments.push(m.spent);
          }
          // Once written, each output buffer goes back to its thread (one that holds one piece only).
          const seen = new Map<ArrayBuffer, number>();
          for (const piece of m.bytes) seen.set(piece.buffer as ArrayBuffer, (seen.get(piece.buffer as ArrayBuffer) ?? 0) + 1);
          for (const [buffer, n] of seen) if (n === 1) lend(buffer, slot.giveBack);
          this.pump();
          this.wake();
          break;
        case 'stats':
          this.statsWaiters.shift()?.(m.stats);
          break;
        case 'failed':
          this.fail(new Error(`screening a segment failed: ${m.message}`));
          break;
        case 'ready':
          break;
      }
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  // ------------------------------------------------------------------ output side

  /** The next outputs in order, as they become ready; resolves to undefined when all are written. */
  async next(): Promise<Uint8Array[] | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      const job = this.jobs[this.writing];
      if (!job) {
        if (this.inputEnded) return undefined;
      } else if (job.bytes !== undefined && (job.state === 'done' || job.state === 'empty' || job.state === 'absorbed')) {
        this.writing++;
        const bytes = job.bytes;
        this.rowsWritten += job.rows ?? 0;
        // Done with this job's bytes.
        job.data = Buffer.alloc(0);
        for (let i = 0; i <= job.lastSegment; i++) this.segments[i] = undefined;
        job.bytes = [];
        this.wake();
        return bytes;
      }
      await this.until();
    }
  }

  /** Every worker's counts (after the last output). */
  async stats(): Promise<ScreenStatsData[]> {
    const all: ScreenStatsData[] = [];
    // A worker that never became ready was never sent a job.
    for (const s of this.slots.filter((x) => x.state === 'ready')) {
      const got = new Promise<ScreenStatsData>((resolve) => this.statsWaiters.push(resolve));
      const finish: ToWorker = { type: 'finish' };
      s.post(finish);
      all.push(await got);
    }
    return all;
  }

  private stopping = false;

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.slots.map((s) => s.stop()));
  }

  /** Ends the screen with `e`: every wait (`push`, `next`, `allReady`) throws it. */
  abort(e: Error): void {
    this.fail(e);
  }

  private internal(message: string): Error {
    return new Error(`internal error in the parallel reader: ${message}`);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private until(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
