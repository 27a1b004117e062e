// `listTables` / `listKnown` (`--list-table`) name list fields of the record (§12, §16). A name that
// is not one — a typo, a scalar field — is refused with the record's list fields named, by both
// compileSql and createTables; it is never silently ignored (the list would then be read from a
// table named like the field, and every citizen would seem to have an empty history).
import { describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { compileSql, createTables, SqlCompileError } from '../src/index';

const RULES = check(`record Borger {
  cpr:    text key personal
  født:   date
  forløb: list of { start: date, end: date optional } optional
}
group nogen = any(forløb)
program p { require nogen }
`);

const CASES: { what: string; listTables?: Record<string, string>; listKnown?: Record<string, string>; refused: string | null }[] = [
  { what: 'the list field', listTables: { forløb: 'forloeb' }, refused: null },
  { what: 'its "list known" column', listKnown: { forløb: 'har_forløb' }, refused: null },
  { what: 'nothing given', refused: null },
  { what: 'a typo', listTables: { forlob: 'forloeb' }, refused: 'a list table is given for "forlob", which is not a list field of the record (its list fields: forløb)' },
  { what: 'a scalar field', listTables: { født: 'x' }, refused: 'a list table is given for "født", which is not a list field of the record (its list fields: forløb)' },
  { what: 'a "list known" column for a typo', listKnown: { forloeb: 'k' }, refused: 'a "list known" column is given for "forloeb", which is not a list field of the record (its list fields: forløb)' },
];

describe('list-table names must be list fields', () => {
  it.each(CASES)('$what', ({ listTables, listKnown, refused }) => {
    const options = { dialect: 'duckdb' as const, ...(listTables ? { listTables } : {}), ...(listKnown ? { listKnown } : {}) };
    for (const run of [() => compileSql(RULES, { ...options, asOf: '2026-11-23' }), () => createTables(RULES, options)]) {
      if (refused === null) expect(run).not.toThrow();
      else {
        expect(run).toThrow(SqlCompileError);
        expect(run).toThrow(refused);
      }
    }
  });

  it('a record without lists says so', () => {
    const flat = check('record R {\n  id: text key\n}\n');
    expect(() => createTables(flat, { dialect: 'postgres', listTables: { x: 'y' } })).toThrow('(the record has no list fields)');
  });
});
