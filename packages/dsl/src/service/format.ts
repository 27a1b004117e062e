// The formatter: one canonical layout for a Visit file. It prints the AST (so the layout never
// depends on how the file was written), keeps every comment, and is idempotent. Canonical:
// two-space indentation, aligned columns in records, runs of lets and params, and program lines;
// the words `and`, `or`, `not`, `=` for `&&`, `||`, `!`, `==`; exactly the parentheses that
// precedence needs; a blank line between declarations (none inside a run of lets or params).
//
// Comments are tied to source tokens: a comment with code before it on its line stays at the end
// of the line of the token it follows; any other comment goes on a line of its own before the
// token that follows it (keeping one blank line after it if the source had one).
import type { IToken } from 'chevrotain';
import * as A from '../ast';
import { parse } from '../syntax/to-ast';
import { VisitLexer } from '../syntax/tokens';
import {
  align,
  breakParent,
  fill,
  flatWidth,
  freshline,
  group,
  hardline,
  indent,
  join,
  line,
  lineSuffix,
  printDoc,
  softline,
  type Doc,
} from './doc';

export const FORMAT_WIDTH = 100;

/** Labels further right than this are not aligned (one long line would push them all out). */
const MAX_ALIGN_COLUMN = 40;
const MAX_REQUIREMENT_ALIGN = 64;

export type FormatResult = { ok: true; text: string } | { ok: false; reason: string };

/** Formats a Visit source. Refuses (and says why) when the file has syntax errors. */
export function formatSource(source: string): FormatResult {
  const parsed = parse(source);
  const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
  if (syntax) {
    return { ok: false, reason: `line ${syntax.range.start.line}: ${syntax.message} (fix the syntax errors first)` };
  }
  const lexed = VisitLexer.tokenize(source);
  const f = new Formatter(source, lexed.tokens, lexed.groups.comments ?? []);
  return { ok: true, text: printDoc(f.file(parsed.file), FORMAT_WIDTH) };
}

/** The formatted text, or the source unchanged when it cannot be formatted. */
export function format(source: string): string {
  const r = formatSource(source);
  return r.ok ? r.text : source;
}

/** An expression in canonical form on one line (for hovers, outlines and explanations). */
export function printExpression(source: string, e: A.Expression): string {
  return new Formatter(source, [], []).flat(e);
}

interface PendingComment {
  text: string;
  start: number;
  /** Start offset of the last code token before it, or -1. */
  after: number;
  /** Code precedes it on its line: it stays at the end of that line. */
  trailing: boolean;
  /** A blank line follows it in the source (and more code follows). */
  blankAfter: boolean;
}

type Precedence = number;
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const ADD = 5;
const MUL = 6;
const UNARY = 7;
const PRIMARY = 8;

function precedence(e: A.Expression): Precedence {
  switch (e.kind) {
    case 'Logical':
      return e.op === 'or' ? OR : AND;
    case 'Not':
      return NOT;
    case 'Comparison':
    case 'Between':
    case 'In':
    case 'Is':
      return COMPARE;
    case 'Arithmetic':
      return e.op === '+' || e.op === '-' ? ADD : MUL;
    case 'Negate':
      return UNARY;
    case 'Number':
    case 'Duration':
    case 'Date':
    case 'Text':
    case 'Boolean':
    case 'Reference':
    case 'Call':
    case 'AtLeast':
    case 'ErrorExpression':
      return PRIMARY;
    default:
      return A.assertNever(e);
  }
}

class Formatter {
  private readonly comments: PendingComment[];
  private next = 0;
  /** While measuring, tokens do not take comments from the queue. */
  private quiet = false;

  constructor(
    private readonly source: string,
    private readonly tokens: IToken[],
    comments: IToken[],
  ) {
    this.comments = comments.map((c) => this.pending(c));
  }

  private pending(c: IToken): PendingComment {
    const start = c.startOffset;
    const end = (c.endOffset ?? start) + 1;
    const before = this.tokenBefore(start);
    const lineStart = Math.max(this.source.lastIndexOf('\n', start - 1), this.source.lastIndexOf('\r', start - 1)) + 1;
    const trailing = before !== undefined && (before.endOffset ?? before.startOffset) >= lineStart;
    const following = this.tokenAtOrAfter(end);
    let blankAfter = false;
    if (following && following.image !== '}') {
      // Up to the next comment or token: two line breaks make a blank line.
      const nextComment = this.source.indexOf('/', end);
      const stop = nextComment >= 0 && nextComment < following.startOffset ? nextComment : following.startOffset;
      blankAfter = /\n[ \t\f\v\u00a0\ufeff]*\r?\n|\r[ \t]*\r/.test(this.source.slice(end, stop));
    }
    return { text: c.image, start, after: before?.startOffset ?? -1, trailing, blankAfter };
  }

  // ------------------------------------------------------------------ tokens

  /** Index of the first token starting at or after `offset`. */
  private indexAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.startOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  private tokenAtOrAfter(offset: number): IToken | undefined {
    return this.tokens[this.indexAt(offset)];
  }
  private tokenBefore(offset: number): IToken | undefined {
    const i = this.indexAt(offset);
    return i > 0 ? this.tokens[i - 1] : undefined;
  }
  /** The first token in [from, to) whose text is one of `images`. */
  private find(from: number, to: number, ...images: string[]): IToken | undefined {
    for (let i = this.indexAt(from); i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.startOffset >= to) return undefined;
      if (images.includes(t.image)) return t;
    }
    return undefined;
  }
  /** The last token in [from, to) whose text is one of `images`. */
  private findLast(from: number, to: number, ...images: string[]): IToken | undefined {
    for (let i = this.indexAt(to) - 1; i >= 0; i--) {
      const t = this.tokens[i]!;
      if (t.startOffset < from) return undefined;
      if (images.includes(t.image)) return t;
    }
    return undefined;
  }
  private slice(r: A.Range): string {
    return this.source.slice(r.start.offset, r.end.offset);
  }

  // ------------------------------------------------------------------ comments

  /** Own-line comments that come before `offset`, each on a line of its own. */
  private leading(offset: number): Doc[] {
    const out: Doc[] = [];
    while (!this.quiet && this.next < this.comments.length && this.comments[this.next]!.start < offset) {
      out.push(this.comment(this.comments[this.next++]!));
    }
    return out;
  }

  /** Trailing comments that follow the token at `offset`, kept at the end of its line. */
  private trailing(offset: number): Doc[] {
    const out: Doc[] = [];
    while (!this.quiet && this.next < this.comments.length) {
      const c = this.comments[this.next]!;
      if (!c.trailing || c.after > offset || c.start < offset) break;
      out.push(this.comment(c));
      this.next++;
    }
    return out;
  }

  private comment(c: PendingComment): Doc {
    if (c.trailing) {
      const isLine = c.text.startsWith('//');
      return isLine ? [lineSuffix(` ${c.text}`), breakParent] : lineSuffix(` ${c.text}`);
    }
    return [freshline, c.text, hardline, c.blankAfter ? hardline : ''];
  }

  /** A token of the output: `text`, written where the source token at `offset` was (if any). */
  private tok(text: string, offset: number | undefined): Doc {
    if (offset === undefined || this.quiet) return text;
    return [...this.leading(offset), text, ...this.trailing(offset)];
  }
  private tokOf(t: IToken | undefined, text = t?.image ?? ''): Doc {
    return this.tok(text, t?.startOffset);
  }

  /** Width of what `build` prints, flat and without comments. */
  private measure(build: () => Doc): number {
    const was = this.quiet;
    this.quiet = true;
    try {
      return flatWidth(build());
    } finally {
      this.quiet = was;
    }
  }

  flat(e: A.Expression): string {
    this.quiet = true;
    return printDoc(this.expression(e), Infinity).trim();
  }

  // ------------------------------------------------------------------ the file

  file(file: A.VisitFile): Doc {
    const out: Doc[] = [];
    const decls = file.declarations;
    decls.forEach((d, i) => {
      if (i > 0) {
        const prev = decls[i - 1]!;
        const run = (prev.kind === 'Let' && d.kind === 'Let') || (prev.kind === 'Param' && d.kind === 'Param');
        out.push(run ? hardline : [hardline, hardline]);
      }
      out.push(this.declaration(d, decls, i));
    });
    // Whatever comments are left (after the last declaration) end the file.
    while (this.next < this.comments.length) out.push(this.comment(this.comments[this.next++]!));
    return out;
  }

  private declaration(d: A.Declaration, all: A.Declaration[], i: number): Doc {
    switch (d.kind) {
      case 'Record':
        return this.record(d);
      case 'Let':
        return this.letDecl(d, this.run(all, i, 'Let'));
      case 'Param':
        return this.param(d, this.run(all, i, 'Param'));
      case 'Group':
        return this.groupDecl(d);
      case 'Program':
        return this.program(d);
      case 'Test':
        return this.test(d);
      default:
        return A.assertNever(d);
    }
  }

  /** The run of adjacent declarations of one kind around index i (aligned together). */
  private run<K extends 'Let' | 'Param'>(all: A.Declaration[], i: number, kind: K): Extract<A.Declaration, { kind: K }>[] {
    let from = i;
    while (from > 0 && all[from - 1]!.kind === kind) from--;
    let to = i;
    while (to + 1 < all.length && all[to + 1]!.kind === kind) to++;
    return all.slice(from, to + 1) as Extract<A.Declaration, { kind: K }>[];
  }

  private keyword(d: { range: A.Range }, word: string): Doc {
    return this.tokOf(this.find(d.range.start.offset, d.range.end.offset, word), word);
  }

  private name(n: A.Name): Doc {
    return this.tok(n.text, n.range.start.offset);
  }

  private label(l: A.TextLiteral): Doc {
    return this.tok(this.slice(l.range), l.range.start.offset);
  }

  /** `{`, the items each on a line, `}` — or `{}` when there is nothing inside. */
  private block(openFrom: number, range: A.Range, buildItems: () => Doc[]): Doc {
    const open = this.find(openFrom, range.end.offset, '{');
    const close = this.findLast(openFrom, range.end.offset, '}');
    // Built in output order, so that each token takes the comments that precede it.
    const openDoc = this.tokOf(open, '{');
    const items = buildItems();
    const closeAt = close?.startOffset ?? range.end.offset;
    if (items.length === 0 && !this.hasCommentBefore(closeAt)) return [openDoc, this.tokOf(close, '}')];
    const body: Doc[] = [];
    for (const item of items) body.push(hardline, item);
    body.push(...this.leading(closeAt));
    return [openDoc, indent(body), hardline, this.tokOf(close, '}')];
  }

  private hasCommentBefore(offset: number): boolean {
    return this.next < this.comments.length && this.comments[this.next]!.start < offset;
  }

  // ------------------------------------------------------------------ declarations

  private record(d: A.RecordDeclaration): Doc {
    const nameColumn = Math.max(0, ...d.fields.map((f) => f.name.text.length + 1)) + 1;
    const typeWidths = d.fields.map((f) => this.measure(() => this.typeAndModifiers(f)));
    const labelColumn = Math.max(0, ...typeWidths.filter((w) => w <= MAX_ALIGN_COLUMN)) + 2;
    const fields = () => d.fields.map((f, i) => {
      const colon = this.find(f.name.range.end.offset, f.range.end.offset, ':');
      const w = typeWidths[i]!;
      return [
        this.name(f.name),
        this.tokOf(colon, ':'),
        ' '.repeat(nameColumn - f.name.text.length - 1),
        this.typeAndModifiers(f),
        f.label ? [' '.repeat(Math.max(2, labelColumn - w)), this.label(f.label)] : '',
      ];
    });
    return [this.keyword(d, 'record'), ' ', this.name(d.name), ' ', this.block(d.name.range.end.offset, d.range, fields)];
  }

  private typeAndModifiers(f: A.FieldDeclaration): Doc {
    return [this.type(f.type), ...f.modifiers.map((m) => [' ', this.tok(m.modifier, m.range.start.offset)])];
  }

  private type(t: A.TypeNode): Doc {
    const from = t.range.start.offset;
    const to = t.range.end.offset;
    switch (t.kind) {
      case 'EnumType': {
        const open = this.find(from, to, '(');
        const close = this.findLast(from, to, ')');
        const items = t.values.map((v, i) => {
          const comma = i > 0 ? this.find(t.values[i - 1]!.range.end.offset, v.range.start.offset, ',') : undefined;
          return i > 0 ? [this.tokOf(comma, ','), ' ', this.name(v)] : this.name(v);
        });
        return [this.tokOf(this.find(from, to, 'one'), 'one'), ' ', this.tokOf(this.find(from, to, 'of'), 'of'), ' ', this.tokOf(open, '('), items, this.tokOf(close, ')')];
      }
      case 'PrimitiveType': {
        const out: Doc[] = [this.tok(t.name, from)];
        if (t.bounds) {
          const { min, max } = t.bounds;
          out.push(' ', this.tok(this.slice(min.range), min.range.start.offset));
          out.push(this.tokOf(this.find(min.range.end.offset, max.range.start.offset, '..'), '..'));
          out.push(this.tok(this.slice(max.range), max.range.start.offset));
        }
        if (t.unit) {
          out.push(' ', this.tokOf(this.findLast(from, t.unit.range.start.offset, 'in'), 'in'));
          out.push(' ', this.tok(t.unit.unit, t.unit.range.start.offset));
        }
        return out;
      }
      default:
        return A.assertNever(t);
    }
  }

  private equals(from: number, to: number): Doc {
    return this.tokOf(this.find(from, to, '=', '=='), '=');
  }

  private letDecl(d: A.LetDeclaration, run: A.LetDeclaration[]): Doc {
    const width = Math.max(...run.map((l) => l.name.text.length));
    return [
      this.keyword(d, 'let'),
      ' ',
      this.name(d.name),
      ' '.repeat(width - d.name.text.length + 1),
      this.equals(d.name.range.end.offset, d.value.range.start.offset),
      ' ',
      this.expression(d.value),
    ];
  }

  private param(d: A.ParamDeclaration, run: A.ParamDeclaration[]): Doc {
    const width = Math.max(...run.map((p) => p.name.text.length));
    const labelled = run.filter((p) => p.label);
    const valueWidths = labelled.map((p) => this.measure(() => this.expression(p.value))).filter((w) => w <= MAX_ALIGN_COLUMN);
    const valueColumn = Math.max(0, ...valueWidths) + 1;
    const w = d.label ? this.measure(() => this.expression(d.value)) : 0;
    return [
      this.keyword(d, 'param'),
      ' ',
      this.name(d.name),
      ' '.repeat(width - d.name.text.length + 1),
      this.equals(d.name.range.end.offset, d.value.range.start.offset),
      ' ',
      this.expression(d.value),
      d.label ? [' '.repeat(Math.max(1, valueColumn - w)), this.label(d.label)] : '',
    ];
  }

  private groupDecl(d: A.GroupDeclaration): Doc {
    const afterHead = (d.label ?? d.name).range.end.offset;
    return [
      this.keyword(d, 'group'),
      ' ',
      this.name(d.name),
      d.label ? [' ', this.label(d.label)] : '',
      ' ',
      this.equals(afterHead, d.condition.range.start.offset),
      indent([hardline, this.expression(d.condition)]),
    ];
  }

  private program(d: A.ProgramDeclaration): Doc {
    const widths = d.lines.map((l) => l.mode.length + 1 + this.measure(() => this.expression(l.condition)));
    const column = Math.max(0, ...widths.filter((w) => w <= MAX_REQUIREMENT_ALIGN)) + 2;
    const lines = () => d.lines.map((l, i) => {
      const w = widths[i]!;
      // A line too long for the page breaks, and its label then follows two spaces after it.
      const breaks = 2 + w > FORMAT_WIDTH;
      return [
        this.tok(l.mode, l.range.start.offset),
        ' ',
        this.expression(l.condition),
        l.label ? [' '.repeat(breaks ? 2 : Math.max(2, column - w)), this.label(l.label)] : '',
      ];
    });
    const head = d.label ?? d.name;
    return [this.keyword(d, 'program'), ' ', this.name(d.name), d.label ? [' ', this.label(d.label)] : '', ' ', this.block(head.range.end.offset, d.range, lines)];
  }

  private test(d: A.TestDeclaration): Doc {
    const from = d.range.start.offset;
    const items = (): Doc[] => this.testItems(d, from);
    return [this.keyword(d, 'test'), ' ', this.label(d.title), ' ', this.block(d.title.range.end.offset, d.range, items)];
  }

  /** In canonical order: as of, given, with, expect. */
  private testItems(d: A.TestDeclaration, from: number): Doc[] {
    const items: Doc[] = [];
    if (d.asOf) {
      const as = this.findLast(from, d.asOf.range.start.offset, 'as');
      const of = as ? this.find(as.startOffset + 1, d.asOf.range.start.offset, 'of') : undefined;
      items.push([this.tokOf(as, 'as'), ' ', this.tokOf(of, 'of'), ' ', this.tok(d.asOf.value, d.asOf.range.start.offset)]);
    }
    if (d.given) items.push(this.given(d.given));
    let lastWith: IToken | undefined;
    for (const o of d.overrides) {
      const w = this.findLast(from, o.name.range.start.offset, 'with');
      // `with a = 1, b = 2` becomes one line per override; the second has no `with` of its own.
      const withDoc = w && w !== lastWith ? this.tokOf(w, 'with') : 'with';
      lastWith = w;
      items.push([withDoc, ' ', this.name(o.name), ' ', this.equals(o.name.range.end.offset, o.value.range.start.offset), ' ', this.expression(o.value)]);
    }
    for (const x of d.expectations) items.push(this.expectation(x));
    return items;
  }

  private given(g: NonNullable<A.TestDeclaration['given']>): Doc {
    const from = g.range.start.offset;
    const to = g.range.end.offset;
    const givenTok = this.tokOf(this.find(from, to, 'given'), 'given');
    const open = this.find(from, to, '{');
    const openDoc = this.tokOf(open, '{');
    const close = this.findLast(from, to, '}');
    const parts: Doc[] = [];
    g.entries.forEach((e, i) => {
      if (i > 0) {
        const prev = g.entries[i - 1]!;
        const comma = this.find(prev.value.range.end.offset, e.range.start.offset, ',');
        parts.push([this.tokOf(comma, ','), line]);
      }
      const colon = this.find(e.name.range.end.offset, e.value.range.start.offset, ':');
      parts.push([this.name(e.name), this.tokOf(colon, ':'), ' ', this.expression(e.value)]);
    });
    if (g.entries.length === 0) return [givenTok, ' ', openDoc, ...this.leading(close?.startOffset ?? to), this.tokOf(close, '}')];
    // `given { ` is 8 columns: continuation lines start under the first entry.
    const rest = this.leading(close?.startOffset ?? to);
    return [givenTok, ' ', openDoc, ' ', align(8, [fill(parts), ...rest]), ' ', this.tokOf(close, '}')];
  }

  private expectation(x: A.Expectation): Doc {
    const from = x.range.start.offset;
    const to = x.range.end.offset;
    const expect = this.tokOf(this.find(from, to, 'expect'), 'expect');
    const not = this.find(from, x.target.range.start.offset, 'not');
    const outcome = this.find(x.target.range.end.offset, to + 1, 'unknown', 'eligible', 'ineligible', 'undetermined', 'true', 'false');
    switch (x.expected) {
      case 'true':
        return [expect, ' ', this.name(x.target)];
      case 'false':
        return [expect, ' ', this.tokOf(not, 'not'), ' ', this.name(x.target)];
      case 'unknown':
      case 'eligible':
      case 'ineligible':
      case 'undetermined':
        return [expect, ' ', this.name(x.target), ' ', this.tokOf(outcome, x.expected)];
      default:
        return A.assertNever(x.expected);
    }
  }

  // ------------------------------------------------------------------ expressions

  /** `e` in a place that needs at least precedence `min`: parenthesised if it binds looser. */
  private operand(e: A.Expression, min: Precedence): Doc {
    if (precedence(e) >= min) return this.expression(e);
    return ['(', this.expression(e), ')'];
  }

  private list(items: A.Expression[], from: number, to: number): Doc {
    const open = this.find(from, items[0]?.range.start.offset ?? to, '(');
    const close = this.findLast(items[items.length - 1]?.range.end.offset ?? from, to, ')');
    const openDoc = this.tokOf(open, '(');
    const docs = items.map((item, i) => {
      const comma = i > 0 ? this.find(items[i - 1]!.range.end.offset, item.range.start.offset, ',') : undefined;
      return i > 0 ? [this.tokOf(comma, ','), line, this.expression(item)] : this.expression(item);
    });
    return group([openDoc, indent([softline, docs]), softline, this.tokOf(close, ')')]);
  }

  expression(e: A.Expression): Doc {
    switch (e.kind) {
      case 'Number':
        return this.tok(this.slice(e.range), e.range.start.offset);
      case 'Duration': {
        const numberTok = this.tokenAtOrAfter(e.range.start.offset);
        const unitTok = this.findLast(e.range.start.offset, e.range.end.offset, 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years');
        const amount = numberTok?.image ?? String(e.amount);
        const unit = Number(amount) === 1 ? e.unit.slice(0, -1) : e.unit;
        return [this.tokOf(numberTok, amount), ' ', this.tokOf(unitTok, unit)];
      }
      case 'Date':
      case 'Text':
        return this.tok(this.slice(e.range), e.range.start.offset);
      case 'Boolean':
        return this.tok(String(e.value), e.range.start.offset);
      case 'Reference':
        return this.tok(e.name, e.range.start.offset);
      case 'Call': {
        const to = e.range.end.offset;
        const open = this.find(e.callee.range.end.offset, to, '(');
        const close = this.findLast(e.callee.range.end.offset, to, ')');
        const head = [this.name(e.callee), this.tokOf(open, '(')];
        const args = e.args.map((a, i) => {
          const comma = i > 0 ? this.find(e.args[i - 1]!.range.end.offset, a.range.start.offset, ',') : undefined;
          return i > 0 ? [this.tokOf(comma, ','), ' ', this.expression(a)] : this.expression(a);
        });
        return [head, args, this.tokOf(close, ')')];
      }
      case 'Not': {
        const not = this.find(e.range.start.offset, e.operand.range.start.offset, 'not', '!');
        return [this.tokOf(not, 'not'), ' ', this.operand(e.operand, NOT)];
      }
      case 'Negate': {
        const minus = this.find(e.range.start.offset, e.operand.range.start.offset, '-');
        return [this.tokOf(minus, '-'), this.operand(e.operand, UNARY)];
      }
      case 'Arithmetic': {
        const p = e.op === '+' || e.op === '-' ? ADD : MUL;
        const op = this.find(e.left.range.end.offset, e.right.range.start.offset, e.op);
        return [this.operand(e.left, p), ' ', this.tokOf(op, e.op), ' ', this.operand(e.right, p + 1)];
      }
      case 'Comparison': {
        const images = e.op === '=' ? ['=', '=='] : [e.op];
        const op = this.find(e.left.range.end.offset, e.right.range.start.offset, ...images);
        return [this.operand(e.left, ADD), ' ', this.tokOf(op, e.op), ' ', this.operand(e.right, ADD)];
      }
      case 'Logical':
        return this.chain(e);
      case 'Between': {
        const between = this.find(e.value.range.end.offset, e.low.range.start.offset, 'between');
        const and = this.find(e.low.range.end.offset, e.high.range.start.offset, 'and');
        return [
          this.operand(e.value, ADD),
          ' ',
          this.tokOf(between, 'between'),
          ' ',
          this.operand(e.low, ADD),
          ' ',
          this.tokOf(and, 'and'),
          ' ',
          this.operand(e.high, ADD),
        ];
      }
      case 'In': {
        const first = e.items[0]?.range.start.offset ?? e.range.end.offset;
        const not = e.negated ? this.find(e.value.range.end.offset, first, 'not') : undefined;
        const inTok = this.find(e.value.range.end.offset, first, 'in');
        return [
          this.operand(e.value, ADD),
          ' ',
          e.negated ? [this.tokOf(not, 'not'), ' '] : '',
          this.tokOf(inTok, 'in'),
          ' ',
          this.list(e.items, inTok?.startOffset ?? e.value.range.end.offset, e.range.end.offset + 1),
        ];
      }
      case 'Is': {
        const is = this.find(e.value.range.end.offset, e.range.end.offset + 1, 'is');
        const test = this.find(e.value.range.end.offset, e.range.end.offset + 1, e.test);
        return [this.operand(e.value, ADD), ' ', this.tokOf(is, 'is'), ' ', this.tokOf(test, e.test)];
      }
      case 'AtLeast': {
        const from = e.range.start.offset;
        const at = this.find(from, e.count.range.start.offset, 'at');
        const least = this.find(from, e.count.range.start.offset, 'least');
        const of = this.find(e.count.range.end.offset, e.range.end.offset, 'of');
        return [
          this.tokOf(at, 'at'),
          ' ',
          this.tokOf(least, 'least'),
          ' ',
          this.tok(this.slice(e.count.range), e.count.range.start.offset),
          ' ',
          this.tokOf(of, 'of'),
          ' ',
          this.list(e.items, of?.startOffset ?? e.count.range.end.offset, e.range.end.offset + 1),
        ];
      }
      case 'ErrorExpression':
        // Never reached: files with syntax errors are not formatted.
        return this.slice(e.range);
      default:
        return A.assertNever(e);
    }
  }

  /** `a and b and c`: one group; when it breaks, each operator starts an indented line. */
  private chain(e: A.Logical): Doc {
    const p = e.op === 'or' ? OR : AND;
    // Left-nested chains of the same operator print without parentheses.
    let left: A.Expression = e;
    const rights: A.Logical[] = [];
    while (left.kind === 'Logical' && left.op === e.op) {
      rights.unshift(left);
      left = left.left;
    }
    const first = this.operand(left, p + 1);
    const rest: Doc[] = rights.map((node) => {
      const words = node.op === 'and' ? ['and', '&&'] : ['or', '||'];
      const op = this.find(node.left.range.end.offset, node.right.range.start.offset, ...words);
      return [line, this.tokOf(op, node.op), ' ', this.operand(node.right, p + 1)];
    });
    return group([first, indent(rest)]);
  }
}
