// Explanations (LANGUAGE.md §6), built from one evaluation trace (node id → value). The same model
// serves the CLI, the API and the editor: for each group and each programme line its label, source
// text, value and the fields it read (personal fields masked as •••).
import { fieldsReadBy, maskedSlice, type CheckedFile, type Expression, type GroupDeclaration, type Range, type RequirementLine } from '@visit/dsl';
import type { Outcome, ProgramOutcome, Trace } from './evaluate';
import type { RecordInfo, TypedRecord } from './records';

export const MASK = '•••';

/** Field name → value as read; `•••` for a personal field that has a value; null when missing. */
export type FieldValues = Record<string, string | number | boolean | null>;

export interface GroupExplanation {
  label: string | null;
  /** The condition exactly as written in the rules file. */
  source: string;
  value: boolean | null;
  fields: FieldValues;
}

export interface LineExplanation {
  kind: 'require' | 'exclude';
  label: string | null;
  source: string;
  value: boolean | null;
  fields: FieldValues;
}

export interface ProgramExplanation {
  label: string | null;
  outcome: ProgramOutcome;
  lines: LineExplanation[];
  /** Indexes of the lines that make the programme ineligible (a false require, a true exclude). */
  failed: number[];
  /** For an undetermined outcome: the missing fields read by the undecided lines. */
  missing: string[];
}

export interface Explanation {
  groups: Record<string, GroupExplanation>;
  programs: Record<string, ProgramExplanation>;
}

interface Criterion {
  label: string | null;
  source: string;
  conditionId: number;
  fields: readonly string[];
}

export type Explainer = (record: TypedRecord, trace: Trace, outcome: Outcome) => Explanation;

/** Precomputes, per group and line, its source text and the fields it reads; returns the builder. */
export function explainer(checked: CheckedFile, info: RecordInfo, codegen = true): Explainer {
  const order = new Map(info.fields.map((f, i) => [f.name, i]));
  const personal = new Set(info.fields.filter((f) => f.personal).map((f) => f.name));

  const fieldsRead = fieldsReadBy(checked, (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  /** One reader per criterion: a fixed-shape object of its fields. Generated where the host allows
   *  it (names come from the rules and are embedded with JSON.stringify; the record's own fields
   *  are read, never run), else a loop that builds the same object. */
  const valuesOf = (fields: readonly string[]): ((record: TypedRecord) => FieldValues) => {
    if (!codegen) {
      const masked = fields.map((name) => personal.has(name));
      return (r) => {
        const o: FieldValues = {};
        fields.forEach((name, i) => {
          const v = r[name];
          const value = v == null ? null : masked[i] ? MASK : v;
          if (name === '__proto__') Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });
          else o[name] = value;
        });
        return o;
      };
    }
    const entries = fields.map((name) => {
      const k = JSON.stringify(name);
      const key = name === '__proto__' ? `[${k}]` : k;
      return `${key}: r[${k}] == null ? null : ${personal.has(name) ? 'M' : `r[${k}]`}`;
    });
    return new Function('M', `'use strict'; return function fields(r) { return { ${entries.join(', ')} }; };`)(MASK) as (
      record: TypedRecord,
    ) => FieldValues;
  };
  const criterion = (label: string | undefined, condition: Expression, source: string): Criterion => ({
    label: label ?? null,
    source,
    conditionId: condition.id,
    fields: fieldsRead(condition),
  });
  const withReader = <C extends Criterion>(c: C) => ({ ...c, read: valuesOf(c.fields) });

  const groups = [...checked.groups.values()].map((g) =>
    withReader({ name: g.name.text, ...criterion(g.label?.value, g.condition, groupSource(checked.source, g, checked.personal)) }),
  );
  const programs = [...checked.programs.values()].map((p) => ({
    name: p.name.text,
    label: p.label?.value ?? null,
    lines: p.lines.map((l) => withReader({ kind: l.mode, ...criterion(l.label?.value, l.condition, lineSource(checked.source, l, checked.personal)) })),
  }));

  const valueOf = (trace: Trace, id: number): boolean | null => {
    const v = trace[id];
    return typeof v === 'boolean' ? v : null;
  };

  return (record, trace, outcome) => {
    const explanation: Explanation = { groups: {}, programs: {} };
    for (const g of groups) {
      explanation.groups[g.name] = {
        label: g.label,
        source: g.source,
        value: valueOf(trace, g.conditionId),
        fields: g.read(record),
      };
    }
    for (const p of programs) {
      const result = outcome.programs[p.name] ?? 'undetermined';
      const lines: LineExplanation[] = p.lines.map((l) => ({
        kind: l.kind,
        label: l.label,
        source: l.source,
        value: valueOf(trace, l.conditionId),
        fields: l.read(record),
      }));
      const failed: number[] = [];
      const missing = new Set<string>();
      lines.forEach((line, i) => {
        if (line.value === (line.kind === 'require' ? false : true)) failed.push(i);
        if (line.value === null) for (const f of p.lines[i]!.fields) if (line.fields[f] === null) missing.add(f);
      });
      explanation.programs[p.name] = {
        label: p.label,
        outcome: result,
        lines,
        failed,
        missing: result === 'undetermined' ? [...missing].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) : [],
      };
    }
    return explanation;
  };
}

// The text between the keyword (or `=`) and the label, so that brackets around the whole condition
// are kept as written. A personal value in it (`exclude cpr = "0101701234"`, CheckedFile.personal)
// is shown as •••.

/** A programme line's condition as written: from after `require`/`exclude` to the label. */
export function lineSource(source: string, line: RequirementLine, personal: readonly Range[] = []): string {
  const end = line.label ? line.label.range.start.offset : line.range.end.offset;
  return maskedSlice(source, line.range.start.offset + line.mode.length, end, personal).trim();
}

/** A group's condition as written: everything after its `=`. */
export function groupSource(source: string, group: GroupDeclaration, personal: readonly Range[] = []): string {
  const from = (group.label ?? group.name).range.end.offset;
  const eq = source.indexOf('=', from);
  const start = eq >= 0 && eq < group.condition.range.start.offset ? eq + (source[eq + 1] === '=' ? 2 : 1) : group.condition.range.start.offset;
  return maskedSlice(source, start, group.range.end.offset, personal).trim();
}

// ---------------------------------------------------------------- plain text

export interface RenderOptions {
  /** Only this group (with `program`: this group and that programme). Default: everything. */
  group?: string;
  /** Only this programme (with `group`: this programme and that group). */
  program?: string;
}

function word(v: boolean | null): string {
  return v === null ? 'unknown' : String(v);
}

function renderFields(fields: FieldValues): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}: ${v === null ? 'missing' : String(v)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** Multi-line conditions print on one line. */
function oneLine(source: string): string {
  return source.replace(/\s+/g, ' ');
}

function quoted(label: string | null): string {
  return label === null ? '' : `  ${JSON.stringify(label)}`;
}

/**
 * The explanation as text, one line per group and per programme line:
 *   `✗ require literacy >= 3  "label"  → unknown (literacy: missing)`
 * Marks: ✓ the line holds (a true require, a false exclude), ✗ it fails, ? it is unknown.
 */
export function renderExplanation(explanation: Explanation, options: RenderOptions = {}): string {
  const all = options.group === undefined && options.program === undefined;
  const out: string[] = [];
  for (const [name, g] of Object.entries(explanation.groups)) {
    if (all || name === options.group) {
      const mark = g.value === true ? '✓' : g.value === false ? '✗' : '?';
      out.push(`${mark} group ${name} = ${oneLine(g.source)}${quoted(g.label)}  → ${word(g.value)}${renderFields(g.fields)}`);
    }
  }
  for (const [name, p] of Object.entries(explanation.programs)) {
    if (!all && name !== options.program) continue;
    const missing = p.outcome === 'undetermined' && p.missing.length > 0 ? ` (missing: ${p.missing.join(', ')})` : '';
    out.push(`program ${name}${quoted(p.label)}  → ${p.outcome}${missing}`);
    for (const line of p.lines) {
      const holds = line.kind === 'require' ? line.value : line.value === null ? null : !line.value;
      const mark = holds === true ? '✓' : holds === false ? '✗' : '?';
      out.push(`  ${mark} ${line.kind} ${oneLine(line.source)}${quoted(line.label)}  → ${word(line.value)}${renderFields(line.fields)}`);
    }
  }
  return out.join('\n');
}
