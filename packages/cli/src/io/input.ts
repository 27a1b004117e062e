// Opening the RECORDS argument of `visit screen`.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ByteSource } from './text';

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
 * white space is `{`, else CSV (a CSV header cannot sensibly start with `{`). Returns a source
 * that still yields every byte, the peeked ones included.
 */
export async function sniffFormat(source: ByteSource): Promise<{ format: RecordsFormat; source: ByteSource }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: (Uint8Array | string)[] = [];
  let format: RecordsFormat | undefined;
  while (format === undefined) {
    const step = await iterator.next();
    if (step.done) break;
    seen.push(step.value);
    format = firstSignificant(step.value, seen.length === 1);
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

/** 'ndjson' or 'csv' once a significant character is seen in this chunk; undefined if none. */
function firstSignificant(chunk: Uint8Array | string, first: boolean): RecordsFormat | undefined {
  for (let i = 0; i < chunk.length; i++) {
    const c = typeof chunk === 'string' ? chunk.charCodeAt(i) : (chunk[i] as number);
    const isBom = typeof chunk === 'string' ? c === 0xfeff : first && i < 3 && [0xef, 0xbb, 0xbf][i] === c;
    if (isBom || c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 123 ? 'ndjson' : 'csv';
  }
  return undefined;
}
