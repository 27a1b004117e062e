// Shared by the lsp-*.test.ts files: the REAL server process (`node packages/cli/dist/visit.js
// lsp --stdio`, the bundle built by scripts/build.mjs) and a vscode-jsonrpc client connection to
// it over its stdio. Nothing here stands in for a component of ours.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');

/** Builds packages/cli/dist with scripts/build.mjs (idempotent; safe from parallel test files). */
export function buildCli(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: Range; code?: string | number; severity?: number; message: string; data?: unknown }[];
}
export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface Server {
  process: ChildProcessWithoutNullStreams;
  connection: MessageConnection;
  /** Every publishDiagnostics notification so far, in order of arrival. */
  published: PublishedDiagnostics[];
  /** Resolves with the first notification for `uri` (and `version`, if given) after the call or already received. */
  diagnosticsFor(uri: string, version?: number, timeoutMs?: number): Promise<PublishedDiagnostics>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stderr(): string;
  /** initialize + initialized; returns the initialize result. */
  initialize(): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  /** shutdown, then exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `visit lsp --stdio ARGS…` as its own process. */
export function startServer(args: readonly string[] = []): Server {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const err: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishedDiagnostics[] = [];
  const waiters: { match: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
    published.push(p);
    for (const w of waiters.splice(0)) {
      if (w.match(p)) w.resolve(p);
      else waiters.push(w);
    }
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const server: Server = {
    process: child,
    connection,
    published,
    exited,
    stderr: () => Buffer.concat(err).toString('utf8'),
    diagnosticsFor(uri, version, timeoutMs = 5000) {
      const match = (p: PublishedDiagnostics) => p.uri === uri && (version === undefined || p.version === version);
      const seen = published.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} in ${timeoutMs} ms; got ${JSON.stringify(published)}`)), timeoutMs);
        waiters.push({ match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async initialize() {
      const r = await connection.sendRequest<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      await connection.sendNotification('initialized', {});
      return r;
    },
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'visit', version, text } });
    },
    change(uri, text, version) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
  return server;
}

/** A small rule file of the language (LANGUAGE.md), as the formatter lays it out: a record, a let, a param, a group, a program. */
export const SAMPLE = [
  'record Citizen {',
  '  birth_date: date',
  '  education:  one of (none, vocational, bachelor)',
  '  literacy:   integer 1..5 optional',
  '}',
  '',
  'let age = age_of(birth_date)',
  '',
  'param min_læs = 3 "Mindste læseniveau"',
  '',
  'group unge "Unge" =',
  '  age < 30 years and education != none',
  '',
  'program jobklub "Jobklub" {',
  '  require unge                 "I målgruppen"',
  '  require literacy >= min_læs  "Kan læse"',
  '}',
  '',
].join('\n');
