// Documents and the service around them: LSP positions ↔ offsets, versions, format edits.
import { describe, expect, it } from 'vitest';
import { getFormattingEdits, LanguageService, VisitDocument } from '../src/service';

describe('positions', () => {
  const doc = new VisitDocument('file:///r.visit', 'let a = 1\r\nlet bø = 2\nlet c = 3');
  it.each([
    [{ line: 0, character: 0 }, 0],
    [{ line: 0, character: 9 }, 9],
    [{ line: 0, character: 99 }, 9], // clamped to the line, before its CRLF
    [{ line: 1, character: 0 }, 11],
    [{ line: 1, character: 6 }, 17], // ø is one UTF-16 unit
    [{ line: 2, character: 4 }, 26],
    [{ line: 9, character: 0 }, 31], // past the end: the end
  ])('%j is offset %i', (position, offset) => {
    expect(doc.offsetAt(position)).toBe(offset);
  });
  it.each([
    [0, { line: 0, character: 0 }],
    [11, { line: 1, character: 0 }],
    [31, { line: 2, character: 9 }],
  ])('offset %i is %j', (offset, position) => {
    expect(doc.positionAt(offset)).toEqual(position);
  });
});

describe('the language service', () => {
  it('checks a document once per version', () => {
    const service = new LanguageService();
    const first = service.update('file:///r.visit', 'let a = 1', 1);
    expect(service.update('file:///r.visit', 'let a = 1', 1)).toBe(first);
    const second = service.update('file:///r.visit', 'let a = 1 +', 2);
    expect(second).not.toBe(first);
    expect(service.diagnostics('file:///r.visit').map((d) => d.code)).toContain('syntax-error');
  });

  it('answers for the document it was given, and refuses an unknown one', () => {
    const service = new LanguageService();
    service.update('file:///a.visit', 'let a = 1');
    expect(service.documentSymbols('file:///a.visit').map((s) => s.name)).toEqual(['a']);
    expect(() => service.hover('file:///b.visit', { line: 0, character: 0 })).toThrow(/no document file:\/\/\/b.visit/);
  });

  it('answers completion on a new, unchecked version with the names last checked', () => {
    const service = new LanguageService();
    service.update('file:///r.visit', 'record R {\n  alder: integer\n}\ngroup voksen =\n  alder >= 30\n', 1);
    expect(service.diagnostics('file:///r.visit')).toEqual([]);
    const doc = service.update('file:///r.visit', 'record R {\n  alder: integer\n}\ngroup voksen =\n  alder >= 30\ngroup g =\n  ', 2);
    const labels = service.complete('file:///r.visit', doc.positionAt(doc.text.length)).items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['alder', 'voksen']));
  });

  it('uses param overrides for hover', () => {
    const service = new LanguageService();
    service.update('file:///r.visit', 'param p = 3\nlet a = p');
    service.setParams({ p: '5' });
    const h = service.hover('file:///r.visit', { line: 1, character: 8 });
    expect(JSON.stringify(h?.contents)).toContain('Value in this run: **5**');
  });
});

describe('format edits', () => {
  it('replace the whole text once', () => {
    const doc = new VisitDocument('file:///r.visit', 'let   a=1\n');
    expect(getFormattingEdits(doc)).toEqual({ edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: 'let a = 1\n' }] });
  });
  it('are none when the text is already formatted', () => {
    expect(getFormattingEdits(new VisitDocument('file:///r.visit', 'let a = 1\n'))).toEqual({ edits: [] });
  });
  it('are refused with the reason when the text has syntax errors', () => {
    expect(getFormattingEdits(new VisitDocument('file:///r.visit', 'let a ='))).toEqual({ error: expect.stringMatching(/^line 1: expected a value/) });
  });
});
