// textDocument/codeAction over the real server (visit lsp --stdio --as-of 2026-11-23): the quick
// fix of a "did you mean" diagnostic, a unit mismatch's threshold, and pinning a test to --as-of.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, startServer, type PublishedDiagnostics, type Server } from './lsp-support';

beforeAll(() => buildCli(), 120_000);

let server: Server;
beforeAll(async () => {
  server = startServer(['--as-of', '2026-11-23']);
  const r = await server.initialize();
  expect(r.capabilities['codeActionProvider']).toEqual({ codeActionKinds: ['quickfix', 'refactor.rewrite'] });
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

const RECORD = 'record C {\n  weeks_unemployed: integer in weeks\n  literacy: integer 1..5\n}\n';

interface Action {
  title: string;
  kind: string;
  diagnostics?: { code: string }[];
  edit: { changes: Record<string, { range: PublishedDiagnostics['diagnostics'][number]['range']; newText: string }[]> };
}

// [uri tail, source, line of the cursor (0-based), only-kinds or undefined, expected [kind, title, newText][]]
const table: [string, string, number, string[] | undefined, [string, string, string][]][] = [
  ['did-you-mean', `${RECORD}group g = literacyy >= 3\n`, 4, undefined, [['quickfix', 'Change to literacy', 'literacy']]],
  ['unit-threshold', `${RECORD}group g = weeks_unemployed >= 6 months\n`, 4, undefined, [['quickfix', 'Change to 26 weeks', '26 weeks']]],
  ['as-of', `${RECORD}group g = literacy >= 3\ntest "t" {\n  given { weeks_unemployed: 1, literacy: 3 }\n  expect g\n}\n`, 6, undefined, [['refactor.rewrite', 'Pin this test to a date: as of 2026-11-23', '\n  as of 2026-11-23']]],
  ['only-quickfix', `${RECORD}group g = literacyy >= 3\ntest "t" {\n  given { weeks_unemployed: 1, literacy: 3 }\n  expect g\n}\n`, 4, ['quickfix'], [['quickfix', 'Change to literacy', 'literacy']]],
];

describe('codeAction requests → actions', () => {
  it.each(table)('%s', async (tail, source, line, only, expected) => {
    const uri = `file:///actions/${tail}.visit`;
    server.open(uri, source, 1);
    const published = await server.diagnosticsFor(uri, 1);
    const range = { start: { line, character: 0 }, end: { line, character: 40 } };
    const actions = await server.connection.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: published.diagnostics, ...(only ? { only } : {}) },
    });
    expect(actions.map((a) => [a.kind, a.title, a.edit.changes[uri]![0]!.newText])).toEqual(expected);
    for (const a of actions.filter((x) => x.kind === 'quickfix')) expect(a.diagnostics?.map((d) => d.code)).toHaveLength(1);
  });
});
