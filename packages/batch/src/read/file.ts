// A records file as a byte stream (Node only).

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * A byte stream for a records path; `-` is stdin. 64 KiB chunks: bench/csv-readers.mjs measured
 * 1 MiB chunks as slower and with twice the peak RSS. A missing or unreadable file surfaces as
 * an error from the first read.
 */
export function openInput(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 64 * 1024 });
}
