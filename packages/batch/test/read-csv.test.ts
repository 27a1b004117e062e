// The streaming CSV reader: rows, row and line numbers, malformed rows, chunk boundaries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_RECORD_CHARS,
  formatCsvCell,
  formatCsvRow,
  isCsvRowError,
  openCsv,
  openInput,
  type ByteSource,
  type CsvEntry,
  type CsvOptions,
} from '../src/node';

const directory = mkdtempSync(join(tmpdir(), 'visit-io-csv-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

function writeTemp(content: string | Uint8Array): string {
  const file = join(directory, `records-${++fileCount}.csv`);
  writeFileSync(file, content);
  return file;
}

/** Everything a reader says about an input, in one comparable value. */
type Reading =
  | { header: readonly string[]; delimiter: string; headerLine: number; entries: CsvEntry[] }
  | { error: string };

async function read(source: ByteSource, options?: CsvOptions): Promise<Reading> {
  const opened = await openCsv(source, options);
  if (!opened.ok) return { error: opened.error };
  const entries: CsvEntry[] = [];
  for await (const batch of opened.reader.batches()) {
    expect(batch.length).toBeGreaterThan(0);
    entries.push(...batch);
  }
  const { header, delimiter, headerLine } = opened.reader;
  return { header, delimiter, headerLine, entries };
}

function readFile(content: string | Uint8Array, options?: CsvOptions): Promise<Reading> {
  return read(openInput(writeTemp(content)), options);
}

/** The bytes in pieces cut at the given offsets. */
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

const ok = (row: number, line: number, cells: string[], endLine?: number): CsvEntry =>
  endLine === undefined ? { row, line, cells } : { row, line, cells, endLine };
// (Malformed rows also carry `readable`, the cells for their id: pinned in io-csv-stray-quotes.test.ts.)
const bad = (row: number, line: number, error: string): CsvEntry => expect.objectContaining({ row, line, error }) as CsvEntry;

interface Case {
  name: string;
  input: string;
  options?: CsvOptions;
  header?: string[];
  delimiter?: string;
  headerLine?: number;
  entries?: CsvEntry[];
  error?: string;
}

const cases: Case[] = [
  {
    name: 'LF, `;`, no BOM',
    input: 'id;navn;alder\n1;Åse;30\n2;Bo;41\n',
    header: ['id', 'navn', 'alder'],
    delimiter: ';',
    entries: [ok(1, 2, ['1', 'Åse', '30']), ok(2, 3, ['2', 'Bo', '41'])],
  },
  {
    name: 'BOM and CRLF: both removed',
    input: '\uFEFFid;navn\r\n1;Åse\r\n2;Bo\r\n',
    header: ['id', 'navn'],
    entries: [ok(1, 2, ['1', 'Åse']), ok(2, 3, ['2', 'Bo'])],
  },
  {
    name: 'no newline after the last row',
    input: 'id;navn\r\n1;a\r\n2;b',
    entries: [ok(1, 2, ['1', 'a']), ok(2, 3, ['2', 'b'])],
  },
  {
    name: 'a lone CR ends the last line',
    input: 'id;navn\r\n1;a\r\n2;b\r',
    entries: [ok(1, 2, ['1', 'a']), ok(2, 3, ['2', 'b'])],
  },
  {
    name: 'CR CR LF (a file converted twice) is one line end, also after a quoted cell',
    input: 'id;navn\r\r\n1;a\r\r\n2;"b"\r\r\n3;c\r\r',
    entries: [ok(1, 2, ['1', 'a']), ok(2, 3, ['2', 'b']), ok(3, 4, ['3', 'c'])],
  },
  {
    name: 'CR alone as the line end (old Mac export)',
    input: 'id;navn\r1;a\r2;b\r',
    entries: [ok(1, 2, ['1', 'a']), ok(2, 3, ['2', 'b'])],
  },
  {
    name: 'a CR inside a line (not before LF) is data',
    input: 'id;navn\n1;a\rb\n',
    entries: [ok(1, 2, ['1', 'a\rb'])],
  },
  {
    name: '`,` detected',
    input: 'id,navn,timer\n1,Åse,37\n',
    delimiter: ',',
    entries: [ok(1, 2, ['1', 'Åse', '37'])],
  },
  {
    name: '`;` wins when it occurs more often than `,`',
    input: 'id;navn, fornavn;timer\n1;Åse;37,5\n',
    delimiter: ';',
    header: ['id', 'navn, fornavn', 'timer'],
    entries: [ok(1, 2, ['1', 'Åse', '37,5'])],
  },
  {
    name: '`,` wins a tie',
    input: 'a;b,c\n1;2,3\n',
    delimiter: ',',
    header: ['a;b', 'c'],
    entries: [ok(1, 2, ['1;2', '3'])],
  },
  {
    name: 'delimiters inside quotes do not count for detection',
    input: '"a;b;c",d\n1,2\n',
    delimiter: ',',
    header: ['a;b;c', 'd'],
    entries: [ok(1, 2, ['1', '2'])],
  },
  {
    name: 'an explicit delimiter beats detection',
    input: 'a;b,c\n1;2,3\n',
    options: { delimiter: ';' },
    delimiter: ';',
    header: ['a', 'b,c'],
    entries: [ok(1, 2, ['1', '2,3'])],
  },
  {
    name: 'header cells are trimmed, data cells are not',
    input: ' id ; navn \n 1 ; a \n',
    header: ['id', 'navn'],
    entries: [ok(1, 2, [' 1 ', ' a '])],
  },
  {
    name: 'quoted fields with delimiters and doubled quotes',
    input: 'id;navn;note\n1;"Jensen; Hans";"sagde ""nej"" til ""tilbud"""\n2;"";""""\n',
    entries: [ok(1, 2, ['1', 'Jensen; Hans', 'sagde "nej" til "tilbud"']), ok(2, 3, ['2', '', '"'])],
  },
  {
    name: 'a quoted field over several lines is one row; line numbers stay true',
    input: 'id;note;x\r\n1;"linje 1\nlinje 2\r\nlinje 3";a\r\n2;b;c\r\n',
    entries: [ok(1, 2, ['1', 'linje 1\nlinje 2\r\nlinje 3', 'a'], 4), ok(2, 5, ['2', 'b', 'c'])],
  },
  {
    name: 'a quote inside an unquoted field is an ordinary character',
    input: 'id;skærm;x\n1;5" skærm;"ja"\n',
    entries: [ok(1, 2, ['1', '5" skærm', 'ja'])],
  },
  {
    name: 'empty cells, and a line of delimiters is a row of empty cells',
    input: 'id;a;b\n1;;\n;;\n;x;\n',
    entries: [ok(1, 2, ['1', '', '']), ok(2, 3, ['', '', '']), ok(3, 4, ['', 'x', ''])],
  },
  {
    name: 'blank lines are not rows but are counted as lines',
    input: 'id;a\n\n1;x\r\n\r\n\n2;y\n\n',
    entries: [ok(1, 3, ['1', 'x']), ok(2, 6, ['2', 'y'])],
  },
  {
    name: 'blank lines before the header',
    input: '\n\r\nid;a\n1;x\n',
    headerLine: 3,
    header: ['id', 'a'],
    entries: [ok(1, 4, ['1', 'x'])],
  },
  {
    name: 'a header without rows',
    input: 'id;a\r\n',
    header: ['id', 'a'],
    entries: [],
  },
  {
    name: 'too many and too few cells',
    input: 'id;a;b\n1;2;3;4\n5;6\n7\n8;9;10\n',
    entries: [
      bad(1, 2, 'expected 3 cells, found 4'),
      bad(2, 3, 'expected 3 cells, found 2'),
      bad(3, 4, 'expected 3 cells, found 1'),
      ok(4, 5, ['8', '9', '10']),
    ],
  },
  {
    name: 'a one-column file',
    input: 'id\n1\n2;3\n',
    header: ['id'],
    entries: [ok(1, 2, ['1']), ok(2, 3, ['2;3'])],
  },
  {
    name: 'a quoted row with the wrong number of cells',
    input: 'id;a;b\n1;"x;y"\n',
    entries: [bad(1, 2, 'expected 3 cells, found 2')],
  },
  {
    name: 'text after a closing quote',
    input: 'id;a;b\n1;"x"y;3\n2;"x" ;3\n3;b;c\n',
    entries: [
      bad(1, 2, "text after the closing quote in column 2; expected ';' or the end of the line"),
      bad(2, 3, "text after the closing quote in column 2; expected ';' or the end of the line"),
      ok(3, 4, ['3', 'b', 'c']),
    ],
  },
  {
    name: 'a quote left open at the end of the file',
    input: 'id;a;b\n1;2;"tre\n',
    entries: [bad(1, 2, 'unbalanced quote starting in column 3')],
  },
  {
    name: 'a stray quote costs one row, not the rows after it',
    input: 'id;a;b\n1;"x;3\n2;b;c\n3;d;e\n',
    entries: [bad(1, 2, 'unbalanced quote starting in column 2'), ok(2, 3, ['2', 'b', 'c']), ok(3, 4, ['3', 'd', 'e'])],
  },
  {
    name: 'two stray quotes that would close each other give a malformed row: each line stands alone',
    input: 'id;a;b\n1;"x;3\n2;b;"c\n3;d;e\n',
    entries: [
      bad(1, 2, 'unbalanced quote starting in column 2'),
      bad(2, 3, 'unbalanced quote starting in column 3'),
      ok(3, 4, ['3', 'd', 'e']),
    ],
  },
  {
    // The quote may be stray, so no line is given to it: the lines after the first are read as
    // rows of their own (here one that is well-formed; the engine then judges its values).
    name: 'a multi-line row with the wrong number of cells: its first line is the malformed row, the next lines are rows again',
    input: 'id;a;b\n1;"x\ny";3;4\n2;b;c\n',
    entries: [bad(1, 2, 'unbalanced quote starting in column 2'), ok(2, 3, ['y"', '3', '4']), ok(3, 4, ['2', 'b', 'c'])],
  },
  {
    name: 'two stray quotes that happen to form a well-formed row are read as one multi-line row (line numbers show it)',
    input: 'id;a;b\n1;"x;3\n2;y";z\n3;d;e\n',
    entries: [ok(1, 2, ['1', 'x;3\n2;y', 'z'], 3), ok(2, 4, ['3', 'd', 'e'])],
  },
  {
    name: 'quoted header cells',
    input: '"id";"navn; fuldt";"note ""x"""\n1;2;3\n',
    header: ['id', 'navn; fuldt', 'note "x"'],
    entries: [ok(1, 2, ['1', '2', '3'])],
  },
  { name: 'an empty input has no header', input: '', error: 'the input is empty: expected a header row' },
  { name: 'blank lines only', input: '\r\n\n', error: 'the input is empty: expected a header row' },
  { name: 'a BOM only', input: '\uFEFF', error: 'the input is empty: expected a header row' },
  {
    name: 'a malformed header',
    input: '\nid;"navn;x\n1;2\n',
    error: 'header row (line 2): unbalanced quote starting in column 2',
  },
];

describe('openCsv: a table of inputs', () => {
  it.each(cases)('$name', async (c) => {
    const reading = await readFile(c.input, c.options);
    if (c.error !== undefined) {
      expect(reading).toEqual({ error: c.error });
      return;
    }
    if ('error' in reading) throw new Error(`unexpected: ${reading.error}`);
    if (c.header) expect(reading.header).toEqual(c.header);
    if (c.delimiter) expect(reading.delimiter).toBe(c.delimiter);
    expect(reading.headerLine).toBe(c.headerLine ?? 1);
    expect(reading.entries).toEqual(c.entries);
  });
});

describe('openCsv: chunk boundaries', () => {
  const awkward =
    '\uFEFFcpr;navn;by;note\r\n' +
    '0101701234;Søren Ærø;Næstved;"linje ø\r\nlinje å"\r\n' +
    '\r\n' +
    '0202802345;"Bø; Å";Åbenrå;"sagde ""nej"""\r\n' +
    '0303903456;"stray;Ølstykke;x\r\n' +
    '0404004567;Østerø;Vejle;;\r\n' +
    '0505105678;Ærø;"Vejle"x;y\r\n' +
    '0707307890;"Å";x;"y"\r\r\n' +
    '0606206789;a;b;"ø"';
  const bytes = new TextEncoder().encode(awkward);

  it('the reference reading is what the rules say', async () => {
    const reading = await read(pieces(bytes, []));
    expect(reading).toEqual({
      header: ['cpr', 'navn', 'by', 'note'],
      delimiter: ';',
      headerLine: 1,
      entries: [
        ok(1, 2, ['0101701234', 'Søren Ærø', 'Næstved', 'linje ø\r\nlinje å'], 3),
        ok(2, 5, ['0202802345', 'Bø; Å', 'Åbenrå', 'sagde "nej"']),
        bad(3, 6, 'unbalanced quote starting in column 2'),
        bad(4, 7, 'expected 4 cells, found 5'),
        bad(5, 8, "text after the closing quote in column 3; expected ';' or the end of the line"),
        ok(6, 9, ['0707307890', 'Å', 'x', 'y']),
        ok(7, 10, ['0606206789', 'a', 'b', 'ø']),
      ],
    });
  });

  it('splitting the bytes at any offset (inside ø, inside CRLF, inside the BOM) changes nothing', async () => {
    const reference = await read(pieces(bytes, []));
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await read(pieces(bytes, [cut])), `cut at byte ${cut}`).toEqual(reference);
    }
  });

  it('one byte at a time, and small file-stream chunks, change nothing', async () => {
    const reference = await read(pieces(bytes, []));
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await read(pieces(bytes, everyByte))).toEqual(reference);
    const file = writeTemp(bytes);
    for (const highWaterMark of [1, 2, 3, 5, 7, 16]) {
      expect(await read(createReadStream(file, { highWaterMark })), `chunks of ${highWaterMark}`).toEqual(reference);
    }
  });

  it('text chunks (a stream with an encoding set) read the same as bytes', async () => {
    const reference = await read(pieces(bytes, []));
    const asText: ByteSource = {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < awkward.length; i += 5) yield awkward.slice(i, i + 5);
      },
    };
    expect(await read(asText)).toEqual(reference);
  });

  it('any text, cut anywhere, reads the same as uncut; rows count from 1, lines only go up', async () => {
    const piece = fc.constantFrom('a', 'ø', ';', ',', '"', '""', '\n', '\r\n', '\r', ' ', '😀');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), async (parts, rawCuts) => {
        const data = new TextEncoder().encode('a;b\n' + parts.join(''));
        const cuts = [...new Set(rawCuts.map((n) => n % (data.length + 1)))].sort((x, y) => x - y);
        const whole = await read(pieces(data, []));
        expect(await read(pieces(data, cuts))).toEqual(whole);
        if ('error' in whole) throw new Error(whole.error);
        whole.entries.forEach((entry, i) => {
          expect(entry.row).toBe(i + 1);
          if (i > 0) expect(entry.line).toBeGreaterThan((whole.entries[i - 1] as CsvEntry).line);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('round trip: rows written with formatCsvRow read back the same, however the bytes are cut', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ø', ';', ',', '"', '\n', '\r\n', ' ', '1'), maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<';' | ','>(';', ','),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, delimiter, rawCuts) => {
          const text = ['a', 'b', 'c'].join(delimiter) + '\r\n' + rows.map((r) => formatCsvRow(r, delimiter) + '\r\n').join('');
          const data = new TextEncoder().encode(text);
          const cuts = [...new Set(rawCuts.map((n) => n % (data.length + 1)))].sort((x, y) => x - y);
          const reading = await read(pieces(data, cuts), { delimiter });
          if ('error' in reading) throw new Error(reading.error);
          // A row of three empty cells is written as `;;`, so every row survives.
          expect(reading.entries.map((e) => ('cells' in e ? e.cells : e.error))).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('openCsv: a large file with broken rows', () => {
  it('100,000 rows with 5 % broken rows yield exactly 100,000 entries in order, and no error quotes a value', async () => {
    const width = 12;
    const rowCount = 100_000;
    const lines: string[] = ['cpr;fødselsdato;kommune;målgruppe;uger;niveau;læs;motiv;cv;timer;start;note'];
    const expected: CsvEntry[] = [];
    for (let row = 1; row <= rowCount; row++) {
      const cpr = String(1000000000 + ((row * 7919) % 8999999999)).padStart(10, '0');
      const cells = [cpr, '1970-01-01', 'Næstved', 'jobparat', String(row % 200), '2', 'ja', 'nej', '', '37,5', '2026-03-01', ''];
      const line = row + 1;
      if (row % 20 === 7) {
        // 5 %: one of four kinds of damage, each with the CPR number in more than one cell
        switch ((row / 20) % 4 | 0) {
          case 0:
            lines.push([...cells, cpr].join(';'));
            expected.push(bad(row, line, `expected ${width} cells, found ${width + 1}`));
            break;
          case 1:
            lines.push(cells.slice(0, 5).join(';'));
            expected.push(bad(row, line, `expected ${width} cells, found 5`));
            break;
          case 2:
            lines.push([cpr, `"${cpr}`, ...cells.slice(2)].join(';'));
            expected.push(bad(row, line, 'unbalanced quote starting in column 2'));
            break;
          default:
            lines.push([cpr, `"${cpr}"${cpr}`, ...cells.slice(2)].join(';'));
            expected.push(bad(row, line, "text after the closing quote in column 2; expected ';' or the end of the line"));
        }
      } else {
        if (row % 50 === 0) cells[11] = `Ønsker deltid; ring ${row}`;
        lines.push(cells.map((c) => (c.includes(';') ? `"${c}"` : c)).join(';'));
        expected.push(ok(row, line, cells));
      }
    }
    const file = writeTemp('\uFEFF' + lines.join('\r\n') + '\r\n');
    const reading = await read(openInput(file));
    if ('error' in reading) throw new Error(reading.error);
    expect(reading.entries).toHaveLength(rowCount);
    expect(reading.entries).toEqual(expected);
    const errors = reading.entries.filter(isCsvRowError).map((e) => e.error);
    expect(errors).toHaveLength(rowCount / 20);
    expect(errors.join('\n')).not.toMatch(/\d{4}/);
  });
});

describe('openCsv: long rows and far-reaching quotes', () => {
  it('a stray quote with no quote after it for 150,000 lines: one malformed row, every later row read', async () => {
    const filler = Array.from({ length: 150_000 }, (_, i) => `${i};y;z`);
    const reading = await readFile(['id;a;b', '1;"x;3', ...filler].join('\r\n') + '\r\n');
    if ('error' in reading) throw new Error(reading.error);
    expect(reading.entries).toHaveLength(150_001);
    expect(reading.entries[0]).toEqual(bad(1, 2, "unbalanced quote starting in column 2: no closing quote within 32,767 characters (Excel's limit for a cell)"));
    expect(reading.entries.slice(1).filter(isCsvRowError)).toEqual([]);
    expect(reading.entries.at(-1)).toEqual(ok(150_001, 150_002, ['149999', 'y', 'z']));
  });

  it("a genuine multi-line cell of 32,767 characters (Excel's limit) is one row, across many chunks", async () => {
    const note = 'ø'.repeat(16_383) + '\n' + 'å'.repeat(16_383);
    expect(note.length).toBe(32_767);
    const reading = await readFile(`id;note\n1;"${note}"\n2;x\n`);
    const entries = 'error' in reading ? [] : reading.entries;
    expect(entries.length).toBe(2);
    expect(entries[0]).toEqual(ok(1, 2, ['1', note], 3)); // (toEqual on the entry alone: a failure would print the cell)
    expect(entries[1]).toEqual(ok(2, 4, ['2', 'x']));
  });

  it(`a line longer than MAX_RECORD_CHARS (${MAX_RECORD_CHARS}) is one malformed row, skipped to its end`, async () => {
    const huge = 'x'.repeat(MAX_RECORD_CHARS + 100_000);
    const reading = await readFile(`id;a\n1;a\n${huge}\n"${huge};\n2;b\n`);
    expect(reading).toMatchObject({
      entries: [
        ok(1, 2, ['1', 'a']),
        bad(2, 3, `the row is longer than ${MAX_RECORD_CHARS} characters`),
        bad(3, 4, `the row is longer than ${MAX_RECORD_CHARS} characters`),
        ok(4, 5, ['2', 'b']),
      ],
    });
  });

  it('a header line longer than MAX_RECORD_CHARS is refused', async () => {
    const reading = await readFile('x'.repeat(MAX_RECORD_CHARS + 100_000) + '\n1\n');
    expect(reading).toEqual({ error: `header row (line 1): longer than ${MAX_RECORD_CHARS} characters` });
  });
});

describe('formatCsvCell', () => {
  it.each([
    ['plain', ';', 'plain'],
    ['', ';', ''],
    ['a;b', ';', '"a;b"'],
    ['a;b', ',', 'a;b'],
    ['a,b', ',', '"a,b"'],
    ['sagde "nej"', ';', '"sagde ""nej"""'],
    ['linje 1\nlinje 2', ';', '"linje 1\nlinje 2"'],
    ['cr\r', ',', '"cr\r"'],
  ] as const)('%j with %j → %j', (value, delimiter, written) => {
    expect(formatCsvCell(value, delimiter)).toBe(written);
  });
});

describe('openCsv: reading stops cleanly', () => {
  it('breaking out of rows() closes the file stream', async () => {
    const stream = openInput(writeTemp('id;a\n' + '1;x\n'.repeat(50_000)));
    const opened = await openCsv(stream);
    if (!opened.ok) throw new Error(opened.error);
    let seen = 0;
    for await (const entry of opened.reader.rows()) {
      if (entry.row > 0) seen++;
      if (seen === 10) break;
    }
    expect(seen).toBe(10);
    expect(stream.destroyed).toBe(true);
  });

  it('batches() can be iterated only once', async () => {
    const opened = await openCsv(openInput(writeTemp('id\n1\n')));
    if (!opened.ok) throw new Error(opened.error);
    for await (const _ of opened.reader.batches()) void _;
    await expect(opened.reader.batches()[Symbol.asyncIterator]().next()).rejects.toThrow(/only be iterated once/);
  });

  it('a missing file rejects (an I/O failure, not a malformed row)', async () => {
    await expect(openCsv(openInput(join(directory, 'missing.csv')))).rejects.toThrow(/ENOENT/);
  });
});
