// screenRecords with `asOfField` (LANGUAGE.md §14) and `lists` (§12, list fields from second CSV
// files): each row as of its own date, `asOf` after `id`, a programme not in force that day `null`
// and counted in the summary's `notInForce`; list files given as bytes, streams or paths join into
// the CSV records as `visit screen --list` joins them; the text is byte for byte that of `visit
// screen --as-of-field … --list …` (a real process); what cannot be combined is refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordsError, RulesError, screenRecords as screenInBrowser, type ResultRow } from '../src/index';
import { screenRecords } from '../src/node';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');
const tmp = mkdtempSync(join(tmpdir(), 'visit-batch-as-of-field-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stderr}`);
}, 120_000);

const RULES = `record C {
  id: text key
  visiteret: date optional
  n: integer
  forløb: list of {
    kind:  one of (a, b)
    start: date
    end:   date optional
  }
}
param min_n = 1
param min_n = 3 from 2017-01-01
group har_a = any(forløb where kind = a and time_since(start) < 12 months)
program p1 from 2016-01-01 until 2016-12-31 { require har_a }
program p2 { require n > min_n }
`;
const CSV = 'id,visiteret,n\nx,2016-06-01,2\ny,2017-02-01,2\nz,,5\nw,2015-06-01,4\n';
const FORLOEB = 'id,kind,start,end\nx,a,2016-01-01,\ny,a,2016-12-01,2017-01-10\nw,b,2015-01-01,2015-02-01\n';
const bytes = (s: string) => new TextEncoder().encode(s);

async function all(run: AsyncIterable<ResultRow>): Promise<ResultRow[]> {
  const out: ResultRow[] = [];
  for await (const r of run) out.push(r);
  return out;
}

describe('screenRecords with asOfField and lists', () => {
  it('screens each row as of its own date, the list file joined by key', async () => {
    const run = screenInBrowser(bytes(CSV), RULES, { asOfField: 'visiteret', lists: { forløb: bytes(FORLOEB) } });
    expect(await all(run)).toEqual([
      { row: 1, id: 'x', asOf: '2016-06-01', status: 'ok', groups: { har_a: true }, programs: { p1: 'eligible', p2: 'eligible' } },
      // 2017: p1 is not in force, min_n is 3.
      { row: 2, id: 'y', asOf: '2017-02-01', status: 'ok', groups: { har_a: true }, programs: { p1: null, p2: 'ineligible' } },
      { row: 3, id: 'z', asOf: null, status: 'invalid', errors: ["visiteret: missing, and it is the row's reference date (--as-of-field)"] },
      // 2015: before p1; w's only period is of kind b.
      { row: 4, id: 'w', asOf: '2015-06-01', status: 'ok', groups: { har_a: false }, programs: { p1: null, p2: 'eligible' } },
    ]);
    const s = await run.summary();
    expect(s.rules).toEqual({ sha256: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), asOfField: 'visiteret', params: {} });
    expect([s.rows, s.valid, s.invalid]).toEqual([4, 3, 1]);
    expect(s.programmes.map(({ name, eligible, ineligible, undetermined, notInForce }) => ({ name, eligible, ineligible, undetermined, notInForce }))).toEqual([
      { name: 'p1', eligible: 1, ineligible: 0, undetermined: 0, notInForce: 2 },
      { name: 'p2', eligible: 2, ineligible: 1, undetermined: 0, notInForce: 0 },
    ]);
  });

  it('each row equals that row screened with asOf its own date', async () => {
    const dated = await all(screenInBrowser(bytes(CSV), RULES, { asOfField: 'visiteret', lists: { forløb: bytes(FORLOEB) } }));
    const lines = CSV.trimEnd().split('\n');
    for (const [i, row] of dated.entries()) {
      if (row.status !== 'ok') continue;
      const [alone] = await all(screenInBrowser(bytes(`${lines[0]}\n${lines[i + 1]}\n`), RULES, { asOf: row.asOf!, lists: { forløb: bytes(FORLOEB) } }));
      expect(alone!.status).toBe('ok');
      if (alone!.status !== 'ok') continue;
      expect(row.groups).toEqual(alone!.groups);
      for (const [p, o] of Object.entries(row.programs)) expect(o).toBe(alone!.programs[p] ?? null);
    }
  });

  it('lists as paths, streams and bytes, and NDJSON records with their lists in line, give the same rows', async () => {
    const path = join(tmp, 'forloeb.csv');
    writeFileSync(path, FORLOEB);
    const fromBytes = await all(screenRecords(bytes(CSV), RULES, { asOfField: 'visiteret', lists: { forløb: bytes(FORLOEB) } }));
    const fromPath = await all(screenRecords(bytes(CSV), RULES, { asOfField: 'visiteret', lists: { forløb: path } }));
    const fromStream = await all(screenRecords(bytes(CSV), RULES, { asOfField: 'visiteret', lists: { forløb: new Blob([FORLOEB]).stream() } }));
    const records = [
      { id: 'x', visiteret: '2016-06-01', n: 2, forløb: [{ kind: 'a', start: '2016-01-01' }] },
      { id: 'y', visiteret: '2017-02-01', n: 2, forløb: [{ kind: 'a', start: '2016-12-01', end: '2017-01-10' }] },
      { id: 'z', n: 5, forløb: [] },
      { id: 'w', visiteret: '2015-06-01', n: 4, forløb: [{ kind: 'b', start: '2015-01-01', end: '2015-02-01' }] },
    ];
    const fromArray = await all(screenRecords(records, RULES, { asOfField: 'visiteret' }));
    for (const other of [fromPath, fromStream, fromArray]) expect(other).toEqual(fromBytes);
  });

  it.each(['ndjson', 'csv'] as const)('text() (%s) is byte for byte that of visit screen --as-of-field --list', async (output) => {
    const rules = join(tmp, 'r.visit');
    const csv = join(tmp, 'c.csv');
    const list = join(tmp, 'l.csv');
    writeFileSync(rules, RULES);
    writeFileSync(csv, CSV);
    writeFileSync(list, FORLOEB);
    const cli = spawnSync(process.execPath, [BIN, 'screen', rules, csv, '--as-of-field', 'visiteret', '--list', `forløb=${list}`, '--format', output], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(cli.status, cli.stderr).toBe(1);
    let text = '';
    for await (const t of screenRecords(csv, RULES, { asOfField: 'visiteret', lists: { forløb: list }, output }).text()) text += t;
    expect(text).toBe(cli.stdout);
  });

  it.each([
    ['asOf with asOfField', () => screenInBrowser(bytes(CSV), RULES, { asOf: '2020-01-01', asOfField: 'visiteret' }), RulesError, /exclude each other/],
    ['a field that is no date field', () => screenInBrowser(bytes(CSV), RULES, { asOfField: 'n' }), RulesError, /'n' is not a date field/],
    ['lists for NDJSON bytes', () => screenInBrowser(bytes('{"id":"x","n":1}\n'), RULES, { lists: { forløb: bytes(FORLOEB) } }), RecordsError, /for CSV records/],
    ['lists for an array of records', () => screenInBrowser([{ id: 'x', n: 1 }], RULES, { lists: { forløb: bytes(FORLOEB) } }), RecordsError, /for CSV records/],
    ['a list that is no list field', () => screenInBrowser(bytes(CSV), RULES, { lists: { n: bytes(FORLOEB) } }), RecordsError, /not a list field/],
  ])('refuses %s', async (_what, make, kind, message) => {
    const error = await all(make()).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });
});
