// `screenRecords(source, rules, options)`: one call that screens records the way `visit screen`
// does — the same readers, the same row loop, the same output rows in the same order — and gives
// the rows (as objects, or as the NDJSON/CSV text `visit screen` writes) and the summary counts.
// Browser-safe; @visit/batch/node adds file paths and worker threads (node.ts).

import { check, rulesOn, rulesVersion, type CheckedFile, type Diagnostic } from '@visit/dsl';
import * as engine from '@visit/engine';
import type { Explanation, Outcome, RulesVersion } from '@visit/engine';
import type { ByteSource, CsvDelimiter, Encoding, NdjsonEntry, RecordsFormat } from './read/index';
import { Screening, type ScreeningOptions } from './pipeline';
import { RowScreener } from './screen/rows';
import { linePlan } from './screen/lines';
import { programInfos, type ScreenStats, type ScreenStatsData } from './summary/stats';
import { readList, type ListData } from './read/lists';
import type { Lang } from './report/kit';

/**
 * What to screen:
 * - an array: the records themselves, one object each (read as `visit screen` reads NDJSON lines);
 * - a `Uint8Array`: the bytes of a CSV or NDJSON file;
 * - a web `ReadableStream` of bytes (or text);
 * - any (async) iterable of byte or text chunks — a Node `Readable` is one.
 * @visit/batch/node also takes a file path.
 */
export type RecordsSource =
  | readonly unknown[]
  | Uint8Array
  | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/**
 * A list file's bytes (LANGUAGE.md §12, long form: the key column, then the element's fields, one
 * line per element): bytes, a web `ReadableStream`, an (async) iterable of chunks; with
 * @visit/batch/node also a file path.
 */
export type ListSource = Uint8Array | ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface ScreenRecordsOptions {
  /** The reference date, YYYY-MM-DD (default: today, local time). Not with `asOfField`. */
  asOf?: string;
  /**
   * Screen each record as of the date in this `date` field of the record instead of one `asOf`
   * (`visit screen --as-of-field`, LANGUAGE.md §14): that day's thresholds, `time_since` and
   * versions (§13). Each row then carries `asOf` after `id` (its date; `null` on an invalid row
   * whose date could not be read); a row without the date is invalid; a programme not in force on
   * a row's day is `null` in that row (an empty CSV cell) and counted in the summary's
   * `notInForce`. A field that is not a date field of the record throws a RulesError.
   */
  asOfField?: string;
  /**
   * List fields read from second CSV files (`visit screen --list NAME=FILE`, §12): list field
   * name → the file's bytes (see `ListSource`). Each is joined into the CSV record of the same key;
   * a record with no lines gets an empty list; a malformed line makes its record invalid; lines
   * whose key matches no record are warned about once (`onWarning`) at the end. For CSV records
   * only (in NDJSON or an array, a list is an array of objects in the record): else RecordsError.
   */
  lists?: Record<string, ListSource | string | URL>;
  /** Param overrides as source text (`{ min_ledighed: '4 months' }`), as `--param` gives them. */
  params?: Record<string, string>;
  /** An explanation on every valid row (`explain`; in CSV output a last column). */
  explain?: boolean;
  /** The input's format (default: sniffed: NDJSON when the first character is `{`, else CSV). */
  inputFormat?: RecordsFormat;
  /** The CSV field separator (default: detected from the header). */
  delimiter?: CsvDelimiter;
  /** The input's encoding (default: from a BOM or the bytes; a guess of Windows-1252 is warned). */
  encoding?: Encoding;
  /** What `text()` gives: NDJSON lines (default) or CSV with a header line. */
  output?: 'ndjson' | 'csv';
  /** Each warning once (the CSV header's unknown columns, an encoding guess; at the end, rows read over several lines and NDJSON keys that are no field); never a record's values. */
  onWarning?: (message: string) => void;
  /** The language of the warnings: `'da'` or `'en'` (the default). Rows and the summary's data are the same in both. */
  lang?: Lang;
  /**
   * `false`: never generate code (`new Function`), in the engine or here: closures give the same
   * rows. By default code is generated where the host allows it, and closures are used where it
   * does not (a Content-Security-Policy without 'unsafe-eval').
   */
  codegen?: boolean;
}

/**
 * One output row, as in `visit screen`'s NDJSON (LANGUAGE.md §10). With `asOfField`, `asOf` comes
 * after `id`, and a programme not in force on that day is `null`.
 */
export type ResultRow =
  | {
      row: number;
      id: string | null;
      asOf?: string;
      status: 'ok';
      groups: Record<string, boolean | null>;
      programs: Record<string, Outcome | null>;
      explain?: Explanation;
    }
  | { row: number; id: string | null; asOf?: string | null; status: 'invalid'; errors: string[] };

/** Which rules decided a run with `asOfField`: each row's date stood in for one reference date. */
export interface DatedRulesVersion {
  sha256: string;
  /** The field whose date was each row's reference date. */
  asOfField: string;
  params: Record<string, string>;
}

/** The counts `visit screen` prints when it is done. */
export interface ScreenSummary {
  /** Which rules decided: the rule file's `sha256:` hash, the reference date (or the `asOfField`) and the param overrides given. */
  rules: RulesVersion | DatedRulesVersion;
  /** Rows read (one per output row), valid and invalid. */
  rows: number;
  valid: number;
  invalid: number;
  programmes: {
    name: string;
    eligible: number;
    ineligible: number;
    undetermined: number;
    /** With `asOfField`: valid rows on whose date the programme was not in force (else 0). */
    notInForce: number;
    /** Lines that made the programme ineligible, most often first (not counted with `asOfField`). */
    failedLines: { line: number; kind: 'require' | 'exclude'; source: string; rows: number }[];
    /** Fields whose absence left the programme undetermined, most often first (not counted with `asOfField`). */
    missingFields: { field: string; rows: number }[];
  }[];
  /** The raw counts (renderSummary in this package prints them as `visit screen` does). */
  stats: ScreenStatsData;
}

export interface ScreenRun extends AsyncIterable<ResultRow> {
  /** The rows, in input order, exactly one per input row. Iterate once (this or `text`). */
  rows(): AsyncIterable<ResultRow>;
  /** The output text as `visit screen` writes it (`output`: NDJSON, or CSV from its header line). */
  text(): AsyncIterable<string>;
  /** The counts, once every row is out; screens the whole input first if nothing iterated yet. */
  summary(): Promise<ScreenSummary>;
}

/** The rules do not check or do not compile; nothing was screened. */
export class RulesError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
    this.name = 'RulesError';
  }
}

/** The input cannot be screened (no CSV header, …); `message` names no record value. */
export class RecordsError extends Error {
  override name = 'RecordsError';
}

/** How the Node entry widens the browser one: more sources, and threads (node.ts). */
export interface SourceOpener {
  open(source: unknown): Promise<{ bytes: ByteSource; totalBytes?: number; format?: RecordsFormat; close(): Promise<void> } | undefined>;
  threads?(totalBytes: number | undefined): Pick<ScreeningOptions, 'threads' | 'spawnWorkers'>;
}

/** Rule source text (or already checked rules, with `source` their text). */
export type RulesInput = string | { source: string; checked?: CheckedFile };

export function screenRecords(source: RecordsSource, rules: RulesInput, options: ScreenRecordsOptions = {}): ScreenRun {
  return makeRun(source, rules, options, undefined);
}

/** @internal The shared body of both entries. */
export function makeRun(source: unknown, rules: RulesInput, options: ScreenRecordsOptions, opener: SourceOpener | undefined): ScreenRun {
  let started = false;
  let done: ScreenStats | undefined;
  let finished: Promise<void> | undefined;
  let memo: { source: string; checked: CheckedFile } | undefined;
  let used: RulesVersion | DatedRulesVersion | undefined;
  const getRules = () => (memo ??= checkedRules(rules, options));
  const asOfField = options.asOfField;
  // Dated: every programme of the file (its lines are not counted); else those in force that day.
  const programs = () => (asOfField === undefined ? programInfos(getRules().checked, options.asOf) : programInfos(getRules().checked).map((p) => ({ ...p, lines: [] })));

  const run = async function* (output: 'ndjson' | 'csv'): AsyncGenerator<string> {
    if (started) throw new Error('a screening run is iterated once');
    started = true;
    const { source: text, checked } = getRules();
    if (asOfField !== undefined && options.asOf !== undefined) throw new RulesError('asOf and asOfField exclude each other: give one reference date, or a field of dates', []);
    const asOf = options.asOf ?? today();
    const params = options.params ?? {};
    used = asOfField === undefined ? { sha256: rulesVersion(text), asOf, params: { ...params } } : { sha256: rulesVersion(text), asOfField, params: { ...params } };
    const listNames = Object.keys(options.lists ?? {});
    if (Array.isArray(source)) {
      if (listNames.length > 0) throw new RecordsError(`lists ${listNames[0]}: lists from a second file are for CSV records; in an array of records a list is an array of objects in each record`);
      const plan = {
        source: text,
        asOf,
        params,
        output,
        explain: options.explain ?? false,
        ...(asOfField === undefined ? { lines: linePlan(rulesOn(checked, asOf)) } : { asOfField }),
        ...(options.codegen === false ? { codegen: false } : {}),
      };
      const built = RowScreener.build(engine, plan, checked);
      if (!built.ok) throw new RulesError(built.message, []);
      const rows = built.rows;
      if (rows.formatter.header !== '') yield rows.formatter.header;
      const BATCH = 1000;
      for (let at = 0; at < source.length; at += BATCH) {
        const entries: NdjsonEntry[] = [];
        for (let i = at; i < Math.min(at + BATCH, source.length); i++) entries.push({ row: i + 1, line: i + 1, value: source[i] as Record<string, unknown> });
        yield rows.ndjson(entries);
      }
      done = rows.stats;
      return;
    }
    const opened = (await opener?.open(source)) ?? { bytes: byteSource(source), close: async () => undefined };
    const warned = new Set<string>();
    const warn = (message: string) => {
      if (warned.has(message)) return;
      warned.add(message);
      options.onWarning?.(message);
    };
    const lists = await readLists(options.lists ?? {}, checked, options, opener, warn);
    const screening = new Screening({
      engine,
      rules: { source: text, checked },
      asOf,
      ...(asOfField === undefined ? {} : { asOfField }),
      ...(lists.length > 0 ? { lists } : {}),
      params,
      output,
      explain: options.explain ?? false,
      inputFormat: options.inputFormat ?? opened.format,
      delimiter: options.delimiter,
      encoding: options.encoding,
      ...(opener?.threads ? opener.threads(opened.totalBytes) : {}),
      onEncodingWarning: warn,
      onWarning: warn,
      ...(options.codegen === false ? { codegen: false } : {}),
      ...(options.lang === undefined ? {} : { lang: options.lang }),
    });
    try {
      const ready = await screening.open(opened.bytes);
      if (!ready.ok) throw ready.stage === 'rules' ? new RulesError(ready.error, []) : new RecordsError(ready.error);
      for (const w of screening.warnings) warn(w);
      if (screening.outputHeader !== '') yield screening.outputHeader;
      const decoder = new TextDecoder();
      for await (const pieces of screening.pieces()) {
        for (const piece of pieces) yield typeof piece === 'string' ? piece : decoder.decode(piece);
      }
      for (const w of screening.endWarnings) warn(w);
      for (const w of screening.listWarnings) warn(w);
      done = screening.stats;
    } finally {
      await screening.stop();
      await opened.close();
    }
  };

  const rows = async function* (): AsyncGenerator<ResultRow> {
    let rest = '';
    for await (const text of run('ndjson')) {
      const lines = (rest + text).split('\n');
      rest = lines.pop()!;
      for (const line of lines) yield JSON.parse(line) as ResultRow;
    }
  };

  const summary = async (): Promise<ScreenSummary> => {
    if (!started) {
      finished = (async () => {
        for await (const _ of run('ndjson')) void _;
      })();
    }
    await finished;
    if (!done) throw new Error('the screening did not finish: summary() is ready once every row has been taken');
    return { rules: used!, ...summarize(done, programs()) };
  };

  return {
    [Symbol.asyncIterator]: () => rows()[Symbol.asyncIterator](),
    rows,
    text: () => run(options.output ?? 'ndjson'),
    summary,
  };
}

/** Reads the `lists` option's files, in the record's declaration order (as `visit screen --list`). */
async function readLists(
  given: Readonly<Record<string, ListSource | string | URL>>,
  checked: CheckedFile,
  options: ScreenRecordsOptions,
  opener: SourceOpener | undefined,
  warn: (message: string) => void,
): Promise<ListData[]> {
  const names = Object.keys(given);
  if (names.length === 0) return [];
  const info = engine.recordInfo(checked);
  const out: ListData[] = [];
  for (const name of names) {
    const source = given[name]!;
    const opened = (await opener?.open(source)) ?? { bytes: byteSource(source), close: async () => undefined };
    const label = typeof source === 'string' ? source : source instanceof URL ? source.pathname : `the list ${name}`;
    try {
      const read = await readList(engine, info, name, label, opened.bytes, {
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        ...(options.codegen === false ? { codegen: false } : {}),
        ...(options.lang === undefined ? {} : { lang: options.lang }),
        onWarning: warn,
      });
      if (!read.ok) throw new RecordsError(read.error);
      for (const w of read.warnings) warn(w);
      out.push(read.data);
    } finally {
      await opened.close();
    }
  }
  const order = (d: ListData) => info.fields.findIndex((f) => f.name === d.name);
  return out.sort((a, b) => order(a) - order(b));
}

function checkedRules(rules: RulesInput, options: ScreenRecordsOptions): { source: string; checked: CheckedFile } {
  const source = typeof rules === 'string' ? rules : rules.source;
  const checked = typeof rules !== 'string' && rules.checked ? rules.checked : check(source, { params: options.params ?? {} });
  if (checked.hasErrors) {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    throw new RulesError(`the rules have ${errors.length === 1 ? '1 error' : `${errors.length} errors`}: ${errors.map((d) => d.message).join('; ')}`, checked.diagnostics);
  }
  return { source, checked };
}

function summarize(stats: ScreenStats, programs: ReturnType<typeof programInfos>): Omit<ScreenSummary, 'rules'> {
  return {
    rows: stats.read,
    valid: stats.valid,
    invalid: stats.invalid,
    programmes: programs.map((p, i) => ({
      name: p.name,
      eligible: stats.eligible[i] ?? 0,
      ineligible: stats.ineligible[i] ?? 0,
      undetermined: stats.undetermined[i] ?? 0,
      notInForce: stats.notInForce[i] ?? 0,
      failedLines: (stats.failedLines[i] ?? [])
        .map((rows, line) => ({ line: line + 1, kind: p.lines[line]!.kind, source: p.lines[line]!.source, rows }))
        .filter((x) => x.rows > 0)
        .sort((a, b) => b.rows - a.rows || a.line - b.line),
      missingFields: [...(stats.missingFields[i] ?? [])]
        .map(([field, rows]) => ({ field, rows }))
        .sort((a, b) => b.rows - a.rows || a.field.localeCompare(b.field)),
    })),
    stats: stats.data(),
  };
}

/** Bytes or text chunks from any of the in-memory and stream sources. */
export function byteSource(source: unknown): ByteSource {
  if (source instanceof Uint8Array) {
    return {
      async *[Symbol.asyncIterator]() {
        // In pieces, as a file is read: the readers' batches stay small.
        for (let at = 0; at < source.length; at += 64 * 1024) yield source.subarray(at, at + 64 * 1024);
      },
    };
  }
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    const stream = source as ReadableStream<Uint8Array | string>;
    return {
      async *[Symbol.asyncIterator]() {
        // Not `for await` over the stream: not every browser's ReadableStream is async-iterable.
        const reader = stream.getReader();
        try {
          for (let step = await reader.read(); !step.done; step = await reader.read()) yield step.value;
        } finally {
          reader.releaseLock();
        }
      },
    };
  }
  if (source !== null && typeof source === 'object' && Symbol.asyncIterator in source) return source as ByteSource;
  if (source !== null && typeof source === 'object' && Symbol.iterator in source) {
    const chunks = source as Iterable<Uint8Array | string>;
    return {
      async *[Symbol.asyncIterator]() {
        yield* chunks;
      },
    };
  }
  throw new TypeError('screenRecords: the source must be an array of records, bytes, a ReadableStream or an (async) iterable of chunks');
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
