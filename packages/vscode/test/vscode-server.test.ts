// The bundled language server (dist/server.cjs) started the way the extension starts it: forked
// with the arguments vscode-languageclient gives a module with TransportKind.ipc (launch.ts), then
// spoken to over Node IPC with vscode-jsonrpc. initialize (the capabilities of @visit/lsp),
// diagnostics for an opened file, the reference date of inlay hints from the setting (`--as-of`
// and initializationOptions), shutdown and exit.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { capabilities, SERVER_NAME } from '@visit/lsp';
import { localIsoDate } from '../src/dates';
import { forkArguments, serverLaunch, type ServerLaunch } from '../src/launch';
import { SAMPLE } from '../../lsp/test/lsp-support';
import { PACKAGE } from './grammar-support';

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(PACKAGE, 'scripts', 'build.mjs')], { cwd: PACKAGE, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
}, 120_000);

interface Published {
  uri: string;
  version?: number;
  diagnostics: { code?: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

interface Running {
  child: ChildProcess;
  connection: MessageConnection;
  exited: Promise<number | null>;
  diagnostics(uri: string): Promise<Published>;
  initialize(initializationOptions: unknown): Promise<{ capabilities: unknown; serverInfo?: { name: string } }>;
  stop(): Promise<number | null>;
}

const running: Running[] = [];
afterAll(() => {
  for (const r of running) if (r.child.exitCode === null) r.child.kill();
});

function start(launch: ServerLaunch): Running {
  const child = fork(launch.module, forkArguments(launch, process.pid), { silent: true, execArgv: [] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published: Published[] = [];
  const waiters: { uri: string; resolve: (p: Published) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    for (const w of waiters.splice(0)) (w.uri === p.uri ? w.resolve(p) : waiters.push(w));
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const r: Running = {
    child,
    connection,
    exited,
    diagnostics: (uri) => {
      const seen = published.find((p) => p.uri === uri);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ uri, resolve }));
    },
    async initialize(initializationOptions) {
      const result = await connection.sendRequest<{ capabilities: unknown; serverInfo?: { name: string } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions,
      });
      await connection.sendNotification('initialized', {});
      return result;
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
  running.push(r);
  return r;
}

function open(r: Running, uri: string, text: string): void {
  void r.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'visit', version: 1, text } });
}

async function hints(r: Running, uri: string): Promise<{ label: string }[]> {
  return r.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
}

function thirtyYearsBefore(iso: string): string {
  return `${String(Number(iso.slice(0, 4)) - 30).padStart(4, '0')}${iso.slice(4)}`;
}

describe('the server as the extension starts it', () => {
  it('the launch: dist/server.cjs of the extension, forked over IPC, the setting on its command line', () => {
    expect(serverLaunch('/ext', '2026-11-23')).toEqual({
      module: join('/ext', 'dist', 'server.cjs'),
      args: ['--as-of', '2026-11-23'],
      transport: 'ipc',
      initializationOptions: { asOf: '2026-11-23' },
    });
    expect(serverLaunch('/ext', undefined)).toEqual({ module: join('/ext', 'dist', 'server.cjs'), args: [], transport: 'ipc', initializationOptions: {} });
  });

  it('answers initialize with the capabilities of @visit/lsp, publishes diagnostics for an opened file, and exits 0 after shutdown', async () => {
    const launch = serverLaunch(PACKAGE, '2026-11-23');
    const r = start(launch);
    const init = await r.initialize(launch.initializationOptions);
    expect(init.serverInfo?.name).toBe(SERVER_NAME);
    expect(init.capabilities).toEqual(capabilities());

    open(r, 'file:///ws/clean.visit', SAMPLE);
    expect((await r.diagnostics('file:///ws/clean.visit')).diagnostics).toEqual([]);

    const broken = SAMPLE.replace('literacy >= min_læs', 'literacyy >= min_læs');
    open(r, 'file:///ws/broken.visit', broken);
    const line = broken.split('\n').findIndex((l) => l.includes('literacyy'));
    const col = broken.split('\n')[line]!.indexOf('literacyy');
    const d = await r.diagnostics('file:///ws/broken.visit');
    expect(d.diagnostics.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character])).toEqual([
      ['unknown-name', line, col, col + 'literacyy'.length],
    ]);

    expect(await r.stop()).toBe(0);
  });

  // [setting (visit.asOf), initializationOptions sent, expected reference date]
  const dates: [string, string | undefined, unknown, () => string][] = [
    ['the setting, on the command line and in initializationOptions', '2026-11-23', { asOf: '2026-11-23' }, () => '2026-11-23'],
    ['the setting on the command line only', '2026-11-23', undefined, () => '2026-11-23'],
    ['initializationOptions over the command line', '2026-11-23', { asOf: '2020-03-15' }, () => '2020-03-15'],
    ['no setting: today', undefined, {}, () => localIsoDate(new Date())],
    ['not a date in initializationOptions: the command line', '2026-11-23', { asOf: '0101901234' }, () => '2026-11-23'],
  ];
  it.each(dates)('reference date of inlay hints: %s', async (_what, setting, initializationOptions, expected) => {
    const before = expected();
    const r = start(serverLaunch(PACKAGE, setting));
    await r.initialize(initializationOptions);
    open(r, 'file:///ws/hints.visit', SAMPLE);
    await r.diagnostics('file:///ws/hints.visit');
    const labels = (await hints(r, 'file:///ws/hints.visit')).map((h) => h.label);
    // "today" may turn at midnight during the test: either day is right.
    const after = expected();
    expect([before, after].map((d) => [`born after ${thirtyYearsBefore(d)}`])).toContainEqual(labels);
    expect(await r.stop()).toBe(0);
  });
});
