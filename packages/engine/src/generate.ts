// Back end 1: the lowered rules (lower.ts) as the source of one JavaScript function. Names and
// literals are embedded with JSON.stringify; record data never reaches the generated source.
import { assertNever } from '@visit/dsl';
import type { Aggregate, AtLeast, CompareTest, DateTest, ElapsedTest, LoweredRules, Node, TracePoint } from './lower';
import { InternalError } from './lower';

function num(n: number): string {
  if (!Number.isFinite(n)) throw new InternalError(`not a finite number: ${n}`);
  return n < 0 || Object.is(n, -0) ? `(${String(n)})` : String(n);
}

function str(s: string): string {
  return JSON.stringify(s);
}

function constant(value: number | string): string {
  return typeof value === 'number' ? num(value) : str(value);
}

function scaled(code: string, scale: number): string {
  return scale === 1 ? code : `(${code} * ${scale})`;
}

/** A variable (not a constant): may be undefined at run time. */
function isVariable(code: string): boolean {
  return /^[a-z]/.test(code);
}

function eitherMissing(l: string, r: string): string {
  const parts = [l, r].filter(isVariable).map((x) => `${x} === undefined`);
  return parts.length === 0 ? 'false' : parts.join(' || ');
}

function atLeast(d: string, k: AtLeast): string {
  return typeof k === 'boolean' ? String(k) : `${d} <= ${str(k)}`;
}

/** The date test on the start date `d` (known), as a JS boolean expression. */
function dateTest(d: string, t: DateTest): string {
  switch (t.kind) {
    case 'always':
      return String(t.value);
    case 'atLeast':
      return atLeast(d, t.k);
    case 'below':
      return `!(${atLeast(d, t.k)})`;
    case 'exactly':
      return `(${atLeast(d, t.k)}) && !(${atLeast(d, t.next)})`;
    case 'notExactly':
      return `!((${atLeast(d, t.k)}) && !(${atLeast(d, t.next)}))`;
    default:
      return assertNever(t);
  }
}

/** A JS expression giving 0/1/2 for the test on operands `l` and `r`. */
function compare(test: CompareTest, l: string, r: string): string {
  switch (test.kind) {
    case 'calendar': {
      const d = test.date === 'left' ? l : r;
      return `(${d} === undefined ? 1 : ${dateTest(d, test.test)} ? 2 : 0)`;
    }
    case 'criteria':
      return `${l} === 1 || ${r} === 1 ? 1 : ${l} ${test.op === '=' ? '===' : '!=='} ${r} ? 2 : 0`;
    case 'values': {
      const L = scaled(l, test.leftScale);
      const R = scaled(r, test.rightScale);
      const missing = eitherMissing(l, r);
      let body: string;
      const op = test.op;
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
    default:
      return assertNever(test);
  }
}

const OPS = { '=': 0, '!=': 1, '<': 2, '<=': 3, '>': 4, '>=': 5 } as const;

/** A scaled operand that may be missing (undefined stays undefined, not NaN). */
function maybeScaled(code: string, scale: number): string {
  if (scale === 1) return code;
  return isVariable(code) ? `(${code} === undefined ? undefined : ${code} * ${scale})` : `(${code} * ${scale})`;
}

/** One test of `time_between(a, b)` on known dates (§11): the whole completed units, by the calendar. */
function elapsedTest(a: string, b: string, t: ElapsedTest): string {
  const units = `H.units(${a}, ${b}, ${str(t.unit)})`;
  const n = num(t.amount);
  switch (t.op) {
    case '=':
      return `${units} === ${n}`;
    case '!=':
      return `${units} !== ${n}`;
    default:
      return `${units} ${t.op} ${n}`;
  }
}

class Emitter {
  private readonly out: string[] = [];
  private readonly temps = new Set<string>();
  private label = 0;
  /** Temporaries are numbered afresh for each let, group and programme line: a temporary is read
   *  only within the code of its own declaration, so the names are reused and the function declares
   *  as many as the largest declaration needs, not one per node of the file (50,000 locals for
   *  10,000 groups made every call's frame ~400 KB, and 40,000 groups overflowed the stack). */
  private tempCount = 0;

  constructor(
    private readonly rules: LoweredRules,
    private readonly traced: boolean,
  ) {}

  private emit(line: string): void {
    this.out.push(line);
  }

  /** Inside an aggregate's element loop: its nodes are not traced (the aggregate records per element). */
  private inElement = false;
  private loops = 0;

  private fresh(prefix: 'v' | 'a' | 'b' | 'c' | 'u' | 'w'): string {
    const name = `${prefix}${this.tempCount++}`;
    this.temps.add(name);
    return name;
  }

  private trace(point: TracePoint | undefined, code: string): void {
    if (!this.traced || point === undefined || this.inElement) return;
    if (point.criterion) this.emit(`t[${point.id}] = B[${code}];`);
    else this.emit(`t[${point.id}] = ${code} === undefined ? null : ${code};`);
  }

  /** Emits statements computing `n`; returns a side-effect-free JS expression (a variable or a constant). */
  private gen(n: Node): string {
    switch (n.kind) {
      case 'constant': {
        const code = constant(n.value);
        this.trace(n.trace, code);
        return code;
      }
      case 'field':
      case 'let':
      case 'group': {
        const code = `${n.kind[0]}${n.slot}`;
        this.trace(n.trace, code);
        return code;
      }
      case 'span': {
        const d = this.gen(n.start);
        this.trace(n.trace, d);
        return d;
      }
      case 'not': {
        const x = this.gen(n.operand);
        const v = this.fresh('v');
        this.emit(`${v} = 2 - ${x};`);
        this.trace(n.trace, v);
        return v;
      }
      case 'negate': {
        const x = this.gen(n.operand);
        const v = this.fresh('v');
        this.emit(`${v} = ${x} === undefined ? undefined : -${x};`);
        this.trace(n.trace, v);
        return v;
      }
      case 'arithmetic': {
        const l = this.gen(n.left);
        const r = this.gen(n.right);
        const v = this.fresh('v');
        this.emit(`${v} = ${eitherMissing(l, r)} ? undefined : ${scaled(l, n.leftScale)} ${n.op} ${scaled(r, n.rightScale)};`);
        this.trace(n.trace, v);
        return v;
      }
      case 'compare': {
        const l = this.gen(n.left);
        const r = this.gen(n.right);
        const v = this.fresh('v');
        this.emit(`${v} = ${compare(n.test, l, r)};`);
        this.trace(n.trace, v);
        return v;
      }
      case 'between': {
        const x = this.gen(n.value);
        const lo = this.gen(n.low);
        const hi = this.gen(n.high);
        const v = this.fresh('v');
        const a = this.fresh('a');
        const b = this.fresh('b');
        this.emit(`${a} = ${compare(n.lowTest, lo, x)};`);
        this.emit(`${b} = ${compare(n.highTest, x, hi)};`);
        this.emit(`${v} = ${a} < ${b} ? ${a} : ${b};`);
        this.trace(n.trace, v);
        return v;
      }
      case 'in':
        return this.membership(n);
      case 'is': {
        const x = this.gen(n.value);
        const known = n.criterion ? `${x} !== 1` : `${x} !== undefined`;
        const v = this.fresh('v');
        this.emit(`${v} = ${known} ? ${n.known ? '2 : 0' : '0 : 2'};`);
        this.trace(n.trace, v);
        return v;
      }
      case 'atLeast': {
        const c = this.fresh('c');
        const u = this.fresh('u');
        this.emit(`${c} = 0; ${u} = 0;`);
        for (const item of n.items) {
          const x = this.gen(item);
          this.emit(`if (${x} === 2) ${c}++; else if (${x} === 1) ${u}++;`);
        }
        const v = this.fresh('v');
        this.emit(`${v} = ${c} >= ${num(n.count)} ? 2 : ${c} + ${u} < ${num(n.count)} ? 0 : 1;`);
        this.trace(n.trace, v);
        return v;
      }
      case 'logical': {
        const v = this.fresh('v');
        const label = `L${this.label++}`;
        const [decisive, start] = n.op === 'and' ? ['0', '2'] : ['2', '0'];
        this.emit(`${v} = ${start};`);
        this.emit(`${label}: {`);
        n.operands.forEach((operand, i) => {
          const x = this.gen(operand);
          const last = i === n.operands.length - 1;
          this.emit(`if (${x} === ${decisive}) { ${v} = ${decisive};${last ? '' : ` break ${label};`} }`);
          this.emit(`${last ? 'else ' : ''}if (${x} === 1) ${v} = 1;`);
        });
        this.emit('}');
        this.trace(n.trace, v);
        return v;
      }
      case 'element': {
        const code = `e${n.slot}`;
        this.temps.add(code);
        return code;
      }
      case 'elapsed': {
        const a = this.gen(n.from);
        const b = this.gen(n.to);
        const v = this.fresh('v');
        const tests = n.tests.map((t) => elapsedTest(a, b, t));
        const holds = tests.length === 0 ? (n.match === 'all' ? 'true' : 'false') : tests.join(n.match === 'all' ? ' && ' : ' || ');
        const missing = eitherMissing(a, b);
        const body = `${holds} ? ${n.yes} : ${2 - n.yes}`;
        this.emit(`${v} = ${missing === 'false' ? body : `${missing} ? ${n.missing} : ${body}`};`);
        this.trace(n.trace, v);
        return v;
      }
      case 'aggregate': {
        const { lo, hi } = this.aggregate(n);
        if (n.op === 'count' || n.op === 'timeIn') {
          const v = this.fresh('v');
          this.emit(`${v} = ${lo} === ${hi} ? ${lo} : undefined;`);
          return v;
        }
        return hi;
      }
      case 'rangeCompare': {
        const [a, b] = this.range(n.left);
        const [c, d] = this.range(n.right);
        const v = this.fresh('v');
        const ls = (x: string) => maybeScaled(x, n.leftScale);
        const rs = (x: string) => maybeScaled(x, n.rightScale);
        this.emit(`${v} = H.rangeCompare(${OPS[n.op]}, ${ls(a)}, ${ls(b)}, ${rs(c)}, ${rs(d)});`);
        this.trace(n.trace, v);
        return v;
      }
      default:
        return assertNever(n);
    }
  }

  /** Both ends of a value: a count or time_in's decided and possible values, else the value twice. */
  private range(n: Node): [string, string] {
    if (n.kind === 'aggregate' && (n.op === 'count' || n.op === 'timeIn')) {
      const { lo, hi } = this.aggregate(n);
      return [lo, hi];
    }
    const x = this.gen(n);
    return [x, x];
  }

  /**
   * The element loop of an aggregate (§12). any/all/none: `hi` is the criterion. count/time_in: `lo`
   * counts the true elements (the union of their periods), `hi` the true-or-unknown ones; both
   * undefined for a missing list.
   */
  private aggregate(n: Aggregate): { lo: string; hi: string } {
    const list = `f${n.list}`;
    const c = this.fresh('c');
    const u = this.fresh('u');
    const v = this.fresh('v');
    const k = this.loops++;
    const i = `i${k}`;
    const el = `el${k}`;
    const w = this.traced && n.elements !== undefined ? this.fresh('w') : undefined;
    this.emit(`${c} = 0; ${u} = 0;${w ? ` ${w} = "";` : ''}`);
    if (n.window) this.emit('H.periods.reset();');
    this.emit(`if (${list} !== undefined) {`);
    this.emit(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++) { const ${el} = ${list}[${i}];`);
    for (const load of n.loads) {
      const e = `e${load.slot}`;
      this.temps.add(e);
      const read = `${el}[${str(load.name)}]`;
      if (load.criterion) this.emit(`${e} = ${read}; ${e} = ${e} === true ? 2 : ${e} === false ? 0 : 1;`);
      else if (load.open !== undefined) this.emit(`${e} = ${read}; if (${e} == null) ${e} = ${str(load.open)};`);
      else this.emit(`${e} = ${read}; if (${e} === null) ${e} = undefined;`);
    }
    let x = '2';
    if (n.condition) {
      const outer = this.inElement;
      this.inElement = true;
      x = this.gen(n.condition);
      this.inElement = outer;
    }
    if (w) this.emit(`${w} += ${x} === 2 ? "T" : ${x} === 1 ? "U" : "F";`);
    const stop = this.traced ? '' : ' break;';
    switch (n.op) {
      case 'any':
      case 'none':
        this.emit(`if (${x} === 2) { ${c}++;${stop} } else if (${x} === 1) ${u}++;`);
        break;
      case 'all':
        this.emit(`if (${x} === 0) { ${c}++;${stop} } else if (${x} === 1) ${u}++;`);
        break;
      case 'count':
        this.emit(`if (${x} === 2) ${c}++; else if (${x} === 1) ${u}++;`);
        break;
      case 'timeIn': {
        const win = n.window!;
        const a = this.fresh('a');
        const b = this.fresh('b');
        this.emit(
          `if (${x} !== 0 && e${win.start} !== undefined) { ${a} = H.day(e${win.start}); if (${a} < ${win.first}) ${a} = ${num(win.first)}; ` +
            `${b} = H.day(e${win.end}); if (${b} > ${num(win.last)}) ${b} = ${num(win.last)}; ` +
            `H.periods.add(${a}, ${b}, ${x} === 2); if (${x} === 1) ${u}++; }`,
        );
        break;
      }
      default:
        return assertNever(n.op);
    }
    this.emit('}');
    switch (n.op) {
      case 'any':
        this.emit(`${v} = ${c} > 0 ? 2 : ${u} > 0 ? 1 : 0;`);
        break;
      case 'none':
      case 'all':
        this.emit(`${v} = ${c} > 0 ? 0 : ${u} > 0 ? 1 : 2;`);
        break;
      case 'count':
        this.emit(`${v} = ${c} + ${u};`);
        break;
      case 'timeIn':
        this.emit(`${c} = H.periods.days(true); ${v} = ${u} > 0 ? H.periods.days(false) : ${c};`);
        break;
      default:
        return assertNever(n.op);
    }
    const ranged = n.op === 'count' || n.op === 'timeIn';
    this.emit(`} else { ${ranged ? `${c} = undefined; ${v} = undefined;` : `${v} = 1;`} }`);
    if (this.traced && !this.inElement) {
      if (ranged) this.emit(`t[${n.point.id}] = ${c} === undefined ? null : ${c} === ${v} ? ${c} : ${c} + "–" + ${v};`);
      else this.emit(`t[${n.point.id}] = B[${v}];`);
      if (w && n.elements !== undefined) this.emit(`if (${list} !== undefined) t[${n.elements}] = ${w};`);
    }
    return { lo: ranged ? c : v, hi: v };
  }

  private membership(n: Node & { kind: 'in' }): string {
    const x = this.gen(n.value);
    const [yes, no] = n.negated ? ['0', '2'] : ['2', '0'];
    const v = this.fresh('v');
    const m = n.members;
    let tests: string[];
    let missing: string;
    switch (m.kind) {
      case 'calendar':
        tests = m.tests.map((t) => `(${dateTest(x, t)})`);
        missing = `${x} === undefined`;
        break;
      case 'criteria':
        tests = m.items.map((item) => `${x} === ${this.gen(item)}`);
        missing = `${x} === 1`;
        break;
      case 'values':
        tests = m.items.map((item) => `${scaled(x, item.valueScale)} === ${scaled(this.gen(item.node), item.itemScale)}`);
        missing = `${x} === undefined`;
        break;
      default:
        return assertNever(m);
    }
    const found = tests.length === 0 ? 'false' : tests.join(' || ');
    this.emit(`${v} = ${missing} ? 1 : ${found} ? ${yes} : ${no};`);
    this.trace(n.trace, v);
    return v;
  }

  build(): string {
    const rules = this.rules;
    for (const step of rules.steps) {
      this.tempCount = 0;
      if (step.kind === 'let') {
        const code = this.gen(step.value);
        const v = `l${step.slot}`;
        this.temps.add(v);
        this.emit(`${v} = ${code};`);
      } else {
        const code = this.gen(step.condition);
        this.trace(step.trace, code);
        const v = `g${step.slot}`;
        this.temps.add(v);
        this.emit(`${v} = ${code};`);
      }
    }
    const programVars: string[] = [];
    let lineIndex = 0;
    for (const p of rules.programs) {
      const s = `p${programVars.length}`;
      programVars.push(s);
      this.temps.add(s);
      const label = `L${this.label++}`;
      this.emit(`${s} = 2;`);
      this.emit(`${label}: {`);
      for (const line of p.lines) {
        this.tempCount = 0;
        const x = this.gen(line.condition);
        this.trace(line.trace, x);
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
    const groups = rules.groups.map((g) => `${key(g.name)}: B[g${g.slot}]`);
    const programs = rules.programs.map((p, i) => `${key(p.name)}: P[${programVars[i]!}]`);

    const reads: string[] = [];
    const plainReads: string[] = [];
    const ownReads: string[] = [];
    const normalise: string[] = [];
    rules.fields.forEach((f, slot) => {
      const v = `f${slot}`;
      const k = str(f.name);
      const own = `hasOwn.call(r, ${k}) ? r[${k}] : undefined`;
      reads.push(`${v} = r[${k}];`);
      plainReads.push(`${v} = r[${k}]; if (${v} !== undefined && ${k} in OP) ${v} = ${own};`);
      ownReads.push(`${v} = ${own};`);
      normalise.push(f.criterion ? `${v} = ${v} === true ? 2 : ${v} === false ? 0 : 1;` : `if (${v} === null) ${v} = undefined;`);
    });
    const vars = [...rules.fields.map((_, slot) => `f${slot}`), ...this.temps];
    return [
      `return function evaluate(r${this.traced ? ', t' : ', o'}) {`,
      `let p${vars.map((v) => `, ${v}`).join('')};`,
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

/** The evaluation function's source: `function evaluate(r, o)` (untraced; `o` receives line values
 *  when given) or `function evaluate(r, t)` (every evaluated node's value recorded in `t`). It expects
 *  the names B, P, RP, OP, getPrototypeOf, hasOwn and H (histories.ts Helpers) in scope (see evaluate.ts). */
export function generateSource(rules: LoweredRules, traced: boolean): string {
  return new Emitter(rules, traced).build();
}
