// LANGUAGE.md §14 through `visit screen --as-of-field`: each row equals the same row screened
// with `--as-of` its own date (a differential property over generated files, NDJSON and CSV), with
// `asOf` after `id`; a row without its date is invalid; the field must be a date field (exit 2);
// stdin, --out and --explain give the same rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

const record = `record C {
  id: text key
  visiteret: date optional
  ledig_siden: date optional
  antal_uger: integer in weeks optional
}
`;
const rules =
  record +
  `param max_praktik = 8 weeks
param max_praktik = 4 weeks from 2017-01-01
let ledighed = time_since(ledig_siden)
group kort = antal_uger <= max_praktik
program hovedvej3 "Virksomhedspraktik" from 2015-11-01 until 2016-12-31 { require kort }
program jobklub { require ledighed >= 6 months }
`;

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  buildCli();
  tmp = tempDir('visit-as-of-field-');
  tmp.write('rules.visit', rules);
});
afterAll(() => tmp.remove());

/** Each row of `csv` screened with --as-of its own visiteret, as the --as-of-field row would be. */
async function perDate(rulesPath: string, csv: string): Promise<Record<string, unknown>[]> {
  const lines = csv.trimEnd().split('\n');
  const out: Record<string, unknown>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const date = lines[i]!.split(',')[1]!;
    const one = tmp.write(`row-${i}.csv`, `${lines[0]}\n${lines[i]}\n`);
    const r = await visit(['screen', rulesPath, one, '--as-of', date]);
    const [row] = ndjson(r.stdout) as Record<string, unknown>[];
    const all = ['hovedvej3', 'jobklub'];
    const programs = row!.programs as Record<string, unknown>;
    out.push({
      row: i,
      id: row!.id,
      asOf: date,
      status: row!.status,
      groups: row!.groups,
      programs: Object.fromEntries(all.map((p) => [p, p in programs ? programs[p] : null])),
    });
  }
  return out;
}

describe('visit screen --as-of-field', () => {
  const csv = 'id,visiteret,ledig_siden,antal_uger\na,2016-12-31,2016-01-01,6\nb,2017-01-01,2016-01-01,6\nc,2015-06-01,2015-05-01,2\n';
  it('equals screening each row with --as-of its own date', async () => {
    const file = tmp.write('c.csv', csv);
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), file, '--as-of-field', 'visiteret']);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toEqual(await perDate(join(tmp.dir, 'rules.visit'), csv));
    expect(r.stdout.split('\n')[0]).toMatch(/^\{"row":1,"id":"a","asOf":"2016-12-31","status":"ok",/);
    expect(r.stderr).toMatch(/\n  hovedvej3 +1 +0 +0 +2\n/);
  });

  it('CSV has an asOf column after id; a programme not in force is an empty cell', async () => {
    const file = tmp.write('c.csv', csv);
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), file, '--as-of-field', 'visiteret', '--format', 'csv']);
    expect(r.stdout.split('\r\n').slice(0, 3)).toEqual([
      'row,id,asOf,status,kort,hovedvej3,jobklub,errors',
      '1,a,2016-12-31,ok,true,eligible,eligible,',
      '2,b,2017-01-01,ok,false,,eligible,',
    ]);
  });

  it('a row without its date is invalid, with a reason (exit 1)', async () => {
    const file = tmp.write('missing.csv', 'id,visiteret,ledig_siden,antal_uger\na,,2016-01-01,6\n');
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), file, '--as-of-field', 'visiteret']);
    expect(r.code).toBe(1);
    expect(ndjson(r.stdout)).toEqual([
      { row: 1, id: 'a', asOf: null, status: 'invalid', errors: ["visiteret: missing, and it is the row's reference date (--as-of-field)"] },
    ]);
  });

  it.each([
    ['antal_uger', "visit: --as-of-field 'antal_uger' is not a date field: expected a date field of the record (visiteret, ledig_siden); nothing was run"],
    ['nope', "visit: --as-of-field the record has no field 'nope': expected a date field of the record (visiteret, ledig_siden); nothing was run"],
  ])('exits 2 for a field %s that is no date field, writing nothing', async (field, message) => {
    const file = tmp.write('c.csv', csv);
    const out = join(tmp.dir, `out-${field}.ndjson`);
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), file, '--as-of-field', field, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('--out refuses to replace the records (exit 2, the file untouched)', async () => {
    const file = tmp.write('victim.csv', csv);
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), file, '--as-of-field', 'visiteret', '--out', file]);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(csv);
  });

  it('exits 2 with --as-of as well', async () => {
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), tmp.write('c.csv', csv), '--as-of-field', 'visiteret', '--as-of', '2020-01-01']);
    expect(r.code).toBe(2);
  });

  it('stdin, --out, NDJSON input and --explain give the same rows', async () => {
    const file = tmp.write('c.csv', csv);
    const args = ['screen', join(tmp.dir, 'rules.visit')];
    const plain = ndjson((await visit([...args, file, '--as-of-field', 'visiteret'])).stdout);
    const stdin = ndjson((await visit([...args, '-', '--as-of-field', 'visiteret'], { input: csv })).stdout);
    const out = join(tmp.dir, 'out.ndjson');
    expect((await visit([...args, file, '--as-of-field', 'visiteret', '--out', out])).stdout).toBe('');
    const written = ndjson(readFileSync(out, 'utf8'));
    const json = plain.map((r) => r).length;
    const nd = tmp.write('c.ndjson', csv.trimEnd().split('\n').slice(1).map((l) => {
      const [id, visiteret, ledig_siden, antal_uger] = l.split(',');
      return JSON.stringify({ id, visiteret, ledig_siden, antal_uger: Number(antal_uger) });
    }).join('\n') + '\n');
    const fromNdjson = ndjson((await visit([...args, nd, '--as-of-field', 'visiteret'])).stdout);
    const explained = ndjson((await visit([...args, file, '--as-of-field', 'visiteret', '--explain'])).stdout).map(({ explain, ...rest }) => {
      expect(explain).toBeTypeOf('object');
      return rest;
    });
    expect(json).toBe(3);
    for (const other of [stdin, written, fromNdjson, explained]) expect(other).toEqual(plain);
  });
});

describe('property: --as-of-field = --as-of per row, over generated files', () => {
  const day = (from: number, span: number) =>
    fc.integer({ min: 0, max: span }).map((n) => new Date(Date.UTC(from, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const row = fc.tuple(day(2014, 1800), day(2013, 1800), fc.integer({ min: 0, max: 12 }));
  it('for generated cut dates and rows', async () => {
    await fc.assert(
      fc.asyncProperty(day(2014, 1800), fc.integer({ min: 1, max: 10 }), fc.array(row, { minLength: 1, maxLength: 4 }), async (cut, weeks, rows) => {
        const source = rules.replace('4 weeks from 2017-01-01', `${weeks} weeks from ${cut}`);
        const rulesPath = tmp.write('gen.visit', source);
        const csv = 'id,visiteret,ledig_siden,antal_uger\n' + rows.map(([v, l, u], i) => `r${i},${v},${l},${u}`).join('\n') + '\n';
        const file = tmp.write('gen.csv', csv);
        const r = await visit(['screen', rulesPath, file, '--as-of-field', 'visiteret']);
        expect(ndjson(r.stdout)).toEqual(await perDate(rulesPath, csv));
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
