// The server's life over stdio (real process): initialize announces the capabilities, shutdown
// then exit ends the process with status 0, exit without shutdown with 1 (LSP §exit).
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, startServer, type Server } from './lsp-support';

beforeAll(() => buildCli(), 120_000);

describe('visit lsp --stdio: lifecycle', () => {
  let server: Server;
  afterAll(() => {
    if (server.process.exitCode === null) server.process.kill('SIGKILL');
  });

  it('initialize announces each feature the service answers', async () => {
    server = startServer();
    const r = await server.initialize();
    expect(r.serverInfo?.name).toBe('visit-language-server');
    const c = r.capabilities;
    const table: [string, unknown][] = [
      ['textDocumentSync', { openClose: true, change: 1 }], // 1 = Full
      ['hoverProvider', true],
      ['definitionProvider', true],
      ['referencesProvider', true],
      ['documentSymbolProvider', true],
      ['documentFormattingProvider', true],
      ['documentRangeFormattingProvider', true],
      ['renameProvider', { prepareProvider: true }],
    ];
    for (const [key, expected] of table) expect([key, c[key]]).toEqual([key, expected]);
    expect(c['completionProvider']).toBeTypeOf('object');
  });

  it('shutdown then exit ends the process with status 0', async () => {
    expect(await server.stop()).toBe(0);
  });

  it('exit without shutdown ends it with status 1', async () => {
    const s = startServer();
    await s.initialize();
    await s.connection.sendNotification('exit');
    expect(await s.exited).toBe(1);
    s.connection.dispose();
  });

  it('visit lsp without --stdio says what it expects and exits 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'lsp'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--stdio');
    expect(r.stdout).toBe('');
  });

  it('visit lsp --stdio --as-of with a day that does not exist exits 2 before speaking', () => {
    const r = spawnSync(process.execPath, [BIN, 'lsp', '--stdio', '--as-of', '2026-02-30'], { encoding: 'utf8', input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--as-of expects a date YYYY-MM-DD');
    expect(r.stdout).toBe('');
  });
});
