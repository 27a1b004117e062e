// A generator of CSV exports as they arrive from case systems and Excel — stray quotes, multi-line
// cells, cells at and over Excel's 32,767-character limit, rows of the wrong width, text after a
// closing quote, invalid bytes, Danish letters, U+FFFD — together with its own model of what
// LANGUAGE.md §7 and §10 say each citizen line must give: exactly one output row, with the
// citizen's key as `id`, `ok` or `invalid`, and for a malformed line the physical line it starts on.
// Shared by the reader's property tests (packages/batch/test/read-csv-stray-quotes.test.ts) and the end-to-end ones
// (packages/cli/test/cli-screen-reading-properties.test.ts); it lives here, outside both packages,
// so that neither package's tests reach into the other's folder.
//
// How the model stays exact: the spec reads a quote left open at a line end over the following
// lines only when that gives a well-formed row. Here every `"` that does not open or close a
// genuine quoted cell (a stray quote, a quote inside an unquoted cell, the opening quote of a
// genuine cell that a stray quote runs into) is followed by a letter, so a stray quote's cell always
// "closes" on a quote followed by a letter (text after the closing quote): never a well-formed row,
// so the stray line is one invalid row and reading resumes on the next line. (Two stray quotes that
// do enclose a well-formed row are read as one row, as the spec says; the table tests cover that.)
import fc from 'fast-check';

export const RULES = `record R {
  id:   text key personal
  note: text optional
  n:    number optional
  flag: boolean optional
}
group big = n > 3
program p { require flag  require big }
`;

/** Stands for bytes the file's encoding does not allow (see `encode`); never in real text. */
export const BAD = '\uE000';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Citizen {
  key: string;
  /** The physical line the row starts on (the header is line 1 unless blank lines precede it). */
  line: number;
  status: 'ok' | 'invalid';
  /** Malformed as a line (the reader's error, `line N: …`), not only a value that does not fit. */
  malformed: boolean;
  /** The physical line the row ends on, when it runs over several (a quoted cell with line breaks). */
  endLine?: number;
}

export interface ModelFile {
  /** The text; BAD where an invalid byte goes. */
  text: string;
  delimiter: ';' | ',';
  eol: '\n' | '\r\n';
  citizens: Citizen[];
  /** The text holds a character above U+007F (a Windows-1252 file is then recognised as one). */
  nonAscii: boolean;
}

/** What a generated line is: its cells as written, and what the model says of it. */
interface LineKind {
  cells: string[];
  /** Physical lines the row spans beyond its first (line breaks inside quoted cells). */
  extraLines: number;
  malformed: boolean;
  valuesOk: boolean;
}

const letters = fc.constantFrom('a', 'b', 'x', 'æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'é', ' ');
const word = fc.string({ unit: letters, minLength: 1, maxLength: 8 }).map((w) => `k${w}`); // starts with a letter

function lineKind(delimiter: ';' | ',', eol: string, allowBad: boolean, allowFffd: boolean): fc.Arbitrary<LineKind> {
  const d = delimiter;
  // n and flag: values that fit, and values that do not (LANGUAGE.md §7).
  const n = fc.constantFrom<[string, boolean]>(
    ['', true],
    ['7', true],
    [d === ';' ? '2,5' : '2.5', true],
    [d === ';' ? '1.000' : '"2,5"', false],
  );
  const flag = fc.constantFrom<[string, boolean]>(['', true], ['ja', true], ['nej', true], ['t', true], ['F', true], ['1', true], ['maybe', false]);
  // Notes: [text as written, extra physical lines, malformed].
  const goodNotes: fc.Arbitrary<[string, number, boolean]>[] = [
    word.map((w) => [w, 0, false]),
    word.map((w) => [`"${w}${d}${w}"`, 0, false]),
    word.map((w) => [`"${w} ""sagde"" ${w}"`, 0, false]),
    word.map((w) => [`mid"${w}`, 0, false]),
    fc.tuple(word, word, fc.constantFrom('\n', '\r\n')).map(([a, b, nl]) => [`"${a}${nl}${b}"`, 1, false]),
    fc.tuple(word, word).map(([a, b]) => [`"${a}\n${b}\n${a}"`, 2, false]),
  ];
  if (allowFffd) goodNotes.push(word.map((w) => [`${w}\uFFFD${w}`, 0, false]));
  const badNotes: fc.Arbitrary<[string, number, boolean]>[] = [
    word.map((w) => [`"${w}`, 0, true]), // a stray quote
    word.map((w) => [`"${w}"${w}`, 0, true]), // text after the closing quote
  ];
  if (allowBad) badNotes.push(word.map((w) => [`${w}${BAD}${w}`, 0, true]));
  const note = fc.oneof(
    { weight: 30, arbitrary: fc.oneof(...goodNotes) },
    { weight: 8, arbitrary: fc.oneof(...badNotes) },
    // At Excel's limit (a row) and one over it (one invalid row, nothing swallowed).
    { weight: 1, arbitrary: fc.constantFrom<[string, number, boolean]>([`"k${'x'.repeat(32_766)}"`, 0, false], [`"k${'x'.repeat(32_767)}"`, 0, true]) },
  );
  // Width: right, one cell too many, one too few.
  const width = fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 1, -1);
  return fc.tuple(n, flag, note, width, word).map(([[nText, nOk], [fText, fOk], [noteText, extra, noteBad], wanted, bem]) => {
    // A multi-line row of the wrong width is its first line as an invalid row, and then its other
    // lines as rows of their own (the table tests show it): not one row per citizen, so not here.
    const w = extra > 0 ? 0 : wanted;
    const cells = [noteText, nText, fText, bem];
    if (w > 0) cells.push('extra');
    if (w < 0) cells.pop();
    return { cells, extraLines: extra, malformed: noteBad || w !== 0, valuesOk: nOk && fOk };
  });
}

/** A whole file: a header (with an unknown column whose name has an æ), rows, blank lines. */
export function modelFile(options: { allowBad: boolean; allowFffd: boolean }): fc.Arbitrary<ModelFile> {
  return fc
    .tuple(fc.constantFrom<';' | ','>(';', ','), fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), fc.nat(1), fc.boolean())
    .chain(([delimiter, eol, blankBefore, endsWithEol]) =>
      fc
        .array(
          fc.oneof(
            { weight: 25, arbitrary: lineKind(delimiter, eol, options.allowBad, options.allowFffd) },
            { weight: 1, arbitrary: fc.constant(undefined) }, // a blank line
          ),
          { minLength: 1, maxLength: 150, size: 'max' },
        )
        .map((lines) => build(lines, delimiter, eol, blankBefore, endsWithEol)),
    );
}

function build(lines: (LineKind | undefined)[], delimiter: ';' | ',', eol: '\n' | '\r\n', blankBefore: number, endsWithEol: boolean): ModelFile {
  const header = ['id', 'note', 'n', 'flag', 'bemærkning'].join(delimiter);
  const out: string[] = [...Array<string>(blankBefore).fill(''), header];
  const citizens: Citizen[] = [];
  let line = blankBefore + 2;
  for (const kind of lines) {
    if (!kind) {
      out.push('');
      line++;
      continue;
    }
    const key = `id${citizens.length + 1}${citizens.length % 7 === 3 ? 'ø' : ''}`;
    out.push([key, ...kind.cells].join(delimiter));
    citizens.push({
      key,
      line,
      status: kind.malformed || !kind.valuesOk ? 'invalid' : 'ok',
      malformed: kind.malformed,
      ...(kind.extraLines > 0 ? { endLine: line + kind.extraLines } : {}),
    });
    line += 1 + kind.extraLines;
  }
  // A last line without its line end must not be a blank one (it would not be a line at all).
  const text = out.join(eol) + (endsWithEol || lines.at(-1) === undefined ? eol : '');
  return { text, delimiter, eol, citizens, nonAscii: true };
}

/** The file's bytes in an encoding; BAD becomes bytes that encoding does not allow. */
export function encode(text: string, encoding: FileEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom': {
      const parts = text.split(BAD).map((p) => Buffer.from(p, 'utf8'));
      const joined = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from([0xff]), p])));
      return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), joined]) : joined;
    }
    case 'utf-16le':
    case 'utf-16be': {
      // A lone high surrogate is not UTF-16.
      const units = Buffer.from(`\uFEFF${text.replaceAll(BAD, '\uD800')}`, 'utf16le');
      return encoding === 'utf-16be' ? units.swap16() : units;
    }
    case 'windows-1252':
      // Every character generated here is ASCII or Latin-1 above U+00A0, where Windows-1252 and
      // Latin-1 agree byte for byte.
      if (text.includes(BAD) || /[^\u0000-\u007f\u00a0-\u00ff]/.test(text)) throw new Error('not representable in Windows-1252');
      return Buffer.from(text, 'latin1');
  }
}
