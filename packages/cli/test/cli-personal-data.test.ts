// Personal data: the CPR numbers of the input never reach stderr (errors, warnings, progress,
// summary), also on a terminal where the progress bar is drawn. Only the `id` column carries them.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, generateRecords, tempDir, visit, TRE } from './cli-support';

const tmp = tempDir('personal');
const records = join(tmp.dir, 'records.csv');
let cprs: string[] = [];

beforeAll(() => {
  buildCli();
  generateRecords('tre-hovedveje', 20_000, records, 20, 7);
  // An extra, unknown column (a warning) and a CPR number in a bad cell of a personal field.
  const lines = readFileSync(records, 'utf8').split('\r\n');
  lines[0] = `${lines[0]};note`;
  for (let i = 1; i < lines.length; i++) if (lines[i] !== '') lines[i] = `${lines[i]};x`;
  writeFileSync(records, lines.join('\r\n'));
  cprs = [...new Set(readFileSync(records, 'utf8').match(/\b\d{10}\b/g) ?? [])];
});
afterAll(() => tmp.remove());

/** The input's CPR numbers that occur anywhere in `text` (a large output: as whole 10-digit runs). */
function leaked(text: string): string[] {
  if (text.length < 5_000_000) return cprs.filter((c) => text.includes(c));
  const found = new Set(text.match(/\b\d{10}\b/g) ?? []);
  return cprs.filter((c) => found.has(c));
}

describe('no CPR number on stderr', () => {
  it('has CPR numbers to look for', () => {
    expect(cprs.length).toBeGreaterThan(15_000);
  });

  it.each([
    { name: 'NDJSON output', args: [] as string[] },
    { name: 'CSV output', args: ['--format', 'csv'] },
    { name: 'with explanations', args: ['--explain'] },
  ])('a full run with invalid rows and warnings ($name)', async ({ args }) => {
    const run = await visit(['screen', TRE, records, '--as-of', '2026-11-23', ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('warning'); // the unknown column
    expect(run.stderr).toContain('rows read');
    expect(leaked(run.stderr)).toEqual([]);
    expect(leaked(run.stdout).length).toBeGreaterThan(15_000); // the ids are there, on stdout
  });

  it('invalid personal values are described, not shown', async () => {
    const bad = tmp.write('bad-cpr.ndjson', `${JSON.stringify({ cpr: 1234567890, birth_date: '1970-01-01' })}\n`);
    const run = await visit(['screen', TRE, bad, '--as-of', '2026-11-23']);
    expect(run.stdout).not.toContain('1234567890');
    expect(run.stderr).not.toContain('1234567890');
  });

  it('`visit test` shows the personal key masked in explanations', async () => {
    const file = tmp.write('t.visit', `${readFileSync(TRE, 'utf8')}
test "forkert" {
  as of 2026-11-23
  given { cpr: "0101709876", birth_date: 1970-01-01, benefit: dagpenge, education: none,
          motivated: true, native_danish: true, cv_ready: true, hours_available: 37 }
  expect jobklub eligible
}
`);
    const run = await visit(['test', file]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain('0101709876');
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.runIf(hasScript)('on a terminal (script -qc): a progress bar, and still no CPR number', () => {
    const out = join(tmp.dir, 'tty.ndjson');
    const command = `${process.execPath} ${BIN} screen ${TRE} ${records} --as-of 2026-11-23 --out ${out}`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', COLUMNS: '100' },
    });
    // stdout and stderr share the terminal here; with --out, the terminal only shows stderr.
    expect(tty.stdout).toContain('rows/s');
    expect(tty.stdout).toContain('rows read');
    expect(leaked(tty.stdout)).toEqual([]);
    expect(tty.stdout).not.toMatch(/\x1b\[3\dm/); // NO_COLOR: no colour codes
    expect(leaked(readFileSync(out, 'utf8')).length).toBeGreaterThan(15_000);
  });
});
