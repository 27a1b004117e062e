// Explanations (LANGUAGE.md §6), built from one evaluation trace (node id → value). The same model
// serves the CLI, the API and the editor: for each group and each programme line its label, source
// text, value and the fields it read (personal fields masked as •••).
import { childExpressions, fieldsReadBy, maskedSlice, type CheckedFile, type Expression, type GroupDeclaration, type Range, type RequirementLine } from '@visit/dsl';
import type { Outcome, ProgramOutcome, Trace } from './evaluate';
import type { RecordInfo, TypedRecord } from './records';

export const MASK = '•••';

/** Field name → value as read; `•••` for a personal field that has a value; null when missing.
 *  A list field (§12) shows its number of elements; `lists` says what was counted. */
export type FieldValues = Record<string, string | number | boolean | null>;

/** What one list function (any/all/none/count/time_in, §12) counted for the record. */
export interface ListExplanation {
  /** The call as written (`count(samtaler where time_since(dato) <= 6 months)`). */
  source: string;
  list: string;
  /** any/all/none: true/false/null. count: the count; time_in: the days; when unknown elements
   *  leave it open, the range as text (`2–4`). null when the list is missing. */
  value: boolean | number | string | null;
  /** The elements (1-based, as in `forløb[2]`) whose condition is true, and unknown. Without
   *  `where` every element is true. */
  true: number[];
  unknown: number[];
  /** Those elements' fields as read (`forløb[2]` → fields), personal element fields as •••. */
  elements: Record<string, FieldValues>;
}

export interface GroupExplanation {
  label: string | null;
  /** The condition exactly as written in the rules file. */
  source: string;
  value: boolean | null;
  fields: FieldValues;
  /** Present when the condition uses list functions that were evaluated. */
  lists?: ListExplanation[];
}

export interface LineExplanation {
  kind: 'require' | 'exclude';
  label: string | null;
  source: string;
  value: boolean | null;
  fields: FieldValues;
  lists?: ListExplanation[];
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
  const lists = new Set(info.fields.filter((f) => f.type.kind === 'list').map((f) => f.name));
  const aggregatesOf = aggregateFinder(checked, info);

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
          const value = v == null ? null : masked[i] ? MASK : Array.isArray(v) ? v.length : (v as string | number | boolean);
          if (name === '__proto__') Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });
          else o[name] = value;
        });
        return o;
      };
    }
    const entries = fields.map((name) => {
      const k = JSON.stringify(name);
      const key = name === '__proto__' ? `[${k}]` : k;
      return `${key}: r[${k}] == null ? null : ${personal.has(name) ? 'M' : lists.has(name) ? `r[${k}].length` : `r[${k}]`}`;
    });
    return new Function('M', `'use strict'; return function fields(r) { return { ${entries.join(', ')} }; };`)(MASK) as (
      record: TypedRecord,
    ) => FieldValues;
  };
  const criterion = (label: string | undefined, condition: Expression, source: string): Criterion & { aggregates: readonly Aggregate[] } => ({
    label: label ?? null,
    source,
    conditionId: condition.id,
    fields: fieldsRead(condition),
    aggregates: aggregatesOf(condition),
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
      const ge: GroupExplanation = {
        label: g.label,
        source: g.source,
        value: valueOf(trace, g.conditionId),
        fields: g.read(record),
      };
      if (g.aggregates.length > 0) withLists(ge, g.aggregates, record, trace);
      explanation.groups[g.name] = ge;
    }
    for (const p of programs) {
      const result = outcome.programs[p.name] ?? 'undetermined';
      const lines: LineExplanation[] = p.lines.map((l) => {
        const le: LineExplanation = {
          kind: l.kind,
          label: l.label,
          source: l.source,
          value: valueOf(trace, l.conditionId),
          fields: l.read(record),
        };
        if (l.aggregates.length > 0) withLists(le, l.aggregates, record, trace);
        return le;
      });
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

// ---------------------------------------------------------------- lists (§12)

interface Aggregate {
  callId: number;
  /** The `where` node (its trace holds one letter per element: T, U, F), if any. */
  whereId: number | undefined;
  list: string;
  source: string;
  /** The element fields, personal ones to be masked. */
  fields: readonly { name: string; personal: boolean }[];
}

const LIST_FUNCTIONS = new Set(['any', 'all', 'none', 'count', 'time_in']);

/** The list functions a condition evaluates, directly or through lets, in source order. */
function aggregateFinder(checked: CheckedFile, info: RecordInfo): (root: Expression) => Aggregate[] {
  const elementFields = new Map<string, { name: string; personal: boolean }[]>();
  for (const f of info.fields) if (f.type.kind === 'list') elementFields.set(f.name, f.type.fields.map((x) => ({ name: x.name, personal: x.personal })));
  return (root) => {
    const out: Aggregate[] = [];
    const seenLets = new Set<string>();
    const stack: Expression[] = [root];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.kind === 'Call' && LIST_FUNCTIONS.has(e.callee.text)) {
        const first = e.args[0];
        const listExpr = first?.kind === 'Where' ? first.list : first;
        if (listExpr?.kind === 'Reference') {
          out.push({
            callId: e.id,
            whereId: first?.kind === 'Where' ? first.id : undefined,
            list: listExpr.name,
            source: maskedSlice(checked.source, e.range.start.offset, e.range.end.offset, checked.personal),
            fields: elementFields.get(listExpr.name) ?? [],
          });
        }
        continue;
      }
      if (e.kind === 'Reference') {
        const r = checked.resolutions.get(e.id);
        if (r?.kind === 'let' && !seenLets.has(e.name)) {
          seenLets.add(e.name);
          stack.push(r.decl.value);
        }
        continue;
      }
      const children = childExpressions(e);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    // A let used twice is explained once; source order by the call's position.
    return out;
  };
}

function withLists(target: { lists?: ListExplanation[] }, aggregates: readonly Aggregate[], record: TypedRecord, trace: Trace): void {
  const lists: ListExplanation[] = [];
  for (const a of aggregates) {
    const v = trace[a.callId];
    if (v === undefined) continue; // not evaluated (the condition was decided before it)
    const raw = record[a.list];
    const elements = Array.isArray(raw) ? (raw as readonly Record<string, unknown>[]) : undefined;
    const letters = a.whereId === undefined ? undefined : trace[a.whereId];
    const yes: number[] = [];
    const unknown: number[] = [];
    const shown: Record<string, FieldValues> = {};
    if (elements) {
      elements.forEach((el, i) => {
        const letter = typeof letters === 'string' ? letters[i] : 'T';
        if (letter === 'T') yes.push(i + 1);
        else if (letter === 'U') unknown.push(i + 1);
        else return;
        const values: FieldValues = {};
        for (const f of a.fields) {
          const x = el[f.name];
          values[f.name] = x == null ? null : f.personal ? MASK : (x as string | number | boolean);
        }
        shown[`${a.list}[${i + 1}]`] = values;
      });
    }
    lists.push({ source: a.source, list: a.list, value: v, true: yes, unknown, elements: shown });
  }
  if (lists.length > 0) target.lists = lists;
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

/** `    forløb: count(…) → 2–3; true forløb[1], forløb[4]; unknown forløb[2]` per list function. */
function renderLists(lists: readonly ListExplanation[] | undefined, indent: string): string[] {
  if (!lists) return [];
  const names = (l: ListExplanation, xs: number[]) => xs.map((i) => `${l.list}[${i}]${renderFields(l.elements[`${l.list}[${i}]`] ?? {})}`).join(', ');
  return lists.map((l) => {
    const value = l.value === null ? `unknown (${l.list}: missing)` : typeof l.value === 'boolean' ? String(l.value) : String(l.value);
    const parts = [`${indent}${oneLine(l.source)} → ${value}`];
    if (l.true.length > 0) parts.push(`true: ${names(l, l.true)}`);
    if (l.unknown.length > 0) parts.push(`unknown: ${names(l, l.unknown)}`);
    return parts.join('; ');
  });
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
      out.push(...renderLists(g.lists, '    '));
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
      out.push(...renderLists(line.lists, '      '));
    }
  }
  return out.join('\n');
}
