// Back end 2: the lowered rules (lower.ts) as a tree of closures — no `new Function`, so it runs
// where code generation is refused (a Content-Security-Policy without 'unsafe-eval'). It computes
// exactly what the generated function (generate.ts) computes, node for node, in the same order.
// Each node becomes `(s, t) => value`: `s` holds the record's fields, then the lets, then the
// groups (slots from the lowering); `t` is the trace (only the traced tree writes it).
import { assertNever } from '@visit/dsl';
import type { Trace } from './evaluate';
import type { AtLeast, CompareTest, DateTest, LoweredRules, Node } from './lower';

/** A criterion 0/1/2, a number, a text or date, or undefined (missing). */
type Value = number | string | undefined;
type Slots = Value[];
type Fn = (s: Slots, t: Trace) => Value;
type Test = (l: Value, r: Value) => Value;
type DatePredicate = (d: string) => boolean;

const TRI_PUBLIC: readonly (boolean | null)[] = [false, null, true];

function atLeast(k: AtLeast): DatePredicate {
  if (typeof k === 'boolean') return k ? () => true : () => false;
  return (d) => d <= k;
}

function datePredicate(t: DateTest): DatePredicate {
  switch (t.kind) {
    case 'always':
      return t.value ? () => true : () => false;
    case 'atLeast':
      return atLeast(t.k);
    case 'below': {
      const ge = atLeast(t.k);
      return (d) => !ge(d);
    }
    case 'exactly': {
      const ge = atLeast(t.k);
      const next = atLeast(t.next);
      return (d) => ge(d) && !next(d);
    }
    case 'notExactly': {
      const ge = atLeast(t.k);
      const next = atLeast(t.next);
      return (d) => !(ge(d) && !next(d));
    }
    default:
      return assertNever(t);
  }
}

/** `l op r` on values of one kind, both known, already in one unit. */
function valueTest(op: CompareTest & { kind: 'values' }): (L: number | string, R: number | string) => Value {
  const o = op.op;
  switch (o) {
    case '=':
      return (L, R) => (L === R ? 2 : 0);
    case '!=':
      return (L, R) => (L !== R ? 2 : 0);
    case '<':
      return (L, R) => (L < R ? 2 : L >= R ? 0 : 1);
    case '<=':
      return (L, R) => (L <= R ? 2 : L > R ? 0 : 1);
    case '>':
      return (L, R) => (L > R ? 2 : L <= R ? 0 : 1);
    case '>=':
      return (L, R) => (L >= R ? 2 : L < R ? 0 : 1);
    default:
      return assertNever(o);
  }
}

function compareTest(test: CompareTest): Test {
  switch (test.kind) {
    case 'calendar': {
      const p = datePredicate(test.test);
      return test.date === 'left'
        ? (l) => (l === undefined ? 1 : p(l as string) ? 2 : 0)
        : (_l, r) => (r === undefined ? 1 : p(r as string) ? 2 : 0);
    }
    case 'criteria':
      return test.op === '='
        ? (l, r) => (l === 1 || r === 1 ? 1 : l === r ? 2 : 0)
        : (l, r) => (l === 1 || r === 1 ? 1 : l !== r ? 2 : 0);
    case 'values': {
      const f = valueTest(test);
      const { leftScale: ls, rightScale: rs } = test;
      if (ls === 1 && rs === 1) return (l, r) => (l === undefined || r === undefined ? 1 : f(l, r));
      return (l, r) => (l === undefined || r === undefined ? 1 : f(ls === 1 ? l : (l as number) * ls, rs === 1 ? r : (r as number) * rs));
    }
    default:
      return assertNever(test);
  }
}

function arithmetic(op: '+' | '-' | '*' | '/'): (L: number, R: number) => number {
  switch (op) {
    case '+':
      return (L, R) => L + R;
    case '-':
      return (L, R) => L - R;
    case '*':
      return (L, R) => L * R;
    case '/':
      return (L, R) => L / R;
    default:
      return assertNever(op);
  }
}

/** A value read straight from its slot, or a constant: evaluated in place, no call. */
type Operand = { slot: number } | { value: number | string } | { fn: Fn };

class ClosureCompiler {
  constructor(private readonly traced: boolean) {}

  /** `n` as a closure; in the traced tree, one that also records the node's value. */
  compile(n: Node): Fn {
    const f = this.untracedNode(n);
    if (!this.traced || n.trace === undefined) return f;
    const id = n.trace.id;
    return n.trace.criterion
      ? (s, t) => {
          const v = f(s, t);
          t[id] = TRI_PUBLIC[v as number];
          return v;
        }
      : (s, t) => {
          const v = f(s, t);
          t[id] = v === undefined ? null : v;
          return v;
        };
  }

  /** Slot reads and constants stay inline where that is safe (no trace to write). */
  private operand(n: Node): Operand {
    if (!this.traced) {
      if (n.kind === 'constant') return { value: n.value };
      if (n.kind === 'field' || n.kind === 'let' || n.kind === 'group') return { slot: this.slotOf(n) };
    }
    return { fn: this.compile(n) };
  }

  private fieldCount = 0;
  private letCount = 0;
  setLayout(fields: number, lets: number): void {
    this.fieldCount = fields;
    this.letCount = lets;
  }

  private slotOf(n: Node & { kind: 'field' | 'let' | 'group' }): number {
    return n.kind === 'field' ? n.slot : n.kind === 'let' ? this.fieldCount + n.slot : this.fieldCount + this.letCount + n.slot;
  }

  /** Two operands (in order) and a test on their values. */
  private binary(left: Node, right: Node, test: Test): Fn {
    const a = this.operand(left);
    const b = this.operand(right);
    if ('slot' in a && 'slot' in b) {
      const i = a.slot;
      const j = b.slot;
      return (s) => test(s[i], s[j]);
    }
    if ('slot' in a && 'value' in b) {
      const i = a.slot;
      const v = b.value;
      return (s) => test(s[i], v);
    }
    if ('value' in a && 'slot' in b) {
      const v = a.value;
      const j = b.slot;
      return (s) => test(v, s[j]);
    }
    const fa = this.asFn(a);
    const fb = this.asFn(b);
    return (s, t) => {
      const l = fa(s, t);
      return test(l, fb(s, t));
    };
  }

  private asFn(o: Operand): Fn {
    if ('fn' in o) return o.fn;
    if ('slot' in o) {
      const i = o.slot;
      return (s) => s[i];
    }
    const v = o.value;
    return () => v;
  }

  private untracedNode(n: Node): Fn {
    switch (n.kind) {
      case 'constant': {
        const v = n.value;
        return () => v;
      }
      case 'field':
      case 'let':
      case 'group': {
        const i = this.slotOf(n);
        return (s) => s[i];
      }
      case 'span':
        return this.compile(n.start);
      case 'not': {
        const f = this.compile(n.operand);
        return (s, t) => 2 - (f(s, t) as number);
      }
      case 'negate': {
        const f = this.compile(n.operand);
        return (s, t) => {
          const x = f(s, t);
          return x === undefined ? undefined : -(x as number);
        };
      }
      case 'arithmetic': {
        const op = arithmetic(n.op);
        const { leftScale: ls, rightScale: rs } = n;
        return this.binary(n.left, n.right, (l, r) =>
          l === undefined || r === undefined ? undefined : op((l as number) * ls, (r as number) * rs),
        );
      }
      case 'compare':
        return this.binary(n.left, n.right, compareTest(n.test));
      case 'between': {
        const x = this.compile(n.value);
        const lo = this.compile(n.low);
        const hi = this.compile(n.high);
        const low = compareTest(n.lowTest);
        const high = compareTest(n.highTest);
        return (s, t) => {
          const v = x(s, t);
          const a = low(lo(s, t), v) as number;
          const b = high(v, hi(s, t)) as number;
          return a < b ? a : b;
        };
      }
      case 'in':
        return this.membership(n);
      case 'is': {
        const x = this.compile(n.value);
        const [ifKnown, ifMissing] = n.known ? [2, 0] : [0, 2];
        return n.criterion ? (s, t) => (x(s, t) !== 1 ? ifKnown : ifMissing) : (s, t) => (x(s, t) !== undefined ? ifKnown : ifMissing);
      }
      case 'atLeast': {
        const items = n.items.map((i) => this.compile(i));
        const k = n.count;
        return (s, t) => {
          let c = 0;
          let u = 0;
          for (let i = 0; i < items.length; i++) {
            const x = items[i]!(s, t);
            if (x === 2) c++;
            else if (x === 1) u++;
          }
          return c >= k ? 2 : c + u < k ? 0 : 1;
        };
      }
      case 'logical': {
        const [decisive, start] = n.op === 'and' ? [0, 2] : [2, 0];
        const fs = n.operands.map((o) => this.compile(o));
        if (fs.length === 2) {
          const [f, g] = fs as [Fn, Fn];
          return (s, t) => {
            const x = f(s, t);
            if (x === decisive) return decisive;
            const y = g(s, t);
            return y === decisive ? decisive : x === 1 || y === 1 ? 1 : start;
          };
        }
        return (s, t) => {
          let v = start;
          for (let i = 0; i < fs.length; i++) {
            const x = fs[i]!(s, t);
            if (x === decisive) return decisive;
            if (x === 1) v = 1;
          }
          return v;
        };
      }
      default:
        return assertNever(n);
    }
  }

  private membership(n: Node & { kind: 'in' }): Fn {
    const x = this.compile(n.value);
    const [yes, no] = n.negated ? [0, 2] : [2, 0];
    const m = n.members;
    switch (m.kind) {
      case 'calendar': {
        const tests = m.tests.map(datePredicate);
        return (s, t) => {
          const d = x(s, t);
          if (d === undefined) return 1;
          for (let i = 0; i < tests.length; i++) if (tests[i]!(d as string)) return yes;
          return no;
        };
      }
      case 'criteria': {
        const items = m.items.map((i) => this.compile(i));
        // Every item is evaluated (as the generated code does), then compared.
        return (s, t) => {
          const v = x(s, t);
          let found = false;
          for (let i = 0; i < items.length; i++) if (v === items[i]!(s, t)) found = true;
          return v === 1 ? 1 : found ? yes : no;
        };
      }
      case 'values': {
        const items = m.items.map((i) => ({ f: this.compile(i.node), vs: i.valueScale, is: i.itemScale }));
        return (s, t) => {
          const v = x(s, t);
          let found = false;
          for (let i = 0; i < items.length; i++) {
            const item = items[i]!;
            const w = item.f(s, t);
            if (v !== undefined && (item.vs === 1 ? v : (v as number) * item.vs) === (item.is === 1 ? w : (w as number) * item.is)) found = true;
          }
          return v === undefined ? 1 : found ? yes : no;
        };
      }
      default:
        return assertNever(m);
    }
  }
}

export type ClosureRun = (record: Readonly<Record<string, unknown>>, t: Trace | undefined, lines: Uint8Array | undefined) => {
  groups: Record<string, boolean | null>;
  programs: Record<string, 'eligible' | 'ineligible' | 'undetermined'>;
};

const OUTCOMES = ['ineligible', 'undetermined', 'eligible'] as const;

/** An object with these own keys in this order (values null): spread copies of it share one shape,
 *  so filling one in changes no hidden class. `__proto__` is a name like any other: an own property. */
function template(names: readonly string[]): Record<string, null> {
  const o: Record<string, null> = {};
  for (const name of names) Object.defineProperty(o, name, { value: null, enumerable: true, writable: true, configurable: true });
  return o;
}

/**
 * The rules as closures. `traced` builds the tree that records every evaluated node in `t` (and
 * evaluates every programme line); otherwise a programme stops at its first failing line unless
 * `lines` is given (then every line's value is written there, in declaration order).
 */
export function closureEvaluator(rules: LoweredRules, recordPrototype: object, traced: boolean): ClosureRun {
  const c = new ClosureCompiler(traced);
  const fieldCount = rules.fields.length;
  c.setLayout(fieldCount, rules.letCount);
  const size = fieldCount + rules.letCount + rules.groups.length;
  const steps = rules.steps.map((step) =>
    step.kind === 'let'
      ? { slot: fieldCount + step.slot, f: c.compile(step.value) }
      : { slot: fieldCount + rules.letCount + step.slot, f: traceCondition(c.compile(step.condition), step.trace.id, traced) },
  );
  const programs = rules.programs.map((p) => ({
    name: p.name,
    lines: p.lines.map((l) => ({ f: traceCondition(c.compile(l.condition), l.trace.id, traced), fails: l.mode === 'require' ? 0 : 2, holds: l.mode === 'require' ? 2 : 0 })),
  }));
  const groups = rules.groups.map((g) => ({ name: g.name, slot: fieldCount + rules.letCount + g.slot }));
  const names = rules.fields.map((f) => f.name);
  const criteria = rules.fields.map((f) => f.criterion);
  const hasOwn = Object.prototype.hasOwnProperty;
  const groupsTemplate = template(groups.map((g) => g.name));
  const programsTemplate = template(programs.map((p) => p.name));
  const groupNames = groups.map((g) => g.name);
  const programNames = programs.map((p) => p.name);
  const protoGroup = groupNames.includes('__proto__');
  const protoProgram = programNames.includes('__proto__');
  const programOutcomes = new Array<number>(programs.length).fill(2);
  const groupSlots = groups.map((g) => g.slot);
  /** One slots array serves every call; a call made while another runs (a getter on a record that
   *  evaluates) gets its own. */
  const shared: Slots = new Array<Value>(size).fill(undefined);
  let busy = false;

  return (r, t, o) => {
    if (busy) return evaluate(new Array<Value>(size), r, t, o);
    // (If a record's getter throws, `busy` stays set and every later call allocates: still right.)
    busy = true;
    const result = evaluate(shared, r, t, o);
    busy = false;
    return result;
  };

  function evaluate(s: Slots, r: Readonly<Record<string, unknown>>, t: Trace | undefined, o: Uint8Array | undefined) {
    // Only own properties count as values. Our readers' records (prototype RP) and null-prototype
    // objects have nothing to inherit; a plain object inherits a declared name only if
    // Object.prototype has it (a built-in like `toString`, or pollution); anything else is read
    // through hasOwn.
    const p = Object.getPrototypeOf(r) as unknown;
    if (p === recordPrototype || p === null) readFields(r, s, names, fieldCount);
    else if (p === Object.prototype) {
      readPlainFields(r, s, names, fieldCount);
      dropInherited(r, s, names, fieldCount);
    } else {
      for (let i = 0; i < fieldCount; i++) {
        const k = names[i]!;
        s[i] = hasOwn.call(r, k) ? ((r as Record<string, unknown>)[k] as Value) : undefined;
      }
    }
    for (let i = 0; i < fieldCount; i++) {
      const v = s[i] as unknown;
      s[i] = criteria[i] ? (v === true ? 2 : v === false ? 0 : 1) : v === null ? undefined : (v as Value);
    }
    const trace = t as Trace;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      s[step.slot] = step.f(s, trace);
    }
    const outcomes = programOutcomes;
    let lineIndex = 0;
    for (let i = 0; i < programs.length; i++) {
      const program = programs[i]!;
      let outcome = 2;
      const lines = program.lines;
      for (let j = 0; j < lines.length; j++) {
        const line = lines[j]!;
        const x = line.f(s, trace);
        if (o !== undefined) o[lineIndex + j] = x as number;
        if (x === line.fails) {
          outcome = 0;
          // Once ineligible the outcome is fixed; with a trace or line values every line is still evaluated.
          if (!traced && o === undefined) break;
        } else if (x !== line.holds && outcome === 2) outcome = 1;
      }
      lineIndex += lines.length;
      outcomes[i] = outcome;
    }
    // A fresh literal filled at fixed sites keeps one hidden class (as the generated code's literal
    // does); a name `__proto__` needs a copy of a template (an own property, never the prototype).
    const groupsOut: Record<string, boolean | null> = protoGroup ? { ...groupsTemplate } : {};
    writeGroups(groupsOut, s, groupNames, groupSlots);
    const programsOut = (protoProgram ? { ...programsTemplate } : {}) as unknown as Record<string, 'eligible' | 'ineligible' | 'undetermined'>;
    writePrograms(programsOut, outcomes, programNames);
    return { groups: groupsOut, programs: programsOut };
  }
}

/**
 * `s[i] = r[names[i]]` for every field. The first sixteen have load sites of their own, each of
 * which sees one name (for one screener), so V8 keeps them monomorphic: in one loop the site sees
 * every name and goes megamorphic, which made reading the fields most of an evaluation's time.
 */
function readFields(r: Readonly<Record<string, unknown>>, s: Slots, names: readonly string[], n: number): void {
  const x = r as Record<string, Value>;
  if (n > 0) s[0] = x[names[0]!];
  if (n > 1) s[1] = x[names[1]!];
  if (n > 2) s[2] = x[names[2]!];
  if (n > 3) s[3] = x[names[3]!];
  if (n > 4) s[4] = x[names[4]!];
  if (n > 5) s[5] = x[names[5]!];
  if (n > 6) s[6] = x[names[6]!];
  if (n > 7) s[7] = x[names[7]!];
  if (n > 8) s[8] = x[names[8]!];
  if (n > 9) s[9] = x[names[9]!];
  if (n > 10) s[10] = x[names[10]!];
  if (n > 11) s[11] = x[names[11]!];
  if (n > 12) s[12] = x[names[12]!];
  if (n > 13) s[13] = x[names[13]!];
  if (n > 14) s[14] = x[names[14]!];
  if (n > 15) s[15] = x[names[15]!];
  for (let i = 16; i < n; i++) s[i] = x[names[i]!];
}

/** readFields for plain objects: sites of their own, so that plain objects of many shapes leave
 *  the sites that read our readers' records (one shape) monomorphic. */
function readPlainFields(r: Readonly<Record<string, unknown>>, s: Slots, names: readonly string[], n: number): void {
  const x = r as Record<string, Value>;
  if (n > 0) s[0] = x[names[0]!];
  if (n > 1) s[1] = x[names[1]!];
  if (n > 2) s[2] = x[names[2]!];
  if (n > 3) s[3] = x[names[3]!];
  if (n > 4) s[4] = x[names[4]!];
  if (n > 5) s[5] = x[names[5]!];
  if (n > 6) s[6] = x[names[6]!];
  if (n > 7) s[7] = x[names[7]!];
  if (n > 8) s[8] = x[names[8]!];
  if (n > 9) s[9] = x[names[9]!];
  if (n > 10) s[10] = x[names[10]!];
  if (n > 11) s[11] = x[names[11]!];
  if (n > 12) s[12] = x[names[12]!];
  if (n > 13) s[13] = x[names[13]!];
  if (n > 14) s[14] = x[names[14]!];
  if (n > 15) s[15] = x[names[15]!];
  for (let i = 16; i < n; i++) s[i] = x[names[i]!];
}

/** For a plain object: a value it only inherits from Object.prototype (`toString`, pollution) is none. */
function dropInherited(r: Readonly<Record<string, unknown>>, s: Slots, names: readonly string[], n: number): void {
  const hasOwn = Object.prototype.hasOwnProperty;
  const OP = Object.prototype;
  // Separate sites for the first eight names, as in readFields.
  if (n > 0 && s[0] !== undefined && names[0]! in OP && !hasOwn.call(r, names[0]!)) s[0] = undefined;
  if (n > 1 && s[1] !== undefined && names[1]! in OP && !hasOwn.call(r, names[1]!)) s[1] = undefined;
  if (n > 2 && s[2] !== undefined && names[2]! in OP && !hasOwn.call(r, names[2]!)) s[2] = undefined;
  if (n > 3 && s[3] !== undefined && names[3]! in OP && !hasOwn.call(r, names[3]!)) s[3] = undefined;
  if (n > 4 && s[4] !== undefined && names[4]! in OP && !hasOwn.call(r, names[4]!)) s[4] = undefined;
  if (n > 5 && s[5] !== undefined && names[5]! in OP && !hasOwn.call(r, names[5]!)) s[5] = undefined;
  if (n > 6 && s[6] !== undefined && names[6]! in OP && !hasOwn.call(r, names[6]!)) s[6] = undefined;
  if (n > 7 && s[7] !== undefined && names[7]! in OP && !hasOwn.call(r, names[7]!)) s[7] = undefined;
  for (let i = 8; i < n; i++) {
    const k = names[i]!;
    if (s[i] !== undefined && k in OP && !hasOwn.call(r, k)) s[i] = undefined;
  }
}

/** `o[names[i]] = true/false/null` of each group's slot; separate store sites for the first eight. */
function writeGroups(o: Record<string, boolean | null>, s: Slots, names: readonly string[], slots: readonly number[]): void {
  const n = names.length;
  const B = TRI_PUBLIC;
  if (n > 0) o[names[0]!] = B[s[slots[0]!] as number]!;
  if (n > 1) o[names[1]!] = B[s[slots[1]!] as number]!;
  if (n > 2) o[names[2]!] = B[s[slots[2]!] as number]!;
  if (n > 3) o[names[3]!] = B[s[slots[3]!] as number]!;
  if (n > 4) o[names[4]!] = B[s[slots[4]!] as number]!;
  if (n > 5) o[names[5]!] = B[s[slots[5]!] as number]!;
  if (n > 6) o[names[6]!] = B[s[slots[6]!] as number]!;
  if (n > 7) o[names[7]!] = B[s[slots[7]!] as number]!;
  for (let i = 8; i < n; i++) o[names[i]!] = B[s[slots[i]!] as number]!;
}

/** `o[names[i]] = OUTCOMES[outcomes[i]]`; separate store sites for the first four. */
function writePrograms(o: Record<string, string>, outcomes: readonly number[], names: readonly string[]): void {
  const n = names.length;
  if (n > 0) o[names[0]!] = OUTCOMES[outcomes[0]!]!;
  if (n > 1) o[names[1]!] = OUTCOMES[outcomes[1]!]!;
  if (n > 2) o[names[2]!] = OUTCOMES[outcomes[2]!]!;
  if (n > 3) o[names[3]!] = OUTCOMES[outcomes[3]!]!;
  for (let i = 4; i < n; i++) o[names[i]!] = OUTCOMES[outcomes[i]!]!;
}

/** The trace of a group's or line's condition (a bare literal has none of its own). */
function traceCondition(f: Fn, id: number, traced: boolean): Fn {
  if (!traced) return f;
  return (s, t) => {
    const v = f(s, t);
    t[id] = TRI_PUBLIC[v as number];
    return v;
  };
}
