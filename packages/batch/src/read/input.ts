// The records' format: from a file name, or sniffed from the first character. Browser-safe (no
// Node Buffer); opening a file is read/file.ts (Node only).

import { byteOrderMark, type ByteSource, type Encoding } from './text';

export type { ByteSource } from './text';

export type RecordsFormat = 'csv' | 'ndjson';

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
  let bytes: Uint8Array = new Uint8Array(0);
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
      bytes = bytes.length === 0 ? step.value : concat(bytes, step.value);
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
function firstSignificantBytes(b: Uint8Array, encoding: Encoding | undefined, final: boolean): { format: RecordsFormat | undefined; checked: number } {
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
