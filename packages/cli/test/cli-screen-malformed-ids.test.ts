// LANGUAGE.md §10: `id` is the key's value also on an invalid row, where it could be read. A user's
// file had `id: null` on all 4,515 malformed rows although every key cell was readable. The key
// "could be read" when its cell is certainly in its column: on a row of the right width always;
// with a faulty quote (never closed, over 32,767 characters, no well-formed row where it closes,
// text after the closing quote) or an invalid byte, when the key comes before the faulty cell; with
// too many or too few cells, only when the key is the first column (the extra or missing delimiter
// may sit anywhere and shifts every cell after it; nothing moves the first cell); and the value
// must fit the key's type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, generateRecords, ndjson, tempDir, visit, TRE } from './cli-support';

const tmp = tempDir('malformed-ids');
beforeAll(buildCli);
afterAll(() => tmp.remove());
const AS_OF = ['--as-of', '2026-11-23'];

describe('a generated export with broken rows (the issue: every malformed row had id null)', () => {
  it('every row, malformed or not, carries its CPR number as id; on one thread and three alike', async () => {
    const file = `${tmp.dir}/broken.csv`;
    generateRecords('tre-hovedveje', 3000, file, 4);
    const one = await visit(['screen', TRE, file, ...AS_OF], { env: { VISIT_SCREEN_THREADS: '1' } });
    const many = await visit(['screen', TRE, file, ...AS_OF], { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: '2000' } });
    expect(many.stdout).toBe(one.stdout);
    const rows = ndjson(one.stdout);
    expect(rows).toHaveLength(3000);
    const malformed = rows.filter((r) => r.status === 'invalid' && (r.errors as string[])[0]!.startsWith('line '));
    expect(malformed.length).toBeGreaterThan(200);
    // The generator writes the CPR number first, and breaks only later cells (or empties it).
    const noId = rows.filter((r) => typeof r.id !== 'string' || !/^\d{10}$/.test(r.id));
    expect(noId.filter((r) => !(r.errors as string[]).includes('cpr: missing (required)'))).toEqual([]);
    expect(malformed.every((r) => typeof r.id === 'string' && /^\d{10}$/.test(r.id))).toBe(true);
  });
});

describe('when the key can be read, case by case', () => {
  const rules = (keyFirst: boolean) => `record R {
  ${keyFirst ? 'cpr: text key personal\n  a: text optional' : 'a: text optional\n  cpr: text key personal'}
  b: text optional
}
`;
  it.each([
    { name: 'too many cells, key first', keyFirst: true, row: '0101;x;y;z', id: '0101' },
    { name: 'too few cells, key first', keyFirst: true, row: '0101;x', id: '0101' },
    { name: 'too many cells, key second: null (the cell may have shifted)', keyFirst: false, row: 'x;0101;y;z', id: null },
    { name: 'too few cells, key second: null', keyFirst: false, row: 'x;0101', id: null },
    { name: 'unbalanced quote after the key', keyFirst: false, row: 'x;0101;"y', id: '0101' },
    { name: 'unbalanced quote before the key', keyFirst: false, row: '"x;0101;y', id: null },
    { name: 'unbalanced quote in the key cell', keyFirst: true, row: '"0101;x;y', id: null },
    { name: 'text after a closing quote, after the key', keyFirst: false, row: 'x;0101;"y"z', id: '0101' },
    { name: 'text after a closing quote in the key cell', keyFirst: true, row: '"0101"z;x;y', id: null },
    { name: 'an empty key cell', keyFirst: true, row: ';x;y;z', id: null },
  ])('$name → $id', async ({ keyFirst, row, id }) => {
    const header = keyFirst ? 'cpr;a;b' : 'a;cpr;b';
    const run = await visit(['screen', tmp.write('r.visit', rules(keyFirst)), tmp.write('one.csv', `${header}\n${row}\n`), ...AS_OF]);
    expect(run.code).toBe(1);
    expect(ndjson(run.stdout)).toEqual([{ row: 1, id, status: 'invalid', errors: [expect.stringMatching(/^line 2: /)] }]);
  });

  it('the key must fit its type: an integer key that is not a number gives no id', async () => {
    const source = 'record R {\n  nr: integer key\n  a: text optional\n}\n';
    const run = await visit(['screen', tmp.write('int.visit', source), tmp.write('int.csv', 'nr;a\n12;x;y\nab;x;y\n'), ...AS_OF]);
    expect(ndjson(run.stdout).map((r) => r.id)).toEqual(['12', null]);
  });

  it('CSV output carries the id too', async () => {
    const run = await visit(['screen', tmp.write('r2.visit', rules(true)), tmp.write('c.csv', 'cpr;a;b\n0101;x;"y\n'), ...AS_OF, '--format', 'csv']);
    expect(run.stdout.split('\r\n')[1]).toMatch(/^1,0101,invalid,/);
  });
});
