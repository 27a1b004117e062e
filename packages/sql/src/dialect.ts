// What differs between the SQL dialects (LANGUAGE.md §16): quoting, the double type, and how a
// number of months becomes an interval. Everything else the emitter writes is common to
// PostgreSQL and DuckDB (verified against DuckDB in process; see test/).

export type SqlDialectName = 'postgres' | 'duckdb';

/** Thrown for rules or options that cannot be written as SQL (a name PostgreSQL would truncate, a NUL in a literal, …). */
export class SqlCompileError extends Error {}

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
}

/** PostgreSQL truncates identifiers past NAMEDATALEN − 1 bytes (silently): refuse instead. */
const PG_MAX_IDENTIFIER_BYTES = 63;

function quoteIdent(name: string, dialect: SqlDialectName): string {
  if (name.length === 0) throw new SqlCompileError('an empty SQL identifier');
  if (name.includes('\u0000')) throw new SqlCompileError('an SQL identifier with a NUL character');
  if (dialect === 'postgres' && new TextEncoder().encode(name).length > PG_MAX_IDENTIFIER_BYTES) {
    throw new SqlCompileError(`the name ${JSON.stringify(name)} is longer than PostgreSQL's ${PG_MAX_IDENTIFIER_BYTES} bytes for an identifier`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteText(value: string, dialect: SqlDialectName): string {
  if (value.includes('\u0000')) throw new SqlCompileError('a text literal with a NUL character cannot be written in SQL');
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
      };
    case 'duckdb':
      return {
        name,
        ident: (n) => quoteIdent(n, name),
        table: (n) => n.split('.').map((p) => quoteIdent(p, name)).join('.'),
        text: (v) => quoteText(v, name),
        double: 'DOUBLE',
        addMonths: (d, k) => `(${d} + to_months(${k}))`,
      };
    default: {
      const never: never = name;
      throw new SqlCompileError(`unknown SQL dialect ${String(never)}`);
    }
  }
}
