// Bytes → text for the record readers (CSV and NDJSON): the encoding stated (`--encoding`), given
// by a byte order mark, or found from the bytes; characters split across chunks reassembled.
//
// The rule (LANGUAGE.md §7): UTF-8 with or without a BOM, and UTF-16 LE/BE with a BOM, are read as
// such; a file that is not valid UTF-8 is read as Windows-1252, with one warning; text is never
// silently replaced by U+FFFD.
//
// Deciding while streaming: ASCII reads the same in UTF-8 and Windows-1252, so nothing needs to be
// decided until the first byte above 0x7F. From there, a window of the next SNIFF_WINDOW bytes (or
// up to the end of the input) is held back and checked: valid UTF-8 → the file is UTF-8; not →
// the file is Windows-1252 from its first byte (every byte before the window was ASCII, so nothing
// already handed on reads differently). A window that is not valid UTF-8 but holds UTF-8
// characters (a UTF-8 file with a few bad bytes) is UTF-8 too: read as Windows-1252, every one of
// its characters would be misread (`ø` as `Ã¸`), while this way only the rows with the bad bytes
// are invalid. Windows-1252 Danish text hardly ever holds a valid UTF-8 sequence (`Ã` followed by
// a byte 0x80–0xBF: mojibake).
//
// Bytes that are not valid in the encoding in force (a later non-UTF-8 byte in a file that began
// as UTF-8, any invalid byte with `--encoding utf-8`, a lone surrogate in UTF-16) are never decoded
// as U+FFFD: they become INVALID, a lone surrogate (which no valid decoding yields), and the readers
// turn the row that holds one into an invalid row naming its column. A genuine U+FFFD in the input
// (EF BF BD) is text like any other.

// Node's native checks (simdutf), fetched without an `import` so that the editor, which bundles
// the readers for the browser and gives them text only, does not pull in `node:buffer`; outside
// Node the fallbacks below do the same, slower.
type NodeBuffer = { isAscii(b: Uint8Array): boolean; isUtf8(b: Uint8Array): boolean; Buffer: typeof Buffer };
const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:buffer') as
  | NodeBuffer
  | undefined;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const isAscii: (b: Uint8Array) => boolean =
  node?.isAscii ??
  ((b) => {
    for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0x80) return false;
    return true;
  });
const isUtf8: (b: Uint8Array) => boolean =
  node?.isUtf8 ??
  ((b) => {
    try {
      strictUtf8.decode(b);
      return true;
    } catch {
      return false;
    }
  });
const latin1 = new TextDecoder('latin1');

function join(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (node) return node.Buffer.concat(parts, length);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What a ByteSource yields: a Node Readable (file stream, stdin) or any async iterable of chunks. */
export type ByteSource = AsyncIterable<Uint8Array | string>;

export const ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Stands for bytes the encoding does not allow (see the notes above). Never in valid decoded text. */
export const INVALID = '\uDFFF';

/** Bytes after the first non-ASCII byte that are checked before the encoding is decided. */
export const SNIFF_WINDOW = 64 * 1024;

export interface TextOptions {
  /** The encoding as stated by the user: no guessing (a BOM of another encoding is an error). */
  encoding?: Encoding;
  /** Called once when the encoding was found to be Windows-1252 (the input is not valid UTF-8). */
  onWarning?: (message: string) => void;
}

export const WINDOWS_1252_WARNING = 'not valid UTF-8, so it is read as Windows-1252 (state the encoding with --encoding)';

/** The name of an encoding in messages. */
export function encodingName(encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'windows-1252':
      return 'Windows-1252';
    case 'utf-16le':
      return 'UTF-16LE';
    case 'utf-16be':
      return 'UTF-16BE';
  }
}

/** The encoding a byte order mark at the start of `head` names, and its length. */
export function byteOrderMark(head: Uint8Array): { encoding: Encoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Decides the encoding of a byte stream as it is fed (the rule above), without holding the bytes
 * itself (apart from the first three and the window, by reference). Used by TextChunks, and by the
 * main thread of the parallel screen, which must know the encoding before it hands bytes on.
 */
export class EncodingSniffer {
  /** Decided: stated, from a BOM, or found. Undefined while every byte so far is ASCII. */
  encoding: Encoding | undefined;
  /** Length of the BOM at the start of the stream (skipped), once known. */
  bomLength = 0;
  /** True when the encoding was found to be Windows-1252 (then warn once). */
  guessed = false;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private headDone = false;
  private window: Uint8Array[] | undefined;
  private windowLength = 0;
  private ended = false;

  constructor(readonly stated?: Encoding) {}

  /** True while bytes fed so far must be held back: the BOM or the encoding is not known yet. */
  get pending(): boolean {
    return !this.ended && (!this.headDone || this.window !== undefined);
  }

  /** Throws when the stated encoding contradicts the input's BOM. */
  feed(bytes: Uint8Array): void {
    if (this.ended || bytes.length === 0) return;
    if (!this.headDone) {
      this.head.push(bytes);
      this.headLength += bytes.length;
      if (this.headLength < 3) return;
      this.startWith(concat(this.head, this.headLength));
      return;
    }
    this.observe(bytes);
  }

  /** The input has ended: decide with what there is. */
  end(): void {
    if (this.ended) return;
    if (!this.headDone) this.startWith(concat(this.head, this.headLength));
    this.ended = true;
    if (this.window !== undefined) this.decide(true);
  }

  private startWith(first: Uint8Array): void {
    this.headDone = true;
    this.head = [];
    const bom = byteOrderMark(first);
    if (this.stated !== undefined) {
      if (bom && bom.encoding !== this.stated) {
        throw new Error(`it starts with a ${encodingName(bom.encoding)} byte order mark, but --encoding ${this.stated} says otherwise`);
      }
      this.encoding = this.stated;
      this.bomLength = bom?.length ?? 0;
      return;
    }
    if (bom) {
      this.encoding = bom.encoding;
      this.bomLength = bom.length;
      return;
    }
    this.observe(first);
  }

  /** Undecided: look for the first non-ASCII byte, then fill the window after it. */
  private observe(bytes: Uint8Array): void {
    if (this.encoding !== undefined) return;
    if (this.window === undefined) {
      if (isAscii(bytes)) return;
      let first = 0;
      while ((bytes[first] as number) < 0x80) first++;
      this.window = [bytes.subarray(first)];
      this.windowLength = bytes.length - first;
    } else {
      this.window.push(bytes);
      this.windowLength += bytes.length;
    }
    if (this.windowLength >= SNIFF_WINDOW) this.decide(false);
  }

  private decide(final: boolean): void {
    // Exactly SNIFF_WINDOW bytes (not up to the end of a chunk): the same bytes decide the same way
    // however the input arrives (a file, a pipe, the parallel reader's own reading).
    const whole = concat(this.window!, this.windowLength);
    const window = whole.length > SNIFF_WINDOW ? whole.subarray(0, SNIFF_WINDOW) : whole;
    this.window = undefined;
    // The window may end inside a character (more follows): judge the complete ones.
    const tail = final ? 0 : utf8Tail(window);
    const judged = tail === 0 ? window : window.subarray(0, window.length - tail);
    // Not valid UTF-8, but with UTF-8 characters in it: a UTF-8 file with some bad bytes (those
    // rows become invalid). Reading it as Windows-1252 would misread every UTF-8 character.
    const utf8 = isUtf8(judged) || hasUtf8Character(judged);
    this.encoding = utf8 ? 'utf-8' : 'windows-1252';
    this.guessed = !utf8;
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return join(parts, length);
}

/** True when `b` holds at least one valid UTF-8 character of more than one byte. */
function hasUtf8Character(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const length = utf8Length(b[i] as number);
    if (length > 1 && i + length <= b.length && isUtf8(b.subarray(i, i + length))) return true;
  }
  return false;
}

/** The length of the UTF-8 character a byte starts (1 for ASCII), 0 if it starts none. */
function utf8Length(c: number): number {
  return c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
}

/** Bytes at the end of `b` that begin a UTF-8 character not complete in `b` (0–3). */
function utf8Tail(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k] as number;
    if (c < 0x80) return 0;
    if (c >= 0xc0) {
      const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return length > k ? k : 0;
    }
  }
  return 0;
}

/** Latin-1 of ASCII bytes is the text (10× faster than a TextDecoder for the common ASCII chunk). */
function ascii(b: Uint8Array): string {
  return node ? node.Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') : latin1.decode(b);
}

/** Decodes one encoding chunk by chunk; bytes it does not allow become INVALID (counted in `invalid`). */
interface ChunkDecoder {
  decode(bytes: Uint8Array, final: boolean): string;
  invalid: number;
}

function chunkDecoder(encoding: Encoding): ChunkDecoder {
  switch (encoding) {
    case 'utf-8':
      return new Utf8Decoder();
    case 'windows-1252':
      return new Windows1252Decoder();
    case 'utf-16le':
    case 'utf-16be':
      return new Utf16Decoder(encoding);
  }
}

/**
 * UTF-8. Each chunk is decoded whole (its incomplete last character carried to the next), with a
 * fatal TextDecoder; only a chunk that is not valid UTF-8 takes the slow path, which finds the
 * bytes that are not (with `isUtf8` on each candidate character) and decodes the rest with the
 * same TextDecoder.
 */
class Utf8Decoder implements ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private carry: Uint8Array | undefined;
  invalid = 0;

  decode(chunk: Uint8Array, final: boolean): string {
    let bytes = chunk;
    if (this.carry) {
      bytes = join([this.carry, chunk], this.carry.length + chunk.length);
      this.carry = undefined;
    }
    const tail = final ? 0 : utf8Tail(bytes);
    if (tail > 0) {
      this.carry = bytes.slice(bytes.length - tail);
      bytes = bytes.subarray(0, bytes.length - tail);
    }
    if (isAscii(bytes)) return ascii(bytes);
    try {
      return this.decoder.decode(bytes);
    } catch {
      return this.careful(bytes);
    }
  }

  private careful(b: Uint8Array): string {
    const parts: string[] = [];
    let run = 0;
    let i = 0;
    while (i < b.length) {
      const c = b[i] as number;
      if (c < 0x80) {
        i++;
        continue;
      }
      const length = utf8Length(c);
      if (length > 0 && i + length <= b.length && isUtf8(b.subarray(i, i + length))) {
        i += length;
        continue;
      }
      parts.push(this.decoder.decode(b.subarray(run, i)), INVALID);
      this.invalid++;
      i++;
      run = i;
    }
    parts.push(this.decoder.decode(b.subarray(run)));
    return parts.join('');
  }
}

/** Windows-1252: every byte is a character (WHATWG maps the five unassigned ones to C1 controls). */
class Windows1252Decoder implements ChunkDecoder {
  private readonly decoder = new TextDecoder('windows-1252');
  invalid = 0;

  decode(bytes: Uint8Array): string {
    return isAscii(bytes) ? ascii(bytes) : this.decoder.decode(bytes);
  }
}

/**
 * UTF-16 LE or BE: an odd byte or a high surrogate at a chunk's end waits for the next chunk. Only
 * a chunk with a lone surrogate takes the slow path: decoded with replacement, each U+FFFD that
 * does not stand for a code unit FFFD of the input (one code unit in, one out) becomes INVALID.
 */
class Utf16Decoder implements ChunkDecoder {
  private readonly fatal: TextDecoder;
  private readonly lenient: TextDecoder;
  private carry: Uint8Array | undefined;
  invalid = 0;

  constructor(private readonly encoding: 'utf-16le' | 'utf-16be') {
    this.fatal = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    this.lenient = new TextDecoder(encoding, { ignoreBOM: true });
  }

  private unit(b: Uint8Array, i: number): number {
    return this.encoding === 'utf-16le' ? (b[i] as number) | ((b[i + 1] as number) << 8) : ((b[i] as number) << 8) | (b[i + 1] as number);
  }

  decode(chunk: Uint8Array, final: boolean): string {
    let bytes = chunk;
    if (this.carry) {
      bytes = join([this.carry, chunk], this.carry.length + chunk.length);
      this.carry = undefined;
    }
    let keep = 0;
    if (!final) {
      keep = bytes.length % 2;
      const last = bytes.length - keep - 2;
      if (last >= 0) {
        const u = this.unit(bytes, last);
        if (u >= 0xd800 && u <= 0xdbff) keep += 2;
      }
    }
    if (keep > 0) {
      this.carry = bytes.slice(bytes.length - keep);
      bytes = bytes.subarray(0, bytes.length - keep);
    }
    let odd = '';
    if (bytes.length % 2 === 1) {
      // Only at the end of the input: half a code unit.
      bytes = bytes.subarray(0, bytes.length - 1);
      odd = INVALID;
      this.invalid++;
    }
    try {
      return this.fatal.decode(bytes) + odd;
    } catch {
      const text = this.lenient.decode(bytes);
      const parts: string[] = [];
      let run = 0;
      for (let k = text.indexOf('\uFFFD'); k >= 0; k = text.indexOf('\uFFFD', k + 1)) {
        if (this.unit(bytes, 2 * k) === 0xfffd) continue;
        parts.push(text.slice(run, k), INVALID);
        this.invalid++;
        run = k + 1;
      }
      parts.push(text.slice(run), odd);
      return parts.join('');
    }
  }
}

/**
 * Pulls chunks from a source and hands them out as decoded text (see the notes at the top). A
 * source of strings (already text) is passed through, a leading U+FEFF dropped.
 */
export class TextChunks {
  private readonly iterator: AsyncIterator<Uint8Array | string>;
  private readonly sniffer: EncodingSniffer;
  private readonly onWarning: ((message: string) => void) | undefined;
  private decoder: ChunkDecoder | undefined;
  private held: Uint8Array[] = [];
  private heldLength = 0;
  private atStart = true;
  private firstText = true;
  /** True once the source has ended and the decoder has been flushed. */
  done = false;

  constructor(source: ByteSource, options: TextOptions = {}) {
    this.iterator = source[Symbol.asyncIterator]();
    this.sniffer = new EncodingSniffer(options.encoding);
    this.onWarning = options.onWarning;
  }

  /** The encoding in force: undefined while all bytes so far were ASCII (or the source is text). */
  get encoding(): Encoding | undefined {
    return this.sniffer.encoding;
  }

  /** How many times bytes the encoding does not allow were replaced by INVALID so far. */
  get invalid(): number {
    return this.decoder?.invalid ?? 0;
  }

  /**
   * The next piece of text ('' is possible); after the last one, `done` is true. Rejects when the
   * source fails, or when a stated encoding contradicts the input's byte order mark.
   */
  async next(): Promise<string> {
    for (;;) {
      if (this.done) return '';
      const step = await this.iterator.next();
      if (step.done) {
        this.sniffer.end();
        const text = this.release(true);
        this.done = true;
        return text;
      }
      if (typeof step.value === 'string') {
        let text = step.value;
        if (this.firstText && text.length > 0) {
          this.firstText = false;
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        return text;
      }
      if (step.value.length === 0) continue;
      this.sniffer.feed(step.value);
      this.held.push(step.value);
      this.heldLength += step.value.length;
      if (this.sniffer.pending) continue;
      return this.release(false);
    }
  }

  /** Decodes the bytes held back, now that the encoding (or that they are ASCII) is known. */
  private release(final: boolean): string {
    let bytes = this.held.length === 1 ? this.held[0]! : join(this.held, this.heldLength);
    this.held = [];
    this.heldLength = 0;
    if (this.atStart && bytes.length > 0) {
      this.atStart = false;
      this.firstText = false;
      if (this.sniffer.bomLength > 0) bytes = bytes.subarray(this.sniffer.bomLength);
    }
    const encoding = this.sniffer.encoding;
    if (encoding === undefined) return bytes.length > 0 ? ascii(bytes) : '';
    if (!this.decoder) {
      this.decoder = chunkDecoder(encoding);
      if (this.sniffer.guessed) this.onWarning?.(WINDOWS_1252_WARNING);
    }
    return this.decoder.decode(bytes, final);
  }

  /** Stops reading early: lets a file stream close its descriptor. */
  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.iterator.return?.();
  }
}

/**
 * The reason for a row that holds INVALID at `at` in `text`, whose row starts at `rowStart`:
 * `not valid UTF-8 in column 12`, for a later line of a multi-line row `… in column 3 of its line 2`.
 * Columns count characters from 1. Never quotes the text.
 */
export function invalidTextReason(text: string, rowStart: number, at: number, encoding: Encoding | undefined, newline = '\n'): string {
  let lineStart = rowStart;
  let lineOfRow = 1;
  for (let nl = text.indexOf(newline, rowStart); nl >= 0 && nl < at; nl = text.indexOf(newline, nl + 1)) {
    lineStart = nl + 1;
    lineOfRow++;
  }
  const column = Array.from(text.slice(lineStart, at)).length + 1;
  const name = encodingName(encoding ?? 'utf-8');
  const where = lineOfRow === 1 ? `in column ${column}` : `in column ${column} of its line ${lineOfRow}`;
  const hint = encoding === 'utf-8' || encoding === undefined ? ' (if the file is Windows-1252, say --encoding windows-1252)' : '';
  return `not valid ${name} ${where}${hint}`;
}
