// Parquet records (`visit screen RULES FILE.parquet`, issue 13): DuckDB (in process) reads the file
// and gives each row as one JSON object, a line of NDJSON — a column per field under its name, a
// LIST of STRUCT column as a list field's elements (§12) — so that @visit/batch's NDJSON pipeline
// validates each row exactly as it validates an NDJSON file: a value the record refuses (an enum
// value outside its list, a TIMESTAMP where a date is expected, a NULL in a required field) makes
// its row invalid with the same reason. Rows come in the file's order (DuckDB keeps the insertion
// order of a scan by default; `preserve_insertion_order` is set explicitly).
import { ident, requireDuckDb } from './duckdb';

/** A Parquet file DuckDB could not open or read (its reason, which names the file). */
export class ParquetError extends Error {}

/** A text literal of DuckDB's SQL: the path is the user's argument, never a record's value. */
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A Parquet file open for reading: its rows as NDJSON bytes, then `close()`. */
export interface ParquetRecords extends AsyncIterable<Uint8Array> {
  close(): void;
}

/**
 * Opens a Parquet file for its rows as NDJSON bytes, one line per row, in the file's order. A file
 * DuckDB cannot open or read (missing, not Parquet) throws ParquetError here, before any row.
 */
export async function openParquet(path: string): Promise<ParquetRecords> {
  const api = requireDuckDb('Parquet files are read through DuckDB, which needs');
  const instance = await api.DuckDBInstance.create(':memory:', { preserve_insertion_order: 'true' });
  const connection = await instance.connect();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    connection.closeSync();
    instance.closeSync();
  };
  let stream: Awaited<ReturnType<typeof connection.stream>>;
  try {
    const file = `read_parquet(${literal(path)})`;
    // A NaN or infinite double would be a bare NaN / Infinity in DuckDB's JSON (not JSON: the
    // whole line would be malformed): written as text instead ("nan"), which the record's
    // validator refuses for that field alone, as it would in an NDJSON file.
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${file}`);
    const doubles = described
      .getRowObjects()
      .filter((r) => /^(DOUBLE|FLOAT|REAL|FLOAT4|FLOAT8)$/i.test(String(r['column_type'])))
      .map((r) => ident(String(r['column_name'])));
    const replace = doubles.length === 0 ? '' : ` REPLACE (${doubles.map((c) => `CASE WHEN isfinite(${c}) THEN to_json(${c}) ELSE to_json(${c}::VARCHAR) END AS ${c}`).join(', ')})`;
    // The row as one struct, named by an alias no Visit field can have (a column of the same name
    // would be taken instead of the row).
    stream = await connection.stream(`SELECT to_json(__visit_row)::VARCHAR FROM (SELECT *${replace} FROM ${file}) AS __visit_row`);
  } catch (e) {
    close();
    throw new ParquetError(e instanceof Error ? e.message : String(e));
  }
  return {
    close,
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const chunk = await stream.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          const column = chunk.getColumns()[0]!;
          const text: string[] = [];
          for (let k = 0; k < chunk.rowCount; k++) text.push(String(column[k]), '\n');
          yield Buffer.from(text.join(''), 'utf8');
        }
      } finally {
        close();
      }
    },
  };
}
