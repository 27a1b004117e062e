// examples/historik (issue 12): the rule file over histories, law changes and waiting time checks
// clean and its test blocks pass; the committed candidate files are what the generator writes;
// the same citizens screened from NDJSON (lists as arrays) and from CSV + long-form list CSVs
// (`--list`) give byte-identical output, on one thread and on several, for the committed files
// and for generated ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, EXAMPLES, tempDir, visit } from './cli-support';

const DIR = join(EXAMPLES, 'historik');
const RULES = join(DIR, 'historik.visit');
const AS_OF = '2026-11-23';

function generate(out: string, rows: number, seed: number, audit = false): void {
  const args = [join(DIR, 'generate.mjs'), '--rows', String(rows), '--seed', String(seed), '--out', out, ...(audit ? ['--audit'] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

function lists(dir: string): string[] {
  return ['--list', `forløb=${join(dir, 'forloeb.csv')}`, '--list', `samtaler=${join(dir, 'samtaler.csv')}`];
}

describe('examples/historik', () => {
  const tmp = tempDir('historik');
  beforeAll(() => buildCli(), 120_000);
  afterAll(() => tmp.remove());

  it('checks without errors or warnings', async () => {
    const r = await visit(['check', RULES]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/0 errors, 0 warnings in 1 file/);
    expect(r.code).toBe(0);
  });

  it('passes every one of its test blocks', async () => {
    const r = await visit(['test', RULES]);
    const last = r.stdout.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(last.split(' ')[0])).toBeGreaterThanOrEqual(25);
    expect(r.code).toBe(0);
  });

  it('has committed candidate files that the generator writes byte for byte', () => {
    generate(tmp.dir, 200, 2016, true);
    for (const name of ['citizens.ndjson', 'citizens.csv', 'forloeb.csv', 'samtaler.csv', 'admissions.ndjson']) {
      expect(readFileSync(join(tmp.dir, name)).equals(readFileSync(join(DIR, name))), name).toBe(true);
    }
  });

  it.each([
    ['the committed files', DIR],
    ['generated, 4,000 citizens, seed 7', 'seed7'],
    ['generated, 4,000 citizens, seed 99', 'seed99'],
  ])('screens %s alike from NDJSON and from CSV + list files, on 1 thread and on 3', async (_title, where) => {
    let dir = where;
    if (where.startsWith('seed')) {
      dir = join(tmp.dir, where);
      spawnSync('mkdir', ['-p', dir]);
      generate(dir, 4000, Number(where.slice(4)));
    }
    const rows = readFileSync(join(dir, 'citizens.ndjson'), 'utf8').trim().split('\n').length;
    const outputs: string[] = [];
    for (const threads of ['1', '3']) {
      const env = { VISIT_SCREEN_THREADS: threads };
      const fromJson = await visit(['screen', RULES, join(dir, 'citizens.ndjson'), '--as-of', AS_OF], { env });
      const fromCsv = await visit(['screen', RULES, join(dir, 'citizens.csv'), ...lists(dir), '--as-of', AS_OF], { env });
      expect(fromJson.code, fromJson.stderr).toBe(0);
      expect(fromCsv.code, fromCsv.stderr).toBe(0);
      expect(fromCsv.stdout).toBe(fromJson.stdout);
      outputs.push(fromJson.stdout);
      const lines = fromJson.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; status: string });
      expect(lines.map((l) => l.row)).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
      expect(lines.every((l) => l.status === 'ok')).toBe(true);
    }
    expect(outputs[1]).toBe(outputs[0]);
  }, 120_000);

  it('leaves the 2015–2016 job club out of a screening as of today and names it in the summary', async () => {
    const r = await visit(['screen', RULES, join(DIR, 'citizens.ndjson'), '--as-of', AS_OF]);
    expect(r.stderr).toContain('not in force on 2026-11-23: jobklub, 2015-11-01 – 2016-12-31');
    const first = JSON.parse(r.stdout.split('\n')[0]!) as { programs: Record<string, string> };
    expect(Object.keys(first.programs)).toEqual(['virksomhedspraktik', 'mentor', 'ungeindsats']);
  });

  it('audits the past admissions, each as of its own admission date, and finds those admitted while ineligible', async () => {
    const input = readFileSync(join(DIR, 'admissions.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { visiteret: string });
    const r = await visit(['screen', RULES, join(DIR, 'admissions.ndjson'), '--as-of-field', 'visiteret', '--explain']);
    expect(r.code, r.stderr).toBe(0);
    type Row = { row: number; asOf: string; programs: Record<string, string>; explain: { programs: Record<string, { lines: { value: boolean | null }[] }> } };
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
    expect(rows.map((x) => x.asOf)).toEqual(input.map((x) => x.visiteret));
    // The job club was in force on every admission day (2015-11-01 – 2016-12-31).
    expect(rows.every((x) => ['eligible', 'ineligible', 'undetermined'].includes(x.programs.jobklub!))).toBe(true);
    const admittedWhileIneligible = rows.filter((x) => x.programs.jobklub === 'ineligible');
    expect(admittedWhileIneligible.length).toBeGreaterThan(0);
    for (const x of admittedWhileIneligible) expect(x.explain.programs.jobklub!.lines.some((l) => l.value === false)).toBe(true);
  });
});
