// The issue: two stray quotes 20,000 lines apart in a `;` CSV made 20,002 records one row, exit 0,
// no warning — 20,001 citizens silently gone. LANGUAGE.md §7: a quoted cell that would hold more
// than 32,767 characters (Excel's limit) makes the line with the opening quote one invalid row, and
// reading resumes at the next line. The same output on one thread, on several (the segments are cut
// all through the stray cell), and from stdin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';
import { RULES } from '../../../tests/support/csv-model';

const tmp = tempDir('stray-quotes');
beforeAll(buildCli);
afterAll(() => tmp.remove());
const AS_OF = ['--as-of', '2026-11-23'];

function strayFile(): string {
  const lines = ['id;note;n;flag;bem'];
  for (let i = 1; i <= 20_002; i++) lines.push(`id${i};${i === 1 ? '"borger flyttet' : i === 20_001 ? 'se note"' : 'x'};5;ja;x`);
  return lines.join('\r\n') + '\r\n';
}

describe('two stray quotes 20,000 lines apart', () => {
  it('20,002 records → 20,002 rows: the first stray line invalid (with its id), every other citizen screened; exit 1', async () => {
    const rules = tmp.write('rules.visit', RULES);
    const text = strayFile();
    const file = tmp.write('stray.csv', text);
    const one = await visit(['screen', rules, file, ...AS_OF], { env: { VISIT_SCREEN_THREADS: '1' } });
    expect(one.code).toBe(1);
    const rows = ndjson(one.stdout);
    expect(rows).toHaveLength(20_002);
    expect(rows[0]).toEqual({
      row: 1,
      id: 'id1',
      status: 'invalid',
      errors: ["line 2: unbalanced quote starting in column 2: no closing quote within 32,767 characters (Excel's limit for a cell)"],
    });
    expect(rows.slice(1).every((r, i) => r.row === i + 2 && r.id === `id${i + 2}` && r.status === 'ok')).toBe(true);
    expect(one.stderr).toMatch(/rows read\s+20,002/);
    for (const segment of ['500', '40000']) {
      const many = await visit(['screen', rules, file, ...AS_OF], { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: segment } });
      expect({ segment, code: many.code, same: many.stdout === one.stdout }).toEqual({ segment, code: 1, same: true });
    }
    const stdin = await visit(['screen', rules, '-', ...AS_OF], { input: text });
    expect(stdin.stdout).toBe(one.stdout);
  }, 120_000);
});
