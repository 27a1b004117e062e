// Three-valued evaluation (LANGUAGE.md §5), compiled once per screener into one JavaScript function
// built from the AST only: names and literals are embedded with JSON.stringify, record data never
// reaches the generated source. Inside, a criterion is a small integer — 0 false, 1 unknown,
// 2 true — so Kleene `and` is min, `or` is max and `not` is 2 − x. Values are JS values with
// `undefined` for missing. Calendar comparisons are string comparisons of the date against
// thresholds computed here at compile time (the latest start date for each whole number of units).
import {
  assertNever,
  childExpressions,
  dependencyOrder,
  type CheckedFile,
  type ComparisonOperator,
  type Expression,
  type GroupDeclaration,
  type LetDeclaration,
  type Unit,
} from '@visit/dsl';
import { latestStart } from './calendar';
import type { RecordInfo, TypedRecord } from './records';

export type ProgramOutcome = 'eligible' | 'ineligible' | 'undetermined';

/** The result of one record: each group true/false/null (unknown), each programme's outcome. */
export interface Outcome {
  groups: Record<string, boolean | null>;
  programs: Record<string, ProgramOutcome>;
}

/** Indexed by node id: the value the node had for one record (criteria true/false/null, values as
 *  read, null for missing). Nodes not evaluated (short-circuited) are holes (undefined). */
export type Trace = (TraceValue | undefined)[];
export type TraceValue = boolean | string | number | null;

export interface Evaluator {
  /** Evaluates a record whose declared fields are own properties (see RecordShape). */
  run(record: TypedRecord): Outcome;
  /** The same, recording every evaluated node's value in `trace` (all programme lines are evaluated). */
  runTraced(record: TypedRecord, trace: Trace): Outcome;
  /** A fresh, empty trace sized for these rules. */
  newTrace(): Trace;
  /**
   * The same as `run`, also writing every programme line's value into `lines` (0 false, 1 unknown,
   * 2 true; the lines of all programmes in declaration order). Every line is evaluated. Compiled on
   * first use.
   */
  runLines(record: TypedRecord, lines: Uint8Array): Outcome;
  /** The number of programme lines (of all programmes). */
  readonly lineCount: number;
  /** The generated JavaScript (for inspection and tests). */
  readonly code: string;
}

/** Thrown only for a checked file that breaks the checker's contract; `compile` turns it into a diagnostic. */
export class InternalError extends Error {}

const TRI_PUBLIC: readonly (boolean | null)[] = [false, null, true];
const OUTCOMES: readonly ProgramOutcome[] = ['ineligible', 'undetermined', 'eligible'];

type Kind = 'boolean' | 'value' | 'calendar';

const UNIT_ORDER: Record<Unit, number> = { days: 0, weeks: 1, months: 0, years: 1 };
const UNIT_FAMILY: Record<Unit, string> = { days: 'd', weeks: 'd', months: 'm', years: 'm' };
const FACTOR: Record<Unit, number> = { days: 1, weeks: 7, months: 1, years: 12 };
/** Beyond these a threshold lies before year 0, so no real date is that old. */
const MAX_UNITS: Record<Unit, number> = { days: 4_000_000, weeks: 600_000, months: 130_000, years: 11_000 };

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

function num(n: number): string {
  if (!Number.isFinite(n)) throw new InternalError(`not a finite number: ${n}`);
  return n < 0 || Object.is(n, -0) ? `(${String(n)})` : String(n);
}

function str(s: string): string {
  return JSON.stringify(s);
}

class Generator {
  private readonly out: string[] = [];
  private readonly temps = new Set<string>();
  private readonly fieldVars = new Map<string, string>();
  private readonly letVars = new Map<string, string>();
  private readonly groupVars = new Map<string, string>();
  private readonly fieldUnits = new Map<string, Unit | undefined>();
  private readonly booleanFields = new Set<string>();
  private label = 0;

  constructor(
    private readonly checked: CheckedFile,
    private readonly info: RecordInfo,
    private readonly asOf: string,
    private readonly traced: boolean,
  ) {
    for (const f of info.fields) {
      if (f.type.kind === 'boolean') this.booleanFields.add(f.name);
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

  kindOf(e: Expression): Kind {
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
        return 'calendar';
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
  unitOf(e: Expression): Unit | undefined {
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
      default:
        return undefined;
    }
  }

  /** A fixed duration (literal, param, or a let that is one) for calendar comparisons. */
  duration(e: Expression): { amount: number; unit: Unit } {
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

  // ---------------------------------------------------------------- emitting

  private emit(line: string): void {
    this.out.push(line);
  }

  /** Temporaries are numbered afresh for each let, group and programme line (`startDeclaration`):
   *  a temporary is read only within the code of its own declaration, so the names are reused and
   *  the function declares as many as the largest declaration needs, not one per node of the file
   *  (50,000 locals for 10,000 groups made every call's frame ~400 KB, and 40,000 groups overflowed
   *  the stack). */
  private tempCount = 0;

  private fresh(prefix: 'v' | 'a' | 'b' | 'c' | 'u'): string {
    const name = `${prefix}${this.tempCount++}`;
    this.temps.add(name);
    return name;
  }

  private startDeclaration(): void {
    this.tempCount = 0;
  }

  /** The largest node id a trace records (sizes the trace array). */
  maxTracedId = 0;

  private trace(e: Expression, code: string, kind: Kind): void {
    if (!this.traced) return;
    if (e.id > this.maxTracedId) this.maxTracedId = e.id;
    if (kind === 'boolean') this.emit(`t[${e.id}] = B[${code}];`);
    else this.emit(`t[${e.id}] = ${code} === undefined ? null : ${code};`);
  }

  private literal(e: Expression): string {
    switch (e.kind) {
      case 'Number':
        return num(e.value);
      case 'Negate':
        if (e.operand.kind === 'Number') return num(-e.operand.value);
        if (e.operand.kind === 'Duration') return num(-e.operand.amount);
        break;
      case 'Duration':
        return num(e.amount);
      case 'Date':
      case 'Text':
        return str(e.value);
      case 'Boolean':
        return e.value ? '2' : '0';
      default:
        break;
    }
    throw new InternalError(`a param's value is not a literal (${e.kind})`);
  }

  /** Emits statements computing `e`; returns a side-effect-free JS expression (a variable or a constant). */
  gen(e: Expression): string {
    switch (e.kind) {
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Boolean':
        return this.literal(e);
      case 'Reference':
        return this.reference(e);
      case 'Call': {
        const name = e.callee.text;
        const arg = e.args[0];
        if ((name !== 'age_of' && name !== 'time_since') || e.args.length !== 1 || !arg) {
          throw new InternalError(`unknown function ${name}`);
        }
        // A calendar span is carried as its start date; comparisons turn it into whole units.
        const d = this.gen(arg);
        this.trace(e, d, 'calendar');
        return d;
      }
      case 'Not': {
        const x = this.gen(e.operand);
        const v = this.fresh('v');
        this.emit(`${v} = 2 - ${x};`);
        this.trace(e, v, 'boolean');
        return v;
      }
      case 'Negate': {
        if (e.operand.kind === 'Number') return num(-e.operand.value);
        const x = this.gen(e.operand);
        const v = this.fresh('v');
        this.emit(`${v} = ${x} === undefined ? undefined : -${x};`);
        this.trace(e, v, 'value');
        return v;
      }
      case 'Arithmetic': {
        const l = this.gen(e.left);
        const r = this.gen(e.right);
        const [L, R] = this.converted(e.left, e.right, l, r);
        const v = this.fresh('v');
        this.emit(`${v} = ${this.eitherMissing(l, r)} ? undefined : ${L} ${e.op} ${R};`);
        this.trace(e, v, 'value');
        return v;
      }
      case 'Comparison': {
        const l = this.gen(e.left);
        const r = this.gen(e.right);
        const v = this.fresh('v');
        this.emit(`${v} = ${this.compare(e.op, e.left, e.right, l, r)};`);
        this.trace(e, v, 'boolean');
        return v;
      }
      case 'Logical':
        return this.logical(e);
      case 'Between': {
        const x = this.gen(e.value);
        const lo = this.gen(e.low);
        const hi = this.gen(e.high);
        const v = this.fresh('v');
        const a = this.fresh('a');
        const b = this.fresh('b');
        this.emit(`${a} = ${this.compare('<=', e.low, e.value, lo, x)};`);
        this.emit(`${b} = ${this.compare('<=', e.value, e.high, x, hi)};`);
        this.emit(`${v} = ${a} < ${b} ? ${a} : ${b};`);
        this.trace(e, v, 'boolean');
        return v;
      }
      case 'In':
        return this.membership(e);
      case 'Is': {
        const x = this.gen(e.value);
        const known = this.kindOf(e.value) === 'boolean' ? `${x} !== 1` : `${x} !== undefined`;
        const v = this.fresh('v');
        this.emit(`${v} = ${known} ? ${e.test === 'known' ? '2 : 0' : '0 : 2'};`);
        this.trace(e, v, 'boolean');
        return v;
      }
      case 'AtLeast': {
        const n = e.count.value;
        const c = this.fresh('c');
        const u = this.fresh('u');
        this.emit(`${c} = 0; ${u} = 0;`);
        for (const item of e.items) {
          const x = this.gen(item);
          this.emit(`if (${x} === 2) ${c}++; else if (${x} === 1) ${u}++;`);
        }
        const v = this.fresh('v');
        this.emit(`${v} = ${c} >= ${num(n)} ? 2 : ${c} + ${u} < ${num(n)} ? 0 : 1;`);
        this.trace(e, v, 'boolean');
        return v;
      }
      case 'ErrorExpression':
        throw new InternalError('an ErrorExpression reached evaluation');
      default:
        return assertNever(e);
    }
  }

  private reference(e: Expression & { kind: 'Reference' }): string {
    const r = this.resolution(e);
    let code: string;
    switch (r.kind) {
      case 'field':
        code = this.fieldVar(r.decl.name.text);
        break;
      case 'let':
        code = this.letVars.get(r.decl.name.text) ?? this.fail(`let ${r.decl.name.text} used before it is computed`);
        break;
      case 'group':
        code = this.groupVars.get(r.decl.name.text) ?? this.fail(`group ${r.decl.name.text} used before it is computed`);
        break;
      case 'param':
        code = this.literal(this.paramValue(r.decl.name.text));
        break;
      case 'enumValue':
        return str(r.value);
      default:
        return assertNever(r);
    }
    this.trace(e, code, this.kindOf(e));
    return code;
  }

  private fail(message: string): never {
    throw new InternalError(message);
  }

  fieldVar(name: string): string {
    let v = this.fieldVars.get(name);
    if (v === undefined) {
      v = `f${this.fieldVars.size}`;
      this.fieldVars.set(name, v);
    }
    return v;
  }

  private eitherMissing(l: string, r: string): string {
    const parts = [l, r].filter((x) => /^[a-z]/.test(x)).map((x) => `${x} === undefined`);
    return parts.length === 0 ? 'false' : parts.join(' || ');
  }

  /** Both operands in one unit: the larger unit is multiplied (weeks × 7, years × 12). */
  private converted(left: Expression, right: Expression, l: string, r: string): [string, string] {
    const lu = this.unitOf(left);
    const ru = this.unitOf(right);
    if (lu === undefined || ru === undefined || lu === ru) return [l, r];
    const target = smallerUnit(lu, ru);
    const scale = (code: string, u: Unit) => (u === target ? code : `(${code} * ${FACTOR[u]})`);
    return [scale(l, lu), scale(r, ru)];
  }

  /** A JS expression giving 0/1/2 for `left op right`. */
  private compare(op: ComparisonOperator, left: Expression, right: Expression, l: string, r: string): string {
    const lk = this.kindOf(left);
    const rk = this.kindOf(right);
    if (lk === 'calendar') return this.calendar(op, l, this.duration(right));
    if (rk === 'calendar') return this.calendar(MIRROR[op], r, this.duration(left));
    if (lk === 'boolean' && rk === 'boolean') {
      if (op !== '=' && op !== '!=') throw new InternalError(`booleans do not compare with ${op}`);
      return `${l} === 1 || ${r} === 1 ? 1 : ${l} ${op === '=' ? '===' : '!=='} ${r} ? 2 : 0`;
    }
    const [L, R] = this.converted(left, right, l, r);
    const missing = this.eitherMissing(l, r);
    let body: string;
    switch (op) {
      case '=':
        body = `${L} === ${R} ? 2 : 0`;
        break;
      case '!=':
        body = `${L} !== ${R} ? 2 : 0`;
        break;
      case '<':
        body = `${L} < ${R} ? 2 : ${L} >= ${R} ? 0 : 1`;
        break;
      case '<=':
        body = `${L} <= ${R} ? 2 : ${L} > ${R} ? 0 : 1`;
        break;
      case '>':
        body = `${L} > ${R} ? 2 : ${L} <= ${R} ? 0 : 1`;
        break;
      case '>=':
        body = `${L} >= ${R} ? 2 : ${L} < ${R} ? 0 : 1`;
        break;
      default:
        return assertNever(op);
    }
    return missing === 'false' ? `(${body})` : `(${missing} ? 1 : ${body})`;
  }

  /** `n >= k` for the whole completed units n from date `d` to the reference date, as JS. */
  private atLeast(d: string, k: number, unit: Unit): string {
    if (k <= 0) return 'true';
    if (k > MAX_UNITS[unit]) return 'false';
    const t = latestStart(this.asOf, k, unit);
    return t.startsWith('-') ? 'false' : `${d} <= ${str(t)}`;
  }

  private calendarTest(op: ComparisonOperator, d: string, n: number, unit: Unit): string {
    const ge = (k: number) => this.atLeast(d, k, unit);
    switch (op) {
      case '>=':
        return ge(Math.ceil(n));
      case '>':
        return ge(Math.floor(n) + 1);
      case '<':
        return `!(${ge(Math.ceil(n))})`;
      case '<=':
        return `!(${ge(Math.floor(n) + 1)})`;
      case '=':
        return Number.isInteger(n) ? `(${ge(n)}) && !(${ge(n + 1)})` : 'false';
      case '!=':
        return Number.isInteger(n) ? `!((${ge(n)}) && !(${ge(n + 1)}))` : 'true';
      default:
        return assertNever(op);
    }
  }

  /** `span op duration`, where the span is carried as its start date `d`. */
  private calendar(op: ComparisonOperator, d: string, duration: { amount: number; unit: Unit }): string {
    return `(${d} === undefined ? 1 : ${this.calendarTest(op, d, duration.amount, duration.unit)} ? 2 : 0)`;
  }

  private logical(e: Expression & { kind: 'Logical' }): string {
    // Chains (`a and b and c`) are flattened into one labelled block, so a long chain nests nothing.
    const operands: Expression[] = [];
    const stack: Expression[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.kind === 'Logical' && x.op === e.op) stack.push(x.right, x.left);
      else operands.push(x);
    }
    const v = this.fresh('v');
    const label = `L${this.label++}`;
    const [decisive, start] = e.op === 'and' ? ['0', '2'] : ['2', '0'];
    this.emit(`${v} = ${start};`);
    this.emit(`${label}: {`);
    operands.forEach((operand, i) => {
      const x = this.gen(operand);
      const last = i === operands.length - 1;
      this.emit(`if (${x} === ${decisive}) { ${v} = ${decisive};${last ? '' : ` break ${label};`} }`);
      this.emit(`${last ? 'else ' : ''}if (${x} === 1) ${v} = 1;`);
    });
    this.emit('}');
    this.trace(e, v, 'boolean');
    return v;
  }

  private membership(e: Expression & { kind: 'In' }): string {
    const x = this.gen(e.value);
    const kind = this.kindOf(e.value);
    const [yes, no] = e.negated ? ['0', '2'] : ['2', '0'];
    const v = this.fresh('v');
    let tests: string[];
    let missing: string;
    if (kind === 'calendar') {
      tests = e.items.map((item) => {
        const d = this.duration(item);
        return `(${this.calendarTest('=', x, d.amount, d.unit)})`;
      });
      missing = `${x} === undefined`;
    } else if (kind === 'boolean') {
      tests = e.items.map((item) => `${x} === ${this.gen(item)}`);
      missing = `${x} === 1`;
    } else {
      tests = e.items.map((item) => {
        const [L, R] = this.converted(e.value, item, x, this.gen(item));
        return `${L} === ${R}`;
      });
      missing = `${x} === undefined`;
    }
    const found = tests.length === 0 ? 'false' : tests.join(' || ');
    this.emit(`${v} = ${missing} ? 1 : ${found} ? ${yes} : ${no};`);
    this.trace(e, v, 'boolean');
    return v;
  }

  // ---------------------------------------------------------------- the whole function

  /** Lets and groups in an order where each comes after everything it uses. */
  private order(): (LetDeclaration | GroupDeclaration)[] {
    return dependencyOrder(this.checked, (d) => {
      throw new InternalError(`cycle through ${d.name.text}`);
    });
  }

  build(): string {
    for (const d of this.order()) {
      this.startDeclaration();
      if (d.kind === 'Let') {
        const code = this.gen(d.value);
        const v = `l${this.letVars.size}`;
        this.temps.add(v);
        this.emit(`${v} = ${code};`);
        this.letVars.set(d.name.text, v);
      } else {
        const code = this.gen(d.condition);
        // A condition that is a bare literal emits no trace of its own; explanations need one.
        this.trace(d.condition, code, 'boolean');
        const v = `g${this.groupVars.size}`;
        this.temps.add(v);
        this.emit(`${v} = ${code};`);
        this.groupVars.set(d.name.text, v);
      }
    }
    const programVars: string[] = [];
    let lineIndex = 0;
    for (const p of this.checked.programs.values()) {
      const s = `p${programVars.length}`;
      programVars.push(s);
      this.temps.add(s);
      const label = `L${this.label++}`;
      this.emit(`${s} = 2;`);
      this.emit(`${label}: {`);
      for (const line of p.lines) {
        this.startDeclaration();
        const x = this.gen(line.condition);
        this.trace(line.condition, x, 'boolean');
        // The untraced function takes an optional `o` for the line values (Screener.evaluateLines).
        if (!this.traced) this.emit(`if (o !== undefined) o[${lineIndex}] = ${x};`);
        lineIndex++;
        // An exclude line decides like `require not …`.
        const [fails, holds] = line.mode === 'require' ? ['0', '2'] : ['2', '0'];
        // Once ineligible the outcome is fixed; with a trace or line values every line is still evaluated.
        this.emit(`if (${x} === ${fails}) { ${s} = 0;${this.traced ? '' : ` if (o === undefined) break ${label};`} }`);
        this.emit(`else if (${x} !== ${holds} && ${s} === 2) ${s} = 1;`);
      }
      this.emit('}');
    }

    const key = (name: string) => (name === '__proto__' ? `[${str(name)}]` : str(name));
    const groups = [...this.checked.groups.keys()].map((n) => `${key(n)}: B[${this.groupVars.get(n)!}]`);
    const programs = [...this.checked.programs.keys()].map((n, i) => `${key(n)}: P[${programVars[i]!}]`);

    const reads: string[] = [];
    const plainReads: string[] = [];
    const ownReads: string[] = [];
    for (const [name, v] of this.fieldVars) {
      const k = str(name);
      const own = `hasOwn.call(r, ${k}) ? r[${k}] : undefined`;
      reads.push(`${v} = r[${k}];`);
      plainReads.push(`${v} = r[${k}]; if (${v} !== undefined && ${k} in OP) ${v} = ${own};`);
      ownReads.push(`${v} = ${own};`);
    }
    const normalise: string[] = [];
    for (const [name, v] of this.fieldVars) {
      normalise.push(
        this.booleanFields.has(name)
          ? `${v} = ${v} === true ? 2 : ${v} === false ? 0 : 1;`
          : `if (${v} === null) ${v} = undefined;`,
      );
    }
    const vars = [...this.fieldVars.values(), ...this.temps];
    return [
      `return function evaluate(r${this.traced ? ', t' : ', o'}) {`,
      `let p${vars.map((v) => `, ${v}`).join('')};`,
      // Records from our readers own every declared field; anything else is read through hasOwn so
      // nothing inherited (a polluted prototype, `toString`) is ever taken for a value.
      // Only own properties count as values. Our readers' records (prototype RP) and null-prototype
      // objects have nothing to inherit; a plain object inherits a declared name only if
      // Object.prototype has it (a built-in like `toString`, or pollution), which `in OP` detects
      // cheaply; anything else is read through hasOwn.
      reads.length > 0
        ? `p = getPrototypeOf(r); if (p === RP || p === null) { ${reads.join(' ')} } else if (p === OP) { ${plainReads.join(' ')} } else { ${ownReads.join(' ')} }`
        : '',
      ...normalise,
      ...this.out,
      `return { groups: { ${groups.join(', ')} }, programs: { ${programs.join(', ')} } };`,
      '};',
    ]
      .filter((l) => l !== '')
      .join('\n');
  }
}

function instantiate(code: string, recordPrototype: object): (r: TypedRecord, t?: Trace | Uint8Array) => Outcome {
  // The generated code sees only these names: no globals, nothing from records.
  const factory = new Function('B', 'P', 'RP', 'OP', 'getPrototypeOf', 'hasOwn', `'use strict';\n${code}`) as (
    ...args: unknown[]
  ) => (r: TypedRecord, t?: Trace | Uint8Array) => Outcome;
  return factory(TRI_PUBLIC, OUTCOMES, recordPrototype, Object.prototype, Object.getPrototypeOf, Object.prototype.hasOwnProperty);
}

/** Compiles the checked rules for one reference date into an evaluator. Throws InternalError only
 *  when the checked file breaks the checker's contract. */
export function compileEvaluator(checked: CheckedFile, info: RecordInfo, asOf: string, recordPrototype: object): Evaluator {
  // Generated now, so that a checked file that breaks the checker's contract fails here; made a
  // function on first use. One function serves `run` and `runLines` (the line values are written
  // when an array is passed), so `visit screen` generates and compiles the rules once: each
  // variant of a 10,000-group file is a function of ~100,000 statements that costs V8 about a
  // second. The traced variant (explanations) is generated on first use too.
  const fast = new Generator(checked, info, asOf, false).build();
  let runFast: ((r: TypedRecord, o?: Uint8Array) => Outcome) | undefined;
  const untraced = () => (runFast ??= instantiate(fast, recordPrototype) as (r: TypedRecord, o?: Uint8Array) => Outcome);
  let tracedVariant: { run: (r: TypedRecord, t: Trace) => Outcome; size: number } | undefined;
  const traced = () => {
    if (!tracedVariant) {
      const tracing = new Generator(checked, info, asOf, true);
      const code = tracing.build();
      tracedVariant = { run: instantiate(code, recordPrototype), size: tracing.maxTracedId + 1 };
    }
    return tracedVariant;
  };
  let lineCount = 0;
  for (const p of checked.programs.values()) lineCount += p.lines.length;
  return {
    code: fast,
    run: (r) => untraced()(r),
    runTraced: (r, t) => traced().run(r, t),
    newTrace: () => new Array<TraceValue | undefined>(traced().size),
    runLines: (r, o) => untraced()(r, o),
    lineCount,
  };
}
