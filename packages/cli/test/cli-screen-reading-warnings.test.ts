// Reading that cannot be wrong silently (issue 9, the last findings):
// - CSV: §7 reads a quoted cell over several lines as one row when it makes a well-formed row, and
//   two stray quotes a few lines apart can do just that, merging citizens into one row. Every such
//   row is legal, so it is not refused, but `visit screen` warns once per file: how many rows held a
//   quoted cell over several lines, and the first one by row and line numbers (never its cells: they
//   may hold CPR numbers). The same warning on one thread and on the parallel path, whatever the
//   segment size, since the workers count them too.
// - NDJSON: keys that are not fields of the record are ignored with one warning naming them, as CSV
//   does for unknown columns (at most 10 named).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('reading-warnings');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = `record R {
  id:   text key personal
  note: text optional
  n:    integer optional
}
group big = n > 3
`;
const AS_OF = ['--as-of', '2026-11-23'];
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('visit: warning: '));

/** `;` CSV: row k is `0101<k>;note;5` on its own line, except where `merged` puts stray quotes. */
function csv(rows: number, stray: [number, number][] = []): string {
  const lines = ['id;note;n'];
  for (let k = 1; k <= rows; k++) {
    const open = stray.some(([a]) => a === k);
    const close = stray.some(([, b]) => b === k);
    lines.push(`01017${String(k).padStart(5, '0')};${open ? '"' : ''}note ${k}${close ? '"' : ''};5`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('CSV: rows read over several lines are warned about', () => {
  it.each([
    { name: 'two stray quotes on consecutive lines', content: csv(10, [[3, 4]]), warning: '1 row holds a quoted cell over several lines (row 3, lines 4–5)' },
    { name: 'two stray quotes three lines apart', content: csv(10, [[2, 5]]), warning: '1 row holds a quoted cell over several lines (row 2, lines 3–6)' },
    {
      name: 'two such pairs: counted, the first named',
      content: csv(30, [[7, 8], [20, 22]]),
      warning: '2 rows hold a quoted cell over several lines (the first: row 7, lines 8–9)',
    },
    {
      name: 'a genuine multi-line cell (Excel Alt+Enter) warns the same way: the reader cannot tell them apart',
      content: 'id;note;n\n1;"linje 1\nlinje 2";5\n2;x;5\n',
      warning: '1 row holds a quoted cell over several lines (row 1, lines 2–3)',
    },
  ])('$name', async ({ content, warning }) => {
    const records = tmp.write(`w-${Math.random().toString(36).slice(2)}.csv`, content);
    const one = await visit(['screen', tmp.write('r.visit', RULES), records, ...AS_OF], { env: { VISIT_SCREEN_THREADS: '1' } });
    expect(one.code).toBe(0);
    const expected = `visit: warning: ${records}: ${warning}: if that was not meant, a stray quote has merged lines into one row`;
    expect(warnings(one.stderr)).toEqual([expected]);
    // Row and line numbers only: no cell reaches the warning.
    expect(warnings(one.stderr).join('\n')).not.toMatch(/note|0101/);
    for (const segment of ['24', '97', '400', '4096']) {
      const many = await visit(['screen', tmp.write('r.visit', RULES), records, ...AS_OF], {
        env: { VISIT_SCREEN_THREADS: '2', VISIT_SCREEN_SEGMENT_BYTES: segment },
      });
      expect({ segment, warnings: warnings(many.stderr), stdout: many.stdout }).toEqual({ segment, warnings: [expected], stdout: one.stdout });
    }
  });

  it('a file in which every quote closes on its line: no such warning', async () => {
    const records = tmp.write('plain.csv', 'id;note;n\n1;"a;b";5\n2;"say ""hi""";5\n3;x;5\n');
    for (const threads of ['1', '2']) {
      const run = await visit(['screen', tmp.write('r.visit', RULES), records, ...AS_OF], { env: { VISIT_SCREEN_THREADS: threads, VISIT_SCREEN_SEGMENT_BYTES: '24' } });
      expect(run.code).toBe(0);
      expect(warnings(run.stderr)).toEqual([]);
    }
  });

  it('a large file with pairs everywhere: the count and the first are the same on both paths', async () => {
    const pairs: [number, number][] = [];
    for (let k = 500; k < 20_000; k += 997) pairs.push([k, k + 1 + (k % 3)]);
    const records = tmp.write('large.csv', csv(20_000, pairs));
    const args = ['screen', tmp.write('r.visit', RULES), records, ...AS_OF];
    const one = await visit(args, { env: { VISIT_SCREEN_THREADS: '1' } });
    const many = await visit(args, { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: '16384' } });
    expect(warnings(one.stderr)).toEqual([
      `visit: warning: ${records}: ${pairs.length} rows hold a quoted cell over several lines (the first: row 500, lines 501–504): if that was not meant, a stray quote has merged lines into one row`,
    ]);
    expect(warnings(many.stderr)).toEqual(warnings(one.stderr));
    expect(many.stdout).toBe(one.stdout);
  });
});

describe('NDJSON: keys that are not fields are warned about, as CSV columns are', () => {
  it.each([
    { name: 'one unknown key', lines: ['{"id":"1","n":5,"bemærkning":"x"}'], warning: 'ignoring a key not in the record declaration: "bemærkning"' },
    {
      name: 'keys over several rows, each named once, in order of appearance',
      lines: ['{"id":"1","a":1}', '{"id":"2","b":2,"a":3}', '{"id":"3","n":5}', '{"id":"4","c":null}'],
      warning: 'ignoring 3 keys not in the record declaration: "a", "b", "c"',
    },
    {
      name: 'at most 10 named',
      lines: [`{"id":"1",${Array.from({ length: 14 }, (_, i) => `"k${i}":1`).join(',')}}`],
      warning: 'ignoring 14 keys not in the record declaration: "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9" and 4 more',
    },
    {
      name: 'a key that looks like a CPR number is not shown',
      lines: ['{"id":"1","0101701234":true}'],
      warning: 'ignoring a key not in the record declaration: (a name that looks like a CPR number, withheld)',
    },
  ])('$name', async ({ lines, warning }) => {
    const records = tmp.write(`k-${Math.random().toString(36).slice(2)}.ndjson`, `${lines.join('\n')}\n`);
    const run = await visit(['screen', tmp.write('r.visit', RULES), records, ...AS_OF]);
    expect(run.code).toBe(0);
    expect(warnings(run.stderr)).toEqual([`visit: warning: ${records}: ${warning}`]);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(lines.length);
  });

  it('only declared keys: no warning', async () => {
    const records = tmp.write('known.ndjson', '{"id":"1","n":5,"note":"x"}\n{"id":"2"}\n');
    const run = await visit(['screen', tmp.write('r.visit', RULES), records, ...AS_OF]);
    expect(warnings(run.stderr)).toEqual([]);
  });
});
