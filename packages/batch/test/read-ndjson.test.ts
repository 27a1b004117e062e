// The streaming NDJSON reader: rows, row and line numbers, lines that are not JSON objects.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_LINE_CHARS,
  isNdjsonRowError,
  locateJsonError,
  openInput,
  openNdjson,
  type ByteSource,
  type NdjsonEntry,
} from '../src/node';

const directory = mkdtempSync(join(tmpdir(), 'visit-io-ndjson-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

function writeTemp(content: string | Uint8Array): string {
  const file = join(directory, `records-${++fileCount}.ndjson`);
  writeFileSync(file, content);
  return file;
}

async function read(source: ByteSource): Promise<NdjsonEntry[]> {
  const entries: NdjsonEntry[] = [];
  for await (const batch of openNdjson(source).batches()) {
    expect(batch.length).toBeGreaterThan(0);
    entries.push(...batch);
  }
  return entries;
}

function pieces(bytes: Uint8Array, cuts: number[]): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        yield bytes.subarray(from, cut);
        from = cut;
      }
    },
  };
}

const ok = (row: number, line: number, value: Record<string, unknown>): NdjsonEntry => ({ row, line, value });
const bad = (row: number, line: number, error: string): NdjsonEntry => ({ row, line, error });

const cases: { name: string; input: string; entries: NdjsonEntry[] }[] = [
  {
    name: 'objects, LF',
    input: '{"cpr":"0101701234","uger":30}\n{"cpr":"0202802345","læs":true}\n',
    entries: [ok(1, 1, { cpr: '0101701234', uger: 30 }), ok(2, 2, { cpr: '0202802345', læs: true })],
  },
  {
    name: 'BOM, CRLF, no newline at the end',
    input: '\uFEFF{"a":1}\r\n{"a":2}',
    entries: [ok(1, 1, { a: 1 }), ok(2, 2, { a: 2 })],
  },
  {
    name: 'blank lines (empty, spaces, tabs, CR) are not rows but are counted',
    input: '\n{"a":1}\n   \n\t\r\n\r\n{"a":2}\n\n',
    entries: [ok(1, 2, { a: 1 }), ok(2, 6, { a: 2 })],
  },
  {
    name: 'white space around an object is allowed',
    input: '  { "a" : 1 }  \n',
    entries: [ok(1, 1, { a: 1 })],
  },
  {
    name: 'JSON values that are not objects',
    input: '[1,2]\n"0101701234"\n42\nnull\ntrue\n{"a":1}\n',
    entries: [
      bad(1, 1, 'expected a JSON object, found an array'),
      bad(2, 2, 'expected a JSON object, found a string'),
      bad(3, 3, 'expected a JSON object, found a number'),
      bad(4, 4, 'expected a JSON object, found null'),
      bad(5, 5, 'expected a JSON object, found a boolean'),
      ok(6, 6, { a: 1 }),
    ],
  },
  {
    name: 'invalid JSON: the column and what was expected, never the text',
    input: [
      '{"cpr":"0101701234",}',
      '{"cpr":"0101701234"',
      '{"cpr": 0101701234}',
      "{'cpr':'0101701234'}",
      '{"navn":"Søren"x}',
      '{"n":"😀",x}',
      '{"cpr":"0101701234"} {"cpr":"0202802345"}',
      '{"cpr":"0101701234',
      '{"a": tru}',
      'cpr;navn',
    ].join('\n'),
    entries: [
      bad(1, 1, 'invalid JSON at column 21: expected a property name in double quotes'),
      bad(2, 2, "invalid JSON at column 20: expected ',' or '}' after a property value, found the end of the line"),
      bad(3, 3, "invalid JSON at column 10: expected ',' or '}' after a property value"),
      bad(4, 4, 'invalid JSON at column 2: expected a property name in double quotes'),
      bad(5, 5, "invalid JSON at column 16: expected ',' or '}' after a property value"),
      bad(6, 6, 'invalid JSON at column 10: expected a property name in double quotes'),
      bad(7, 7, 'invalid JSON at column 22: expected the end of the line after the JSON value'),
      bad(8, 8, 'invalid JSON at column 19: expected a closing quote, found the end of the line'),
      bad(9, 9, 'invalid JSON at column 10: expected a JSON value (did you mean true?)'),
      bad(10, 10, 'invalid JSON at column 1: expected a JSON value'),
    ],
  },
];

describe('openNdjson: a table of inputs', () => {
  it.each(cases)('$name', async ({ input, entries }) => {
    const got = await read(openInput(writeTemp(input)));
    expect(got).toEqual(entries);
    for (const entry of got) {
      if (isNdjsonRowError(entry)) expect(entry.error).not.toMatch(/0101|0202|Søren|cpr|navn/);
    }
  });

  it('an empty input has no rows', async () => {
    expect(await read(openInput(writeTemp('')))).toEqual([]);
    expect(await read(openInput(writeTemp('\uFEFF\n\n')))).toEqual([]);
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{"a":"x\ty"}', 'invalid JSON at column 8: expected a closing quote (control characters must be escaped)'],
    ['{"a":"\\q"}', 'invalid JSON at column 8: expected a valid escape sequence'],
    ['{"a":"\\u12"}', 'invalid JSON at column 9: expected four hex digits after \\u'],
    ['{"a":[1,2}', "invalid JSON at column 10: expected ',' or ']' after an array element"],
    ['{"a" 1}', "invalid JSON at column 6: expected ':' after a property name"],
    ['{"a":-}', 'invalid JSON at column 6: expected a JSON value'],
    ['', 'invalid JSON at column 1: expected a JSON value, found the end of the line'],
    ['{"a":1}', 'invalid JSON'],
  ])('%j → %s', (text, message) => {
    expect(locateJsonError(text)).toBe(message);
  });

  it('survives nesting too deep to scan', () => {
    expect(locateJsonError('['.repeat(200_000))).toMatch(/^invalid JSON/);
  });
});

describe('openNdjson: chunk boundaries', () => {
  const text = '\uFEFF{"navn":"Søren Ærø","by":"Næstved"}\r\n\r\n[1]\r\n{"x":"ø",}\r\n{"n":"😀"}';
  const bytes = new TextEncoder().encode(text);

  it('the reference reading', async () => {
    expect(await read(pieces(bytes, []))).toEqual([
      ok(1, 1, { navn: 'Søren Ærø', by: 'Næstved' }),
      bad(2, 3, 'expected a JSON object, found an array'),
      bad(3, 4, 'invalid JSON at column 10: expected a property name in double quotes'),
      ok(4, 5, { n: '😀' }),
    ]);
  });

  it('splitting the bytes at any offset changes nothing', async () => {
    const reference = await read(pieces(bytes, []));
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await read(pieces(bytes, [cut])), `cut at byte ${cut}`).toEqual(reference);
    }
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await read(pieces(bytes, everyByte))).toEqual(reference);
    const file = writeTemp(bytes);
    for (const highWaterMark of [1, 3, 7]) {
      expect(await read(createReadStream(file, { highWaterMark }))).toEqual(reference);
    }
  });
});

describe('openNdjson: long lines', () => {
  it(`a line longer than MAX_LINE_CHARS (${MAX_LINE_CHARS}) is one malformed row, skipped to its end`, async () => {
    const huge = `{"note":"${'x'.repeat(MAX_LINE_CHARS + 100_000)}"}`;
    const got = await read(openInput(writeTemp(`{"a":1}\n${huge}\n{"a":2}\n`)));
    expect(got).toEqual([
      ok(1, 1, { a: 1 }),
      bad(2, 2, `the line is longer than ${MAX_LINE_CHARS} characters`),
      ok(3, 3, { a: 2 }),
    ]);
  });

  it('a long line under the limit is read whole', async () => {
    const note = 'ø'.repeat(500_000);
    expect(await read(openInput(writeTemp(`{"note":"${note}"}`)))).toEqual([ok(1, 1, { note })]);
  });
});

describe('openNdjson: a large file', () => {
  it('50,000 rows with 5 % broken lines yield 50,000 entries in order', async () => {
    const lines: string[] = [];
    const expected: NdjsonEntry[] = [];
    for (let row = 1; row <= 50_000; row++) {
      const cpr = String(1000000000 + row);
      if (row % 20 === 3) {
        const truncated = `{"cpr":"${cpr}","uger":${row}`;
        lines.push(truncated);
        const column = truncated.length + 1;
        expected.push(bad(row, row, `invalid JSON at column ${column}: expected ',' or '}' after a property value, found the end of the line`));
      } else {
        lines.push(JSON.stringify({ cpr, uger: row, note: 'ø' }));
        expected.push(ok(row, row, { cpr, uger: row, note: 'ø' }));
      }
    }
    const got = await read(openInput(writeTemp(lines.join('\n') + '\n')));
    expect(got).toEqual(expected);
  });

  it('rows() gives the same entries one by one', async () => {
    const file = writeTemp('{"a":1}\n\n[2]\n{"a":3}\n');
    const entries: NdjsonEntry[] = [];
    for await (const entry of openNdjson(openInput(file)).rows()) entries.push(entry);
    expect(entries).toEqual([ok(1, 1, { a: 1 }), bad(2, 3, 'expected a JSON object, found an array'), ok(3, 4, { a: 3 })]);
  });
});
