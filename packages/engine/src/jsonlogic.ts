// AST → standard JSON Logic (LANGUAGE.md §9). Every group and programme line becomes a pair of
// expressions, `holds` and `fails`, that encodes three-valued logic in two-valued JSON Logic:
// true when `holds` is truthy, false when `fails` is, unknown when neither. Calendar spans become
// ISO-date thresholds computed from the reference date, because JSON Logic has no date arithmetic.
// Only standard operations are emitted, so json-logic-js (the reference) and any conformant
// evaluator give the engine's outcomes.
//
// Two layouts. `inline` (the default, §9): params, lets and groups are inlined, so every expression
// stands alone — but a group that uses two earlier groups doubles in size per level, so its size is
// checked before anything is written (`maxNodes`). `referenced`: each let and group is computed once
// by the host, in the document's `order`, and stored under its `var` name (`group:unge`, `let:x`);
// later expressions read it with `{"var": "group:unge"}`, so the document grows linearly.
//
// The output is built as a DAG of shared nodes (equal subexpressions are one object, recognised by
// a key of their operator and their operands' keys), so building is linear in the rules even where
// the written tree is exponential; each node's size as written is memoised, and the limit is checked
// on those sizes before a single byte of the tree is serialised.
import {
  assertNever,
  childExpressions,
  dependencyOrder,
  rulesVersion,
  unitFactor,
  type CheckedFile,
  type ComparisonOperator,
  type Expression,
  type GroupDeclaration,
  type LetDeclaration,
  type Range,
  type Type,
  type Unit,
} from '@visit/dsl';
import { isRealDate, latestStart } from './calendar';

/** A JSON Logic expression (plain JSON). */
export type JsonLogic = null | boolean | number | string | JsonLogic[] | { [operator: string]: JsonLogic };

/** A criterion in JSON Logic: true when `holds` is truthy, false when `fails` is, else unknown. */
export interface JsonLogicCriterion {
  label: string | null;
  holds: JsonLogic;
  fails: JsonLogic;
}

export interface JsonLogicGroup extends JsonLogicCriterion {
  /** Referenced layout: the data key the host sets to this group's value (true, false or null). */
  var?: string;
}

export interface JsonLogicLine extends JsonLogicCriterion {
  kind: 'require' | 'exclude';
  /** The line's condition as written in the rule file. */
  source: string;
}

export interface JsonLogicProgram {
  label: string | null;
  lines: JsonLogicLine[];
}

/**
 * A let in the referenced layout: a condition (the host stores true, false or null, like a group)
 * or a value (the host stores what `value` gives: null when a field it needs is missing).
 */
export type JsonLogicLet = { var: string; holds: JsonLogic; fails: JsonLogic } | { var: string; value: JsonLogic };

export type JsonLogicLayout = 'inline' | 'referenced';

/** The document `visit compile` writes (§9). */
export interface JsonLogicDocument {
  asOf: string;
  /** The rules it was compiled from: `"sha256:<64 hex>"` of the rule file's text as UTF-8. */
  rules: string;
  /** The param overrides the rules were checked with, as literal source text (`{}` when none). */
  params: Record<string, string>;
  layout: JsonLogicLayout;
  /**
   * Referenced layout: every `var` of `lets` and `groups`, in an order where each comes after the
   * ones its expression reads. The host evaluates them in this order and stores each result in the
   * data under that name before evaluating the next (see `outcomeFromJsonLogic`).
   */
  order?: string[];
  /** Referenced layout: the lets that are computed per record (constant lets are written inline). */
  lets?: Record<string, JsonLogicLet>;
  groups: Record<string, JsonLogicGroup>;
  programs: Record<string, JsonLogicProgram>;
}

/** The default limit on the JSON Logic nodes of an inline document (about 20 MB of JSON text). */
export const DEFAULT_MAX_NODES = 1_000_000;

export interface JsonLogicOptions {
  /** The reference date `YYYY-MM-DD` the calendar thresholds are computed from. */
  asOf: string;
  /** The param overrides the checked file was checked with, named in the document (default `{}`). */
  params?: Record<string, string>;
  /** `inline` (default): every expression stands alone. `referenced`: lets and groups computed once, by name. */
  layout?: JsonLogicLayout;
  /**
   * The most JSON Logic nodes (objects, arrays and values, as written) the document may have.
   * Default: DEFAULT_MAX_NODES for the inline layout; none for the referenced one, whose size is
   * linear in the rules.
   */
  maxNodes?: number;
}

/** Where in the rules a too-large document would have grown past the limit. */
export interface JsonLogicPlace {
  kind: 'group' | 'let' | 'line';
  /** The group's or let's name, or the programme's for a line. */
  name: string;
  /** For a line: its position in the programme, from 1. */
  index?: number;
  range: Range;
}

/** Sizes at or above this are reported as "more than" (they are exact below). */
export const SIZE_CAP = 1e15;

/**
 * Thrown by `toJsonLogic` before anything is built when the document would pass `maxNodes`. Names
 * the group, let or line that takes it past the limit, that entry's own size and the document's
 * size so far; nothing of the oversized tree is ever built.
 */
export class JsonLogicTooLarge extends Error {
  constructor(
    readonly place: JsonLogicPlace,
    /** The nodes of this entry alone (at most SIZE_CAP). */
    readonly nodes: number,
    /** The nodes of the document up to and including this entry (at most SIZE_CAP). */
    readonly total: number,
    readonly limit: number,
    readonly layout: JsonLogicLayout,
  ) {
    const advice =
      layout === 'inline'
        ? 'the inline layout writes out every group and let an expression uses, each time it is used; ' +
          "the referenced layout (layout 'referenced') computes each once and refers to it by name"
        : 'even with lets and groups referenced by name';
    super(`${describePlace(place)} would compile to ${formatNodes(nodes)} JSON Logic nodes, taking the document to ${formatNodes(total)}, past the limit of ${formatNodes(limit)}: ${advice}`);
    this.name = 'JsonLogicTooLarge';
  }
}

/**
 * Thrown by `toJsonLogic` for a construct JSON Logic cannot express (§12): `time_between` and
 * `time_in` need date arithmetic at run time. `visit compile` reports it as the diagnostic
 * `not-portable` at `range` (the call) and writes nothing.
 */
export class JsonLogicNotPortable extends Error {
  readonly code = 'not-portable';
  constructor(
    message: string,
    readonly range: Range,
    /** For a caller that says it in other words: the function, and the expression's source text. */
    readonly callee: string = '',
    readonly source: string = '',
  ) {
    super(message);
    this.name = 'JsonLogicNotPortable';
  }
}

/** `group unge (line 12)`, `line 2 of program jobklub (line 30)`. */
export function describePlace(place: JsonLogicPlace): string {
  const at = `(line ${place.range.start.line})`;
  return place.kind === 'line' ? `line ${place.index} of program ${place.name} ${at}` : `${place.kind} ${place.name} ${at}`;
}

/** `2,097,151`, or `more than 1,000,000,000,000,000` at the cap. */
export function formatNodes(n: number): string {
  return n >= SIZE_CAP ? `more than ${SIZE_CAP.toLocaleString('en-US')}` : n.toLocaleString('en-US');
}

/** The data key under which the referenced layout stores a group's or a let's value. */
export function referenceName(kind: 'group' | 'let', name: string): string {
  // A colon cannot occur in a name (§2), so these never meet a record field.
  return `${kind}:${name}`;
}

/** Compiles a checked rule file (without errors) to JSON Logic. Throws on a file with errors, and
 *  JsonLogicTooLarge (before building the oversized part) when the document would pass the limit. */
export function toJsonLogic(checked: CheckedFile, options: JsonLogicOptions): JsonLogicDocument {
  if (checked.hasErrors) {
    const first = checked.diagnostics.find((d) => d.severity === 'error');
    const where = first ? ` (first at ${first.range.start.line}:${first.range.start.column}: ${first.message})` : '';
    throw new Error(`cannot compile to JSON Logic: the rule file has errors${where}`);
  }
  if (!isRealDate(options.asOf)) {
    throw new Error(`cannot compile to JSON Logic: the reference date '${options.asOf}' is not a real date YYYY-MM-DD`);
  }
  const layout = options.layout ?? 'inline';
  const limit = options.maxNodes ?? (layout === 'inline' ? DEFAULT_MAX_NODES : Infinity);
  const c = new Compiler(checked, options.asOf, layout === 'referenced');
  const L = c.L;
  let total = 0;
  const count = (place: JsonLogicPlace, ...parts: JsonLogic[]) => {
    const nodes = parts.reduce<number>((n, x) => add(n, L.size(x)), 0);
    total = add(total, nodes);
    if (total > limit) throw new JsonLogicTooLarge(place, nodes, total, limit, layout);
  };

  // Lets and groups in dependency order: each is compiled (and its size checked) after what it uses.
  const lets: Record<string, JsonLogicLet> = {};
  const order: string[] = [];
  const groupEntries = new Map<string, JsonLogicGroup>();
  for (const d of dependencyOrder(checked)) {
    const name = d.name.text;
    if (d.kind === 'Let') {
      const entry = c.prepareLet(d);
      if (!entry) continue;
      count({ kind: 'let', name, range: d.name.range }, ...('value' in entry ? [entry.value] : [entry.holds, entry.fails]));
      put(lets, name, entry);
      order.push(entry.var);
    } else {
      const pair = c.prepareGroup(d);
      count({ kind: 'group', name, range: d.name.range }, pair.holds, pair.fails);
      const key = referenceName('group', name);
      groupEntries.set(name, { label: d.label?.value ?? null, ...(layout === 'referenced' ? { var: key } : {}), holds: pair.holds, fails: pair.fails });
      if (layout === 'referenced') order.push(key);
    }
  }
  const groups: Record<string, JsonLogicGroup> = {};
  for (const name of checked.groups.keys()) put(groups, name, groupEntries.get(name)!);

  const programs: Record<string, JsonLogicProgram> = {};
  for (const [name, p] of checked.programs) {
    const lines = p.lines.map((line, i): JsonLogicLine => {
      const pair = c.criterion(line.condition);
      count({ kind: 'line', name, index: i + 1, range: line.range }, pair.holds, pair.fails);
      // The condition's text: from after the keyword to the label (parentheses are not in the AST,
      // so the condition node's own range could cut off a bracket).
      const end = line.label ? line.label.range.start.offset : line.range.end.offset;
      const source = checked.source.slice(line.range.start.offset + line.mode.length, end).trim();
      return { kind: line.mode, label: line.label?.value ?? null, source, holds: pair.holds, fails: pair.fails };
    });
    put(programs, name, { label: p.label?.value ?? null, lines });
  }
  const asOf = options.asOf;
  const rules = rulesVersion(checked.source);
  const params = { ...options.params };
  return layout === 'referenced'
    ? { asOf, rules, params, layout, order, lets, groups, programs }
    : { asOf, rules, params, layout, groups, programs };
}

// ------------------------------------------------------------------ reading results back

/** JSON Logic's truthiness (jsonlogic.com/truthy): an empty array is falsy, otherwise JavaScript's. */
export function jsonLogicTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return !!value;
}

/** Any JSON Logic engine's `apply`. */
export type JsonLogicApply = (logic: JsonLogic, data: Record<string, unknown>) => unknown;

export type JsonLogicProgramOutcome = 'eligible' | 'ineligible' | 'undetermined';

export interface JsonLogicOutcome {
  groups: Record<string, boolean | null>;
  programs: Record<string, JsonLogicProgramOutcome>;
}

/** A criterion's value for a record: true, false or null (unknown). Throws if both sides hold. */
export function criterionValue(criterion: { label?: string | null; holds: JsonLogic; fails: JsonLogic }, data: Record<string, unknown>, apply: JsonLogicApply): boolean | null {
  const holds = jsonLogicTruthy(apply(criterion.holds, data));
  const fails = jsonLogicTruthy(apply(criterion.fails, data));
  if (holds && fails) throw new Error(`JSON Logic criterion both holds and fails: ${JSON.stringify(criterion.holds)}`);
  return holds ? true : fails ? false : null;
}

/** §5: ineligible if a `require` is false or an `exclude` true; eligible if all are decided the right way. */
export function programOutcome(lines: readonly { kind: 'require' | 'exclude'; value: boolean | null }[]): JsonLogicProgramOutcome {
  let decided = true;
  for (const { kind, value } of lines) {
    if (value === null) decided = false;
    else if (value === (kind === 'exclude')) return 'ineligible';
  }
  return decided ? 'eligible' : 'undetermined';
}

/**
 * Group values and programme outcomes for one record (as the engine reads it: dates as ISO strings,
 * missing = absent or null), computed by a JSON Logic engine's `apply` from a compiled document of
 * either layout. For the referenced layout this is the host loop the document needs: for each name
 * in `order`, evaluate that let or group on the data so far and store the result under the name
 * (a condition as true, false or null; a value as `apply` gives it), then the programme lines.
 */
export function outcomeFromJsonLogic(doc: JsonLogicDocument, record: Record<string, unknown>, apply: JsonLogicApply): JsonLogicOutcome {
  // A null-prototype copy, so that `{"var": "toString"}` on a record without that field is missing
  // rather than Object.prototype's method (and so that the stored results never touch `record`).
  const data = Object.assign(Object.create(null) as Record<string, unknown>, record);
  if (doc.layout === 'referenced') {
    const entries = new Map<string, JsonLogicLet | JsonLogicGroup>();
    for (const l of Object.values(doc.lets ?? {})) entries.set(l.var, l);
    for (const g of Object.values(doc.groups)) if (g.var !== undefined) entries.set(g.var, g);
    for (const name of doc.order ?? []) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`the document's order names '${name}', which is no let's or group's var`);
      data[name] = 'value' in entry ? apply(entry.value, data) : criterionValue(entry, data, apply);
    }
  }
  const groups: Record<string, boolean | null> = {};
  for (const [name, g] of Object.entries(doc.groups)) put(groups, name, criterionValue(g, data, apply));
  const programs: Record<string, JsonLogicProgramOutcome> = {};
  for (const [name, p] of Object.entries(doc.programs)) {
    const lines = p.lines.map((line) => ({ kind: line.kind, value: criterionValue(line, data, apply) }));
    put(programs, name, programOutcome(lines));
  }
  return { groups, programs };
}

// ------------------------------------------------------------------ building JSON Logic

type Scalar = number | string | boolean;

/** A criterion as a pair of two-valued expressions; never both truthy. */
interface Pair {
  holds: JsonLogic;
  fails: JsonLogic;
}

/**
 * A criterion in both encodings: the pair, and `tri`, one expression that evaluates to exactly
 * true, false or null (unknown). An operator that needs both sides of its operand (`=` between
 * conditions, `is known` on one) doubles a pair per nesting level; from `tri`s it stays linear,
 * because JSON Logic's `reduce` over a one-element list binds computed values (see `bind`).
 * Each node keeps the smaller of the candidate forms, so plain rules compile as before.
 */
class Forms {
  private made = false;
  private value: JsonLogic = null;
  constructor(
    readonly pair: Pair,
    private readonly makeTri: () => JsonLogic,
    /** True for a group or let read from the data (referenced layout). */
    readonly stored = false,
  ) {}
  /** Made on first use: most criteria are only ever needed as pairs. */
  get tri(): JsonLogic {
    if (!this.made) {
      this.value = this.makeTri();
      this.made = true;
    }
    return this.value;
  }
}

/** A value expression: `logic` computes it whenever every field in `fields` is present. */
interface Value {
  logic: JsonLogic;
  fields: readonly string[];
  unit: Unit | undefined;
  /** Set when the value is known at compile time (literals, params, arithmetic on them). */
  constant?: Scalar;
}

function add(a: number, b: number): number {
  return Math.min(a + b, SIZE_CAP);
}

function isOp(x: JsonLogic, op: string): x is { [operator: string]: JsonLogic } {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x)[0] === op;
}

/**
 * Makes JSON Logic nodes, one object per distinct expression (hash-consing): a node's key is its
 * operator and its operands' keys, so equal subexpressions are shared and compared in O(1), and the
 * size each node will have when written out (objects, arrays and values) is computed once.
 */
class Logic {
  private readonly table = new Map<string, JsonLogic>();
  /** Node → its index in `sizes` (Maps, not WeakMaps: the compiler is short-lived, and V8's
   *  WeakMaps of a million entries cost seconds of garbage collection). */
  private readonly index = new Map<object, number>();
  private readonly sizes: number[] = [];

  key(x: JsonLogic): string {
    if (x === null) return 'n';
    if (typeof x === 'boolean') return x ? 't' : 'f';
    if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
    if (typeof x === 'string') return JSON.stringify(x);
    const i = this.index.get(x);
    if (i === undefined) throw new Error('internal error: a JSON Logic node the compiler did not make');
    return `@${i.toString(36)}`;
  }

  size(x: JsonLogic): number {
    return typeof x === 'object' && x !== null ? this.sizes[this.index.get(x)!]! : 1;
  }

  private remember(key: string, node: JsonLogic & object, size: number): void {
    this.table.set(key, node);
    this.index.set(node, this.sizes.length);
    this.sizes.push(size);
  }

  /** `{ op: arg }` (the argument as given: a list, or a single value such as `var`'s name). */
  op(name: string, arg: JsonLogic): JsonLogic {
    const key = `${name}(${this.key(arg)})`;
    let node = this.table.get(key);
    if (node === undefined) {
      node = { [name]: arg };
      this.remember(key, node, add(1, this.size(arg)));
    }
    return node;
  }

  list(items: readonly JsonLogic[]): JsonLogic[] {
    let key = '[';
    let size = 1;
    for (const x of items) {
      key += `${this.key(x)},`;
      size = add(size, this.size(x));
    }
    let node = this.table.get(key) as JsonLogic[] | undefined;
    if (node === undefined) {
      node = [...items];
      this.remember(key, node, size);
    }
    return node;
  }

  call(name: string, ...args: JsonLogic[]): JsonLogic {
    return this.op(name, this.list(args));
  }

  field(name: string): JsonLogic {
    return this.op('var', name);
  }

  /**
   * A missing field reads as null (`var` of an absent key, or null), so strict `!== null` is true
   * exactly for present values. Not loose `!= null`: json-logic-engine's loose comparisons take null
   * for 0 or false, which would make a present 0 or false look missing.
   */
  isPresent(name: string): JsonLogic {
    return this.call('!==', this.field(name), null);
  }

  isAbsent(name: string): JsonLogic {
    return this.call('===', this.field(name), null);
  }

  private operands(op: 'and' | 'or', xs: readonly JsonLogic[]): JsonLogic[] {
    const out: JsonLogic[] = [];
    const seen = new Set<string>();
    for (const x of xs) {
      const parts = isOp(x, op) ? (x[op] as JsonLogic[]) : [x];
      for (const p of parts) {
        const k = this.key(p);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(p);
        }
      }
    }
    return out;
  }

  /** `and`, flattened, with constants folded and repeats dropped. */
  and(...xs: JsonLogic[]): JsonLogic {
    const parts = this.operands('and', xs).filter((x) => x !== true);
    if (parts.includes(false)) return false;
    if (parts.length === 0) return true;
    return parts.length === 1 ? parts[0]! : this.op('and', this.list(parts));
  }

  or(...xs: JsonLogic[]): JsonLogic {
    const parts = this.operands('or', xs).filter((x) => x !== false);
    if (parts.includes(true)) return true;
    if (parts.length === 0) return false;
    return parts.length === 1 ? parts[0]! : this.op('or', this.list(parts));
  }

  not(x: JsonLogic): JsonLogic {
    if (typeof x === 'boolean') return !x;
    return this.call('!', x);
  }

  /** A number as JSON Logic; JSON cannot write −0, ±Infinity or NaN, so those are computed. */
  constantLogic(x: Scalar): JsonLogic {
    if (typeof x !== 'number') return x;
    if (Object.is(x, -0)) return this.call('-', 0);
    if (Number.isNaN(x)) return this.call('/', 0, 0);
    if (x === Infinity) return this.call('/', 1, 0);
    if (x === -Infinity) return this.call('/', -1, 0);
    return x;
  }

  constantValue(x: Scalar, unit: Unit | undefined): Value {
    return { logic: this.constantLogic(x), fields: [], unit, constant: x };
  }

  /**
   * `body` evaluated with `values` computed once: `{"reduce": [[[v0, v1, …]], body, null]}` runs
   * `body` on data `{current: [v0, v1, …], accumulator: null}`, so `{"var": "current.0"}` reads v0
   * (standard `reduce`; the body sees only the bound values, never the record).
   */
  bind(values: readonly JsonLogic[], body: JsonLogic): JsonLogic {
    return this.call('reduce', this.list([this.list(values)]), body, null);
  }

  bound(i: number): JsonLogic {
    return this.field(`current.${i}`);
  }

  smallest<T>(candidates: readonly T[], size: (x: T) => number): T {
    let best = candidates[0] as T;
    let bestSize = size(best);
    for (const c of candidates.slice(1)) {
      const s = size(c);
      if (s < bestSize) {
        best = c;
        bestSize = s;
      }
    }
    return best;
  }

  pairSize(p: Pair): number {
    return add(this.size(p.holds), this.size(p.fails));
  }

  /** The pair of a tri (exactly true, false or null). */
  pairOf(tri: JsonLogic): Pair {
    if (tri === true) return TRUE;
    if (tri === false) return FALSE;
    if (tri === null) return UNKNOWN;
    return { holds: this.call('===', tri, true), fails: this.call('===', tri, false) };
  }

  /** The tri of a pair: true, false or null. */
  triOf(p: Pair): JsonLogic {
    if (p.holds === true) return true;
    if (p.fails === true) return false;
    if (p.holds === false && p.fails === false) return null;
    if (p.fails === false) return this.call('if', p.holds, true, null);
    if (p.holds === false) return this.call('if', p.fails, false, null);
    return this.call('if', p.holds, true, p.fails, false, null);
  }

  /**
   * The forms of a criterion: the smallest of the pairs, and (when first needed) the smallest of the
   * candidate tris and the tri of the chosen pair. `tris` are only computed if the tri is needed.
   */
  choose(pairs: readonly Pair[], tris: () => readonly JsonLogic[] = () => []): Forms {
    const pair = this.smallest(pairs, (p) => this.pairSize(p));
    return new Forms(pair, () => this.smallest([this.triOf(pair), ...tris()], (t) => this.size(t)));
  }

  constant(value: boolean): Forms {
    return value ? new Forms(TRUE, () => true) : new Forms(FALSE, () => false);
  }

  /** Kleene `and`/`or` of tris, each computed once. */
  kleene(op: 'and' | 'or', tris: readonly JsonLogic[]): JsonLogic {
    const all = this.field('current');
    const [decisive, otherwise] = op === 'and' ? [false, true] : [true, false];
    return this.bind(tris, this.call('if', this.call('in', decisive, all), decisive, this.call('in', null, all), null, otherwise));
  }

  /** Three-valued `not` of a tri. */
  kleeneNot(tri: JsonLogic): JsonLogic {
    const x = this.bound(0);
    return this.bind([tri], this.call('if', this.call('===', x, null), null, this.call('===', x, false)));
  }

  /** Three-valued `=`/`!=` of two tris: unknown when either is. */
  kleeneEqual(op: '=' | '!=', a: JsonLogic, b: JsonLogic): JsonLogic {
    return this.bind([a, b], this.call('if', this.call('in', null, this.field('current')), null, this.call(op === '=' ? '===' : '!==', this.bound(0), this.bound(1))));
  }
}

const TRUE: Pair = { holds: true, fails: false };
const FALSE: Pair = { holds: false, fails: true };
const UNKNOWN: Pair = { holds: false, fails: false };

/** The JSON Logic operator that holds for `a op b`, and the one that holds when it fails. */
const HOLDS_OP: Record<ComparisonOperator, string> = { '=': '===', '!=': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const FAILS_OP: Record<ComparisonOperator, string> = { '=': '!==', '!=': '===', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
/** `a op b` ⇔ `b mirror(op) a`. */
const MIRROR: Record<ComparisonOperator, ComparisonOperator> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Beyond these counts no span between two 4-digit-year dates reaches, so the threshold is unreachable. */
const MAX_SPAN: Record<Unit, number> = { days: 3_700_000, weeks: 530_000, months: 120_000, years: 10_000 };

/** JSON Logic's comparisons, as JavaScript evaluates them (a comparison with NaN is false). */
const COMPARE: Record<string, (a: Scalar, b: Scalar) => boolean> = {
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function arithmetic(op: '+' | '-' | '*' | '/', a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    default:
      return assertNever(op);
  }
}

// ------------------------------------------------------------------ the compiler

class Compiler {
  readonly L = new Logic();
  /** Forms of boolean expressions by node id (each node is compiled once). */
  private readonly forms = new Map<number, Forms>();
  private readonly groupForms = new Map<string, Forms>();
  private readonly letForms = new Map<string, Forms>();
  private readonly letValues = new Map<string, Value>();
  /** While compiling a `where` condition (§12): the data is the element; `period` lists read a
   *  missing `end` as the reference date, except as the operand of is known / is missing (`raw`). */
  private element: { list: string; period: boolean } | undefined;
  private rawElement = false;

  constructor(
    private readonly checked: CheckedFile,
    private readonly asOf: string,
    /** The referenced layout: lets and groups are read by name from the data. */
    private readonly referenced: boolean,
  ) {}

  private typeOf(e: Expression): Type {
    const t = this.checked.types.get(e.id);
    if (!t) throw new Error(`internal error: the checker gave no type for '${this.text(e)}'`);
    return t;
  }

  private text(e: Expression): string {
    return this.checked.source.slice(e.range.start.offset, e.range.end.offset);
  }

  private unsupported(e: Expression, expected: string): Error {
    return new Error(`cannot compile '${this.text(e)}' (line ${e.range.start.line}) to JSON Logic: expected ${expected}`);
  }

  private notPortable(e: Expression & { kind: 'Call' }): JsonLogicNotPortable {
    const why =
      e.callee.text === 'time_between'
        ? 'time_between needs date arithmetic on two record dates, which JSON Logic does not have'
        : e.callee.text === 'time_in'
          ? 'time_in needs date arithmetic (the union of periods within a window), which JSON Logic does not have'
          : `${e.callee.text}(…) compiles to JSON Logic only where it is compared`;
    return new JsonLogicNotPortable(`'${this.text(e)}' (line ${e.range.start.line}) is not portable to JSON Logic: ${why}; the SQL target compiles it`, e.range, e.callee.text, this.text(e));
  }

  /** The call an expression stands for (directly or through lets) if it is one of `names`. */
  private callNamed(e: Expression, names: readonly string[]): (Expression & { kind: 'Call' }) | undefined {
    if (e.kind === 'Call' && names.includes(e.callee.text)) return e;
    if (e.kind === 'Reference') {
      const r = this.checked.resolutions.get(e.id);
      if (r?.kind === 'let') return this.callNamed(r.decl.value, names);
    }
    return undefined;
  }

  /** Fails for time_between / time_in anywhere in `e` (through lets). */
  private portable(e: Expression): void {
    const c = this.callNamed(e, ['time_between', 'time_in']);
    if (c) throw this.notPortable(c);
  }

  /** The list a list function reads, and its `where` condition compiled on the element. */
  private listOf(call: Expression & { kind: 'Call' }): { list: string; condition: Pair } {
    const first = call.args[0]!;
    const listExpr = first.kind === 'Where' ? first.list : first;
    if (listExpr.kind !== 'Reference') throw this.unsupported(call, 'a list field');
    const list = listExpr.name;
    if (first.kind !== 'Where') return { list, condition: TRUE };
    const t = this.checked.fieldTypes.get(list);
    const outer = this.element;
    this.element = { list, period: t?.kind === 'list' && t.period };
    try {
      return { list, condition: this.criterion(first.condition) };
    } finally {
      this.element = outer;
    }
  }

  /** any/all/none (§12): `some` and `none` only (json-logic-js's `all` is false on an empty list,
   *  where §12 says true). A missing list is unknown. */
  private listCriterion(e: Expression & { kind: 'Call' }): Forms {
    const L = this.L;
    const name = e.callee.text;
    if (name !== 'any' && name !== 'all' && name !== 'none') {
      if (name === 'time_between' || name === 'time_in' || name === 'count') throw this.notPortable(e);
      throw this.unsupported(e, 'a condition');
    }
    const { list, condition: c } = this.listOf(e);
    const xs = L.field(list);
    const present = L.isPresent(list);
    // some element holds / every element fails (any); every element holds / some element fails (all)
    const someHolds = L.call('some', xs, c.holds);
    const allFail = L.call('none', xs, L.not(c.fails));
    const allHold = L.call('none', xs, L.not(c.holds));
    const someFails = L.call('some', xs, c.fails);
    const any: Pair = { holds: L.and(present, someHolds), fails: L.and(present, allFail) };
    const pair: Pair = name === 'any' ? any : name === 'none' ? { holds: any.fails, fails: any.holds } : { holds: L.and(present, allHold), fails: L.and(present, someFails) };
    return L.choose([pair]);
  }

  /** `a op b` where a side is a count (§12's interval rule): each side as the count of the true
   *  elements and of the true-or-unknown ones (a plain value twice), compared at the ends. */
  private countComparison(op: ComparisonOperator, left: Expression, right: Expression): Forms {
    const L = this.L;
    const count = (xs: JsonLogic) => L.call('reduce', xs, L.call('+', L.field('accumulator'), 1), 0);
    const side = (e: Expression) => {
      const call = this.callNamed(e, ['count']);
      if (call) {
        const { list, condition: c } = this.listOf(call);
        const xs = L.field(list);
        const lo = c.holds === true ? count(xs) : count(L.call('filter', xs, c.holds));
        const hi = c.fails === false ? count(xs) : count(L.call('filter', xs, L.not(c.fails)));
        return { lo, hi, present: [L.isPresent(list)], range: true, constant: undefined as Scalar | undefined };
      }
      const v = this.value(e, false);
      return { lo: v.logic, hi: v.logic, present: v.fields.map((f) => L.isPresent(f)), range: false, constant: v.constant };
    };
    const l = side(left);
    const r = side(right);
    const rel = (jsOp: string, x: JsonLogic, y: JsonLogic) => L.call(jsOp, x, y);
    const eq = (x: JsonLogic, y: JsonLogic) => (L.key(x) === L.key(y) ? true : rel('===', x, y));
    const notWhole = (s: typeof l, other: typeof l): JsonLogic => {
      if (s.range || !other.range) return false;
      if (s.constant !== undefined) return typeof s.constant === 'number' ? !Number.isInteger(s.constant) : true;
      return rel('!==', L.call('%', s.lo, 1), 0);
    };
    const [a, b, c, d] = [l.lo, l.hi, r.lo, r.hi];
    let holds: JsonLogic;
    let fails: JsonLogic;
    switch (op) {
      case '<':
        [holds, fails] = [rel('<', b, c), rel('>=', a, d)];
        break;
      case '<=':
        [holds, fails] = [rel('<=', b, c), rel('>', a, d)];
        break;
      case '>':
        [holds, fails] = [rel('>', a, d), rel('<=', b, c)];
        break;
      case '>=':
        [holds, fails] = [rel('>=', a, d), rel('<', b, c)];
        break;
      case '=':
      case '!=': {
        const equal = L.and(eq(a, b), eq(c, d), eq(a, c));
        const different = L.or(rel('<', b, c), rel('<', d, a), notWhole(l, r), notWhole(r, l));
        [holds, fails] = op === '=' ? [equal, different] : [different, equal];
        break;
      }
      default:
        return assertNever(op);
    }
    const present = [...l.present, ...r.present];
    return L.choose([{ holds: L.and(...present, holds), fails: L.and(...present, fails) }]);
  }

  private resolve(e: Expression & { kind: 'Reference' }) {
    const r = this.checked.resolutions.get(e.id);
    if (!r) throw this.unsupported(e, 'a name the checker resolved');
    return r;
  }

  private paramValue(name: string, at: Expression): Expression {
    const v = this.checked.paramValues.get(name);
    if (!v) throw this.unsupported(at, `a value for param '${name}'`);
    return v;
  }

  /** Reads a stored condition (a group's or let's value: true, false or null). */
  private stored(key: string): Forms {
    const L = this.L;
    const x = L.field(key);
    return new Forms({ holds: L.call('===', x, true), fails: L.call('===', x, false) }, () => x, true);
  }

  // ---------------------------------------------------------------- lets and groups

  /** Compiles a group; returns the pair the document gets. Later references use the stored value
   *  (referenced layout) or this very pair (inline). */
  prepareGroup(d: GroupDeclaration): Pair {
    const name = d.name.text;
    const f = this.formsOf(d.condition);
    this.groupForms.set(name, this.referenced ? this.stored(referenceName('group', name)) : f);
    return f.pair;
  }

  /** Compiles a let (both ways a value may be needed). In the referenced layout, returns its entry
   *  unless the let is a constant, a bare field or another name, which are written inline. */
  prepareLet(d: LetDeclaration): JsonLogicLet | undefined {
    const name = d.name.text;
    const kind = this.checked.letTypes.get(name)?.kind ?? this.typeOf(d.value).kind;
    // A calendar span or a fixed duration is resolved at compile time wherever it is used; a
    // count, time_in or time_between is compiled (or refused as not portable) where it is used.
    if (kind === 'calendar' || this.callNamed(d.value, ['count', 'time_in', 'time_between'])) return undefined;
    const key = referenceName('let', name);
    if (kind === 'boolean') {
      const f = this.formsOf(d.value);
      // A constant, or another stored name: nothing to store.
      const alias = f.pair === TRUE || f.pair === FALSE || f.stored;
      if (!this.referenced || alias) {
        this.letForms.set(name, f);
        return undefined;
      }
      this.letForms.set(name, this.stored(key));
      return { var: key, holds: f.pair.holds, fails: f.pair.fails };
    }
    // The exact form (signs of zeros kept), so that the stored value is the engine's to the bit.
    const exact = this.value(d.value, true);
    if (!this.referenced || exact.constant !== undefined || isBareField(exact)) {
      this.letValues.set(`${name}\u0000true`, exact);
      this.letValues.set(`${name}\u0000false`, this.value(d.value, false));
      return undefined;
    }
    const L = this.L;
    const stored: Value = { logic: L.field(key), fields: [key], unit: exact.unit };
    this.letValues.set(`${name}\u0000true`, stored);
    this.letValues.set(`${name}\u0000false`, stored);
    // Null when a field it reads is missing, as the engine has it.
    const value = exact.fields.length === 0 ? exact.logic : L.call('if', L.and(...exact.fields.map((f) => L.isPresent(f))), exact.logic, null);
    return { var: key, value };
  }

  private letCondition(decl: LetDeclaration): Forms {
    let f = this.letForms.get(decl.name.text);
    if (!f) {
      f = this.formsOf(decl.value);
      this.letForms.set(decl.name.text, f);
    }
    return f;
  }

  private groupCondition(decl: GroupDeclaration): Forms {
    const f = this.groupForms.get(decl.name.text);
    if (f) return f;
    this.prepareGroup(decl);
    return this.groupForms.get(decl.name.text)!;
  }

  // ---------------------------------------------------------------- criteria (boolean expressions)

  criterion(e: Expression): Pair {
    return this.formsOf(e).pair;
  }

  formsOf(e: Expression): Forms {
    let f = this.forms.get(e.id);
    if (!f) {
      f = this.compileCriterion(e);
      this.forms.set(e.id, f);
    }
    return f;
  }

  private compileCriterion(e: Expression): Forms {
    const L = this.L;
    switch (e.kind) {
      case 'Boolean':
        return L.constant(e.value);
      case 'Reference': {
        const r = this.resolve(e);
        switch (r.kind) {
          case 'field':
            return L.choose([{ holds: L.call('===', L.field(e.name), true), fails: L.call('===', L.field(e.name), false) }]);
          case 'let':
            // Inside where the data is the element: a let is written out, never read by name.
            return this.element ? this.formsOf(r.decl.value) : this.letCondition(r.decl);
          case 'element':
            return L.choose([{ holds: L.call('===', L.field(e.name), true), fails: L.call('===', L.field(e.name), false) }]);
          case 'param': {
            const v = this.paramValue(e.name, e);
            if (v.kind !== 'Boolean') throw this.unsupported(e, 'a condition');
            return L.constant(v.value);
          }
          case 'group':
            return this.groupCondition(r.decl);
          case 'enumValue':
            throw this.unsupported(e, 'a condition');
          default:
            return assertNever(r);
        }
      }
      case 'Not': {
        const p = this.formsOf(e.operand);
        return L.choose([{ holds: p.pair.fails, fails: p.pair.holds }], () => [L.kleeneNot(p.tri)]);
      }
      case 'Logical': {
        // A chain (`a and b and c`) as one operation.
        const items: Expression[] = [];
        const stack: Expression[] = [e];
        while (stack.length > 0) {
          const x = stack.pop()!;
          if (x.kind === 'Logical' && x.op === e.op) stack.push(x.right, x.left);
          else items.push(x);
        }
        const fs = items.map((x) => this.formsOf(x));
        const holds = fs.map((f) => f.pair.holds);
        const fails = fs.map((f) => f.pair.fails);
        const direct = e.op === 'and' ? { holds: L.and(...holds), fails: L.or(...fails) } : { holds: L.or(...holds), fails: L.and(...fails) };
        return L.choose([direct], () => [L.kleene(e.op, fs.map((f) => f.tri))]);
      }
      case 'Comparison':
        return this.comparison(e.op, e.left, e.right);
      case 'Between': {
        // Kleene `and` of `low <= value` and `value <= high`.
        const low = this.comparison('<=', e.low, e.value).pair;
        const high = this.comparison('<=', e.value, e.high).pair;
        return L.choose([{ holds: L.and(low.holds, high.holds), fails: L.or(low.fails, high.fails) }]);
      }
      case 'In': {
        const p = this.membership(e.value, e.items);
        return L.choose([e.negated ? { holds: p.fails, fails: p.holds } : p]);
      }
      case 'Is':
        return this.known(e.value, e.test === 'known');
      case 'AtLeast':
        return L.choose([atLeast(L, e.count.value, e.items.map((item) => this.criterion(item)))]);
      case 'Call':
        return this.listCriterion(e);
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Negate':
      case 'Arithmetic':
      case 'Where':
      case 'Window':
      case 'ErrorExpression':
        throw this.unsupported(e, 'a condition');
      default:
        return assertNever(e);
    }
  }

  private comparison(op: ComparisonOperator, left: Expression, right: Expression): Forms {
    const L = this.L;
    this.portable(left);
    this.portable(right);
    if (this.callNamed(left, ['count']) || this.callNamed(right, ['count'])) return this.countComparison(op, left, right);
    const lt = this.typeOf(left).kind;
    const rt = this.typeOf(right).kind;
    if (lt === 'calendar') return L.choose([this.calendarComparison(op, left, right)]);
    if (rt === 'calendar') return L.choose([this.calendarComparison(MIRROR[op], right, left)]);
    if (lt === 'boolean' || rt === 'boolean') {
      if (op !== '=' && op !== '!=') throw this.unsupported(left, "'=' or '!=' between conditions");
      // Three-valued equality: unknown when either side is.
      const a = this.formsOf(left);
      const b = this.formsOf(right);
      const [ah, af, bh, bf] = [a.pair.holds, a.pair.fails, b.pair.holds, b.pair.fails];
      const equal = L.or(L.and(ah, bh), L.and(af, bf));
      const different = L.or(L.and(ah, bf), L.and(af, bh));
      // Each side's holds and fails both appear in both of the pair's, which doubles per nesting
      // level; from the sides' tris, each is written once (the smaller is kept).
      const viaTri = L.kleeneEqual(op, a.tri, b.tri);
      return L.choose([op === '=' ? { holds: equal, fails: different } : { holds: different, fails: equal }, L.pairOf(viaTri)], () => [viaTri]);
    }
    const [l, r] = this.sameUnit(this.value(left, false), this.value(right, false), false, false);
    return L.choose([this.valueComparison(op, l, r)]);
  }

  /** `span op N unit`, where span is `age_of(d)`/`time_since(d)` and N unit a fixed duration (§4, §9). */
  private calendarComparison(op: ComparisonOperator, span: Expression, duration: Expression): Pair {
    const L = this.L;
    const date = this.spanStart(span);
    const { amount: n, unit } = this.fixedDuration(duration);
    // `completed units >= k` ⇔ the start is on or before the latest start that completes k units.
    const threshold = (k: number) => L.constantValue(latestStart(this.asOf, k, unit), undefined);
    const atLeastK = (k: number): JsonLogic => (k <= 0 ? true : k > MAX_SPAN[unit] ? false : this.relation('<=', date, threshold(k)));
    const below = (k: number): JsonLogic => (k <= 0 ? false : k > MAX_SPAN[unit] ? true : this.relation('>', date, threshold(k)));
    let holds: JsonLogic;
    let fails: JsonLogic;
    switch (op) {
      case '>=':
      case '<': {
        const k = Math.ceil(n);
        [holds, fails] = op === '>=' ? [atLeastK(k), below(k)] : [below(k), atLeastK(k)];
        break;
      }
      case '>':
      case '<=': {
        const k = Math.floor(n) + 1;
        [holds, fails] = op === '>' ? [atLeastK(k), below(k)] : [below(k), atLeastK(k)];
        break;
      }
      case '=':
      case '!=': {
        // A count of whole units is never equal to a fractional amount.
        const equal = Number.isInteger(n) ? L.and(atLeastK(n), below(n + 1)) : false;
        const different = Number.isInteger(n) ? L.or(below(n), atLeastK(n + 1)) : true;
        [holds, fails] = op === '=' ? [equal, different] : [different, equal];
        break;
      }
      default:
        return assertNever(op);
    }
    const present = date.fields.map((f) => L.isPresent(f));
    return { holds: L.and(...present, holds), fails: L.and(...present, fails) };
  }

  /** The start date of `age_of(d)` / `time_since(d)`, through lets. */
  private spanStart(e: Expression): Value {
    if (e.kind === 'Call' && e.args.length === 1) return this.value(e.args[0]!, false);
    if (e.kind === 'Reference') {
      const r = this.resolve(e);
      if (r.kind === 'let') return this.spanStart(r.decl.value);
    }
    throw this.unsupported(e, 'age_of(…) or time_since(…)');
  }

  /** A duration literal, a duration param, or a let of one (possibly negated). */
  private fixedDuration(e: Expression): { amount: number; unit: Unit } {
    switch (e.kind) {
      case 'Duration':
        return { amount: e.amount, unit: e.unit };
      case 'Negate': {
        const d = this.fixedDuration(e.operand);
        return { amount: -d.amount, unit: d.unit };
      }
      case 'Reference': {
        const r = this.resolve(e);
        if (r.kind === 'param') return this.fixedDuration(this.paramValue(e.name, e));
        if (r.kind === 'let') return this.fixedDuration(r.decl.value);
        break;
      }
      default:
        break;
    }
    throw this.unsupported(e, 'a fixed duration (like 6 months, or a param of one)');
  }

  private membership(valueExpr: Expression, items: Expression[]): Pair {
    const L = this.L;
    this.portable(valueExpr);
    if (this.typeOf(valueExpr).kind === 'boolean') {
      const p = this.criterion(valueExpr);
      const listed = items.map((item) => this.value(item, false).constant);
      const withTrue = listed.includes(true);
      const withFalse = listed.includes(false);
      return {
        holds: L.or(withTrue ? p.holds : false, withFalse ? p.fails : false),
        fails: L.or(withTrue ? false : p.holds, withFalse ? false : p.fails),
      };
    }
    const x = this.value(valueExpr, false);
    // Items grouped by the factor the value needs to meet their unit (1 when none).
    const byFactor = new Map<number, Scalar[]>();
    for (const item of items) {
      const v = this.value(item, false);
      if (v.constant === undefined) throw this.unsupported(item, 'a literal');
      // As in a comparison, the side in the larger unit is multiplied.
      let factor = 1;
      let listed = v.constant;
      if (x.unit && v.unit && x.unit !== v.unit) {
        const xf = unitFactor(x.unit, v.unit);
        if (Number.isNaN(xf)) listed = (listed as number) * unitFactor(v.unit, x.unit);
        else factor = xf;
      }
      const list = byFactor.get(factor) ?? [];
      list.push(listed);
      byFactor.set(factor, list);
    }
    const tests: JsonLogic[] = [];
    for (const [factor, list] of byFactor) {
      const xk = factor === 1 ? x : this.scale(x, factor, false);
      if (xk.constant !== undefined) {
        tests.push(list.some((item) => item === xk.constant));
        continue;
      }
      // Values JSON cannot write (±Infinity) are compared one by one; NaN equals nothing.
      const plain = list.filter((item) => typeof item !== 'number' || Number.isFinite(item));
      if (plain.length > 0) tests.push(L.call('in', xk.logic, L.list(plain)));
      for (const item of list) {
        if (typeof item === 'number' && !Number.isFinite(item) && !Number.isNaN(item)) tests.push(L.call('===', xk.logic, L.constantLogic(item)));
      }
    }
    const present = x.fields.map((f) => L.isPresent(f));
    const found = L.or(...tests);
    // A bare field that is missing reads as null, which no item equals (but some engines compute
    // null × 7 = 0, so a converted field is tested for presence).
    const plainField = isBareField(x) && [...byFactor.keys()].every((f) => f === 1);
    return { holds: plainField ? found : L.and(...present, found), fails: L.and(...present, L.not(found)) };
  }

  /** `x is known` (or, with `known` false, `x is missing`); never unknown. */
  private known(valueExpr: Expression, known: boolean): Forms {
    const L = this.L;
    const kind = this.typeOf(valueExpr).kind;
    const swap = (p: Pair): Pair => (known ? p : { holds: p.fails, fails: p.holds });
    this.portable(valueExpr);
    const counted = this.callNamed(valueExpr, ['count']);
    if (counted) {
      // A count is known when its list is (its unknown elements only bound it, §12).
      const first = counted.args[0]!;
      const listExpr = first.kind === 'Where' ? first.list : first;
      const name = (listExpr as Expression & { kind: 'Reference' }).name;
      return L.choose([swap({ holds: L.isPresent(name), fails: L.isAbsent(name) })]);
    }
    if (valueExpr.kind === 'Reference' && this.checked.resolutions.get(valueExpr.id)?.kind === 'element') {
      // `end is missing` asks whether a period still runs: the end as stored.
      this.rawElement = true;
      try {
        const fields = this.value(valueExpr, false).fields;
        return L.choose([swap({ holds: L.and(...fields.map((f) => L.isPresent(f))), fails: L.or(...fields.map((f) => L.isAbsent(f))) })]);
      } finally {
        this.rawElement = false;
      }
    }
    if (kind === 'boolean') {
      const f = this.formsOf(valueExpr);
      const decided = L.or(f.pair.holds, f.pair.fails);
      const direct = swap({ holds: decided, fails: L.not(decided) });
      // From the tri, the operand is written once.
      const viaTri = swap({ holds: L.call('!==', f.tri, null), fails: L.call('===', f.tri, null) });
      return L.choose([direct, viaTri], () => [viaTri.holds]);
    }
    const fields = kind === 'calendar' ? this.spanStart(valueExpr).fields : this.value(valueExpr, false).fields;
    return L.choose([swap({ holds: L.and(...fields.map((f) => L.isPresent(f))), fails: L.or(...fields.map((f) => L.isAbsent(f))) })]);
  }

  // ---------------------------------------------------------------- values

  /**
   * `signMatters`: the value may end up (through + - * and dividends) in a divisor, where the sign of
   * a zero decides between +Infinity and −Infinity. json-logic-js's `+` and `*` read their operands
   * with parseFloat, which turns −0 into 0, so there the exact forms below are used.
   */
  value(e: Expression, signMatters: boolean): Value {
    const L = this.L;
    switch (e.kind) {
      case 'Number':
        return L.constantValue(e.value, undefined);
      case 'Duration':
        return L.constantValue(e.amount, e.unit);
      case 'Date':
      case 'Text':
      case 'Boolean':
        return L.constantValue(e.value, undefined);
      case 'Reference': {
        const r = this.resolve(e);
        switch (r.kind) {
          case 'field': {
            const t = this.checked.fieldTypes.get(e.name);
            return { logic: L.field(e.name), fields: [e.name], unit: t?.kind === 'number' ? t.unit : undefined };
          }
          case 'element': {
            const t = r.decl.type;
            if (this.element?.period && e.name === 'end' && !this.rawElement) {
              // A period's missing end is the reference date (§12): always present.
              return { logic: L.call('if', L.isPresent('end'), L.field('end'), this.asOf), fields: [], unit: undefined };
            }
            return { logic: L.field(e.name), fields: [e.name], unit: t.kind === 'PrimitiveType' ? t.unit?.unit : undefined };
          }
          case 'let': {
            if (this.element) return this.value(r.decl.value, signMatters);
            const key = `${r.decl.name.text}\u0000${signMatters}`;
            let v = this.letValues.get(key);
            if (!v) {
              v = this.value(r.decl.value, signMatters);
              this.letValues.set(key, v);
            }
            return v;
          }
          case 'param':
            // The effective literal (an override may change a duration's unit).
            return this.value(this.paramValue(e.name, e), signMatters);
          case 'enumValue':
            return L.constantValue(r.value, undefined);
          case 'group':
            throw this.unsupported(e, 'a value');
          default:
            return assertNever(r);
        }
      }
      case 'Negate': {
        const v = this.value(e.operand, signMatters);
        if (typeof v.constant === 'number') return L.constantValue(-v.constant, v.unit);
        return { logic: L.call('-', v.logic), fields: v.fields, unit: v.unit };
      }
      case 'Arithmetic': {
        const op = e.op;
        const divisor = op === '/';
        const [l, r] = this.sameUnit(this.value(e.left, signMatters), this.value(e.right, signMatters || divisor), signMatters, signMatters || divisor);
        const unit = divisor ? (r.unit ? undefined : l.unit) : (l.unit ?? r.unit);
        if (typeof l.constant === 'number' && typeof r.constant === 'number') return L.constantValue(arithmetic(op, l.constant, r.constant), unit);
        let logic: JsonLogic;
        switch (op) {
          case '+':
            // a − (−b) is exactly a + b in IEEE arithmetic, and `-` does not go through parseFloat.
            logic = signMatters ? L.call('-', l.logic, L.call('-', r.logic)) : L.call('+', l.logic, r.logic);
            break;
          case '-':
            logic = L.call('-', l.logic, r.logic);
            break;
          case '*':
            logic = this.multiply(l, r, signMatters);
            break;
          case '/':
            logic = L.call('/', l.logic, r.logic);
            break;
          default:
            return assertNever(op);
        }
        return { logic, fields: union(l.fields, r.fields), unit };
      }
      case 'Call':
        if (['count', 'time_in', 'time_between'].includes(e.callee.text)) throw this.notPortable(e);
        throw this.unsupported(e, 'a value');
      case 'Not':
      case 'Logical':
      case 'Comparison':
      case 'Between':
      case 'In':
      case 'Is':
      case 'AtLeast':
      case 'Where':
      case 'Window':
      case 'ErrorExpression':
        throw this.unsupported(e, 'a value');
      default:
        return assertNever(e);
    }
  }

  /**
   * `a * b` exactly as JavaScript computes it. json-logic-js's `*` is exact except that it reads −0
   * as 0; where the sign of a zero matters, a zero product is recomputed as `a / (1 / b)`, which
   * gives the zero its right sign. That uses each operand three times, so nested products would
   * triple per level; with the operands bound once (`bind`) it stays linear — the smaller is taken.
   */
  private multiply(a: Value, b: Value, signMatters: boolean): JsonLogic {
    const L = this.L;
    const product = L.call('*', a.logic, b.logic);
    if (!signMatters) return product;
    const constantReciprocal = typeof b.constant === 'number' ? L.constantLogic(1 / b.constant) : undefined;
    const guarded = (x: JsonLogic, y: JsonLogic) => {
      const p = L.call('*', x, y);
      return L.call('if', L.call('!==', p, 0), p, L.call('/', x, constantReciprocal ?? L.call('/', 1, y)));
    };
    return L.smallest([guarded(a.logic, b.logic), L.bind([a.logic, b.logic], guarded(L.bound(0), L.bound(1)))], (x) => L.size(x));
  }

  /** Multiplies a value by a unit factor (7 or 12). */
  private scale(v: Value, factor: number, signMatters: boolean): Value {
    const L = this.L;
    if (typeof v.constant === 'number') return L.constantValue(v.constant * factor, v.unit);
    return { logic: this.multiply(v, L.constantValue(factor, undefined), signMatters), fields: v.fields, unit: v.unit };
  }

  /**
   * Two operands in one unit: the one in the larger unit is multiplied (weeks × 7 → days, years × 12
   * → months) before the operation; a plain number takes the other side's unit.
   */
  private sameUnit(l: Value, r: Value, lSign: boolean, rSign: boolean): [Value, Value] {
    if (!l.unit || !r.unit || l.unit === r.unit) return [l, r];
    const lf = unitFactor(l.unit, r.unit);
    if (!Number.isNaN(lf)) return [{ ...this.scale(l, lf, lSign), unit: r.unit }, r];
    const rf = unitFactor(r.unit, l.unit);
    if (!Number.isNaN(rf)) return [l, { ...this.scale(r, rf, rSign), unit: l.unit }];
    throw new Error(`internal error: units ${l.unit} and ${r.unit} do not convert exactly`);
  }

  /** A JSON Logic comparison, folded when both sides are known. */
  private relation(jsOp: string, l: Value, r: Value): JsonLogic {
    if (l.constant !== undefined && r.constant !== undefined) return COMPARE[jsOp]!(l.constant, r.constant);
    return this.L.call(jsOp, l.logic, r.logic);
  }

  /** A comparison holds (or fails) only when every field it reads is present. */
  private valueComparison(op: ComparisonOperator, l: Value, r: Value): Pair {
    const L = this.L;
    const present = union(l.fields, r.fields).map((f) => L.isPresent(f));
    // `===` against a known value needs no presence test for a bare field: missing reads as null.
    const strictNeedsNoPresence = (isBareField(l) && r.constant !== undefined) || (isBareField(r) && l.constant !== undefined);
    const side = (jsOp: string) => {
      const test = this.relation(jsOp, l, r);
      return jsOp === '===' && strictNeedsNoPresence ? test : L.and(...present, test);
    };
    return { holds: side(HOLDS_OP[op]), fails: side(FAILS_OP[op]) };
  }
}

// ------------------------------------------------------------------ building blocks

/** A value that is one `var` read (a field, or a stored let), which reads as null when missing. */
function isBareField(v: Value): boolean {
  return v.constant === undefined && v.fields.length === 1 && isOp(v.logic, 'var');
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...a, ...b.filter((f) => !a.includes(f))];
}

/** `at least n of (…)` in linear size: count the items that hold, and the items that fail. */
function atLeast(L: Logic, n: number, items: Pair[]): Pair {
  const m = items.length;
  if (n <= 0) return TRUE;
  if (n > m) return FALSE;
  if (n === m) return { holds: L.and(...items.map((p) => p.holds)), fails: L.or(...items.map((p) => p.fails)) };
  if (n === 1) return { holds: L.or(...items.map((p) => p.holds)), fails: L.and(...items.map((p) => p.fails)) };
  const count = (parts: JsonLogic[]): JsonLogic => L.op('+', L.list(parts.map((p) => L.call('if', p, 1, 0))));
  return {
    holds: L.call('>=', count(items.map((p) => p.holds)), n),
    // False once fewer than n can still hold: at least m − n + 1 items fail.
    fails: L.call('>=', count(items.map((p) => p.fails)), m - n + 1),
  };
}

/** Sets an own property even for names like `__proto__`, which plain assignment would not. */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
