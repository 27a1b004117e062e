// `visit screen --engine duckdb`: the compiled SQL (LANGUAGE.md §16) decides, in DuckDB, in
// process (@duckdb/node-api, a native binary of its own npm package).
//
// The design guarantees that the output is the JavaScript engine's, row for row, invalid rows
// included, with only the evaluation done by SQL: the records are read, validated and coerced by
// @visit/batch's own pipeline (§7: encodings, decimal commas, lists joined), in two passes over the
// same input with two stand-ins for the engine module:
//
//   1. `recorder`: every record the pipeline would evaluate (valid, lists joined) is appended to
//      a DuckDB table instead, numbered in the order the pipeline evaluates them; its output is
//      thrown away;
//   2. `evaluate()` runs the compiled SELECT (with one column per programme line, for the
//      summary's per-line counts) over that table, ordered by that number;
//   3. `replayer`: the pipeline runs again over the same input, and each evaluation gets the
//      n-th row of the SELECT (groups, programmes, line values) instead of the JavaScript engine's.
//
// The reading is deterministic, so the n-th evaluation of pass 3 is the n-th record of pass 1
// (checked: the counts must agree). Explanations (`--explain`) and `--as-of-field` are not
// compiled to SQL yet: the caller refuses them.
import { createRequire } from 'node:module';
import type { CheckedFile } from '@visit/dsl';
import type { Outcome, ProgramOutcome, TypedRecord } from '@visit/engine';
import { recordInfo, type FieldInfo, type ScalarType } from '@visit/engine';
import { compileSql } from '../compile';
import { SqlCompileError } from '../dialect';
import { answerCode, answerReader, answerWidth, replayEngine, type Answerer } from './replay';

type EngineModule = typeof import('@visit/engine');
type DuckApi = typeof import('@duckdb/node-api');
type Appender = Awaited<ReturnType<import('@duckdb/node-api').DuckDBConnection['createAppender']>>;

/** The name of the column numbering the loaded records (not a Visit name: those cannot start with '__visit'). */
const ROW = '__visit_row';
const RECORDS = '__visit_records';

export class DuckDbUnavailable extends Error {}

/** @duckdb/node-api, or DuckDbUnavailable saying what needed it (`needs`: "--engine duckdb needs"). */
export function requireDuckDb(needs: string): DuckApi {
  try {
    // require, not import(): the CLI runs as one CommonJS bundle in a vm.Script, which has no
    // dynamic import; @duckdb/node-api is CommonJS. Resolved from this file (the bundle's place).
    return createRequire(import.meta.url)('@duckdb/node-api') as DuckApi;
  } catch (e) {
    throw new DuckDbUnavailable(`${needs} the npm package @duckdb/node-api (npm install @duckdb/node-api): ${e instanceof Error ? e.message : String(e)}`);
  }
}

function columnType(t: ScalarType): string {
  switch (t.kind) {
    case 'text':
    case 'enum':
      return 'VARCHAR';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    default: {
      const never: never = t;
      throw new SqlCompileError(`unknown field type ${JSON.stringify(never)}`);
    }
  }
}

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One typed value into the appender (the types the engine's readers give: records.ts TypedScalar). */
function appendScalar(a: Appender, t: ScalarType, v: unknown): void {
  if (v === undefined || v === null) return a.appendNull();
  switch (t.kind) {
    case 'text':
    case 'enum':
      return a.appendVarchar(String(v));
    case 'date':
      // ISO YYYY-MM-DD, cast to DATE by the appender.
      return a.appendVarchar(String(v));
    case 'boolean':
      return a.appendBoolean(v === true);
    case 'integer':
      return a.appendBigInt(BigInt(v as number));
    case 'number':
      return a.appendDouble(v as number);
    default: {
      const never: never = t;
      throw new SqlCompileError(`unknown field type ${JSON.stringify(never)}`);
    }
  }
}

export interface DuckDbOptions {
  /** The reference date, or (`asOfField`) a date field of the record whose value is each row's (§14). */
  asOf: string;
  asOfField?: string;
  params: Readonly<Record<string, string>>;
}

export interface DuckDbRun {
  /** The engine module for the first pass: records every record the pipeline evaluates. */
  readonly recorder: EngineModule;
  /** Runs the compiled SELECT over the recorded records; resolves the engine module for the second pass. */
  evaluate(): Promise<EngineModule>;
  /** After the second pass: throws when it evaluated other records than the first recorded. */
  finish(): void;
  close(): void;
}

/** Per row: groups (0 false, 1 unknown, 2 true), programmes (0 ineligible, 1 undetermined, 2 eligible), lines (0, 1, 2). */
interface Results {
  codes: Uint8Array;
  width: number;
}


export async function openDuckDb(engine: EngineModule, checked: CheckedFile, options: DuckDbOptions): Promise<DuckDbRun> {
  const api = requireDuckDb('--engine duckdb needs');
  const instance = await api.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const info = recordInfo(checked);
  const scalars = info.fields.filter((f): f is FieldInfo & { type: ScalarType } => f.type.kind !== 'list');
  const lists = info.fields.filter((f) => f.type.kind === 'list');
  const listTables: Record<string, string> = {};
  const listKnown: Record<string, string> = {};
  lists.forEach((f, i) => {
    listTables[f.name] = `__visit_list_${i}`;
    listKnown[f.name] = `__visit_known_${i}`;
  });
  const columns = [`${ident(ROW)} BIGINT`, ...scalars.map((f) => `${ident(f.name)} ${columnType(f.type)}`), ...lists.map((f) => `${ident(listKnown[f.name]!)} BOOLEAN`)];
  await connection.run(`CREATE TABLE ${ident(RECORDS)} (${columns.join(', ')})`);
  for (const f of lists) {
    if (f.type.kind !== 'list') continue;
    const cols = [`${ident(ROW)} BIGINT`, ...f.type.fields.map((e) => `${ident(e.name)} ${columnType(e.type)}`)];
    await connection.run(`CREATE TABLE ${ident(listTables[f.name]!)} (${cols.join(', ')})`);
  }
  // Compiled now, so that rules the SQL cannot take are refused before the records are read.
  let compiled: ReturnType<typeof compileSql>;
  try {
    compiled = compileSql(checked, {
      ...(options.asOfField === undefined ? { asOf: options.asOf } : { asOfField: options.asOfField }),
      params: options.params,
      dialect: 'duckdb',
      table: RECORDS,
      listTables,
      listKnown,
      explainColumns: true,
      rowColumn: ROW,
    });
  } catch (e) {
    connection.closeSync();
    instance.closeSync();
    throw e;
  }
  const main = await connection.createAppender(RECORDS);
  const children = await Promise.all(lists.map((f) => connection.createAppender(listTables[f.name]!)));

  let recorded = 0;
  let replayed = 0;
  let results: Results | undefined;

  const record = (r: TypedRecord): void => {
    const n = BigInt(recorded++);
    main.appendBigInt(n);
    for (const f of scalars) appendScalar(main, f.type, r[f.name]);
    lists.forEach((f) => main.appendBoolean(Array.isArray(r[f.name])));
    main.endRow();
    lists.forEach((f, i) => {
      const elements = r[f.name];
      if (!Array.isArray(elements) || f.type.kind !== 'list') return;
      const a = children[i]!;
      for (const el of elements as Record<string, unknown>[]) {
        a.appendBigInt(n);
        for (const e of f.type.fields) appendScalar(a, e.type, el[e.name]);
        a.endRow();
      }
    });
  };

  const wrap = (answerer: Answerer): EngineModule => replayEngine(engine, answerer, 'explanations come from the JavaScript engine: run without --engine duckdb');

  const recorder = wrap((s) => {
    const nothing: Outcome = {
      groups: Object.fromEntries(s.groupNames.map((g) => [g, null])),
      programs: Object.fromEntries(s.programNames.map((p) => [p, 'undetermined' as ProgramOutcome])),
    };
    return (r, lines) => {
      record(r);
      lines?.fill(1);
      return nothing;
    };
  });

  const evaluate = async (): Promise<EngineModule> => {
    main.flushSync();
    main.closeSync();
    for (const a of children) {
      a.flushSync();
      a.closeSync();
    }
    const c = compiled.columns;
    // The answers in the SELECT's own column order; answerReader maps them to the pipeline's names.
    const wanted = [...c.groups, ...c.programs, ...c.lines.map((l) => l.name)];
    const width = answerWidth(c);
    const codes = new Uint8Array(recorded * width);
    const select = `SELECT ${[ROW, ...wanted].map(ident).join(', ')} FROM (${compiled.sql}) AS q ORDER BY ${ident(ROW)}`;
    const stream = await connection.stream(select);
    let row = 0;
    for (;;) {
      const chunk = await stream.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const cols = chunk.getColumns();
      for (let k = 0; k < chunk.rowCount; k++, row++) {
        const base = row * width;
        for (let j = 0; j < width; j++) codes[base + j] = answerCode(c, j, cols[j + 1]![k]);
      }
    }
    if (row !== recorded) throw new SqlCompileError(`internal error: DuckDB gave ${row} rows for ${recorded} records`);
    results = { codes, width };
    return wrap((s) => {
      const read = answerReader(c, s);
      return (_r, lines) => {
        const res = results!;
        const i = replayed++;
        if (i >= recorded) throw new SqlCompileError('internal error: the second pass evaluated more records than the first recorded');
        return read(res.codes, i * res.width, lines);
      };
    });
  };

  return {
    recorder,
    evaluate,
    finish() {
      if (replayed !== recorded) throw new SqlCompileError(`internal error: the second pass evaluated ${replayed} records, the first recorded ${recorded}`);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
