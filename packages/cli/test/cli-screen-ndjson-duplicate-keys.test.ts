// `visit screen` on NDJSON with a key repeated in one object: that line is an invalid row naming the
// key, never its value, with the row's id; the other lines are screened (LANGUAGE.md §10). The
// reader's own table and property: packages/batch/test/read-ndjson-duplicate-keys.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

describe('visit screen', () => {
  const tmp = tempDir('ndjson-dup');
  beforeAll(buildCli);
  afterAll(() => tmp.remove());
  const RULES = `record R {
  cpr:     text key personal
  benefit: one of (dagpenge, kontanthjaelp)
}
program p { require benefit = dagpenge }
`;

  it('the issue: a repeated key is an invalid row naming the key (never the value), with the id; the other rows are screened', async () => {
    const rules = tmp.write('r.visit', RULES);
    const lines = ['{"cpr":"0101701234","benefit":"dagpenge"}', '{"cpr":"0202801234","benefit":"kontanthjaelp","benefit":"dagpenge"}', '{"cpr":"0303901234","benefit":"dagpenge"}'];
    const run = await visit(['screen', rules, tmp.write('dup.ndjson', lines.join('\n') + '\n'), '--as-of', '2026-11-23']);
    expect(run.code).toBe(1);
    expect(ndjson(run.stdout)).toEqual([
      { row: 1, id: '0101701234', status: 'ok', groups: {}, programs: { p: 'eligible' } },
      { row: 2, id: '0202801234', status: 'invalid', errors: ['line 2: duplicate key "benefit"'] },
      { row: 3, id: '0303901234', status: 'ok', groups: {}, programs: { p: 'eligible' } },
    ]);
    expect(run.stderr).not.toMatch(/0202801234|kontanthjaelp/);
  });
});
