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
import { PERSONAL_MASK } from '../check/personal';
import { parse } from '../syntax/to-ast';
import { VisitLexer, danishSpellings, danishUnit, englishSpelling } from '../syntax/tokens';
import {
  align,
  breakParent,
  fill,
  flatWidth,
  group,
  hardline,
  indent,
  join,
  line,
  lineSuffix,
  ownLineComment,
  printDoc,
  softline,
  type Doc,
} from './doc';

export const FORMAT_WIDTH = 90;

/** Labels further right than this are not aligned (one long line would push them all out). */
const MAX_ALIGN_COLUMN = 40;
const MAX_REQUIREMENT_ALIGN = 64;
/** A `list of { … }` type wider than this is written one element field per line (§12). */
const MAX_FLAT_LIST_TYPE = 56;

export type FormatResult = { ok: true; text: string } | { ok: false; reason: string };

/** Formats a Visit source. Refuses (and says why) when the file has syntax errors. */
export function formatSource(source: string): FormatResult {
  const parsed = parse(source);
  const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
  if (syntax) {
    return { ok: false, reason: `line ${syntax.range.start.line}: ${syntax.message} (fix the syntax errors first)` };
  }
  const lexed = VisitLexer.tokenize(source);
  // The AST keeps one `as of` per test; formatting would silently drop the others.
  for (const d of parsed.file.declarations) {
    if (d.kind !== 'Test') continue;
    const asOfs = lexed.tokens.filter((t) => t.image === 'as' && t.startOffset >= d.range.start.offset && t.startOffset < d.range.end.offset);
    if (asOfs.length > 1) {
      return { ok: false, reason: `line ${d.range.start.line}: the test has more than one 'as of' (keep one, then format)` };
    }
  }
  const f = new Formatter(source, lexed.tokens, lexed.groups.comments ?? []);
  return { ok: true, text: printDoc(f.file(parsed.file), FORMAT_WIDTH) };
}

/** The formatted text, or the source unchanged when it cannot be formatted. */
export function format(source: string): string {
  const r = formatSource(source);
  return r.ok ? r.text : source;
}

/**
 * An expression in canonical form on one line (for hovers, outlines and explanations). Literals
 * at `personal` ranges (CheckedFile.personal) are printed as •••.
 */
export function printExpression(source: string, e: A.Expression, personal: readonly A.Range[] = []): string {
  return new Formatter(source, [], [], personal).flat(e);
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
  /** A blank line precedes it in the source (kept after the last declaration). */
  blankBefore: boolean;
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
    case 'Window':
    case 'ErrorExpression':
      return PRIMARY;
    case 'Where':
      // Only ever a call's argument, where nothing binds around it.
      return OR;
    default:
      return A.assertNever(e);
  }
}

function isLiteralKind(e: A.Expression): boolean {
  return e.kind === 'Number' || e.kind === 'Duration' || e.kind === 'Date' || e.kind === 'Text' || e.kind === 'Boolean' || e.kind === 'Negate';
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
    /** Ranges of personal values, printed as the mask (only when printing for display). */
    private readonly personal: readonly A.Range[] = [],
  ) {
    this.comments = comments.map((c) => this.pending(c));
  }

  private isPersonal(e: A.Expression): boolean {
    return this.personal.some((r) => r.start.offset < e.range.end.offset && r.end.offset > e.range.start.offset);
  }

  private pending(c: IToken): PendingComment {
    const start = c.startOffset;
    const end = (c.endOffset ?? start) + 1;
    const before = this.tokenBefore(start);
    const lineStart = Math.max(this.source.lastIndexOf('\n', start - 1), this.source.lastIndexOf('\r', start - 1)) + 1;
    const trailing = before !== undefined && (before.endOffset ?? before.startOffset) >= lineStart;
    // A blank line between it and the next token or comment is kept (at the end it is dropped anyway).
    const rest = this.source.slice(end);
    const gap = /^\s*/.exec(rest)![0];
    const blankAfter = gap.length < rest.length && /\n[ \t\f\v\u00a0\ufeff]*\r?\n|\r[ \t]*\r/.test(gap);
    const gapBefore = /\s*$/.exec(this.source.slice(0, start))![0];
    const blankBefore = start > gapBefore.length && /\n[ \t\f\v\u00a0\ufeff]*\r?\n|\r[ \t]*\r/.test(gapBefore);
    return { text: c.image, start, after: before?.startOffset ?? -1, trailing, blankAfter, blankBefore };
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

  /**
   * A trailing comment can follow a trailing line comment only by going on a line of its own (the
   * line comment would swallow it). It is then printed as the own-line comment it will be when the
   * output is formatted again: before the next token.
   */
  private lineCommentOpen = false;
  /** Where a record's types start (past `name: ` and its padding): a broken list type's fields go 2 further. */
  private typeColumn = 0;
  private canTrail(c: PendingComment): boolean {
    if (!c.trailing) return false;
    if (this.lineCommentOpen) {
      c.trailing = false;
      c.blankAfter = false;
      return false;
    }
    return true;
  }
  private flush(c: PendingComment): Doc {
    this.next++;
    if (c.trailing && c.text.startsWith('//')) this.lineCommentOpen = true;
    return this.comment(c);
  }

  /** Comments that come before `offset`: own-line ones each on a line of its own. */
  private leading(offset: number): Doc[] {
    const out: Doc[] = [];
    while (!this.quiet && this.next < this.comments.length && this.comments[this.next]!.start < offset) {
      const c = this.comments[this.next]!;
      this.canTrail(c);
      out.push(this.flush(c));
    }
    return out;
  }

  /** The comments before a closing `}`: like `leading`, but the caller breaks the line before the brace. */
  private closing(offset: number): Doc[] {
    const out: Doc[] = [];
    while (!this.quiet && this.next < this.comments.length && this.comments[this.next]!.start < offset) {
      const c = this.comments[this.next++]!;
      out.push(c.trailing ? this.comment(c) : ownLineComment(c.text));
    }
    return out;
  }

  /** Trailing comments that follow the token at `offset`, kept at the end of its line. */
  private trailing(offset: number): Doc[] {
    const out: Doc[] = [];
    while (!this.quiet && this.next < this.comments.length) {
      const c = this.comments[this.next]!;
      if (!c.trailing || c.after > offset || c.start < offset || !this.canTrail(c)) break;
      out.push(this.flush(c));
    }
    return out;
  }

  /** Trailing comments of tokens up to `end` that were not printed (`expect g true // …`). */
  private trailingUpTo(end: number): Doc[] {
    const out: Doc[] = [];
    while (!this.quiet && this.next < this.comments.length) {
      const c = this.comments[this.next]!;
      if (!c.trailing || c.after >= end || !this.canTrail(c)) break;
      out.push(this.flush(c));
    }
    return out;
  }

  private comment(c: PendingComment): Doc {
    if (c.trailing) {
      // No forced group break: where the layout puts more code after a line comment, the printer
      // starts a new line; so the layout does not depend on where comments were flushed.
      return lineSuffix(` ${c.text}`);
    }
    return ownLineComment(c.text, c.blankAfter);
  }

  /** A token of the output: `text`, written where the source token at `offset` was (if any). */
  private tok(text: string, offset: number | undefined): Doc {
    if (offset === undefined || this.quiet) return text;
    const before = this.leading(offset);
    this.lineCommentOpen = false;
    return [...before, text, ...this.trailing(offset)];
  }
  private tokOf(t: IToken | undefined, text = t?.image ?? ''): Doc {
    return this.tok(text, t?.startOffset);
  }
  /** The spelling to print for a keyword found as `t`: its Danish spelling when it has one (§15), else `english`. */
  private word(t: IToken | undefined, english: string): string {
    return t && isDanish(t) && englishSpelling(t.image) === english ? t.image : english;
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
      out.push(this.declaration(d, decls, i), ...this.trailingUpTo(d.range.end.offset));
    });
    // Whatever comments are left (after the last declaration) end the file.
    const last = this.comments[this.next];
    if (last && decls.length > 0 && !last.trailing && last.blankBefore) out.push(hardline, hardline);
    out.push(...this.leading(Infinity));
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
    body.push(...this.closing(closeAt));
    return [openDoc, indent(body), hardline, this.tokOf(close, '}')];
  }

  private hasCommentBefore(offset: number): boolean {
    return this.next < this.comments.length && this.comments[this.next]!.start < offset;
  }

  // ------------------------------------------------------------------ declarations

  private record(d: A.RecordDeclaration): Doc {
    const { nameColumn, lines } = this.fieldColumns(d.fields);
    this.typeColumn = nameColumn;
    return [this.keyword(d, 'record'), ' ', this.name(d.name), ' ', this.block(d.name.range.end.offset, d.range, lines)];
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
        const head = [this.tokOf(this.find(from, to, 'one'), 'one'), ' ', this.tokOf(this.find(from, to, 'of'), 'of'), ' ', this.tokOf(open, '(')];
        const items = t.values.map((v, i) => {
          const comma = i > 0 ? this.find(t.values[i - 1]!.range.end.offset, v.range.start.offset, ',') : undefined;
          return i > 0 ? [this.tokOf(comma, ','), ' ', this.name(v)] : this.name(v);
        });
        return [head, items, this.tokOf(close, ')')];
      }
      case 'PrimitiveType': {
        const out: Doc[] = [this.tok(t.name, from)];
        if (t.bounds) {
          const { min, max } = t.bounds;
          out.push(' ', this.signedNumber(min));
          out.push(this.tokOf(this.find(min.range.end.offset, max.range.start.offset, '..'), '..'));
          out.push(this.signedNumber(max));
        }
        if (t.unit) {
          out.push(' ', this.tokOf(this.findLast(from, t.unit.range.start.offset, 'in'), 'in'));
          const unitTok = this.tokenAtOrAfter(t.unit.range.start.offset);
          out.push(' ', this.tok(unitTok && isDanish(unitTok) ? danishUnit(t.unit.unit, false) : t.unit.unit, t.unit.range.start.offset));
        }
        return out;
      }
      case 'ListType':
        return this.listType(t);
      default:
        return A.assertNever(t);
    }
  }

  /**
   * `list of { a: date, b: text }` on one line when short and without comments or labels inside;
   * else `list of {`, one element field per line (aligned as in a record), `}`.
   */
  private listType(t: A.ListTypeNode): Doc {
    const from = t.range.start.offset;
    const to = t.range.end.offset;
    const head = [this.tokOf(this.find(from, to, 'list'), 'list'), ' ', this.tokOf(this.find(from, to, 'of'), 'of'), ' '];
    const open = this.find(from, to, '{');
    const close = this.findLast(from, to, '}');
    const commented = open !== undefined && close !== undefined && this.comments.some((c) => c.start > open.startOffset && c.start < close.startOffset);
    const flatFields = () =>
      t.fields.map((f, i) => {
        const colon = this.find(f.name.range.end.offset, f.range.end.offset, ':');
        const comma = i > 0 ? this.find(t.fields[i - 1]!.range.end.offset, f.range.start.offset, ',') : undefined;
        return [i > 0 ? [this.tokOf(comma, ','), ' '] : '', this.name(f.name), this.tokOf(colon, ':'), ' ', this.typeAndModifiers(f)];
      });
    const flatWidthOf = this.measure(() => ['{ ', flatFields(), ' }']);
    const flat = !commented && t.fields.every((f) => !f.label && f.type.kind !== 'ListType') && flatWidthOf <= MAX_FLAT_LIST_TYPE;
    if (t.fields.length === 0 && !commented) return [head, this.tokOf(open, '{'), this.tokOf(close, '}')];
    if (flat) return [head, this.tokOf(open, '{'), ' ', flatFields(), ' ', this.tokOf(close, '}')];
    // The fields two columns right of where the type starts, the `}` under `list`.
    return [head, align(this.typeColumn, this.fieldBlock(t.fields, this.tokOf(open, '{'), close, to))];
  }

  /**
   * Fields one per line in columns (a record's, or a list element's): names, types, labels. The
   * columns are measured now; `lines()` writes the lines, taking the comments after each field, so
   * it is called where they stand in the output.
   */
  private fieldColumns(fields: readonly A.FieldDeclaration[]): { nameColumn: number; lines: () => Doc[] } {
    const nameColumn = Math.max(0, ...fields.map((f) => f.name.text.length + 1)) + 1;
    const typeWidths = fields.map((f) => this.measure(() => this.typeAndModifiers(f)));
    const labelColumn = Math.max(0, ...typeWidths.filter((w) => w <= MAX_ALIGN_COLUMN)) + 2;
    const lines = () => fields.map((f, i) => {
      const colon = this.find(f.name.range.end.offset, f.range.end.offset, ':');
      const w = typeWidths[i]!;
      return [
        this.name(f.name),
        this.tokOf(colon, ':'),
        ' '.repeat(nameColumn - f.name.text.length - 1),
        this.typeAndModifiers(f),
        f.label ? [' '.repeat(Math.max(2, labelColumn - w)), this.label(f.label)] : '',
        ...this.trailingUpTo(f.range.end.offset),
      ];
    });
    return { nameColumn, lines };
  }

  /** A list element's fields one per line in columns, between its braces. */
  private fieldBlock(fields: A.FieldDeclaration[], openDoc: Doc, close: IToken | undefined, end: number): Doc {
    const items = this.fieldColumns(fields).lines();
    const closeAt = close?.startOffset ?? end;
    const body: Doc[] = [];
    for (const item of items) body.push(hardline, item);
    body.push(...this.closing(closeAt));
    return [openDoc, align(2, body), hardline, this.tokOf(close, '}')];
  }

  /** A bound such as `-10`: the sign and the number are two tokens (a comment may sit between). */
  private signedNumber(n: A.NumberLiteral): Doc {
    const from = n.range.start.offset;
    const to = n.range.end.offset;
    const minus = this.find(from, to, '-');
    const last = this.tokens[this.indexAt(to) - 1];
    const numberTok = last && last.startOffset >= from ? last : undefined;
    return [minus ? this.tokOf(minus, '-') : '', this.tokOf(numberTok, numberTok?.image ?? String(Math.abs(n.value)))];
  }

  /** ` from D`, ` until D`, ` from D until D` (§13), or nothing. */
  private validity(v: A.Validity | undefined): Doc {
    if (!v) return '';
    const out: Doc[] = [];
    for (const [word, date] of [['from', v.from], ['until', v.until]] as const) {
      if (!date) continue;
      const w = this.findLast(v.range.start.offset, date.range.start.offset, word);
      out.push(' ', this.tokOf(w, word), ' ', this.tok(date.value, date.range.start.offset));
    }
    return out;
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
      d.validity ? [this.validity(d.validity), ' '] : ' '.repeat(width - d.name.text.length + 1),
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
      this.validity(d.validity),
    ];
  }

  private groupDecl(d: A.GroupDeclaration): Doc {
    const afterHead = (d.validity ?? d.label ?? d.name).range.end.offset;
    return [
      this.keyword(d, 'group'),
      ' ',
      this.name(d.name),
      d.label ? [' ', this.label(d.label)] : '',
      this.validity(d.validity),
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
        ...this.trailingUpTo(l.range.end.offset),
      ];
    });
    const head = d.validity ?? d.label ?? d.name;
    return [
      this.keyword(d, 'program'),
      ' ',
      this.name(d.name),
      d.label ? [' ', this.label(d.label)] : '',
      this.validity(d.validity),
      ' ',
      this.block(head.range.end.offset, d.range, lines),
    ];
  }

  private test(d: A.TestDeclaration): Doc {
    const from = d.range.start.offset;
    const items = (): Doc[] => this.testItems(d, from);
    return [this.keyword(d, 'test'), ' ', this.label(d.title), ' ', this.block(d.title.range.end.offset, d.range, items)];
  }

  /** In source order (the AST keeps the parts of a test apart; their offsets give the order back). */
  private testItems(d: A.TestDeclaration, from: number): Doc[] {
    const items: { at: number; end: number; build: () => Doc }[] = [];
    const asOf = d.asOf;
    if (asOf) {
      const as = this.findLast(from, asOf.range.start.offset, 'as');
      items.push({
        at: as?.startOffset ?? asOf.range.start.offset,
        end: asOf.range.end.offset,
        build: () => {
          const of = as ? this.find(as.startOffset + 1, asOf.range.start.offset, 'of') : undefined;
          return [this.tokOf(as, 'as'), ' ', this.tokOf(of, 'of'), ' ', this.tok(asOf.value, asOf.range.start.offset)];
        },
      });
    }
    const given = d.given;
    if (given) {
      const at = Math.min(given.range.start.offset, given.entries[0]?.range.start.offset ?? Infinity);
      items.push({ at, end: given.range.end.offset, build: () => this.given(given) });
    }
    let lastWith: IToken | undefined;
    for (const o of d.overrides) {
      const w = this.findLast(from, o.name.range.start.offset, 'with');
      // `with a = 1, b = 2` becomes one line per override; the second has no `with` of its own.
      const own = w && w !== lastWith ? w : undefined;
      lastWith = w;
      items.push({
        at: own?.startOffset ?? o.range.start.offset,
        end: o.range.end.offset,
        build: () => [own ? this.tokOf(own, 'with') : 'with', ' ', this.name(o.name), ' ', this.equals(o.name.range.end.offset, o.value.range.start.offset), ' ', this.expression(o.value)],
      });
    }
    for (const x of d.expectations) items.push({ at: x.range.start.offset, end: x.range.end.offset, build: () => this.expectation(x) });
    items.sort((a, b) => a.at - b.at);
    return items.map((item) => [item.build(), ...this.trailingUpTo(item.end)]);
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
      parts.push(this.givenEntry(e));
    });
    const closeAt = close?.startOffset ?? to;
    if (g.entries.length === 0) {
      const inside = this.closing(closeAt);
      return [givenTok, ' ', openDoc, inside.length > 0 ? indent([...inside, hardline]) : '', this.tokOf(close, '}')];
    }
    // `given { ` is 8 columns: continuation lines start under the first entry.
    const body = fill(parts);
    const inside = this.closing(closeAt);
    if (inside.length > 0) return [givenTok, ' ', openDoc, ' ', align(8, [body, ...inside]), hardline, this.tokOf(close, '}')];
    return [givenTok, ' ', openDoc, ' ', align(8, body), ' ', this.tokOf(close, '}')];
  }

  private givenEntry(e: A.GivenEntry): Doc {
    const colon = this.find(e.name.range.end.offset, e.value.range.start.offset, ':');
    const value = e.value.kind === 'ListLiteral' ? this.givenList(e.value, e.name.text.length + 3) : this.expression(e.value);
    return [this.name(e.name), this.tokOf(colon, ':'), ' ', value];
  }

  /** `[{ kind: jobklub, start: 2025-01-06 }, { … }]`: elements fill the lines, each kept whole if it fits. */
  private givenList(l: A.ListLiteral, column: number): Doc {
    const from = l.range.start.offset;
    const to = l.range.end.offset;
    const open = this.tokOf(this.find(from, to, '['), '[');
    const elements = l.elements.map((el, i) => {
      const comma = i > 0 ? this.find(l.elements[i - 1]!.range.end.offset, el.range.start.offset, ',') : undefined;
      return [i > 0 ? [this.tokOf(comma, ','), line] : '', this.givenElement(el)];
    });
    const closeTok = this.findLast(from, to, ']');
    const inside = this.closing(closeTok?.startOffset ?? to);
    // A list too long for its line starts a line of its own (the given's fill breaks before it),
    // so its elements line up after `name: [`.
    return group([open, align(column, [elements, ...inside]), this.tokOf(closeTok, ']')]);
  }

  private givenElement(el: A.ElementLiteral): Doc {
    const from = el.range.start.offset;
    const to = el.range.end.offset;
    const open = this.tokOf(this.find(from, to, '{'), '{');
    const close = this.findLast(from, to, '}');
    const entries = el.entries.map((e, i) => {
      const comma = i > 0 ? this.find(el.entries[i - 1]!.value.range.end.offset, e.range.start.offset, ',') : undefined;
      return [i > 0 ? [this.tokOf(comma, ','), line] : '', this.givenEntry(e)];
    });
    const inside = this.closing(close?.startOffset ?? to);
    if (el.entries.length === 0 && inside.length === 0) return [open, this.tokOf(close, '}')];
    return group([open, ' ', align(2, [entries, ...inside]), line, this.tokOf(close, '}')]);
  }

  private expectation(x: A.Expectation): Doc {
    const from = x.range.start.offset;
    const to = x.range.end.offset;
    const expect = this.tokOf(this.find(from, to, 'expect'), 'expect');
    const not = this.find(from, x.target.range.start.offset, 'not', 'ikke');
    const outcome = this.find(x.target.range.end.offset, to, 'unknown', 'eligible', 'ineligible', 'undetermined', 'true', 'false', 'ja', 'nej');
    // `expect g nej` is written `expect ikke g`, as `expect g false` is `expect not g`.
    const notWord = not ? this.word(not, 'not') : outcome && isDanish(outcome) ? 'ikke' : 'not';
    switch (x.expected) {
      case 'true':
        return [expect, ' ', this.name(x.target)];
      case 'false':
        return [expect, ' ', this.tokOf(not, notWord), ' ', this.name(x.target)];
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
    // Where the source had these parentheses, comments next to them stay next to them.
    const [start, end] = this.extent(e, false);
    const i = this.indexAt(start) - 1;
    const j = this.indexAt(end);
    const wrapped = i >= 0 && this.matching().get(i) === j;
    const open = wrapped ? this.tokOf(this.tokens[i], '(') : '(';
    const inner = this.expression(e);
    const close = wrapped ? this.tokOf(this.tokens[j], ')') : ')';
    return [open, inner, close];
  }

  private parenPairs?: Map<number, number>;
  /** Token index of each `(` → token index of its `)`. */
  private matching(): Map<number, number> {
    if (!this.parenPairs) {
      const pairs = new Map<number, number>();
      const stack: number[] = [];
      this.tokens.forEach((t, i) => {
        if (t.image === '(') stack.push(i);
        else if (t.image === ')' && stack.length > 0) pairs.set(stack.pop()!, i);
      });
      this.parenPairs = pairs;
    }
    return this.parenPairs;
  }

  /**
   * Source offsets [start, end) of an expression, with the parentheses around its children, and
   * with its own parentheses when `withParens`. (The parser's ranges of `and`/`or` and arithmetic
   * run from child to child, without the parentheses around those children.)
   */
  private extent(e: A.Expression, withParens: boolean): [number, number] {
    let start = e.range.start.offset;
    let end = e.range.end.offset;
    if (e.kind === 'Logical' || e.kind === 'Arithmetic') {
      start = this.extent(e.left, true)[0];
      end = this.extent(e.right, true)[1];
    }
    if (!withParens) return [start, end];
    const pairs = this.matching();
    for (;;) {
      const i = this.indexAt(start) - 1;
      const j = this.indexAt(end);
      if (i < 0 || pairs.get(i) !== j) return [start, end];
      start = this.tokens[i]!.startOffset;
      end = this.tokens[j]!.startOffset + 1;
    }
  }

  private list(items: A.Expression[], from: number, to: number): Doc {
    const open = this.find(from, items[0]?.range.start.offset ?? to, '(');
    const close = this.findLast(items[items.length - 1]?.range.end.offset ?? from, to, ')');
    const openDoc = this.tokOf(open, '(');
    const docs = items.map((item, i) => {
      const comma = i > 0 ? this.find(items[i - 1]!.range.end.offset, item.range.start.offset, ',') : undefined;
      return i > 0 ? [this.tokOf(comma, ','), line, this.expression(item)] : this.expression(item);
    });
    const closeDoc = this.tokOf(close, ')');
    // A list with a line comment (or a comment on its own line) inside is written one item per line.
    const commented = open && close && this.comments.some((c) => c.start > open.startOffset && c.start < close.startOffset && (!c.trailing || c.text.startsWith('//')));
    return group([openDoc, indent([softline, docs]), softline, closeDoc, commented ? breakParent : '']);
  }

  expression(e: A.Expression): Doc {
    if (this.personal.length > 0 && isLiteralKind(e) && this.isPersonal(e)) return this.tok(PERSONAL_MASK, e.range.start.offset);
    switch (e.kind) {
      case 'Number':
        return this.tok(this.slice(e.range), e.range.start.offset);
      case 'Duration': {
        const numberTok = this.tokenAtOrAfter(e.range.start.offset);
        const unitTok = this.findLast(e.range.start.offset, e.range.end.offset, ...unitWords);
        const amount = numberTok?.image ?? String(e.amount);
        const one = Number(amount) === 1;
        const unit = unitTok && isDanish(unitTok) ? danishUnit(e.unit, one) : one ? e.unit.slice(0, -1) : e.unit;
        return [this.tokOf(numberTok, amount), ' ', this.tokOf(unitTok, unit)];
      }
      case 'Date':
      case 'Text':
        return this.tok(this.slice(e.range), e.range.start.offset);
      case 'Boolean':
        return this.tok(this.word(this.tokenAtOrAfter(e.range.start.offset), String(e.value)), e.range.start.offset);
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
        const not = this.find(e.range.start.offset, e.operand.range.start.offset, 'not', '!', 'ikke');
        return [this.tokOf(not, this.word(not, 'not')), ' ', this.operand(e.operand, NOT)];
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
        const between = this.find(e.value.range.end.offset, e.low.range.start.offset, 'between', 'mellem');
        const and = this.find(e.low.range.end.offset, e.high.range.start.offset, 'and', 'og');
        return [
          this.operand(e.value, ADD),
          ' ',
          this.tokOf(between, this.word(between, 'between')),
          ' ',
          this.operand(e.low, ADD),
          ' ',
          this.tokOf(and, this.word(and, 'and')),
          ' ',
          this.operand(e.high, ADD),
        ];
      }
      case 'In': {
        const first = e.items[0]?.range.start.offset ?? e.range.end.offset;
        const not = e.negated ? this.find(e.value.range.end.offset, first, 'not', 'ikke') : undefined;
        const inTok = this.find(e.value.range.end.offset, first, 'in');
        return [
          this.operand(e.value, ADD),
          ' ',
          e.negated ? [this.tokOf(not, this.word(not, 'not')), ' '] : '',
          this.tokOf(inTok, 'in'),
          ' ',
          this.list(e.items, inTok?.startOffset ?? e.value.range.end.offset, e.range.end.offset),
        ];
      }
      case 'Is': {
        const mangler = this.find(e.value.range.end.offset, e.range.end.offset, 'mangler');
        if (mangler) return [this.operand(e.value, ADD), ' ', this.tokOf(mangler, 'mangler')];
        const er = this.find(e.value.range.end.offset, e.range.end.offset, 'er');
        const kendt = er ? this.find(er.startOffset, e.range.end.offset, 'kendt') : undefined;
        if (er) return [this.operand(e.value, ADD), ' ', this.tokOf(er, 'er'), ' ', this.tokOf(kendt, 'kendt')];
        const is = this.find(e.value.range.end.offset, e.range.end.offset, 'is');
        const test = this.find(e.value.range.end.offset, e.range.end.offset, e.test);
        return [this.operand(e.value, ADD), ' ', this.tokOf(is, 'is'), ' ', this.tokOf(test, e.test)];
      }
      case 'AtLeast': {
        const from = e.range.start.offset;
        const mindst = this.find(from, e.count.range.start.offset, 'mindst');
        if (mindst) {
          const af = this.find(e.count.range.end.offset, e.range.end.offset, 'af');
          return [
            this.tokOf(mindst, 'mindst'),
            ' ',
            this.tok(this.slice(e.count.range), e.count.range.start.offset),
            ' ',
            this.tokOf(af, 'af'),
            ' ',
            this.list(e.items, af?.startOffset ?? e.count.range.end.offset, e.range.end.offset),
          ];
        }
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
          this.list(e.items, of?.startOffset ?? e.count.range.end.offset, e.range.end.offset),
        ];
      }
      case 'Where': {
        const where = this.tokOf(this.find(e.keyword.start.offset, e.keyword.end.offset, 'where'), 'where');
        return [this.expression(e.list), ' ', where, ' ', this.expression(e.condition)];
      }
      case 'Window': {
        const last = this.tokOf(this.find(e.range.start.offset, e.length.range.start.offset, 'last'), 'last');
        return [last, ' ', this.expression(e.length)];
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
      const words = node.op === 'and' ? ['and', '&&', 'og'] : ['or', '||', 'eller'];
      const op = this.find(node.left.range.end.offset, node.right.range.start.offset, ...words);
      return [line, this.tokOf(op, this.word(op, node.op)), ' ', this.operand(node.right, p + 1)];
    });
    return group([first, indent(rest)]);
  }
}

const unitWords = ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'dag', 'dage', 'uge', 'uger', 'måned', 'måneder', 'år'];

/** Whether a token is one of the Danish keywords of §15 (a text literal or a name never is). */
function isDanish(t: IToken): boolean {
  return Object.prototype.hasOwnProperty.call(danishSpellings, t.image) && t.tokenType.name !== 'Name' && t.tokenType.name !== 'TextLiteral';
}
