// §3 with §14: every output row carries its reference date as `asOf`, and a personal value is never
// printed, so a personal date field cannot be `--as-of-field` (exit 2, nothing written; the value
// of the field appears nowhere). A hostile test found the birth date printed in every row.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

describe('--as-of-field with a personal date field', () => {
  const tmp = tempDir('as-of-field-personal');
  beforeAll(() => {
    buildCli();
    tmp.write('r.visit', 'record C {\n  id: text key\n  født: date personal\n  visiteret: date\n}\ngroup g = age_of(født) >= 30 years\n');
    tmp.write('c.csv', 'id,født,visiteret\na,1971-04-17,2016-05-01\n');
  }, 120_000);
  afterAll(() => tmp.remove());

  it.each([[[]], [['--out', 'OUT']], [['--format', 'csv', '--explain']]])('exits 2 and prints no value, with %j', async (extra) => {
    const out = join(tmp.dir, 'out.ndjson');
    const args = extra.map((a) => (a === 'OUT' ? out : a));
    const r = await visit(['screen', join(tmp.dir, 'r.visit'), join(tmp.dir, 'c.csv'), '--as-of-field', 'født', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("--as-of-field 'født' is personal");
    expect(`${r.stdout}${r.stderr}`).not.toContain('1971');
  });

  it('takes the field that is not personal', async () => {
    const r = await visit(['screen', join(tmp.dir, 'r.visit'), join(tmp.dir, 'c.csv'), '--as-of-field', 'visiteret']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('{"row":1,"id":"a","asOf":"2016-05-01","status":"ok","groups":{"g":true},"programs":{}}\n');
  });
});
