// The row loop of `visit screen`: input entries (CSV or NDJSON rows, well-formed or not) → output
// lines, in order, exactly one per entry, counting as it goes. The same code runs on the main
// thread and in the worker threads; a `ScreenPlan` (plain data) is all it needs to be rebuilt.

import type { CheckedFile } from '@visit/dsl';
import type { CoercedRecord, CsvReader, DatedScreener, Explanation, InvalidRecord, Screener, TypedRecord } from '@visit/engine';
import type { CsvDelimiter, CsvEntry, CsvRowError, NdjsonEntry, NdjsonRowError } from '../read/index';
import { csvFormatter, isRefusal, ndjsonFormatter, type InvalidRow, type OkRow, type Outcome, type RowFormatter } from '../format/rows';
import { LineBuffer } from '../format/bytes';
import { linePlan, type LinePlan } from './lines';
import { MAX_UNKNOWN_KEYS, ScreenStats } from '../summary/stats';
import { ListJoin, type ListData } from '../read/lists';
import { ReportTally, type ReportPlan } from '../report/collect';

/** Everything needed to screen rows the same way in any thread (structured-clone safe). */
export interface ScreenPlan {
  source: string;
  asOf: string;
  params: Record<string, string>;
  output: 'ndjson' | 'csv';
  explain: boolean;
  /** CSV input: the header cells and the delimiter. Absent for NDJSON. */
  csv?: { header: string[]; delimiter: CsvDelimiter };
  /** What the summary counts per programme line (lines.ts), if already made. */
  lines?: LinePlan;
  /** False: no code generation anywhere (engine, output lines, counting); default: where the host allows it. */
  codegen?: boolean;
  /** Lists read from second CSV files (read/lists.ts; `--list`), joined into each record by its key. */
  lists?: ListData[];
  /**
   * `--as-of-field` (LANGUAGE.md §14): each row screened as of the date in this `date` field of
   * the record (`asOf` is then unused), with the engine's compileDated: one screener per distinct
   * date, compiled on first use and kept, in each thread. Output rows carry `asOf` after `id`.
   */
  asOfField?: string;
  /** `visit screen --report`: what the report counts beside the summary (report/collect.ts). */
  report?: ReportPlan;
}

type Engine = typeof import('@visit/engine');

/** A line buffer whose output is read back as one string (`csv`, `ndjson`, `assemble`). */
class LineBufferText {
  readonly buffer = new LineBuffer();
  text(): string {
    const decoder = new TextDecoder();
    let s = '';
    for (const piece of this.buffer.take()) s += decoder.decode(piece, { stream: true });
    return s + decoder.decode();
  }
}

export type BuildResult = { ok: true; rows: RowScreener } | { ok: false; message: string };

/** What the row loop reads records with: a screener for one day, or a dated screener (the same record declaration). */
type RecordReader = Pick<Screener, 'record' | 'csvReader' | 'validateJson'>;

export class RowScreener {
  readonly formatter: RowFormatter;
  /** Warnings about the CSV header (unknown columns, fields without a column). */
  readonly warnings: readonly string[];
  stats: ScreenStats;
  private readonly groupNames: readonly string[];
  private readonly programNames: readonly string[];
  private readonly csvReader: CsvReader | undefined;
  private readonly lineCounts: number[];
  private readonly counter: Counter;
  /** The current row's programme line values (0 false, 1 unknown, 2 true), reused from row to row. */
  private readonly lineValues: Uint8Array;
  /** Per list field, its elements' field names (NDJSON element keys that are none are warned about). */
  private readonly elementNames: ReadonlyMap<string, ReadonlySet<string>>;
  /** The record's field names (NDJSON keys that are none are warned about). */
  private readonly fieldNames: ReadonlySet<string>;
  /** The lists joined into each record (`plan.lists`), if any. */
  readonly lists: ListJoin | undefined;
  /** The report's counts (`plan.report`), an empty one for each new set of stats. */
  private readonly report: ReportTally | undefined;

  private readonly screener: RecordReader;
  /** The one day's screener (a run with one reference date). */
  private readonly single: Screener | undefined;
  /** The per-date screeners (a run with `asOfField`). */
  private readonly dated: DatedScreener | undefined;

  private constructor(
    private readonly engine: Engine,
    screener: Screener | DatedScreener,
    lines: LinePlan,
    private readonly plan: ScreenPlan,
    report?: ReportTally,
  ) {
    const dated = plan.asOfField !== undefined ? (screener as DatedScreener) : undefined;
    const single = dated ? undefined : (screener as Screener);
    this.screener = screener;
    this.single = single;
    this.dated = dated;
    // Dated: every group and programme of the file, in source order (not in force on a day: null).
    this.groupNames = screener.groupNames;
    this.programNames = screener.programNames;
    // Closures wherever the engine uses them (asked, or code generation refused); a refusal that
    // comes only now is caught where the lines and the counter are made. (A dated run's engine
    // uses closures by default; its lines and counter are generated unless asked not to.)
    const codegen = plan.codegen !== false && (single ? single.evaluator === 'generated' : true);
    const format = { dated: dated !== undefined };
    this.formatter =
      plan.output === 'csv'
        ? csvFormatter(this.groupNames, this.programNames, plan.explain, codegen, format)
        : ndjsonFormatter(this.groupNames, this.programNames, codegen, format);
    this.lineCounts = lines.excludes.map((l) => l.length);
    this.lineValues = new Uint8Array(single ? single.lineCount : 0);
    this.report = report;
    this.stats = new ScreenStats(this.programNames, this.lineCounts, report);
    this.counter = compileCounter(this.programNames, lines, codegen);
    this.fieldNames = new Set(screener.record.fields.map((f) => f.name));
    this.elementNames = new Map(
      screener.record.fields.flatMap((f) => (f.type.kind === 'list' ? [[f.name, new Set(f.type.fields.map((e) => e.name))] as const] : [])),
    );
    this.lists = plan.lists && plan.lists.length > 0 ? new ListJoin(plan.lists) : undefined;
    if (plan.csv) {
      const reader = screener.csvReader(plan.csv.header, {
        decimalComma: plan.csv.delimiter === ';',
        ...(this.lists ? { joinedLists: this.lists.names } : {}),
      });
      this.csvReader = reader;
      this.warnings = reader.warnings;
    } else {
      this.warnings = [];
    }
  }

  /**
   * Compiles the plan's rules, once: the same screener gives the outcomes, each programme line's
   * value for the summary (`evaluateLines`), and explanations. `checked`: the rules already checked
   * (the main thread has them), so they are not parsed again; a worker parses `plan.source`.
   */
  static build(engine: Engine, plan: ScreenPlan, checked?: CheckedFile): BuildResult {
    if (plan.asOfField !== undefined) {
      const dated = engine.compileDated(checked ?? plan.source, {
        asOfField: plan.asOfField,
        params: plan.params,
        ...(plan.codegen === false ? { codegen: false } : {}),
      });
      if (!dated.ok) return { ok: false, message: dated.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ') };
      // The summary's line counts are not kept per version of a programme: none are counted.
      const none: LinePlan = { fields: dated.screener.programNames.map(() => []), excludes: dated.screener.programNames.map(() => []) };
      return { ok: true, rows: new RowScreener(engine, dated.screener, none, plan) };
    }
    const compiled = engine.compile(checked ?? plan.source, { asOf: plan.asOf, params: plan.params, ...(plan.codegen === false ? { codegen: false } : {}) });
    if (!compiled.ok) return { ok: false, message: compiled.diagnostics.map((d) => d.message).join('; ') };
    const screener = compiled.screener;
    const lines = plan.lines ?? linePlan(screener.checked);
    const planned = lines.excludes.reduce((n, l) => n + l.length, 0);
    if (lines.excludes.length !== screener.programNames.length || planned !== screener.lineCount) {
      return { ok: false, message: `internal error: the summary's line plan (${planned} lines) does not fit the rules (${screener.lineCount} lines)` };
    }
    if (!plan.report) return { ok: true, rows: new RowScreener(engine, screener, lines, plan) };
    const tally = ReportTally.build(plan.report, screener.checked, screener.programNames, lines.excludes.map((l) => l.length), plan.asOf);
    return tally.ok ? { ok: true, rows: new RowScreener(engine, screener, lines, plan, tally.tally) } : tally;
  }

  /** A new, empty set of counts of the same shape (a worker counts each segment apart). */
  newStats(): ScreenStats {
    return new ScreenStats(this.programNames, this.lineCounts, this.report?.fresh());
  }

  /**
   * CSV rows (one run of consecutive rows) → their output lines without row numbers, counted in
   * `stats`. Rows the reader found malformed are left for `assemble`, since their message names
   * the physical line, which a worker learns only later.
   */
  csvTails(entries: readonly CsvEntry[], stats: ScreenStats = this.stats): Tails {
    const reader = this.csvReader!;
    // Rows over several lines with the reader's numbers: `stats.offsetFirstMultiLine` makes them the run's.
    for (const e of entries) if (e.endLine !== undefined) stats.countMultiLine(e.row, e.line, e.endLine);
    return this.tails<readonly string[], CsvRowError>(entries, (cells) => reader.read(cells), stats, (bad) => this.csvKey(bad));
  }

  /** NDJSON rows → output lines without row numbers. */
  ndjsonTails(entries: readonly NdjsonEntry[], stats: ScreenStats = this.stats): Tails {
    const fields = this.fieldNames;
    const unknown = stats.unknownKeys;
    for (const e of entries) {
      const value = e.value;
      if (value === undefined || unknown.size >= MAX_UNKNOWN_KEYS) continue;
      for (const key in value) if (!fields.has(key)) unknown.add(key);
      // Keys of a list's elements that are no field of the element: named `forløb[].note`.
      for (const [list, names] of this.elementNames) {
        const elements: unknown = (value as Record<string, unknown>)[list];
        if (!Array.isArray(elements)) continue;
        for (const el of elements) {
          if (typeof el !== 'object' || el === null || unknown.size >= MAX_UNKNOWN_KEYS) continue;
          for (const key in el) if (!names.has(key)) unknown.add(`${list}[].${key}`);
        }
      }
    }
    return this.tails<unknown, NdjsonRowError>(entries, (value) => this.screener.validateJson(value), stats, (bad) => this.ndjsonKey(bad));
  }

  /** The `id` of a malformed CSV row: its key cell, where the reader could read it (LANGUAGE.md §10). */
  private csvKey(bad: CsvRowError): string | null {
    return bad.readable === undefined || bad.readable.length === 0 ? null : this.csvReader!.keyOf(bad.readable);
  }

  /** The `id` of a malformed NDJSON row: its key, where the object could be read. */
  private ndjsonKey(bad: NdjsonRowError): string | null {
    return bad.value === undefined ? null : this.screener.validateJson(bad.value).id;
  }

  /** Well-formed entries through `read` (their cells or their JSON value), then screened. */
  private tails<T, E extends { line: number; error: string }>(
    entries: readonly ({ cells: T } | { value: T } | E)[],
    read: (input: T) => CoercedRecord | InvalidRecord,
    stats: ScreenStats,
    keyOf: (bad: E) => string | null,
  ): Tails {
    const formatter = this.formatter;
    const ids: (string | null)[] = new Array<string | null>(entries.length);
    const asOfs: string[] = this.dated ? new Array<string>(entries.length) : [];
    const parts: (string | Uint8Array)[] = new Array<string | Uint8Array>(entries.length);
    const malformed: [number, number, string, string | null][] = [];
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      let tail: string | Uint8Array;
      ids[k] = null;
      if ('error' in entry) {
        stats.invalid++;
        const id = keyOf(entry as E);
        // Its list lines belong to a record (not counted as matching none).
        this.lists?.join(id, undefined);
        malformed.push([k, entry.line, entry.error, id]);
        tail = '';
      } else {
        const result = this.screen(this.withLists(read('cells' in entry ? entry.cells : entry.value)), stats);
        if (!('errors' in result)) {
          const row = result;
          const rest = formatter.okRest(row);
          if (rest === undefined) tail = formatter.okTail(row);
          else {
            tail = rest;
            ids[k] = row.id;
            if (row.asOf !== undefined) asOfs[k] = row.asOf;
          }
        } else {
          stats.invalid++;
          tail = formatter.invalidTail(result);
        }
      }
      parts[k] = tail;
    }
    return { count: entries.length, ids, asOfs, tails: parts, malformed };
  }

  /**
   * The output of a run of rows, written into `out`: the k-th row is number `firstRow + k`; a
   * malformed row's physical line is the reader's line plus `lineBase`.
   */
  assembleInto(out: LineBuffer, tails: Tails, firstRow: number, lineBase = 0): void {
    const formatter = this.formatter;
    const prefix = formatter.rowPrefix;
    let m = 0;
    for (let k = 0; k < tails.count; k++) {
      const row = firstRow + k;
      const bad = tails.malformed[m];
      const tail = tails.tails[k]!;
      if (bad && bad[0] === k) {
        m++;
        out.text(`${prefix}${row}${formatter.invalidTail({ id: bad[3], errors: [`line ${lineBase + bad[1]}: ${bad[2]}`] })}`);
      } else if (typeof tail === 'string') out.text(`${prefix}${row}${tail}`);
      else formatter.writeOkLater(out, row, tails.ids[k]!, tail, tails.asOfs[k]);
    }
  }

  /** `assembleInto`, as text. */
  assemble(tails: Tails, firstRow: number, lineBase = 0): string {
    const out = new LineBufferText();
    this.assembleInto(out.buffer, tails, firstRow, lineBase);
    return out.text();
  }

  /**
   * CSV rows → output lines written into `out`, counted in `stats`. A row's number is `rowBase`
   * plus the reader's count, a malformed row's line `lineBase` plus the reader's line: 0 and 0 when
   * one reader reads the whole file, a segment's offsets when its numbers are known in advance
   * (split/segments.ts).
   */
  csvInto(out: LineBuffer, entries: readonly CsvEntry[], stats: ScreenStats = this.stats, rowBase = 0, lineBase = 0): void {
    const reader = this.csvReader!;
    const formatter = this.formatter;
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      const row = rowBase + entry.row;
      if (entry.endLine !== undefined) stats.countMultiLine(row, lineBase + entry.line, lineBase + entry.endLine);
      if ('error' in entry) {
        stats.invalid++;
        const id = this.csvKey(entry);
        this.lists?.join(id, undefined);
        out.text(`${formatter.rowPrefix}${row}${formatter.invalidTail({ id, errors: [`line ${lineBase + entry.line}: ${entry.error}`] })}`);
        continue;
      }
      const result = this.screen(this.withLists(reader.read(entry.cells)), stats);
      if (!('errors' in result)) formatter.writeOk(out, row, result);
      else {
        stats.invalid++;
        out.text(`${formatter.rowPrefix}${row}${formatter.invalidTail(result)}`);
      }
    }
  }

  /** `csvInto`, as text. */
  csv(entries: readonly CsvEntry[], stats: ScreenStats = this.stats, rowBase = 0, lineBase = 0): string {
    const out = new LineBufferText();
    this.csvInto(out.buffer, entries, stats, rowBase, lineBase);
    return out.text();
  }

  /** NDJSON rows → output lines written into `out`. */
  ndjsonInto(out: LineBuffer, entries: readonly NdjsonEntry[]): void {
    if (entries.length > 0) this.assembleInto(out, this.ndjsonTails(entries), entries[0]!.row);
  }

  /** NDJSON rows → output text. */
  ndjson(entries: readonly NdjsonEntry[]): string {
    return entries.length === 0 ? '' : this.assemble(this.ndjsonTails(entries), entries[0]!.row);
  }

  /**
   * The record with its lists joined (`plan.lists`): by its id (also an invalid record's, so that
   * its lines count as matched); a malformed list line makes the record invalid, its reasons after
   * the record's own.
   */
  private withLists(result: CoercedRecord | InvalidRecord): CoercedRecord | InvalidRecord {
    const lists = this.lists;
    if (!lists) return result;
    const reasons = lists.join(result.id, result.ok ? (result.record as Record<string, unknown>) : undefined);
    if (!reasons) return result;
    return { ok: false, id: result.id, errors: result.ok ? reasons : [...result.errors, ...reasons] };
  }

  /** A read record → its output row (counted as valid), or why it is invalid (not counted yet). */
  private screen(read: CoercedRecord | InvalidRecord, stats: ScreenStats): OkRow | InvalidRow {
    if (this.dated) return this.datedOutcome(this.dated, read, stats);
    return read.ok ? this.outcome(read.id, read.record, stats) : { id: read.id, errors: read.errors };
  }

  /**
   * A record screened as of the date in its `asOfField` (§14): the day's screener from the dated
   * screener's cache; a programme not in force that day `null`, counted as such.
   */
  private datedOutcome(dated: DatedScreener, read: CoercedRecord | InvalidRecord, stats: ScreenStats): OkRow | InvalidRow {
    const explain = this.plan.explain;
    const r = dated.screenCoerced(read, { explain });
    if (r.status === 'invalid') return { id: r.id, asOf: r.asOf, errors: r.errors };
    stats.valid++;
    stats.countDate(r.asOf);
    const names = this.programNames;
    for (let i = 0; i < names.length; i++) {
      const o = r.programs[names[i]!];
      if (o === 'eligible') stats.eligible[i]!++;
      else if (o === 'ineligible') stats.ineligible[i]!++;
      else if (o === 'undetermined') stats.undetermined[i]!++;
      else stats.notInForce[i]!++;
    }
    const row: OkRow = { id: r.id, asOf: r.asOf, groups: r.groups, programs: r.programs };
    if (explain && r.explain) {
      if (this.plan.output === 'csv') row.explainText = this.engine.renderExplanation(r.explain);
      else row.explainJson = JSON.stringify(r.explain);
    }
    return row;
  }

  private outcome(id: string | null, record: TypedRecord, stats: ScreenStats): OkRow {
    const single = this.single!;
    const result = single.evaluateLines(record, this.lineValues);
    stats.valid++;
    this.counter(this.lineValues, result.programs, record, stats);
    stats.report?.count(record as Readonly<Record<string, unknown>>, result.programs, this.lineValues);
    if (!this.plan.explain) return { id, groups: result.groups, programs: result.programs };
    const explain = single.evaluate(record, true).explain as Explanation;
    return {
      id,
      groups: result.groups,
      programs: result.programs,
      ...(this.plan.output === 'csv'
        ? { explainText: this.engine.renderExplanation(explain) }
        : { explainJson: JSON.stringify(explain) }),
    };
  }
}

/** Output lines of a run of rows, without their row numbers (see `RowScreener.assembleInto`). */
export interface Tails {
  count: number;
  /**
   * Row k's line after its number ('' for a malformed row), or, as bytes, its line after its id
   * (`RowFormatter.okRest`), the id in `ids`.
   */
  tails: (string | Uint8Array)[];
  ids: (string | null)[];
  /** Dated rows (`asOfField`): row k's date, where its bytes wait in `tails` (else empty). */
  asOfs: string[];
  /** Rows the reader found malformed: index in the run, the reader's line, its message, its id. */
  malformed: [number, number, string, string | null][];
}

/** `v`: the row's programme line values (Screener.evaluateLines), `p`: the programmes' outcomes. */
type Counter = (v: Uint8Array, programs: Record<string, Outcome>, record: TypedRecord, stats: ScreenStats) => void;

/**
 * The per-row counting as one generated function, built from the rules' names only (embedded as
 * JSON string literals; record data never reaches the source): per programme, its outcome; for an
 * ineligible one, each line that failed (a false `require`, a true `exclude`); for an
 * undetermined one, each field that an unknown line reads and that is missing (once per row).
 * Line k of all programmes (in order) is `v[k]`: 0 false, 1 unknown, 2 true.
 */
export function compileCounter(programNames: readonly string[], lines: LinePlan, codegen = true): Counter {
  if (codegen) {
    try {
      return generatedCounter(programNames, lines);
    } catch (e) {
      if (!isRefusal(e)) throw e;
    }
  }
  return closureCounter(programNames, lines);
}

function generatedCounter(programNames: readonly string[], lines: LinePlan): Counter {
  const q = JSON.stringify;
  const code: string[] = ["'use strict';", 'return function count(v, p, rec, s) {', '  let o;'];
  let base = 0;
  programNames.forEach((name, pi) => {
    const excludes = lines.excludes[pi]!;
    const at = (li: number) => `v[${base + li}]`;
    const fields = [...new Set(lines.fields[pi]!.flat())];
    code.push(`  o = p[${q(name)}];`);
    code.push(`  if (o === 'eligible') s.eligible[${pi}]++;`);
    code.push(`  else if (o === 'ineligible') {`, `    s.ineligible[${pi}]++;`, `    const f = s.failedLines[${pi}];`);
    excludes.forEach((exclude, li) => code.push(`    if (${at(li)} === ${exclude ? 2 : 0}) f[${li}]++;`));
    code.push('  } else {', `    s.undetermined[${pi}]++;`);
    if (fields.length > 0) {
      code.push(`    let ${fields.map((_, fi) => `u${fi} = false`).join(', ')};`);
      excludes.forEach((_, li) => {
        const read = lines.fields[pi]![li]!.map((f) => `u${fields.indexOf(f)} = true;`);
        if (read.length > 0) code.push(`    if (${at(li)} === 1) { ${read.join(' ')} }`);
      });
      code.push(`    const m = s.missingFields[${pi}];`);
      fields.forEach((f, fi) => code.push(`    if (u${fi} && rec[${q(f)}] == null) m.set(${q(f)}, (m.get(${q(f)}) || 0) + 1);`));
    }
    code.push('  }');
    base += excludes.length;
  });
  code.push('};');
  return (new Function(code.join('\n')) as () => Counter)();
}

/**
 * The same counting without generated code (`codegen: false`, or a host that refuses `new
 * Function`): loops over the same plan, counting exactly what the generated function counts.
 */
function closureCounter(programNames: readonly string[], lines: LinePlan): Counter {
  let base = 0;
  const programs = programNames.map((name, pi) => {
    const excludes = lines.excludes[pi]!;
    // Per line: the value that made the programme ineligible (2 for a true exclude, 0 for a false require).
    const failing = Uint8Array.from(excludes, (exclude) => (exclude ? 2 : 0));
    const fields = [...new Set(lines.fields[pi]!.flat())];
    // Per line: the indexes in `fields` of the fields it reads.
    const reads = lines.fields[pi]!.map((fs) => fs.map((f) => fields.indexOf(f)));
    const program = { name, pi, base, failing, fields, reads };
    base += excludes.length;
    return program;
  });
  return (v, p, rec, s) => {
    for (const { name, pi, base, failing, fields, reads } of programs) {
      const o = p[name];
      if (o === 'eligible') s.eligible[pi]!++;
      else if (o === 'ineligible') {
        s.ineligible[pi]!++;
        const f = s.failedLines[pi]!;
        for (let li = 0; li < failing.length; li++) if (v[base + li] === failing[li]) f[li]!++;
      } else {
        s.undetermined[pi]!++;
        if (fields.length === 0) continue;
        const used = new Array<boolean>(fields.length).fill(false);
        for (let li = 0; li < reads.length; li++) {
          if (v[base + li] === 1) for (const fi of reads[li]!) used[fi] = true;
        }
        const m = s.missingFields[pi]!;
        for (let fi = 0; fi < fields.length; fi++) {
          const f = fields[fi]!;
          if (used[fi] && (rec as Record<string, unknown>)[f] == null) m.set(f, (m.get(f) || 0) + 1);
        }
      }
    }
  };
}
