// The rules lowered for evaluation (LANGUAGE.md §5): every static fact the checked AST implies is
// settled here, once, for one reference date — which side of a comparison is a calendar span, the
// calendar thresholds, unit conversions, param values, the slot of every field, let and group, the
// order lets and groups are computed in, and which nodes an explanation records. Two back ends run
// the result: generated JavaScript (generate.ts) and a closure compiler (closures.ts) for hosts that
// refuse code generation (a Content-Security-Policy without 'unsafe-eval'). Neither looks at the AST.
//
// Values: a criterion is a small integer — 0 false, 1 unknown, 2 true — so Kleene `and` is min,
// `or` is max and `not` is 2 − x; other values are JS numbers and strings, `undefined` for missing;
// a calendar span (`age_of(d)`, `time_since(d)`) is carried as its start date. `time_between(a, b)`
// (§11) is two dates, so it is lowered in place wherever it is tested (an `elapsed` node; a let of
// one has no slot) and counted at run time. A list function (§12) is one `aggregate` node: a loop
// over the list's elements that loads the fields its `where` reads into element slots (so the
// condition is an ordinary node tree) and counts true and unknown elements; a count or time_in
// compared with anything is a `rangeCompare` of both ends (true, true-or-unknown), §12's rule.
import {
  assertNever,
  dependencyOrder,
  type CheckedFile,
  type ComparisonOperator,
  type Expression,
  type GroupDeclaration,
  type LetDeclaration,
  type Unit,
} from '@visit/dsl';
import { addUnits, dayNumber, latestStart } from './calendar';
import type { ListType, RecordInfo } from './records';

/** Thrown only for a checked file that breaks the checker's contract; `compile` turns it into a diagnostic. */
export class InternalError extends Error {}

/** Where an explanation records a node's value: its id, and whether it is a criterion (0/1/2 → false/null/true). */
export interface TracePoint {
  id: number;
  criterion: boolean;
}

/**
 * `n >= k` whole units since a date: always (true), never (false), or "the date is on or before"
 * this date. Lowered for a reference date per row (`symbolicAsOf`, the SQL of `--as-of-field`):
 * `@k:unit` instead of a date — "the date plus k units is on or before the row's reference date",
 * which is the same test (latestStart, calendar.ts, is the latest such date).
 */
export type AtLeast = boolean | string;

/** The k and unit of a symbolic AtLeast (`@k:unit`), or undefined for a date. */
export function symbolicAtLeast(k: string): { k: number; unit: Unit } | undefined {
  const m = /^@(\d+):(days|weeks|months|years)$/.exec(k);
  return m ? { k: Number(m[1]), unit: m[2] as Unit } : undefined;
}

export interface LowerOptions {
  /**
   * Thresholds, time_in windows and open periods' ends relative to each row's own reference date
   * (§14) instead of `asOf`: only the SQL back end reads rules lowered so (`AtLeast` `@k:unit`,
   * `window.length`, `ElementLoad.open`); `asOf` still picks nothing else (no dated versions).
   */
  symbolicAsOf?: boolean;
}

/** A test on the start date of a calendar span (the date is known). */
export type DateTest =
  | { kind: 'always'; value: boolean }
  | { kind: 'atLeast'; k: AtLeast }
  | { kind: 'below'; k: AtLeast }
  | { kind: 'exactly'; k: AtLeast; next: AtLeast }
  | { kind: 'notExactly'; k: AtLeast; next: AtLeast };

/** How two evaluated operands compare (0/1/2). */
export type CompareTest =
  /** A calendar span against a fixed duration: `date` says which operand is the span's start date. */
  | { kind: 'calendar'; date: 'left' | 'right'; test: DateTest }
  /** Two criteria: unknown if either is. */
  | { kind: 'criteria'; op: '=' | '!=' }
  /** Numbers, dates, texts, enum values: unknown if either is missing; a scale of 1 means unconverted. */
  | { kind: 'values'; op: ComparisonOperator; leftScale: number; rightScale: number };

export type ArithmeticOperator = '+' | '-' | '*' | '/';

export type Node =
  | { kind: 'constant'; value: number | string; trace?: TracePoint }
  | { kind: 'field'; slot: number; trace: TracePoint }
  | { kind: 'let'; slot: number; trace: TracePoint }
  | { kind: 'group'; slot: number; trace: TracePoint }
  /** `age_of(d)` / `time_since(d)`: the start date `d`. */
  | { kind: 'span'; start: Node; trace: TracePoint }
  | { kind: 'not'; operand: Node; trace: TracePoint }
  | { kind: 'negate'; operand: Node; trace: TracePoint }
  | { kind: 'arithmetic'; op: ArithmeticOperator; left: Node; right: Node; leftScale: number; rightScale: number; trace: TracePoint }
  | { kind: 'compare'; left: Node; right: Node; test: CompareTest; trace: TracePoint }
  /** `value between low and high`: `low <= value` and `value <= high`. */
  | { kind: 'between'; value: Node; low: Node; high: Node; lowTest: CompareTest; highTest: CompareTest; trace: TracePoint }
  | { kind: 'in'; value: Node; negated: boolean; members: Members; trace: TracePoint }
  /** `is known` / `is missing`; a criterion is missing when unknown (1). */
  | { kind: 'is'; value: Node; criterion: boolean; known: boolean; trace: TracePoint }
  | { kind: 'atLeast'; count: number; items: Node[]; trace: TracePoint }
  /** A chain of one operator (`a and b and c`), flattened; evaluated left to right, stopping at the decisive value. */
  | { kind: 'logical'; op: 'and' | 'or'; operands: Node[]; trace: TracePoint }
  /** `time_between(from, to)` (§11) tested against fixed durations: `missing` when either date is,
   *  else `yes` when every test (`match: 'all'`) or some test (`'any'`) holds on the whole completed
   *  units from `from` to `to`, else 2 − yes. A plain comparison is one test; `between` two; `in` one per item;
   *  `is known` none. */
  | { kind: 'elapsed'; from: Node; to: Node; tests: ElapsedTest[]; match: 'all' | 'any'; yes: 0 | 2; missing: 0 | 1 | 2; trace: TracePoint }
  /** An element's field inside `L where c` (§12), loaded into element slot `slot` by its aggregate. */
  | { kind: 'element'; slot: number; trace: TracePoint }
  /** any/all/none/count/time_in over list field `list` (§12). Its value: a criterion for any/all/none;
   *  for count and time_in the number when it is decided (no unknown element changes it), else
   *  undefined — a comparison (`rangeCompare`) reads both ends instead. */
  | Aggregate
  /** `left op right` where a side may be a count or a time_in (§12's interval rule). */
  | { kind: 'rangeCompare'; op: ComparisonOperator; left: Node; right: Node; leftScale: number; rightScale: number; trace: TracePoint };

export interface ElapsedTest {
  op: ComparisonOperator;
  amount: number;
  unit: Unit;
}

/** An element field an aggregate loads for its condition: `open` reads a missing value as `open` (the
 *  reference date, for a period's `end`, §12). */
export interface ElementLoad {
  slot: number;
  name: string;
  criterion: boolean;
  open: string | undefined;
}

export type AggregateOp = 'any' | 'all' | 'none' | 'count' | 'timeIn';

export interface Aggregate {
  kind: 'aggregate';
  op: AggregateOp;
  /** The record field slot of the list. */
  list: number;
  loads: ElementLoad[];
  /** The `where` condition (absent: every element counts). */
  condition: Node | undefined;
  /** time_in: the window as day numbers `first..last` (both included), its length (`last N unit`), and the element slots of start and end. */
  window: { first: number; last: number; length: { amount: number; unit: Unit }; start: number; end: number } | undefined;
  /** Where an explanation records the aggregate's value (count/time_in: the number, or `lo–hi`)
   *  and, at `elements`, one letter per element: T true, U unknown, F false. */
  point: TracePoint;
  elements: number | undefined;
  trace?: undefined;
}

/** The items of `in`: durations for a calendar span (not evaluated), else evaluated items. */
export type Members =
  | { kind: 'calendar'; tests: DateTest[] }
  | { kind: 'criteria'; items: Node[] }
  | { kind: 'values'; items: { node: Node; valueScale: number; itemScale: number }[] };

export interface LoweredField {
  name: string;
  /** A boolean field is read as a criterion (true 2, false 0, else 1). */
  criterion: boolean;
}

export type Step =
  | { kind: 'let'; name: string; slot: number; value: Node }
  | { kind: 'group'; name: string; slot: number; condition: Node; trace: TracePoint };

export interface LoweredLine {
  mode: 'require' | 'exclude';
  condition: Node;
  trace: TracePoint;
}

export interface LoweredProgram {
  name: string;
  lines: LoweredLine[];
}

export interface LoweredRules {
  /** The fields the rules read, in the order they are first read (slot = index). */
  fields: LoweredField[];
  letCount: number;
  /** Lets and groups, each after everything it uses. */
  steps: Step[];
  /** Group name → slot, in declaration order (the order of the outcome's keys). */
  groups: { name: string; slot: number }[];
  programs: LoweredProgram[];
  lineCount: number;
  /** The largest node id an explanation records (sizes the trace array). */
  maxTracedId: number;
  /** Element slots of all aggregates (§12), loaded per element. */
  elementCount: number;
}

type Kind = 'boolean' | 'value' | 'calendar' | 'elapsed';

const UNIT_ORDER: Record<Unit, number> = { days: 0, weeks: 1, months: 0, years: 1 };
const UNIT_FAMILY: Record<Unit, string> = { days: 'd', weeks: 'd', months: 'm', years: 'm' };
const FACTOR: Record<Unit, number> = { days: 1, weeks: 7, months: 1, years: 12 };
/** Beyond these a threshold lies before year 0, so no real date is that old. */
const MAX_UNITS: Record<Unit, number> = { days: 4_000_000, weeks: 600_000, months: 130_000, years: 11_000 };

const AGGREGATES: Record<string, AggregateOp> = { any: 'any', all: 'all', none: 'none', count: 'count', time_in: 'timeIn' };

const MIRROR: Record<ComparisonOperator, ComparisonOperator> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

function smallerUnit(a: Unit, b: Unit): Unit {
  if (UNIT_FAMILY[a] !== UNIT_FAMILY[b]) throw new InternalError(`units ${a} and ${b} do not convert`);
  return UNIT_ORDER[a] <= UNIT_ORDER[b] ? a : b;
}

function finite(n: number): number {
  if (!Number.isFinite(n)) throw new InternalError(`not a finite number: ${n}`);
  return n;
}

class Lowering {
  private readonly fieldSlots = new Map<string, number>();
  private readonly fields: LoweredField[] = [];
  private readonly letSlots = new Map<string, number>();
  private readonly groupSlots = new Map<string, number>();
  private readonly fieldUnits = new Map<string, Unit | undefined>();
  private readonly booleanFields = new Set<string>();
  private readonly lists = new Map<string, ListType>();
  private maxTracedId = 0;
  private elementCount = 0;
  /** While lowering a `where` condition: the list and its loads (element slots by field and openness). */
  private element: { list: string; type: ListType; loads: ElementLoad[] } | undefined;

  constructor(
    private readonly checked: CheckedFile,
    info: RecordInfo,
    private readonly asOf: string,
    private readonly options: LowerOptions = {},
  ) {
    for (const f of info.fields) {
      if (f.type.kind === 'boolean') this.booleanFields.add(f.name);
      if (f.type.kind === 'list') this.lists.set(f.name, f.type);
      this.fieldUnits.set(f.name, f.type.kind === 'integer' || f.type.kind === 'number' ? f.type.unit : undefined);
    }
  }

  // ---------------------------------------------------------------- static facts

  private resolution(e: Expression & { kind: 'Reference' }) {
    const r = this.checked.resolutions.get(e.id);
    if (!r) throw new InternalError(`unresolved name ${e.name}`);
    return r;
  }

  private paramValue(name: string): Expression {
    const v = this.checked.paramValues.get(name) ?? this.checked.params.get(name)?.value;
    if (!v) throw new InternalError(`param ${name} has no value`);
    return v;
  }

  private kindOf(e: Expression): Kind {
    switch (e.kind) {
      case 'Boolean':
      case 'Not':
      case 'Comparison':
      case 'Logical':
      case 'Between':
      case 'In':
      case 'Is':
      case 'AtLeast':
        return 'boolean';
      case 'Call':
        switch (e.callee.text) {
          case 'time_between':
            return 'elapsed';
          case 'any':
          case 'all':
          case 'none':
            return 'boolean';
          case 'count':
          case 'time_in':
            return 'value';
          default:
            return 'calendar';
        }
      case 'Where':
      case 'Window':
        return 'value';
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Negate':
      case 'Arithmetic':
        return 'value';
      case 'Reference': {
        const r = this.resolution(e);
        switch (r.kind) {
          case 'field':
            return this.booleanFields.has(r.decl.name.text) ? 'boolean' : 'value';
          case 'element':
            return this.isBooleanElement(r.decl) ? 'boolean' : 'value';
          case 'let':
            return this.kindOf(r.decl.value);
          case 'param':
            return this.paramValue(r.decl.name.text).kind === 'Boolean' ? 'boolean' : 'value';
          case 'group':
            return 'boolean';
          case 'enumValue':
            return 'value';
          default:
            return assertNever(r);
        }
      }
      case 'ErrorExpression':
        throw new InternalError('an ErrorExpression reached evaluation');
      default:
        return assertNever(e);
    }
  }

  /** The unit a numeric expression counts, computed from the values themselves (an overridden
   *  param's literal may be written in another, convertible unit than its declaration). */
  private unitOf(e: Expression): Unit | undefined {
    switch (e.kind) {
      case 'Duration':
        return e.unit;
      case 'Negate':
        return this.unitOf(e.operand);
      case 'Arithmetic': {
        const l = this.unitOf(e.left);
        const r = this.unitOf(e.right);
        // A span divided by a span is a plain ratio; + and − keep the smaller unit; × and ÷ by a
        // plain number keep the unit (as the checker types them).
        if (l !== undefined && r !== undefined) return e.op === '/' ? undefined : smallerUnit(l, r);
        return l ?? r;
      }
      case 'Reference': {
        const r = this.resolution(e);
        switch (r.kind) {
          case 'field':
            return this.fieldUnits.get(r.decl.name.text);
          case 'element':
            return r.decl.type.kind === 'PrimitiveType' ? r.decl.type.unit?.unit : undefined;
          case 'let':
            return this.unitOf(r.decl.value);
          case 'param':
            return this.unitOf(this.paramValue(r.decl.name.text));
          case 'group':
          case 'enumValue':
            return undefined;
          default:
            return assertNever(r);
        }
      }
      case 'Call':
        return e.callee.text === 'time_in' ? 'days' : undefined;
      default:
        return undefined;
    }
  }

  private isBooleanElement(decl: { type: { kind: string; name?: string } }): boolean {
    return decl.type.kind === 'PrimitiveType' && decl.type.name === 'boolean';
  }

  /** The `time_between` call an expression stands for (through lets). */
  private elapsedCall(e: Expression): Expression & { kind: 'Call' } {
    if (e.kind === 'Call' && e.callee.text === 'time_between') return e;
    if (e.kind === 'Reference') {
      const r = this.resolution(e);
      if (r.kind === 'let') return this.elapsedCall(r.decl.value);
    }
    throw new InternalError('not a time_between');
  }

  /** The count/time_in call an expression stands for (directly or through lets), if any. */
  private rangeCall(e: Expression): (Expression & { kind: 'Call' }) | undefined {
    if (e.kind === 'Call' && (e.callee.text === 'count' || e.callee.text === 'time_in')) return e;
    if (e.kind === 'Reference') {
      const r = this.resolution(e);
      if (r.kind === 'let') return this.rangeCall(r.decl.value);
    }
    return undefined;
  }

  /** `time_between(a, b)` (or a let that is one) tested: see the `elapsed` node. */
  private elapsed(span: Expression, tests: ElapsedTest[], match: 'all' | 'any', yes: 0 | 2, missing: 0 | 1 | 2, at: Expression): Node {
    const call = this.elapsedCall(span);
    const [a, b] = call.args;
    if (!a || !b || call.args.length !== 2) throw new InternalError('time_between takes two dates');
    const from = this.lower(a);
    const to = this.lower(b);
    return { kind: 'elapsed', from, to, tests, match, yes, missing, trace: this.point(at, 'boolean') };
  }

  private elapsedTest(op: ComparisonOperator, duration: Expression): ElapsedTest {
    const d = this.duration(duration);
    return { op, amount: finite(d.amount), unit: d.unit };
  }

  /** A comparison where a side may be a count or time_in: both ends of each side are compared. */
  private rangeCompare(op: ComparisonOperator, left: Expression, right: Expression, at: Expression): Node {
    const l = this.rangeCall(left);
    const r = this.rangeCall(right);
    const ln = l ? this.lower(l) : this.lower(left);
    const rn = r ? this.lower(r) : this.lower(right);
    const [leftScale, rightScale] = this.scales(left, right);
    return { kind: 'rangeCompare', op, left: ln, right: rn, leftScale, rightScale, trace: this.point(at, 'boolean') };
  }

  /** any/all/none/count/time_in (§12). */
  private aggregate(e: Expression & { kind: 'Call' }, op: AggregateOp): Node {
    const [first, second] = e.args;
    if (!first) throw new InternalError(`${e.callee.text} takes a list`);
    const where = first.kind === 'Where' ? first : undefined;
    const listExpr = where ? where.list : first;
    if (listExpr.kind !== 'Reference') throw new InternalError('an aggregate over something that is not a list field');
    const r = this.resolution(listExpr);
    if (r.kind !== 'field') throw new InternalError('an aggregate over something that is not a list field');
    const name = r.decl.name.text;
    const type = this.lists.get(name);
    if (!type) throw new InternalError(`${name} is not a list`);
    if (this.element) throw new InternalError('a list inside where');
    const list = this.fieldSlot(name);
    const loads: ElementLoad[] = [];
    this.element = { list: name, type, loads };
    let condition: Node | undefined;
    let window: Aggregate['window'];
    try {
      if (where) condition = this.lower(where.condition);
      if (op === 'timeIn') {
        if (!type.period) throw new InternalError('time_in over a list that is not of periods');
        if (!second || second.kind !== 'Window') throw new InternalError('time_in takes a window');
        const n = second.length.amount;
        const unit = second.length.unit;
        const last = dayNumber(this.asOf);
        const first = dayNumber(addUnits(this.asOf, -finite(n), unit)) + 1;
        window = { first, last, length: { amount: finite(n), unit }, start: this.load('start', false), end: this.load('end', true) };
      }
    } finally {
      this.element = undefined;
    }
    const point = this.point(e, op === 'count' || op === 'timeIn' ? 'value' : 'boolean');
    let elements: number | undefined;
    if (where) {
      elements = where.id;
      if (where.id > this.maxTracedId) this.maxTracedId = where.id;
    }
    return { kind: 'aggregate', op, list, loads, condition, window, point, elements };
  }

  /** The element slot of a field of the current list's elements (one per name and openness). */
  private load(name: string, openEnd: boolean): number {
    const el = this.element;
    if (!el) throw new InternalError(`element field ${name} outside where`);
    const open = openEnd && el.type.period && name === 'end' ? this.asOf : undefined;
    const found = el.loads.find((l) => l.name === name && l.open === open);
    if (found) return found.slot;
    const f = el.type.fields.find((x) => x.name === name);
    if (!f) throw new InternalError(`${el.list} has no element field ${name}`);
    const slot = this.elementCount++;
    el.loads.push({ slot, name, criterion: f.type.kind === 'boolean', open });
    return slot;
  }

  /** A fixed duration (literal, param, or a let that is one) for calendar comparisons. */
  private duration(e: Expression): { amount: number; unit: Unit } {
    if (e.kind === 'Duration') return { amount: e.amount, unit: e.unit };
    if (e.kind === 'Negate') {
      const d = this.duration(e.operand);
      return { amount: -d.amount, unit: d.unit };
    }
    if (e.kind === 'Reference') {
      const r = this.resolution(e);
      if (r.kind === 'param') return this.duration(this.paramValue(r.decl.name.text));
      if (r.kind === 'let') return this.duration(r.decl.value);
    }
    throw new InternalError('a calendar span is compared with something that is not a fixed duration');
  }

  /** Both operands in one unit: the larger unit is multiplied (weeks × 7, years × 12). */
  private scales(left: Expression, right: Expression): [number, number] {
    const lu = this.unitOf(left);
    const ru = this.unitOf(right);
    if (lu === undefined || ru === undefined || lu === ru) return [1, 1];
    const target = smallerUnit(lu, ru);
    return [lu === target ? 1 : FACTOR[lu], ru === target ? 1 : FACTOR[ru]];
  }

  private point(e: Expression, kind: Kind): TracePoint {
    if (e.id > this.maxTracedId) this.maxTracedId = e.id;
    return { id: e.id, criterion: kind === 'boolean' };
  }

  private literal(e: Expression): number | string {
    switch (e.kind) {
      case 'Number':
        return finite(e.value);
      case 'Negate':
        if (e.operand.kind === 'Number') return finite(-e.operand.value);
        if (e.operand.kind === 'Duration') return finite(-e.operand.amount);
        break;
      case 'Duration':
        return finite(e.amount);
      case 'Date':
      case 'Text':
        return e.value;
      case 'Boolean':
        return e.value ? 2 : 0;
      default:
        break;
    }
    throw new InternalError(`a param's value is not a literal (${e.kind})`);
  }

  // ---------------------------------------------------------------- calendar

  /** `n >= k` for the whole completed units n from the start date to the reference date. */
  private atLeast(k: number, unit: Unit): AtLeast {
    if (k <= 0) return true;
    if (k > MAX_UNITS[unit]) return false;
    if (this.options.symbolicAsOf) return `@${k}:${unit}`;
    const t = latestStart(this.asOf, k, unit);
    return t.startsWith('-') ? false : t;
  }

  private dateTest(op: ComparisonOperator, n: number, unit: Unit): DateTest {
    const ge = (k: number) => this.atLeast(k, unit);
    switch (op) {
      case '>=':
        return { kind: 'atLeast', k: ge(Math.ceil(n)) };
      case '>':
        return { kind: 'atLeast', k: ge(Math.floor(n) + 1) };
      case '<':
        return { kind: 'below', k: ge(Math.ceil(n)) };
      case '<=':
        return { kind: 'below', k: ge(Math.floor(n) + 1) };
      case '=':
        return Number.isInteger(n) ? { kind: 'exactly', k: ge(n), next: ge(n + 1) } : { kind: 'always', value: false };
      case '!=':
        return Number.isInteger(n) ? { kind: 'notExactly', k: ge(n), next: ge(n + 1) } : { kind: 'always', value: true };
      default:
        return assertNever(op);
    }
  }

  private compareTest(op: ComparisonOperator, left: Expression, right: Expression): CompareTest {
    const lk = this.kindOf(left);
    const rk = this.kindOf(right);
    if (lk === 'calendar') {
      const d = this.duration(right);
      return { kind: 'calendar', date: 'left', test: this.dateTest(op, d.amount, d.unit) };
    }
    if (rk === 'calendar') {
      const d = this.duration(left);
      return { kind: 'calendar', date: 'right', test: this.dateTest(MIRROR[op], d.amount, d.unit) };
    }
    if (lk === 'boolean' && rk === 'boolean') {
      if (op !== '=' && op !== '!=') throw new InternalError(`booleans do not compare with ${op}`);
      return { kind: 'criteria', op };
    }
    const [leftScale, rightScale] = this.scales(left, right);
    return { kind: 'values', op, leftScale, rightScale };
  }

  // ---------------------------------------------------------------- expressions

  /** Operands are lowered in the order they are evaluated (the back ends keep that order). */
  lower(e: Expression): Node {
    switch (e.kind) {
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Boolean':
        return { kind: 'constant', value: this.literal(e) };
      case 'Reference':
        return this.reference(e);
      case 'Call': {
        const name = e.callee.text;
        const agg = AGGREGATES[name];
        if (agg !== undefined && Object.hasOwn(AGGREGATES, name)) return this.aggregate(e, agg);
        const arg = e.args[0];
        if ((name !== 'age_of' && name !== 'time_since') || e.args.length !== 1 || !arg) {
          throw new InternalError(`unknown function ${name}`);
        }
        const start = this.lower(arg);
        return { kind: 'span', start, trace: this.point(e, 'calendar') };
      }
      case 'Not': {
        const operand = this.lower(e.operand);
        return { kind: 'not', operand, trace: this.point(e, 'boolean') };
      }
      case 'Negate': {
        if (e.operand.kind === 'Number') return { kind: 'constant', value: finite(-e.operand.value) };
        const operand = this.lower(e.operand);
        return { kind: 'negate', operand, trace: this.point(e, 'value') };
      }
      case 'Arithmetic': {
        const left = this.lower(e.left);
        const right = this.lower(e.right);
        const [leftScale, rightScale] = this.scales(e.left, e.right);
        return { kind: 'arithmetic', op: e.op, left, right, leftScale, rightScale, trace: this.point(e, 'value') };
      }
      case 'Comparison': {
        if (this.kindOf(e.left) === 'elapsed') return this.elapsed(e.left, [this.elapsedTest(e.op, e.right)], 'all', 2, 1, e);
        if (this.kindOf(e.right) === 'elapsed') return this.elapsed(e.right, [this.elapsedTest(MIRROR[e.op], e.left)], 'all', 2, 1, e);
        if (this.rangeCall(e.left) || this.rangeCall(e.right)) return this.rangeCompare(e.op, e.left, e.right, e);
        const left = this.lower(e.left);
        const right = this.lower(e.right);
        const test = this.compareTest(e.op, e.left, e.right);
        return { kind: 'compare', left, right, test, trace: this.point(e, 'boolean') };
      }
      case 'Logical': {
        // Chains (`a and b and c`) are flattened, so a long chain nests nothing.
        const operands: Expression[] = [];
        const stack: Expression[] = [e];
        while (stack.length > 0) {
          const x = stack.pop()!;
          if (x.kind === 'Logical' && x.op === e.op) stack.push(x.right, x.left);
          else operands.push(x);
        }
        const lowered = operands.map((o) => this.lower(o));
        return { kind: 'logical', op: e.op, operands: lowered, trace: this.point(e, 'boolean') };
      }
      case 'Between': {
        if (this.kindOf(e.value) === 'elapsed') {
          return this.elapsed(e.value, [this.elapsedTest('>=', e.low), this.elapsedTest('<=', e.high)], 'all', 2, 1, e);
        }
        if (this.rangeCall(e.value) || this.rangeCall(e.low) || this.rangeCall(e.high)) {
          // lo <= x and x <= hi, each by the interval rule (the same as the rule on the whole range).
          const a = this.rangeCompare('<=', e.low, e.value, e);
          const b = this.rangeCompare('<=', e.value, e.high, e);
          return { kind: 'logical', op: 'and', operands: [a, b], trace: this.point(e, 'boolean') };
        }
        const value = this.lower(e.value);
        const low = this.lower(e.low);
        const high = this.lower(e.high);
        const lowTest = this.compareTest('<=', e.low, e.value);
        const highTest = this.compareTest('<=', e.value, e.high);
        return { kind: 'between', value, low, high, lowTest, highTest, trace: this.point(e, 'boolean') };
      }
      case 'In':
        return this.membership(e);
      case 'Is': {
        if (this.kindOf(e.value) === 'elapsed') {
          return this.elapsed(e.value, [], 'all', e.test === 'known' ? 2 : 0, e.test === 'known' ? 0 : 2, e);
        }
        const range = this.rangeCall(e.value);
        if (range) {
          // A count or time_in is known when its list is (its elements' unknowns bound it, §12).
          const first = range.args[0]!;
          const listExpr = first.kind === 'Where' ? first.list : first;
          const value = this.lower(listExpr);
          return { kind: 'is', value, criterion: false, known: e.test === 'known', trace: this.point(e, 'boolean') };
        }
        this.rawElement = e.value.kind === 'Reference';
        let value: Node;
        try {
          value = this.lower(e.value);
        } finally {
          this.rawElement = false;
        }
        return { kind: 'is', value, criterion: this.kindOf(e.value) === 'boolean', known: e.test === 'known', trace: this.point(e, 'boolean') };
      }
      case 'AtLeast': {
        const items = e.items.map((i) => this.lower(i));
        return { kind: 'atLeast', count: finite(e.count.value), items, trace: this.point(e, 'boolean') };
      }
      case 'Where':
      case 'Window':
        throw new InternalError(`${e.kind} outside a list function`);
      case 'ErrorExpression':
        throw new InternalError('an ErrorExpression reached evaluation');
      default:
        return assertNever(e);
    }
  }

  private reference(e: Expression & { kind: 'Reference' }): Node {
    const r = this.resolution(e);
    switch (r.kind) {
      case 'field':
        return { kind: 'field', slot: this.fieldSlot(r.decl.name.text), trace: this.point(e, this.kindOf(e)) };
      case 'let': {
        const slot = this.letSlots.get(r.decl.name.text) ?? this.fail(`let ${r.decl.name.text} used before it is computed`);
        return { kind: 'let', slot, trace: this.point(e, this.kindOf(e)) };
      }
      case 'group': {
        const slot = this.groupSlots.get(r.decl.name.text) ?? this.fail(`group ${r.decl.name.text} used before it is computed`);
        return { kind: 'group', slot, trace: this.point(e, 'boolean') };
      }
      case 'param':
        return { kind: 'constant', value: this.literal(this.paramValue(r.decl.name.text)), trace: this.point(e, this.kindOf(e)) };
      case 'enumValue':
        return { kind: 'constant', value: r.value };
      case 'element': {
        // `end is missing` asks whether a period still runs; everywhere else a missing end is R.
        const slot = this.load(r.decl.name.text, !this.rawElement);
        return { kind: 'element', slot, trace: this.point(e, this.kindOf(e)) };
      }
      default:
        return assertNever(r);
    }
  }

  /** Set while lowering the operand of `is known`/`is missing`: an element's `end` is read as stored. */
  private rawElement = false;

  private fail(message: string): never {
    throw new InternalError(message);
  }

  private fieldSlot(name: string): number {
    let slot = this.fieldSlots.get(name);
    if (slot === undefined) {
      slot = this.fields.length;
      this.fieldSlots.set(name, slot);
      this.fields.push({ name, criterion: this.booleanFields.has(name) });
    }
    return slot;
  }

  private membership(e: Expression & { kind: 'In' }): Node {
    const kind = this.kindOf(e.value);
    if (kind === 'elapsed') {
      return this.elapsed(e.value, e.items.map((item) => this.elapsedTest('=', item)), 'any', e.negated ? 0 : 2, 1, e);
    }
    const value = this.lower(e.value);
    let members: Members;
    if (kind === 'calendar') {
      members = {
        kind: 'calendar',
        tests: e.items.map((item) => {
          const d = this.duration(item);
          return this.dateTest('=', d.amount, d.unit);
        }),
      };
    } else if (kind === 'boolean') {
      members = { kind: 'criteria', items: e.items.map((item) => this.lower(item)) };
    } else {
      members = {
        kind: 'values',
        items: e.items.map((item) => {
          const node = this.lower(item);
          const [valueScale, itemScale] = this.scales(e.value, item);
          return { node, valueScale, itemScale };
        }),
      };
    }
    return { kind: 'in', value, negated: e.negated, members, trace: this.point(e, 'boolean') };
  }

  // ---------------------------------------------------------------- the rules

  /** Lets and groups in an order where each comes after everything it uses. */
  private order(): (LetDeclaration | GroupDeclaration)[] {
    return dependencyOrder(this.checked, (d) => {
      throw new InternalError(`cycle through ${d.name.text}`);
    });
  }

  rules(): LoweredRules {
    const steps: Step[] = [];
    for (const d of this.order()) {
      if (d.kind === 'Let') {
        // A time_between is two dates, not one value: every use lowers it in place.
        if (this.kindOf(d.value) === 'elapsed') continue;
        const value = this.lower(d.value);
        const slot = this.letSlots.size;
        this.letSlots.set(d.name.text, slot);
        steps.push({ kind: 'let', name: d.name.text, slot, value });
      } else {
        const condition = this.lower(d.condition);
        // A condition that is a bare literal has no trace of its own; explanations need one.
        const trace = this.point(d.condition, 'boolean');
        const slot = this.groupSlots.size;
        this.groupSlots.set(d.name.text, slot);
        steps.push({ kind: 'group', name: d.name.text, slot, condition, trace });
      }
    }
    const programs: LoweredProgram[] = [];
    let lineCount = 0;
    for (const p of this.checked.programs.values()) {
      const lines = p.lines.map((line) => {
        const condition = this.lower(line.condition);
        return { mode: line.mode, condition, trace: this.point(line.condition, 'boolean') };
      });
      lineCount += lines.length;
      programs.push({ name: p.name.text, lines });
    }
    const groups = [...this.checked.groups.keys()].map((name) => ({
      name,
      slot: this.groupSlots.get(name) ?? this.fail(`group ${name} is never computed`),
    }));
    return { fields: this.fields, letCount: this.letSlots.size, steps, groups, programs, lineCount, maxTracedId: this.maxTracedId, elementCount: this.elementCount };
  }
}

/** Lowers the checked rules for one reference date. Throws InternalError only when the checked
 *  file breaks the checker's contract. */
export function lowerRules(checked: CheckedFile, info: RecordInfo, asOf: string, options: LowerOptions = {}): LoweredRules {
  return new Lowering(checked, info, asOf, options).rules();
}
