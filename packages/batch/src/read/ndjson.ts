// Streaming NDJSON reader for `visit screen`: one JSON object per line.
//
// Rules: lines end in LF or CRLF; a line that is empty or holds only spaces and tabs is not a row
// (it is counted as a line); every other line is one row: `{ row, line, value }` when it is a
// JSON object, else `{ row, line, error }`. Errors say what was expected and at which column,
// never the text of the line (it may hold CPR numbers): V8's own JSON.parse messages quote the
// input, so the position is found by `locateJsonError` instead.
//
// An object with the same key twice (at any depth) is an invalid row, `duplicate key "benefit"`:
// JSON.parse silently keeps the last value, and CSV warns about a repeated column too. JSON.parse
// hides duplicates, so every parsed line's keys are counted in the parsed value and compared with
// its colons (as many colons as keys: no duplicate, the common case); only a line with more
// colons is counted exactly, by jumping from quote to quote with indexOf (exact for text JSON.parse
// accepted: outside strings a `"` only ever opens one, and a string followed by `:` is a key), and
// only when the text has more keys than the value does a slow scan find their names.
//
// Bytes the encoding does not allow (text.ts) make their line an invalid row naming the column.

import { INVALID, TextChunks, invalidTextReason, type ByteSource, type Encoding, type TextOptions } from './text';

export interface NdjsonRow {
  row: number;
  line: number;
  value: Record<string, unknown>;
}

export interface NdjsonRowError {
  row: number;
  line: number;
  error: string;
  /**
   * The object as far as it could be read, for the row's `id` (LANGUAGE.md §10): without the keys
   * that occur twice and without values that hold invalid bytes. Absent when the line is no object.
   */
  value?: Record<string, unknown>;
}

export type NdjsonEntry = NdjsonRow | NdjsonRowError;

export function isNdjsonRowError(entry: NdjsonEntry): entry is NdjsonRowError {
  return 'error' in entry;
}

export interface NdjsonReader {
  /** Every row, in order, one array per input chunk (no empty arrays). Iterate once. */
  batches(): AsyncIterable<NdjsonEntry[]>;
  /** The same rows one at a time: simpler, slower. Iterate once. */
  rows(): AsyncIterable<NdjsonEntry>;
}

export function openNdjson(source: ByteSource, options: TextOptions = {}): NdjsonReader {
  const chunks = new TextChunks(source, options);
  let started = false;
  async function* batches(): AsyncGenerator<NdjsonEntry[]> {
    if (started) throw new Error('NdjsonReader.batches() can only be iterated once');
    started = true;
    const scanner = new NdjsonScanner();
    try {
      while (!chunks.done) {
        const text = await chunks.next();
        if (chunks.invalid > 0) scanner.invalidIn(chunks.encoding);
        const batch = scanner.scan(text, chunks.done);
        if (batch.length > 0) yield batch;
      }
    } finally {
      await chunks.close();
    }
  }
  return {
    batches,
    async *rows() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

const CR = 13;
const OPEN_BRACE = 123;
const BACKSLASH = 92;
const COLON = 58;

/** A line this long is no record (a binary file, one huge document): reported and skipped. */
export const MAX_LINE_CHARS = 1 << 20;

class NdjsonScanner {
  private checkInvalid = false;
  private encoding: Encoding | undefined;
  private carry = '';
  private pending: string[] = [];
  private pendingLength = 0;
  private skipping = false;
  private row = 0;
  private line = 1;

  invalidIn(encoding: Encoding | undefined): void {
    this.checkInvalid = true;
    this.encoding = encoding;
  }

  scan(chunk: string, final: boolean): NdjsonEntry[] {
    const out: NdjsonEntry[] = [];
    if (this.skipping) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) return out;
      this.skipping = false;
      chunk = chunk.slice(nl + 1);
    }
    if (!final && chunk.indexOf('\n') < 0 && this.carry.length + this.pendingLength + chunk.length <= MAX_LINE_CHARS) {
      // No line ends in this chunk: join the pieces once a line break comes (not quadratically).
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
    let pos = 0;
    let invalid = this.checkInvalid ? -1 : len; // the next INVALID at or after pos, found lazily
    for (;;) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final || pos >= len) break;
        nl = len;
      }
      const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      const line = this.line++;
      const first = text.charCodeAt(pos);
      if (end > pos && (first === OPEN_BRACE || !isBlank(text, pos, end))) {
        const row = ++this.row;
        const source = text.slice(pos, end);
        if (invalid < pos) {
          invalid = text.indexOf(INVALID, pos);
          if (invalid < 0) invalid = len;
        }
        let value: unknown;
        try {
          value = JSON.parse(source);
        } catch {
          out.push({ row, line, error: invalid < end ? invalidTextReason(text, pos, invalid, this.encoding) : locateJsonError(source) });
          pos = nl + 1;
          continue;
        }
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const object = value as Record<string, unknown>;
          if (invalid < end) {
            out.push({ row, line, error: invalidTextReason(text, pos, invalid, this.encoding), value: withoutInvalid(object) });
          } else if (hasDuplicateKey(source, object)) {
            const twice = duplicateKeys(source);
            for (const { name, top } of twice) if (top) delete object[name];
            out.push({ row, line, error: duplicateMessage(twice.map((d) => d.name)), value: object });
          } else {
            out.push({ row, line, value: object });
          }
        } else {
          out.push({ row, line, error: `expected a JSON object, found ${jsonKind(value)}` });
        }
      }
      pos = nl + 1;
    }
    const rest = pos < len ? text.slice(pos) : '';
    if (!final && rest.length > MAX_LINE_CHARS) {
      out.push({ row: ++this.row, line: this.line++, error: `the line is longer than ${MAX_LINE_CHARS} characters` });
      this.skipping = true;
      this.carry = '';
    } else {
      this.carry = rest;
    }
    return out;
  }
}

/**
 * True when the text of `object` (which JSON.parse accepted) holds a key twice. Every key is
 * followed by exactly one `:`, and a `:` can be nowhere else but inside a string, so a line with as
 * many colons as the object has keys (almost every line: dates and codes hold none) cannot hold a
 * duplicate; only the others are counted exactly.
 */
function hasDuplicateKey(source: string, object: Record<string, unknown>): boolean {
  const keys = keysIn(object);
  let colons = 0;
  for (let i = source.indexOf(':'); i >= 0; i = source.indexOf(':', i + 1)) colons++;
  return colons !== keys && keysInText(source) !== keys;
}

/** Keys in a parsed JSON value, at every depth. */
function keysIn(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object') n += keysIn(x);
    return n;
  }
  for (const key in v) {
    n++;
    const x = (v as Record<string, unknown>)[key];
    if (x !== null && typeof x === 'object') n += keysIn(x);
  }
  return n;
}

/** The offset of the quote that closes the JSON string opening at `open` (one not escaped by an odd run of backslashes). */
function closingQuote(s: string, open: number): number {
  let close = s.indexOf('"', open + 1);
  for (;;) {
    let b = close - 1;
    while (s.charCodeAt(b) === BACKSLASH) b--;
    if ((close - 1 - b) % 2 === 0) return close;
    close = s.indexOf('"', close + 1);
  }
}

/** Keys in the text of a JSON value that JSON.parse accepted, at every depth (see the notes above). */
function keysInText(s: string): number {
  let n = 0;
  for (let open = s.indexOf('"'); open >= 0; ) {
    const close = closingQuote(s, open);
    let k = close + 1;
    for (let c = s.charCodeAt(k); c === 32 || c === 9 || c === 10 || c === 13; c = s.charCodeAt(++k));
    if (s.charCodeAt(k) === COLON) n++;
    open = s.indexOf('"', k);
  }
  return n;
}

/** The keys that occur more than once in one object, in order; `top`: in the line's object itself. The slow path. */
function duplicateKeys(s: string): { name: string; top: boolean }[] {
  const found: { name: string; top: boolean }[] = [];
  const stack: (Set<string> | undefined)[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{') stack.push(new Set());
    else if (c === '[') stack.push(undefined);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === '"') {
      const close = closingQuote(s, i);
      let k = close + 1;
      while (k < s.length && ' \t\r\n'.includes(s[k] as string)) k++;
      const keys = stack[stack.length - 1];
      if (s[k] === ':' && keys) {
        const name = JSON.parse(s.slice(i, close + 1)) as string;
        const top = stack.length === 1;
        if (keys.has(name) && !found.some((d) => d.name === name && d.top === top)) found.push({ name, top });
        keys.add(name);
      }
      i = close;
    }
  }
  return found;
}

const CPR_LIKE = /\d{6}-?\d{4}|(?<!\d)\d{9}(?!\d)/;

/** `duplicate key "benefit"`: the names only (never a value), cut short, a CPR-like name withheld. */
function duplicateMessage(keys: readonly string[]): string {
  const names = [...new Set(keys)].map((k) =>
    CPR_LIKE.test(k) ? '(a name that looks like a CPR number, withheld)' : JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k),
  );
  return `duplicate ${names.length === 1 ? 'key' : 'keys'} ${names.join(', ')}`;
}

/** The object without the keys or text values that hold INVALID. */
function withoutInvalid(object: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(object)) {
    const v = object[key];
    if (key.includes(INVALID) || (typeof v === 'string' && v.includes(INVALID)) || (v !== null && typeof v === 'object')) delete object[key];
  }
  return object;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== CR) return false;
  }
  return true;
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'a value of another kind';
  }
}

/**
 * Why `text` is not valid JSON, as `invalid JSON at column N: expected …`, without quoting any
 * of it. Columns count characters (code points) from 1. Only called after JSON.parse has failed,
 * so it need not be fast; for valid JSON it returns a message saying so.
 */
export function locateJsonError(text: string): string {
  const found = findJsonError(text);
  if (!found) return 'invalid JSON';
  const column = Array.from(text.slice(0, found.at)).length + 1;
  return `invalid JSON at column ${column}: ${found.expected}`;
}

interface JsonFault {
  at: number;
  expected: string;
}

class JsonFailure {
  constructor(readonly fault: JsonFault) {}
}

function findJsonError(text: string): JsonFault | undefined {
  let i = 0;
  const fail = (expected: string, at = i): never => {
    throw new JsonFailure({ at, expected: at >= text.length ? `${expected}, found the end of the line` : expected });
  };
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) {
      if (text[i + k] !== word[k]) fail(`expected a JSON value (did you mean ${word}?)`, i + k);
    }
    i += word.length;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('expected a closing quote');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail('expected a closing quote (control characters must be escaped)');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('expected four hex digits after \\u', i + 2);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail('expected a valid escape sequence', i + 1);
        }
      } else {
        i++;
      }
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m || m[0] === '-') fail('expected a JSON value');
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail('expected a JSON value');
  };
  const object = () => {
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] !== '"') fail(`expected a property name in double quotes`);
      string();
      space();
      if (text[i] !== ':') fail(`expected ':' after a property name`);
      i++;
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' after a property value`);
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' after an array element`);
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail('expected the end of the line after the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof JsonFailure) return e.fault;
    if (e instanceof RangeError) return undefined; // nested too deeply for this recursive scan
    throw e;
  }
}
