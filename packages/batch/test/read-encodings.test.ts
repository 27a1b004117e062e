// LANGUAGE.md §7, encodings: UTF-8 (BOM or not) and UTF-16 LE/BE with a BOM are read as such; a
// file that is not valid UTF-8 is read as Windows-1252 with one warning; `--encoding` states it
// (then nothing is guessed); text is never silently replaced by U+FFFD — bytes the encoding does
// not allow make their row invalid, naming the column. The decision is made while streaming, and
// the same bytes are decided the same way however they arrive.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EncodingSniffer,
  SNIFF_WINDOW,
  WINDOWS_1252_WARNING,
  type Encoding,
} from '../src/read/text';
import { openCsv, openNdjson, sniffFormat, type ByteSource, type CsvEntry, type NdjsonEntry } from '../src/node';

const bytesOf = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
/** Windows-1252 of text in ASCII and Latin-1 letters (where the two agree). */
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

function pieces(bytes: Uint8Array, cuts: number[] = []): ByteSource {
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

interface Reading {
  header?: readonly string[];
  entries?: CsvEntry[];
  error?: string;
  warnings: string[];
  encoding?: Encoding | undefined;
}

async function readCsv(bytes: Uint8Array, options: { encoding?: Encoding; cuts?: number[] } = {}): Promise<Reading> {
  const warnings: string[] = [];
  const opened = await openCsv(pieces(bytes, options.cuts), {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    onWarning: (m) => warnings.push(m),
  });
  if (!opened.ok) return { error: opened.error, warnings };
  const entries: CsvEntry[] = [];
  for await (const batch of opened.reader.batches()) entries.push(...batch);
  return { header: opened.reader.header, entries, warnings, encoding: opened.reader.encoding };
}

const CSV = 'cpr;by;navn\r\n0101;København;Søren\r\n0202;Århus;Åse\r\n';
const EXPECTED = [
  { row: 1, line: 2, cells: ['0101', 'København', 'Søren'] },
  { row: 2, line: 3, cells: ['0202', 'Århus', 'Åse'] },
];

describe('each encoding the spec names reads the same text', () => {
  it.each([
    { name: 'UTF-8', bytes: bytesOf(CSV), encoding: 'utf-8', warnings: [] },
    { name: 'UTF-8 with a BOM', bytes: bytesOf([0xef, 0xbb, 0xbf], CSV), encoding: 'utf-8', warnings: [] },
    { name: 'UTF-16LE with a BOM', bytes: utf16le(CSV), encoding: 'utf-16le', warnings: [] },
    { name: 'UTF-16BE with a BOM', bytes: utf16be(CSV), encoding: 'utf-16be', warnings: [] },
    { name: 'Windows-1252 (not valid UTF-8): one warning', bytes: cp1252(CSV), encoding: 'windows-1252', warnings: [WINDOWS_1252_WARNING] },
  ])('$name', async ({ bytes, encoding, warnings }) => {
    const reading = await readCsv(bytes);
    expect(reading).toEqual({ header: ['cpr', 'by', 'navn'], entries: EXPECTED, warnings, encoding });
  });

  it('the warning says what happened and how to state it', () => {
    expect(WINDOWS_1252_WARNING).toBe('not valid UTF-8, so it is read as Windows-1252 (state the encoding with --encoding)');
  });

  it('ASCII only: nothing to decide, no warning', async () => {
    expect(await readCsv(bytesOf('a;b\n1;2\n'))).toEqual({ header: ['a', 'b'], entries: [{ row: 1, line: 2, cells: ['1', '2'] }], warnings: [], encoding: undefined });
  });

  it('the issue: a UTF-16LE file with a BOM and 200 citizens gives 200 rows, all well-formed', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(10, '0')};København;${i % 2 ? 'ja' : 'nej'}`);
    const reading = await readCsv(utf16le(['cpr;by;aktiv', ...rows].join('\r\n') + '\r\n'));
    expect(reading.entries).toHaveLength(200);
    expect(reading.entries!.every((e) => 'cells' in e && e.cells[1] === 'København')).toBe(true);
  });

  it('the issue: a Windows-1252 CSV with København and Fødselsdato is read as such, with one warning however long', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i};København;Fødselsdato ${i}`);
    const reading = await readCsv(cp1252(['cpr;by;note', ...rows].join('\n') + '\n'));
    expect(reading.warnings).toEqual([WINDOWS_1252_WARNING]);
    expect(reading.entries).toHaveLength(20_000);
    expect(reading.entries!.every((e, i) => 'cells' in e && e.cells[1] === 'København' && e.cells[2] === `Fødselsdato ${i}`)).toBe(true);
  });
});

describe('bytes the encoding does not allow: the row is invalid, never U+FFFD', () => {
  it('UTF-8 up to far into the file, then one Windows-1252 byte: that row is invalid (column named), the rows before stay as read', async () => {
    const early = Array.from({ length: 10_000 }, (_, i) => `${i};Næstved`);
    const bytes = bytesOf(['cpr;by', ...early].join('\n'), '\n9999;K', [0xf8], 'benhavn\n10000;Køge\n');
    expect(bytes.indexOf(0xf8)).toBeGreaterThan(SNIFF_WINDOW);
    const reading = await readCsv(bytes);
    expect(reading.warnings).toEqual([]);
    expect(reading.encoding).toBe('utf-8');
    expect(reading.entries).toHaveLength(10_002);
    expect(reading.entries!.slice(0, 10_000).every((e) => 'cells' in e && e.cells[1] === 'Næstved')).toBe(true);
    expect(reading.entries![10_000]).toEqual({
      row: 10_001,
      line: 10_002,
      error: 'not valid UTF-8 in column 7 (if the file is Windows-1252, say --encoding windows-1252)',
      readable: ['9999'],
    });
    expect(reading.entries![10_001]).toEqual({ row: 10_002, line: 10_003, cells: ['10000', 'Køge'] });
  });

  it('a UTF-8 file with a bad byte near its start (UTF-8 letters around it) is UTF-8: only that row is invalid, no letter misread', async () => {
    const reading = await readCsv(bytesOf('cpr;by\n1;Næstved\n2;K', [0xf8], 'ge\n3;Århus\n'));
    expect(reading.warnings).toEqual([]);
    expect(reading.entries).toEqual([
      { row: 1, line: 2, cells: ['1', 'Næstved'] },
      { row: 2, line: 3, error: 'not valid UTF-8 in column 4 (if the file is Windows-1252, say --encoding windows-1252)', readable: ['2'] },
      { row: 3, line: 4, cells: ['3', 'Århus'] },
    ]);
  });

  it('with --encoding utf-8, a Windows-1252 file is not guessed: each row with such a byte is invalid', async () => {
    const reading = await readCsv(cp1252(CSV), { encoding: 'utf-8' });
    expect(reading.warnings).toEqual([]);
    expect(reading.entries).toEqual([
      { row: 1, line: 2, error: 'not valid UTF-8 in column 7 (if the file is Windows-1252, say --encoding windows-1252)', readable: ['0101'] },
      { row: 2, line: 3, error: 'not valid UTF-8 in column 6 (if the file is Windows-1252, say --encoding windows-1252)', readable: ['0202'] },
    ]);
  });

  it('a bad byte in the key cell: no readable key', async () => {
    const reading = await readCsv(bytesOf('cpr;by\n01', [0xff], '01;x\n'), { encoding: 'utf-8' });
    expect(reading.entries).toEqual([{ row: 1, line: 2, error: expect.stringMatching(/^not valid UTF-8 in column 3/), readable: [] }]);
  });

  it('a bad byte on the second line of a multi-line cell: the row is invalid, the line within it named', async () => {
    const reading = await readCsv(bytesOf('cpr;note\n1;"a\nb', [0xff], '"\n2;x\n'), { encoding: 'utf-8' });
    expect(reading.entries).toEqual([
      { row: 1, line: 2, endLine: 3, error: 'not valid UTF-8 in column 2 of its line 2 (if the file is Windows-1252, say --encoding windows-1252)', readable: ['1'] },
      { row: 2, line: 4, cells: ['2', 'x'] },
    ]);
  });

  it('a header that is not valid in its encoding is refused, the column named', async () => {
    expect(await readCsv(bytesOf('cpr;F', [0xf8], 'dselsdato\n1;2\n'), { encoding: 'utf-8' })).toEqual({
      error: 'header row (line 1): not valid UTF-8 in column 6 (if the file is Windows-1252, say --encoding windows-1252)',
      warnings: [],
    });
  });

  it('a lone surrogate in UTF-16 makes its row invalid', async () => {
    const text = Buffer.from('cpr;by\r\n1;x\uD800y\r\n2;ok\r\n', 'utf16le');
    const reading = await readCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), text]));
    expect(reading.entries).toEqual([
      { row: 1, line: 2, error: 'not valid UTF-16LE in column 4', readable: ['1'] },
      { row: 2, line: 3, cells: ['2', 'ok'] },
    ]);
  });

  it('a real U+FFFD in the input (EF BF BD) is text like any other', async () => {
    const reading = await readCsv(bytesOf('cpr;note\n1;a\uFFFDb\n'));
    expect(reading.entries).toEqual([{ row: 1, line: 2, cells: ['1', 'a\uFFFDb'] }]);
  });
});

describe('--encoding states it: nothing is guessed', () => {
  it.each([
    { encoding: 'windows-1252' as const, bytes: cp1252(CSV) },
    { encoding: 'utf-16le' as const, bytes: Buffer.from(CSV, 'utf16le') },
    { encoding: 'utf-16be' as const, bytes: Buffer.from(CSV, 'utf16le').swap16() },
    { encoding: 'utf-8' as const, bytes: bytesOf(CSV) },
  ])('--encoding $encoding without a BOM', async ({ encoding, bytes }) => {
    expect(await readCsv(bytes, { encoding })).toEqual({ header: ['cpr', 'by', 'navn'], entries: EXPECTED, warnings: [], encoding });
  });

  it('a stated encoding that the BOM contradicts is refused (the source rejects: nothing is read)', async () => {
    await expect(readCsv(bytesOf([0xef, 0xbb, 0xbf], CSV), { encoding: 'windows-1252' })).rejects.toThrow(
      'it starts with a UTF-8 byte order mark, but --encoding windows-1252 says otherwise',
    );
    await expect(readCsv(utf16le(CSV), { encoding: 'utf-8' })).rejects.toThrow('it starts with a UTF-16LE byte order mark, but --encoding utf-8 says otherwise');
  });

  it('a BOM of the stated encoding is dropped', async () => {
    expect((await readCsv(utf16be(CSV), { encoding: 'utf-16be' })).entries).toEqual(EXPECTED);
  });
});

describe('streaming: the same bytes give the same reading however they are cut', () => {
  const long = Array.from({ length: 3000 }, (_, i) => `${i};${i % 5 ? 'abc' : 'Sø'}`).join('\n');
  it.each([
    { name: 'UTF-8 with a BOM', bytes: bytesOf([0xef, 0xbb, 0xbf], CSV) },
    { name: 'UTF-16LE', bytes: utf16le(CSV) },
    { name: 'UTF-16BE', bytes: utf16be(CSV) },
    { name: 'Windows-1252', bytes: cp1252(CSV) },
    { name: 'UTF-8 with bad bytes', bytes: bytesOf('cpr;by\n1;ø', [0xc3], 'x\n2;', [0xe6, 0x80], '\n3;', [0xf0, 0x9f, 0x98], '\n4;😀\n') },
    { name: 'UTF-16LE with a lone surrogate at the end', bytes: Buffer.concat([utf16le('cpr;by\n1;'), Buffer.from([0x00, 0xd8])]) },
  ])('$name, cut at every offset', async ({ bytes }) => {
    const whole = await readCsv(bytes);
    expect(JSON.stringify(whole)).not.toContain('\uFFFD');
    for (let cut = 0; cut <= bytes.length; cut++) expect(await readCsv(bytes, { cuts: [cut] }), `cut at ${cut}`).toEqual(whole);
  });

  it('the decision window ends at the same byte however the chunks fall', async () => {
    // UTF-8 letters, then a bad byte exactly at the window's last byte and one just after it.
    const head = bytesOf('cpr;by\n1;ø\n');
    const start = head.indexOf(0xc3);
    const filler = Buffer.from(`2;${'x'.repeat(SNIFF_WINDOW - (head.length - start) - 4)}`);
    for (const extra of [0, 1]) {
      const bytes = Buffer.concat([head, filler, Buffer.from('y'.repeat(extra)), Buffer.from([0xff]), bytesOf('\n3;ø\n')]);
      const whole = await readCsv(bytes);
      for (const cuts of [[100], [start + 1], [SNIFF_WINDOW], [start + SNIFF_WINDOW - 1, start + SNIFF_WINDOW + 1], [7, 8, 9, 70_000]]) {
        expect(await readCsv(bytes, { cuts: cuts.filter((c) => c <= bytes.length) })).toEqual(whole);
      }
    }
  });

  it('property: Danish text in any encoding reads back exactly, whatever the cuts; Windows-1252 warns once iff it has a letter above ASCII', async () => {
    const unit = fc.constantFrom('a', 'Z', '0', ' ', 'æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'é', 'ü');
    const cell = fc.string({ unit, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }),
        fc.constantFrom<'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252'>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (rows, encoding, rawCuts) => {
          const text = `a;b\n${rows.map(([x, y]) => `k${x};${y}`).join('\n')}\n`;
          const bytes =
            encoding === 'utf-8' ? bytesOf(text) : encoding === 'utf-8-bom' ? bytesOf([0xef, 0xbb, 0xbf], text) : encoding === 'utf-16le' ? utf16le(text) : encoding === 'utf-16be' ? utf16be(text) : cp1252(text);
          const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((p, q) => p - q);
          const reading = await readCsv(bytes, { cuts });
          expect(reading.entries!.map((e) => ('cells' in e ? e.cells : e.error))).toEqual(rows.map(([x, y]) => [`k${x}`, y]));
          expect(reading.warnings).toEqual(encoding === 'windows-1252' && /[^\x00-\x7f]/.test(text) ? [WINDOWS_1252_WARNING] : []);
        },
      ),
      { numRuns: 400, seed: 9 },
    );
  });
});

describe('the sniffer on its own (the parallel reader decides with it on the main thread)', () => {
  it('holds back bytes only from the first non-ASCII byte until the window is full', () => {
    const s = new EncodingSniffer();
    s.feed(Buffer.from('abc;def\n'.repeat(1000)));
    expect(s.pending).toBe(false);
    expect(s.encoding).toBe(undefined);
    s.feed(Buffer.from('K\u00f8ge\n', 'latin1'));
    expect(s.pending).toBe(true);
    s.feed(Buffer.alloc(SNIFF_WINDOW, 0x61));
    expect(s.pending).toBe(false);
    expect([s.encoding, s.guessed]).toEqual(['windows-1252', true]);
  });

  it('at the end of the input it decides with what there is', () => {
    const s = new EncodingSniffer();
    s.feed(Buffer.from('ø'));
    expect(s.pending).toBe(true);
    s.end();
    expect([s.pending, s.encoding, s.guessed]).toEqual([false, 'utf-8', false]);
  });
});

describe('NDJSON reads the same way', () => {
  const NDJSON = '{"cpr":"0101","by":"København"}\n{"cpr":"0202","by":"Århus"}\n';
  async function readNdjson(bytes: Uint8Array, encoding?: Encoding) {
    const warnings: string[] = [];
    const out: NdjsonEntry[] = [];
    for await (const b of openNdjson(pieces(bytes), { ...(encoding ? { encoding } : {}), onWarning: (m) => warnings.push(m) }).batches()) out.push(...b);
    return { out, warnings };
  }
  const values = [
    { row: 1, line: 1, value: { cpr: '0101', by: 'København' } },
    { row: 2, line: 2, value: { cpr: '0202', by: 'Århus' } },
  ];
  it.each([
    { name: 'UTF-8', bytes: bytesOf(NDJSON), warnings: [] },
    { name: 'UTF-16LE with a BOM', bytes: utf16le(NDJSON), warnings: [] },
    { name: 'UTF-16BE with a BOM', bytes: utf16be(NDJSON), warnings: [] },
    { name: 'Windows-1252', bytes: cp1252(NDJSON), warnings: [WINDOWS_1252_WARNING] },
  ])('$name', async ({ bytes, warnings }) => {
    expect(await readNdjson(bytes)).toEqual({ out: values, warnings });
  });

  it('a line with a byte that is not UTF-8 (stated) is an invalid row; its key is still read', async () => {
    const { out } = await readNdjson(cp1252(NDJSON), 'utf-8');
    expect(out).toEqual([
      { row: 1, line: 1, error: 'not valid UTF-8 in column 22 (if the file is Windows-1252, say --encoding windows-1252)', value: { cpr: '0101' } },
      { row: 2, line: 2, error: 'not valid UTF-8 in column 21 (if the file is Windows-1252, say --encoding windows-1252)', value: { cpr: '0202' } },
    ]);
  });

  it('stdin is recognised as NDJSON through a UTF-16 BOM too', async () => {
    for (const bytes of [utf16le(NDJSON), utf16be(NDJSON), bytesOf([0xef, 0xbb, 0xbf], NDJSON)]) {
      expect((await sniffFormat(pieces(bytes))).format).toBe('ndjson');
    }
    expect((await sniffFormat(pieces(Buffer.from(NDJSON, 'utf16le').swap16()), 'utf-16be')).format).toBe('ndjson');
    expect((await sniffFormat(pieces(utf16le(CSV)))).format).toBe('csv');
  });
});
