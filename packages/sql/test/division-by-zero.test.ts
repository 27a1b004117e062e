// Division by zero in the compiled SQL, on DuckDB and on a real PostgreSQL server, against the
// language's meaning (docs/language-decisions.md, "Arithmetic" and "Comparisons"): x / 0 follows
// IEEE arithmetic (±Infinity, and NaN for 0 / 0); an ordering comparison with NaN is unknown, `=`
// and `in` never hold for NaN (JavaScript's ===), `!=` always does; a missing operand makes the
// whole unknown — also when the divisor is 0. SQL itself differs on each point (PostgreSQL raises
// an error on x / 0; both order NaN above every number and say NaN = NaN), so the table can fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { compile } from '@visit/engine';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSql } from '../src/index';
import { connect, load, run } from './support/duckdb';
import { startPostgres, type Postgres } from './support/postgres';

const RULES = `record R {
  id: text key
  a:  number optional
  b:  number optional
}
let q = a / b
group eq   = a / b = 1
group ne   = a / b != 1
group lt   = a / b < 1
group gt   = a / b > 1
group inn  = q in (1, 2)
group self = q = q
group neg  = -q < 0
group nested = (a / b) / b >= 0
program p { require eq }
`;

type G = boolean | null;
const N = null;
//                         a     b     eq     ne     lt     gt     inn    self   neg    nested
const CASES: [string, number | null, number | null, G, G, G, G, G, G, G, G][] = [
  ['0 / 0 is NaN',          0,    0,    false, true,  N,     N,     false, false, N,     N],
  ['1 / 0 is +Infinity',    1,    0,    false, true,  false, true,  false, true,  true,  true],
  ['-1 / 0 is -Infinity',   -1,   0,    false, true,  true,  false, false, true,  false, false],
  ['missing / 0 is unknown', N,   0,    N,     N,     N,     N,     N,     N,     N,     N],
  ['1 / missing is unknown', 1,   N,    N,     N,     N,     N,     N,     N,     N,     N],
  ['2 / 2 is 1',            2,    2,    true,  false, false, false, true,  true,  true,  true],
  ['-6 / 3 is -2',          -6,   3,    false, true,  true,  false, false, true,  false, false],
];
const NAMES = ['eq', 'ne', 'lt', 'gt', 'inn', 'self', 'neg', 'nested'] as const;
const AS_OF = '2026-11-23';
const TABLES = { table: 'r', listTables: {}, listKnown: {} };
const checked = check(RULES);
const records = CASES.map(([, a, b], i) => ({ id: `r${i}`, a, b }));
const expected = (i: number) => Object.fromEntries(NAMES.map((n, j) => [n, CASES[i]![3 + j]]));

let db: DuckDBConnection;
let pg: Postgres;
beforeAll(async () => {
  db = await connect();
  pg = startPostgres();
});
afterAll(() => {
  db?.closeSync();
  pg?.stop();
});

describe('division by zero, NaN and Infinity', () => {
  it('the rules check clean', () => expect(checked.hasErrors).toBe(false));

  it.each(CASES.map((c, i) => [c[0], i] as const))('the engine: %s', (_what, i) => {
    const js = compile(RULES, { asOf: AS_OF });
    if (!js.ok) throw new Error('the engine refuses the rules');
    expect(js.screener.evaluate(records[i]!).groups).toEqual(expected(i));
  });

  it.each(CASES.map((c, i) => [c[0], i] as const))('DuckDB: %s', async (_what, i) => {
    await load(db, checked, TABLES, [records[i]!]);
    const got = (await run(db, compileSql(checked, { asOf: AS_OF, dialect: 'duckdb', ...TABLES }))).get(`r${i}`)!;
    expect(got.groups).toEqual(expected(i));
  });

  it('PostgreSQL: every case', () => {
    pg.sql('DROP TABLE IF EXISTS r; CREATE TABLE r (id TEXT PRIMARY KEY, a DOUBLE PRECISION, b DOUBLE PRECISION);');
    pg.copy('r', ['id', 'a', 'b'], records.map((r) => `${r.id},${r.a ?? ''},${r.b ?? ''}`).join('\n') + '\n');
    const rows = pg.query(compileSql(checked, { asOf: AS_OF, dialect: 'postgres', ...TABLES }).sql);
    const tri = (s: string | undefined) => (s === 't' ? true : s === 'f' ? false : s === '' ? null : `?${String(s)}`);
    for (const [i, c] of CASES.entries()) {
      const row = rows.find((r) => r.id === `r${i}`)!;
      expect(Object.fromEntries(NAMES.map((n) => [n, tri(row[n])])), c[0]).toEqual(expected(i));
    }
  });
});

// A count over a list with unknown elements is a range (§12): `count(f where flag) < a / b`
// compares both ends; a NaN on the other side is in no order and equals no count.
const LIST_RULES = `record R {
  id: text key
  a:  number optional
  b:  number optional
  f:  list of { start: date, flag: boolean optional } optional
}
group lt = count(f where flag) < a / b
group eq = count(f where flag) = a / b
group ne = count(f where flag) != a / b
program p { require lt }
`;
const ONE_OR_TWO = [{ start: '2026-11-01', flag: true }, { start: '2026-11-02', flag: null }];
//                                        a    b   f            lt     eq     ne
const LIST_CASES: [string, number, number, typeof ONE_OR_TWO, G, G, G][] = [
  ['1 or 2 flagged vs NaN',                0,   0,  ONE_OR_TWO,  N,     false, true],
  ['1 or 2 flagged vs +Infinity',          1,   0,  ONE_OR_TWO,  true,  false, true],
  ['1 or 2 flagged vs -Infinity',          -1,  0,  ONE_OR_TWO,  false, false, true],
  ['exactly 1 flagged vs NaN',             0,   0,  ONE_OR_TWO.slice(0, 1), N, false, true],
  ['none vs NaN',                          0,   0,  [],          N,     false, true],
];
const LIST_NAMES = ['lt', 'eq', 'ne'] as const;

describe('a count compared with a quotient that is NaN or Infinity', () => {
  const listChecked = check(LIST_RULES);
  const listRecords = LIST_CASES.map(([, a, b, f], i) => ({ id: `l${i}`, a, b, f }));
  const want = (i: number) => Object.fromEntries(LIST_NAMES.map((n, j) => [n, LIST_CASES[i]![4 + j]]));
  const T = { table: 'rl', listTables: { f: 'rl_f' }, listKnown: { f: 'rl_f_known' } };

  it('the engine', () => {
    const js = compile(LIST_RULES, { asOf: AS_OF });
    if (!js.ok) throw new Error('the engine refuses the rules');
    for (const [i, c] of LIST_CASES.entries()) expect(js.screener.evaluate(listRecords[i]!).groups, c[0]).toEqual(want(i));
  });

  it('DuckDB', async () => {
    await load(db, listChecked, T, listRecords);
    const got = await run(db, compileSql(listChecked, { asOf: AS_OF, dialect: 'duckdb', ...T }));
    for (const [i, c] of LIST_CASES.entries()) expect(got.get(`l${i}`)!.groups, c[0]).toEqual(want(i));
  });

  it('PostgreSQL', () => {
    pg.sql(
      'DROP TABLE IF EXISTS rl; DROP TABLE IF EXISTS rl_f; CREATE TABLE rl (id TEXT PRIMARY KEY, a DOUBLE PRECISION, b DOUBLE PRECISION, rl_f_known BOOLEAN); CREATE TABLE rl_f (id TEXT, start DATE, flag BOOLEAN);',
    );
    pg.copy('rl', ['id', 'a', 'b', 'rl_f_known'], listRecords.map((r) => `${r.id},${r.a},${r.b},true`).join('\n') + '\n');
    pg.copy('rl_f', ['id', 'start', 'flag'], listRecords.flatMap((r) => r.f.map((e) => `${r.id},${e.start},${e.flag ?? ''}`)).join('\n') + '\n');
    const rows = pg.query(compileSql(listChecked, { asOf: AS_OF, dialect: 'postgres', ...T }).sql);
    const tri = (s: string | undefined) => (s === 't' ? true : s === 'f' ? false : s === '' ? null : `?${String(s)}`);
    for (const [i, c] of LIST_CASES.entries()) {
      const row = rows.find((r) => r.id === `l${i}`)!;
      expect(Object.fromEntries(LIST_NAMES.map((n) => [n, tri(row[n])])), c[0]).toEqual(want(i));
    }
  });
});
