// CST → AST. Tolerates the partial trees that error recovery leaves: a missing piece becomes an
// ErrorExpression (or the node is left out), never an exception.
import { tokenMatcher, type CstNode, type IToken, type CstElement, type ILexingError, type IRecognitionException } from 'chevrotain';
import type * as A from '../ast';
import type { Diagnostic } from '../diagnostics';
import * as T from './tokens';
import { VisitLexer, englishSpelling } from './tokens';
import { parserInstance } from './parser';
import { catalogue, withLanguage, type Language } from '../check/language';

export interface ParseResult {
  file: A.VisitFile;
  diagnostics: Diagnostic[];
  /** Comment tokens, kept for the formatter. */
  comments: { text: string; range: A.Range }[];
}

/** Maps offsets to 1-based line/column. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && source.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }
  position(offset: number): A.Position {
    const o = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1, offset: o };
  }
  range(start: number, end: number): A.Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}

type Ctx = Record<string, CstElement[] | undefined>;

function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

function real(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

class Builder {
  private nextId: number;
  /**
   * The extent of a parenthesised expression with its brackets, by node. A node's own range never
   * includes the brackets around it (so a reference's range is just its name, for rename), but a
   * node built from operands spans its operands' brackets: `a or (b and c)` ends at `)`, and
   * `(a) and b` starts at `(`. Every range is therefore balanced, and its text parses on its own.
   */
  private readonly bracketed = new Map<A.Expression, A.Range>();
  /** Found while building (unknown escapes in text literals). */
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly lines: LineMap,
    firstId = 1,
  ) {
    this.nextId = firstId;
  }

  id(): number {
    return this.nextId++;
  }

  tokenRange(t: IToken): A.Range {
    return this.lines.range(t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  }

  /** Range covering the real tokens of a CST node (Chevrotain tracks it; recovered nodes may lack it). */
  cstRange(node: CstNode | undefined, fallback: A.Range): A.Range {
    const loc = node?.location;
    if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset)) {
      return this.lines.range(loc.startOffset, (loc.endOffset as number) + 1);
    }
    return fallback;
  }

  span(a: A.Range, b: A.Range): A.Range {
    return { start: a.start, end: b.end };
  }

  /** An operand's extent, with the brackets written around it. */
  outer(e: A.Expression): A.Range {
    return this.bracketed.get(e) ?? e.range;
  }

  /** The extent of a node made of two operands: from the first's (bracketed) start to the second's end. */
  between(left: A.Expression, right: A.Expression): A.Range {
    return { start: this.outer(left).start, end: this.outer(right).end };
  }

  emptyRange(): A.Range {
    const p = this.lines.position(this.lines.source.length);
    return { start: p, end: p };
  }

  // ---------------------------------------------------------------- helpers over ctx

  tok(ctx: Ctx, name: string, i = 0): IToken | undefined {
    const t = ctx[name]?.[i];
    return t && isToken(t) && real(t) ? t : undefined;
  }
  node(ctx: Ctx, name: string, i = 0): CstNode | undefined {
    const n = ctx[name]?.[i];
    return n && !isToken(n) ? n : undefined;
  }
  nodes(ctx: Ctx, name: string): CstNode[] {
    return (ctx[name] ?? []).filter((n): n is CstNode => !isToken(n));
  }
  /** All real tokens with any of the given names, in source order. (Hot: written as plain loops.) */
  tokens(ctx: Ctx, ...names: string[]): IToken[] {
    let out: IToken[] | undefined;
    let lists = 0;
    for (const n of names) {
      const list = ctx[n];
      if (!list) continue;
      lists++;
      for (const t of list) if (isToken(t) && real(t)) (out ??= []).push(t);
    }
    if (!out) return [];
    if (lists > 1) out.sort((a, b) => a.startOffset - b.startOffset);
    return out;
  }

  name(t: IToken): A.Name {
    return { kind: 'Name', id: this.id(), range: this.tokenRange(t), text: t.image };
  }
  text(t: IToken): A.TextLiteral {
    if (t.image.includes('\\')) {
      for (const at of unknownEscapes(t.image)) {
        this.diagnostics.push({
          code: 'unknown-escape',
          severity: 'error',
          message: unknownEscapeMessage(t.image, at),
          range: this.lines.range(t.startOffset + at, t.startOffset + at + 1 + (t.image.codePointAt(at + 1)! > 0xffff ? 2 : 1)),
        });
      }
    }
    return { kind: 'Text', id: this.id(), range: this.tokenRange(t), value: unescapeText(t.image) };
  }
  errorExpr(range: A.Range): A.ErrorExpression {
    return { kind: 'ErrorExpression', id: this.id(), range };
  }

  // ---------------------------------------------------------------- declarations

  file(cst: CstNode): A.VisitFile {
    const declarations: A.Declaration[] = [];
    for (const d of this.nodes(cst.children, 'declaration')) {
      const inner = Object.values(d.children)[0]?.[0];
      if (!inner || isToken(inner)) continue;
      const decl = this.declaration(inner);
      if (decl) declarations.push(decl);
    }
    return {
      kind: 'File',
      id: this.id(),
      range: this.lines.range(0, this.lines.source.length),
      declarations,
    };
  }

  declaration(n: CstNode): A.Declaration | undefined {
    const c = n.children;
    const range = this.cstRange(n, this.emptyRange());
    const nameTok = this.tok(c, 'Name');
    switch (n.name) {
      case 'recordDecl':
        if (!nameTok) return undefined;
        return {
          kind: 'Record',
          id: this.id(),
          range,
          name: this.name(nameTok),
          fields: this.nodes(c, 'fieldDecl').flatMap((f) => this.field(f) ?? []),
        };
      case 'letDecl':
        if (!nameTok) return undefined;
        return { kind: 'Let', id: this.id(), range, name: this.name(nameTok), ...this.validityOf(c), value: this.expressionOr(c, range) };
      case 'paramDecl': {
        if (!nameTok) return undefined;
        const label = this.tok(c, 'TextLiteral');
        return {
          kind: 'Param',
          id: this.id(),
          range,
          name: this.name(nameTok),
          value: this.expressionOr(c, range),
          ...(label ? { label: this.text(label) } : {}),
          ...this.validityOf(c),
        };
      }
      case 'groupDecl': {
        if (!nameTok) return undefined;
        const label = this.tok(c, 'TextLiteral');
        return {
          kind: 'Group',
          id: this.id(),
          range,
          name: this.name(nameTok),
          ...(label ? { label: this.text(label) } : {}),
          ...this.validityOf(c),
          condition: this.expressionOr(c, range),
        };
      }
      case 'programDecl': {
        if (!nameTok) return undefined;
        const label = this.tok(c, 'TextLiteral');
        return {
          kind: 'Program',
          id: this.id(),
          range,
          name: this.name(nameTok),
          ...(label ? { label: this.text(label) } : {}),
          ...this.validityOf(c),
          lines: this.nodes(c, 'requirement').map((r) => this.requirement(r)),
        };
      }
      case 'testDecl':
        return this.test(n, range);
      default:
        return undefined;
    }
  }

  /** `from D` / `until D` (§13): at most one of each, `from` first. */
  validityOf(ctx: Ctx): { validity?: A.Validity } {
    const v = this.node(ctx, 'validity');
    if (!v) return {};
    const words = this.tokens(v.children, 'Name');
    const dates = this.tokens(v.children, 'DateLiteral');
    const validity: A.Validity = { kind: 'Validity', id: this.id(), range: this.cstRange(v, this.emptyRange()) };
    words.forEach((word, i) => {
      const d = dates[i];
      if (!d) return;
      const date: A.DateLiteral = { kind: 'Date', id: this.id(), range: this.tokenRange(d), value: d.image };
      const which = word.image === 'from' ? 'from' : 'until';
      if (validity[which] !== undefined || (which === 'from' && validity.until !== undefined)) {
        this.diagnostics.push({
          code: 'syntax-error',
          severity: 'error',
          message: validity[which] !== undefined ? catalogue().syntax.validityTwice(which) : catalogue().syntax.validityOrder,
          range: this.span(this.tokenRange(word), date.range),
        });
        return;
      }
      validity[which] = date;
    });
    return { validity };
  }

  field(n: CstNode): A.FieldDeclaration | undefined {
    const c = n.children;
    const nameTok = this.tok(c, 'Name');
    const typeCst = this.node(c, 'typeSpec');
    if (!nameTok || !typeCst) return undefined;
    const type = this.typeSpec(typeCst);
    if (!type) return undefined;
    const label = this.tok(c, 'TextLiteral');
    return {
      kind: 'Field',
      id: this.id(),
      range: this.cstRange(n, this.tokenRange(nameTok)),
      name: this.name(nameTok),
      type,
      modifiers: this.nodes(c, 'modifier').flatMap((m) => {
        const t = this.tokens(m.children, 'Optional', 'Key', 'Personal')[0];
        return t
          ? [{ kind: 'Modifier' as const, id: this.id(), range: this.tokenRange(t), modifier: t.image as A.Modifier }]
          : [];
      }),
      ...(label ? { label: this.text(label) } : {}),
    };
  }

  typeSpec(n: CstNode): A.TypeNode | undefined {
    const c = n.children;
    const range = this.cstRange(n, this.emptyRange());
    if (c.LCurly) {
      return { kind: 'ListType', id: this.id(), range, fields: this.nodes(c, 'fieldDecl').flatMap((f) => this.field(f) ?? []) };
    }
    if (c.One) {
      return {
        kind: 'EnumType',
        id: this.id(),
        range,
        values: this.tokens(c, 'Name').map((t) => this.name(t)),
      };
    }
    const base = this.tokens(c, 'TextType', 'BooleanType', 'DateType', 'NumberType', 'IntegerType')[0];
    if (!base) return undefined;
    const node: A.PrimitiveTypeNode = { kind: 'PrimitiveType', id: this.id(), range, name: base.image as A.BaseTypeName };
    const bounds = this.node(c, 'bounds');
    if (bounds) {
      const [lo, hi] = this.nodes(bounds.children, 'signedNumber').map((s) => this.signedNumber(s));
      if (lo && hi) node.bounds = { min: lo, max: hi };
    }
    const unitTok = this.tokens(c, 'UnitWord')[0];
    if (unitTok) node.unit = { unit: normaliseUnit(unitTok.image), range: this.tokenRange(unitTok) };
    return node;
  }

  signedNumber(n: CstNode): A.NumberLiteral | undefined {
    const num = this.tok(n.children, 'NumberLiteral');
    if (!num) return undefined;
    const minus = this.tok(n.children, 'Minus');
    const value = Number(num.image);
    return {
      kind: 'Number',
      id: this.id(),
      range: this.cstRange(n, this.tokenRange(num)),
      value: minus ? -value : value,
    };
  }

  requirement(n: CstNode): A.RequirementLine {
    const c = n.children;
    const range = this.cstRange(n, this.emptyRange());
    const label = this.tok(c, 'TextLiteral');
    return {
      kind: 'Requirement',
      id: this.id(),
      range,
      mode: this.tok(c, 'Exclude') ? 'exclude' : 'require',
      condition: this.expressionOr(c, range),
      ...(label ? { label: this.text(label) } : {}),
    };
  }

  test(n: CstNode, range: A.Range): A.TestDeclaration | undefined {
    const c = n.children;
    const title = this.tok(c, 'TextLiteral');
    if (!title) return undefined;
    const decl: A.TestDeclaration = {
      kind: 'Test',
      id: this.id(),
      range,
      title: this.text(title),
      overrides: [],
      expectations: [],
    };
    for (const item of this.nodes(c, 'testItem')) {
      const inner = Object.values(item.children)[0]?.[0];
      if (!inner || isToken(inner)) continue;
      const ic = inner.children;
      switch (inner.name) {
        case 'asOf': {
          const d = this.tok(ic, 'DateLiteral');
          if (d) decl.asOf = { kind: 'Date', id: this.id(), range: this.tokenRange(d), value: d.image };
          break;
        }
        case 'given': {
          const entries = this.givenEntries(ic);
          decl.given = { range: this.cstRange(inner, range), entries: [...(decl.given?.entries ?? []), ...entries] };
          break;
        }
        case 'withOverride': {
          const names = this.tokens(ic, 'Name');
          const values = this.nodes(ic, 'expression');
          names.forEach((nameTok, i) => {
            const v = values[i];
            const r = v ? this.span(this.tokenRange(nameTok), this.cstRange(v, this.tokenRange(nameTok))) : this.tokenRange(nameTok);
            decl.overrides.push({
              kind: 'With',
              id: this.id(),
              range: r,
              name: this.name(nameTok),
              value: v ? this.expression(v) : this.errorExpr(r),
            });
          });
          break;
        }
        case 'expectation': {
          const nameTok = this.tok(ic, 'Name');
          if (!nameTok) break;
          const outcome = this.tokens(ic, 'Unknown', 'Eligible', 'Ineligible', 'Undetermined', 'True', 'False')[0];
          let expected: A.ExpectedOutcome = outcome ? (englishSpelling(outcome.image) as A.ExpectedOutcome) : 'true';
          if (this.tok(ic, 'Not')) expected = expected === 'false' ? 'true' : expected === 'true' ? 'false' : expected;
          decl.expectations.push({
            kind: 'Expect',
            id: this.id(),
            range: this.cstRange(inner, this.tokenRange(nameTok)),
            target: this.name(nameTok),
            expected,
          });
          break;
        }
      }
    }
    return decl;
  }

  /** The `name: value` entries of a given block or of a list element. */
  givenEntries(ctx: Ctx): A.GivenEntry[] {
    return this.nodes(ctx, 'givenEntry').flatMap((e) => {
      const nameTok = this.tok(e.children, 'Name');
      if (!nameTok) return [];
      const r = this.cstRange(e, this.tokenRange(nameTok));
      const list = this.node(e.children, 'givenList');
      const value = list ? this.givenList(list, r) : this.expressionOr(e.children, r);
      return [{ kind: 'GivenEntry' as const, id: this.id(), range: r, name: this.name(nameTok), value }];
    });
  }

  givenList(n: CstNode, fallback: A.Range): A.ListLiteral {
    const elements = this.nodes(n.children, 'givenElement').map(
      (el): A.ElementLiteral => ({ kind: 'ElementLiteral', id: this.id(), range: this.cstRange(el, fallback), entries: this.givenEntries(el.children) }),
    );
    return { kind: 'ListLiteral', id: this.id(), range: this.cstRange(n, fallback), elements };
  }

  // ---------------------------------------------------------------- expressions

  expressionOr(ctx: Ctx, fallback: A.Range): A.Expression {
    const e = this.node(ctx, 'expression');
    return e ? this.expression(e) : this.errorExpr(fallback);
  }

  logical(op: 'and' | 'or', left: A.Expression, right: A.Expression): A.Expression {
    return { kind: 'Logical', id: this.id(), range: this.between(left, right), op, left, right };
  }

  /** operand ((and|or) operand)*: `and` binds tighter than `or`; both associate to the left. */
  expression(n: CstNode): A.Expression {
    const c = n.children;
    const operands = this.nodes(c, 'logicalOperand').map((o) => this.logicalOperand(o));
    if (operands.length === 0) return this.errorExpr(this.cstRange(n, this.emptyRange()));
    const ops = this.tokens(c, 'Or', 'OrOr', 'And', 'AndAnd');
    let or: A.Expression | undefined;
    let and: A.Expression = operands[0]!;
    for (let i = 1; i < operands.length; i++) {
      const op = ops[i - 1];
      if (!op) break;
      if (tokenMatcher(op, T.And) || op.tokenType === T.AndAnd) {
        and = this.logical('and', and, operands[i]!);
      } else {
        or = or ? this.logical('or', or, and) : and;
        and = operands[i]!;
      }
    }
    return or ? this.logical('or', or, and) : and;
  }

  /** (not)* arithmetic suffix? — `not` is looser than the comparison it prefixes. */
  logicalOperand(n: CstNode): A.Expression {
    const c = n.children;
    const range = this.cstRange(n, this.emptyRange());
    const parts = this.nodes(c, 'arithmetic').map((a) => this.arithmetic(a));
    const value = parts[0] ?? this.errorExpr(range);
    const nots = this.tokens(c, 'Not', 'Bang');
    const inNegated = c.In ? nots.find((t) => t.startOffset > value.range.start.offset) : undefined;
    const prefixes = nots.filter((t) => t !== inNegated);
    let result: A.Expression = value;
    const suffixRange = prefixes.length > 0 ? this.lines.range(this.outer(value).start.offset, range.end.offset) : range;
    const opNode = this.node(c, 'comparisonOperator');
    if (opNode) {
      const opTok = this.tokens(opNode.children, 'Equal', 'EqualEqual', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Less', 'Greater')[0];
      const op: A.ComparisonOperator = !opTok ? '=' : opTok.image === '==' ? '=' : (opTok.image as A.ComparisonOperator);
      result = { kind: 'Comparison', id: this.id(), range: suffixRange, op, left: value, right: parts[1] ?? this.errorExpr(range) };
    } else if (c.Between) {
      result = { kind: 'Between', id: this.id(), range: suffixRange, value, low: parts[1] ?? this.errorExpr(range), high: parts[2] ?? this.errorExpr(range) };
    } else if (c.In) {
      result = {
        kind: 'In',
        id: this.id(),
        range: suffixRange,
        value,
        negated: inNegated !== undefined,
        items: this.nodes(c, 'expression').map((e) => this.expression(e)),
      };
    } else if (c.Is || c.Er || c.Mangler) {
      const test = this.tok(c, 'Missing') || this.tok(c, 'Mangler') ? 'missing' : 'known';
      result = { kind: 'Is', id: this.id(), range: suffixRange, value, test };
    }
    for (let i = prefixes.length - 1; i >= 0; i--) {
      result = { kind: 'Not', id: this.id(), range: this.lines.range(prefixes[i]!.startOffset, range.end.offset), operand: result };
    }
    return result;
  }

  /** -* primary (op -* primary)*: `* /` bind tighter than `+ -`; a `-` before an operand negates it. */
  arithmetic(n: CstNode): A.Expression {
    const c = n.children;
    const primaries = this.nodes(c, 'primary');
    if (primaries.length === 0) return this.errorExpr(this.cstRange(n, this.emptyRange()));
    // Walk operators and operands in source order; a '-' where an operand is expected is unary.
    type Item = { token: IToken } | { operand: CstNode; start: number };
    const items: Item[] = [
      ...this.tokens(c, 'Plus', 'Minus', 'Star', 'Slash').map((token) => ({ token })),
      ...primaries.map((operand) => ({ operand, start: operand.location?.startOffset ?? NaN })),
    ];
    const at = (x: Item) => ('token' in x ? x.token.startOffset : x.start);
    if (items.some((x) => !Number.isFinite(at(x)))) return this.primary(primaries[0]!);
    items.sort((a, b) => at(a) - at(b));
    const terms: A.Expression[] = [];
    const termOps: IToken[] = [];
    let pendingOp: IToken | undefined;
    let negations: IToken[] = [];
    let term: A.Expression | undefined;
    for (const item of items) {
      if ('token' in item) {
        const expectingOperand = term === undefined || pendingOp !== undefined;
        if (expectingOperand && item.token.image === '-') negations.push(item.token);
        else pendingOp = item.token;
        continue;
      }
      let operand = this.primary(item.operand);
      for (let i = negations.length - 1; i >= 0; i--) {
        operand = { kind: 'Negate', id: this.id(), range: this.lines.range(negations[i]!.startOffset, this.outer(operand).end.offset), operand };
      }
      negations = [];
      if (term === undefined) term = operand;
      else if (pendingOp && (pendingOp.image === '*' || pendingOp.image === '/')) {
        term = { kind: 'Arithmetic', id: this.id(), range: this.between(term, operand), op: pendingOp.image as A.ArithmeticOperator, left: term, right: operand };
      } else {
        terms.push(term);
        if (pendingOp) termOps.push(pendingOp);
        term = operand;
      }
      pendingOp = undefined;
    }
    terms.push(term!);
    let acc = terms[0]!;
    for (let i = 1; i < terms.length; i++) {
      const right = terms[i]!;
      acc = { kind: 'Arithmetic', id: this.id(), range: this.between(acc, right), op: termOps[i - 1]!.image as A.ArithmeticOperator, left: acc, right };
    }
    return acc;
  }

  primary(n: CstNode): A.Expression {
    const c = n.children;
    const range = this.cstRange(n, this.emptyRange());
    if (c.At || c.Mindst) {
      const countTok = this.tok(c, 'NumberLiteral');
      return {
        kind: 'AtLeast',
        id: this.id(),
        range,
        count: countTok
          ? { kind: 'Number', id: this.id(), range: this.tokenRange(countTok), value: Number(countTok.image) }
          : { kind: 'Number', id: this.id(), range, value: NaN },
        items: this.nodes(c, 'expression').map((e) => this.expression(e)),
      };
    }
    const num = this.tok(c, 'NumberLiteral');
    if (num) {
      const unitTok = this.tokens(c, 'UnitWord')[0];
      if (unitTok) return { kind: 'Duration', id: this.id(), range, amount: Number(num.image), unit: normaliseUnit(unitTok.image) };
      return { kind: 'Number', id: this.id(), range, value: Number(num.image) };
    }
    const date = this.tok(c, 'DateLiteral');
    if (date) return { kind: 'Date', id: this.id(), range, value: date.image };
    const text = this.tok(c, 'TextLiteral');
    if (text) return this.text(text);
    if (this.tok(c, 'True')) return { kind: 'Boolean', id: this.id(), range, value: true };
    if (this.tok(c, 'False')) return { kind: 'Boolean', id: this.id(), range, value: false };
    const nameTok = this.tok(c, 'Name');
    if (nameTok) {
      if (c.LParen) {
        return {
          kind: 'Call',
          id: this.id(),
          range,
          callee: this.name(nameTok),
          args: this.nodes(c, 'callArgument').map((a) => this.callArgument(a)),
        };
      }
      return { kind: 'Reference', id: this.id(), range, name: nameTok.image };
    }
    const inner = this.node(c, 'expression');
    if (!inner) return this.errorExpr(range);
    const e = this.expression(inner);
    // `( … )`: the node keeps its own range; its bracketed extent is what operands around it span.
    if (c.LParen && this.tok(c, 'RParen')) this.bracketed.set(e, range);
    return e;
  }

  /** An expression, `L where c`, or `last N unit` (§12). */
  callArgument(n: CstNode): A.Expression {
    const c = n.children;
    const range = this.cstRange(n, this.emptyRange());
    const expressions = this.nodes(c, 'expression');
    if (expressions.length === 0) {
      const num = this.tok(c, 'NumberLiteral');
      const unitTok = this.tokens(c, 'UnitWord')[0];
      if (!num || !unitTok) return this.errorExpr(range);
      const length: A.DurationLiteral = {
        kind: 'Duration',
        id: this.id(),
        range: this.lines.range(num.startOffset, (unitTok.endOffset ?? unitTok.startOffset) + 1),
        amount: Number(num.image),
        unit: normaliseUnit(unitTok.image),
      };
      return { kind: 'Window', id: this.id(), range, length };
    }
    const list = this.expression(expressions[0]!);
    const where = this.tok(c, 'Name');
    if (!where) return list;
    return {
      kind: 'Where',
      id: this.id(),
      range,
      list,
      condition: expressions[1] ? this.expression(expressions[1]) : this.errorExpr(range),
      keyword: this.tokenRange(where),
    };
  }
}

export function normaliseUnit(spelling: string): A.Unit {
  const word = englishSpelling(spelling);
  if (word.startsWith('day')) return 'days';
  if (word.startsWith('week')) return 'weeks';
  if (word.startsWith('month')) return 'months';
  return 'years';
}

/**
 * Offsets (in a text literal's image, quotes included) of the backslashes that start an escape
 * other than `\"` and `\\`, the only two of §2: `"\n"` is not a line break, and reading it as `n`
 * (as the lexer's `\\.` would) silently changes the text.
 */
export function unknownEscapes(image: string): number[] {
  const out: number[] = [];
  for (let i = image.indexOf('\\'); i >= 0 && i < image.length - 1; i = image.indexOf('\\', i + 2)) {
    const next = image[i + 1];
    if (next !== '"' && next !== '\\') out.push(i);
  }
  return out;
}

/** `unknown escape '\n' in text: only \" and \\ are escapes`; a character that does not print is named by its code point. */
function unknownEscapeMessage(image: string, at: number): string {
  const cp = image.codePointAt(at + 1)!;
  const printable = cp > 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0) && !/\s/u.test(String.fromCodePoint(cp));
  return catalogue().syntax.unknownEscape(printable ? { char: String.fromCodePoint(cp) } : { codePoint: cp.toString(16).toUpperCase().padStart(4, '0') });
}

export function unescapeText(image: string): string {
  const body = image.slice(1, -1);
  return body.includes('\\') ? body.replace(/\\(.)/g, (_m, ch: string) => ch) : body;
}

function lexDiagnostic(e: ILexingError, lines: LineMap, source: string): Diagnostic {
  const ch = source.charAt(e.offset);
  let code = 'unexpected-character';
  let message = catalogue().syntax.unexpectedCharacter(ch);
  let length = e.length;
  if (ch === '"') {
    code = 'unterminated-text';
    const lineEnd = source.slice(e.offset).search(/[\r\n]/);
    length = lineEnd < 0 ? source.length - e.offset : lineEnd;
    message = catalogue().syntax.unterminatedText;
  }
  return { code, severity: 'error', message, range: lines.range(e.offset, e.offset + Math.max(1, length)) };
}

function parseDiagnostic(e: IRecognitionException, lines: LineMap, lastOffset: number): Diagnostic {
  const t = e.token;
  const range = real(t)
    ? lines.range(t.startOffset, (t.endOffset ?? t.startOffset) + 1)
    : lines.range(lastOffset, lastOffset);
  return { code: 'syntax-error', severity: 'error', message: e.message, range };
}

/** Deeper nesting than any policy needs; refused before the recursive-descent parser could overflow the stack. */
export const MAX_NESTING = 100;

function nestingLimitExceeded(tokens: IToken[]): IToken | undefined {
  let depth = 0;
  let prefixRun = 0;
  for (const t of tokens) {
    const name = t.tokenType.name;
    if (name === 'LParen') depth++;
    else if (name === 'RParen') depth = Math.max(0, depth - 1);
    if (name === 'Not' || name === 'Ikke' || name === 'Bang' || name === 'Minus' || name === 'LParen') prefixRun++;
    else prefixRun = 0;
    if (depth > MAX_NESTING || prefixRun > MAX_NESTING) return t;
  }
  return undefined;
}

const declarationStarts = new Set(['Record', 'Let', 'Param', 'Group', 'Program', 'Test']);

/** Parses a Visit source. Never throws: syntax errors come back as diagnostics with a partial AST. */
export function parse(source: string, options: { lang?: Language } = {}): ParseResult {
  return withLanguage(options.lang, () => parseIn(source));
}

function parseIn(source: string): ParseResult {
  const lines = new LineMap(source);
  const lexed = VisitLexer.tokenize(source);
  const tokens = lexed.tokens;
  const lastTok = tokens[tokens.length - 1];
  const lastOffset = lastTok ? (lastTok.endOffset ?? lastTok.startOffset) + 1 : source.length;
  const diagnostics: Diagnostic[] = lexed.errors.map((e) => lexDiagnostic(e, lines, source));
  const builder = new Builder(lines);
  const declarations: A.Declaration[] = [];
  const tooDeep = nestingLimitExceeded(tokens);
  if (tooDeep) {
    diagnostics.push({
      code: 'too-deep',
      severity: 'error',
      message: catalogue().syntax.tooDeep(MAX_NESTING),
      range: builder.tokenRange(tooDeep),
    });
    const file: A.VisitFile = { kind: 'File', id: builder.id(), range: lines.range(0, source.length), declarations };
    return { file, diagnostics, comments: [] };
  }
  // The six declaration keywords can only ever start a declaration, so the file is parsed one
  // declaration at a time: a mistake stays inside its declaration, and each CST is converted and
  // dropped at once (a whole-file CST outlives the young generation and makes parsing GC-bound).
  // An error at the end of a slice is reported at the token that really follows it (the next
  // declaration's keyword), not at "the end of the file".
  const starts: number[] = [];
  tokens.forEach((t, i) => {
    if (declarationStarts.has(t.tokenType.name)) starts.push(i);
  });
  if (tokens.length > 0 && starts[0] !== 0) {
    const stray = tokens[0]!;
    diagnostics.push({
      code: 'syntax-error',
      severity: 'error',
      message: catalogue().syntax.expected(catalogue().syntax.declaration, { image: stray.image }, ''),
      range: builder.tokenRange(stray),
    });
  }
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const to = starts[i + 1] ?? tokens.length;
    const next = tokens[to];
    parserInstance.input = tokens.slice(from, to);
    const cst = parserInstance.declaration();
    for (const e of parserInstance.errors) {
      const d = parseDiagnostic(e, lines, lastOffset);
      if (next && !real(e.token)) {
        const eof = catalogue().syntax.endOfFile;
        if (d.message.endsWith(eof)) d.message = `${d.message.slice(0, -eof.length)}'${next.image}'`;
        d.range = builder.tokenRange(next);
      }
      diagnostics.push(d);
    }
    const inner = cst ? Object.values(cst.children)[0]?.[0] : undefined;
    const decl = inner && !isToken(inner) ? builder.declaration(inner) : undefined;
    if (decl) declarations.push(decl);
  }
  const file: A.VisitFile = { kind: 'File', id: builder.id(), range: lines.range(0, source.length), declarations };
  const comments = (lexed.groups.comments ?? []).map((t) => ({ text: t.image, range: builder.tokenRange(t) }));
  for (const t of lexed.groups.comments ?? []) {
    if (t.tokenType.name !== 'UnterminatedComment') continue;
    diagnostics.push({
      code: 'unterminated-comment',
      severity: 'error',
      message: catalogue().syntax.unterminatedComment,
      range: lines.range(t.startOffset, t.startOffset + 2),
    });
  }
  diagnostics.push(...builder.diagnostics);
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { file, diagnostics, comments };
}

/**
 * Parses a lone expression (a `--param` value, a completion context). Node ids start at `firstId`
 * so that they cannot collide with a file's. Returns undefined when the text is not one expression.
 */
export function parseExpression(text: string, firstId = 1_000_000): { expression?: A.Expression; errors: string[] } {
  const lines = new LineMap(text);
  const lexed = VisitLexer.tokenize(text);
  parserInstance.input = lexed.tokens;
  const cst = parserInstance.expression();
  const errors = [...lexed.errors.map((e) => lexDiagnostic(e, lines, text).message), ...parserInstance.errors.map((e) => e.message)];
  if (errors.length > 0 || !cst) return { errors };
  const builder = new Builder(lines, firstId);
  const expression = builder.expression(cst);
  if (builder.diagnostics.length > 0) return { errors: builder.diagnostics.map((d) => d.message) };
  return { expression, errors };
}
