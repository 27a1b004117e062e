// The counts of a `visit screen` run and the summary it prints on stderr when it is done:
// something a team lead can paste into a mail. It names rows by count only, never a record's
// values (no CPR number can appear: the only texts are the rule file's own names and lines, and in
// those a personal value — `exclude cpr = "0101701234"` — is shown as •••).

import { inForce, maskedSlice, type CheckedFile, type NotInForce } from '@visit/dsl';
import type { ReportTally, ReportTallyData } from '../report/collect';
import type { Lang } from '../report/kit';
import { inForceDays, summaryWords, type SummaryWords } from './words';

/** A programme as the summary names it, with its lines' source text. */
export interface ProgramInfo {
  name: string;
  lines: readonly { kind: 'require' | 'exclude'; source: string }[];
}

/**
 * The programmes of checked rules with each line's condition as written (personal values masked).
 * With `asOf`, those in force that day, in their versions of that day (LANGUAGE.md §13): the
 * programmes a screener for that day counts, in its order.
 */
export function programInfos(checked: CheckedFile, asOf?: string): ProgramInfo[] {
  const view = asOf === undefined ? undefined : inForce(checked, asOf);
  const rules = view?.ok ? view.checked : checked;
  return [...rules.programs.values()].map((p) => ({
    name: p.name.text,
    lines: p.lines.map((l) => ({
      kind: l.mode,
      source: maskedSlice(checked.source, l.condition.range.start.offset, l.condition.range.end.offset, checked.personal),
    })),
  }));
}

/** Plain data (structured-clone safe), so that worker threads can send their counts. */
export interface ScreenStatsData {
  valid: number;
  invalid: number;
  eligible: number[];
  ineligible: number[];
  undetermined: number[];
  /** Rows screened as of their own date (`--as-of-field`) on which the programme was not in force. */
  notInForce: number[];
  /** The distinct reference dates of valid rows screened as of their own date (`--as-of-field`). */
  dates: string[];
  failedLines: number[][];
  missingFields: [string, number][][];
  /** CSV rows read over several lines (a quoted cell with line breaks), and the first: row, line, last line. */
  multiLine: number;
  firstMultiLine: [number, number, number] | null;
  /** `visit screen --report`: the report's own counts (report/collect.ts), when asked. */
  report?: ReportTallyData;
}

/** Counts by programme index (the order of the rules file). */
export class ScreenStats {
  valid = 0;
  invalid = 0;
  readonly eligible: number[];
  readonly ineligible: number[];
  readonly undetermined: number[];
  /** Per programme: valid rows screened as of their own date (`--as-of-field`) on which it was not in force (§13, §14). */
  readonly notInForce: number[];
  /** The distinct dates of valid rows screened as of their own date. */
  readonly dates = new Set<string>();
  /** Per programme, per line: rows in which the line made the programme ineligible. */
  readonly failedLines: number[][];
  /** Per programme: field → rows in which it was missing and would decide an undetermined outcome. */
  readonly missingFields: Map<string, number>[];
  /**
   * CSV rows read over several lines, and the first of them (row, first line, last line): §7 cannot
   * tell a genuine multi-line cell from two stray quotes that merged citizens, so the run warns.
   * A worker counts with its segment's own numbers until they are known (`offsetFirstMultiLine`).
   */
  multiLine = 0;
  firstMultiLine: [number, number, number] | null = null;
  /** NDJSON keys that are no field of the record, in order of appearance (at most MAX_UNKNOWN_KEYS kept). */
  readonly unknownKeys = new Set<string>();

  constructor(
    programNames: readonly string[],
    lineCounts: readonly number[],
    /** `visit screen --report`: the report's own counts, in the same pass (report/collect.ts). */
    readonly report?: ReportTally,
  ) {
    this.eligible = programNames.map(() => 0);
    this.ineligible = programNames.map(() => 0);
    this.undetermined = programNames.map(() => 0);
    this.notInForce = programNames.map(() => 0);
    this.failedLines = lineCounts.map((n) => new Array<number>(n).fill(0));
    this.missingFields = programNames.map(() => new Map());
  }

  get read(): number {
    return this.valid + this.invalid;
  }

  data(): ScreenStatsData {
    return {
      valid: this.valid,
      invalid: this.invalid,
      eligible: this.eligible,
      ineligible: this.ineligible,
      undetermined: this.undetermined,
      notInForce: this.notInForce,
      dates: [...this.dates],
      failedLines: this.failedLines,
      missingFields: this.missingFields.map((m) => [...m]),
      multiLine: this.multiLine,
      firstMultiLine: this.firstMultiLine,
      ...(this.report ? { report: this.report.data() } : {}),
    };
  }

  /** A valid row screened as of `date` (its own, `--as-of-field`). */
  countDate(date: string): void {
    this.dates.add(date);
  }

  /** A row read over lines `line`–`endLine`. */
  countMultiLine(row: number, line: number, endLine: number): void {
    this.multiLine++;
    if (this.firstMultiLine === null || row < this.firstMultiLine[0]) this.firstMultiLine = [row, line, endLine];
  }

  /** Makes the first multi-line row's numbers the run's, once a segment's first row and line are known. */
  offsetFirstMultiLine(rowBase: number, lineBase: number): void {
    const f = this.firstMultiLine;
    if (f) this.firstMultiLine = [rowBase + f[0], lineBase + f[1], lineBase + f[2]];
  }

  /** Adds the counts of another part of the same run. */
  add(other: ScreenStatsData): void {
    this.valid += other.valid;
    this.invalid += other.invalid;
    const sum = (into: number[], from: readonly number[]) => from.forEach((n, i) => (into[i] = (into[i] ?? 0) + n));
    sum(this.eligible, other.eligible);
    sum(this.ineligible, other.ineligible);
    sum(this.undetermined, other.undetermined);
    sum(this.notInForce, other.notInForce);
    for (const d of other.dates) this.dates.add(d);
    other.failedLines.forEach((lines, p) => sum(this.failedLines[p]!, lines));
    other.missingFields.forEach((fields, p) => {
      const into = this.missingFields[p]!;
      for (const [f, n] of fields) into.set(f, (into.get(f) ?? 0) + n);
    });
    this.multiLine += other.multiLine;
    if (other.report) this.report?.add(other.report);
    const first = other.firstMultiLine;
    if (first && (this.firstMultiLine === null || first[0] < this.firstMultiLine[0])) this.firstMultiLine = first;
  }
}

/** Unknown NDJSON keys kept by name (the warning names 10; this bounds memory on a file of random keys). */
export const MAX_UNKNOWN_KEYS = 10_000;

const CPR_LIKE = /\d{6}-?\d{4}|(?<!\d)\d{9}(?!\d)/;

/** The language of the summary's words (summary/words.ts); English when not given. */
export interface SummaryOptions {
  lang?: Lang | undefined;
}

/**
 * The warnings that only the whole input can give, once every row is read: rows over several lines
 * (CSV), keys that are no field (NDJSON). Counts, row and line numbers, and key names (a name that
 * looks like a CPR number withheld) — never a value.
 */
export function readingWarnings(stats: ScreenStats, options: SummaryOptions = {}): string[] {
  const w = summaryWords(options.lang);
  const out: string[] = [];
  const first = stats.firstMultiLine;
  if (stats.multiLine > 0 && first) {
    out.push(stats.multiLine === 1 ? w.multiLineOne(first[0], first[1], first[2]) : w.multiLineMany(stats.multiLine, first[0], first[1], first[2]));
  }
  const keys = [...stats.unknownKeys];
  if (keys.length > 0) {
    const named = keys.slice(0, 10).map((k) => (CPR_LIKE.test(k) ? w.cprWithheld : JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k)));
    const atLeast = keys.length >= MAX_UNKNOWN_KEYS;
    const more = keys.length > 10 ? (atLeast ? 'more' : keys.length - 10) : 0;
    out.push(w.unknownKeys(atLeast ? MAX_UNKNOWN_KEYS : keys.length, atLeast, named.join(', '), more));
  }
  return out;
}

/**
 * The summary's line naming the rules that decided (no newline): `  rules      sha256:<12 hex>… as
 * of DATE`, then `, params name=value, …` when overrides were given. A case system stores the full
 * hash (`screenRecords(…).summary().rules`, `visit compile`); twelve digits tell runs apart. With
 * `asOfField` (§14) the date is each row's own: `as of each row's FIELD`.
 */
export function renderRules(
  rules: { sha256: string; asOf: string; params: Readonly<Record<string, string>>; asOfField?: string | undefined },
  options: SummaryOptions = {},
): string {
  const w = summaryWords(options.lang);
  const short = rules.sha256.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1…');
  const params = Object.entries(rules.params).map(([name, value]) => `${name}=${value}`);
  const when = rules.asOfField === undefined ? w.rulesAsOf(rules.asOf) : w.rulesEachRow(rules.asOfField);
  return `  ${w.rules.padEnd(labelWidth(w))}  ${short} ${when}${params.length > 0 ? `, ${w.params(params.join(', '))}` : ''}`;
}

/** The width of the summary's labels (`rows read`, …): at least 9, so that English keeps its columns. */
function labelWidth(w: SummaryWords): number {
  return Math.max(9, w.rules.length, w.rowsRead.length, w.valid.length, w.invalid.length);
}

/**
 * The summary's line naming what a run as of `asOf` left out (§13), or `undefined` when nothing:
 * `  not in force on 2017-03-01: hovedvej3, 2015-11-01 – 2016-12-31; …`. Programmes only (a group
 * nothing in force uses is left out of the output too, but the summary counts programmes).
 */
export function renderNotInForce(checked: CheckedFile, asOf: string, options: SummaryOptions = {}): string | undefined {
  const w = summaryWords(options.lang);
  const view = inForce(checked, asOf);
  const programs = view.ok ? view.notInForce.filter((x) => x.kind === 'program') : [];
  if (programs.length === 0) return undefined;
  const describe = (x: NotInForce) => (x.inForce === '' ? w.notInForceNever(x.name) : w.notInForceItem(x.name, inForceDays(x.inForce, options.lang)));
  return `  ${w.notInForceOn(asOf, programs.map(describe).join('; '))}`;
}

/** The three rows-read lines of both summaries. */
function countLines(stats: ScreenStats, w: SummaryWords, width: number): string[] {
  const label = labelWidth(w);
  return [
    `  ${w.rowsRead.padEnd(label)}  ${w.number(stats.read).padStart(width)}`,
    `  ${w.valid.padEnd(label)}  ${w.number(stats.valid).padStart(width)}`,
    `  ${w.invalid.padEnd(label)}  ${w.number(stats.invalid).padStart(width)}`,
  ];
}

/** The summary text (several lines, each ending in a newline). */
export function renderSummary(stats: ScreenStats, programs: readonly ProgramInfo[], heading: string, top = 3, options: SummaryOptions = {}): string {
  const w = summaryWords(options.lang);
  const n = w.number;
  const width = Math.max(n(stats.read).length, 7);
  const out: string[] = [heading, ...countLines(stats, w, width)];
  if (programs.length === 0) return out.join('\n') + '\n';

  const nameWidth = Math.max(9, w.programme.length, ...programs.map((p) => p.name.length));
  const columns = [
    [w.eligible, stats.eligible],
    [w.ineligible, stats.ineligible],
    [w.undetermined, stats.undetermined],
  ] as const;
  const colWidth = Math.max(12, width, ...columns.map(([c]) => c.length));
  out.push('');
  out.push(`  ${w.programme.padEnd(nameWidth)}  ${columns.map(([c]) => c.padStart(colWidth)).join('  ')}`);
  programs.forEach((p, i) => {
    out.push(`  ${p.name.padEnd(nameWidth)}  ${columns.map(([, counts]) => n(counts[i] ?? 0).padStart(colWidth)).join('  ')}`);
  });

  const failed: string[] = [];
  const missing: string[] = [];
  programs.forEach((p, i) => {
    const worst = (stats.failedLines[i] ?? [])
      .map((count, line) => ({ count, line }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count || a.line - b.line)
      .slice(0, top);
    worst.forEach((x, k) => {
      const line = p.lines[x.line]!;
      const text = line.source.replace(/\s+/g, ' ');
      failed.push(`    ${(k === 0 ? p.name : '').padEnd(nameWidth)}  ${w.failedLine(x.line + 1, line.kind, text, x.count)}`);
    });
    const fields = [...(stats.missingFields[i] ?? [])]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([f, count]) => w.missingField(f, count));
    if (fields.length > 0) missing.push(`    ${p.name.padEnd(nameWidth)}  ${fields.join(', ')}`);
  });
  if (failed.length > 0) out.push('', `  ${w.mostFailed}`, ...failed);
  if (missing.length > 0) out.push('', `  ${w.mostMissing}`, ...missing);
  return out.join('\n') + '\n';
}

/**
 * The summary of a run that screened each row as of its own date (`--as-of-field`, §14): rows read,
 * valid, invalid, and per programme of the file its outcomes and the rows on whose day it was not
 * in force. (Failed lines and missing fields are not counted: a programme's lines may differ from
 * one version to the next.)
 */
export function renderDatedSummary(stats: ScreenStats, programNames: readonly string[], heading: string, options: SummaryOptions = {}): string {
  const w = summaryWords(options.lang);
  const n = w.number;
  const width = Math.max(n(stats.read).length, 7);
  const out = [heading, ...countLines(stats, w, width)];
  if (programNames.length > 0) {
    const nameWidth = Math.max(9, w.programme.length, ...programNames.map((p) => p.length));
    const cols = [w.eligible, w.ineligible, w.undetermined, w.notInForce];
    const colWidth = Math.max(12, width, ...cols.map((c) => c.length));
    out.push('', `  ${w.programme.padEnd(nameWidth)}  ${cols.map((c) => c.padStart(colWidth)).join('  ')}`);
    programNames.forEach((p, i) =>
      out.push(
        `  ${p.padEnd(nameWidth)}  ${[stats.eligible[i], stats.ineligible[i], stats.undetermined[i], stats.notInForce[i]].map((x) => n(x ?? 0).padStart(colWidth)).join('  ')}`,
      ),
    );
  }
  return out.join('\n') + '\n';
}
