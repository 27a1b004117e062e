// The edges of LANGUAGE.md §4, §5, §11 and §12 as a table of record → expected groups, run through
// the compiled SQL in DuckDB (and, as a check on the table itself, through the JavaScript engine):
// the end-of-month rule (29 February both ways, 31 January + 1 month), Kleene logic with unknowns,
// missing versus empty lists, open periods, overlapping periods counted once, §12's interval rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { compile } from '@visit/engine';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSql } from '../src/index';
import { connect, load, run, type Tables } from './support/duckdb';

const RULES = `record Borger {
  cpr:    text key personal
  født:   date optional
  a:      date optional
  b:      date optional
  flag_ja: boolean optional
  forløb: list of { start: date, end: date optional, flag: boolean optional } optional
}
group voksen    = age_of(født) >= 18 years
group halvtreds = time_since(født) >= 50 years
group en_måned  = time_between(a, b) >= 1 month
group et_år     = time_between(a, b) >= 1 year
group nul       = time_between(a, b) > 0 days
group begge     = flag_ja and voksen
group enten     = flag_ja or voksen
group ikke_ja   = not flag_ja
group nogen     = any(forløb)
group alle      = all(forløb where flag)
group ingen     = count(forløb) = 0
group markeret  = count(forløb where flag) >= 1
group tyve      = time_in(forløb, last 30 days) >= 20 days
group enogtyve  = time_in(forløb, last 30 days) >= 21 days
program p {
  require voksen
  exclude flag_ja
}
`;

type G = boolean | null;
interface Case {
  what: string;
  asOf: string;
  record: Record<string, unknown>;
  expect: Record<string, G | string>;
}

const CASES: Case[] = [
  { what: 'born 29 Feb 2008 is 18 on 28 Feb 2026 (§4)', asOf: '2026-02-28', record: { født: '2008-02-29' }, expect: { voksen: true } },
  { what: 'born 1 Mar 2008 is not 18 on 28 Feb 2026', asOf: '2026-02-28', record: { født: '2008-03-01' }, expect: { voksen: false } },
  { what: '29 Feb 1972 + 50 years = 28 Feb 2022 (§4)', asOf: '2022-02-28', record: { født: '1972-02-29' }, expect: { halvtreds: true } },
  { what: 'on 27 Feb 2022, not yet 50', asOf: '2022-02-27', record: { født: '1972-02-29' }, expect: { halvtreds: false } },
  { what: '31 Jan + 1 month = 29 Feb in a leap year', asOf: '2026-11-23', record: { a: '2024-01-31', b: '2024-02-29' }, expect: { en_måned: true, et_år: false } },
  { what: '31 Jan to 28 Feb 2024 is not a month', asOf: '2026-11-23', record: { a: '2024-01-31', b: '2024-02-28' }, expect: { en_måned: false } },
  { what: '29 Feb 2024 + 1 year = 28 Feb 2025', asOf: '2026-11-23', record: { a: '2024-02-29', b: '2025-02-28' }, expect: { et_år: true, en_måned: true } },
  { what: '28 Feb 2023 + 1 year = 28 Feb 2024, not 29 Feb', asOf: '2026-11-23', record: { a: '2023-02-28', b: '2024-02-27' }, expect: { et_år: false } },
  { what: 'b before a: a time of zero (§11)', asOf: '2026-11-23', record: { a: '2025-05-01', b: '2025-01-01' }, expect: { nul: false, en_måned: false } },
  { what: 'a missing: unknown', asOf: '2026-11-23', record: { b: '2025-01-01' }, expect: { en_måned: null, nul: null } },
  { what: 'false and unknown = false; false or unknown = unknown (§5)', asOf: '2026-11-23', record: { flag_ja: false }, expect: { begge: false, enten: null, ikke_ja: true, voksen: null, p: 'undetermined' } },
  { what: 'true or unknown = true; not unknown = unknown', asOf: '2026-11-23', record: { flag_ja: true }, expect: { enten: true, begge: null, p: 'ineligible' } },
  { what: 'nothing known', asOf: '2026-11-23', record: {}, expect: { ikke_ja: null, begge: null, enten: null } },
  { what: 'a missing list is unknown (§12)', asOf: '2026-11-23', record: { født: '1990-01-01', flag_ja: false }, expect: { nogen: null, alle: null, ingen: null, tyve: null, p: 'eligible' } },
  { what: 'an empty list: any false, all true, count 0', asOf: '2026-11-23', record: { forløb: [] }, expect: { nogen: false, alle: true, ingen: true, markeret: false, tyve: false } },
  { what: 'an unknown element may or may not count', asOf: '2026-11-23', record: { forløb: [{ start: '2026-01-01', end: '2026-01-02' }] }, expect: { nogen: true, alle: null, markeret: null, ingen: false } },
  { what: 'one true element decides count >= 1', asOf: '2026-11-23', record: { forløb: [{ start: '2026-01-01', flag: true }, { start: '2026-02-01' }] }, expect: { markeret: true, alle: null } },
  {
    what: 'overlapping periods count once: 1–10 and 5–20 Nov = 20 days',
    asOf: '2026-11-23',
    record: { forløb: [{ start: '2026-11-01', end: '2026-11-10', flag: true }, { start: '2026-11-05', end: '2026-11-20', flag: true }] },
    expect: { tyve: true, enogtyve: false, alle: true },
  },
  {
    what: 'an open period runs to the reference date: 3–23 Nov = 21 days',
    asOf: '2026-11-23',
    record: { forløb: [{ start: '2026-11-03', flag: false }] },
    expect: { tyve: true, enogtyve: true, alle: false },
  },
  {
    what: 'the window is (R − 30 days, R]: a period from long ago is clipped',
    asOf: '2026-03-01',
    record: { forløb: [{ start: '2025-01-01', end: '2026-02-28' }] },
    expect: { tyve: true, enogtyve: true },
  },
];

const TABLES: Tables = { table: 'borgere', listTables: { forløb: 'forløb' }, listKnown: { forløb: 'forløb_kendt' } };

let db: DuckDBConnection;
beforeAll(async () => {
  db = await connect();
});
afterAll(() => db.closeSync());

describe('the compiled SQL on the edges of §4, §5, §11 and §12 (DuckDB)', () => {
  const checked = check(RULES);
  it('the rules check clean', () => expect(checked.hasErrors).toBe(false));
  for (const [i, c] of CASES.entries()) {
    it(c.what, async () => {
      const record = { cpr: `r${i}`, ...c.record };
      await load(db, checked, TABLES, [record]);
      const got = (await run(db, compileSql(checked, { asOf: c.asOf, dialect: 'duckdb', ...TABLES }))).get(`r${i}`)!;
      const js = compile(RULES, { asOf: c.asOf });
      if (!js.ok) throw new Error('the engine refuses the rules');
      const want = js.screener.evaluate(record);
      for (const [name, v] of Object.entries(c.expect)) {
        const sql = name in got.groups ? got.groups[name] : got.programs[name];
        const engine = name in want.groups ? want.groups[name] : want.programs[name];
        expect(sql, `${name} in SQL`).toBe(v);
        expect(engine, `${name} in the engine`).toBe(v);
      }
      expect(got).toEqual({ groups: want.groups, programs: want.programs });
    });
  }
});
