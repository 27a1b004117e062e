// The checker: names, types and units, cycles, test blocks. Never throws on bad input; returns the
// AST with diagnostics, resolutions and types (the phases of cel-go: parse → check → program).
import * as A from '../ast';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import { parse, parseExpression } from '../syntax/to-ast';
import { describeType, smallerUnit, unitFamily } from './describe';
import { MAX_LITERAL, messages as M, OUTPUT_COLUMNS, RESERVED_NAMES } from './messages';
import { maskCprNumbers, maskedSlice, overlaps, personalRanges, PERSONAL_MASK } from './personal';
import { VisitLexer } from '../syntax/tokens';
import type { CheckedFile, CheckOptions, Resolution, Type } from './types';

export type { CheckedFile, CheckOptions, Resolution, Type } from './types';

/** The calendar functions (LANGUAGE.md §4). */
export const FUNCTIONS = ['age_of', 'time_since'] as const;

/** Deeper expressions are refused (evaluators recurse over the AST). */
export const MAX_EXPRESSION_DEPTH = 400;

const BOOLEAN: Type = { kind: 'boolean' };
const ERROR: Type = { kind: 'error' };

type NamedDecl = A.NamedDeclaration | A.FieldDeclaration;

function declKindWord(d: NamedDecl): string {
  switch (d.kind) {
    case 'Record':
      return 'record';
    case 'Field':
      return 'field';
    case 'Let':
      return 'let';
    case 'Param':
      return 'param';
    case 'Group':
      return 'group';
    case 'Program':
      return 'program';
    default:
      return A.assertNever(d);
  }
}

/** Iterative depth of an expression tree (a recursive walk could itself overflow). */
function expressionDepth(root: A.Expression): number {
  // Every level of nesting takes at least one character of source, so a short expression is shallow.
  if (root.range.end.offset - root.range.start.offset <= MAX_EXPRESSION_DEPTH) return 0;
  let max = 0;
  const stack: [A.Expression, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_EXPRESSION_DEPTH) return max;
    for (const c of A.childExpressions(e)) stack.push([c, d + 1]);
  }
  return max;
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  readonly resolutions = new Map<number, Resolution>();
  readonly types = new Map<number, Type>();
  readonly fields = new Map<string, A.FieldDeclaration>();
  readonly lets = new Map<string, A.LetDeclaration>();
  readonly params = new Map<string, A.ParamDeclaration>();
  readonly groups = new Map<string, A.GroupDeclaration>();
  readonly programs = new Map<string, A.ProgramDeclaration>();
  readonly fieldTypes = new Map<string, Type>();
  readonly letTypes = new Map<string, Type>();
  readonly paramTypes = new Map<string, Type>();
  readonly paramValues = new Map<string, A.Expression>();
  record?: A.RecordDeclaration;
  private readonly names = new Map<string, NamedDecl>();
  private readonly used = new Set<string>();
  /** Params compared with something other than a calendar span (so their unit is fixed). */
  private readonly paramsUsedAsNumbers = new Set<string>();
  /** Lets and groups being typed right now, for cycle detection. */
  private readonly inProgress: string[] = [];
  private readonly groupsChecked = new Set<string>();
  private readonly reportedCycles = new Set<string>();
  /** Number literals already reported as out of range (a node may be typed twice). */
  private readonly reportedNumbers = new Set<number>();
  /** Where the file holds personal values (personal.ts): messages quote them as •••. */
  readonly personal: A.Range[];

  constructor(
    readonly source: string,
    readonly file: A.VisitFile,
  ) {
    this.personal = personalRanges(file);
  }

  /** A node's source text for a message, on one line, shortened, personal values masked. */
  text(node: { range: A.Range }): string {
    const t = maskedSlice(this.source, node.range.start.offset, node.range.end.offset, this.personal).replace(/\s+/g, ' ');
    return t.length > 60 ? `${t.slice(0, 57)}…` : t;
  }

  /** False (and reported, once) when a number literal lies beyond ±(2^53 − 1), or is not finite. */
  numberFits(node: { id: number; range: A.Range }, value: number): boolean {
    if (Math.abs(value) <= MAX_LITERAL) return true;
    if (!this.reportedNumbers.has(node.id)) {
      this.reportedNumbers.add(node.id);
      this.report(M.numberOutOfRange(node.range));
    }
    return false;
  }

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  // ------------------------------------------------------------------ declarations

  declare(d: NamedDecl): void {
    const name = d.name.text;
    if (RESERVED_NAMES.has(name)) {
      this.report(M.reservedName(d.name.range, name));
      return;
    }
    const previous = this.names.get(name);
    if (previous) {
      this.report(M.duplicateName(d.name.range, name, previous.name.range.start.line));
      return;
    }
    this.names.set(name, d);
    if (d.kind === 'Group' || d.kind === 'Program') {
      // Reported, but still declared: its uses are not errors of their own.
      const column = OUTPUT_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
      if (column) this.report(M.reservedColumn(d.name.range, d.kind === 'Group' ? 'group' : 'program', name, column));
    }
    switch (d.kind) {
      case 'Field':
        this.fields.set(name, d);
        break;
      case 'Let':
        this.lets.set(name, d);
        break;
      case 'Param':
        this.params.set(name, d);
        break;
      case 'Group':
        this.groups.set(name, d);
        break;
      case 'Program':
        this.programs.set(name, d);
        break;
      case 'Record':
        break;
      default:
        A.assertNever(d);
    }
  }

  collect(): void {
    for (const d of this.file.declarations) {
      if (d.kind === 'Test') continue;
      if (d.kind === 'Record') {
        if (this.record) {
          this.report(M.duplicateRecord(d.name.range, this.record.range.start.line));
          continue;
        }
        this.record = d;
        this.declare(d);
        this.checkRecord(d);
        continue;
      }
      this.declare(d);
    }
    const needsRecord = this.file.declarations.some((d) => d.kind === 'Group' || d.kind === 'Program' || d.kind === 'Let');
    if (!this.record && needsRecord) {
      const first = this.file.declarations[0]!;
      this.report(M.missingRecord({ start: first.range.start, end: first.range.start }));
    }
  }

  checkRecord(r: A.RecordDeclaration): void {
    let key: A.FieldDeclaration | undefined;
    for (const f of r.fields) {
      this.declare(f);
      const seen = new Set<string>();
      for (const m of f.modifiers) {
        if (seen.has(m.modifier)) this.report(M.duplicateModifier(m.range, m.modifier));
        seen.add(m.modifier);
      }
      if (seen.has('key')) {
        if (key) this.report(M.multipleKeys(f.name.range, f.name.text, key.name.text));
        else key = f;
      }
      this.fieldTypes.set(f.name.text, this.fieldType(f));
    }
  }

  fieldType(f: A.FieldDeclaration): Type {
    const t = f.type;
    if (t.kind === 'EnumType') {
      const values: string[] = [];
      for (const v of t.values) {
        if (RESERVED_NAMES.has(v.text)) this.report(M.reservedName(v.range, v.text));
        else if (values.includes(v.text)) this.report(M.duplicateEnumValue(v.range, v.text));
        else values.push(v.text);
      }
      return { kind: 'enum', values };
    }
    switch (t.name) {
      case 'text':
        return { kind: 'text' };
      case 'boolean':
        return BOOLEAN;
      case 'date':
        return { kind: 'date' };
      case 'number':
      case 'integer': {
        if (t.bounds && [t.bounds.min, t.bounds.max].every((b) => this.numberFits(b, b.value))) {
          const { min, max } = t.bounds;
          const text = this.text({ range: { start: min.range.start, end: max.range.end } });
          const range = { start: min.range.start, end: max.range.end };
          if (min.value > max.value) this.report(M.invalidBounds(range, text, `the lower bound ${min.value} is above the upper bound ${max.value}`));
          else if (t.name === 'integer' && (!Number.isInteger(min.value) || !Number.isInteger(max.value)))
            this.report(M.invalidBounds(range, text, 'an integer field needs whole-number bounds'));
        }
        return t.unit ? { kind: 'number', integer: t.name === 'integer', unit: t.unit.unit } : { kind: 'number', integer: t.name === 'integer' };
      }
      default:
        return A.assertNever(t.name);
    }
  }

  // ------------------------------------------------------------------ the body

  checkDeclarations(): void {
    for (const d of this.file.declarations) {
      switch (d.kind) {
        case 'Record':
          break;
        case 'Let':
          this.letType(d);
          break;
        case 'Param':
          this.paramType(d);
          break;
        case 'Group':
          this.checkGroup(d);
          break;
        case 'Program':
          for (const line of d.lines) this.condition(line.condition, `a ${line.mode} line`);
          break;
        case 'Test':
          break;
        default:
          A.assertNever(d);
      }
    }
  }

  /** Types an expression that must be a condition. */
  condition(e: A.Expression, context: string): void {
    if (expressionDepth(e) > MAX_EXPRESSION_DEPTH) {
      this.report(M.tooDeep(e.range, MAX_EXPRESSION_DEPTH));
      return;
    }
    const t = this.typeOf(e);
    this.expectBoolean(e, t, context);
  }

  expectBoolean(e: A.Expression, t: Type, context: string): void {
    if (t.kind === 'boolean' || t.kind === 'error') return;
    if (t.kind === 'enumValue') {
      this.reportUnknownName(e as A.Reference);
      return;
    }
    this.report(M.notBoolean(e.range, context, this.text(e), t));
  }

  checkGroup(g: A.GroupDeclaration): void {
    if (this.groupsChecked.has(g.name.text) || this.groups.get(g.name.text) !== g) return;
    this.withCycleGuard('group', g.name, () => {
      this.condition(g.condition, `group '${g.name.text}'`);
      return BOOLEAN;
    });
    this.groupsChecked.add(g.name.text);
  }

  letType(l: A.LetDeclaration): Type {
    const name = l.name.text;
    if (this.lets.get(name) !== l) return ERROR;
    const known = this.letTypes.get(name);
    if (known) return known;
    const t = this.withCycleGuard('let', l.name, () => {
      if (expressionDepth(l.value) > MAX_EXPRESSION_DEPTH) {
        this.report(M.tooDeep(l.value.range, MAX_EXPRESSION_DEPTH));
        return ERROR;
      }
      return this.typeOf(l.value);
    });
    this.letTypes.set(name, t);
    return t;
  }

  withCycleGuard(kind: string, name: A.Name, body: () => Type): Type {
    const at = this.inProgress.indexOf(name.text);
    if (at >= 0) {
      const path = [...this.inProgress.slice(at), name.text];
      const key = [...path].sort().join(',');
      if (!this.reportedCycles.has(key)) {
        this.reportedCycles.add(key);
        const decl = this.names.get(name.text)!;
        this.report(M.cycle(decl.name.range, kind, path));
      }
      return ERROR;
    }
    this.inProgress.push(name.text);
    try {
      return body();
    } finally {
      this.inProgress.pop();
    }
  }

  paramType(p: A.ParamDeclaration): Type {
    const name = p.name.text;
    const known = this.paramTypes.get(name);
    if (known) return known;
    const t = this.literalType(p.value);
    if (!t) {
      if (p.value.kind !== 'ErrorExpression') this.report(M.paramNotLiteral(p.value.range, name));
      this.paramTypes.set(name, ERROR);
      return ERROR;
    }
    this.paramTypes.set(name, t);
    this.paramValues.set(name, p.value);
    return t;
  }

  /** The type of a literal (a param value, a `given` value); undefined when it is not a literal. */
  literalType(e: A.Expression): Type | undefined {
    switch (e.kind) {
      case 'Number':
        return this.typeOf(e);
      case 'Negate':
        return e.operand.kind === 'Number' || e.operand.kind === 'Duration' ? this.typeOf(e) : undefined;
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Boolean':
        return this.typeOf(e);
      default:
        return undefined;
    }
  }

  // ------------------------------------------------------------------ expressions

  typeOf(e: A.Expression): Type {
    const t = this.computeType(e);
    this.types.set(e.id, t);
    return t;
  }

  computeType(e: A.Expression): Type {
    switch (e.kind) {
      case 'Number':
        if (!this.numberFits(e, e.value)) return ERROR;
        return { kind: 'number', integer: Number.isInteger(e.value) };
      case 'Duration':
        if (!this.numberFits(e, e.amount)) return ERROR;
        return { kind: 'number', integer: Number.isInteger(e.amount), unit: e.unit };
      case 'Date':
        this.checkDate(e);
        return { kind: 'date' };
      case 'Text':
        return { kind: 'text' };
      case 'Boolean':
        return BOOLEAN;
      case 'Reference':
        return this.reference(e);
      case 'Call':
        return this.call(e);
      case 'Not': {
        const t = this.typeOf(e.operand);
        this.expectBoolean(e.operand, t, `the operand of 'not'`);
        return BOOLEAN;
      }
      case 'Negate': {
        const t = this.typeOf(e.operand);
        if (t.kind === 'number') return t;
        if (t.kind !== 'error') this.reportNotNumber(e.operand, '-', t);
        return ERROR;
      }
      case 'Arithmetic':
        return this.arithmetic(e);
      case 'Comparison':
        this.comparison(e, e.op, e.left, e.right);
        return BOOLEAN;
      case 'Logical': {
        for (const side of [e.left, e.right]) this.expectBoolean(side, this.typeOf(side), `each side of '${e.op}'`);
        return BOOLEAN;
      }
      case 'Between': {
        this.comparison(e, '>=', e.value, e.low);
        this.comparison(e, '<=', e.value, e.high, true);
        const [lo, hi] = [constantAmount(e.low), constantAmount(e.high)];
        if (lo && hi && lo.unit === hi.unit && lo.amount > hi.amount) this.report(M.emptyBetween(e.range, this.text(e.low), this.text(e.high)));
        return BOOLEAN;
      }
      case 'In':
        this.membership(e);
        return BOOLEAN;
      case 'Is': {
        const t = this.typeOf(e.value);
        if (t.kind === 'enumValue') this.reportUnknownName(e.value as A.Reference);
        return BOOLEAN;
      }
      case 'AtLeast': {
        const n = e.count.value;
        this.types.set(e.count.id, { kind: 'number', integer: true });
        if (!this.numberFits(e.count, n)) {
          // reported
        } else if (!Number.isInteger(n) || n < 0) this.report(M.invalidCount(e.count.range, this.text(e.count)));
        else if (n > e.items.length) this.report(M.atLeastImpossible(e.range, n, e.items.length));
        for (const item of e.items) this.expectBoolean(item, this.typeOf(item), `each item of 'at least'`);
        return BOOLEAN;
      }
      case 'ErrorExpression':
        return ERROR;
      default:
        return A.assertNever(e);
    }
  }

  checkDate(e: A.DateLiteral): void {
    const why = dateProblem(e.value);
    // Of a personal date (a birth date in a test), not even the month is repeated.
    if (why) this.report(M.invalidDate(e.range, this.text(e), this.isPersonal(e) ? 'it is not a day of the calendar' : why));
  }

  /** Does the node stand on a personal value (personal.ts)? */
  isPersonal(node: { range: A.Range }): boolean {
    return this.personal.some((r) => overlaps(r, node.range.start.offset, node.range.end.offset));
  }

  reference(e: A.Reference): Type {
    const name = e.name;
    const decl = RESERVED_NAMES.has(name) ? undefined : this.names.get(name);
    if (decl) this.used.add(name);
    switch (decl?.kind) {
      case 'Field':
        this.resolutions.set(e.id, { kind: 'field', decl });
        return this.fieldTypes.get(name) ?? ERROR;
      case 'Let':
        this.resolutions.set(e.id, { kind: 'let', decl });
        return this.letType(decl);
      case 'Param':
        this.resolutions.set(e.id, { kind: 'param', decl });
        return this.paramType(decl);
      case 'Group':
        this.resolutions.set(e.id, { kind: 'group', decl });
        if (this.inProgress.includes(name)) return this.withCycleGuard('group', decl.name, () => BOOLEAN);
        this.checkGroup(decl);
        return BOOLEAN;
      case 'Program':
        this.report(M.programInExpression(e.range, name));
        return ERROR;
      case 'Record':
        this.reportUnknownName(e);
        return ERROR;
      case undefined:
        // Not a declaration: an enum value, to be checked against the enum it meets.
        this.resolutions.set(e.id, { kind: 'enumValue', value: name });
        return { kind: 'enumValue', value: name };
      default:
        return A.assertNever(decl);
    }
  }

  isSomeEnumValue(name: string): boolean {
    for (const t of this.fieldTypes.values()) if (t.kind === 'enum' && t.values.includes(name)) return true;
    return false;
  }

  reportUnknownName(e: A.Reference): void {
    this.resolutions.delete(e.id);
    this.types.set(e.id, ERROR);
    const candidates = [...this.names.entries()].filter(([, d]) => d.kind !== 'Record' && d.kind !== 'Program').map(([n]) => n);
    this.report(M.unknownName(e.range, e.name, candidates));
  }

  call(e: A.Call): Type {
    const name = e.callee.text;
    const argTypes = e.args.map((a) => this.typeOf(a));
    if (!(FUNCTIONS as readonly string[]).includes(name)) {
      this.report(M.unknownFunction(e.callee.range, name, FUNCTIONS));
      return ERROR;
    }
    if (e.args.length !== 1) {
      this.report(M.wrongArguments(e.range, name, `${e.args.length} arguments`));
      return ERROR;
    }
    const t = argTypes[0]!;
    if (t.kind === 'error') return { kind: 'calendar' };
    if (t.kind === 'enumValue') {
      this.reportUnknownName(e.args[0] as A.Reference);
      return { kind: 'calendar' };
    }
    if (t.kind !== 'date') {
      this.report(M.wrongArguments(e.args[0]!.range, name, `'${this.text(e.args[0]!)}' (${describeType(t)})`));
    }
    return { kind: 'calendar' };
  }

  reportNotNumber(e: A.Expression, op: string, t: Type): void {
    if (t.kind === 'enumValue') this.reportUnknownName(e as A.Reference);
    else if (t.kind === 'calendar') this.report(M.calendarArithmetic(e.range, this.text(e)));
    else if (t.kind === 'date') this.report(M.dateArithmetic(e.range, this.text(e)));
    else this.report(M.notNumber(e.range, op, this.text(e), t));
  }

  arithmetic(e: A.Arithmetic): Type {
    const lt = this.typeOf(e.left);
    const rt = this.typeOf(e.right);
    let ok = true;
    for (const [side, t] of [[e.left, lt], [e.right, rt]] as const) {
      if (t.kind === 'error') ok = false;
      else if (t.kind !== 'number') {
        this.reportNotNumber(side, e.op, t);
        ok = false;
      }
    }
    if (!ok || lt.kind !== 'number' || rt.kind !== 'number') return ERROR;
    const integer = lt.integer && rt.integer && e.op !== '/';
    const lu = lt.unit;
    const ru = rt.unit;
    if (e.op === '+' || e.op === '-') {
      if (lu && ru) {
        if (unitFamily(lu) !== unitFamily(ru)) {
          this.report(M.unitMismatch(e.range, this.text(e.left), lu, this.text(e.right), ru));
          return ERROR;
        }
        return { kind: 'number', integer, unit: smallerUnit(lu, ru) };
      }
      const unit = lu ?? ru;
      return unit ? { kind: 'number', integer, unit } : { kind: 'number', integer };
    }
    if (e.op === '*') {
      if (lu && ru) {
        this.report(M.notNumber(e.right.range, '*', this.text(e.right), rt));
        return ERROR;
      }
      const unit = lu ?? ru;
      return unit ? { kind: 'number', integer, unit } : { kind: 'number', integer };
    }
    // '/'
    if (lu && ru) {
      if (unitFamily(lu) !== unitFamily(ru)) {
        this.report(M.unitMismatch(e.range, this.text(e.left), lu, this.text(e.right), ru));
        return ERROR;
      }
      return { kind: 'number', integer: false };
    }
    if (ru) {
      this.report(M.notNumber(e.right.range, '/', this.text(e.right), rt));
      return ERROR;
    }
    return lu ? { kind: 'number', integer: false, unit: lu } : { kind: 'number', integer: false };
  }

  /** Is this expression a fixed duration (a duration literal, a duration param, or a let of one)? */
  isFixedDuration(e: A.Expression, seen = new Set<string>()): boolean {
    if (e.kind === 'Duration') return true;
    if (e.kind === 'Negate') return this.isFixedDuration(e.operand, seen);
    if (e.kind !== 'Reference') return false;
    const r = this.resolutions.get(e.id);
    if (r?.kind === 'param') return true;
    if (r?.kind === 'let' && !seen.has(r.decl.name.text)) {
      seen.add(r.decl.name.text);
      return this.isFixedDuration(r.decl.value, seen);
    }
    return false;
  }

  /**
   * Params whose value flows into this comparison operand as a number, directly or through lets.
   * Conditions nested in the operand (`(age >= p) = true`) are comparisons of their own and are
   * not walked into, nor are lets that are conditions or calendar spans.
   */
  paramsIn(e: A.Expression, out: Set<string>, seen = new Set<string>()): Set<string> {
    const stack: A.Expression[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.kind === 'Reference') {
        const r = this.resolutions.get(x.id);
        if (r?.kind === 'param') out.add(r.decl.name.text);
        else if (r?.kind === 'let' && !seen.has(r.decl.name.text)) {
          seen.add(r.decl.name.text);
          const t = this.letTypes.get(r.decl.name.text);
          if (t?.kind !== 'boolean' && t?.kind !== 'calendar') stack.push(r.decl.value);
        }
      }
      if (x.kind === 'Arithmetic' || x.kind === 'Negate' || x.kind === 'Call') stack.push(...A.childExpressions(x));
    }
    return out;
  }

  /**
   * Checks `left op right` (also the halves of `between`). `reuseLeftType` avoids typing the
   * `between` value twice.
   */
  comparison(node: A.Expression, op: A.ComparisonOperator, left: A.Expression, right: A.Expression, reuseLeftType = false): void {
    const lt = reuseLeftType ? (this.types.get(left.id) ?? this.typeOf(left)) : this.typeOf(left);
    const rt = this.typeOf(right);
    if (lt.kind === 'error' || rt.kind === 'error') return;
    const ordered = op !== '=' && op !== '!=';

    // Calendar spans against fixed durations.
    if (lt.kind === 'calendar' || rt.kind === 'calendar') {
      const [span, other, ot] = lt.kind === 'calendar' ? [left, right, rt] : [right, left, lt];
      if (ot.kind === 'number' && !ot.unit) this.report(M.calendarNeedsUnit(other.range, this.text(span), this.text(other)));
      else if (ot.kind === 'number' && ot.unit) {
        if (!this.isFixedDuration(other)) this.report(M.calendarNeedsConstant(other.range, this.text(span), this.text(other)));
      } else this.report(M.typeMismatch(node.range, this.text(left), lt, this.text(right), rt));
      return;
    }
    for (const p of this.paramsIn(left, new Set(this.paramsIn(right, new Set())))) this.paramsUsedAsNumbers.add(p);

    // Enum values meet their enum.
    if (lt.kind === 'enumValue' || rt.kind === 'enumValue') {
      const [valueSide, vt, enumSide, et] = lt.kind === 'enumValue' ? [left, lt, right, rt] : [right, rt, left, lt];
      if (vt.kind !== 'enumValue') return;
      if (et.kind === 'enum') {
        if (ordered) this.report(M.notOrdered(node.range, op, this.text(enumSide), et));
        else if (!et.values.includes(vt.value)) this.report(M.unknownEnumValue(valueSide.range, vt.value, this.text(enumSide), et.values));
        return;
      }
      // Neither side is an enum: a bare name here is a misspelt declaration. A name that is a value
      // of some declared enum is only reported when both sides are such names.
      const sides = et.kind === 'enumValue' ? [valueSide, enumSide] : [valueSide];
      const unknown = sides.filter((s) => !this.isSomeEnumValue((s as A.Reference).name));
      for (const s of unknown.length > 0 ? unknown : [valueSide]) this.reportUnknownName(s as A.Reference);
      return;
    }
    if (lt.kind === 'enum' || rt.kind === 'enum') {
      const [enumSide, et, otherSide, ot] = lt.kind === 'enum' ? [left, lt, right, rt] : [right, rt, left, lt];
      if (et.kind !== 'enum') return;
      if (ot.kind === 'text' && otherSide.kind === 'Text') {
        if (!et.values.includes(otherSide.value)) {
          this.report(
            this.isPersonal(otherSide)
              ? M.personalEnumValue(otherSide.range, this.text(enumSide))
              : M.unknownEnumValue(otherSide.range, otherSide.value, this.text(enumSide), et.values),
          );
        }
      } else if (!(ot.kind === 'enum' && sameValues(et.values, ot.values))) {
        this.report(M.typeMismatch(node.range, this.text(left), lt, this.text(right), rt));
        return;
      }
      if (ordered) this.report(M.notOrdered(node.range, op, this.text(enumSide), et));
      return;
    }
    if (lt.kind === 'number' && rt.kind === 'number') {
      if (lt.unit && rt.unit && unitFamily(lt.unit) !== unitFamily(rt.unit)) {
        const amount = right.kind === 'Duration' && !this.isPersonal(right) ? right.amount : undefined;
        this.report(M.unitMismatch(node.range, this.text(left), lt.unit, this.text(right), rt.unit, amount));
      }
      return;
    }
    if (lt.kind !== rt.kind) {
      this.report(M.typeMismatch(node.range, this.text(left), lt, this.text(right), rt));
      return;
    }
    if (ordered && lt.kind !== 'date') this.report(M.notOrdered(node.range, op, this.text(left), lt));
  }

  membership(e: A.Membership): void {
    const vt = this.typeOf(e.value);
    for (const item of e.items) {
      const declared = item.kind === 'Reference' ? this.names.get(item.name) : undefined;
      const isLiteral = item.kind === 'Reference' ? !declared : this.literalType(item) !== undefined;
      if (!isLiteral) {
        this.typeOf(item);
        this.report(M.inItemNotLiteral(item.range, this.text(item)));
        continue;
      }
      if (vt.kind === 'calendar') {
        this.typeOf(item);
        this.report(M.typeMismatch(e.range, this.text(e.value), vt, this.text(item), { kind: 'number', integer: true }));
        return;
      }
      this.comparison(e, '=', e.value, item, true);
    }
  }

  // ------------------------------------------------------------------ tests

  checkTests(): void {
    for (const t of this.file.declarations) {
      if (t.kind !== 'Test') continue;
      if (t.asOf) this.checkDate(t.asOf);
      const seen = new Set<string>();
      for (const entry of t.given?.entries ?? []) {
        const name = entry.name.text;
        const field = RESERVED_NAMES.has(name) ? undefined : this.fields.get(name);
        if (!field) {
          this.report(M.givenUnknownField(entry.name.range, name, this.fields.keys()));
          continue;
        }
        if (seen.has(name)) this.report(M.givenDuplicate(entry.name.range, name));
        seen.add(name);
        this.checkGivenValue(field, entry.value);
      }
      for (const o of t.overrides) this.checkOverride(o.name.text, o.value, o.range);
      for (const x of t.expectations) {
        const name = x.target.text;
        const isProgram = this.programs.has(name);
        if (!isProgram && !this.groups.has(name)) {
          this.report(M.unknownTestTarget(x.target.range, name, [...this.groups.keys(), ...this.programs.keys()]));
          continue;
        }
        const programOutcome = x.expected === 'eligible' || x.expected === 'ineligible' || x.expected === 'undetermined';
        if (programOutcome !== isProgram) this.report(M.expectOutcomeMismatch(x.range, name, isProgram));
      }
    }
  }

  checkGivenValue(field: A.FieldDeclaration, value: A.Expression): void {
    const ft = this.fieldTypes.get(field.name.text);
    if (!ft || ft.kind === 'error') return;
    // A given value is described, never quoted: the snippet under the message shows it (masked
    // when the field is personal, DOMAIN.md), and a message is often read far from the file.
    const personal = field.modifiers.some((m) => m.modifier === 'personal');
    const literal = this.literalType(value);
    if (literal?.kind === 'error') return;
    const described = !literal
      ? value.kind === 'Reference'
        ? 'a name'
        : 'an expression (a given value is a literal)'
      : literal.kind === 'number' && !literal.integer && !literal.unit && ft.kind === 'number' && ft.integer
        ? 'a number with a fraction'
        : describeType(literal);
    const found = personal ? `${described} (value withheld: personal data)` : described;
    const expected = describeType(ft);
    const mismatch = () => this.report(M.givenMismatch(value.range, field.name.text, expected, found));
    if (ft.kind === 'enum') {
      const v = value.kind === 'Reference' ? value.name : value.kind === 'Text' ? value.value : undefined;
      if (v === undefined) return mismatch();
      this.resolutions.set(value.id, { kind: 'enumValue', value: v });
      this.types.set(value.id, { kind: 'enumValue', value: v });
      if (!ft.values.includes(v))
        this.report(personal ? M.personalEnumValue(value.range, field.name.text, true) : M.unknownEnumValue(value.range, v, field.name.text, ft.values));
      return;
    }
    const vt = literal;
    if (!vt) return mismatch();
    if (ft.kind === 'number' && vt.kind === 'number') {
      if (vt.unit && ft.unit !== vt.unit) return mismatch();
      const n = literalNumber(value);
      if (ft.integer && !Number.isInteger(n)) return mismatch();
      const bounds = field.type.kind === 'PrimitiveType' ? field.type.bounds : undefined;
      if (bounds && (n < bounds.min.value || n > bounds.max.value)) {
        const outside = `a number outside that range${personal ? ' (value withheld: personal data)' : ''}`;
        this.report(M.givenMismatch(value.range, field.name.text, `${expected} from ${bounds.min.value} to ${bounds.max.value}`, outside));
      }
      return;
    }
    if (vt.kind !== ft.kind) mismatch();
  }

  /**
   * A param override (`with` in a test, or options.params) must fit the param as if declared. Its
   * messages name the param and what was expected, never the value given (it may come from a
   * command line, where anything can be typed).
   */
  checkOverride(name: string, value: A.Expression, range: A.Range): A.Expression | undefined {
    const decl = this.params.get(name);
    if (!decl) {
      this.report(M.unknownParam(range, name, this.params.keys()));
      return undefined;
    }
    const declared = this.paramTypes.get(name);
    if (!declared || declared.kind === 'error') return undefined;
    const amount = literalNumber(value);
    if (Number.isNaN(amount) ? false : Math.abs(amount) > MAX_LITERAL) {
      this.report(M.invalidParamOverride(range, name, `the number is too large: expected ${describeType(declared)} from -${MAX_LITERAL} to ${MAX_LITERAL}`));
      return undefined;
    }
    const vt = this.literalType(value);
    if (!vt) {
      this.report(M.invalidParamOverride(range, name, `expected a literal (${describeType(declared)})`));
      return undefined;
    }
    if (vt.kind === 'error') return undefined;
    const fits =
      vt.kind === declared.kind &&
      (vt.kind !== 'number' ||
        declared.kind !== 'number' ||
        (!!vt.unit === !!declared.unit &&
          (!vt.unit || !declared.unit || unitFamily(vt.unit) === unitFamily(declared.unit) || !this.paramsUsedAsNumbers.has(name))));
    if (!fits) {
      this.report(M.invalidParamOverride(range, name, `expected ${describeType(declared)}, like the declaration '${this.text(decl.value)}'`));
      return undefined;
    }
    return value;
  }

  checkUnused(): void {
    for (const [name, p] of this.params) if (!this.used.has(name)) this.report(M.unusedParam(p.name.range, name));
    for (const [name, l] of this.lets) if (!this.used.has(name)) this.report(M.unusedLet(l.name.range, name));
  }

  applyOverrides(overrides: Record<string, string>): void {
    const fileStart = this.file.range.start;
    const at: A.Range = { start: fileStart, end: fileStart };
    let nextId = 1_000_000;
    for (const [name, text] of Object.entries(overrides)) {
      if (!Object.prototype.hasOwnProperty.call(overrides, name)) continue;
      if (!isName(name)) {
        this.report(M.unknownParamNotAName(at));
        continue;
      }
      const parsed = parseExpression(text, nextId);
      nextId += 10_000;
      if (!parsed.expression) {
        const declared = this.paramTypes.get(name);
        if (!this.params.has(name)) this.report(M.unknownParam(at, name, this.params.keys()));
        else if (declared && declared.kind !== 'error') {
          const decl = this.params.get(name)!;
          this.report(M.invalidParamOverride(at, name, `not a literal: expected ${describeType(declared)}, written like the declaration '${this.text(decl.value)}'`));
        }
        continue;
      }
      const value = this.checkOverride(name, parsed.expression, at);
      if (value) this.paramValues.set(name, value);
    }
  }
}

/** Is `text` exactly one name token (so that a message may quote it)? */
function isName(text: string): boolean {
  const lexed = VisitLexer.tokenize(text);
  return lexed.errors.length === 0 && lexed.tokens.length === 1 && lexed.tokens[0]!.tokenType.name === 'Name' && lexed.tokens[0]!.image === text;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

/** A literal number or duration's amount and unit (units compare only when equal), else undefined. */
function constantAmount(e: A.Expression): { amount: number; unit: string } | undefined {
  if (e.kind === 'Number') return { amount: e.value, unit: '' };
  if (e.kind === 'Duration') return { amount: e.amount, unit: e.unit };
  if (e.kind === 'Date') return undefined;
  if (e.kind === 'Negate') {
    const inner = constantAmount(e.operand);
    return inner && { amount: -inner.amount, unit: inner.unit };
  }
  return undefined;
}

function literalNumber(e: A.Expression): number {
  if (e.kind === 'Number') return e.value;
  if (e.kind === 'Duration') return e.amount;
  if (e.kind === 'Negate') return -literalNumber(e.operand);
  return NaN;
}

const daysInMonth = (y: number, m: number) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why an ISO date literal is not a real calendar day, or undefined when it is one. */
export function dateProblem(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return 'expected YYYY-MM-DD with a two-digit month and day';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `there is no month ${mo}`;
  const dim = daysInMonth(y, mo);
  if (d < 1 || d > dim) return `${monthNames[mo - 1]} ${y} has ${dim} days`;
  return undefined;
}

/**
 * Parses and checks a Visit source. Never throws: every problem is a diagnostic. With
 * `options.params`, each override is checked as if it were written in the param's declaration.
 */
export function check(source: string, options: CheckOptions = {}): CheckedFile {
  const parsed = parse(source);
  const c = new Checker(source, parsed.file);
  c.collect();
  c.checkDeclarations();
  c.checkTests();
  c.checkUnused();
  if (options.params) c.applyOverrides(options.params);
  const personal = [...c.personal, ...maskSyntaxErrorsInGiven(source, parsed.diagnostics)].sort(
    (a, b) => a.start.offset - b.start.offset,
  );
  const diagnostics = [...parsed.diagnostics, ...c.diagnostics].sort(compareDiagnostics);
  attachPersonal(source, diagnostics, personal);
  for (const d of diagnostics) d.message = maskCprNumbers(d.message);
  return {
    source,
    file: parsed.file,
    diagnostics,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
    ...(c.record ? { record: c.record } : {}),
    fields: c.fields,
    lets: c.lets,
    params: c.params,
    groups: c.groups,
    programs: c.programs,
    tests: parsed.file.declarations.filter((d): d is A.TestDeclaration => d.kind === 'Test'),
    resolutions: c.resolutions,
    types: c.types,
    fieldTypes: c.fieldTypes,
    letTypes: c.letTypes,
    paramTypes: c.paramTypes,
    paramValues: c.paramValues,
    personal,
  };
}

/**
 * A syntax error inside a test's `given { … }`, in a file that declares personal fields, may stand
 * on a personal value (`given { cpr: 0101701234 0101701235 }`): its message does not quote what it
 * found, and its range is masked in snippets. Returns the ranges to mask. Found from the tokens, not
 * the AST: a given block with a syntax error may not have made it into the AST at all.
 */
function maskSyntaxErrorsInGiven(source: string, diagnostics: Diagnostic[]): A.Range[] {
  const syntax = diagnostics.filter((d) => d.code === 'syntax-error');
  if (syntax.length === 0) return [];
  const tokens = VisitLexer.tokenize(source).tokens;
  if (!tokens.some((t) => t.tokenType.name === 'Personal')) return [];
  // From `given` to its `}`; a block left open ends where the next test item or declaration starts.
  const ends = new Set(['Expect', 'With', 'As', 'Record', 'Let', 'Param', 'Group', 'Program', 'Test']);
  const blocks: [number, number][] = [];
  tokens.forEach((t, i) => {
    if (t.tokenType.name !== 'Given') return;
    let end = source.length;
    for (let j = i + 1; j < tokens.length; j++) {
      const name = tokens[j]!.tokenType.name;
      if (name === 'RCurly') {
        end = tokens[j]!.startOffset + 1;
        break;
      }
      if (ends.has(name)) {
        end = tokens[j]!.startOffset;
        break;
      }
    }
    blocks.push([t.startOffset, end]);
  });
  const masked: A.Range[] = [];
  for (const d of syntax) {
    const at = d.range.start.offset;
    if (!blocks.some(([from, to]) => at >= from && at < to)) continue;
    const found = source.slice(d.range.start.offset, d.range.end.offset);
    if (found === '') continue;
    d.message = d.message.split(`'${found}'`).join(`'${PERSONAL_MASK}'`);
    masked.push(d.range);
  }
  return masked;
}

/** Each diagnostic carries the personal ranges on the lines it spans (renderers of snippets mask them). */
function attachPersonal(source: string, diagnostics: Diagnostic[], personal: readonly A.Range[]): void {
  if (personal.length === 0) return;
  for (const d of diagnostics) {
    const from = lineStart(source, d.range.start.offset);
    const to = lineEnd(source, d.range.end.offset);
    const on = personal.filter((r) => overlaps(r, from, Math.max(to, from + 1)));
    if (on.length > 0) d.personal = on;
  }
}

function lineStart(source: string, offset: number): number {
  let i = offset;
  while (i > 0 && source[i - 1] !== '\n' && source[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(source: string, offset: number): number {
  let i = offset;
  while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  return i;
}
