// The checker: names, types and units, cycles, test blocks. Never throws on bad input; returns the
// AST with diagnostics, resolutions and types (the phases of cel-go: parse → check → program).
import * as A from '../ast';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import { parse, parseExpression } from '../syntax/to-ast';
import { smallerUnit, unitFamily } from './describe';
import { catalogue as M, withLanguage, type Language } from './language';
import { MAX_LITERAL, OUTPUT_COLUMNS, RESERVED_NAMES, type ConditionContext, type DateProblem, type GivenFound } from './messages';
import { maskCprNumbers, maskedSlice, overlaps, personalRanges, PERSONAL_MASK } from './personal';
import { VisitLexer } from '../syntax/tokens';
import type { CheckedFile, CheckOptions, Resolution, Type } from './types';
import { notInForceWarnings, sameVersionType, versionOf, versionProblems, versionTypeMismatch, type VersionedDeclaration } from './versions';

export type { CheckedFile, CheckOptions, Resolution, Type } from './types';

/** The functions: the calendar (LANGUAGE.md §4, §11) and the aggregates over lists (§12). */
export const FUNCTIONS = ['age_of', 'time_since', 'time_between', 'any', 'all', 'none', 'count', 'time_in'] as const;

/** The functions that take a list (`L` or `L where c`) as their first argument (§12). */
export const LIST_FUNCTIONS: readonly string[] = ['any', 'all', 'none', 'count', 'time_in'];

/** Deeper expressions are refused (evaluators recurse over the AST). */
export const MAX_EXPRESSION_DEPTH = 400;

const BOOLEAN: Type = { kind: 'boolean' };
const ERROR: Type = { kind: 'error' };
const CALENDAR: Type = { kind: 'calendar' };
const INTEGER: Type = { kind: 'number', integer: true };
/** `time_in(…)` (§12): a whole number of days. */
const DAYS: Type = { kind: 'number', integer: true, unit: 'days' };

type ListType = Extract<Type, { kind: 'list' }>;

/** The element of a list whose `where` condition is being checked: its names come first there. */
interface ElementScope {
  list: A.FieldDeclaration;
  type: ListType;
  fields: Map<string, A.FieldDeclaration>;
}

function isPersonalField(f: A.FieldDeclaration): boolean {
  return f.modifiers.some((m) => m.modifier === 'personal');
}

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
  /** Every accepted version of each let, param, group and programme (§13), in source order. */
  readonly versions = new Map<string, VersionedDeclaration[]>();
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
  /** The element fields of each list field (§12), by list name, then field name. */
  private readonly elementFields = new Map<string, Map<string, A.FieldDeclaration>>();
  /** Set while the condition of `L where c` is checked. */
  private scope: ElementScope | undefined;
  /** Lets known to read a record field (directly or through lets and groups), by name. */
  private readonly readsRecordCache = new Map<string, boolean>();

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
      this.report(M().numberOutOfRange(node.range));
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
      this.report(M().reservedName(d.name.range, name));
      return;
    }
    const previous = this.names.get(name);
    if (previous) {
      // Dated versions of one name (§13, versions.ts): the undated one, else the first, stands in the maps.
      const version = versionOf(previous, d);
      if (version === undefined) this.report(M().duplicateName(d.name.range, name, previous.name.range.start.line));
      else if (version !== 'version') this.report(version);
      else {
        this.versions.get(name)!.push(d as VersionedDeclaration);
        if (!(d as VersionedDeclaration).validity && (previous as VersionedDeclaration).validity) this.primary(d);
      }
      return;
    }
    if (d.kind !== 'Field' && d.kind !== 'Record') this.versions.set(name, [d]);
    this.primary(d);
  }

  /** Enters the declaration that stands for its name in the maps. */
  primary(d: NamedDecl): void {
    const name = d.name.text;
    this.names.set(name, d);
    if (d.kind === 'Group' || d.kind === 'Program') {
      // Reported, but still declared: its uses are not errors of their own.
      const column = OUTPUT_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
      if (column) this.report(M().reservedColumn(d.name.range, d.kind === 'Group' ? 'group' : 'program', name, column));
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
          this.report(M().duplicateRecord(d.name.range, this.record.range.start.line));
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
      this.report(M().missingRecord({ start: first.range.start, end: first.range.start }));
    }
  }

  checkRecord(r: A.RecordDeclaration): void {
    let key: A.FieldDeclaration | undefined;
    for (const f of r.fields) {
      this.declare(f);
      const seen = this.modifiersOf(f);
      if (seen.has('key')) {
        if (f.type.kind === 'ListType') this.report(M().listKey(this.modifierRange(f, 'key'), f.name.text));
        else if (key) this.report(M().multipleKeys(f.name.range, f.name.text, key.name.text));
        else key = f;
      }
      this.fieldTypes.set(f.name.text, this.fieldType(f));
    }
  }

  /** The modifiers of a field, each once (a repeated one is a warning). */
  modifiersOf(f: A.FieldDeclaration): Set<A.Modifier> {
    const seen = new Set<A.Modifier>();
    for (const m of f.modifiers) {
      if (seen.has(m.modifier)) this.report(M().duplicateModifier(m.range, m.modifier));
      seen.add(m.modifier);
    }
    return seen;
  }

  elementFieldsOf(list: A.FieldDeclaration): Map<string, A.FieldDeclaration> {
    let m = this.elementFields.get(list.name.text);
    if (!m) this.elementFields.set(list.name.text, (m = new Map()));
    return m;
  }

  modifierRange(f: A.FieldDeclaration, modifier: A.Modifier): A.Range {
    return f.modifiers.find((m) => m.modifier === modifier)?.range ?? f.name.range;
  }

  /**
   * `list of { … }` (§12): element fields have the types of §3 (no lists), the modifiers `optional`
   * and `personal`; an element with `start: date` and `end: date` is a period, whose `start` may
   * not be optional.
   */
  listType(list: A.FieldDeclaration, t: A.ListTypeNode): Type {
    const fields = new Map<string, Type>();
    const decls = new Map<string, A.FieldDeclaration>();
    for (const f of t.fields) {
      const name = f.name.text;
      if (RESERVED_NAMES.has(name)) {
        this.report(M().reservedName(f.name.range, name));
        continue;
      }
      const previous = decls.get(name);
      if (previous) {
        this.report(M().duplicateElementField(f.name.range, name, list.name.text, previous.name.range.start.line));
        continue;
      }
      decls.set(name, f);
      this.elementFieldsOf(list).set(name, f);
      const seen = this.modifiersOf(f);
      if (seen.has('key')) this.report(M().elementKey(this.modifierRange(f, 'key'), name, list.name.text));
      if (f.type.kind === 'ListType') {
        this.report(M().nestedList(f.type.range, name, list.name.text));
        fields.set(name, ERROR);
        continue;
      }
      fields.set(name, this.fieldType(f));
    }
    const isDate = (name: string) => fields.get(name)?.kind === 'date';
    const period = isDate('start') && isDate('end');
    const start = decls.get('start');
    if (period && start && start.modifiers.some((m) => m.modifier === 'optional'))
      this.report(M().periodStartOptional(this.modifierRange(start, 'optional'), list.name.text));
    return { kind: 'list', fields, period };
  }

  fieldType(f: A.FieldDeclaration): Type {
    const t = f.type;
    if (t.kind === 'ListType') return this.listType(f, t);
    if (t.kind === 'EnumType') {
      const values: string[] = [];
      for (const v of t.values) {
        if (RESERVED_NAMES.has(v.text)) this.report(M().reservedName(v.range, v.text));
        else if (values.includes(v.text)) this.report(M().duplicateEnumValue(v.range, v.text));
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
          if (min.value > max.value) this.report(M().invalidBounds(range, text, { kind: 'order', min: min.value, max: max.value }));
          else if (t.name === 'integer' && (!Number.isInteger(min.value) || !Number.isInteger(max.value)))
            this.report(M().invalidBounds(range, text, { kind: 'integer' }));
        }
        return t.unit ? { kind: 'number', integer: t.name === 'integer', unit: t.unit.unit } : { kind: 'number', integer: t.name === 'integer' };
      }
      default:
        return A.assertNever(t.name);
    }
  }

  // ------------------------------------------------------------------ the body

  checkDeclarations(): void {
    // A validity's dates must be days of the calendar (§2, §13), like every date literal.
    for (const d of this.file.declarations) {
      if (d.kind === 'Record' || d.kind === 'Test' || !d.validity) continue;
      if (d.validity.from) this.checkDate(d.validity.from);
      if (d.validity.until) this.checkDate(d.validity.until);
    }
    this.typeChainsBottomUp();
    for (const d of this.file.declarations) {
      if (this.checkOtherVersion(d)) continue;
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
          for (const line of d.lines) this.condition(line.condition, { kind: 'line', mode: line.mode });
          break;
        case 'Test':
          break;
        default:
          A.assertNever(d);
      }
    }
  }

  /**
   * Types the lets and groups of a large file each after the ones it names (strongly connected
   * components in reverse topological order, iterative Tarjan), so that a chain of hundreds of
   * groups (`group g1 = g2 or …`, `group g2 = g3 or …`) is typed one link at a time instead of by
   * recursion through the whole chain (700 links overflowed the call stack). Names come from the
   * syntax (a name inside `where` that is an element field may add an edge that is not one: that
   * only changes the order). A cycle is typed as one component, so it is found and reported within
   * it; in files of fewer than 64 lets and groups recursion is shallow and this pass is skipped.
   */
  typeChainsBottomUp(): void {
    const nodes = [...this.lets.values(), ...this.groups.values()];
    if (nodes.length < 64) return; // recursion is shallow anyway
    const named = (name: string): A.LetDeclaration | A.GroupDeclaration | undefined => this.lets.get(name) ?? this.groups.get(name);
    const edges = new Map<A.LetDeclaration | A.GroupDeclaration, (A.LetDeclaration | A.GroupDeclaration)[]>();
    for (const d of nodes) {
      const out: (A.LetDeclaration | A.GroupDeclaration)[] = [];
      for (const ref of referencesIn(d.kind === 'Let' ? d.value : d.condition)) {
        const target = named(ref.name);
        if (target) out.push(target);
      }
      edges.set(d, out);
    }
    type Node = A.LetDeclaration | A.GroupDeclaration;
    const index = new Map<Node, number>();
    const low = new Map<Node, number>();
    const onStack = new Set<Node>();
    const sccStack: Node[] = [];
    let counter = 0;
    for (const root of nodes) {
      if (index.has(root)) continue;
      const work: { node: Node; next: number }[] = [{ node: root, next: 0 }];
      index.set(root, counter);
      low.set(root, counter++);
      sccStack.push(root);
      onStack.add(root);
      while (work.length > 0) {
        const top = work[work.length - 1]!;
        const out = edges.get(top.node)!;
        if (top.next < out.length) {
          const w = out[top.next++]!;
          if (!index.has(w)) {
            index.set(w, counter);
            low.set(w, counter++);
            sccStack.push(w);
            onStack.add(w);
            work.push({ node: w, next: 0 });
          } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const parent = work[work.length - 1]!.node;
          low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
        }
        if (low.get(top.node) !== index.get(top.node)) continue;
        // A strongly connected component, emitted after every component it reaches.
        const component: Node[] = [];
        let w: Node;
        do {
          w = sccStack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        // Everything it names outside itself is typed already, so typing it recurses within the
        // component only (a cycle is found there and reported as the declaration-order pass would).
        component.sort((a, b) => a.range.start.offset - b.range.start.offset);
        for (const d of component) {
          if (d.kind === 'Let') this.letType(d);
          else this.checkGroup(d);
        }
      }
    }
  }

  /**
   * Cycles through dated versions (§13). Typing follows names, and a name's type is known once its
   * first version is typed, so `let x = 1` / `let x from D = x + 1` would pass typing; here every
   * version's body counts: a let or group whose versions reach its own name, on any day, is a
   * cycle. (Taken over all versions at once: versions that are never in force together could in
   * principle not form a cycle on any one day, but rules written so are not worth the risk.)
   */
  checkVersionCycles(): void {
    const versioned = [...this.versions.values()].some((v) => v.length > 1);
    if (!versioned) return;
    const uses = new Map<string, string[]>();
    for (const [name, versions] of this.versions) {
      const found: string[] = [];
      for (const v of versions) {
        if (v.kind !== 'Let' && v.kind !== 'Group') continue;
        for (const ref of referencesIn(v.kind === 'Let' ? v.value : v.condition)) {
          const r = this.resolutions.get(ref.id);
          if (r?.kind === 'let' || r?.kind === 'group') found.push(r.decl.name.text);
        }
      }
      if (found.length > 0) uses.set(name, found);
    }
    // Depth first without recursion: a chain of thousands of groups must not overflow the stack.
    const state = new Map<string, 'open' | 'done'>();
    for (const root of uses.keys()) {
      if (state.has(root)) continue;
      const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
      state.set(root, 'open');
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const out = uses.get(top.name) ?? [];
        if (top.next >= out.length) {
          state.set(top.name, 'done');
          stack.pop();
          continue;
        }
        const next = out[top.next++]!;
        if (state.get(next) === 'open') {
          const path = stack.map((f) => f.name);
          const cycle = [...path.slice(path.indexOf(next)), next];
          const key = cycleKey(cycle);
          if (!this.reportedCycles.has(key)) {
            this.reportedCycles.add(key);
            const decl = this.names.get(next)!;
            this.report(M().cycle(decl.name.range, decl.kind === 'Let' ? 'let' : 'group', cycle));
          }
        } else if (!state.has(next)) {
          state.set(next, 'open');
          stack.push({ name: next, next: 0 });
        }
      }
    }
  }

  /**
   * A version (§13) that does not stand for its name in the maps: its body is checked like the
   * primary's, and its type must be the primary's. False for every other declaration.
   */
  checkOtherVersion(d: A.Declaration): boolean {
    if (d.kind === 'Record' || d.kind === 'Test' || d.kind === 'Program') return false;
    const name = d.name.text;
    const primary = this.names.get(name);
    if (primary === d || !primary || primary.kind !== d.kind || !this.versions.get(name)?.includes(d)) return false;
    let t: Type;
    let pt: Type;
    switch (d.kind) {
      case 'Let':
        pt = this.letType(primary as A.LetDeclaration);
        t = this.withCycleGuard('let', d.name, () => {
          if (expressionDepth(d.value) > MAX_EXPRESSION_DEPTH) {
            this.report(M().tooDeep(d.value.range, MAX_EXPRESSION_DEPTH));
            return ERROR;
          }
          return this.typeOf(d.value);
        });
        break;
      case 'Param': {
        pt = this.paramType(primary as A.ParamDeclaration);
        const lt = this.literalType(d.value);
        if (!lt && d.value.kind !== 'ErrorExpression') this.report(M().paramNotLiteral(d.value.range, name));
        t = lt ?? ERROR;
        break;
      }
      case 'Group':
        this.checkGroup(primary as A.GroupDeclaration);
        this.withCycleGuard('group', d.name, () => {
          this.condition(d.condition, { kind: 'group', name });
          return BOOLEAN;
        });
        return true;
      default:
        return A.assertNever(d);
    }
    if (!sameVersionType(t, pt, unitFamily)) this.report(versionTypeMismatch(d, primary as VersionedDeclaration, t, pt));
    return true;
  }

  /** Types an expression that must be a condition. */
  condition(e: A.Expression, context: ConditionContext): void {
    if (expressionDepth(e) > MAX_EXPRESSION_DEPTH) {
      this.report(M().tooDeep(e.range, MAX_EXPRESSION_DEPTH));
      return;
    }
    const t = this.typeOf(e);
    this.expectBoolean(e, t, context);
  }

  expectBoolean(e: A.Expression, t: Type, context: ConditionContext): void {
    if (t.kind === 'boolean' || t.kind === 'error') return;
    if (t.kind === 'enumValue') {
      this.reportUnknownName(e as A.Reference);
      return;
    }
    this.report(M().notBoolean(e.range, context, this.text(e), t));
  }

  checkGroup(g: A.GroupDeclaration): void {
    if (this.groupsChecked.has(g.name.text) || this.groups.get(g.name.text) !== g) return;
    this.withCycleGuard('group', g.name, () => {
      this.condition(g.condition, { kind: 'group', name: g.name.text });
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
        this.report(M().tooDeep(l.value.range, MAX_EXPRESSION_DEPTH));
        return ERROR;
      }
      return this.typeOf(l.value);
    });
    this.letTypes.set(name, t);
    return t;
  }

  withCycleGuard(kind: 'let' | 'group', name: A.Name, body: () => Type): Type {
    const at = this.inProgress.indexOf(name.text);
    if (at >= 0) {
      const path = [...this.inProgress.slice(at), name.text];
      const key = cycleKey(path);
      if (!this.reportedCycles.has(key)) {
        this.reportedCycles.add(key);
        const decl = this.names.get(name.text)!;
        this.report(M().cycle(decl.name.range, kind, path));
      }
      return ERROR;
    }
    this.inProgress.push(name.text);
    // A let or group is typed on its own, never in the scope of a `where` that uses it.
    const scope = this.scope;
    this.scope = undefined;
    try {
      return body();
    } finally {
      this.inProgress.pop();
      this.scope = scope;
    }
  }

  paramType(p: A.ParamDeclaration): Type {
    const name = p.name.text;
    const known = this.paramTypes.get(name);
    if (known) return known;
    const t = this.literalType(p.value);
    if (!t) {
      if (p.value.kind !== 'ErrorExpression') this.report(M().paramNotLiteral(p.value.range, name));
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
        this.expectBoolean(e.operand, t, { kind: 'not' });
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
        for (const side of [e.left, e.right]) this.expectBoolean(side, this.typeOf(side), { kind: 'side', op: e.op });
        return BOOLEAN;
      }
      case 'Between': {
        this.comparison(e, '>=', e.value, e.low);
        this.comparison(e, '<=', e.value, e.high, true);
        const [lo, hi] = [constantAmount(e.low), constantAmount(e.high)];
        if (lo && hi && lo.unit === hi.unit && lo.amount > hi.amount) this.report(M().emptyBetween(e.range, this.text(e.low), this.text(e.high)));
        return BOOLEAN;
      }
      case 'In':
        this.membership(e);
        return BOOLEAN;
      case 'Is': {
        // `forløb is missing`: a list field may be tested for presence (a missing list is unknown, §12).
        if (this.listFieldNamed(e.value)) {
          this.listOperand(e.value);
          return BOOLEAN;
        }
        const t = this.typeOf(e.value);
        if (t.kind === 'enumValue') this.reportUnknownName(e.value as A.Reference);
        return BOOLEAN;
      }
      case 'AtLeast': {
        const n = e.count.value;
        this.types.set(e.count.id, { kind: 'number', integer: true });
        if (!this.numberFits(e.count, n)) {
          // reported
        } else if (!Number.isInteger(n) || n < 0) this.report(M().invalidCount(e.count.range, this.text(e.count)));
        else if (n > e.items.length) this.report(M().atLeastImpossible(e.range, n, e.items.length));
        for (const item of e.items) this.expectBoolean(item, this.typeOf(item), { kind: 'atLeastItem' });
        return BOOLEAN;
      }
      case 'Where':
        // Only any, all, none, count and time_in filter a list; they check their argument themselves.
        this.report(M().whereMisplaced(e.keyword, this.text(e.list)));
        return ERROR;
      case 'Window':
        this.report(M().lastMisplaced(e.range, this.text(e)));
        return ERROR;
      case 'ErrorExpression':
        return ERROR;
      default:
        return A.assertNever(e);
    }
  }

  checkDate(e: A.DateLiteral): void {
    const why = dateProblemOf(e.value);
    // Of a personal date (a birth date in a test), not even the month is repeated.
    if (why) this.report(M().invalidDate(e.range, this.text(e), this.isPersonal(e) ? { kind: 'hidden' } : why));
  }

  /** Does the node stand on a personal value (personal.ts)? */
  isPersonal(node: { range: A.Range }): boolean {
    return this.personal.some((r) => overlaps(r, node.range.start.offset, node.range.end.offset));
  }

  reference(e: A.Reference): Type {
    const name = e.name;
    if (this.scope) {
      // Inside `L where c` (§12): the element's fields first.
      const element = RESERVED_NAMES.has(name) ? undefined : this.scope.fields.get(name);
      if (element) {
        this.resolutions.set(e.id, { kind: 'element', list: this.scope.list, decl: element });
        return this.scope.type.fields.get(name) ?? ERROR;
      }
    }
    const decl = RESERVED_NAMES.has(name) ? undefined : this.names.get(name);
    if (decl) this.used.add(name);
    const scope = this.scope;
    if (scope && decl && (decl.kind === 'Field' || decl.kind === 'Group')) {
      // Portability (§12): a where condition reads its element, params and constant lets only.
      this.resolutions.set(e.id, decl.kind === 'Field' ? { kind: 'field', decl } : { kind: 'group', decl });
      if (decl.kind === 'Group') this.checkGroup(decl);
      this.report(M().whereReadsRecord(e.range, name, decl.kind === 'Field' ? 'field' : 'group', scope.list.name.text, scope.fields.keys()));
      return ERROR;
    }
    switch (decl?.kind) {
      case 'Field': {
        this.resolutions.set(e.id, { kind: 'field', decl });
        const t = this.fieldTypes.get(name) ?? ERROR;
        if (t.kind === 'list') {
          this.report(M().listMisplaced(e.range, name));
          return ERROR;
        }
        return t;
      }
      case 'Let': {
        this.resolutions.set(e.id, { kind: 'let', decl });
        const t = this.letType(decl);
        if (scope && this.letReadsRecord(decl)) {
          this.report(M().whereReadsRecord(e.range, name, 'let', scope.list.name.text, scope.fields.keys()));
          return ERROR;
        }
        return t;
      }
      case 'Param':
        this.resolutions.set(e.id, { kind: 'param', decl });
        return this.paramType(decl);
      case 'Group':
        this.resolutions.set(e.id, { kind: 'group', decl });
        if (this.inProgress.includes(name)) return this.withCycleGuard('group', decl.name, () => BOOLEAN);
        this.checkGroup(decl);
        return BOOLEAN;
      case 'Program':
        // A program is no value, but its name may also be an enum value (`kind = jobklub` beside
        // `program jobklub`): it stands as that value, and is reported as a program if it is none.
        this.resolutions.set(e.id, { kind: 'enumValue', value: name });
        return { kind: 'enumValue', value: name };
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
    for (const t of this.fieldTypes.values()) {
      if (t.kind === 'enum' && t.values.includes(name)) return true;
      if (t.kind === 'list') for (const e of t.fields.values()) if (e.kind === 'enum' && e.values.includes(name)) return true;
    }
    return false;
  }

  reportUnknownName(e: A.Reference): void {
    this.resolutions.delete(e.id);
    this.types.set(e.id, ERROR);
    if (!RESERVED_NAMES.has(e.name) && this.names.get(e.name)?.kind === 'Program') {
      this.report(M().programInExpression(e.range, e.name));
      return;
    }
    const declared = [...this.names.entries()].filter(([, d]) => d.kind !== 'Record' && d.kind !== 'Program').map(([n]) => n);
    // Inside a where condition, the element's fields are what a misspelt name most likely meant.
    const candidates = this.scope ? [...this.scope.fields.keys(), ...declared.filter((n) => this.params.has(n) || this.lets.has(n))] : declared;
    this.report(this.scope ? M().unknownElementName(e.range, e.name, this.scope.list.name.text, candidates) : M().unknownName(e.range, e.name, candidates));
  }

  /** Does this let read a record field, directly or through lets and groups? (Not allowed in `where`, §12.) */
  letReadsRecord(l: A.LetDeclaration): boolean {
    const name = l.name.text;
    const known = this.readsRecordCache.get(name);
    if (known !== undefined) return known;
    this.readsRecordCache.set(name, false); // a cycle is reported elsewhere
    let reads = false;
    const stack: A.Expression[] = [l.value];
    while (stack.length > 0 && !reads) {
      const x = stack.pop()!;
      if (x.kind === 'Reference') {
        const r = this.resolutions.get(x.id);
        if (r?.kind === 'field' || r?.kind === 'group') reads = true;
        else if (r?.kind === 'let') reads = this.letReadsRecord(r.decl);
      }
      stack.push(...A.childExpressions(x));
    }
    this.readsRecordCache.set(name, reads);
    return reads;
  }

  call(e: A.Call): Type {
    const name = e.callee.text;
    switch (name) {
      case 'age_of':
      case 'time_since':
        this.dateArguments(e, 1);
        return CALENDAR;
      case 'time_between':
        this.dateArguments(e, 2);
        return CALENDAR;
      case 'any':
      case 'all':
      case 'none':
        this.listArguments(e);
        return BOOLEAN;
      case 'count':
        this.listArguments(e);
        return INTEGER;
      case 'time_in':
        this.listArguments(e);
        return DAYS;
      default:
        // Its arguments are typed for the language service, without errors of their own.
        for (const a of e.args) this.looseArgument(a);
        this.report(M().unknownFunction(e.callee.range, name, FUNCTIONS));
        return ERROR;
    }
  }

  /** An argument that is already wrong (an unknown function's, one too many): a list, where or window there is not reported again. */
  looseArgument(a: A.Expression): void {
    if (a.kind === 'Window') this.types.set(a.id, ERROR);
    else if (a.kind === 'Where') {
      if (this.listFieldNamed(a.list)) this.listOperand(a.list);
      else this.typeOf(a.list);
      this.types.set(a.id, ERROR);
    } else if (this.listFieldNamed(a)) this.listOperand(a);
    else this.typeOf(a);
  }

  /** An argument where none of the list forms is expected (they report themselves as misplaced). */
  argumentType(a: A.Expression): Type {
    return this.typeOf(a);
  }

  /** `age_of(d)`, `time_since(d)`: one date; `time_between(a, b)`: two (§4, §11). */
  dateArguments(e: A.Call, count: 1 | 2): void {
    const name = e.callee.text;
    const expects = { kind: 'dates', count } as const;
    const types = e.args.map((a) => this.argumentType(a));
    if (e.args.length !== count) {
      this.report(M().wrongArguments(e.range, name, expects, { kind: 'count', n: e.args.length }));
      return;
    }
    e.args.forEach((a, i) => {
      const t = types[i]!;
      if (t.kind === 'error' || t.kind === 'date') return;
      if (t.kind === 'enumValue') this.reportUnknownName(a as A.Reference);
      else this.report(M().wrongArguments(a.range, name, expects, { kind: 'value', text: this.text(a), type: t }));
    });
  }

  /**
   * `any/all/none/count(L)` and `(L where c)`; `time_in(L [where c], last N unit)` (§12). `L` is a
   * list field; time_in needs a list of periods.
   */
  listArguments(e: A.Call): void {
    const name = e.callee.text;
    const isTimeIn = name === 'time_in';
    const expects = isTimeIn ? ({ kind: 'periods' } as const) : ({ kind: 'list', fn: name } as const);
    const [first, second, ...rest] = e.args;
    const list = first ? this.listArgument(e, first) : undefined;
    if (isTimeIn && list && !list.type.period) this.report(M().notPeriods(first!.range, list.field.name.text));
    if (second) {
      if (isTimeIn && second.kind === 'Window') this.window(second);
      else if (!isTimeIn) this.looseArgument(second);
      else {
        const t = this.argumentType(second);
        if (t.kind !== 'error') this.report(M().wrongArguments(second.range, name, expects, { kind: 'notWindow', text: this.text(second) }));
      }
    }
    for (const a of rest) this.looseArgument(a);
    const wanted = isTimeIn ? 2 : 1;
    if (e.args.length !== wanted) {
      this.report(M().wrongArguments(e.range, name, expects, { kind: 'count', n: e.args.length }));
    }
  }

  /** The first argument of a list function: `L` or `L where c`. */
  listArgument(e: A.Call, a: A.Expression): { field: A.FieldDeclaration; type: ListType } | undefined {
    if (a.kind === 'Window') {
      this.report(M().lastMisplaced(a.range, this.text(a)));
      this.types.set(a.id, ERROR);
      return undefined;
    }
    if (a.kind !== 'Where') return this.listOperand(a, e.callee.text);
    const list = this.listOperand(a.list, e.callee.text);
    if (!list) {
      this.types.set(a.id, ERROR);
      return undefined;
    }
    const outer = this.scope;
    this.scope = { list: list.field, type: list.type, fields: this.elementFieldsOf(list.field) };
    try {
      if (expressionDepth(a.condition) > MAX_EXPRESSION_DEPTH) this.report(M().tooDeep(a.condition.range, MAX_EXPRESSION_DEPTH));
      else this.expectBoolean(a.condition, this.typeOf(a.condition), { kind: 'where' });
    } finally {
      this.scope = outer;
    }
    this.types.set(a.id, list.type);
    return list;
  }

  /** Is this a bare reference to a list field of the record (outside any where scope)? */
  listFieldNamed(e: A.Expression): A.FieldDeclaration | undefined {
    if (e.kind !== 'Reference' || this.scope || RESERVED_NAMES.has(e.name)) return undefined;
    const decl = this.names.get(e.name);
    return decl?.kind === 'Field' && decl.type.kind === 'ListType' ? decl : undefined;
  }

  /** A list field where a list belongs; anything else is reported (`not-a-list`). */
  listOperand(e: A.Expression, fn?: string): { field: A.FieldDeclaration; type: ListType } | undefined {
    const field = this.listFieldNamed(e);
    if (field) {
      const t = this.fieldTypes.get(field.name.text);
      this.used.add(field.name.text);
      this.resolutions.set(e.id, { kind: 'field', decl: field });
      this.types.set(e.id, t ?? ERROR);
      return t?.kind === 'list' ? { field, type: t } : undefined;
    }
    const t = this.typeOf(e);
    if (t.kind === 'enumValue') this.reportUnknownName(e as A.Reference);
    else if (t.kind !== 'error') this.report(M().notAList(e.range, fn ?? 'is', this.text(e), t));
    return undefined;
  }

  /** `last N unit`: the window (R − N unit, R]; N a whole number of at least 1. */
  window(w: A.Window): void {
    const n = w.length.amount;
    const t = this.typeOf(w.length);
    this.types.set(w.id, t);
    if (t.kind === 'error') return;
    if (!Number.isInteger(n) || n < 1) this.report(M().invalidWindow(w.length.range, this.text(w.length)));
  }

  reportNotNumber(e: A.Expression, op: string, t: Type): void {
    if (t.kind === 'enumValue') this.reportUnknownName(e as A.Reference);
    else if (t.kind === 'calendar') this.report(M().calendarArithmetic(e.range, this.text(e)));
    else if (t.kind === 'date') this.report(M().dateArithmetic(e.range, this.text(e)));
    else this.report(M().notNumber(e.range, op, this.text(e), t));
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
          this.report(M().unitMismatch(e.range, this.text(e.left), lu, this.text(e.right), ru));
          return ERROR;
        }
        return { kind: 'number', integer, unit: smallerUnit(lu, ru) };
      }
      const unit = lu ?? ru;
      return unit ? { kind: 'number', integer, unit } : { kind: 'number', integer };
    }
    if (e.op === '*') {
      if (lu && ru) {
        this.report(M().notNumber(e.right.range, '*', this.text(e.right), rt));
        return ERROR;
      }
      const unit = lu ?? ru;
      return unit ? { kind: 'number', integer, unit } : { kind: 'number', integer };
    }
    // '/'
    if (lu && ru) {
      if (unitFamily(lu) !== unitFamily(ru)) {
        this.report(M().unitMismatch(e.range, this.text(e.left), lu, this.text(e.right), ru));
        return ERROR;
      }
      return { kind: 'number', integer: false };
    }
    if (ru) {
      this.report(M().notNumber(e.right.range, '/', this.text(e.right), rt));
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
      if (ot.kind === 'number' && !ot.unit) this.report(M().calendarNeedsUnit(other.range, this.text(span), this.text(other)));
      else if (ot.kind === 'number' && ot.unit) {
        if (!this.isFixedDuration(other)) this.report(M().calendarNeedsConstant(other.range, this.text(span), this.text(other)));
      } else this.report(M().typeMismatch(node.range, this.text(left), lt, this.text(right), rt));
      return;
    }
    for (const p of this.paramsIn(left, new Set(this.paramsIn(right, new Set())))) this.paramsUsedAsNumbers.add(p);

    // Enum values meet their enum.
    if (lt.kind === 'enumValue' || rt.kind === 'enumValue') {
      const [valueSide, vt, enumSide, et] = lt.kind === 'enumValue' ? [left, lt, right, rt] : [right, rt, left, lt];
      if (vt.kind !== 'enumValue') return;
      if (et.kind === 'enum') {
        if (ordered) this.report(M().notOrdered(node.range, op, this.text(enumSide), et));
        else if (!et.values.includes(vt.value)) this.report(M().unknownEnumValue(valueSide.range, vt.value, this.text(enumSide), et.values));
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
              ? M().personalEnumValue(otherSide.range, this.text(enumSide))
              : M().unknownEnumValue(otherSide.range, otherSide.value, this.text(enumSide), et.values),
          );
        }
      } else if (!(ot.kind === 'enum' && sameValues(et.values, ot.values))) {
        this.report(M().typeMismatch(node.range, this.text(left), lt, this.text(right), rt));
        return;
      }
      if (ordered) this.report(M().notOrdered(node.range, op, this.text(enumSide), et));
      return;
    }
    if (lt.kind === 'number' && rt.kind === 'number') {
      if (lt.unit && rt.unit && unitFamily(lt.unit) !== unitFamily(rt.unit)) {
        const timeIn = [left, right].find((x) => x.kind === 'Call' && x.callee.text === 'time_in');
        if (timeIn) {
          const other = timeIn === left ? right : left;
          const ot = timeIn === left ? rt : lt;
          this.report(M().timeInUnit(node.range, this.text(timeIn), this.text(other), other.kind === 'Duration' && ot.kind === 'number' && ot.unit ? other.amount : undefined, ot.kind === 'number' ? ot.unit : undefined));
          return;
        }
        const amount = right.kind === 'Duration' && !this.isPersonal(right) ? right.amount : undefined;
        this.report(M().unitMismatch(node.range, this.text(left), lt.unit, this.text(right), rt.unit, amount, right.range));
      }
      return;
    }
    if (lt.kind !== rt.kind) {
      this.report(M().typeMismatch(node.range, this.text(left), lt, this.text(right), rt));
      return;
    }
    if (ordered && lt.kind !== 'date') this.report(M().notOrdered(node.range, op, this.text(left), lt));
  }

  membership(e: A.Membership): void {
    const vt = this.typeOf(e.value);
    for (const item of e.items) {
      const declared = item.kind === 'Reference' ? this.names.get(item.name) : undefined;
      const isLiteral = item.kind === 'Reference' ? !declared : this.literalType(item) !== undefined;
      if (!isLiteral) {
        this.typeOf(item);
        this.report(M().inItemNotLiteral(item.range, this.text(item)));
        continue;
      }
      if (vt.kind === 'calendar') {
        this.typeOf(item);
        this.report(M().typeMismatch(e.range, this.text(e.value), vt, this.text(item), { kind: 'number', integer: true }));
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
          this.report(M().givenUnknownField(entry.name.range, name, this.fields.keys()));
          continue;
        }
        if (seen.has(name)) this.report(M().givenDuplicate(entry.name.range, name));
        seen.add(name);
        this.checkGivenValue(field, entry.value);
      }
      for (const o of t.overrides) this.checkOverride(o.name.text, o.value, o.range);
      for (const x of t.expectations) {
        const name = x.target.text;
        const isProgram = this.programs.has(name);
        if (!isProgram && !this.groups.has(name)) {
          this.report(M().unknownTestTarget(x.target.range, name, [...this.groups.keys(), ...this.programs.keys()]));
          continue;
        }
        const programOutcome = x.expected === 'eligible' || x.expected === 'ineligible' || x.expected === 'undetermined';
        if (programOutcome !== isProgram) this.report(M().expectOutcomeMismatch(x.range, name, isProgram));
      }
    }
  }

  /**
   * A given value against its field: `path` names it in messages (`forløb[2].start` for an element
   * field, §12), `ft` is its type, `personal` whether its value is personal (the field, or the list
   * it is an element of).
   */
  checkGivenValue(
    field: A.FieldDeclaration,
    value: A.Expression | A.ListLiteral,
    path = field.name.text,
    ft = this.fieldTypes.get(field.name.text),
    personal = isPersonalField(field),
  ): void {
    if (!ft || ft.kind === 'error') return;
    if (ft.kind === 'list') return this.checkGivenList(field, value, ft, personal);
    if (value.kind === 'ListLiteral') {
      this.report(M().givenListForValue(value.range, path, ft));
      return;
    }
    // A given value is described, never quoted: the snippet under the message shows it (masked
    // when the field is personal, DOMAIN.md), and a message is often read far from the file.
    const literal = this.literalType(value);
    if (literal?.kind === 'error') return;
    const found: GivenFound = !literal
      ? value.kind === 'Reference'
        ? { kind: 'name' }
        : { kind: 'expression' }
      : literal.kind === 'number' && !literal.integer && !literal.unit && ft.kind === 'number' && ft.integer
        ? { kind: 'fraction' }
        : { kind: 'type', type: literal };
    const mismatch = () => this.report(M().givenMismatch(value.range, path, ft, found, personal));
    if (ft.kind === 'enum') {
      const v = value.kind === 'Reference' ? value.name : value.kind === 'Text' ? value.value : undefined;
      if (v === undefined) return mismatch();
      this.resolutions.set(value.id, { kind: 'enumValue', value: v });
      this.types.set(value.id, { kind: 'enumValue', value: v });
      if (!ft.values.includes(v))
        this.report(personal ? M().personalEnumValue(value.range, path, true) : M().unknownEnumValue(value.range, v, path, ft.values));
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
        this.report(M().givenMismatch(value.range, path, ft, { kind: 'outside' }, personal, { min: bounds.min.value, max: bounds.max.value }));
      }
      return;
    }
    if (vt.kind !== ft.kind) mismatch();
  }

  /** `forløb: [ { kind: jobklub, start: 2025-01-06, end: 2025-03-28 }, … ]` against the list's shape (§8, §12). */
  checkGivenList(list: A.FieldDeclaration, value: A.Expression | A.ListLiteral, ft: ListType, personal: boolean): void {
    const name = list.name.text;
    if (value.kind !== 'ListLiteral') {
      this.report(M().givenNotList(value.range, name));
      return;
    }
    const fields = this.elementFieldsOf(list);
    value.elements.forEach((element, i) => {
      const path = `${name}[${i + 1}]`;
      const given = new Map<string, A.GivenEntry>();
      for (const entry of element.entries) {
        const fieldName = entry.name.text;
        const decl = RESERVED_NAMES.has(fieldName) ? undefined : fields.get(fieldName);
        if (!decl) {
          this.report(M().givenUnknownElementField(entry.name.range, path, fieldName, name, fields.keys()));
          continue;
        }
        if (given.has(fieldName)) {
          this.report(M().givenDuplicate(entry.name.range, `${path}.${fieldName}`));
          continue;
        }
        given.set(fieldName, entry);
        this.checkGivenValue(decl, entry.value, `${path}.${fieldName}`, ft.fields.get(fieldName), personal || isPersonalField(decl));
      }
      const missing = [...fields.values()].filter((f) => !given.has(f.name.text) && !f.modifiers.some((m) => m.modifier === 'optional')).map((f) => f.name.text);
      if (missing.length > 0) this.report(M().givenMissingElementField(element.range, path, missing));
      if (ft.period) {
        const [start, end] = [given.get('start')?.value, given.get('end')?.value];
        if (start?.kind === 'Date' && end?.kind === 'Date' && !dateProblem(start.value) && !dateProblem(end.value) && end.value < start.value) {
          const withheld = personal || [fields.get('start'), fields.get('end')].some((f) => f !== undefined && isPersonalField(f));
          this.report(M().givenPeriodOrder(end.range, path, withheld));
        }
      }
    });
  }

  /**
   * A param override (`with` in a test, or options.params) must fit the param as if declared. Its
   * messages name the param and what was expected, never the value given (it may come from a
   * command line, where anything can be typed).
   */
  checkOverride(name: string, value: A.Expression, range: A.Range): A.Expression | undefined {
    const decl = this.params.get(name);
    if (!decl) {
      this.report(M().unknownParam(range, name, this.params.keys()));
      return undefined;
    }
    const declared = this.paramTypes.get(name);
    if (!declared || declared.kind === 'error') return undefined;
    const amount = literalNumber(value);
    if (Number.isNaN(amount) ? false : Math.abs(amount) > MAX_LITERAL) {
      this.report(M().invalidParamOverride(range, name, { kind: 'tooLarge', type: declared }));
      return undefined;
    }
    const vt = this.literalType(value);
    if (!vt) {
      this.report(M().invalidParamOverride(range, name, { kind: 'notLiteral', type: declared }));
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
      this.report(M().invalidParamOverride(range, name, { kind: 'mismatch', type: declared, declared: this.text(decl.value) }));
      return undefined;
    }
    return value;
  }

  checkUnused(): void {
    for (const [name, p] of this.params) if (!this.used.has(name)) this.report(M().unusedParam(p.name.range, name));
    for (const [name, l] of this.lets) if (!this.used.has(name)) this.report(M().unusedLet(l.name.range, name));
  }

  applyOverrides(overrides: Record<string, string>): void {
    const fileStart = this.file.range.start;
    const at: A.Range = { start: fileStart, end: fileStart };
    let nextId = 1_000_000;
    for (const [name, text] of Object.entries(overrides)) {
      if (!Object.prototype.hasOwnProperty.call(overrides, name)) continue;
      if (!looksLikeName(name)) {
        this.report(M().unknownParamNotAName(at));
        continue;
      }
      const parsed = parseExpression(text, nextId);
      nextId += 10_000;
      if (!parsed.expression) {
        const declared = this.paramTypes.get(name);
        if (!this.params.has(name)) this.report(M().unknownParam(at, name, this.params.keys()));
        else if (declared && declared.kind !== 'error') {
          const decl = this.params.get(name)!;
          this.report(M().invalidParamOverride(at, name, { kind: 'unparsed', type: declared, declared: this.text(decl.value) }));
        }
        continue;
      }
      const value = this.checkOverride(name, parsed.expression, at);
      if (value) this.paramValues.set(name, value);
    }
  }
}

/** Is `text` exactly one name token (so that a message may quote it)? */
/**
 * Whether an override's name has the shape of a name (§2). A keyword has it too (`er`, `og`):
 * no param can be called that, so it is reported as "no param named 'er'", which is true, rather
 * than as something that is not a name at all.
 */
function looksLikeName(text: string): boolean {
  // The Name token's pattern (syntax/tokens.ts), anchored.
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(text);
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
/** Why an ISO date literal is not a real calendar day, or undefined when it is one. */
function dateProblemOf(iso: string): DateProblem | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return { kind: 'format' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return { kind: 'month', month: mo };
  const dim = daysInMonth(y, mo);
  if (d < 1 || d > dim) return { kind: 'days', year: y, month: mo, days: dim };
  return undefined;
}

/** Why an ISO date literal is not a real calendar day, in words (of `lang`, else the language in use), or undefined when it is one. */
export function dateProblem(iso: string, lang?: Language): string | undefined {
  const p = dateProblemOf(iso);
  return p && M(lang).dateProblem(p);
}

/**
 * Parses and checks a Visit source. Never throws: every problem is a diagnostic. With
 * `options.params`, each override is checked as if it were written in the param's declaration.
 */
export function check(source: string, options: CheckOptions = {}): CheckedFile {
  return withLanguage(options.lang, () => checkIn(M().lang, source, options));
}

function checkIn(lang: Language, source: string, options: CheckOptions): CheckedFile {
  const parsed = parse(source);
  const c = new Checker(source, parsed.file);
  c.collect();
  c.checkDeclarations();
  c.checkVersionCycles();
  c.checkTests();
  c.checkUnused();
  if (options.params) c.applyOverrides(options.params);
  const personal = [...c.personal, ...maskSyntaxErrorsInGiven(source, parsed.diagnostics)].sort(
    (a, b) => a.start.offset - b.start.offset,
  );
  c.diagnostics.push(...versionProblems(c.versions), ...notInForceWarnings(c.versions, c.resolutions));
  const diagnostics = [...parsed.diagnostics, ...c.diagnostics].sort(compareDiagnostics);
  attachPersonal(source, diagnostics, personal);
  for (const d of diagnostics) d.message = maskCprNumbers(d.message);
  return {
    source,
    file: parsed.file,
    diagnostics,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
    lang,
    ...(c.record ? { record: c.record } : {}),
    fields: c.fields,
    lets: c.lets,
    params: c.params,
    groups: c.groups,
    programs: c.programs,
    tests: parsed.file.declarations.filter((d): d is A.TestDeclaration => d.kind === 'Test'),
    versions: c.versions,
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
    let depth = 0; // the `{ … }` of list elements (§12) inside the block
    for (let j = i + 1; j < tokens.length; j++) {
      const name = tokens[j]!.tokenType.name;
      if (name === 'LCurly') depth++;
      if (name === 'RCurly' && --depth <= 0) {
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

/** One key per cycle, whichever of its names it was found from. */
function cycleKey(path: readonly string[]): string {
  return [...new Set(path)].sort().join(',');
}

/** Every name written in an expression (without recursion: a deep expression must not overflow). */
function referencesIn(root: A.Expression): A.Reference[] {
  const found: A.Reference[] = [];
  const stack: A.Expression[] = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'Reference') found.push(e);
    else stack.push(...A.childExpressions(e));
  }
  return found;
}
