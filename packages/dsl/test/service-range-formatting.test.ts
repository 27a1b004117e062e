// Format selection (LSP textDocument/rangeFormatting). Contract: the selection is laid out as
// formatting the whole file lays it out; only the runs of lines that formatting changes and that
// touch a selected line are edited; selecting everything is formatting the file; a file that does
// not parse is refused. Table: source, selected lines → the text after the edits.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { getRangeFormattingEdits, VisitDocument } from '../src/service';
import { formatSource } from '../src/service/format';

const uri = 'file:///sel.visit';

function apply(text: string, edits: readonly TextEdit[]): string {
  const doc = new VisitDocument(uri, text);
  const spans = edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end), e.newText] as const).sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [s, e, t] of spans) out = out.slice(0, s) + t + out.slice(e);
  return out;
}

function lines(first: number, last: number, lastCharacter = 0): Range {
  return { start: { line: first, character: 0 }, end: { line: last, character: lastCharacter } };
}

function formatSelection(text: string, range: Range): string {
  const r = getRangeFormattingEdits(new VisitDocument(uri, text), range);
  if ('error' in r) throw new Error(r.error);
  return apply(text, r.edits);
}

const MESSY = ['record C {', '  age:number', '  b: date', '}', 'group   g =   age<30', 'group h =', '  age > 40', ''].join('\n');
//              0              1               2           3     4                        5             6

describe('format selection: table', () => {
  // [what, source, selection, expected text]
  const table: [string, string, Range, string][] = [
    ['the messy group line only: the group is laid out, the record is not touched', MESSY, lines(4, 4, 5), MESSY.replace('group   g =   age<30', '\ngroup g =\n  age < 30\n')],
    ['the record line: the record is laid out, the group is not touched', MESSY, lines(1, 1, 3), MESSY.replace('  age:number\n  b: date', '  age: number\n  b:   date')],
    ['a tidy declaration selected: nothing changes', MESSY, lines(5, 6, 3), MESSY],
    ['selection ending at the start of a line does not select that line', MESSY, lines(5, 7), MESSY],
    ['everything: the whole file formatted', MESSY, lines(0, 8), (formatSource(MESSY) as { text: string }).text],
    ['a formatted file: nothing changes', 'record C {\n  a: number\n}\n', lines(0, 3), 'record C {\n  a: number\n}\n'],
  ];
  it.each(table)('%s', (_what, source, range, expected) => {
    expect(formatSelection(source, range)).toBe(expected);
  });

  it('a file that does not parse: refused, with the line', () => {
    const r = getRangeFormattingEdits(new VisitDocument(uri, 'record C {\n  a: number\n}\ngroup g = a <\n'), lines(0, 1));
    expect(r).toEqual({ error: expect.stringMatching(/^line 4: .*fix the syntax errors first/) });
  });
});

// Messy versions of the example files: runs of spaces between a line's words changed (lines
// without text literals or comments, so the meaning stays).
const root = join(__dirname, '../../../examples');
const examples = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.visit'))
  .map((f) => readFileSync(join(root, f), 'utf8'));

const messyExample = fc
  .tuple(fc.constantFrom(...examples), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 }))
  .map(([source, changes]) => {
    const ls = source.split('\n');
    for (const [at, spaces] of changes) {
      const i = at % ls.length;
      const l = ls[i]!;
      if (/["#/]/.test(l) || l.trim() === '') continue;
      const indent = /^ */.exec(l)![0];
      ls[i] = indent + l.slice(indent.length).replace(/ +/g, ' '.repeat(spaces));
    }
    return ls.join('\n');
  });

describe('format selection: properties over messy example files', () => {
  it('any selection: formatting the result gives the file formatted; the edits are disjoint and touch the selection; everything selected is the whole formatting', () => {
    fc.assert(
      fc.property(messyExample, fc.nat(), fc.nat(), (source, a, b) => {
        const n = source.split('\n').length;
        const [first, last] = [a % n, b % n].sort((x, y) => x - y) as [number, number];
        const doc = new VisitDocument(uri, source);
        const whole = formatSource(source);
        if (!whole.ok) throw new Error(whole.reason);
        const r = getRangeFormattingEdits(doc, lines(first, last, 1));
        if ('error' in r) throw new Error(r.error);
        const after = apply(source, r.edits);
        const again = formatSource(after);
        expect(again.ok && again.text).toBe(whole.text);
        for (let i = 1; i < r.edits.length; i++) expect(r.edits[i]!.range.start.line).toBeGreaterThanOrEqual(r.edits[i - 1]!.range.end.line);
        for (const e of r.edits) {
          // an edit's old lines [start, end) meet [first, last], or it inserts right beside them
          const [s, t] = [e.range.start.line, e.range.end.line];
          expect(s === t ? s >= first && s <= last + 1 : s <= last && t - 1 >= first).toBe(true);
        }
        const all = getRangeFormattingEdits(doc, lines(0, n));
        expect(!('error' in all) && apply(source, all.edits)).toBe(whole.text);
      }),
      { numRuns: 200 },
    );
  });
});
