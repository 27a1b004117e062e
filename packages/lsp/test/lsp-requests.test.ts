// One row per request → expected response, over the real server process (visit lsp --stdio) on
// SAMPLE (lsp-support.ts). Positions are 0-based LSP positions into SAMPLE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, SAMPLE, startServer, type Server } from './lsp-support';

beforeAll(() => buildCli(), 120_000);

const URI = 'file:///requests/sample.visit';
let server: Server;
beforeAll(async () => {
  server = startServer();
  await server.initialize();
  server.open(URI, SAMPLE, 1);
  await server.diagnosticsFor(URI, 1);
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

const lines = SAMPLE.split('\n');
/** The position of the `nth` occurrence of `word` in SAMPLE (plus `shift` characters). */
function at(word: string, nth = 0, shift = 1): { line: number; character: number } {
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    let from = 0;
    for (;;) {
      const i = lines[line]!.indexOf(word, from);
      if (i < 0) break;
      if (seen++ === nth) return { line, character: i + shift };
      from = i + 1;
    }
  }
  throw new Error(`no ${word} #${nth}`);
}
const td = { textDocument: { uri: URI } };
const request = <R>(method: string, params: object) => server.connection.sendRequest<R>(method, { ...td, ...params });

interface Loc {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('requests → responses', () => {
  it('completion after `require ` offers the groups and fields', async () => {
    const end = at('require unge', 0, 'require '.length);
    const r = await request<{ items: { label: string }[] }>('textDocument/completion', { position: end });
    const labels = r.items.map((i) => i.label);
    for (const x of ['unge', 'literacy', 'age', 'min_læs']) expect(labels).toContain(x);
  });

  const hovers: [string, { line: number; character: number }, string][] = [
    ['a let', at('age', 1), 'age_of(birth_date)'],
    ['a param', at('min_læs', 1), '3'],
    ['a group', at('unge', 1), 'Unge'],
  ];
  it.each(hovers)('hover on %s', async (_name, position, contains) => {
    const r = await request<{ contents: { value: string } }>('textDocument/hover', { position });
    expect(r.contents.value).toContain(contains);
  });

  it('definition of a use of `unge` is its declaration', async () => {
    const r = await request<Loc[]>('textDocument/definition', { position: at('unge', 1) });
    const decl = at('unge', 0, 0);
    expect(r).toEqual([{ uri: URI, range: { start: decl, end: { line: decl.line, character: decl.character + 4 } } }]);
  });

  const references: [string, { line: number; character: number }, boolean, number][] = [
    ['age with declaration', at('age ='), true, 2],
    ['age without declaration', at('age ='), false, 1],
    ['min_læs', at('min_læs'), true, 2],
  ];
  it.each(references)('references of %s', async (_n, position, includeDeclaration, count) => {
    const r = await request<Loc[]>('textDocument/references', { position, context: { includeDeclaration } });
    expect(r).toHaveLength(count);
  });

  it('documentSymbol lists the record, let, param, group and program', async () => {
    const r = await request<{ name: string }[]>('textDocument/documentSymbol', {});
    expect(r.map((s) => s.name)).toEqual(expect.arrayContaining(['Citizen', 'age', 'min_læs', 'unge', 'jobklub']));
  });

  it('prepareRename of a group gives its range and name', async () => {
    const r = await request<{ range: Loc['range']; placeholder: string }>('textDocument/prepareRename', { position: at('unge', 1) });
    expect(r.placeholder).toBe('unge');
    expect(r.range.start).toEqual(at('unge', 1, 0));
  });

  it('prepareRename of a field is refused with a reason', async () => {
    await expect(request('textDocument/prepareRename', { position: at('literacy', 1) })).rejects.toThrow(/records use/);
  });

  it('rename of a param edits its declaration and each use', async () => {
    const r = await request<{ changes: Record<string, { range: Loc['range']; newText: string }[]> }>('textDocument/rename', {
      position: at('min_læs', 1),
      newName: 'min_literacy',
    });
    const edits = r.changes[URI]!;
    expect(edits.map((e) => [e.range.start.line, e.newText])).toEqual([
      [at('min_læs', 0).line, 'min_literacy'],
      [at('min_læs', 1).line, 'min_literacy'],
    ]);
  });

  it('rename to a taken name is refused', async () => {
    await expect(request('textDocument/rename', { position: at('min_læs', 1), newName: 'age' })).rejects.toThrow(/already declared/);
  });

  it('formatting of a formatted file has no edits; of a messy one, one whole-document edit', async () => {
    expect(await request('textDocument/formatting', { options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    const messy = 'file:///requests/messy.visit';
    const text = 'record C {\n  age:number\n}\ngroup   g =   age<30\n';
    server.open(messy, text, 1);
    const r = await server.connection.sendRequest<{ range: Loc['range']; newText: string }[]>('textDocument/formatting', {
      textDocument: { uri: messy },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(r).toHaveLength(1);
    expect(r[0]!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 4, character: 0 } });
    expect(r[0]!.newText).toBe('record C {\n  age: number\n}\n\ngroup g =\n  age < 30\n');
  });

  it('rangeFormatting lays out the selected lines as whole-file formatting does, and touches no other line', async () => {
    const messy = 'file:///requests/messy-range.visit';
    // Lines that formatting changes and that are next to each other are one run: a blank line
    // keeps the two groups apart here.
    const text = 'record C {\n  age:number\n}\ngroup   g =   age<30\n\ngroup h = age  >  40\n';
    server.open(messy, text, 1);
    const selection = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 3 } });
    const ask = (line: number) =>
      server.connection.sendRequest<{ range: Loc['range']; newText: string }[]>('textDocument/rangeFormatting', {
        textDocument: { uri: messy },
        range: selection(line),
        options: { tabSize: 2, insertSpaces: true },
      });
    // [selected line → edits as [start line, end line, new text]]
    expect((await ask(1)).map((e) => [e.range.start.line, e.range.end.line, e.newText])).toEqual([[1, 2, '  age: number\n']]);
    expect((await ask(3)).map((e) => [e.range.start.line, e.range.end.line, e.newText])).toEqual([[3, 4, '\ngroup g =\n  age < 30\n']]);
    expect((await ask(5)).map((e) => [e.range.start.line, e.range.end.line, e.newText])).toEqual([[5, 6, 'group h =\n  age > 40\n']]);
    expect(await ask(4)).toEqual([]);
  });

  it('formatting of a file that does not parse is refused, the text is left as it is', async () => {
    const broken = 'file:///requests/broken.visit';
    server.open(broken, 'record C {\n  age: number\n}\ngroup g = age <\n', 1);
    await expect(
      server.connection.sendRequest('textDocument/formatting', { textDocument: { uri: broken }, options: { tabSize: 2, insertSpaces: true } }),
    ).rejects.toThrow();
  });

  it('foldingRange folds the record and the program to their first lines', async () => {
    const r = await request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', {});
    const record = at('record', 0, 0).line;
    const program = at('program', 0, 0).line;
    const group = at('group', 0, 0).line;
    expect(r.map((f) => [f.startLine, f.endLine])).toEqual([
      [record, record + 3],
      [group, group + 1],
      [program, program + 2],
    ]);
  });

  it('a request for a document that is not open answers empty', async () => {
    const r = await server.connection.sendRequest('textDocument/definition', { textDocument: { uri: 'file:///nope.visit' }, position: { line: 0, character: 0 } });
    expect(r).toEqual([]);
  });
});
