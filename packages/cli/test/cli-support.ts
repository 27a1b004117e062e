// Shared by the cli-*.test.ts files: build the real bundle once, run it as a real process, and
// make temporary files. Nothing here stands in for a component of ours.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');
export const EXAMPLES = join(ROOT, 'examples');
export const TRE = join(EXAMPLES, 'tre-hovedveje', 'tre-hovedveje.visit');
export const TRE_CSV = join(EXAMPLES, 'tre-hovedveje', 'citizens.csv');
export const ROLLE = join(EXAMPLES, 'rollemodeller', 'rollemodeller.visit');

/** Builds packages/cli/dist with scripts/build.mjs (idempotent; safe from parallel test files). */
export function buildCli(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  cwd?: string;
  /** Kills the process (SIGKILL) when it has not ended by then: a hang shows as `signal: 'SIGKILL'`. */
  timeoutMs?: number;
}

/** Runs `node dist/visit.js ARGS…` as its own process; never a TTY, colour off unless asked. */
export function visit(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code, signal) =>
      clearTimeout(timer) ?? resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => undefined); // the command may finish before reading all of stdin
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary directory with `write(name, content)`; `remove()` it in afterAll. */
export function tempDir(prefix: string): { dir: string; write(name: string, content: string | Buffer): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `visit-${prefix}-`));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Generates example records with examples/generate.mjs (a real file, like a case system export). */
export function generateRecords(example: 'tre-hovedveje' | 'rollemodeller', rows: number, out: string, brokenEvery = 20, seed = 1): void {
  const result = spawnSync(
    process.execPath,
    [join(EXAMPLES, 'generate.mjs'), '--example', example, '--rows', String(rows), '--out', out, '--broken-every', String(brokenEvery), '--seed', String(seed)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`generate failed:\n${result.stderr}`);
}

/** stderr without the summary heading's duration (` in 6 ms`, ` in 1.2 s`), to compare two runs. */
export function untimed(text: string): string {
  return text.replace(/ in \d+(\.\d)? m?s$/m, '');
}

/** The NDJSON output as objects. */
export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
