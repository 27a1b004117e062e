// `visit screen RULES --engine postgres --connection URL --table T`: the compiled SQL (LANGUAGE.md
// §16) screens a table where it lives, in a running PostgreSQL (`pg`, a server-side cursor).
//
// The output must be what `visit screen` gives for the same records, invalid rows included, so
// only the evaluation is done by SQL. One SELECT (run in one read-only, repeatable-read
// transaction, so that it sees one state of the tables) gives, per row of the table, ordered by
// the key: the groups, the programmes, one column per programme line (for the summary), and the
// row's record as JSON — what the row would be as an NDJSON line (compile.ts `recordJson`). Those
// lines are the input of @visit/batch's own pipeline, which validates each exactly as it
// validates a file; each record it evaluates takes its evaluation from its row of the SELECT
// instead of the JavaScript engine's.
//
// Pairing a valid record with its row: this module validates each line with the engine's own
// validator before handing it on, and queues the SELECT's answers of the valid ones only; the
// pipeline evaluates exactly those, in order. The key of each evaluated record is checked against
// its queued answer, and the counts at the end, so that a disagreement is an error, never a wrong
// row.
import { createRequire } from 'node:module';
import type { CheckedFile } from '@visit/dsl';
import { compileSql } from '../compile';
import { dialectOf, SqlCompileError } from '../dialect';
import { answerCode, answerReader, answerWidth, replayEngine } from './replay';

type EngineModule = typeof import('@visit/engine');
type Pg = typeof import('pg');

/** The JSON column's name (not a Visit name: those cannot start with '__visit'). */
const RECORD = '__visit_record';
const CURSOR = '__visit_cursor';
/** Rows per FETCH: ~1–2 MB of JSON for the example's record, one round trip each. */
const BATCH = 5000;

export class PostgresUnavailable extends Error {}

function pg(): Pg {
  try {
    // require, not import(): the CLI is one CommonJS bundle (see duckdb.ts); pg stays outside it.
    return createRequire(import.meta.url)('pg') as Pg;
  } catch (e) {
    throw new PostgresUnavailable(`--engine postgres needs the npm package pg (npm install pg): ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface PostgresOptions {
  /** A libpq connection URI (postgresql://user@host:port/db) or key=value string; never printed. */
  connection: string;
  /** The record table (`schema.table` quoted part by part). */
  table: string;
  listTables?: Readonly<Record<string, string>>;
  listKnown?: Readonly<Record<string, string>>;
  /** The reference date, or (`asOfField`) a date field of the record whose value is each row's (§14). */
  asOf: string;
  asOfField?: string;
  params: Readonly<Record<string, string>>;
  /** Lines longer than this are refused by the NDJSON reader (@visit/batch MAX_LINE_CHARS): not queued. */
  maxLineChars: number;
}

export interface PostgresRun {
  /** The table's records as NDJSON lines, in the key's order (the pipeline's input). */
  readonly records: AsyncIterable<Uint8Array>;
  /** The engine module for the pipeline: each evaluation is the SELECT's. */
  readonly engine: EngineModule;
  /** After the pipeline: throws when it evaluated other records than were queued. */
  finish(): void;
  close(): Promise<void>;
}

/** What a failed connection or query says, without the connection string (it may hold a password). */
function reason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && code.length > 0 ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}

export async function openPostgres(engine: EngineModule, checked: CheckedFile, options: PostgresOptions): Promise<PostgresRun> {
  const asOfField = options.asOfField;
  const compiled = compileSql(checked, {
    ...(asOfField === undefined ? { asOf: options.asOf } : { asOfField }),
    params: options.params,
    dialect: 'postgres',
    table: options.table,
    ...(options.listTables ? { listTables: options.listTables } : {}),
    ...(options.listKnown ? { listKnown: options.listKnown } : {}),
    explainColumns: true,
    recordJson: RECORD,
  });
  const c = compiled.columns;
  const key = c.key;
  // The key's order; rows with the same key (or a record without one) in the table's physical order.
  const sql = `${compiled.sql}\nORDER BY ${key === undefined ? '' : `r.${dialectOf('postgres').ident(key)}, `}r.ctid`;

  const { Client } = pg();
  const client = new Client({ connectionString: options.connection });
  // A server that goes away mid-run: the pending query fails with its reason, not the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new PostgresUnavailable(`cannot connect to PostgreSQL: ${reason(e)}`);
  }

  const validator = engine.compile(checked, { asOf: options.asOf, params: options.params });
  if (!validator.ok) {
    await client.end();
    throw new SqlCompileError(`the rules have errors: ${validator.diagnostics.map((d) => d.message).join('; ')}`);
  }
  // What the pipeline evaluates: a valid record — with a date per row, one that has its date.
  const evaluated = (value: unknown): { id: string | null } | undefined => {
    const v = validator.screener.validateJson(value);
    if (!v.ok) return undefined;
    return asOfField === undefined || typeof v.record[asOfField] === 'string' ? v : undefined;
  };

  // The SELECT's columns: [key?], groups, programmes, lines, record.
  const first = key === undefined ? 0 : 1;
  const width = answerWidth(c);

  /** Answers of the valid records not yet evaluated: codes, and the record's id for the pairing check. */
  const queue: { codes: Uint8Array; id: string | null }[] = [];
  let head = 0;
  let queued = 0;
  let replayed = 0;

  async function* records(): AsyncGenerator<Uint8Array> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`);
      const fetch = () => client.query<unknown[]>({ text: `FETCH FORWARD ${BATCH} FROM ${CURSOR}`, rowMode: 'array' });
      // One FETCH ahead: the server computes the next rows while these are screened (measured on
      // 100,000 rows: the process waited on the server for 12 % of its time without it).
      let next = fetch();
      for (;;) {
        const r = await next;
        if (r.rows.length === 0) break;
        next = fetch();
        // (An unhandled rejection of the prefetch while these rows are screened is seen at its await.)
        next.catch(() => undefined);
        const text: string[] = [];
        for (const row of r.rows) {
          const json = row[first + width] as string;
          text.push(json, '\n');
          if (json.length > options.maxLineChars) continue;
          const v = evaluated(JSON.parse(json));
          if (!v) continue;
          const codes = new Uint8Array(width);
          for (let j = 0; j < width; j++) codes[j] = answerCode(c, j, row[first + j]);
          queue.push({ codes, id: v.id });
          queued++;
        }
        // The answers already used are dropped now and then, not one by one.
        if (head > 4 * BATCH) {
          queue.splice(0, head);
          head = 0;
        }
        yield Buffer.from(text.join(''), 'utf8');
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new PostgresUnavailable(`PostgreSQL: ${reason(e)}`);
    }
  }

  const replay = replayEngine(
    engine,
    (s) => {
      const read = answerReader(c, s);
      return (r, lines) => {
        const answer = queue[head++];
        replayed++;
        if (!answer) throw new SqlCompileError('internal error: a record was evaluated that PostgreSQL gave no answer for');
        if (key !== undefined) {
          const id = r[key] === undefined ? null : String(r[key]);
          if (id !== answer.id) throw new SqlCompileError(`internal error: the answers from PostgreSQL are out of step with the records (row ${replayed})`);
        }
        return read(answer.codes, 0, lines);
      };
    },
    'explanations come from the JavaScript engine: run without --engine postgres',
  );

  return {
    records: { [Symbol.asyncIterator]: records },
    engine: replay,
    finish() {
      if (replayed !== queued) throw new SqlCompileError(`internal error: ${replayed} records were evaluated, PostgreSQL answered for ${queued}`);
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
