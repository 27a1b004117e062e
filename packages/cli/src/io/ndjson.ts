// Streaming NDJSON reader for `visit screen`: one JSON object per line.
//
// Rules: lines end in LF or CRLF; a line that is empty or holds only spaces and tabs is not a row
// (it is counted as a line); every other line is one row: `{ row, line, value }` when it is a
// JSON object, else `{ row, line, error }`. Errors say what was expected and at which column,
// never the text of the line (it may hold CPR numbers): V8's own JSON.parse messages quote the
// input, so the position is found by `locateJsonError` instead.

import { TextChunks, type ByteSource } from './text';

export interface NdjsonRow {
  row: number;
  line: number;
  value: Record<string, unknown>;
}

export interface NdjsonRowError {
  row: number;
  line: number;
  error: string;
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

export function openNdjson(source: ByteSource): NdjsonReader {
  const chunks = new TextChunks(source);
  let started = false;
  async function* batches(): AsyncGenerator<NdjsonEntry[]> {
    if (started) throw new Error('NdjsonReader.batches() can only be iterated once');
    started = true;
    const scanner = new NdjsonScanner();
    try {
      while (!chunks.done) {
        const text = await chunks.next();
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

/** A line this long is no record (a binary file, one huge document): reported and skipped. */
export const MAX_LINE_CHARS = 1 << 20;

class NdjsonScanner {
  private carry = '';
  private pending: string[] = [];
  private pendingLength = 0;
  private skipping = false;
  private row = 0;
  private line = 1;

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
        let value: unknown;
        try {
          value = JSON.parse(source);
        } catch {
          out.push({ row, line, error: locateJsonError(source) });
          pos = nl + 1;
          continue;
        }
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          out.push({ row, line, value: value as Record<string, unknown> });
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
