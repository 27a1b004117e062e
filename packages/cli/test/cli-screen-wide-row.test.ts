// A legitimate multi-line row of almost 1 MiB (38 quoted case-note cells of 26,880 characters,
// 1,021,569 characters in all) among 121,000 ordinary rows: with the default settings on the
// parallel path, `visit screen` once wrote 58,875 rows and then hung for ever. Every row must come
// out, exactly as one thread gives them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

const tmp = tempDir('wide-row');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const NOTES = 38;
const rules = `record Borger {
  cpr: text key personal
${Array.from({ length: NOTES }, (_, i) => `  note${i}: text optional`).join('\n')}
  beløb: number optional
}

group rig = beløb >= 1000
program p { require rig }
`;

function file(before: number, after: number): string {
  const normal = (i: number) => [String(101700000 + i).padStart(10, '0'), ...Array(NOTES).fill(''), String(i % 2000)].join(';');
  const note = `"${'Samtale med borger om jobsøgning og praktik, aftalt opfølgning.\n'.repeat(420).slice(0, 32000)}"`;
  const lines = [['cpr', ...Array.from({ length: NOTES }, (_, i) => `note${i}`), 'beløb'].join(';')];
  for (let i = 0; i < before; i++) lines.push(normal(i));
  lines.push(['0101709999', ...Array(NOTES).fill(note), '1500'].join(';'));
  for (let i = before; i < before + after; i++) lines.push(normal(i));
  return `${lines.join('\n')}\n`;
}

describe('a row of almost 1 MiB on the parallel path, default settings', () => {
  it.each([60_000, 61_000, 61_700])('%i rows before it: every row out, same as one thread', async (before) => {
    const records = tmp.write(`w${before}.csv`, file(before, 60_000));
    const args = ['screen', tmp.write('wide.visit', rules), records, '--as-of', '2026-11-23'];
    const [one, many] = await Promise.all([
      visit(args, { env: { VISIT_SCREEN_THREADS: '1' } }),
      visit(args, { env: { VISIT_SCREEN_THREADS: '2' } }),
    ]);
    expect(one.code).toBe(0);
    expect(many.code).toBe(0);
    const rows = ndjson(many.stdout);
    expect(rows).toHaveLength(before + 60_001);
    expect(rows[before]).toMatchObject({ row: before + 1, id: '0101709999', status: 'ok', groups: { rig: true } });
    expect(many.stdout).toBe(one.stdout);
  }, 90_000);
});
