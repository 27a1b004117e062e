// What differs between the SQL dialects (LANGUAGE.md §16): quoting, the double type, and how a
// number of months becomes an interval. Everything else the emitter writes is common to
// PostgreSQL and DuckDB (verified against DuckDB in process; see test/).

export type SqlDialectName = 'postgres' | 'duckdb' | 'spark';

/** Thrown for rules or options that cannot be written as SQL (a name PostgreSQL would truncate, a NUL in a literal, …). */
/** What a user can do something about, for a caller that says it in its own language (the CLI's Danish). */
export type SqlProblem =
  | { problem: 'not-a-list'; option: 'list-table' | 'list-known'; name: string; lists: readonly string[] }
  | { problem: 'identifier-too-long'; name: string; bytes: number }
  | { problem: 'column-twice'; name: string }
  | { problem: 'list-needs-key' }
  | { problem: 'nul-in-text' }
  | { problem: 'as-of-field-not-a-date'; name: string; dates: readonly string[] }
  | { problem: 'as-of-field-dated-versions'; names: readonly string[] };

/** The rules cannot be written in SQL; `message` in English, `detail` where the user can act on it. */
export class SqlCompileError extends Error {
  override readonly name = 'SqlCompileError';

  constructor(
    message: string,
    readonly detail?: SqlProblem,
  ) {
    super(message);
  }
}

export interface Dialect {
  name: SqlDialectName;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A quoted, possibly schema-qualified table name (`schema.table`). */
  table(name: string): string;
  /** A text literal. */
  text(value: string): string;
  double: string;
  /** `date + k months` (k an integer expression), clamped to the target month's last day. */
  addMonths(date: string, k: string): string;
  /** Whole days from `earlier` to `later` (both DATE), as an integer. */
  daysBetween(later: string, earlier: string): string;
  /** A date `k` days later (k an SQL integer expression; negative: earlier): a DATE. */
  addDays(date: string, k: string): string;
  /** `EXISTS (SELECT 1 FROM … WHERE …)` as the dialect allows it in a SELECT list. */
  exists(fromWhere: string): string;
  /** The type of text columns. */
  textType: string;
  /** Whether the key column is declared `PRIMARY KEY` in `CREATE TABLE`. */
  primaryKey: boolean;
}

/** PostgreSQL truncates identifiers past NAMEDATALEN − 1 bytes (silently): refuse instead. */
const PG_MAX_IDENTIFIER_BYTES = 63;

function quoteIdent(name: string, dialect: SqlDialectName): string {
  if (name.length === 0) throw new SqlCompileError('an empty SQL identifier');
  if (name.includes('\u0000')) throw new SqlCompileError('an SQL identifier with a NUL character');
  if (dialect === 'postgres' && new TextEncoder().encode(name).length > PG_MAX_IDENTIFIER_BYTES) {
    throw new SqlCompileError(`the name ${JSON.stringify(name)} is longer than PostgreSQL's ${PG_MAX_IDENTIFIER_BYTES} bytes for an identifier`, {
      problem: 'identifier-too-long',
      name,
      bytes: PG_MAX_IDENTIFIER_BYTES,
    });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Spark SQL: identifiers in backticks (a backtick doubled); string literals read backslash escapes
 * (spark.sql.parser.escapedStringLiterals is false by default), so a backslash and a quote are
 * escaped with one.
 */
function sparkIdent(name: string): string {
  if (name.length === 0) throw new SqlCompileError('an empty SQL identifier');
  if (name.includes('\u0000')) throw new SqlCompileError('an SQL identifier with a NUL character');
  return `\`${name.replaceAll('`', '``')}\``;
}

function sparkText(value: string): string {
  if (value.includes('\u0000')) throw new SqlCompileError('a text literal with a NUL character cannot be written in SQL', { problem: 'nul-in-text' });
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function quoteText(value: string, dialect: SqlDialectName): string {
  if (value.includes('\u0000')) throw new SqlCompileError('a text literal with a NUL character cannot be written in SQL', { problem: 'nul-in-text' });
  const body = value.replaceAll("'", "''");
  // PostgreSQL reads backslashes in '' as escapes when standard_conforming_strings is off: an
  // E'' literal means the same under either setting.
  if (dialect === 'postgres' && value.includes('\\')) return `E'${body.replaceAll('\\', '\\\\')}'`;
  return `'${body}'`;
}

export function dialectOf(name: SqlDialectName): Dialect {
  switch (name) {
    case 'postgres':
      return {
        name,
        ident: (n) => quoteIdent(n, name),
        table: (n) => n.split('.').map((p) => quoteIdent(p, name)).join('.'),
        text: (v) => quoteText(v, name),
        double: 'DOUBLE PRECISION',
        addMonths: (d, k) => `(${d} + make_interval(months => ${k}))`,
        daysBetween: (later, earlier) => `(${later} - ${earlier})`,
        addDays: (d, k) => `(${d} + ${k})`,
        exists: (fromWhere) => `EXISTS (SELECT 1 ${fromWhere})`,
        textType: 'TEXT',
        primaryKey: true,
      };
    case 'duckdb':
      return {
        name,
        ident: (n) => quoteIdent(n, name),
        table: (n) => n.split('.').map((p) => quoteIdent(p, name)).join('.'),
        text: (v) => quoteText(v, name),
        double: 'DOUBLE',
        addMonths: (d, k) => `(${d} + to_months(${k}))`,
        daysBetween: (later, earlier) => `(${later} - ${earlier})`,
        addDays: (d, k) => `(${d} + ${k})`,
        exists: (fromWhere) => `EXISTS (SELECT 1 ${fromWhere})`,
        textType: 'VARCHAR',
        primaryKey: true,
      };
    case 'spark':
      return {
        name,
        ident: sparkIdent,
        table: (n) => n.split('.').map(sparkIdent).join('.'),
        text: sparkText,
        double: 'DOUBLE',
        // Since Spark 3.0 add_months clamps to the target month's end and no longer moves a
        // month's last day to the target's last day: §4's rule, as PostgreSQL's interval.
        addMonths: (d, k) => `add_months(${d}, ${k})`,
        // date - date is an interval in Spark 3; datediff is the days as an INT.
        daysBetween: (later, earlier) => `datediff(${later}, ${earlier})`,
        addDays: (d, k) => `date_add(${d}, ${k})`,
        // Spark allows EXISTS subqueries only in filters and joins ("IN/EXISTS predicate
        // sub-queries can only be used in Filter/Join"): a correlated COUNT says the same.
        exists: (fromWhere) => `((SELECT COUNT(*) ${fromWhere}) > 0)`,
        textType: 'STRING',
        // Open-source Spark has no PRIMARY KEY constraint in CREATE TABLE.
        primaryKey: false,
      };
    default: {
      const never: never = name;
      throw new SqlCompileError(`unknown SQL dialect ${String(never)}`);
    }
  }
}
