// LANGUAGE.md §7: a quoted CSV cell may span lines, but a stray quote must not swallow the rows
// after it. A quote never closed, a quoted cell over 32,767 characters (Excel's cell limit), or a
// multi-line row without the header's width: the line with the opening quote is one invalid row,
// reading resumes at the next line. And §10: such a row's `id` comes from the cells that could be
// read (`readable`, the cells certainly in their columns).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, openCsv, type ByteSource, type CsvEntry } from '../src/node';
import { encode, modelFile } from '../../../tests/support/csv-model';

function source(...chunks: (string | Uint8Array)[]): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      for (const c of chunks) yield typeof c === 'string' ? new TextEncoder().encode(c) : c;
    },
  };
}

async function entries(src: ByteSource): Promise<CsvEntry[]> {
  const opened = await openCsv(src);
  if (!opened.ok) throw new Error(opened.error);
  const all: CsvEntry[] = [];
  for await (const batch of opened.reader.batches()) all.push(...batch);
  return all;
}

/** Entries with a long cell shortened, so that a failing comparison stays readable. */
const short = (list: CsvEntry[]) =>
  list.map((e) => ('cells' in e ? { ...e, cells: e.cells.map((c) => (c.length > 60 ? `${c.slice(0, 20)}…(${c.length})` : c)) } : e));

const LONG = `no closing quote within 32,767 characters (Excel's limit for a cell)`;

describe('the issue: two stray quotes 20,000 lines apart in a `;` CSV', () => {
  it('20,002 records give 20,002 rows: the first stray line is one invalid row, every other line its own row', async () => {
    const lines = ['id;note;n;flag'];
    for (let i = 1; i <= 20_002; i++) lines.push(`id${i};${i === 1 ? '"stray' : i === 20_001 ? 'end"' : 'x'};5;ja`);
    const read = await entries(source(lines.join('\r\n') + '\r\n'));
    expect(read).toHaveLength(20_002);
    expect(read[0]).toEqual({ row: 1, line: 2, error: `unbalanced quote starting in column 2: ${LONG}`, readable: ['id1'] });
    expect(read.slice(1).every((e, i) => 'cells' in e && e.row === i + 2 && e.line === i + 3 && e.cells[0] === `id${i + 2}`)).toBe(true);
  });

  it('the same two quotes where they enclose a well-formed row within 32,767 characters are that one row (the price of multi-line cells)', async () => {
    const read = await entries(source('id;note;n\n1;"a\n2;b";5\n3;c;6\n'));
    expect(read).toEqual([
      { row: 1, line: 2, cells: ['1', 'a\n2;b', '5'], endLine: 3 },
      { row: 2, line: 4, cells: ['3', 'c', '6'] },
    ]);
  });
});

describe('the rule of §7, case by case', () => {
  const width3 = (body: string) => `id;a;b\n${body}`;
  it.each([
    {
      name: 'a quote never closed (end of the file)',
      input: width3('1;2;"tre\n'),
      expected: [{ row: 1, line: 2, error: 'unbalanced quote starting in column 3', readable: ['1', '2'] }],
    },
    {
      name: 'a quote never closed, rows after it',
      input: width3('1;"x;3\n2;b;c\n'),
      expected: [
        { row: 1, line: 2, error: 'unbalanced quote starting in column 2', readable: ['1'] },
        { row: 2, line: 3, cells: ['2', 'b', 'c'] },
      ],
    },
    {
      name: 'a multi-line row with too many cells: its first line is the invalid row, the next line a row again',
      input: width3('1;"x\ny";3;4\n2;b;c\n'),
      expected: [
        { row: 1, line: 2, error: 'unbalanced quote starting in column 2', readable: ['1'] },
        { row: 2, line: 3, cells: ['y"', '3', '4'] },
        { row: 3, line: 4, cells: ['2', 'b', 'c'] },
      ],
    },
    {
      name: 'a multi-line row with too few cells',
      input: width3('1;"x\ny"\n2;b;c\n'),
      expected: [
        { row: 1, line: 2, error: 'unbalanced quote starting in column 2', readable: ['1'] },
        { row: 2, line: 3, error: 'expected 3 cells, found 1', readable: ['y"'] },
        { row: 3, line: 4, cells: ['2', 'b', 'c'] },
      ],
    },
    {
      name: 'a closing quote on a later line followed by text',
      input: width3('1;"x\ny"z;3\n2;b;c\n'),
      expected: [
        { row: 1, line: 2, error: 'unbalanced quote starting in column 2', readable: ['1'] },
        { row: 2, line: 3, error: 'expected 3 cells, found 2', readable: ['y"z'] },
        { row: 3, line: 4, cells: ['2', 'b', 'c'] },
      ],
    },
    {
      name: 'a genuine multi-line cell: one row, its lines counted',
      input: width3('1;"linje 1\nlinje 2";x\n2;b;c\n'),
      expected: [
        { row: 1, line: 2, cells: ['1', 'linje 1\nlinje 2', 'x'], endLine: 3 },
        { row: 2, line: 4, cells: ['2', 'b', 'c'] },
      ],
    },
  ])('$name', async ({ input, expected }) => {
    expect(await entries(source(input))).toEqual(expected);
  });
});

describe("Excel's cell limit: 32,767 characters", () => {
  it('is the limit', () => expect(MAX_CELL_CHARS).toBe(32_767));

  it.each([
    { lines: 'on one line', cell: (n: number) => 'ø'.repeat(n) },
    { lines: 'over two lines', cell: (n: number) => `${'ø'.repeat(n - 1 - Math.floor(n / 2))}\n${'å'.repeat(Math.floor(n / 2))}` },
    { lines: 'with doubled quotes', cell: (n: number) => `${'""'.repeat(100)}${'x'.repeat(n - 100)}` },
  ])('a quoted cell of exactly 32,767 characters $lines is read; one more makes the opening line one invalid row', async ({ cell }) => {
    const fits = cell(MAX_CELL_CHARS);
    const value = fits.replaceAll('""', '"');
    expect(value.length).toBe(MAX_CELL_CHARS);
    const newlines = (fits.match(/\n/g) ?? []).length;
    expect(short(await entries(source(`id;note\n1;"${fits}"\n2;x\n`)))).toEqual(
      short([
        newlines > 0 ? { row: 1, line: 2, cells: ['1', value], endLine: 2 + newlines } : { row: 1, line: 2, cells: ['1', value] },
        { row: 2, line: 3 + newlines, cells: ['2', 'x'] },
      ]),
    );
    const over = cell(MAX_CELL_CHARS + 1);
    const read = await entries(source(`id;note\n1;"${over}"\n2;x\n`));
    expect(read[0]).toEqual({ row: 1, line: 2, error: `unbalanced quote starting in column 2: ${LONG}`, readable: ['1'] });
    // Every later line is read on its own (a continuation line, then the next citizen).
    expect(read.at(-1)).toEqual({ row: 2 + newlines, line: 3 + newlines, cells: ['2', 'x'] });
  });

  it('decides without reading far: a stray quote followed by a megabyte without quotes, fed in 1 KiB pieces', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i};abcdefghijklmnopqrst`);
    const text = new TextEncoder().encode(`id;note\n0;"stray\n${rows.join('\n')}\n`);
    const pieces = Array.from({ length: Math.ceil(text.length / 1024) }, (_, i) => text.subarray(i * 1024, (i + 1) * 1024));
    const read = await entries(source(...pieces));
    expect(read).toHaveLength(40_001);
    expect(read[0]).toEqual({ row: 1, line: 2, error: `unbalanced quote starting in column 2: ${LONG}`, readable: ['0'] });
  });

  it('a header cell over the limit is refused', async () => {
    const opened = await openCsv(source(`id;"${'x'.repeat(MAX_CELL_CHARS + 1)}"\n1;2\n`));
    expect(opened).toEqual({ ok: false, error: `header row (line 1): unbalanced quote starting in column 2: ${LONG}` });
  });
});

describe('readable: the cells of a malformed row that are certainly in their columns (for its id)', () => {
  it.each([
    { name: 'too many cells: only the first (an extra delimiter may sit anywhere)', body: '0101;a;b;c\n', readable: ['0101'] },
    { name: 'too few cells: only the first', body: '0101;a\n', readable: ['0101'] },
    { name: 'an unbalanced quote: the cells before it', body: '0101;a;"b\n', readable: ['0101', 'a'] },
    { name: 'an unbalanced quote in the first cell: none', body: '"0101;a;b\n', readable: [] },
    { name: 'text after a closing quote: the cells before that cell', body: '0101;"a"x;b\n', readable: ['0101'] },
    { name: 'a quoted first cell closed properly, junk later', body: '"0101";a;"b"c\n', readable: ['0101', 'a'] },
  ])('$name', async ({ body, readable }) => {
    const [entry] = await entries(source(`id;a;b\n${body}`));
    expect(entry).toMatchObject({ readable });
  });

  it('a line too long to be a row: its first cell, when short and unquoted', async () => {
    const huge = 'x'.repeat(1 << 21);
    const read = await entries(source(`id;a;b\n0101;${huge}\n"0202;${huge}\n0303;a;b\n`));
    expect(read.map((e) => ('error' in e ? [e.error, e.readable] : e.cells))).toEqual([
      ['the row is longer than 1048576 characters', ['0101']],
      ['the row is longer than 1048576 characters', []],
      ['0303', 'a', 'b'],
    ]);
  });

  it('long lines and long multi-line rows read the same whole as in 64 KiB pieces', async () => {
    const cell = `"${'q'.repeat(30_000)}\n${'r'.repeat(2_000)}"`;
    const wide = Array.from({ length: 40 }, () => cell).join(';'); // a row of 40 such cells: 1.3 M characters
    const header = Array.from({ length: 40 }, (_, i) => `c${i}`).join(';');
    const text = new TextEncoder().encode(`${header}\n${wide}\n${'x'.repeat(MAX_CELL_CHARS * 40)};1\nok\n`);
    const pieces = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) => text.subarray(i * 65_536, (i + 1) * 65_536));
    const whole = await entries(source(text));
    expect(short(await entries(source(...pieces)))).toEqual(short(whole));
    expect(whole[0]).toMatchObject({ row: 1, line: 2, error: 'unbalanced quote starting in column 1' });
  });
});

describe('generated exports (property): one entry per citizen line, in order, each with its key', () => {
  it('every line of the model is one entry at its physical line, malformed exactly where the model says, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(modelFile({ allowBad: true, allowFffd: true }), fc.array(fc.nat(), { maxLength: 6 }), async (file, rawCuts) => {
        const bytes = encode(file.text, 'utf-8');
        const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const pieces = [...cuts, bytes.length].map((end, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], end));
        const read = await entries(source(...pieces));
        expect(read.map((e) => e.row)).toEqual(file.citizens.map((_, i) => i + 1));
        expect(read.map((e) => e.line)).toEqual(file.citizens.map((c) => c.line));
        expect(read.map((e) => 'error' in e)).toEqual(file.citizens.map((c) => c.malformed));
        // A row over several lines says where it ends (for the warning of `visit screen`); others do not.
        expect(read.map((e) => e.endLine)).toEqual(file.citizens.map((c) => c.endLine));
        // The key (first column) is read on every row, well-formed or not.
        expect(read.map((e) => ('cells' in e ? e.cells[0] : e.readable?.[0]))).toEqual(file.citizens.map((c) => c.key));
        // No value ever reaches a message.
        for (const e of read) if ('error' in e) expect(e.error).not.toMatch(/k[a-zæøåÆØÅé ]/);
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });
});
