// Back end 2: the lowered rules (lower.ts) as a tree of closures — no `new Function`, so it runs
// where code generation is refused (a Content-Security-Policy without 'unsafe-eval'). It computes
// exactly what the generated function (generate.ts) computes, node for node, in the same order.
// Each node becomes `(s, t) => value`: `s` holds the record's fields, then the lets, then the
// groups (slots from the lowering); `t` is the trace (only the traced tree writes it).
//
// Design (issue 10): a closure compiler, not an interpreter. Without a trace (the fast path) the
// common shapes are fused into one closure each with the test written out — `slot op constant`
// (separate closures for numbers and for texts/dates), calendar thresholds `d <= k` and `between`
// on a slot, `in` over constants, `not`/`is` of a slot — and and/or/at-least read slot operands
// without a call; constants (thresholds, params, units) are folded at compile time; field and
// output names are internalized (a keyed load with a parser-sliced name string looked it up in
// V8's string table on every call). The traced tree (explanations) keeps one closure per node.
// Measured with `node bench/engine.mjs --closures-only` (each rule set in its own process, median
// of 5 alternating runs, shared 2-core machine), closures ÷ generated, plain objects / readers'
// records / explain: Tre hovedveje §1 1.8× / 1.9× / 2.5×; examples/tre-hovedveje 2.8–3.1× /
// 2.4× / 1.9×; examples/rollemodeller 2.6× / 1.9–2.1× / 1.9×; generated 20 groups 3.1× / 2.9–3.5× /
// 2.2–2.5×; generated 200 groups 0.7–0.8× (V8 does not optimize that generated function). Before:
// 2.4–5.7× on plain objects. What is left is mostly one megamorphic call per non-leaf node and
// the name-polymorphic keyed loads and stores of the record's fields and the outcome's keys, which
// generated code writes as constant-name property accesses. Closures from one function literal
// share V8's type feedback across screeners, so a process that compiled other rules first is slower.
import { assertNever } from '@visit/dsl';
import type { Trace } from './evaluate';
import { dayOf, unitsBetween } from './calendar';
import { Periods, rangeCompare } from './histories';
import type { Aggregate, AtLeast, CompareTest, DateTest, ElapsedTest, LoweredRules, Node } from './lower';

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

const MIRROR = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
const OPS = { '=': 0, '!=': 1, '<': 2, '<=': 3, '>': 4, '>=': 5 } as const;
type Op = (typeof OPS)[keyof typeof OPS];

/** `L op R` on two known values (as generate.ts writes it); a direct call V8 inlines. */
function compareValues(op: Op, L: number | string, R: number | string): number {
  switch (op) {
    case 0:
      return L === R ? 2 : 0;
    case 1:
      return L !== R ? 2 : 0;
    case 2:
      return L < R ? 2 : L >= R ? 0 : 1;
    case 3:
      return L <= R ? 2 : L > R ? 0 : 1;
    case 4:
      return L > R ? 2 : L <= R ? 0 : 1;
    default:
      return L >= R ? 2 : L < R ? 0 : 1;
  }
}

/** `s[i] op c` (c a constant, already in the slot's unit): one closure per operator, and separate
 *  ones for numbers and for texts/dates, so that each comparison site sees one type of operand. */
function slotAgainst(i: number, op: Op, c: number | string): Fn {
  return typeof c === 'number' ? slotAgainstNumber(i, op, c) : slotAgainstText(i, op, c);
}

function slotAgainstNumber(i: number, op: Op, c: number): Fn {
  switch (op) {
    case 0:
      return (s) => {
        const l = s[i] as number | undefined;
        return l === undefined ? 1 : l === c ? 2 : 0;
      };
    case 1:
      return (s) => {
        const l = s[i] as number | undefined;
        return l === undefined ? 1 : l !== c ? 2 : 0;
      };
    case 2:
      return (s) => {
        const l = s[i] as number | undefined;
        return l === undefined ? 1 : l < c ? 2 : l >= c ? 0 : 1;
      };
    case 3:
      return (s) => {
        const l = s[i] as number | undefined;
        return l === undefined ? 1 : l <= c ? 2 : l > c ? 0 : 1;
      };
    case 4:
      return (s) => {
        const l = s[i] as number | undefined;
        return l === undefined ? 1 : l > c ? 2 : l <= c ? 0 : 1;
      };
    default:
      return (s) => {
        const l = s[i] as number | undefined;
        return l === undefined ? 1 : l >= c ? 2 : l < c ? 0 : 1;
      };
  }
}

function slotAgainstText(i: number, op: Op, c: string): Fn {
  switch (op) {
    case 0:
      return (s) => {
        const l = s[i] as string | undefined;
        return l === undefined ? 1 : l === c ? 2 : 0;
      };
    case 1:
      return (s) => {
        const l = s[i] as string | undefined;
        return l === undefined ? 1 : l !== c ? 2 : 0;
      };
    case 2:
      return (s) => {
        const l = s[i] as string | undefined;
        return l === undefined ? 1 : l < c ? 2 : l >= c ? 0 : 1;
      };
    case 3:
      return (s) => {
        const l = s[i] as string | undefined;
        return l === undefined ? 1 : l <= c ? 2 : l > c ? 0 : 1;
      };
    case 4:
      return (s) => {
        const l = s[i] as string | undefined;
        return l === undefined ? 1 : l > c ? 2 : l <= c ? 0 : 1;
      };
    default:
      return (s) => {
        const l = s[i] as string | undefined;
        return l === undefined ? 1 : l >= c ? 2 : l < c ? 0 : 1;
      };
  }
}

/** A date test as `(d <= k) !== neg` for a threshold date k, or undefined for the other forms. */
function thresholdOf(t: DateTest): { k: string; neg: boolean } | undefined {
  if ((t.kind === 'atLeast' || t.kind === 'below') && typeof t.k === 'string') return { k: t.k, neg: t.kind === 'below' };
  return undefined;
}

/** A calendar comparison on the start date in slot i. */
function dateOnSlot(i: number, test: DateTest): Fn {
  const th = thresholdOf(test);
  if (th !== undefined) {
    const k = th.k;
    return th.neg
      ? (s) => {
          const d = s[i];
          return d === undefined ? 1 : d <= k ? 0 : 2;
        }
      : (s) => {
          const d = s[i];
          return d === undefined ? 1 : d <= k ? 2 : 0;
        };
  }
  const p = datePredicate(test);
  return (s) => {
    const d = s[i];
    return d === undefined ? 1 : p(d as string) ? 2 : 0;
  };
}

/** The placeholder in `fns` where an operand is read from its slot. */
const NEVER: Fn = () => undefined;

/** A value read straight from its slot, or a constant: evaluated in place, no call. */
type Operand = { slot: number } | { value: number | string } | { fn: Fn };

/** One test of `time_between` on two known dates (§11). */
function elapsedHolds(t: ElapsedTest): (a: string, b: string) => boolean {
  const { amount: k, unit } = t;
  switch (t.op) {
    case '=':
      return (a, b) => unitsBetween(a, b, unit) === k;
    case '!=':
      return (a, b) => unitsBetween(a, b, unit) !== k;
    case '<':
      return (a, b) => unitsBetween(a, b, unit) < k;
    case '<=':
      return (a, b) => unitsBetween(a, b, unit) <= k;
    case '>':
      return (a, b) => unitsBetween(a, b, unit) > k;
    case '>=':
      return (a, b) => unitsBetween(a, b, unit) >= k;
    default:
      return assertNever(t.op);
  }
}

function scaledMaybe(x: Value, scale: number): number | undefined {
  return x === undefined ? undefined : scale === 1 ? (x as number) : (x as number) * scale;
}

type Element = Readonly<Record<string, unknown>>;

class ClosureCompiler {
  constructor(private readonly traced: boolean) {}

  /** Inside an aggregate's element loop: nodes are not traced (the aggregate records per element). */
  private inElement = false;

  /** `n` as a closure; in the traced tree, one that also records the node's value. */
  compile(n: Node): Fn {
    const f = this.untracedNode(n);
    if (!this.traced || n.trace === undefined || this.inElement) return f;
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
    if (!this.traced || this.inElement) {
      if (n.kind === 'constant') return { value: n.value };
      if (n.kind === 'field' || n.kind === 'let' || n.kind === 'group' || n.kind === 'element') return { slot: this.slotOf(n) };
    }
    return { fn: this.compile(n) };
  }

  private fieldCount = 0;
  private letCount = 0;
  private groupCount = 0;
  setLayout(fields: number, lets: number, groups: number): void {
    this.fieldCount = fields;
    this.letCount = lets;
    this.groupCount = groups;
  }

  private slotOf(n: Node & { kind: 'field' | 'let' | 'group' | 'element' }): number {
    switch (n.kind) {
      case 'field':
        return n.slot;
      case 'let':
        return this.fieldCount + n.slot;
      case 'group':
        return this.fieldCount + this.letCount + n.slot;
      case 'element':
        return this.fieldCount + this.letCount + this.groupCount + n.slot;
      default:
        return assertNever(n);
    }
  }

  /** An aggregate's element loop (§12): `f` returns the criterion (any/all/none) or the
   *  true-or-unknown count / union (count/time_in; undefined for a missing list), and leaves the
   *  true-only count / union for `lo()`. */
  private aggregate(n: Aggregate): { f: Fn; lo: () => Value } {
    const listSlot = n.list;
    const base = this.fieldCount + this.letCount + this.groupCount;
    const loads = n.loads.map((l) => ({ slot: base + l.slot, name: internalized(l.name), criterion: l.criterion, open: l.open }));
    const m = loads.length;
    let cond: Fn | undefined;
    if (n.condition) {
      const outer = this.inElement;
      this.inElement = true;
      cond = this.compile(n.condition);
      this.inElement = outer;
    }
    const traced = this.traced && !this.inElement;
    const point = n.point.id;
    const letters = n.elements;
    const op = n.op;
    const ranged = op === 'count' || op === 'timeIn';
    const win = n.window;
    const periods = win ? new Periods() : undefined;
    const [startSlot, endSlot, first, last] = win ? [base + win.start, base + win.end, win.first, win.last] : [0, 0, 0, 0];
    // any/none stop at the first true element, all at the first false one (untraced).
    const stopOn = op === 'any' || op === 'none' ? 2 : op === 'all' ? 0 : -1;
    let lo: Value;
    const f: Fn = (s, t) => {
      const list = s[listSlot] as unknown as readonly Element[] | undefined;
      if (list === undefined) {
        lo = undefined;
        if (traced) t[point] = ranged ? null : null;
        return ranged ? undefined : 1;
      }
      let c = 0;
      let u = 0;
      let w = '';
      if (periods) periods.reset();
      for (let i = 0; i < list.length; i++) {
        const el = list[i]!;
        for (let j = 0; j < m; j++) {
          const ld = loads[j]!;
          const v = el[ld.name];
          s[ld.slot] = ld.criterion ? (v === true ? 2 : v === false ? 0 : 1) : v == null ? ld.open : (v as Value);
        }
        const x = cond === undefined ? 2 : cond(s, t);
        if (traced && letters !== undefined) w += x === 2 ? 'T' : x === 1 ? 'U' : 'F';
        if (periods) {
          const st = s[startSlot];
          if (x !== 0 && st !== undefined) {
            let a = dayOf(st as string);
            if (a < first) a = first;
            let b = dayOf(s[endSlot] as string);
            if (b > last) b = last;
            periods.add(a, b, x === 2);
            if (x === 1) u++;
          }
          continue;
        }
        if (x === stopOn) {
          c++;
          if (!traced) break;
        } else if (x === 1) u++;
        else if (op === 'count' && x === 2) c++;
      }
      let v: Value;
      switch (op) {
        case 'any':
          v = c > 0 ? 2 : u > 0 ? 1 : 0;
          break;
        case 'none':
        case 'all':
          v = c > 0 ? 0 : u > 0 ? 1 : 2;
          break;
        case 'count':
          lo = c;
          v = c + u;
          break;
        default: {
          const sure = periods!.days(true);
          lo = sure;
          v = u > 0 ? periods!.days(false) : sure;
        }
      }
      if (traced) {
        t[point] = ranged ? (lo === v ? (v as number) : `${String(lo)}–${String(v)}`) : TRI_PUBLIC[v as number]!;
        if (letters !== undefined) t[letters] = w;
      }
      return v;
    };
    return { f, lo: () => lo };
  }

  /** Both ends of a value (a count or time_in's, or a value twice) into `out`. */
  private range(n: Node): (s: Slots, t: Trace, out: (number | undefined)[], at: number) => void {
    if (n.kind === 'aggregate' && (n.op === 'count' || n.op === 'timeIn')) {
      const { f, lo } = this.aggregate(n);
      return (s, t, out, at) => {
        const hi = f(s, t) as number | undefined;
        out[at] = lo() as number | undefined;
        out[at + 1] = hi;
      };
    }
    const f = this.compile(n);
    return (s, t, out, at) => {
      const x = f(s, t) as number | undefined;
      out[at] = x;
      out[at + 1] = x;
    };
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
    if (!this.traced || this.inElement) {
      const f = this.fused(n);
      if (f !== undefined) return f;
    }
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
      case 'element': {
        const i = this.slotOf(n);
        return (s) => s[i];
      }
      case 'elapsed': {
        const from = this.asFn(this.operand(n.from));
        const to = this.asFn(this.operand(n.to));
        const tests = n.tests.map(elapsedHolds);
        const k = tests.length;
        const { yes, missing } = n;
        const no = 2 - yes;
        const all = n.match === 'all';
        return (s, t) => {
          const a = from(s, t);
          const b = to(s, t);
          if (a === undefined || b === undefined) return missing;
          for (let i = 0; i < k; i++) {
            const h = tests[i]!(a as string, b as string);
            if (all ? !h : h) return all ? no : yes;
          }
          return all ? yes : no;
        };
      }
      case 'aggregate': {
        const { f, lo } = this.aggregate(n);
        if (n.op === 'count' || n.op === 'timeIn')
          return (s, t) => {
            const hi = f(s, t);
            return lo() === hi ? hi : undefined;
          };
        return f;
      }
      case 'rangeCompare': {
        const left = this.range(n.left);
        const right = this.range(n.right);
        const op = OPS[n.op];
        const { leftScale: ls, rightScale: rs } = n;
        const ends: (number | undefined)[] = [undefined, undefined, undefined, undefined];
        return (s, t) => {
          left(s, t, ends, 0);
          right(s, t, ends, 2);
          return rangeCompare(op, scaledMaybe(ends[0], ls), scaledMaybe(ends[1], ls), scaledMaybe(ends[2], rs), scaledMaybe(ends[3], rs));
        };
      }
      default:
        return assertNever(n);
    }
  }

  // ------------------------------------------------------------ fused shapes (untraced only)
  // Without a trace to write, nothing but the value of a node matters, so a leaf (a slot or a
  // constant, a span read as its start date) is read in place by its parent, and the common shapes
  // are one closure each with the operator's test written out: `field op constant`, a calendar
  // threshold on a slot, `between` on a slot, `in` over constants, `not`/`is` of a slot, and
  // and/or chains whose operands are read from slots without a call. Each returns exactly what the
  // generic closure (and the generated code) returns; a shape not listed here takes the generic path.

  /** A slot or constant read in place; undefined if `n` must be evaluated. */
  private leaf(n: Node): Operand | undefined {
    if (n.kind === 'span') return this.leaf(n.start);
    if (n.kind === 'constant') return { value: n.value };
    if (n.kind === 'field' || n.kind === 'let' || n.kind === 'group' || n.kind === 'element') return { slot: this.slotOf(n) };
    return undefined;
  }

  private fused(n: Node): Fn | undefined {
    switch (n.kind) {
      case 'compare':
        return this.fusedCompare(n);
      case 'between':
        return this.fusedBetween(n);
      case 'in':
        return this.fusedIn(n);
      case 'not': {
        const a = this.leaf(n.operand);
        if (a === undefined || !('slot' in a)) return undefined;
        const i = a.slot;
        return (s) => 2 - (s[i] as number);
      }
      case 'is': {
        const a = this.leaf(n.value);
        if (a === undefined || !('slot' in a)) return undefined;
        const i = a.slot;
        const [ifKnown, ifMissing] = n.known ? [2, 0] : [0, 2];
        return n.criterion ? (s) => (s[i] !== 1 ? ifKnown : ifMissing) : (s) => (s[i] !== undefined ? ifKnown : ifMissing);
      }
      case 'logical':
        return this.fusedLogical(n);
      case 'atLeast': {
        const { slots, fns } = this.operandsOf(n.items);
        const k = n.count;
        const m = slots.length;
        return (s, t) => {
          let c = 0;
          let u = 0;
          for (let i = 0; i < m; i++) {
            const j = slots[i]!;
            const x = j >= 0 ? s[j] : fns[i]!(s, t);
            if (x === 2) c++;
            else if (x === 1) u++;
          }
          return c >= k ? 2 : c + u < k ? 0 : 1;
        };
      }
      default:
        return undefined;
    }
  }

  /** Operands as slot numbers (−1: call `fns[i]`), so that slot reads need no call. */
  private operandsOf(nodes: readonly Node[]): { slots: Int32Array; fns: Fn[] } {
    const slots = new Int32Array(nodes.length).fill(-1);
    const fns: Fn[] = nodes.map((o, i) => {
      const a = this.leaf(o);
      if (a !== undefined && 'slot' in a) {
        slots[i] = a.slot;
        return NEVER;
      }
      return this.compile(o);
    });
    return { slots, fns };
  }

  private fusedLogical(n: Node & { kind: 'logical' }): Fn {
    const [decisive, start] = n.op === 'and' ? [0, 2] : [2, 0];
    const { slots, fns } = this.operandsOf(n.operands);
    const m = slots.length;
    if (m === 2) {
      const [i, j] = [slots[0]!, slots[1]!];
      const [f, g] = [fns[0]!, fns[1]!];
      if (i >= 0 && j >= 0)
        return (s) => {
          const x = s[i];
          if (x === decisive) return decisive;
          const y = s[j];
          return y === decisive ? decisive : x === 1 || y === 1 ? 1 : start;
        };
      return (s, t) => {
        const x = i >= 0 ? s[i] : f(s, t);
        if (x === decisive) return decisive;
        const y = j >= 0 ? s[j] : g(s, t);
        return y === decisive ? decisive : x === 1 || y === 1 ? 1 : start;
      };
    }
    return (s, t) => {
      let v = start;
      for (let k = 0; k < m; k++) {
        const j = slots[k]!;
        const x = j >= 0 ? s[j] : fns[k]!(s, t);
        if (x === decisive) return decisive;
        if (x === 1) v = 1;
      }
      return v;
    };
  }

  private fusedCompare(n: Node & { kind: 'compare' }): Fn | undefined {
    const test = n.test;
    if (test.kind === 'calendar') {
      // The duration side is a constant of the lowering (evaluating it has no effect untraced).
      const d = this.leaf(test.date === 'left' ? n.left : n.right);
      return d !== undefined && 'slot' in d ? dateOnSlot(d.slot, test.test) : undefined;
    }
    if (test.kind !== 'values') return undefined;
    const a = this.leaf(n.left);
    const b = this.leaf(n.right);
    if (a === undefined || b === undefined) return undefined;
    const { leftScale: ls, rightScale: rs } = test;
    if ('slot' in a && 'value' in b && ls === 1) return slotAgainst(a.slot, OPS[test.op], rs === 1 ? b.value : (b.value as number) * rs);
    if ('value' in a && 'slot' in b && rs === 1) return slotAgainst(b.slot, OPS[MIRROR[test.op]], ls === 1 ? a.value : (a.value as number) * ls);
    if ('slot' in a && 'slot' in b) {
      const [i, j, op] = [a.slot, b.slot, OPS[test.op]];
      if (ls === 1 && rs === 1)
        return (s) => {
          const l = s[i];
          const r = s[j];
          return l === undefined || r === undefined ? 1 : compareValues(op, l, r);
        };
      return (s) => {
        const l = s[i];
        const r = s[j];
        return l === undefined || r === undefined ? 1 : compareValues(op, ls === 1 ? l : (l as number) * ls, rs === 1 ? r : (r as number) * rs);
      };
    }
    return undefined;
  }

  private fusedBetween(n: Node & { kind: 'between' }): Fn | undefined {
    const x = this.leaf(n.value);
    const lo = this.leaf(n.low);
    const hi = this.leaf(n.high);
    if (x === undefined || !('slot' in x) || lo === undefined || !('value' in lo) || hi === undefined || !('value' in hi)) return undefined;
    const i = x.slot;
    const { lowTest, highTest } = n;
    if (lowTest.kind === 'calendar' && highTest.kind === 'calendar') {
      // `lo <= x` and `x <= hi` on the start date of x.
      const a = thresholdOf(lowTest.test);
      const b = thresholdOf(highTest.test);
      if (a !== undefined && b !== undefined) {
        const [ka, na, kb, nb] = [a.k, a.neg, b.k, b.neg];
        return (s) => {
          const d = s[i];
          if (d === undefined) return 1;
          return (d <= ka) !== na && (d <= kb) !== nb ? 2 : 0;
        };
      }
      return undefined;
    }
    if (lowTest.kind === 'values' && highTest.kind === 'values' && lowTest.rightScale === 1 && highTest.leftScale === 1) {
      const L = lowTest.leftScale === 1 ? lo.value : (lo.value as number) * lowTest.leftScale;
      const H = highTest.rightScale === 1 ? hi.value : (hi.value as number) * highTest.rightScale;
      const [opL, opH] = [OPS[MIRROR[lowTest.op]], OPS[highTest.op]];
      return (s) => {
        const v = s[i];
        if (v === undefined) return 1;
        const p = compareValues(opL, v, L);
        const q = compareValues(opH, v, H);
        return p < q ? p : q;
      };
    }
    return undefined;
  }

  private fusedIn(n: Node & { kind: 'in' }): Fn | undefined {
    const x = this.leaf(n.value);
    if (x === undefined || !('slot' in x)) return undefined;
    const i = x.slot;
    const [yes, no] = n.negated ? [0, 2] : [2, 0];
    const m = n.members;
    if (m.kind === 'values') {
      if (!m.items.every((item) => item.valueScale === 1 && this.leaf(item.node) !== undefined && 'value' in this.leaf(item.node)!)) return undefined;
      const values = m.items.map((item) => {
        const v = (this.leaf(item.node) as { value: number | string }).value;
        return item.itemScale === 1 ? v : (v as number) * item.itemScale;
      });
      const k = values.length;
      if (k === 1) {
        const c = values[0];
        return (s) => {
          const v = s[i];
          return v === undefined ? 1 : v === c ? yes : no;
        };
      }
      if (k === 2) {
        const [c, d] = values;
        return (s) => {
          const v = s[i];
          return v === undefined ? 1 : v === c || v === d ? yes : no;
        };
      }
      return (s) => {
        const v = s[i];
        if (v === undefined) return 1;
        for (let j = 0; j < k; j++) if (v === values[j]) return yes;
        return no;
      };
    }
    if (m.kind === 'calendar') {
      const ts = m.tests.map(thresholdOf);
      if (ts.some((t) => t === undefined)) return undefined;
      const ks = ts.map((t) => t!.k);
      const negs = ts.map((t) => t!.neg);
      const k = ks.length;
      return (s) => {
        const d = s[i];
        if (d === undefined) return 1;
        for (let j = 0; j < k; j++) if ((d <= ks[j]!) !== negs[j]) return yes;
        return no;
      };
    }
    return undefined;
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

/** The same text as a property key V8 has internalized. The names come from the parser as slices
 *  of the source text; a keyed load `r[name]` with such a string looks it up in the string table
 *  on every call (made reading the fields most of an evaluation's time); a key taken from an
 *  object's own keys is internalized, and then the load compares pointers. */
function internalized(name: string): string {
  const o: Record<string, number> = Object.create(null) as Record<string, number>;
  o[name] = 0;
  return Object.keys(o)[0]!;
}

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
  c.setLayout(fieldCount, rules.letCount, rules.groups.length);
  const size = fieldCount + rules.letCount + rules.groups.length + rules.elementCount;
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
  const names = rules.fields.map((f) => internalized(f.name));
  const criteria = rules.fields.map((f) => f.criterion);
  const hasOwn = Object.prototype.hasOwnProperty;
  const groupsTemplate = template(groups.map((g) => g.name));
  const programsTemplate = template(programs.map((p) => p.name));
  const groupNames = groups.map((g) => internalized(g.name));
  const programNames = programs.map((p) => internalized(p.name));
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
