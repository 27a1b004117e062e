// Opening the RECORDS argument of `visit screen`.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { byteOrderMark, type ByteSource, type Encoding } from './text';

export type { ByteSource } from './text';

export type RecordsFormat = 'csv' | 'ndjson';

/**
 * A byte stream for a records path; `-` is stdin. 64 KiB chunks: bench/csv-readers.mjs measured
 * 1 MiB chunks as slower and with twice the peak RSS. A missing or unreadable file surfaces as
 * an error from the first read.
 */
export function openInput(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 64 * 1024 });
}

/** The format a file name announces, if any: `.csv`/`.txt` → csv, `.ndjson`/`.jsonl` → ndjson. */
export function formatFromPath(path: string): RecordsFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return undefined;
}

/**
 * For input without a telling name (stdin): NDJSON when the first character other than a BOM or
 * white space is `{`, else CSV (a CSV header cannot sensibly start with `{`). Reads the characters
 * as the encoding says: the stated one, or the one a UTF-16 BOM names (else the bytes, which is
 * right for UTF-8 and Windows-1252 alike). Returns a source that still yields every byte, the
 * peeked ones included.
 */
export async function sniffFormat(source: ByteSource, encoding?: Encoding): Promise<{ format: RecordsFormat; source: ByteSource }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: (Uint8Array | string)[] = [];
  let format: RecordsFormat | undefined;
  let bytes = Buffer.alloc(0);
  let stated = encoding;
  let bomChecked = false;
  for (;;) {
    const step = await iterator.next();
    const ended = step.done === true;
    if (!step.done) {
      seen.push(step.value);
      if (typeof step.value === 'string') {
        format = firstSignificantText(step.value);
        if (format !== undefined) break;
        continue;
      }
      bytes = bytes.length === 0 ? Buffer.from(step.value) : Buffer.concat([bytes, step.value]);
      if (!bomChecked && bytes.length < 3) continue;
    }
    if (!bomChecked) {
      bomChecked = true;
      const bom = byteOrderMark(bytes);
      if (bom) {
        stated ??= bom.encoding;
        bytes = bytes.subarray(bom.length);
      }
    }
    const found = firstSignificantBytes(bytes, stated, ended);
    format = found.format;
    if (format !== undefined || ended) break;
    bytes = bytes.subarray(found.checked); // less than a code unit is left
  }
  const replay: ByteSource = {
    async *[Symbol.asyncIterator]() {
      yield* seen;
      for (;;) {
        const step = await iterator.next();
        if (step.done) return;
        yield step.value;
      }
    },
  };
  return { format: format ?? 'csv', source: replay };
}

const isSpace = (c: number) => c === 0xfeff || c === 32 || c === 9 || c === 10 || c === 13;

function firstSignificantText(text: string): RecordsFormat | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) return c === 123 ? 'ndjson' : 'csv';
  }
  return undefined;
}

/** The format once a significant character is found; else how many bytes were checked. */
function firstSignificantBytes(b: Buffer, encoding: Encoding | undefined, final: boolean): { format: RecordsFormat | undefined; checked: number } {
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  let i = 0;
  if (!utf16) {
    for (; i < b.length; i++) if (!isSpace(b[i] as number)) return { format: b[i] === 123 ? 'ndjson' : 'csv', checked: i };
    return { format: undefined, checked: i };
  }
  for (; i + 2 <= b.length; i += 2) {
    const c = encoding === 'utf-16le' ? (b[i] as number) | ((b[i + 1] as number) << 8) : ((b[i] as number) << 8) | (b[i + 1] as number);
    if (!isSpace(c)) return { format: c === 123 ? 'ndjson' : 'csv', checked: i };
  }
  return { format: final && i < b.length ? 'csv' : undefined, checked: i };
}
