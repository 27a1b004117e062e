// scripts/visit.mjs (`pnpm visit …`): rebuilds a stale bundle, then runs it in the same process, so
// that stdout carries the command's output and nothing else, and the exit code is the command's.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT, tempDir, visit, TRE, TRE_CSV } from './cli-support';

const tmp = tempDir('script');
beforeAll(buildCli);
afterAll(() => tmp.remove());

function script(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'visit.mjs'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scripts/visit.mjs', () => {
  it.each([
    { name: 'check, clean', args: ['check', TRE] },
    { name: 'check, errors', args: ['check', 'FILE'] },
    { name: 'screen', args: ['screen', TRE, TRE_CSV, '--as-of', '2026-11-23'] },
    { name: 'an unknown command', args: ['nope'] },
  ])('$name: the same stdout and exit code as the bundle', async ({ args }) => {
    const bad = tmp.write('bad.visit', 'record R { a: integer }\ngroup g = b > 1\n');
    const concrete = args.map((a) => (a === 'FILE' ? bad : a));
    const direct = await visit(concrete);
    const viaScript = await script(concrete);
    expect(viaScript.stdout).toBe(direct.stdout);
    expect(viaScript.code).toBe(direct.code);
  });
});
