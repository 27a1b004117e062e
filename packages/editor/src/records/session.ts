// Screening of loaded records with the engine: what the screening worker does, as plain code (the
// benchmark runs it in Node too). The records stay in this object: they never leave the page.
import { diffRecords, lineSentence, type ChangedRow } from '@visit/batch';
import { check, printExpression, renderDoc, type Diagnostic } from '@visit/dsl';
import { compile, MASK, toJsonLogic, type CoercedRecord, type InvalidRecord, type Screener } from '@visit/engine';
import { OUTCOMES, type FieldShown, type JsonLogicResult, type ParamInfo, type RecordsSummary, type RowExplanation, type ScreeningResult } from '../worker/protocol';
import type { ChangedRowShown, Comparison, JsonValue, RulesDocument } from '../types';
import { WORDS, type EditorLanguage, type EditorWords } from '../words';
import { parseRecords, type ParsedRecords } from './parse';

/** The first few errors of rules that did not compile, with their lines. */
function ruleErrors(diagnostics: readonly Diagnostic[], w: EditorWords): string[] {
  const errors = diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
  return errors.map((d) => (d.range.start.offset > 0 || d.range.end.offset > 0 ? w.line(d.range.start.line, d.message) : d.message));
}

const unreadable = (reason: string): InvalidRecord => ({ ok: false, id: null, errors: [reason] });

function emptyResult(asOf: string, errors: string[], ms: number): ScreeningResult {
  return {
    errors,
    asOf,
    groups: [],
    groupLabels: [],
    programs: [],
    programLabels: [],
    params: [],
    ids: [],
    status: new Uint8Array(0),
    groupValues: new Uint8Array(0),
    programValues: new Uint8Array(0),
    counts: [],
    invalid: 0,
    ms,
    personalKey: false,
  };
}

/** At most this many changed rows go to the page (the counts cover all). */
export const CHANGED_ROWS_SHOWN = 500;

function emptyComparison(errors: string[], ms: number): Comparison {
  return { errors, rows: 0, valid: 0, invalid: { both: 0, oldOnly: 0, newOnly: 0 }, changedRows: 0, programs: [], groups: [], onlyOld: [], onlyNew: [], lines: [], changed: [], ms };
}

export class ScreeningSession {
  private records: (ParsedRecords & { name: string; text: string }) | undefined;
  private current: { key: string; screener: Screener; coerced: (CoercedRecord | InvalidRecord)[] } | undefined;
  private spare: { key: string; result: { screener: Screener } | { errors: string[] } } | undefined;
  private lang: EditorLanguage = 'en';
  private w: EditorWords = WORDS.en;

  /**
   * The language of the session's messages and the Compare tab's sentences (the rules' own errors
   * follow the dsl's default language, which the worker sets with it).
   */
  setLanguage(lang: EditorLanguage): void {
    this.lang = lang;
    this.w = WORDS[lang];
    // Compiled results hold their errors' text.
    this.current = undefined;
    this.spare = undefined;
  }

  /** Parses a file's text (CSV or NDJSON, with the CLI's readers) and keeps its rows. */
  async load(name: string, text: string): Promise<RecordsSummary> {
    const parsed = await parseRecords(text);
    this.records = { ...parsed, name, text };
    this.current = undefined;
    return { name, format: parsed.format, rows: parsed.rows.length, warnings: parsed.warnings };
  }

  /** Reads every loaded row against the record declaration the rules now have. */
  private coerceAll(screener: Screener): (CoercedRecord | InvalidRecord)[] {
    const records = this.records;
    if (!records) return [];
    if (records.format === 'csv') {
      const reader = screener.csvReader(records.header, { decimalComma: records.delimiter === ';' });
      return records.rows.map((r) => ('cells' in r ? reader.read(r.cells) : unreadable('error' in r ? r.error : 'not a CSV row')));
    }
    return records.rows.map((r) => ('object' in r ? screener.validateJson(r.object) : unreadable('error' in r ? r.error : 'not a JSON object')));
  }

  /** Compiles the rules and screens every loaded record; outcomes packed in typed arrays. */
  screen(source: string, asOf: string, params: Record<string, string>, showIds: boolean): ScreeningResult {
    const t0 = performance.now();
    const compiled = compile(source, { asOf, params });
    if (!compiled.ok) {
      this.current = undefined;
      return emptyResult(asOf, ruleErrors(compiled.diagnostics, this.w), performance.now() - t0);
    }
    const screener = compiled.screener;
    const c = screener.checked;
    const groups = screener.groupNames;
    const programs = screener.programNames;
    const coerced = this.coerceAll(screener);
    const n = coerced.length;
    const status = new Uint8Array(n);
    const groupValues = new Uint8Array(n * groups.length).fill(3);
    const programValues = new Uint8Array(n * programs.length).fill(3);
    const counts = programs.map(() => [0, 0, 0]);
    const ids: (string | null)[] = new Array<string | null>(n);
    const personalKey = screener.record.fields.some((f) => f.key && f.personal);
    let invalid = 0;
    for (let i = 0; i < n; i++) {
      const r = coerced[i]!;
      ids[i] = r.id === null ? null : personalKey && !showIds ? MASK : r.id;
      if (!r.ok) {
        status[i] = 1;
        invalid++;
        continue;
      }
      const e = screener.evaluate(r.record);
      for (let g = 0; g < groups.length; g++) {
        const v = e.groups[groups[g]!];
        groupValues[i * groups.length + g] = v === true ? 1 : v === false ? 0 : 2;
      }
      for (let p = 0; p < programs.length; p++) {
        const o = OUTCOMES.indexOf(e.programs[programs[p]!]!);
        programValues[i * programs.length + p] = o;
        counts[p]![o]!++;
      }
    }
    this.current = { key: JSON.stringify([source, asOf, params]), screener, coerced };
    const params_: ParamInfo[] = [...c.params.values()].map((p) => ({ name: p.name.text, label: p.label?.value ?? null, declared: printExpression(c.source, p.value) }));
    return {
      errors: [],
      asOf,
      groups: [...groups],
      groupLabels: groups.map((g) => c.groups.get(g)?.label?.value ?? null),
      programs: [...programs],
      programLabels: programs.map((p) => c.programs.get(p)?.label?.value ?? null),
      params: params_,
      ids,
      status,
      groupValues,
      programValues,
      counts,
      invalid,
      ms: performance.now() - t0,
      personalKey,
    };
  }

  /** The rules compiled for a request that did not screen (JSON Logic, a record's explanation): reused while unchanged. */
  private compiled(source: string, asOf: string, params: Record<string, string>): { screener: Screener } | { errors: string[] } {
    const key = JSON.stringify([source, asOf, params]);
    if (this.current?.key === key) return this.current;
    if (this.spare?.key === key) return this.spare.result;
    const compiled = compile(source, { asOf, params });
    const result = compiled.ok ? { screener: compiled.screener } : { errors: ruleErrors(compiled.diagnostics, this.w) };
    this.spare = { key, result };
    return result;
  }

  /** The explanation of one row (from 1) under the rules last screened, or of a record under the given rules; personal fields masked by the engine. */
  explain(request: { row: number } | { record: Record<string, unknown>; source: string; asOf: string; params: Record<string, string> }): RowExplanation {
    if ('row' in request) {
      const { row } = request;
      if (!this.records) throw new Error(this.w.noRecordsLoaded);
      if (!this.current) throw new Error(this.w.explainNeedsRules);
      const r = this.current.coerced[row - 1];
      if (!r) throw new Error(this.w.noSuchRow(row));
      return this.explainCoerced(row, r, this.current.screener);
    }
    const c = this.compiled(request.source, request.asOf, request.params);
    if ('errors' in c) throw new Error(`${this.w.explainNeedsRules} (${c.errors[0] ?? ''})`);
    return this.explainCoerced(0, c.screener.validateJson(request.record), c.screener);
  }

  private explainCoerced(row: number, r: CoercedRecord | InvalidRecord, screener: Screener): RowExplanation {
    if (!r.ok) return { row, status: 'invalid', errors: r.errors, groups: [], programs: [] };
    const labels = new Map(screener.record.fields.map((f) => [f.name, f.label]));
    const shown = (fields: Record<string, string | number | boolean | null>): FieldShown[] =>
      Object.entries(fields).map(([name, value]) => ({ name, label: labels.get(name) ?? null, value }));
    const e = screener.evaluate(r.record, true).explain!;
    return {
      row,
      status: 'ok',
      errors: [],
      groups: Object.entries(e.groups).map(([name, g]) => ({ name, label: g.label, source: g.source, value: g.value, fields: shown(g.fields) })),
      programs: Object.entries(e.programs).map(([name, p]) => ({
        name,
        label: p.label,
        outcome: p.outcome,
        missing: p.missing,
        lines: p.lines.map((l, i) => ({ kind: l.kind, label: l.label, source: l.source, value: l.value, failed: p.failed.includes(i), fields: shown(l.fields) })),
      })),
    };
  }

  /**
   * The current rules (with the what-if values) against the baseline (its params as declared) on
   * the loaded records, as `visit diff` counts it: one pass with @visit/batch's diffRecords over
   * the text that was loaded. Undefined without records.
   */
  async compare(request: { baseline: string; source: string; asOf: string; params: Record<string, string>; showIds: boolean }): Promise<Comparison | undefined> {
    const records = this.records;
    if (!records) return undefined;
    const t0 = performance.now();
    const old = this.compiled(request.baseline, request.asOf, {});
    const now = this.compiled(request.source, request.asOf, request.params);
    const errors = [...('errors' in old ? old.errors.map((e) => this.w.baselinePrefix(e)) : []), ...('errors' in now ? now.errors.map((e) => this.w.currentPrefix(e)) : [])];
    if ('errors' in old || 'errors' in now) return emptyComparison(errors, performance.now() - t0);
    const personalKey = now.screener.record.fields.some((f) => f.key && f.personal) || old.screener.record.fields.some((f) => f.key && f.personal);
    const changed: ChangedRowShown[] = [];
    const onChangedRow = (r: ChangedRow) => {
      if (changed.length < CHANGED_ROWS_SHOWN) changed.push({ row: r.row, id: r.id === null ? null : personalKey && !request.showIds ? MASK : r.id, program: r.program, old: r.old, new: r.new });
    };
    const d = await diffRecords(
      // Bytes: an array would be taken for an array of record objects.
      new TextEncoder().encode(records.text),
      { rules: { source: request.baseline, checked: old.screener.checked }, asOf: request.asOf },
      { rules: { source: request.source, checked: now.screener.checked }, asOf: request.asOf, params: request.params },
      { inputFormat: records.format, onChangedRow },
    );
    return {
      errors: [],
      rows: d.rows,
      valid: d.valid,
      invalid: d.invalid,
      changedRows: d.changedRows,
      programs: d.programs.map((p) => ({ name: p.name, label: p.label, matrix: OUTCOMES.map((from) => OUTCOMES.map((to) => p.matrix[from][to])), changed: p.changed })),
      groups: d.groups.map((g) => ({ name: g.name, changed: g.changed })),
      onlyOld: d.onlyOld.map((o) => o.name),
      onlyNew: d.onlyNew.map((o) => o.name),
      lines: d.lines.map((l) => ({ program: l.program, text: lineSentence(l, this.lang), rows: l.rows })),
      changed,
      ms: performance.now() - t0,
    };
  }

  /** The rules as `visit doc --format html` renders them (personal values never in it). */
  document(request: { source: string; lang: 'da' | 'en'; asOf: string }): RulesDocument {
    const checked = check(request.source);
    if (checked.hasErrors) return { ok: false, errors: ruleErrors(checked.diagnostics, this.w) };
    return { ok: true, html: renderDoc(checked, { lang: request.lang, format: 'html', asOf: request.asOf }) };
  }

  /** The given rules as the JSON Logic document `visit compile` writes. */
  jsonLogic(source: string, asOf: string, params: Record<string, string>): JsonLogicResult {
    const c = this.compiled(source, asOf, params);
    if ('errors' in c) return { ok: false, errors: c.errors };
    try {
      return { ok: true, document: JSON.parse(JSON.stringify(toJsonLogic(c.screener.checked, { asOf: c.screener.asOf, params: c.screener.rules.params }))) as { [key: string]: JsonValue } };
    } catch (e) {
      return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
    }
  }
}
