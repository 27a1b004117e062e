// publishDiagnostics from the real server: on didOpen (table source → codes and ranges), and on
// didChange the diagnostics follow the new text, for the latest version only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, SAMPLE, startServer, type Server } from './lsp-support';

beforeAll(() => buildCli(), 120_000);

let server: Server;
beforeAll(async () => {
  server = startServer();
  await server.initialize();
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

const RECORD = 'record Citizen {\n  age: number\n  education: one of (none, vocational)\n}\n';

// [name, source, expected [code, line, startChar, endChar][]] — LSP positions are 0-based.
const table: [string, string, [string, number, number, number][]][] = [
  ['clean file', SAMPLE, []],
  ['unknown name', `${RECORD}group g = agee < 30\n`, [['unknown-name', 4, 10, 14]]],
  ['unknown enum value', `${RECORD}group g = education = vocatonal\n`, [['unknown-enum-value', 4, 22, 31]]],
  ['syntax error', `${RECORD}group g = age <\n`, [['syntax-error', 5, 0, 0]]],
];

describe('diagnostics on didOpen', () => {
  it.each(table)('%s', async (name, source, expected) => {
    const uri = `file:///diag/${name.replace(/ /g, '-')}.visit`;
    server.open(uri, source, 1);
    const p = await server.diagnosticsFor(uri, 1);
    const got = p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
    // Syntax errors: the code and the line are the contract; where on the line is the parser's.
    if (expected.some(([code]) => code === 'syntax-error')) {
      expect(got.map(([code]) => code)).toEqual(expected.map(([code]) => code));
    } else {
      expect(got).toEqual(expected);
    }
  });
});

describe('diagnostics on didChange', () => {
  it('follow the new text', async () => {
    const uri = 'file:///diag/change.visit';
    server.open(uri, `${RECORD}group g = age < 30\n`, 1);
    expect((await server.diagnosticsFor(uri, 1)).diagnostics).toEqual([]);
    server.change(uri, `${RECORD}group g = agee < 30\n`, 2);
    const v2 = await server.diagnosticsFor(uri, 2);
    expect(v2.diagnostics.map((d) => d.code)).toEqual(['unknown-name']);
    server.change(uri, `${RECORD}group g = age < 30\n`, 3);
    expect((await server.diagnosticsFor(uri, 3)).diagnostics).toEqual([]);
  });

  it('a burst of changes publishes for the latest version only', async () => {
    const uri = 'file:///diag/burst.visit';
    server.open(uri, `${RECORD}group g = age < 30\n`, 1);
    await server.diagnosticsFor(uri, 1);
    // Versions 2..9 arrive well within the 200 ms quiet time; each has an error, the last none.
    for (let v = 2; v <= 9; v++) server.change(uri, `${RECORD}group g = age${'e'.repeat(v)} < 30\n`, v);
    server.change(uri, `${RECORD}group g = age < 30\n`, 10);
    const last = await server.diagnosticsFor(uri, 10);
    expect(last.diagnostics).toEqual([]);
    // Give a late stale publish the chance to show.
    await new Promise((r) => setTimeout(r, 400));
    const versions = server.published.filter((p) => p.uri === uri).map((p) => p.version);
    expect(versions).toEqual([1, 10]);
  });

  it('didClose clears the diagnostics', async () => {
    const uri = 'file:///diag/close.visit';
    server.open(uri, `${RECORD}group g = agee < 30\n`, 1);
    await server.diagnosticsFor(uri, 1);
    const before = server.published.length;
    void server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await expect.poll(() => server.published.length).toBe(before + 1);
    expect(server.published.at(-1)).toEqual({ uri, diagnostics: [] });
  });
});
