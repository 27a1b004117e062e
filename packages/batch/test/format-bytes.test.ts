// Output lines written as bytes (issue 11, "build output as bytes, not strings"): whatever path a
// line takes — the cached tail per outcome combination, the id written straight into the buffer, a
// row number written digit by digit, a line too long for a chunk — its bytes are the UTF-8 of the
// text line the formatter writes (`okLine`), for NDJSON and CSV, with and without generated code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvFormatter, ndjsonFormatter, type OkRow, type RowFormatter } from '../src/index';
import { LineBuffer } from '../src/format/bytes';

const decoder = new TextDecoder('utf-8', { fatal: true });

function joined(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function formatters(groups: string[], programs: string[]): [string, RowFormatter][] {
  return [true, false].flatMap((codegen) => [
    [`ndjson codegen=${codegen}`, ndjsonFormatter(groups, programs, codegen)] as [string, RowFormatter],
    [`csv codegen=${codegen}`, csvFormatter(groups, programs, false, codegen)] as [string, RowFormatter],
    [`csv explain codegen=${codegen}`, csvFormatter(groups, programs, true, codegen)] as [string, RowFormatter],
  ]);
}

describe('LineBuffer', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [10, '10'],
    [999_999, '999999'],
    [1_000_000, '1000000'],
    [2_147_483_647, '2147483647'],
    [2_147_483_648, '2147483648'],
    [9_007_199_254_740_991, '9007199254740991'],
  ])('int(%s) writes %s', (n, text) => {
    const out = new LineBuffer();
    out.int(n);
    expect(decoder.decode(joined(out.take()))).toBe(text);
  });

  it.each([
    ['ASCII', 'abc;123'],
    ['Danish letters', 'målgruppe æøå ÆØÅ'],
    ['a surrogate pair', 'x\u{1F600}y'],
    ['longer than a chunk', 'ø'.repeat(40_000)],
  ])('text: %s comes out as its UTF-8, across chunks of 16 bytes or 64 KB', (_name, text) => {
    for (const size of [16, 64 * 1024]) {
      const out = new LineBuffer(size);
      out.text(text);
      out.ascii('|');
      out.text(text);
      expect(decoder.decode(joined(out.take()))).toBe(`${text}|${text}`);
    }
  });

  it('take: what was taken is never written again; take(true) leaves each piece a buffer of its own', () => {
    const out = new LineBuffer(32);
    out.ascii('first;');
    const first = out.take();
    out.ascii('second line, longer than one chunk of 32 bytes;');
    const second = out.take(true);
    out.ascii('third');
    const third = out.take(true);
    expect(decoder.decode(joined(first))).toBe('first;');
    expect(decoder.decode(joined(second))).toBe('second line, longer than one chunk of 32 bytes;');
    expect(decoder.decode(joined(third))).toBe('third');
    const buffers = [...second, ...third].map((p) => p.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(out.take()).toEqual([]);
  });
});

describe('ok lines as bytes are the text lines', () => {
  const rowOf = (groups: string[], programs: string[], id: string | null, combination: number[], explain?: string): OkRow => ({
    id,
    groups: Object.fromEntries(groups.map((g, i) => [g, [true, false, null][combination[i]! % 3]!])),
    programs: Object.fromEntries(programs.map((p, i) => [p, (['eligible', 'ineligible', 'undetermined'] as const)[combination[groups.length + i]! % 3]!])),
    ...(explain === undefined ? {} : { explainJson: JSON.stringify(explain), explainText: explain }),
  });

  it.each([
    ['digits', '0609901234'],
    ['null', null],
    ['empty', ''],
    ['a sign (CSV: a number, left as it is)', '-5'],
    ['a formula (CSV: quoted with a leading quote)', '=1+1'],
    ['a quote and a comma', 'a"b,c'],
    ['Danish letters', 'Søren'],
    ['64 plain characters', 'x'.repeat(64)],
    ['a line break', 'a\r\nb'],
  ])('id %s', (_name, id) => {
    const groups = ['unge', 'målgruppe'];
    const programs = ['jobklub', 'vikar'];
    for (const [name, f] of formatters(groups, programs)) {
      for (const combination of [[0, 0, 0, 0], [1, 2, 1, 2], [2, 1, 2, 1]]) {
        const row = rowOf(groups, programs, id, combination);
        const out = new LineBuffer(48);
        f.writeOk(out, 123, row);
        f.writeOk(out, 124, row);
        expect(decoder.decode(joined(out.take())), name).toBe(f.okLine(123, row) + f.okLine(124, row));
      }
    }
  });

  // Names and values that need escaping in JSON, CSV or a template literal.
  const name = fc.stringMatching(/^[a-zA-Zæø_"'`${}\\\r\n, ]{1,8}$/);
  it('any names, ids, outcomes, row numbers and explanations: writeOk and writeOkLater(okRest) give okLine', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 6 }),
        fc.uniqueArray(name, { maxLength: 6 }),
        fc.array(fc.tuple(fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), fc.array(fc.nat(2), { minLength: 12, maxLength: 12 }), fc.option(fc.string(), { nil: undefined }), fc.nat())),
        fc.constantFrom(16, 256, 64 * 1024),
        (groups, programs, rows, chunk) => {
          for (const [label, f] of formatters(groups, programs)) {
            const out = new LineBuffer(chunk);
            let text = '';
            for (const [id, combination, explain, n] of rows) {
              const row = rowOf(groups, programs, id, combination, explain);
              f.writeOk(out, n, row);
              const rest = f.okRest(row);
              if (rest === undefined) {
                expect(explain, label).toBeDefined();
                out.text(f.rowPrefix + n + f.okTail(row));
              } else {
                expect(f.okTail(row).endsWith(decoder.decode(rest)), label).toBe(true);
                f.writeOkLater(out, n, id, rest);
              }
              text += f.okLine(n, row) + f.okLine(n, row);
            }
            expect(joined(out.take()), label).toEqual(utf8(text));
          }
        },
      ),
    );
  });

  it('more than 33 names (no exact key): still the same bytes', () => {
    const groups = Array.from({ length: 20 }, (_, i) => `g${i}`);
    const programs = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const combination = Array.from({ length: 40 }, (_, i) => i % 3);
    for (const [label, f] of formatters(groups, programs)) {
      const row = rowOf(groups, programs, '0609901234', combination);
      const out = new LineBuffer();
      f.writeOk(out, 5, row);
      expect(decoder.decode(joined(out.take())), label).toBe(f.okLine(5, row));
    }
  });
});
