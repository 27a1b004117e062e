// stdout that cannot be written, for every command: a closed pipe (the reader went away, as with
// `visit test | head -1`) ends quietly with 141, what the shell reports for `cat` or `seq` in the
// same place (128 + SIGPIPE); a write error (ENOSPC on /dev/full) is exit 2 with one line on
// stderr. Never a stack trace, never a misleading 1 ("some rows invalid", "a test failed").
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, generateRecords, tempDir, TRE, TRE_CSV, type Run } from './cli-support';

const tmp = tempDir('pipes');
const AS_OF = ['--as-of', '2026-11-23'];
let withWarnings = '';
const large = join(tmp.dir, 'large.csv');

beforeAll(() => {
  buildCli();
  // `visit check` prints its diagnostics on stdout: give it some.
  withWarnings = tmp.write('warnings.visit', 'record C {\n  cpr: text key personal\n  age: integer\n}\nparam unused = 3\ngroup g = agee > 1\n');
  generateRecords('tre-hovedveje', 20_000, large);
});
afterAll(() => tmp.remove());

const commands: { name: string; args: () => string[] }[] = [
  { name: 'check', args: () => ['check', withWarnings] },
  { name: 'test', args: () => ['test', TRE] },
  { name: 'screen (NDJSON)', args: () => ['screen', TRE, TRE_CSV, ...AS_OF] },
  { name: 'screen (CSV, explain)', args: () => ['screen', TRE, TRE_CSV, ...AS_OF, '--format', 'csv', '--explain'] },
  { name: 'screen (worker threads)', args: () => ['screen', TRE, large, ...AS_OF] },
  { name: 'compile', args: () => ['compile', TRE, ...AS_OF] },
  { name: 'schema', args: () => ['schema', TRE] },
  { name: '--help', args: () => ['--help'] },
  { name: 'screen --help', args: () => ['screen', '--help'] },
  { name: '--version', args: () => ['--version'] },
];

type Stdout = 'closed pipe' | '/dev/full' | { closeAfterBytes: number };

/** Runs the CLI with stdout as asked; collects stderr. */
function run(args: readonly string[], stdout: Stdout, env: Record<string, string> = {}): Promise<Run & { received: number }> {
  return new Promise((resolve, reject) => {
    const full = stdout === '/dev/full' ? openSync('/dev/full', 'w') : undefined;
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', full ?? 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    if (full !== undefined) closeSync(full);
    let received = 0;
    if (stdout === 'closed pipe') {
      // Closed before the command has started (it takes tens of milliseconds): its first write fails.
      child.stdout!.destroy();
    } else if (typeof stdout === 'object') {
      child.stdout!.on('data', (b: Buffer) => {
        received += b.length;
        if (received >= stdout.closeAfterBytes) child.stdout!.destroy();
      });
    }
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr, received }));
  });
}

const STACK = /\n\s+at |node:internal|Unhandled|EPIPE|triggerUncaughtException/;

describe('every command × stdout that cannot be written', () => {
  it.each(commands)('$name, a closed pipe: exit 141, nothing on stderr but its usual lines', async ({ args }) => {
    const result = await run(args(), 'closed pipe');
    expect(result.signal).toBe(null);
    expect(result.code).toBe(141);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stderr).not.toMatch(/cannot write|error:.*stdout|internal error/);
    // No summary or closing count after the output was cut off.
    expect(result.stderr).not.toMatch(/rows read|errors?, \d+ warnings? in/);
  });

  it.each(commands)('$name, /dev/full: exit 2 and one line naming the reason', async ({ args }) => {
    const result = await run(args(), '/dev/full');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK);
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    expect(lines.filter((l) => /cannot|stopped|error/.test(l))).toEqual(['visit: cannot write to stdout: no space left on device (ENOSPC)']);
    expect(lines[lines.length - 1]).toBe('visit: cannot write to stdout: no space left on device (ENOSPC)');
  });
});

describe('the reader goes away in the middle of the output', () => {
  it.each<{ name: string; args: () => string[]; env: Record<string, string> }>([
    { name: 'screen, one thread', args: () => ['screen', TRE, large, ...AS_OF], env: { VISIT_SCREEN_THREADS: '1' } },
    { name: 'screen, worker threads', args: () => ['screen', TRE, large, ...AS_OF], env: {} },
    { name: 'screen --format csv', args: () => ['screen', TRE, large, ...AS_OF, '--format', 'csv'], env: {} },
  ])('$name: exit 141 quietly, whatever the row counts were', async ({ args, env }) => {
    const result = await run(args(), { closeAfterBytes: 1_000 }, env);
    expect(result.received).toBeGreaterThanOrEqual(1_000);
    expect(result.code).toBe(141);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stderr).not.toMatch(/stopped|cannot|rows read/);
  });

  it('a real shell pipeline: visit screen … | head -c N, with PIPESTATUS', async () => {
    const script = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} screen ${JSON.stringify(TRE)} ${JSON.stringify(large)} --as-of 2026-11-23 2>"$1" | head -c 1000 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const errFile = join(tmp.dir, 'head.err');
    const result = await new Promise<string>((resolve) => {
      const child = spawn('bash', ['-c', script, 'bash', errFile], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b));
      child.on('close', () => resolve(out.trim()));
    });
    expect(result).toBe('141');
    expect(readFileSync(errFile, 'utf8')).not.toMatch(STACK);
  });

  it('property: wherever the reader stops, the exit is 141 and stderr has no trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (bytes) => {
        const result = await run(['screen', TRE, large, ...AS_OF, '--format', 'csv'], { closeAfterBytes: bytes });
        expect(result.code).toBe(141);
        expect(result.stderr).not.toMatch(STACK);
      }),
      { numRuns: 5 },
    );
  });
});
