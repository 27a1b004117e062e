// Semantic tokens over the real server: the legend in the initialize result, and
// textDocument/semanticTokens/full decoded with that legend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, startServer, type Server } from './lsp-support';

beforeAll(() => buildCli(), 120_000);

let server: Server;
let legend: { tokenTypes: string[]; tokenModifiers: string[] };
beforeAll(async () => {
  server = startServer();
  const r = await server.initialize();
  const provider = r.capabilities['semanticTokensProvider'] as { legend: typeof legend; full: boolean };
  expect(provider.full).toBe(true);
  legend = provider.legend;
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe('semanticTokens/full', () => {
  it('the legend names the kinds of the language', () => {
    expect(legend.tokenTypes).toEqual(expect.arrayContaining(['property', 'parameter', 'class', 'namespace', 'enumMember', 'unit']));
    expect(legend.tokenModifiers).toEqual(['declaration', 'personal']);
  });

  it('classifies a field, a param, a group, a program, an enum value and a unit', async () => {
    const source = 'record C {\n  b: one of (x, y)\n}\nparam n = 3 months\ngroup g = b = x\nprogram p {\n  require g\n}\n';
    const uri = 'file:///tokens/a.visit';
    server.open(uri, source, 1);
    const { data } = await server.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = source.split('\n');
    const decoded: [string, string][] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      ch = data[i] === 0 ? ch + data[i + 1]! : data[i + 1]!;
      decoded.push([lines[line]!.slice(ch, ch + data[i + 2]!), legend.tokenTypes[data[i + 3]!]!]);
    }
    expect(decoded).toEqual([
      ['C', 'struct'],
      ['b', 'property'],
      ['x', 'enumMember'],
      ['y', 'enumMember'],
      ['n', 'parameter'],
      ['months', 'unit'],
      ['g', 'class'],
      ['b', 'property'],
      ['x', 'enumMember'],
      ['p', 'namespace'],
      ['g', 'class'],
    ]);
  });
});
