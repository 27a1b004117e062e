// The row loop of `visit screen`: input entries (CSV or NDJSON rows, well-formed or not) → output
// lines, in order, exactly one per entry, counting as it goes. The same code runs on the main
// thread and in the worker threads; a `ScreenPlan` (plain data) is all it needs to be rebuilt.

import type { CheckedFile } from '@visit/dsl';
import type { CoercedRecord, CsvReader, Explanation, InvalidRecord, Screener, TypedRecord } from '@visit/engine';
import type { CsvDelimiter, CsvEntry, CsvRowError, NdjsonEntry, NdjsonRowError } from '../read/index';
import { csvFormatter, isRefusal, ndjsonFormatter, type OkRow, type Outcome, type RowFormatter } from '../format/rows';
import { linePlan, type LinePlan } from './lines';
import { MAX_UNKNOWN_KEYS, ScreenStats } from '../summary/stats';

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
}

type Engine = typeof import('@visit/engine');

export type BuildResult = { ok: true; rows: RowScreener } | { ok: false; message: string };

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
  /** The record's field names (NDJSON keys that are none are warned about). */
  private readonly fieldNames: ReadonlySet<string>;

  private constructor(
    private readonly engine: Engine,
    private readonly screener: Screener,
    lines: LinePlan,
    private readonly plan: ScreenPlan,
  ) {
    this.groupNames = screener.groupNames;
    this.programNames = screener.programNames;
    // Closures wherever the engine uses them (asked, or code generation refused); a refusal that
    // comes only now is caught where the lines and the counter are made.
    const codegen = plan.codegen !== false && screener.evaluator === 'generated';
    this.formatter =
      plan.output === 'csv'
        ? csvFormatter(this.groupNames, this.programNames, plan.explain, codegen)
        : ndjsonFormatter(this.groupNames, this.programNames, codegen);
    this.lineCounts = lines.excludes.map((l) => l.length);
    this.lineValues = new Uint8Array(screener.lineCount);
    this.stats = new ScreenStats(this.programNames, this.lineCounts);
    this.counter = compileCounter(this.programNames, lines, codegen);
    this.fieldNames = new Set(screener.record.fields.map((f) => f.name));
    if (plan.csv) {
      const reader = screener.csvReader(plan.csv.header, { decimalComma: plan.csv.delimiter === ';' });
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
    const compiled = engine.compile(checked ?? plan.source, { asOf: plan.asOf, params: plan.params, ...(plan.codegen === false ? { codegen: false } : {}) });
    if (!compiled.ok) return { ok: false, message: compiled.diagnostics.map((d) => d.message).join('; ') };
    const screener = compiled.screener;
    const lines = plan.lines ?? linePlan(screener.checked);
    const planned = lines.excludes.reduce((n, l) => n + l.length, 0);
    if (lines.excludes.length !== screener.programNames.length || planned !== screener.lineCount) {
      return { ok: false, message: `internal error: the summary's line plan (${planned} lines) does not fit the rules (${screener.lineCount} lines)` };
    }
    return { ok: true, rows: new RowScreener(engine, screener, lines, plan) };
  }

  /** A new, empty set of counts of the same shape (a worker counts each segment apart). */
  newStats(): ScreenStats {
    return new ScreenStats(this.programNames, this.lineCounts);
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
    const parts: string[] = new Array<string>(entries.length);
    const malformed: [number, number, string, string | null][] = [];
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      let tail: string;
      if ('error' in entry) {
        stats.invalid++;
        malformed.push([k, entry.line, entry.error, keyOf(entry as E)]);
        tail = '';
      } else {
        const result = read('cells' in entry ? entry.cells : entry.value);
        if (result.ok) tail = this.screenRecord(result.id, result.record, stats);
        else {
          stats.invalid++;
          tail = this.formatter.invalidTail({ id: result.id, errors: result.errors });
        }
      }
      parts[k] = tail;
    }
    return { count: entries.length, tails: parts, malformed };
  }

  /**
   * The output text of a run of rows: the k-th row is number `firstRow + k`; a malformed row's
   * physical line is the reader's line plus `lineBase`.
   */
  assemble(tails: Tails, firstRow: number, lineBase = 0): string {
    const prefix = this.formatter.rowPrefix;
    const parts: string[] = [];
    let m = 0;
    for (let k = 0; k < tails.count; k++) {
      const row = firstRow + k;
      const bad = tails.malformed[m];
      if (bad && bad[0] === k) {
        m++;
        parts.push(prefix, String(row), this.formatter.invalidTail({ id: bad[3], errors: [`line ${lineBase + bad[1]}: ${bad[2]}`] }));
      } else {
        parts.push(prefix, String(row), tails.tails[k]!);
      }
    }
    return parts.join('');
  }

  /**
   * CSV rows → output text, counted in `stats`. A row's number is `rowBase` plus the reader's
   * count, a malformed row's line `lineBase` plus the reader's line: 0 and 0 when one reader reads
   * the whole file, a segment's offsets when its numbers are known in advance (split/segments.ts).
   */
  csv(entries: readonly CsvEntry[], stats: ScreenStats = this.stats, rowBase = 0, lineBase = 0): string {
    const reader = this.csvReader!;
    const formatter = this.formatter;
    const lines: string[] = new Array<string>(entries.length);
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      const row = rowBase + entry.row;
      if (entry.endLine !== undefined) stats.countMultiLine(row, lineBase + entry.line, lineBase + entry.endLine);
      if ('error' in entry) {
        stats.invalid++;
        lines[k] = `${formatter.rowPrefix}${row}${formatter.invalidTail({ id: this.csvKey(entry), errors: [`line ${lineBase + entry.line}: ${entry.error}`] })}`;
        continue;
      }
      const read = reader.read(entry.cells);
      if (read.ok) lines[k] = this.screenLine(row, read.id, read.record, stats);
      else {
        stats.invalid++;
        lines[k] = `${formatter.rowPrefix}${row}${formatter.invalidTail({ id: read.id, errors: read.errors })}`;
      }
    }
    return lines.join('');
  }

  /** NDJSON rows → output text. */
  ndjson(entries: readonly NdjsonEntry[]): string {
    return entries.length === 0 ? '' : this.assemble(this.ndjsonTails(entries), entries[0]!.row);
  }

  /** A valid record's line after its number. */
  private screenRecord(id: string | null, record: TypedRecord, stats: ScreenStats): string {
    return this.formatter.okTail(this.outcome(id, record, stats));
  }

  /** A valid record's whole line. */
  private screenLine(row: number, id: string | null, record: TypedRecord, stats: ScreenStats): string {
    return this.formatter.okLine(row, this.outcome(id, record, stats));
  }

  private outcome(id: string | null, record: TypedRecord, stats: ScreenStats): OkRow {
    const result = this.screener.evaluateLines(record, this.lineValues);
    stats.valid++;
    this.counter(this.lineValues, result.programs, record, stats);
    if (!this.plan.explain) return { id, groups: result.groups, programs: result.programs };
    const explain = this.screener.evaluate(record, true).explain as Explanation;
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

/** Output lines of a run of rows, without their row numbers (see `RowScreener.assemble`). */
export interface Tails {
  count: number;
  /** Row k's line after its number ('' for a malformed row). */
  tails: string[];
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
