// AST → standard JSON Logic (LANGUAGE.md §9). Every group and programme line becomes a pair of
// expressions, `holds` and `fails`, that encodes three-valued logic in two-valued JSON Logic:
// true when `holds` is truthy, false when `fails` is, unknown when neither. Params, lets and groups
// are inlined; calendar spans become ISO-date thresholds computed from the reference date, because
// JSON Logic has no date arithmetic. Only standard operations are emitted, so json-logic-js (the
// reference) and any conformant evaluator give the engine's outcomes.
import {
  assertNever,
  unitFactor,
  type CheckedFile,
  type ComparisonOperator,
  type Expression,
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

export interface JsonLogicLine extends JsonLogicCriterion {
  kind: 'require' | 'exclude';
  /** The line's condition as written in the rule file. */
  source: string;
}

export interface JsonLogicProgram {
  label: string | null;
  lines: JsonLogicLine[];
}

/** The document `visit compile` writes (§9). */
export interface JsonLogicDocument {
  asOf: string;
  groups: Record<string, JsonLogicCriterion>;
  programs: Record<string, JsonLogicProgram>;
}

export interface JsonLogicOptions {
  /** The reference date `YYYY-MM-DD` the calendar thresholds are computed from. */
  asOf: string;
}

/** Compiles a checked rule file (without errors) to JSON Logic. Throws on a file with errors. */
export function toJsonLogic(checked: CheckedFile, options: JsonLogicOptions): JsonLogicDocument {
  if (checked.hasErrors) {
    const first = checked.diagnostics.find((d) => d.severity === 'error');
    const where = first ? ` (first at ${first.range.start.line}:${first.range.start.column}: ${first.message})` : '';
    throw new Error(`cannot compile to JSON Logic: the rule file has errors${where}`);
  }
  if (!isRealDate(options.asOf)) {
    throw new Error(`cannot compile to JSON Logic: the reference date '${options.asOf}' is not a real date YYYY-MM-DD`);
  }
  const c = new Compiler(checked, options.asOf);
  const groups: Record<string, JsonLogicCriterion> = {};
  for (const [name, g] of checked.groups) {
    const pair = c.group(name, g.condition);
    put(groups, name, { label: g.label?.value ?? null, holds: pair.holds, fails: pair.fails });
  }
  const programs: Record<string, JsonLogicProgram> = {};
  for (const [name, p] of checked.programs) {
    const lines = p.lines.map((line): JsonLogicLine => {
      const pair = c.criterion(line.condition);
      // The condition's text: from after the keyword to the label (parentheses are not in the AST,
      // so the condition node's own range could cut off a bracket).
      const end = line.label ? line.label.range.start.offset : line.range.end.offset;
      const source = checked.source.slice(line.range.start.offset + line.mode.length, end).trim();
      return { kind: line.mode, label: line.label?.value ?? null, source, holds: pair.holds, fails: pair.fails };
    });
    put(programs, name, { label: p.label?.value ?? null, lines });
  }
  return { asOf: options.asOf, groups, programs };
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
export function criterionValue(criterion: JsonLogicCriterion, data: Record<string, unknown>, apply: JsonLogicApply): boolean | null {
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
 * missing = absent or null), computed by a JSON Logic engine's `apply` from a compiled document.
 */
export function outcomeFromJsonLogic(doc: JsonLogicDocument, record: Record<string, unknown>, apply: JsonLogicApply): JsonLogicOutcome {
  // A null-prototype copy, so that `{"var": "toString"}` on a record without that field is missing
  // rather than Object.prototype's method.
  const data = Object.assign(Object.create(null) as Record<string, unknown>, record);
  const groups: Record<string, boolean | null> = {};
  for (const [name, g] of Object.entries(doc.groups)) put(groups, name, criterionValue(g, data, apply));
  const programs: Record<string, JsonLogicProgramOutcome> = {};
  for (const [name, p] of Object.entries(doc.programs)) {
    const lines = p.lines.map((line) => ({ kind: line.kind, value: criterionValue(line, data, apply) }));
    put(programs, name, programOutcome(lines));
  }
  return { groups, programs };
}

// ------------------------------------------------------------------ the compiler

type Scalar = number | string | boolean;

/** A criterion as a pair of two-valued expressions; never both truthy. */
interface Pair {
  holds: JsonLogic;
  fails: JsonLogic;
}

/** A value expression: `logic` computes it whenever every field in `fields` is present. */
interface Value {
  logic: JsonLogic;
  fields: readonly string[];
  unit: Unit | undefined;
  /** Set when the value is known at compile time (literals, params, arithmetic on them). */
  constant?: Scalar;
}

const TRUE: Pair = { holds: true, fails: false };
const FALSE: Pair = { holds: false, fails: true };

/** The JSON Logic operator that holds for `a op b`, and the one that holds when it fails. */
const HOLDS_OP: Record<ComparisonOperator, string> = { '=': '===', '!=': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const FAILS_OP: Record<ComparisonOperator, string> = { '=': '!==', '!=': '===', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
/** `a op b` ⇔ `b mirror(op) a`. */
const MIRROR: Record<ComparisonOperator, ComparisonOperator> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Beyond these counts no span between two 4-digit-year dates reaches, so the threshold is unreachable. */
const MAX_SPAN: Record<Unit, number> = { days: 3_700_000, weeks: 530_000, months: 120_000, years: 10_000 };

class Compiler {
  private readonly groupPairs = new Map<string, Pair>();
  private readonly letPairs = new Map<string, Pair>();
  private readonly letValues = new Map<string, Value>();

  constructor(
    private readonly checked: CheckedFile,
    private readonly asOf: string,
  ) {}

  group(name: string, condition: Expression): Pair {
    let pair = this.groupPairs.get(name);
    if (!pair) {
      pair = this.criterion(condition);
      this.groupPairs.set(name, pair);
    }
    return pair;
  }

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

  // ---------------------------------------------------------------- criteria (boolean expressions)

  criterion(e: Expression): Pair {
    switch (e.kind) {
      case 'Boolean':
        return e.value ? TRUE : FALSE;
      case 'Reference': {
        const r = this.resolve(e);
        switch (r.kind) {
          case 'field':
            return { holds: { '===': [field(e.name), true] }, fails: { '===': [field(e.name), false] } };
          case 'let': {
            const name = r.decl.name.text;
            let pair = this.letPairs.get(name);
            if (!pair) {
              pair = this.criterion(r.decl.value);
              this.letPairs.set(name, pair);
            }
            return pair;
          }
          case 'param': {
            const v = this.paramValue(e.name, e);
            if (v.kind !== 'Boolean') throw this.unsupported(e, 'a condition');
            return v.value ? TRUE : FALSE;
          }
          case 'group':
            return this.group(r.decl.name.text, r.decl.condition);
          case 'enumValue':
            throw this.unsupported(e, 'a condition');
          default:
            return assertNever(r);
        }
      }
      case 'Not': {
        const p = this.criterion(e.operand);
        return { holds: p.fails, fails: p.holds };
      }
      case 'Logical': {
        const a = this.criterion(e.left);
        const b = this.criterion(e.right);
        return e.op === 'and'
          ? { holds: and(a.holds, b.holds), fails: or(a.fails, b.fails) }
          : { holds: or(a.holds, b.holds), fails: and(a.fails, b.fails) };
      }
      case 'Comparison':
        return this.comparison(e.op, e.left, e.right);
      case 'Between': {
        // Kleene `and` of `low <= value` and `value <= high`.
        const low = this.comparison('<=', e.low, e.value);
        const high = this.comparison('<=', e.value, e.high);
        return { holds: and(low.holds, high.holds), fails: or(low.fails, high.fails) };
      }
      case 'In': {
        const p = this.membership(e.value, e.items);
        return e.negated ? { holds: p.fails, fails: p.holds } : p;
      }
      case 'Is': {
        const known = this.known(e.value);
        return e.test === 'known' ? known : { holds: known.fails, fails: known.holds };
      }
      case 'AtLeast':
        return atLeast(e.count.value, e.items.map((item) => this.criterion(item)));
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Call':
      case 'Negate':
      case 'Arithmetic':
      case 'ErrorExpression':
        throw this.unsupported(e, 'a condition');
      default:
        return assertNever(e);
    }
  }

  private comparison(op: ComparisonOperator, left: Expression, right: Expression): Pair {
    const lt = this.typeOf(left).kind;
    const rt = this.typeOf(right).kind;
    if (lt === 'calendar') return this.calendarComparison(op, left, right);
    if (rt === 'calendar') return this.calendarComparison(MIRROR[op], right, left);
    if (lt === 'boolean' || rt === 'boolean') {
      if (op !== '=' && op !== '!=') throw this.unsupported(left, "'=' or '!=' between conditions");
      // Three-valued equality: unknown when either side is.
      const a = this.criterion(left);
      const b = this.criterion(right);
      const equal = or(and(a.holds, b.holds), and(a.fails, b.fails));
      const different = or(and(a.holds, b.fails), and(a.fails, b.holds));
      return op === '=' ? { holds: equal, fails: different } : { holds: different, fails: equal };
    }
    const [l, r] = sameUnit(this.value(left, false), this.value(right, false), false, false);
    return valueComparison(op, l, r);
  }

  /** `span op N unit`, where span is `age_of(d)`/`time_since(d)` and N unit a fixed duration (§4, §9). */
  private calendarComparison(op: ComparisonOperator, span: Expression, duration: Expression): Pair {
    const date = this.spanStart(span);
    const { amount: n, unit } = this.fixedDuration(duration);
    // `completed units >= k` ⇔ the start is on or before the latest start that completes k units.
    const threshold = (k: number) => constant(latestStart(this.asOf, k, unit));
    const atLeast = (k: number): JsonLogic => (k <= 0 ? true : k > MAX_SPAN[unit] ? false : relation('<=', date, threshold(k)));
    const below = (k: number): JsonLogic => (k <= 0 ? false : k > MAX_SPAN[unit] ? true : relation('>', date, threshold(k)));
    let holds: JsonLogic;
    let fails: JsonLogic;
    switch (op) {
      case '>=':
      case '<': {
        const k = Math.ceil(n);
        [holds, fails] = op === '>=' ? [atLeast(k), below(k)] : [below(k), atLeast(k)];
        break;
      }
      case '>':
      case '<=': {
        const k = Math.floor(n) + 1;
        [holds, fails] = op === '>' ? [atLeast(k), below(k)] : [below(k), atLeast(k)];
        break;
      }
      case '=':
      case '!=': {
        // A count of whole units is never equal to a fractional amount.
        const equal = Number.isInteger(n) ? and(atLeast(n), below(n + 1)) : false;
        const different = Number.isInteger(n) ? or(below(n), atLeast(n + 1)) : true;
        [holds, fails] = op === '=' ? [equal, different] : [different, equal];
        break;
      }
      default:
        return assertNever(op);
    }
    const present = date.fields.map(isPresent);
    return { holds: and(...present, holds), fails: and(...present, fails) };
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
    if (this.typeOf(valueExpr).kind === 'boolean') {
      const p = this.criterion(valueExpr);
      const listed = items.map((item) => this.value(item, false).constant);
      const withTrue = listed.includes(true);
      const withFalse = listed.includes(false);
      return {
        holds: or(withTrue ? p.holds : false, withFalse ? p.fails : false),
        fails: or(withTrue ? false : p.holds, withFalse ? false : p.fails),
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
      const xk = factor === 1 ? x : scale(x, factor, false);
      if (xk.constant !== undefined) {
        tests.push(list.some((item) => item === xk.constant));
        continue;
      }
      // Values JSON cannot write (±Infinity) are compared one by one; NaN equals nothing.
      const plain = list.filter((item) => typeof item !== 'number' || Number.isFinite(item));
      if (plain.length > 0) tests.push({ in: [xk.logic, plain] });
      for (const item of list) {
        if (typeof item === 'number' && !Number.isFinite(item) && !Number.isNaN(item)) tests.push({ '===': [xk.logic, constantLogic(item)] });
      }
    }
    const present = x.fields.map(isPresent);
    const found = or(...tests);
    // A bare field that is missing reads as null, which no item equals (but some engines compute
    // null × 7 = 0, so a converted field is tested for presence).
    const plainField = isBareField(x) && [...byFactor.keys()].every((f) => f === 1);
    return { holds: plainField ? found : and(...present, found), fails: and(...present, not(found)) };
  }

  private known(valueExpr: Expression): Pair {
    const kind = this.typeOf(valueExpr).kind;
    if (kind === 'boolean') {
      const p = this.criterion(valueExpr);
      const decided = or(p.holds, p.fails);
      return { holds: decided, fails: not(decided) };
    }
    const fields = kind === 'calendar' ? this.spanStart(valueExpr).fields : this.value(valueExpr, false).fields;
    return { holds: and(...fields.map(isPresent)), fails: or(...fields.map(isAbsent)) };
  }

  // ---------------------------------------------------------------- values

  /**
   * `signMatters`: the value may end up (through + - * and dividends) in a divisor, where the sign of
   * a zero decides between +Infinity and −Infinity. json-logic-js's `+` and `*` read their operands
   * with parseFloat, which turns −0 into 0, so there the exact forms below are used.
   */
  value(e: Expression, signMatters: boolean): Value {
    switch (e.kind) {
      case 'Number':
        return constantValue(e.value, undefined);
      case 'Duration':
        return constantValue(e.amount, e.unit);
      case 'Date':
      case 'Text':
      case 'Boolean':
        return constantValue(e.value, undefined);
      case 'Reference': {
        const r = this.resolve(e);
        switch (r.kind) {
          case 'field': {
            const t = this.checked.fieldTypes.get(e.name);
            return { logic: field(e.name), fields: [e.name], unit: t?.kind === 'number' ? t.unit : undefined };
          }
          case 'let': {
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
            return constantValue(r.value, undefined);
          case 'group':
            throw this.unsupported(e, 'a value');
          default:
            return assertNever(r);
        }
      }
      case 'Negate': {
        const v = this.value(e.operand, signMatters);
        if (typeof v.constant === 'number') return constantValue(-v.constant, v.unit);
        return { logic: { '-': [v.logic] }, fields: v.fields, unit: v.unit };
      }
      case 'Arithmetic': {
        const op = e.op;
        const divisor = op === '/';
        const [l, r] = sameUnit(this.value(e.left, signMatters), this.value(e.right, signMatters || divisor), signMatters, signMatters || divisor);
        const unit = divisor ? (r.unit ? undefined : l.unit) : (l.unit ?? r.unit);
        if (typeof l.constant === 'number' && typeof r.constant === 'number') return constantValue(arithmetic(op, l.constant, r.constant), unit);
        let logic: JsonLogic;
        switch (op) {
          case '+':
            // a − (−b) is exactly a + b in IEEE arithmetic, and `-` does not go through parseFloat.
            logic = signMatters ? { '-': [l.logic, { '-': [r.logic] }] } : { '+': [l.logic, r.logic] };
            break;
          case '-':
            logic = { '-': [l.logic, r.logic] };
            break;
          case '*':
            logic = multiply(l, r, signMatters);
            break;
          case '/':
            logic = { '/': [l.logic, r.logic] };
            break;
          default:
            return assertNever(op);
        }
        return { logic, fields: union(l.fields, r.fields), unit };
      }
      case 'Call':
      case 'Not':
      case 'Logical':
      case 'Comparison':
      case 'Between':
      case 'In':
      case 'Is':
      case 'AtLeast':
      case 'ErrorExpression':
        throw this.unsupported(e, 'a value');
      default:
        return assertNever(e);
    }
  }
}

// ------------------------------------------------------------------ building blocks

function field(name: string): JsonLogic {
  return { var: name };
}

/**
 * A missing field reads as null (`var` of an absent key, or null), so strict `!== null` is true
 * exactly for present values. Not loose `!= null`: json-logic-engine's loose comparisons take null
 * for 0 or false, which would make a present 0 or false look missing.
 */
function isPresent(name: string): JsonLogic {
  return { '!==': [field(name), null] };
}

function isAbsent(name: string): JsonLogic {
  return { '===': [field(name), null] };
}

function isBareField(v: Value): boolean {
  return v.constant === undefined && v.fields.length === 1 && typeof v.logic === 'object' && v.logic !== null && 'var' in v.logic;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...a, ...b.filter((f) => !a.includes(f))];
}

/** A number as JSON Logic; JSON cannot write −0, ±Infinity or NaN, so those are computed. */
function constantLogic(x: Scalar): JsonLogic {
  if (typeof x !== 'number') return x;
  if (Object.is(x, -0)) return { '-': [0] };
  if (Number.isNaN(x)) return { '/': [0, 0] };
  if (x === Infinity) return { '/': [1, 0] };
  if (x === -Infinity) return { '/': [-1, 0] };
  return x;
}

function constantValue(x: Scalar, unit: Unit | undefined): Value {
  return { logic: constantLogic(x), fields: [], unit, constant: x };
}

function constant(x: Scalar): Value {
  return constantValue(x, undefined);
}

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

/**
 * `a * b` exactly as JavaScript computes it. json-logic-js's `*` is exact except that it reads −0
 * as 0; where the sign of a zero matters, a zero product is recomputed as `a / (1 / b)`, which
 * gives the zero its right sign.
 */
function multiply(a: Value, b: Value, signMatters: boolean): JsonLogic {
  const product: JsonLogic = { '*': [a.logic, b.logic] };
  if (!signMatters) return product;
  const reciprocal = typeof b.constant === 'number' ? constantLogic(1 / b.constant) : { '/': [1, b.logic] };
  return { if: [{ '!==': [product, 0] }, product, { '/': [a.logic, reciprocal] }] };
}

/** Multiplies a value by a unit factor (7 or 12). */
function scale(v: Value, factor: number, signMatters: boolean): Value {
  if (typeof v.constant === 'number') return { ...constantValue(v.constant * factor, v.unit) };
  return { logic: multiply(v, constant(factor), signMatters), fields: v.fields, unit: v.unit };
}

/**
 * Two operands in one unit: the one in the larger unit is multiplied (weeks × 7 → days, years × 12
 * → months) before the operation; a plain number takes the other side's unit.
 */
function sameUnit(l: Value, r: Value, lSign: boolean, rSign: boolean): [Value, Value] {
  if (!l.unit || !r.unit || l.unit === r.unit) return [l, r];
  const lf = unitFactor(l.unit, r.unit);
  if (!Number.isNaN(lf)) return [{ ...scale(l, lf, lSign), unit: r.unit }, r];
  const rf = unitFactor(r.unit, l.unit);
  if (!Number.isNaN(rf)) return [l, { ...scale(r, rf, rSign), unit: l.unit }];
  throw new Error(`internal error: units ${l.unit} and ${r.unit} do not convert exactly`);
}

/** JSON Logic's comparisons, as JavaScript evaluates them (a comparison with NaN is false). */
const COMPARE: Record<string, (a: Scalar, b: Scalar) => boolean> = {
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** A JSON Logic comparison, folded when both sides are known. */
function relation(jsOp: string, l: Value, r: Value): JsonLogic {
  if (l.constant !== undefined && r.constant !== undefined) return COMPARE[jsOp]!(l.constant, r.constant);
  return { [jsOp]: [l.logic, r.logic] };
}

/** A comparison holds (or fails) only when every field it reads is present. */
function valueComparison(op: ComparisonOperator, l: Value, r: Value): Pair {
  const present = union(l.fields, r.fields).map(isPresent);
  // `===` against a known value needs no presence test for a bare field: missing reads as null.
  const strictNeedsNoPresence = (isBareField(l) && r.constant !== undefined) || (isBareField(r) && l.constant !== undefined);
  const side = (jsOp: string) => {
    const test = relation(jsOp, l, r);
    return jsOp === '===' && strictNeedsNoPresence ? test : and(...present, test);
  };
  return { holds: side(HOLDS_OP[op]), fails: side(FAILS_OP[op]) };
}

/** `at least n of (…)` in linear size: count the items that hold, and the items that fail. */
function atLeast(n: number, items: Pair[]): Pair {
  const m = items.length;
  if (n <= 0) return TRUE;
  if (n > m) return FALSE;
  if (n === m) return { holds: and(...items.map((p) => p.holds)), fails: or(...items.map((p) => p.fails)) };
  if (n === 1) return { holds: or(...items.map((p) => p.holds)), fails: and(...items.map((p) => p.fails)) };
  const count = (parts: JsonLogic[]): JsonLogic => ({ '+': parts.map((p) => ({ if: [p, 1, 0] })) });
  return {
    holds: { '>=': [count(items.map((p) => p.holds)), n] },
    // False once fewer than n can still hold: at least m − n + 1 items fail.
    fails: { '>=': [count(items.map((p) => p.fails)), m - n + 1] },
  };
}

function operands(op: 'and' | 'or', xs: JsonLogic[]): JsonLogic[] {
  const out: JsonLogic[] = [];
  const seen = new Set<string>();
  for (const x of xs) {
    const parts = typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x)[0] === op ? (x[op] as JsonLogic[]) : [x];
    for (const p of parts) {
      const key = JSON.stringify(p);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(p);
      }
    }
  }
  return out;
}

/** `and`, flattened, with constants folded and repeats dropped. */
function and(...xs: JsonLogic[]): JsonLogic {
  const parts = operands('and', xs).filter((x) => x !== true);
  if (parts.includes(false)) return false;
  if (parts.length === 0) return true;
  return parts.length === 1 ? parts[0]! : { and: parts };
}

function or(...xs: JsonLogic[]): JsonLogic {
  const parts = operands('or', xs).filter((x) => x !== false);
  if (parts.includes(true)) return true;
  if (parts.length === 0) return false;
  return parts.length === 1 ? parts[0]! : { or: parts };
}

function not(x: JsonLogic): JsonLogic {
  if (typeof x === 'boolean') return !x;
  return { '!': [x] };
}

/** Sets an own property even for names like `__proto__`, which plain assignment would not. */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
