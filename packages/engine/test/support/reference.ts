// The reference interpreter: the oracle of the differential test. It walks the AST straight from
// the shared semantics, with no cleverness: calendar spans are counted with completedUnits (not
// through thresholds, so that the JSON Logic compiler's threshold trick is actually tested), and
// the three-valued tables are written out.
import { assertNever, type CheckedFile, type ComparisonOperator, type Expression, type Unit } from '@visit/dsl';
import { addUnits, completedUnits, dayNumber } from '../../src/calendar';

export type Tri = true | false | null;
export type ProgramOutcome = 'eligible' | 'ineligible' | 'undetermined';

export interface ReferenceOutcome {
  groups: Record<string, Tri>;
  programs: Record<string, ProgramOutcome>;
}

/** A value; `value` is undefined when it is missing. Numbers carry their unit, if any. */
interface Value {
  value: number | string | boolean | undefined;
  unit?: Unit;
}

const MISSING: Value = { value: undefined };

/** Evaluates every group and programme of a checked file for one record, as of `asOf`. */
export function referenceEvaluate(checked: CheckedFile, record: Record<string, unknown>, asOf: string): ReferenceOutcome {
  const run = new Run(checked, record, asOf);
  const groups: Record<string, Tri> = {};
  for (const [name, g] of checked.groups) groups[name] = run.truth(g.condition);
  const programs: Record<string, ProgramOutcome> = {};
  for (const [name, p] of checked.programs) {
    let anyLineAgainst = false;
    let everyLineFor = true;
    for (const line of p.lines) {
      const v = run.truth(line.condition);
      const wanted = line.mode === 'require';
      if (v === !wanted) anyLineAgainst = true;
      if (v !== wanted) everyLineFor = false;
    }
    programs[name] = anyLineAgainst ? 'ineligible' : everyLineFor ? 'eligible' : 'undetermined';
  }
  return { groups, programs };
}

// Kleene's tables, written out.
function kleeneNot(a: Tri): Tri {
  if (a === true) return false;
  if (a === false) return true;
  return null;
}
function kleeneAnd(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return null;
}
function kleeneOr(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return null;
}

/** Compares two present values; NaN makes an ordering comparison neither true nor false. */
function compare(op: ComparisonOperator, a: number | string | boolean, b: number | string | boolean): Tri {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      if (a < b) return true;
      if (a >= b) return false;
      return null;
    case '<=':
      if (a <= b) return true;
      if (a > b) return false;
      return null;
    case '>':
      if (a > b) return true;
      if (a <= b) return false;
      return null;
    case '>=':
      if (a >= b) return true;
      if (a < b) return false;
      return null;
    default:
      return assertNever(op);
  }
}

/** Brings two numbers to one unit: the one in weeks (years) is multiplied by 7 (12). */
function inOneUnit(a: Value, b: Value): [Value, Value] {
  const x = a.value as number;
  const y = b.value as number;
  if (a.unit === 'weeks' && b.unit === 'days') return [{ value: x * 7, unit: 'days' }, b];
  if (a.unit === 'days' && b.unit === 'weeks') return [a, { value: y * 7, unit: 'days' }];
  if (a.unit === 'years' && b.unit === 'months') return [{ value: x * 12, unit: 'months' }, b];
  if (a.unit === 'months' && b.unit === 'years') return [a, { value: y * 12, unit: 'months' }];
  return [a, b];
}

const MIRROR: Record<ComparisonOperator, ComparisonOperator> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

type Call = Expression & { kind: 'Call' };

/** The list functions of §12 and time_between (§11), found through lets. */
function callNamed(checked: CheckedFile, e: Expression, names: readonly string[]): Call | undefined {
  if (e.kind === 'Call' && names.includes(e.callee.text)) return e;
  if (e.kind === 'Reference') {
    const r = checked.resolutions.get(e.id);
    if (r?.kind === 'let') return callNamed(checked, r.decl.value, names);
  }
  return undefined;
}

/** Whole numbers lo..hi, or one value when exact. */
function members(r: { lo: number; hi: number }): number[] {
  if (r.lo === r.hi) return [r.lo];
  const out: number[] = [];
  for (let k = r.lo; k <= r.hi; k++) out.push(k);
  return out;
}

/** The one answer every choice gives, else unknown (§12's interval rule, by enumeration). */
function sameAnswer(answers: Tri[]): Tri {
  const first = answers[0]!;
  return answers.every((a) => a === first) ? first : null;
}

class Run {
  private readonly letTruths = new Map<string, Tri>();
  /** Inside `L where c`: the element, and whether its list is of periods. */
  private element: { values: Record<string, unknown>; period: boolean } | undefined;
  /** While evaluating the operand of `is known`/`is missing`. */
  private raw = false;
  private readonly letValues = new Map<string, Value>();
  private readonly groupTruths = new Map<string, Tri>();

  constructor(
    private readonly checked: CheckedFile,
    private readonly record: Record<string, unknown>,
    private readonly asOf: string,
  ) {}

  private kind(e: Expression): string {
    const t = this.checked.types.get(e.id);
    if (!t) throw new Error(`reference: no type for node ${e.id}`);
    return t.kind;
  }

  private fieldValue(name: string): unknown {
    const v = Object.prototype.hasOwnProperty.call(this.record, name) ? this.record[name] : undefined;
    return v === null ? undefined : v;
  }

  truth(e: Expression): Tri {
    switch (e.kind) {
      case 'Boolean':
        return e.value;
      case 'Reference': {
        const r = this.checked.resolutions.get(e.id)!;
        if (r.kind === 'field') {
          const v = this.fieldValue(e.name);
          return v === undefined ? null : v === true;
        }
        if (r.kind === 'element') {
          const v = this.elementValue(e.name);
          return v === undefined ? null : v === true;
        }
        if (r.kind === 'let') {
          if (!this.letTruths.has(e.name)) this.letTruths.set(e.name, this.truth(r.decl.value));
          return this.letTruths.get(e.name)!;
        }
        if (r.kind === 'group') {
          if (!this.groupTruths.has(e.name)) this.groupTruths.set(e.name, this.truth(r.decl.condition));
          return this.groupTruths.get(e.name)!;
        }
        if (r.kind === 'param') return this.value(e).value as boolean;
        throw new Error(`reference: '${e.name}' is not a condition`);
      }
      case 'Not':
        return kleeneNot(this.truth(e.operand));
      case 'Logical':
        return e.op === 'and' ? kleeneAnd(this.truth(e.left), this.truth(e.right)) : kleeneOr(this.truth(e.left), this.truth(e.right));
      case 'Comparison':
        return this.comparison(e.op, e.left, e.right);
      case 'Between': {
        if (this.elapsedCall(e.value)) return kleeneAnd(this.comparison('<=', e.low, e.value), this.comparison('<=', e.value, e.high));
        // §4: `lo <= x and x <= hi`, each comparison by §12's interval rule when it involves a count
        // or time_in (comparison() enumerates the ranges), joined by Kleene's and.
        return kleeneAnd(this.comparison('<=', e.low, e.value), this.comparison('<=', e.value, e.high));
      }
      case 'In': {
        let found: Tri;
        const elapsed = this.elapsedCall(e.value);
        if (elapsed) {
          const [a, b] = this.dates(elapsed);
          found = a === undefined || b === undefined ? null : e.items.some((item) => {
            const d = this.value(item);
            return completedUnits(a, b, d.unit!) === d.value;
          });
          return e.negated ? kleeneNot(found) : found;
        }
        if (this.kind(e.value) === 'boolean') {
          const x = this.truth(e.value);
          found = x === null ? null : e.items.some((item) => this.value(item).value === x);
        } else {
          const x = this.value(e.value);
          found = x.value === undefined ? null : e.items.some((item) => {
            const [a, b] = inOneUnit(x, this.value(item));
            return a.value === b.value;
          });
        }
        return e.negated ? kleeneNot(found) : found;
      }
      case 'Is': {
        let known: boolean;
        const k = this.kind(e.value);
        const elapsed = this.elapsedCall(e.value);
        const ranged = this.rangeCall(e.value);
        if (elapsed) {
          const [a, b] = this.dates(elapsed);
          known = a !== undefined && b !== undefined;
        } else if (ranged) known = this.list(ranged) !== undefined;
        else if (k === 'boolean') known = this.truth(e.value) !== null;
        else if (e.value.kind === 'Reference' && this.checked.resolutions.get(e.value.id)?.kind === 'element') {
          this.raw = true;
          known = this.value(e.value).value !== undefined;
          this.raw = false;
        }
        else if (k === 'calendar') known = this.spanStart(e.value) !== undefined;
        else known = this.value(e.value).value !== undefined;
        return e.test === 'known' ? known : !known;
      }
      case 'AtLeast': {
        let trues = 0;
        let unknowns = 0;
        for (const item of e.items) {
          const v = this.truth(item);
          if (v === true) trues++;
          if (v === null) unknowns++;
        }
        const n = e.count.value;
        if (trues >= n) return true;
        if (trues + unknowns < n) return false;
        return null;
      }
      case 'Call': {
        const name = e.callee.text;
        if (name !== 'any' && name !== 'all' && name !== 'none') throw new Error(`reference: ${name}(…) is not a condition`);
        const values = this.elementTruths(e);
        if (values === undefined) return null;
        // any: true once one element is, false when all are false, else unknown; all likewise; none = not any.
        const any: Tri = values.includes(true) ? true : values.every((v) => v === false) ? false : null;
        if (name === 'any') return any;
        if (name === 'none') return kleeneNot(any);
        return values.includes(false) ? false : values.every((v) => v === true) ? true : null;
      }
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Negate':
      case 'Arithmetic':
      case 'Where':
      case 'Window':
      case 'ErrorExpression':
        throw new Error(`reference: a ${e.kind} is not a condition`);
      default:
        return assertNever(e);
    }
  }

  private elapsedCall(e: Expression): Call | undefined {
    return callNamed(this.checked, e, ['time_between']);
  }

  private rangeCall(e: Expression): Call | undefined {
    return callNamed(this.checked, e, ['count', 'time_in']);
  }

  private dates(call: Call): [string | undefined, string | undefined] {
    return [this.value(call.args[0]!).value as string | undefined, this.value(call.args[1]!).value as string | undefined];
  }

  /** The list a list function reads, or undefined when missing. */
  private list(call: Call): Record<string, unknown>[] | undefined {
    const first = call.args[0]!;
    const listExpr = first.kind === 'Where' ? first.list : first;
    if (listExpr.kind !== 'Reference') throw new Error('reference: not a list field');
    const v = this.fieldValue(listExpr.name);
    return v === undefined ? undefined : (v as Record<string, unknown>[]);
  }

  private isPeriodList(call: Call): boolean {
    const first = call.args[0]!;
    const listExpr = first.kind === 'Where' ? first.list : first;
    const decl = this.checked.fields.get((listExpr as Expression & { kind: 'Reference' }).name)!;
    if (decl.type.kind !== 'ListType') throw new Error('reference: not a list field');
    const date = (n: string) => decl.type.kind === 'ListType' && decl.type.fields.some((f) => f.name.text === n && f.type.kind === 'PrimitiveType' && f.type.name === 'date');
    return date('start') && date('end');
  }

  /** Each element's condition (true for every element without `where`); undefined for a missing list. */
  private elementTruths(call: Call): Tri[] | undefined {
    const list = this.list(call);
    if (list === undefined) return undefined;
    const first = call.args[0]!;
    const period = this.isPeriodList(call);
    return list.map((values) => {
      if (first.kind !== 'Where') return true;
      const outer = this.element;
      this.element = { values, period };
      try {
        return this.truth(first.condition);
      } finally {
        this.element = outer;
      }
    });
  }

  private elementValue(name: string): unknown {
    const el = this.element;
    if (!el) throw new Error(`reference: element field ${name} outside where`);
    const v = Object.prototype.hasOwnProperty.call(el.values, name) ? el.values[name] : undefined;
    if (v !== undefined && v !== null) return v;
    // A period's missing end is the reference date, except where `is missing` asks about it.
    return el.period && name === 'end' && !this.raw ? this.asOf : undefined;
  }

  /** A count or time_in: the value for the true elements and for the true-or-unknown ones. */
  private range(e: Expression): { lo: number; hi: number } | undefined {
    const call = this.rangeCall(e);
    if (!call) {
      const v = this.value(e).value;
      return v === undefined ? undefined : { lo: v as number, hi: v as number };
    }
    const truths = this.elementTruths(call);
    if (truths === undefined) return undefined;
    if (call.callee.text === 'count') {
      const t = truths.filter((x) => x === true).length;
      return { lo: t, hi: t + truths.filter((x) => x === null).length };
    }
    // time_in: day by day over the window (R − N unit, R].
    const w = call.args[1] as Expression & { kind: 'Window' };
    const first = dayNumber(addUnits(this.asOf, -w.length.amount, w.length.unit)) + 1;
    const last = dayNumber(this.asOf);
    const list = this.list(call)!;
    const periods = list.map((el, i) => {
      const start = el['start'] as string | undefined | null;
      const end = (el['end'] as string | undefined | null) ?? this.asOf;
      return { start: start == null ? undefined : dayNumber(start), end: dayNumber(end), truth: truths[i] };
    });
    let lo = 0;
    let hi = 0;
    for (let d = first; d <= last; d++) {
      const covering = periods.filter((p) => p.start !== undefined && p.start <= d && d <= p.end);
      if (covering.some((p) => p.truth === true)) lo++;
      if (covering.some((p) => p.truth !== false)) hi++;
    }
    return { lo, hi };
  }

  private comparison(op: ComparisonOperator, left: Expression, right: Expression): Tri {
    const le = this.elapsedCall(left);
    const re = this.elapsedCall(right);
    if (le || re) {
      const [span, duration, o] = le ? [le, right, op] : [re!, left, MIRROR[op]];
      const [a, b] = this.dates(span);
      const d = this.value(duration);
      if (a === undefined || b === undefined) return null;
      // time_between(a, b) >= N unit holds when a + N unit <= b; b before a is zero (§11).
      return compare(o, completedUnits(a, b, d.unit!), d.value as number);
    }
    if (this.rangeCall(left) || this.rangeCall(right)) {
      const l = this.range(left);
      const r = this.range(right);
      if (l === undefined || r === undefined) return null;
      const scaleL = this.unitOfRange(left, right);
      const scaleR = this.unitOfRange(right, left);
      const answers: Tri[] = [];
      for (const a of members(l)) for (const b of members(r)) answers.push(compare(op, a * scaleL, b * scaleR));
      return sameAnswer(answers);
    }
    const lk = this.kind(left);
    const rk = this.kind(right);
    if (lk === 'calendar' || rk === 'calendar') {
      const [span, duration, o] = lk === 'calendar' ? [left, right, op] : [right, left, MIRROR[op]];
      const start = this.spanStart(span);
      const d = this.value(duration);
      if (start === undefined) return null;
      const n = completedUnits(start, this.asOf, d.unit!);
      return compare(o, n, d.value as number);
    }
    if (lk === 'boolean' || rk === 'boolean') {
      const a = this.truth(left);
      const b = this.truth(right);
      if (a === null || b === null) return null;
      return op === '=' ? a === b : a !== b;
    }
    const a = this.value(left);
    const b = this.value(right);
    if (a.value === undefined || b.value === undefined) return null;
    const [x, y] = inOneUnit(a, b);
    return compare(op, x.value!, y.value!);
  }

  /** time_in counts days; the other side in weeks is multiplied by 7 (its own factor, here). */
  private unitOfRange(self: Expression, other: Expression): number {
    const unitOf = (e: Expression): Unit | undefined => {
      const c = this.rangeCall(e);
      if (c) return c.callee.text === 'time_in' ? 'days' : undefined;
      return this.value(e).unit;
    };
    const a = unitOf(self);
    const b = unitOf(other);
    return a === 'weeks' && b === 'days' ? 7 : a === 'years' && b === 'months' ? 12 : 1;
  }

  /** The start date of an `age_of`/`time_since` span (through lets), or undefined when missing. */
  private spanStart(e: Expression): string | undefined {
    if (e.kind === 'Call') return this.value(e.args[0]!).value as string | undefined;
    if (e.kind === 'Reference') {
      const r = this.checked.resolutions.get(e.id)!;
      if (r.kind === 'let') return this.spanStart(r.decl.value);
    }
    throw new Error(`reference: not a calendar span (node ${e.id})`);
  }

  value(e: Expression): Value {
    switch (e.kind) {
      case 'Number':
        return { value: e.value };
      case 'Duration':
        return { value: e.amount, unit: e.unit };
      case 'Date':
      case 'Text':
      case 'Boolean':
        return { value: e.value };
      case 'Reference': {
        const r = this.checked.resolutions.get(e.id)!;
        switch (r.kind) {
          case 'field': {
            const v = this.fieldValue(e.name);
            if (v === undefined) return MISSING;
            const t = this.checked.fieldTypes.get(e.name)!;
            return t.kind === 'number' && t.unit ? { value: v as number, unit: t.unit } : { value: v as string | number | boolean };
          }
          case 'let':
            if (!this.letValues.has(e.name)) this.letValues.set(e.name, this.value(r.decl.value));
            return this.letValues.get(e.name)!;
          case 'param':
            return this.value(this.checked.paramValues.get(e.name)!);
          case 'enumValue':
            return { value: r.value };
          case 'element': {
            const v = this.elementValue(e.name);
            if (v === undefined) return MISSING;
            const t = r.decl.type;
            return t.kind === 'PrimitiveType' && t.unit ? { value: v as number, unit: t.unit.unit } : { value: v as string | number | boolean };
          }
          case 'group':
            throw new Error(`reference: group '${e.name}' is not a value`);
          default:
            return assertNever(r);
        }
      }
      case 'Negate': {
        const v = this.value(e.operand);
        return v.value === undefined ? MISSING : { ...v, value: -(v.value as number) };
      }
      case 'Arithmetic': {
        const a = this.value(e.left);
        const b = this.value(e.right);
        if (a.value === undefined || b.value === undefined) return MISSING;
        const [x, y] = inOneUnit(a, b);
        const l = x.value as number;
        const r = y.value as number;
        const op = e.op;
        switch (op) {
          case '+':
            return { value: l + r, unit: x.unit ?? y.unit };
          case '-':
            return { value: l - r, unit: x.unit ?? y.unit };
          case '*':
            return { value: l * r, unit: x.unit ?? y.unit };
          case '/':
            return { value: l / r, unit: y.unit ? undefined : x.unit };
          default:
            return assertNever(op);
        }
      }
      case 'Call': {
        // A count or time_in as a plain value: known only when no unknown element could change it.
        const r = this.range(e);
        if (r === undefined || r.lo !== r.hi) return MISSING;
        return e.callee.text === 'time_in' ? { value: r.lo, unit: 'days' } : { value: r.lo };
      }
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
        throw new Error(`reference: a ${e.kind} is not a value`);
      default:
        return assertNever(e);
    }
  }
}
