// `diffRecords(source, old, new, options)`: what a rule change does (LANGUAGE.md §17). ONE pass over
// the records, read once with the readers `visit screen` uses; each row is read into each side's
// record declaration (the two files may declare it differently) and evaluated under both sides'
// compiled rules, with every programme line's value (`Screener.evaluateLines`). Counted:
//
// - per programme in both sides, the 3×3 transition matrix (eligible/ineligible/undetermined →
//   each) over the rows valid on both sides; invalid rows apart (on both sides, only old, only new);
// - per group in both sides, the true/false/unknown matrix;
// - programmes and groups in one side only, with that side's counts;
// - for rows whose outcome moved, the lines whose verdict (passes/fails/unknown, or absent in one
//   side) changed, matched between the sides by kind and source text, with the move they made;
// - with `by` (`--by`, breakdown/), the programme matrices per key (as of the old side's date).
//
// A side is a rule text, a reference date and param overrides: two files, one file with two param
// sets, one file at two dates (§13's dated rules: a law change), or any mix. The result carries
// counts and the rules' source text (personal literals masked) only; the changed rows (they carry
// ids) go to `onChangedRow`, for a file like screen's output. Browser-safe.

import { check, rulesVersion, type CheckedFile } from '@visit/dsl';
import * as engine from '@visit/engine';
import type { CsvReader as RecordCsvReader, ProgramOutcome, RulesVersion, Screener } from '@visit/engine';
import { openCsv, openNdjson, sniffFormat, type CsvDelimiter, type CsvEntry, type Encoding, type NdjsonEntry, type RecordsFormat } from '../read/index';
import { byteSource, RecordsError, RulesError, type ListSource, type RecordsSource, type RulesInput } from '../screen-records';
import { ListJoin, readList, type ListData } from '../read/lists';
import { programInfos } from '../summary/stats';
import { parseBreakdown, type Breakdown, type BreakdownLang } from '../breakdown/index';

export const OUTCOMES = ['eligible', 'ineligible', 'undetermined'] as const;
export type Outcome = ProgramOutcome;
export const TRUTHS = ['true', 'false', 'unknown'] as const;
export type Truth = (typeof TRUTHS)[number];

/** One side of the comparison: rules, the reference date (default today), param overrides. */
export interface DiffSide {
  rules: RulesInput;
  asOf?: string;
  params?: Record<string, string>;
}

export interface DiffOptions {
  inputFormat?: RecordsFormat;
  delimiter?: CsvDelimiter;
  encoding?: Encoding;
  /** `--by` specs (breakdown/): the programme matrices per key. */
  by?: readonly string[];
  /** The language of band labels and of `missing`. */
  lang?: BreakdownLang;
  /**
   * Each row whose outcome of a programme in both sides changed, once per such programme (ids:
   * personal data). A promise it returns (a write that must wait) is awaited before the next batch
   * of rows is read.
   */
  onChangedRow?: (row: ChangedRow) => void | Promise<void>;
  /** Each warning once (CSV header columns, an encoding guess); never a record's value. */
  onWarning?: (message: string) => void;
  codegen?: boolean;
  /**
   * List fields from second CSV files (`--list NAME=FILE`, §12), for CSV records: read once, with
   * the old side's declaration of the list, and joined into each side's record (the new side must
   * declare the list the same way).
   */
  lists?: Record<string, ListSource | { file: string; source: ListSource }>;
}

/** A programme's state in a row: its outcome, or `invalid` when the row does not fit that side's record. */
export type RowState = Outcome | 'invalid';

export interface ChangedRow {
  row: number;
  id: string | null;
  program: string;
  old: RowState;
  new: RowState;
}

export type Matrix<K extends string> = Record<K, Record<K, number>>;

/** A line's verdict in a row: `absent` when the line is not in that side's programme. */
export type Verdict = 'passes' | 'fails' | 'unknown' | 'absent';

export interface LineChange {
  program: string;
  kind: 'require' | 'exclude';
  /** The line's condition as written (personal literals masked), from the new side if there, else the old. */
  source: string;
  label: string | null;
  oldLine: number | null;
  newLine: number | null;
  was: Verdict;
  now: Verdict;
  from: Outcome;
  to: Outcome;
  rows: number;
}

export interface ProgramDiff {
  name: string;
  label: string | null;
  matrix: Matrix<Outcome>;
  /** Rows (valid on both sides) whose outcome changed. */
  changed: number;
}

export interface OneSided {
  name: string;
  side: 'old' | 'new';
  /** Counts of that side's outcomes (programmes) or values (groups) over the rows valid on both sides. */
  counts: Record<string, number>;
}

export interface BreakdownDiff {
  spec: string;
  field: string;
  keys: { key: string; rows: number; programs: { name: string; matrix: Matrix<Outcome>; changed: number }[] }[];
}

export interface DiffResult {
  old: RulesVersion;
  new: RulesVersion;
  rows: number;
  /** Rows valid on both sides (each matrix sums to this). */
  valid: number;
  invalid: { both: number; oldOnly: number; newOnly: number };
  /** Rows with a change in some programme of both sides (a row turned invalid or valid counts). */
  changedRows: number;
  programs: ProgramDiff[];
  groups: { name: string; matrix: Matrix<Truth>; changed: number }[];
  onlyOld: OneSided[];
  onlyNew: OneSided[];
  lines: LineChange[];
  by: BreakdownDiff[];
}

interface Side {
  screener: Screener;
  version: RulesVersion;
  lineValues: Uint8Array;
  /** Per programme of this side: its first line's index in `lineValues`. */
  base: number[];
  csv?: RecordCsvReader;
  asOf: string;
}

export async function diffRecords(source: RecordsSource, oldSide: DiffSide, newSide: DiffSide, options: DiffOptions = {}): Promise<DiffResult> {
  const today = todayIso();
  const a = compileSide('old', oldSide, today, options);
  const b = compileSide('new', newSide, today, options);
  const aProgs = a.screener.programNames;
  const bProgs = b.screener.programNames;
  const common = aProgs.filter((p) => bProgs.includes(p));
  const P = common.length;
  const pa = common.map((p) => aProgs.indexOf(p));
  const pb = common.map((p) => bProgs.indexOf(p));
  const aGroups = a.screener.groupNames;
  const bGroups = b.screener.groupNames;
  const commonGroups = aGroups.filter((g) => bGroups.includes(g));
  const G = commonGroups.length;

  const breakdowns: Breakdown[] = [];
  for (const spec of options.by ?? []) {
    const p = parseBreakdown(spec, a.screener.record, options.lang ? { lang: options.lang } : {});
    if (!p.ok) throw new RulesError(p.message, []);
    breakdowns.push(p.breakdown);
  }

  const matrices = new Float64Array(P * 9);
  const groupMatrices = new Float64Array(G * 9);
  const onlyA = aProgs.filter((p) => !common.includes(p)).map(() => new Float64Array(3));
  const onlyB = bProgs.filter((p) => !common.includes(p)).map(() => new Float64Array(3));
  const onlyAIdx = aProgs.flatMap((p, i) => (common.includes(p) ? [] : [i]));
  const onlyBIdx = bProgs.flatMap((p, i) => (common.includes(p) ? [] : [i]));
  const onlyAGroups = aGroups.filter((g) => !commonGroups.includes(g));
  const onlyBGroups = bGroups.filter((g) => !commonGroups.includes(g));
  const onlyAGroupCounts = onlyAGroups.map(() => new Float64Array(3));
  const onlyBGroupCounts = onlyBGroups.map(() => new Float64Array(3));
  const byCounts = breakdowns.map(() => new Map<string, { rows: number; m: Float64Array }>());
  const lineMatch = matchLines(common, a, b);
  const lineCounts = new Map<string, number>();
  let rows = 0;
  let valid = 0;
  let invalidBoth = 0;
  let invalidOld = 0;
  let invalidNew = 0;
  let changedRows = 0;
  const given = options.onChangedRow;
  let waiting: Promise<void> | undefined;
  const onChanged = given
    ? (r: ChangedRow) => {
        const wait = given(r);
        if (wait) waiting = wait;
      }
    : undefined;
  const drain = async () => {
    if (!waiting) return;
    const w = waiting;
    waiting = undefined;
    await w;
  };

  const screenRow = (row: number, ra: engine.CoercedRecord | engine.InvalidRecord, rb: engine.CoercedRecord | engine.InvalidRecord) => {
    rows++;
    if (!ra.ok || !rb.ok) {
      if (!ra.ok && !rb.ok) {
        invalidBoth++;
        return;
      }
      if (!ra.ok) invalidOld++;
      else invalidNew++;
      // Every common programme moved from or to `invalid`.
      changedRows++;
      const oa = ra.ok ? a.screener.evaluate(ra.record).programs : undefined;
      const ob = rb.ok ? b.screener.evaluate(rb.record).programs : undefined;
      if (onChanged) {
        const id = ra.id ?? rb.id;
        for (const name of common) onChanged({ row, id, program: name, old: oa ? oa[name]! : 'invalid', new: ob ? ob[name]! : 'invalid' });
      }
      return;
    }
    valid++;
    const ea = a.screener.evaluateLines(ra.record, a.lineValues);
    const eb = b.screener.evaluateLines(rb.record, b.lineValues);
    const A = ea.programs;
    const B = eb.programs;
    let rowChanged = false;
    const keys = breakdowns.length > 0 ? breakdowns.map((bd) => bd.keyOf(ra.record, a.asOf)) : undefined;
    const cells = keys ? keys.map((k, i) => cellOf(byCounts[i]!, k, P)) : undefined;
    for (let i = 0; i < P; i++) {
      const name = common[i]!;
      const oa = A[name]!;
      const ob = B[name]!;
      const ia = outcomeIndex(oa);
      const ib = outcomeIndex(ob);
      matrices[i * 9 + ia * 3 + ib]!++;
      if (cells) for (const c of cells) c.m[i * 9 + ia * 3 + ib]!++;
      if (ia !== ib) {
        rowChanged = true;
        countLines(lineCounts, i, lineMatch[i]!, a, b, pa[i]!, pb[i]!, oa, ob);
        onChanged?.({ row, id: ra.id ?? rb.id, program: name, old: oa, new: ob });
      }
    }
    if (cells) for (const c of cells) c.rows++;
    if (rowChanged) changedRows++;
    for (let g = 0; g < G; g++) {
      const name = commonGroups[g]!;
      groupMatrices[g * 9 + truthIndex(ea.groups[name]) * 3 + truthIndex(eb.groups[name])]!++;
    }
    for (let k = 0; k < onlyAIdx.length; k++) onlyA[k]![outcomeIndex(A[aProgs[onlyAIdx[k]!]!]!)]!++;
    for (let k = 0; k < onlyBIdx.length; k++) onlyB[k]![outcomeIndex(B[bProgs[onlyBIdx[k]!]!]!)]!++;
    for (let k = 0; k < onlyAGroups.length; k++) onlyAGroupCounts[k]![truthIndex(ea.groups[onlyAGroups[k]!])]!++;
    for (let k = 0; k < onlyBGroups.length; k++) onlyBGroupCounts[k]![truthIndex(eb.groups[onlyBGroups[k]!])]!++;
  };

  await readRows(source, a, b, options, screenRow, drain);
  await drain();

  const matrixOf = <K extends string>(names: readonly K[], m: Float64Array, at: number): Matrix<K> =>
    Object.fromEntries(names.map((x, i) => [x, Object.fromEntries(names.map((y, j) => [y, m[at + i * 3 + j]!]))])) as Matrix<K>;
  const offDiagonal = (m: Float64Array, at: number) => m[at + 1]! + m[at + 2]! + m[at + 3]! + m[at + 5]! + m[at + 6]! + m[at + 7]!;
  const labelOf = (name: string) => (b.screener.checked.programs.get(name) ?? a.screener.checked.programs.get(name))?.label?.value ?? null;
  return {
    old: a.version,
    new: b.version,
    rows,
    valid,
    invalid: { both: invalidBoth, oldOnly: invalidOld, newOnly: invalidNew },
    changedRows,
    programs: common.map((name, i) => ({ name, label: labelOf(name), matrix: matrixOf(OUTCOMES, matrices, i * 9), changed: offDiagonal(matrices, i * 9) })),
    groups: commonGroups.map((name, g) => ({ name, matrix: matrixOf(TRUTHS, groupMatrices, g * 9), changed: offDiagonal(groupMatrices, g * 9) })),
    onlyOld: [
      ...onlyAIdx.map((pi, k) => oneSided(aProgs[pi]!, 'old', OUTCOMES, onlyA[k]!)),
      ...onlyAGroups.map((g, k) => oneSided(g, 'old', TRUTHS, onlyAGroupCounts[k]!)),
    ],
    onlyNew: [
      ...onlyBIdx.map((pi, k) => oneSided(bProgs[pi]!, 'new', OUTCOMES, onlyB[k]!)),
      ...onlyBGroups.map((g, k) => oneSided(g, 'new', TRUTHS, onlyBGroupCounts[k]!)),
    ],
    lines: lineChanges(lineCounts, common, lineMatch),
    by: breakdowns.map((bd, i) => ({
      spec: bd.spec,
      field: bd.field,
      keys: [...byCounts[i]!.entries()]
        .sort(([x], [y]) => bd.compare(x, y))
        .map(([key, c]) => ({
          key,
          rows: c.rows,
          programs: common.map((name, p) => ({ name, matrix: matrixOf(OUTCOMES, c.m, p * 9), changed: offDiagonal(c.m, p * 9) })),
        })),
    })),
  };
}

function oneSided(name: string, side: 'old' | 'new', labels: readonly string[], counts: Float64Array): OneSided {
  return { name, side, counts: Object.fromEntries(labels.map((l, i) => [l, counts[i]!])) };
}

function cellOf(map: Map<string, { rows: number; m: Float64Array }>, key: string, programs: number) {
  let c = map.get(key);
  if (!c) map.set(key, (c = { rows: 0, m: new Float64Array(programs * 9) }));
  return c;
}

function outcomeIndex(o: Outcome): number {
  return o === 'eligible' ? 0 : o === 'ineligible' ? 1 : 2;
}

function truthIndex(v: boolean | null | undefined): number {
  return v === true ? 0 : v === false ? 1 : 2;
}

function compileSide(which: 'old' | 'new', side: DiffSide, today: string, options: DiffOptions): Side {
  const text = typeof side.rules === 'string' ? side.rules : side.rules.source;
  const params = side.params ?? {};
  const given = typeof side.rules !== 'string' ? side.rules.checked : undefined;
  const checked: CheckedFile = given ?? check(text, { params });
  if (checked.hasErrors) {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    throw new RulesError(`the ${which} rules have ${errors.length === 1 ? '1 error' : `${errors.length} errors`}: ${errors.map((d) => d.message).join('; ')}`, checked.diagnostics);
  }
  const asOf = side.asOf ?? today;
  const compiled = engine.compile(checked, { asOf, params, ...(options.codegen === false ? { codegen: false } : {}) });
  if (!compiled.ok) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    throw new RulesError(`the ${which} rules as of ${asOf}: ${errors.map((d) => d.message).join('; ')}`, compiled.diagnostics);
  }
  const screener = compiled.screener;
  const base: number[] = [];
  let at = 0;
  for (const p of screener.checked.programs.values()) {
    base.push(at);
    at += p.lines.length;
  }
  return { screener, version: { sha256: rulesVersion(text), asOf, params: { ...params } }, lineValues: new Uint8Array(screener.lineCount), base, asOf };
}

/** A line of a programme in both sides: its index in each side's programme (or -1), its kind and text. */
interface MatchedLine {
  kind: 'require' | 'exclude';
  source: string;
  label: string | null;
  oldIndex: number;
  newIndex: number;
  oldLine: number | null;
  newLine: number | null;
}

/** Per common programme, its lines of both sides, matched by kind and source text, in order. */
function matchLines(common: readonly string[], a: Side, b: Side): MatchedLine[][] {
  const masked = (s: Side) => new Map(programInfos(s.screener.checked).map((p) => [p.name, p.lines]));
  const ma = masked(a);
  const mb = masked(b);
  return common.map((name) => {
    const la = a.screener.checked.programs.get(name)!.lines;
    const lb = b.screener.checked.programs.get(name)!.lines;
    const ta = la.map((l) => `${l.mode} ${a.screener.checked.source.slice(l.condition.range.start.offset, l.condition.range.end.offset)}`);
    const tb = lb.map((l) => `${l.mode} ${b.screener.checked.source.slice(l.condition.range.start.offset, l.condition.range.end.offset)}`);
    const out: MatchedLine[] = [];
    const usedA = new Set<number>();
    lb.forEach((l, j) => {
      const i = ta.findIndex((t, k) => !usedA.has(k) && t === tb[j]);
      if (i >= 0) usedA.add(i);
      out.push({
        kind: l.mode,
        source: mb.get(name)![j]!.source,
        label: l.label?.value ?? (i >= 0 ? (la[i]!.label?.value ?? null) : null),
        oldIndex: i,
        newIndex: j,
        oldLine: i >= 0 ? la[i]!.range.start.line : null,
        newLine: l.range.start.line,
      });
    });
    la.forEach((l, i) => {
      if (usedA.has(i)) return;
      out.push({ kind: l.mode, source: ma.get(name)![i]!.source, label: l.label?.value ?? null, oldIndex: i, newIndex: -1, oldLine: l.range.start.line, newLine: null });
    });
    return out;
  });
}

const VERDICTS: readonly Verdict[] = ['passes', 'fails', 'unknown', 'absent'];

function verdict(kind: 'require' | 'exclude', v: number): number {
  // v: 0 false, 1 unknown, 2 true → 0 passes, 1 fails, 2 unknown
  if (v === 1) return 2;
  return (kind === 'require') === (v === 2) ? 0 : 1;
}

function countLines(counts: Map<string, number>, pi: number, lines: readonly MatchedLine[], a: Side, b: Side, pa: number, pb: number, oa: Outcome, ob: Outcome): void {
  const baseA = a.base[pa]!;
  const baseB = b.base[pb]!;
  for (let u = 0; u < lines.length; u++) {
    const l = lines[u]!;
    const was = l.oldIndex < 0 ? 3 : verdict(l.kind, a.lineValues[baseA + l.oldIndex]!);
    const now = l.newIndex < 0 ? 3 : verdict(l.kind, b.lineValues[baseB + l.newIndex]!);
    if (was === now) continue;
    const key = `${pi}|${u}|${was}|${now}|${oa}|${ob}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}

function lineChanges(counts: Map<string, number>, common: readonly string[], match: MatchedLine[][]): LineChange[] {
  const out: LineChange[] = [];
  for (const [key, rows] of counts) {
    const [p, u, was, now, from, to] = key.split('|') as [string, string, string, string, Outcome, Outcome];
    const l = match[Number(p)]![Number(u)]!;
    out.push({
      program: common[Number(p)]!,
      kind: l.kind,
      source: l.source,
      label: l.label,
      oldLine: l.oldLine,
      newLine: l.newLine,
      was: VERDICTS[Number(was)]!,
      now: VERDICTS[Number(now)]!,
      from,
      to,
      rows,
    });
  }
  return out.sort((x, y) => y.rows - x.rows || x.program.localeCompare(y.program) || (x.newLine ?? x.oldLine ?? 0) - (y.newLine ?? y.oldLine ?? 0));
}

async function readRows(
  source: RecordsSource,
  a: Side,
  b: Side,
  options: DiffOptions,
  screenRow: (row: number, ra: engine.CoercedRecord | engine.InvalidRecord, rb: engine.CoercedRecord | engine.InvalidRecord) => void,
  drain: () => Promise<void>,
): Promise<void> {
  const warned = new Set<string>();
  const warn = (m: string) => {
    if (warned.has(m)) return;
    warned.add(m);
    options.onWarning?.(m);
  };
  const textOptions = { ...(options.encoding === undefined ? {} : { encoding: options.encoding }), onWarning: warn };
  const ndjsonEntry = (e: NdjsonEntry) => {
    if ('error' in e) {
      const ida = e.value === undefined ? null : a.screener.validateJson(e.value).id;
      const bad = { ok: false as const, id: ida, errors: [`line ${e.line}: ${e.error}`] };
      screenRow(e.row, bad, bad);
    } else screenRow(e.row, a.screener.validateJson(e.value), b.screener.validateJson(e.value));
  };
  const listNames = Object.keys(options.lists ?? {});
  const noLists = () => {
    if (listNames.length > 0) throw new RecordsError(`--list ${listNames[0]}: lists from a second file are for CSV records; in NDJSON a list is an array of objects in each line`);
  };
  if (Array.isArray(source)) {
    noLists();
    source.forEach((value, i) => ndjsonEntry({ row: i + 1, line: i + 1, value: value as Record<string, unknown> }));
    return;
  }
  let bytes = byteSource(source);
  let format = options.inputFormat;
  if (format === undefined) ({ format, source: bytes } = await sniffFormat(bytes, options.encoding));
  if (format === 'ndjson') {
    noLists();
    if (options.delimiter !== undefined) throw new RecordsError('a delimiter applies to CSV input, not to NDJSON');
    for await (const batch of openNdjson(bytes, textOptions).batches()) {
      for (const e of batch) ndjsonEntry(e);
      await drain();
    }
    return;
  }
  const opened = await openCsv(bytes, { ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }), ...textOptions });
  if (!opened.ok) throw new RecordsError(opened.error);
  const join = listNames.length > 0 ? new ListJoin(await readLists(options, a, b, warn)) : undefined;
  const reader = opened.reader;
  const header = [...reader.header];
  const decimalComma = reader.delimiter === ';';
  const readerOptions = { decimalComma, ...(join ? { joinedLists: join.names } : {}) };
  a.csv = a.screener.csvReader(header, readerOptions);
  b.csv = b.screener.csvReader(header, readerOptions);
  for (const w of [...a.csv.warnings, ...b.csv.warnings]) warn(w);
  const ra = a.csv;
  const rb = b.csv;
  // As screen's row loop (screen/rows.ts withLists): a malformed list line makes the record invalid.
  const joined = (r: engine.CoercedRecord | engine.InvalidRecord): engine.CoercedRecord | engine.InvalidRecord => {
    if (!join) return r;
    const reasons = join.join(r.id, r.ok ? (r.record as Record<string, unknown>) : undefined);
    if (!reasons) return r;
    return { ok: false, id: r.id, errors: r.ok ? reasons : [...r.errors, ...reasons] };
  };
  for await (const batch of reader.batches()) {
    for (const e of batch as CsvEntry[]) {
      if ('error' in e) {
        const id = e.readable === undefined || e.readable.length === 0 ? null : ra.keyOf(e.readable);
        join?.join(id, undefined);
        const bad = { ok: false as const, id, errors: [`line ${e.line}: ${e.error}`] };
        screenRow(e.row, bad, bad);
      } else screenRow(e.row, joined(ra.read(e.cells)), joined(rb.read(e.cells)));
    }
    await drain();
  }
  for (const w of join?.unmatchedWarnings() ?? []) warn(w);
}

/** The `lists` files, read once with the old side's declaration; the new side must declare each list alike. */
async function readLists(options: DiffOptions, a: Side, b: Side, warn: (m: string) => void): Promise<ListData[]> {
  const given = options.lists ?? {};
  const info = a.screener.record;
  const out: ListData[] = [];
  for (const [name, source] of Object.entries(given)) {
    const fa = info.fields.find((f) => f.name === name);
    const fb = b.screener.record.fields.find((f) => f.name === name);
    if (fa && fb && JSON.stringify(fa.type) !== JSON.stringify(fb.type)) {
      throw new RulesError(`--list ${name}: the old and the new rules declare the list ${name} differently; a list file is read with one declaration`, []);
    }
    const named = typeof source === 'object' && source !== null && 'file' in source && 'source' in source;
    const file = named ? source.file : `the list ${name}`;
    const read = await readList(engine, info, name, file, byteSource(named ? source.source : source), {
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      ...(options.codegen === false ? { codegen: false } : {}),
      onWarning: warn,
    });
    if (!read.ok) throw new RecordsError(read.error);
    for (const w of read.warnings) warn(w);
    out.push(read.data);
  }
  const order = (d: ListData) => info.fields.findIndex((f) => f.name === d.name);
  return out.sort((x, y) => order(x) - order(y));
}

function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

