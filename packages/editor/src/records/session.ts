// Screening of loaded records with the engine: what the screening worker does, as plain code (the
// benchmark runs it in Node too). The records stay in this object: they never leave the page.
import { printExpression } from '@visit/dsl';
import { compile, MASK, toJsonLogic, type CoercedRecord, type InvalidRecord, type Screener } from '@visit/engine';
import { OUTCOMES, type FieldShown, type ParamInfo, type RecordsSummary, type RowExplanation, type ScreeningResult } from '../worker/protocol';
import { parseRecords, type ParsedRecords } from './parse';

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

export class ScreeningSession {
  private records: (ParsedRecords & { name: string }) | undefined;
  private current: { screener: Screener; coerced: (CoercedRecord | InvalidRecord)[] } | undefined;

  /** Parses a file's text (CSV or NDJSON, with the CLI's readers) and keeps its rows. */
  async load(name: string, text: string): Promise<RecordsSummary> {
    const parsed = await parseRecords(text);
    this.records = { ...parsed, name };
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
      const errors = compiled.diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
      return emptyResult(asOf, errors.map((d) => (d.range.start.offset > 0 || d.range.end.offset > 0 ? `line ${d.range.start.line}: ${d.message}` : d.message)), performance.now() - t0);
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
    this.current = { screener, coerced };
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

  /** The explanation of one row (from 1) under the rules last screened; personal fields masked by the engine. */
  explain(row: number): RowExplanation {
    if (!this.current) throw new Error('the rules have errors: fix them to see explanations');
    const r = this.current.coerced[row - 1];
    if (!r) throw new Error(`there is no row ${row}`);
    if (!r.ok) return { row, status: 'invalid', errors: r.errors, groups: [], programs: [] };
    const { screener } = this.current;
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

  /** The rules last screened, as the JSON Logic document `visit compile` writes. */
  jsonLogic(): { json: string } | { error: string } {
    if (!this.current) return { error: 'the rules have errors: fix them to see the JSON Logic' };
    try {
      return { json: JSON.stringify(toJsonLogic(this.current.screener.checked, { asOf: this.current.screener.asOf }), null, 2) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }
}
