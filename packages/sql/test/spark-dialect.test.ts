// The Spark SQL dialect (LANGUAGE.md §16, issue 13). Spark cannot run here, so what is checked is
// what can be: (1) the SELECT and CREATE TABLE of every example against golden files
// (test/golden/spark; VISIT_UPDATE_GOLDEN=1 writes them anew, to be read before committing);
// (2) each parses by dt-sql-parser's Spark SQL grammar (ANTLR, from Spark's own SqlBase grammar),
// as do the SELECTs of generated rule files over every expression form; (3) the places where Spark
// differs from PostgreSQL and DuckDB, as a table. The parser checks syntax only — it also takes
// PostgreSQL's text — so (3) carries the dialect's meaning; docs/LANGUAGE.md §16 says what was not
// verified (running it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { SparkSQL } from 'dt-sql-parser';
import { describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { compileSql, createTables } from '../src/index';
import { dialectOf } from '../src/dialect';
import { drawFrom, generateFile } from '../../engine/test/support/arbitrary';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const golden = fileURLToPath(new URL('golden/spark/', import.meta.url));
const spark = new SparkSQL();
const AS_OF = '2026-11-23';

const EXAMPLES: [name: string, file: string, listTables: Record<string, string>][] = [
  ['tre-hovedveje', 'examples/tre-hovedveje/tre-hovedveje.visit', {}],
  ['tre-hovedveje.da', 'examples/tre-hovedveje/tre-hovedveje.da.visit', {}],
  ['rollemodeller', 'examples/rollemodeller/rollemodeller.visit', {}],
  ['historik', 'examples/historik/historik.visit', { forløb: 'forloeb' }],
];

function matchesGolden(name: string, text: string): void {
  const path = join(golden, name);
  if (process.env.VISIT_UPDATE_GOLDEN === '1') writeFileSync(path, text);
  expect(existsSync(path), `${path} is missing: run with VISIT_UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

function syntaxErrors(sql: string): string[] {
  return spark.validate(sql).map((e) => `${e.startLine}:${e.startColumn}: ${e.message}`);
}

describe('the examples in Spark SQL', () => {
  it.each(EXAMPLES)('%s: the SELECT is the golden file, and Spark SQL parses it', (name, file, listTables) => {
    const sql = compileSql(check(readFileSync(join(root, file), 'utf8')), { asOf: AS_OF, dialect: 'spark', listTables }).sql;
    matchesGolden(`${name}.sql`, `${sql}\n`);
    expect(syntaxErrors(sql)).toEqual([]);
  }, 120_000);

  it.each(EXAMPLES)('%s: the CREATE TABLE statements are the golden file, and parse', (name, file, listTables) => {
    const statements = createTables(readFileSync(join(root, file), 'utf8'), { dialect: 'spark', listTables });
    matchesGolden(`${name}.schema.sql`, statements.map((s) => `${s};\n`).join(''));
    for (const s of statements) expect(syntaxErrors(s)).toEqual([]);
  });
});

describe('the parser used here refuses broken SQL (so that a pass means something)', () => {
  it.each([
    ['SELECT (a + FROM t'],
    ["SELECT 'unterminated FROM t"],
    ["SELECT 'a\\' AS x"],
    ['SELECT `a FROM t'],
  ])('%s', (sql) => {
    expect(syntaxErrors(sql)).not.toEqual([]);
  });
});

const RECORD = `record R {
  cpr: text key personal
  navn: text optional
  født: date
  ledig_fra: date optional
  henvist: date optional
  visiteret: date optional
  forløb: list of { kind: one of (dagpenge, jobklub), start: date, end: date optional }
}
`;

/** A rule file: the record above, then `body`. */
const rules = (body: string) => `${RECORD}${body}\n`;

describe('where Spark differs from PostgreSQL and DuckDB', () => {
  it.each<[what: string, body: string, has: string[], hasNot: string[]]>([
    ['identifiers in backticks, Danish letters as they are', 'group målgruppe = født < 2000-01-01', ['`målgruppe`', 'r.`født`', 'FROM `citizens` AS r'], ['"målgruppe"']],
    ['a quote and a backslash in a text, escaped with a backslash', 'group g = navn = "O\'Brien \\\\ jr."', ["'O\\'Brien \\\\ jr.'"], ["''"]],
    ['days between two dates: datediff', 'group g = time_between(henvist, visiteret) > 28 days', ['datediff(CAST(r.`visiteret` AS DATE), CAST(r.`henvist` AS DATE))'], [' - CAST(']],
    ['months between two dates: add_months (clamped to the month\'s end, as §4)', 'group g = time_between(henvist, visiteret) >= 2 months', ['add_months(CAST(r.`henvist` AS DATE), '], ['make_interval', 'to_months']],
    ['any/none/all: a correlated COUNT, not EXISTS', 'group g = any(forløb where kind = jobklub)', ['((SELECT COUNT(*) FROM `forløb` AS e1 WHERE e1.`cpr` = r.`cpr` AND'], ['EXISTS']],
    ['time_in: the days of the periods with datediff', 'group g = time_in(forløb where kind = dagpenge, last 52 weeks) >= 26 weeks', ["datediff(GREATEST(e1.`start`, DATE '2025-11-25'), DATE '1970-01-01')"], ["- DATE '1970-01-01'"]],
    ['division by zero: the engine\'s ±Infinity and NaN, not Spark\'s NULL or error', 'let x = 1 / 0\ngroup g = x > 1', ["WHEN CAST(0 AS DOUBLE) = 0 THEN CAST(CASE WHEN", "'Infinity'"], []],
  ])('%s', (_, body, has, hasNot) => {
    const source = rules(body);
    const checked = check(source);
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const sql = compileSql(checked, { asOf: AS_OF, dialect: 'spark' }).sql;
    for (const h of has) expect(sql).toContain(h);
    for (const h of hasNot) expect(sql).not.toContain(h);
    expect(syntaxErrors(sql)).toEqual([]);
  });

  it('a reference date per row (--as-of-field): date_add and add_months on the row\'s column, and it parses', () => {
    const sql = compileSql(check(rules('group g = age_of(født) >= 30 years and time_since(ledig_fra) >= 2 weeks\ngroup h = time_in(forløb, last 4 weeks) >= 7 days')), { asOfField: 'visiteret', dialect: 'spark' }).sql;
    expect(sql).toContain('add_months(CAST(r.`født` AS DATE), (12 * 30))');
    expect(sql).toContain('date_add(CAST(r.`ledig_fra` AS DATE), (7 * 2))');
    expect(sql).toContain('<= r.`visiteret`');
    expect(syntaxErrors(sql)).toEqual([]);
  });

  it.each([
    ['ident', 'a`b', '`a``b`'],
    ['ident', 'forløb', '`forløb`'],
    ['table', 'visit.forløb', '`visit`.`forløb`'],
    ['text', "it's", "'it\\'s'"],
    ['text', 'C:\\tmp', "'C:\\\\tmp'"],
    ['text', 'æøå "x"', '\'æøå "x"\''],
  ] as const)('%s(%j) → %s', (fn, input, expected) => {
    expect(dialectOf('spark')[fn](input)).toBe(expected);
  });

  it('CREATE TABLE: STRING text, DOUBLE numbers, and no PRIMARY KEY (open-source Spark has none)', () => {
    const [main, list] = createTables(rules('group g = true'), { dialect: 'spark', listTables: { forløb: 'forloeb' } });
    expect(main).toBe('CREATE TABLE `citizens` (`cpr` STRING, `navn` STRING, `født` DATE, `ledig_fra` DATE, `henvist` DATE, `visiteret` DATE)');
    expect(list).toBe('CREATE TABLE `forloeb` (`cpr` STRING NOT NULL, `kind` STRING, `start` DATE, `end` DATE)');
  });
});

describe('generated rule files over every expression form', () => {
  const FILES = Number(process.env.VISIT_SPARK_PARSE_FILES ?? 8);
  it(`${FILES} files compile to Spark SQL that parses, with no PostgreSQL or DuckDB construct in it`, () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { source, params } = generateFile(drawFrom(g));
        const sql = compileSql(check(source), { asOf: AS_OF, dialect: 'spark', params }).sql;
        expect(syntaxErrors(sql), `${source}\n---\n${sql}`).toEqual([]);
        for (const construct of ['EXISTS', 'make_interval', 'to_months', "- DATE '"]) expect(sql).not.toContain(construct);
        // Every identifier in backticks: no double-quoted name (a string in Spark) outside text literals.
        const code = sql.replace(/^--.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
        expect(code).not.toMatch(/"/);
      }),
      { numRuns: FILES },
    );
  }, 600_000);
});
