// textDocument/inlayHint over the real server (visit lsp --stdio --as-of 2026-11-23): a calendar
// criterion is read on the reference date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, SAMPLE, startServer, type Server } from './lsp-support';

beforeAll(() => buildCli(), 120_000);

let server: Server;
beforeAll(async () => {
  server = startServer(['--as-of', '2026-11-23']);
  const r = await server.initialize();
  expect(r.capabilities['inlayHintProvider']).toBe(true);
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe('inlayHint', () => {
  it('after `age < 30 years`: born after 1996-11-23', async () => {
    const uri = 'file:///hints/sample.visit';
    server.open(uri, SAMPLE, 1);
    const hints = await server.connection.sendRequest<{ position: { line: number; character: number }; label: string }[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });
    const line = SAMPLE.split('\n').findIndex((l) => l.includes('age < 30 years'));
    expect(hints).toEqual([{ position: { line, character: '  age < 30 years'.length }, label: 'born after 1996-11-23', paddingLeft: true }]);
  });
});
