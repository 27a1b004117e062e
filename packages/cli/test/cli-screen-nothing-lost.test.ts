// Nothing lost: a 100,000-row export with 5 % broken rows gives exactly 100,000 output rows, in
// input order, each with its row number, whether screened on one thread or several.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, generateRecords, ndjson, tempDir, visit, TRE } from './cli-support';

const ROWS = 100_000;
const tmp = tempDir('lost');
const records = join(tmp.dir, 'records.csv');
beforeAll(() => {
  buildCli();
  generateRecords('tre-hovedveje', ROWS, records, 20); // one broken row in every 20
});
afterAll(() => tmp.remove());

/** The CPR number that starts each physical data line, by data line (what an `id` must be). */
function inputIds(): string[] {
  const lines = readFileSync(records, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1);
  // Some exports quote a cell ("2907940123"); the CPR number itself never holds a quote.
  return lines.filter((l) => l !== '').map((l) => l.split(';')[0]!.replace(/^"|"$/g, ''));
}

describe('visit screen loses nothing', () => {
  let single = '';

  it.each([
    { threads: '0', name: 'one thread' },
    { threads: '2', name: 'two worker threads' },
  ])('$name: one row per input row, in order', async ({ threads }) => {
    const run = await visit(['screen', TRE, records, '--as-of', '2026-11-23'], { env: { VISIT_SCREEN_THREADS: threads } });
    expect(run.code).toBe(1);
    const rows = ndjson(run.stdout);
    expect(rows.length).toBe(ROWS);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    const invalid = rows.filter((r) => r.status === 'invalid').length;
    expect(invalid).toBeGreaterThanOrEqual(ROWS / 20);
    expect(run.stderr).toMatch(new RegExp(`rows read +${ROWS.toLocaleString('en-US')}\\n +valid +${(ROWS - invalid).toLocaleString('en-US')}\\n +invalid +${invalid.toLocaleString('en-US')}\\n`));
    // Every id that could be read is the CPR number of its own input line.
    const ids = inputIds();
    for (const r of rows) if (r.id !== null) expect(r.id).toBe(ids[(r.row as number) - 1]);
    if (single === '') single = run.stdout;
    else expect(run.stdout).toBe(single);
  });

  it('CSV output has the same rows', async () => {
    const run = await visit(['screen', TRE, records, '--as-of', '2026-11-23', '--format', 'csv']);
    const lines = run.stdout.split('\r\n').filter((l) => l !== '');
    expect(lines.length).toBe(ROWS + 1);
    expect(lines.slice(1).map((l) => Number(l.slice(0, l.indexOf(','))))).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
  });
});
