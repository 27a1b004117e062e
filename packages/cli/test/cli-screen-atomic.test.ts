// `--out FILE` is written whole or not at all: a process killed with SIGKILL in the middle of a
// large run leaves the target as it was (absent, or the old file), never partial.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, generateRecords, tempDir, TRE } from './cli-support';

const tmp = tempDir('atomic');
const records = join(tmp.dir, 'large.csv');
beforeAll(() => {
  buildCli();
  generateRecords('tre-hovedveje', 400_000, records);
});
afterAll(() => tmp.remove());

/** Starts a screen run into `target`, waits until its temporary file holds data, then kills it. */
async function killMidRun(target: string): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'screen', TRE, records, '--as-of', '2026-11-23', '--out', target], {
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const name = target.slice(tmp.dir.length + 1);
  for (let i = 0; i < 2000; i++) {
    const partial = readdirSync(tmp.dir).find((f) => f.startsWith(`.${name}.`) && f.endsWith('.tmp'));
    if (partial && statSync(join(tmp.dir, partial)).size > 1_000_000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('visit screen --out under SIGKILL', () => {
  it('a new target does not exist afterwards', async () => {
    const target = join(tmp.dir, 'new.ndjson');
    await killMidRun(target);
    expect(existsSync(target)).toBe(false);
  });

  it('an existing target keeps its old content', async () => {
    const target = join(tmp.dir, 'old.ndjson');
    const old = '{"row":1,"id":null,"status":"invalid","errors":["the previous run"]}\n';
    writeFileSync(target, old);
    await killMidRun(target);
    expect(readFileSync(target, 'utf8')).toBe(old);
  });

  it('SIGTERM (or Ctrl-C): exit 143 (130), the old target kept, no temporary file left', async () => {
    const target = join(tmp.dir, 'term.ndjson');
    writeFileSync(target, 'old\n');
    const child = spawn(process.execPath, [BIN, 'screen', TRE, records, '--as-of', '2026-11-23', '--out', target], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    for (let i = 0; i < 2000 && !readdirSync(tmp.dir).some((f) => f.startsWith('.term.ndjson.')); i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toContain(`${target} was not written: interrupted (SIGTERM)`);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('.term.ndjson.'))).toEqual([]);
  });

  it('a run that is not killed replaces the target whole', async () => {
    const target = join(tmp.dir, 'whole.ndjson');
    writeFileSync(target, 'old\n');
    const code = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, [BIN, 'screen', TRE, records, '--as-of', '2026-11-23', '--out', target], { stdio: 'ignore' }).on('exit', resolve),
    );
    expect(code).toBe(1); // the generated file has broken rows
    const lines = readFileSync(target, 'utf8').split('\n');
    expect(lines.length).toBe(400_001); // 400,000 rows and the final newline
    expect(lines[399_999]).toMatch(/^\{"row":400000,/);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('.whole.ndjson.'))).toEqual([]);
  });
});
