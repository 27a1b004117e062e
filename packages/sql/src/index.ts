// Public API of @visit/sql: Visit rules as one SQL SELECT for PostgreSQL and DuckDB (LANGUAGE.md §16).
export { compileSql, type SqlCompileOptions, type SqlCompileResult, type SqlLineColumn } from './compile';
export { createTables, type SqlSchemaOptions } from './schema';
export { SqlCompileError, type SqlDialectName, type SqlProblem } from './dialect';
export { openDuckDb, DuckDbUnavailable, type DuckDbRun, type DuckDbOptions } from './run/duckdb';
export { openPostgres, PostgresUnavailable, type PostgresRun, type PostgresOptions } from './run/postgres';
export { openParquet, ParquetError, type ParquetRecords } from './run/parquet';
