// The reference interpreter: the oracle of the differential test. It walks the AST straight from
// the shared semantics, with no cleverness: calendar spans are counted with completedUnits (not
// through thresholds, so that the JSON Logic compiler's threshold trick is actually tested), and
// the three-valued tables are written out.
import { assertNever, type CheckedFile, type ComparisonOperator, type Expression, type Unit } from '@visit/dsl';
import { completedUnits } from '../../src/calendar';

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

class Run {
  private readonly letTruths = new Map<string, Tri>();
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
      case 'Between':
        return kleeneAnd(this.comparison('<=', e.low, e.value), this.comparison('<=', e.value, e.high));
      case 'In': {
        let found: Tri;
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
        if (k === 'boolean') known = this.truth(e.value) !== null;
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
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Call':
      case 'Negate':
      case 'Arithmetic':
      case 'ErrorExpression':
        throw new Error(`reference: a ${e.kind} is not a condition`);
      default:
        return assertNever(e);
    }
  }

  private comparison(op: ComparisonOperator, left: Expression, right: Expression): Tri {
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
      case 'Call':
      case 'Not':
      case 'Logical':
      case 'Comparison':
      case 'Between':
      case 'In':
      case 'Is':
      case 'AtLeast':
      case 'ErrorExpression':
        throw new Error(`reference: a ${e.kind} is not a value`);
      default:
        return assertNever(e);
    }
  }
}
