// Opening RECORDS: the format a name announces, and sniffing it on stdin.
import { describe, expect, it } from 'vitest';
import { formatFromPath, sniffFormat, type ByteSource } from '../src/node';

function source(...chunks: (string | Uint8Array)[]): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
}

async function collect(from: ByteSource): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of from) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

describe('formatFromPath', () => {
  it.each([
    ['borgere.csv', 'csv'],
    ['BORGERE.CSV', 'csv'],
    ['udtræk.txt', 'csv'],
    ['borgere.ndjson', 'ndjson'],
    ['borgere.jsonl', 'ndjson'],
    ['borgere.json', undefined],
    ['-', undefined],
  ])('%s → %s', (path, format) => {
    expect(formatFromPath(path)).toBe(format);
  });
});

describe('sniffFormat', () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  it.each([
    ['a CSV header', [new TextEncoder().encode('cpr;navn\n1;a\n')], 'csv'],
    ['an NDJSON object', [new TextEncoder().encode('{"cpr":"1"}\n')], 'ndjson'],
    ['NDJSON after a BOM and blank lines', [bom, new TextEncoder().encode('\r\n\n  {"a":1}\n')], 'ndjson'],
    ['CSV after a BOM', [Buffer.concat([bom, Buffer.from('cpr;navn\n')])], 'csv'],
    ['text chunks', ['\uFEFF', '  ', '{"a":1}'], 'ndjson'],
    ['an empty input', [], 'csv'],
  ] as const)('%s → %s, and every byte is still there', async (_, chunks, format) => {
    const sniffed = await sniffFormat(source(...chunks));
    expect(sniffed.format).toBe(format);
    expect(await collect(sniffed.source)).toBe(await collect(source(...chunks)));
  });
});
