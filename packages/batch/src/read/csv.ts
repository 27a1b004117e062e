// Streaming CSV reader for `visit screen`.
//
// Why hand-written: measured with bench/csv-readers.mjs (1,000,000 rows × 12 columns of `;` CSV,
// 77.6 MB, Danish-Excel-like, BOM + CRLF, 2 % of rows with a quoted cell; 2-core machine, Node
// 20.20, best of 3 runs, each reader alone in a child process; peak RSS = maxRSS):
//
//   reader                          wall    peak RSS   × csv-parse
//   lines only (decode + indexOf)   0.21 s    63 MB       0.06
//   csv-parse 7.0.3 (baseline)      3.84 s    63 MB       1.00
//   csv-parser 3.2.1                3.74 s    74 MB       0.97
//   papaparse 5.7.1 (node stream)   0.99 s    85 MB       0.26
//   udsv 0.7.3 (string arrays)      0.78 s    67 MB       0.20
//   this reader, batches()          0.71 s    81 MB       0.18
//   this reader, rows()             1.13 s    83 MB       0.29
//
// At 5,000,000 rows (388 MB) this reader peaks at 81 MB too: memory stays flat. On a loaded
// machine the ratios move (0.18–0.25 for batches()), the order does not.
//
// `visit screen` must screen a file end to end in ≤ 0.6 × csv-parse's time, which leaves the
// reader about 0.35 × of it. csv-parse and csv-parser are far too slow. papaparse and udsv are
// fast enough but cannot keep the promise that no row is dropped or merged: papaparse gives no
// line numbers, counts rows per chunk, and reads a stray quote as a cell that swallows every row
// after it up to the next quote (measured: `4;"5;6` followed by four rows came back as one row);
// udsv reports no malformed rows at all. So this reader is hand-written: it finds line ends with
// `indexOf` and, for a line that holds no `"` (almost all of them), cuts the cells at the
// delimiters with `indexOf` + `slice`; only a line that holds a quote goes through the careful
// RFC 4180 parser below. Rows come out as one array per input chunk (`batches()`), because one
// `await` per row costs more than the parsing (compare the rows() line).
//
// The rules (physical lines count from 1):
// - The text: see text.ts (the encoding stated, from a BOM, or found; bytes the encoding does not
//   allow make their row invalid, `not valid UTF-8 in column N`, and are never read as U+FFFD).
// - The header is the first non-empty line, and one physical line (a quote left open in it is an
//   error); its cells are trimmed. Its cell count is the width every row must have.
// - Delimiter: `,` or `;`, given, or detected from the header line: the one that occurs more
//   often outside quotes, `;` only if it occurs more often than `,` (so `,` when neither does).
// - Line ends: LF or CRLF (CRs right before LF, or at the very end of the input, belong to the
//   line end, so the `\r\r\n` of a twice-converted file is one line end; any other CR is data).
//   A file whose first line ends in a CR not followed by LF is read with CR as the line end (old
//   Mac exports).
// - A completely empty line is not a row (it is counted as a line, so later line numbers stay
//   true). A line of only delimiters (`;;;;`) is a row of empty cells, and a line of spaces is a
//   row of one cell: only the engine can say whether such a row means anything.
// - A field is quoted only if its first character is `"`; inside, `""` is a quote and delimiters
//   and line breaks are data. A `"` anywhere else in an unquoted field is an ordinary character.
// - Malformed rows (each is reported as `{ row, line, error, readable }` and counts as one row):
//   - `expected N cells, found M` — the row has more or fewer cells than the header.
//   - `text after the closing quote in column N; expected ';' or the end of the line`.
//   - `unbalanced quote starting in column N` (LANGUAGE.md §7) — a quoted cell that is still open
//     at the end of its physical line is read on over the following lines only if that gives a
//     well-formed row: the quote closes, no quoted cell holds more than MAX_CELL_CHARS (32,767,
//     Excel's limit: no spreadsheet wrote a longer cell), the closing quote is followed by a
//     delimiter or the line end, the row has exactly the header's number of cells, and the whole
//     row fits in MAX_RECORD_CHARS. Otherwise the line with the opening quote is one malformed row
//     (`…: no closing quote within 32,767 characters (Excel's limit for a cell)` when its own cell
//     is what ran too long) and reading resumes on the next line. So a stray quote costs one row
//     and never swallows the rows after it (the cell limit also bounds how far the reader looks
//     ahead), while a genuine multi-line cell (Excel's Alt+Enter) is one row. The price: two stray
//     quotes that happen to enclose a well-formed row within 32,767 characters are read as that
//     one row (its `line` and `endLine` show the gap, and `visit screen` warns once per file
//     how many rows ran over several lines, naming the first by row and lines). A quoted cell of more than 32,767
//     characters on one line is malformed in the same way.
// - `the row is longer than N characters` — a line of more than MAX_RECORD_CHARS characters is
//   no record (a binary file, a wrong line end); it is one malformed row and reading goes on
//   after its line end, so memory stays bounded. The same however the text arrives (whole, or in
//   pieces), as everything here.
// - `readable`: the cells of a malformed row that are certainly in their columns, for its `id`
//   (LANGUAGE.md §10): with a faulty quote (or an invalid byte), the cells before the faulty cell;
//   with a wrong number of cells, only the first cell — the extra or missing delimiter may sit
//   anywhere, and shifts every cell after it, but nothing can move the first cell's start; with a
//   line too long, its first cell when that is short and unquoted.
// - Error messages name columns and counts, never cell values (they may hold CPR numbers).

import { INVALID, TextChunks, invalidTextReason, type ByteSource, type Encoding, type TextOptions } from './text';

export type CsvDelimiter = ',' | ';';

export interface CsvOptions extends TextOptions {
  /** The field separator; detected from the header line when absent. */
  delimiter?: CsvDelimiter;
}

/** A well-formed data row: `row` counts data rows from 1, `line` is the physical line it starts on. */
export interface CsvRow {
  row: number;
  line: number;
  cells: string[];
  /**
   * The physical line it ends on, for a row whose quoted cell runs over several lines; absent for a
   * row of one line. §7 cannot tell such a row from two stray quotes that enclose a well-formed
   * row, so `visit screen` warns about these rows (counted, never their cells).
   */
  endLine?: number;
}

/** A malformed data row: it still has its row number; `error` says what and where, never the values. */
export interface CsvRowError {
  row: number;
  line: number;
  error: string;
  /** The cells certainly in their columns (from the first), for the row's `id`; see the rules above. */
  readable?: string[];
  /** As for CsvRow: set when the row was read over several lines (and then found to hold an invalid byte). */
  endLine?: number;
}

export type CsvEntry = CsvRow | CsvRowError;

export function isCsvRowError(entry: CsvEntry): entry is CsvRowError {
  return 'error' in entry;
}

export interface CsvReader {
  /** Header cells, trimmed. */
  readonly header: readonly string[];
  readonly delimiter: CsvDelimiter;
  /** Physical line of the header (1 unless blank lines precede it). */
  readonly headerLine: number;
  /** The encoding in force (undefined while every byte so far was ASCII, or for text input). */
  readonly encoding: Encoding | undefined;
  /** Every data row, in order, one array per input chunk (no empty arrays). Iterate once. */
  batches(): AsyncIterable<CsvEntry[]>;
  /** The same rows one at a time: simpler, slower (one await per row). Iterate once. */
  rows(): AsyncIterable<CsvEntry>;
}

export type OpenCsvResult = { ok: true; reader: CsvReader } | { ok: false; error: string };

/**
 * A row (also one over several lines) must end within this many characters of its start: it
 * bounds how far the reader looks ahead and what it buffers. A row of 32 full Excel cells fits.
 */
export const MAX_RECORD_CHARS = 1 << 20;

/** Excel holds at most 32,767 characters in a cell: a quoted cell must close within as many. */
export const MAX_CELL_CHARS = 32_767;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Reads up to the end of the header line, so the header is known before any row is read.
 * Returns `{ ok: false }` for an input without a header row or with a malformed one; rejects
 * only when the source itself fails (e.g. the file cannot be read).
 */
export async function openCsv(source: ByteSource, options: CsvOptions = {}): Promise<OpenCsvResult> {
  const chunks = new TextChunks(source, options);
  let text = '';
  let pos = 0;
  let line = 1;
  for (;;) {
    const lf = text.indexOf('\n', pos);
    const cr = text.indexOf('\r', pos);
    const brk = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    // CRs up to the end of the text read so far may be followed by an LF.
    let afterCr = brk;
    if (brk >= 0 && brk === cr) while (text.charCodeAt(afterCr) === CR) afterCr++;
    if (!chunks.done && (brk < 0 || afterCr === text.length)) {
      if (text.length - pos > MAX_RECORD_CHARS) {
        await chunks.close();
        return { ok: false, error: `header row (line ${line}): longer than ${MAX_RECORD_CHARS} characters` };
      }
      text = text.slice(pos) + (await chunks.next());
      pos = 0;
      continue;
    }
    const end = brk < 0 ? text.length : brk;
    // CRs then LF: LF ends lines (CRs before it are dropped); a CR without LF: CR ends lines.
    const crlf = brk >= 0 && brk === cr && text.charCodeAt(afterCr) === LF;
    const newline: '\n' | '\r' = brk >= 0 && brk === cr && !crlf ? '\r' : '\n';
    const next = brk < 0 ? text.length : crlf ? afterCr + 1 : brk + 1;
    if (end === pos) {
      if (brk < 0) {
        await chunks.close();
        return { ok: false, error: 'the input is empty: expected a header row' };
      }
      pos = next;
      line++;
      continue;
    }
    const headerText = text.slice(pos, end);
    const invalid = chunks.invalid > 0 ? headerText.indexOf(INVALID) : -1;
    if (invalid >= 0) {
      await chunks.close();
      return { ok: false, error: `header row (line ${line}): ${invalidTextReason(headerText, 0, invalid, chunks.encoding)}` };
    }
    const delimiter = options.delimiter ?? detectDelimiter(headerText);
    const parsed = headerText.includes('"')
      ? parseRecord(headerText, 0, delimiter.charCodeAt(0), LF, false, true, false, Infinity)
      : { kind: 'ok' as const, cells: headerText.split(delimiter), next: 0, newlines: 0 };
    // (`more` cannot happen: the header line is parsed as final text.)
    if (parsed.kind !== 'ok' && parsed.kind !== 'more') {
      await chunks.close();
      return { ok: false, error: `header row (line ${line}): ${describeFault(parsed, delimiter)}` };
    }
    const header = parsed.kind === 'ok' ? parsed.cells.map((cell) => cell.trim()) : [];
    const scanner = new CsvScanner(delimiter, newline, header.length, line + 1);
    return { ok: true, reader: new Reader(header, delimiter, line, chunks, scanner, text.slice(next)) };
  }
}

/** `;` if it occurs more often than `,` outside quotes in the header line, else `,`. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

class Reader implements CsvReader {
  private started = false;

  constructor(
    readonly header: readonly string[],
    readonly delimiter: CsvDelimiter,
    readonly headerLine: number,
    private readonly chunks: TextChunks,
    private readonly scanner: CsvScanner,
    private rest: string,
  ) {}

  get encoding(): Encoding | undefined {
    return this.chunks.encoding;
  }

  async *batches(): AsyncGenerator<CsvEntry[]> {
    if (this.started) throw new Error('CsvReader.batches() can only be iterated once');
    this.started = true;
    try {
      let text = this.rest;
      this.rest = '';
      for (;;) {
        const final = this.chunks.done;
        // Rows are searched for INVALID only once the decoder has produced one.
        if (this.chunks.invalid > 0) this.scanner.invalidIn(this.chunks.encoding);
        const batch = this.scanner.scan(text, final);
        if (batch.length > 0) yield batch;
        if (final) return;
        text = await this.chunks.next();
      }
    } finally {
      await this.chunks.close();
    }
  }

  async *rows(): AsyncGenerator<CsvEntry> {
    for await (const batch of this.batches()) yield* batch;
  }
}

/** Why a row is malformed; `cells`: the cells before the faulty one. */
type Fault =
  | { kind: 'unbalanced' | 'long'; column: number; cells: string[] }
  | { kind: 'junk'; column: number; newlines: number; cells: string[] }
  /** A row over several lines that has more cells than the header (found before its end). */
  | { kind: 'wide'; column: number; cells: string[] };

type Parsed = { kind: 'more' } | { kind: 'ok'; cells: string[]; next: number; newlines: number } | Fault;

const MORE: Parsed = { kind: 'more' };

function describeFault(parsed: Fault, delimiter: CsvDelimiter): string {
  switch (parsed.kind) {
    case 'unbalanced':
    case 'wide':
      return `unbalanced quote starting in column ${parsed.column}`;
    case 'long':
      return `unbalanced quote starting in column ${parsed.column}: no closing quote within ${MAX_CELL_CHARS.toLocaleString('en-US')} characters (Excel's limit for a cell)`;
    case 'junk':
      return `text after the closing quote in column ${parsed.column}; expected '${delimiter}' or the end of the line`;
    default: {
      const never: never = parsed;
      return never;
    }
  }
}

function countError(expected: number, found: number): string {
  return `expected ${expected} ${expected === 1 ? 'cell' : 'cells'}, found ${found}`;
}

/**
 * The careful parser, for a row that holds a quote. Parses one row starting at `start`:
 * `more` when the text ends before the row can be decided (and `final` is false); `ok` with the
 * cells, the index after the row's line end and the number of line breaks inside quoted cells;
 * `unbalanced` when a quoted field is still open at the end of the input or (with `multiLine`
 * false) at the end of the physical line; `long` when a quoted cell runs past MAX_CELL_CHARS;
 * `junk` when a closing quote is followed by something other than a delimiter or line end; `wide`
 * when a row that runs over a line has more than `width` cells.
 */
function parseRecord(
  text: string,
  start: number,
  delimiter: number,
  newline: number,
  stripCr: boolean,
  final: boolean,
  multiLine: boolean,
  width: number,
): Parsed {
  const len = text.length;
  const nlChar = String.fromCharCode(newline);
  const delimChar = String.fromCharCode(delimiter);
  const cells: string[] = [];
  let newlines = 0;
  let i = start;
  for (;;) {
    const column = cells.length + 1;
    if (newlines > 0 && cells.length > width) return { kind: 'wide', column, cells };
    if (text.charCodeAt(i) !== QUOTE) {
      let nl = text.indexOf(nlChar, i);
      if (nl < 0) {
        if (!final) return MORE;
        nl = len;
      }
      const d = text.indexOf(delimChar, i);
      if (d >= 0 && d < nl) {
        cells.push(text.slice(i, d));
        i = d + 1;
        continue;
      }
      let end = nl;
      if (stripCr) while (end > i && text.charCodeAt(end - 1) === CR) end--;
      cells.push(text.slice(i, end));
      return { kind: 'ok', cells, next: nl + 1, newlines };
    }
    let value = '';
    let segment = i + 1;
    for (;;) {
      const q = text.indexOf('"', segment);
      const stop = q < 0 ? len : q;
      let nl = text.indexOf(nlChar, segment);
      if (nl >= 0 && nl < stop) {
        if (!multiLine) return { kind: 'unbalanced', column, cells };
        while (nl >= 0 && nl < stop) {
          newlines++;
          nl = text.indexOf(nlChar, nl + 1);
        }
      }
      // The cell so far (a `""` counts as one character): decided as soon as it is too long.
      if (value.length + (stop - segment) > MAX_CELL_CHARS) return { kind: 'long', column, cells };
      if (q < 0) {
        if (!final) return MORE;
        return { kind: 'unbalanced', column, cells };
      }
      if (q + 1 >= len && !final) return MORE; // `"` or `""`: the next chunk decides
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(segment, q + 1);
        segment = q + 2;
        continue;
      }
      value += text.slice(segment, q);
      i = q + 1;
      break;
    }
    cells.push(value);
    if (i >= len) {
      if (!final) return MORE;
      return { kind: 'ok', cells, next: len + 1, newlines };
    }
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      continue;
    }
    if (c === newline) return { kind: 'ok', cells, next: i + 1, newlines };
    if (stripCr && c === CR) {
      let k = i + 1;
      while (k < len && text.charCodeAt(k) === CR) k++;
      if (k >= len) {
        if (!final) return MORE;
        return { kind: 'ok', cells, next: len + 1, newlines };
      }
      if (text.charCodeAt(k) === LF) return { kind: 'ok', cells, next: k + 1, newlines };
    }
    return { kind: 'junk', column, newlines, cells: cells.slice(0, column - 1) };
  }
}

/** The cells before the first that holds INVALID (all of them when none does). */
function beforeInvalid(cells: readonly string[]): string[] {
  let k = 0;
  while (k < cells.length && !cells[k]!.includes(INVALID)) k++;
  return cells.slice(0, k);
}

/** Turns text into rows; keeps the unfinished tail of each chunk for the next. */
class CsvScanner {
  private readonly delimiterChar: string;
  private readonly delimiterCode: number;
  private readonly newlineChar: string;
  private readonly newlineCode: number;
  private readonly stripCr: boolean;
  private carry = '';
  private pending: string[] = [];
  private pendingLength = 0;
  private skipping = false;
  private row = 0;
  /** Set once the decoder has replaced invalid bytes: rows are then searched for INVALID. */
  private checkInvalid = false;
  private encoding: Encoding | undefined;

  constructor(
    private readonly delimiter: CsvDelimiter,
    newline: '\n' | '\r',
    private readonly width: number,
    /** The physical line number of the next line to read. */
    private line: number,
  ) {
    this.delimiterChar = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.newlineChar = newline;
    this.newlineCode = newline.charCodeAt(0);
    this.stripCr = newline === '\n';
  }

  invalidIn(encoding: Encoding | undefined): void {
    this.checkInvalid = true;
    this.encoding = encoding;
  }

  scan(chunk: string, final: boolean): CsvEntry[] {
    const out: CsvEntry[] = [];
    if (this.skipping) {
      const nl = chunk.indexOf(this.newlineChar);
      if (nl < 0) return out;
      this.skipping = false;
      chunk = chunk.slice(nl + 1);
    }
    if (
      !final &&
      chunk.indexOf(this.newlineChar) < 0 &&
      this.carry.length + this.pendingLength + chunk.length <= MAX_RECORD_CHARS
    ) {
      // No row can end in this chunk. Keep it aside and join the pieces once a line break comes:
      // appending each chunk to the carry and searching it again would be quadratic on a long line.
      this.pending.push(chunk);
      this.pendingLength += chunk.length;
      return out;
    }
    let text = this.carry;
    if (this.pending.length > 0) {
      text += this.pending.join('');
      this.pending = [];
      this.pendingLength = 0;
    }
    text = text.length > 0 ? text + chunk : chunk;
    const len = text.length;
    const { delimiterChar, newlineChar, stripCr, width } = this;
    let pos = 0;
    let quote = -1; // index of the next `"` at or after pos (len when none); recomputed lazily
    let invalid = this.checkInvalid ? -1 : len; // the same for INVALID, searched only when needed
    for (;;) {
      let nl = text.indexOf(newlineChar, pos);
      if (nl < 0) {
        if (!final || pos >= len) break;
        nl = len;
      }
      if (quote < pos) {
        quote = text.indexOf('"', pos);
        if (quote < 0) quote = len;
      }
      if (invalid < pos) {
        invalid = text.indexOf(INVALID, pos);
        if (invalid < 0) invalid = len;
      }
      if (quote < nl) {
        const next = this.slowRow(text, pos, nl, final, invalid, out);
        if (next < 0) break; // the row continues in the next chunk
        pos = next;
        continue;
      }
      if (nl - pos > MAX_RECORD_CHARS) {
        // The same as when the line arrives in pieces (below), however the text is cut.
        out.push(this.tooLong(text, pos));
        pos = nl + 1;
        continue;
      }
      let end = nl;
      if (stripCr) while (end > pos && text.charCodeAt(end - 1) === CR) end--;
      const line = this.line++;
      if (end > pos) {
        const cells: string[] = [];
        let from = pos;
        for (;;) {
          const d = text.indexOf(delimiterChar, from);
          if (d < 0 || d >= end) {
            cells.push(text.slice(from, end));
            break;
          }
          cells.push(text.slice(from, d));
          from = d + 1;
        }
        const row = ++this.row;
        if (invalid < end) {
          const readable = beforeInvalid(cells.length === width ? cells : cells.slice(0, 1));
          out.push({ row, line, error: invalidTextReason(text, pos, invalid, this.encoding, newlineChar), readable });
        } else if (cells.length === width) out.push({ row, line, cells });
        else out.push({ row, line, error: countError(width, cells.length), readable: cells.slice(0, 1) });
      }
      pos = nl + 1;
    }
    const rest = pos < len ? text.slice(pos) : '';
    if (!final && rest.length > MAX_RECORD_CHARS && rest.indexOf(this.newlineChar) < 0) {
      // A line this long is no record (a binary file, a wrong line end): report it, skip to its end.
      out.push(this.tooLong(rest, 0));
      this.skipping = true;
      this.carry = '';
    } else {
      this.carry = rest;
    }
    return out;
  }

  /**
   * The row for a line of more than MAX_RECORD_CHARS characters starting at `pos`. Its first cell
   * is still certainly in its column, when it is a short, unquoted one.
   */
  private tooLong(text: string, pos: number): CsvRowError {
    const d = text.indexOf(this.delimiterChar, pos);
    const first = d >= 0 && d - pos <= 1024 && text.charCodeAt(pos) !== QUOTE ? text.slice(pos, d) : INVALID;
    return {
      row: ++this.row,
      line: this.line++,
      error: `the row is longer than ${MAX_RECORD_CHARS} characters`,
      readable: first.includes(INVALID) ? [] : [first],
    };
  }

  /**
   * One row that holds a quote; returns where the next row starts, or -1 to wait for more text.
   * `invalid`: the index of the next INVALID at or after `pos` (the text's length when none).
   */
  private slowRow(text: string, pos: number, nl: number, final: boolean, invalid: number, out: CsvEntry[]): number {
    if (nl - pos > MAX_RECORD_CHARS) {
      out.push(this.tooLong(text, pos));
      return nl + 1;
    }
    const parsed = parseRecord(text, pos, this.delimiterCode, this.newlineCode, this.stripCr, final, true, this.width);
    // Still unfinished past MAX_RECORD_CHARS: too long to be one row, so handled as malformed below
    // (as is a multi-line row found whole that is longer: the same however the text arrives).
    if (parsed.kind === 'more' && text.length - pos <= MAX_RECORD_CHARS) return -1;
    const line = this.line;
    const fits = parsed.kind === 'ok' && parsed.next - 1 - pos <= MAX_RECORD_CHARS;
    if (parsed.kind === 'ok' && fits && (parsed.newlines === 0 || parsed.cells.length === this.width)) {
      const row = ++this.row;
      this.line += 1 + parsed.newlines;
      const wide = parsed.cells.length === this.width;
      let entry: CsvEntry;
      if (invalid < parsed.next - 1) {
        const readable = beforeInvalid(wide ? parsed.cells : parsed.cells.slice(0, 1));
        entry = { row, line, error: invalidTextReason(text, pos, invalid, this.encoding, this.newlineChar), readable };
      } else {
        entry = wide
          ? { row, line, cells: parsed.cells }
          : { row, line, error: countError(this.width, parsed.cells.length), readable: parsed.cells.slice(0, 1) };
      }
      // (A row over several lines always has the header's width: see the condition above.)
      if (parsed.newlines > 0) entry.endLine = line + parsed.newlines;
      out.push(entry);
      return parsed.next;
    }
    // The row is malformed. Unless the problem lies on its first physical line alone, the row
    // spans lines only because of a stray quote: report that one line and resume after it.
    const row = ++this.row;
    this.line += 1;
    if (invalid < nl) {
      const cells = parsed.kind === 'ok' ? parsed.cells : parsed.kind === 'more' ? [] : parsed.cells;
      out.push({ row, line, error: invalidTextReason(text, pos, invalid, this.encoding, this.newlineChar), readable: beforeInvalid(cells) });
      return nl + 1;
    }
    if (parsed.kind === 'junk' && parsed.newlines === 0) {
      out.push({ row, line, error: describeFault(parsed, this.delimiter), readable: parsed.cells });
      return nl + 1;
    }
    const first = parseRecord(text.slice(pos, nl), 0, this.delimiterCode, this.newlineCode, this.stripCr, true, false, Infinity);
    if (first.kind === 'ok' || first.kind === 'more') {
      // Cannot happen: a line that parses alone would have parsed with newlines === 0.
      out.push({ row, line, error: 'unbalanced quote on this line', readable: [] });
      return nl + 1;
    }
    // The quote's own cell ran past the cell limit: say so (whatever made the row fail otherwise,
    // a quote never closed or a row that is not well-formed where it closes, the quote is unbalanced).
    const long = parsed.kind === 'long' && parsed.column === first.column;
    out.push({ row, line, error: describeFault(long ? parsed : first, this.delimiter), readable: first.cells });
    return nl + 1;
  }
}

const needsQuotes = { ',': /[",\r\n]/, ';': /[";\r\n]/ } as const;

/** One CSV field as RFC 4180 writes it: quoted only when it holds the delimiter, a quote or a line break. */
export function formatCsvCell(value: string, delimiter: CsvDelimiter = ','): string {
  return needsQuotes[delimiter].test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV line without its line end. */
export function formatCsvRow(cells: readonly string[], delimiter: CsvDelimiter = ','): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += delimiter;
    line += formatCsvCell(cells[i] as string, delimiter);
  }
  return line;
}
