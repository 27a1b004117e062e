// Completion that knows where the cursor is. The grammar says what may come next (Chevrotain's
// content assist over the tokens of the declaration being written); the checked file says which
// names exist and what an enum's values are.
import type { IToken, TokenType } from 'chevrotain';
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import type { Type } from '../check/types';
import { describeType } from '../check/describe';
import { FUNCTIONS } from '../check/index';
import { parserInstance } from '../syntax/parser';
import * as T from '../syntax/tokens';
import type { VisitDocument } from './document';
import { expressionText, literalText } from './text';

const declarationStarts: ReadonlySet<TokenType> = new Set([T.Record, T.Let, T.Param, T.Group, T.Program, T.Test]);
const lineStarts: ReadonlySet<TokenType> = new Set([T.Require, T.Exclude, T.As, T.Given, T.With, T.Expect]);
const wordTokens: ReadonlySet<TokenType> = new Set([T.Name, ...T.keywordTokens, ...T.unitTokens]);
const typeTokens: ReadonlySet<TokenType> = new Set([T.TextType, T.DateType, T.BooleanType, T.NumberType, T.IntegerType]);
const modifierTokens: ReadonlySet<TokenType> = new Set([T.Optional, T.Key, T.Personal]);
const programOutcomes = new Set(['eligible', 'ineligible', 'undetermined']);

const keywordDocs: Record<string, string> = {
  record: 'The shape of one input record: `record Name { field: type modifiers "label" … }`',
  let: 'A derived value, computed per record: `let name = expression`',
  param: 'A named constant that a run may override: `param name = literal "label"`',
  group: 'A named condition (a target group): `group name "label" = condition`',
  program: 'Visitation criteria: `program name "label" { require … exclude … }`',
  test: 'An example case with expected outcomes',
  require: 'The citizen is ineligible if this condition is false',
  exclude: 'The citizen is ineligible if this condition is true',
  between: '`x between lo and hi` means `lo <= x and x <= hi`',
  optional: 'The value may be missing',
  key: 'Identifies the record in output (at most one field)',
  personal: 'Personal data: never shown in diagnostics, logs or explanations',
};

interface Context {
  doc: VisitDocument;
  /** Tokens from the start of the declaration being written up to the cursor (the word being typed excluded). */
  preceding: IToken[];
  atLineStart: boolean;
  replace: { start: number; end: number };
}

/** Completion items at `position`; empty inside comments and texts. Not filtered by the word typed (the editor does that). */
export function getCompletions(doc: VisitDocument, position: Position): CompletionList {
  const offset = doc.offsetAt(position);
  const empty: CompletionList = { isIncomplete: false, items: [] };
  if (insideCommentOrText(doc, offset)) return empty;

  const tokens = doc.tokens;
  let end = 0;
  while (end < tokens.length && tokens[end]!.startOffset < offset) end++;
  let replaceStart = offset;
  const last = tokens[end - 1];
  if (last && (last.endOffset ?? last.startOffset) + 1 >= offset) {
    // The cursor touches the token before it: it is the word being typed (or a number: no completion).
    if (last.tokenType === T.NumberLiteral || last.tokenType === T.DateLiteral) return empty;
    if (wordTokens.has(last.tokenType)) {
      replaceStart = last.startOffset;
      end--;
    }
  }
  let start = end - 1;
  while (start >= 0 && !declarationStarts.has(tokens[start]!.tokenType)) start--;
  const preceding = tokens.slice(Math.max(0, start), end);
  const lineStart = Math.max(doc.text.lastIndexOf('\n', replaceStart - 1), doc.text.lastIndexOf('\r', replaceStart - 1)) + 1;
  const ctx: Context = {
    doc,
    preceding,
    atLineStart: doc.text.slice(lineStart, replaceStart).trim() === '',
    replace: { start: replaceStart, end: offset },
  };

  let paths: { nextTokenType: TokenType; ruleStack: string[] }[];
  try {
    paths = parserInstance.computeContentAssist('file', preceding);
  } catch {
    paths = [];
  }
  const items = new Map<string, CompletionItem>();
  const add = (item: CompletionItem) => {
    if (!items.has(item.label)) items.set(item.label, withRange(ctx, item));
  };

  if (paths.length === 0) {
    // The declaration so far does not parse: offer what is most often wanted.
    if (ctx.atLineStart) for (const k of declarationKeywords(ctx)) add(k);
    for (const n of expressionNames(ctx)) add(n);
    return { isIncomplete: false, items: [...items.values()] };
  }

  const enumValues = enumContext(ctx);
  for (const { nextTokenType: t, ruleStack } of paths) {
    const rule = ruleStack[ruleStack.length - 1] ?? '';
    if (t === T.Name) {
      if (rule === 'primary') {
        if (enumValues) for (const v of enumValues) add(v);
        else for (const n of expressionNames(ctx)) add(n);
      } else if (rule === 'expectation') {
        for (const n of testTargets(ctx)) add(n);
      } else if (rule === 'givenEntry') {
        for (const n of givenFields(ctx)) add(n);
      } else if (rule === 'withOverride') {
        for (const n of paramNames(ctx)) add(n);
      }
      continue;
    }
    if (t === T.UnitWord) {
      for (const u of units(ctx, rule)) add(u);
      continue;
    }
    // Where an enum value is expected, the values are the only sensible words.
    if (enumValues) continue;
    for (const k of keywordItems(ctx, t, rule)) add(k);
  }
  return { isIncomplete: false, items: [...items.values()] };
}

function withRange(ctx: Context, item: CompletionItem): CompletionItem {
  const range = ctx.doc.rangeOf(ctx.replace.start, ctx.replace.end);
  return { ...item, textEdit: { range, newText: item.insertText ?? item.label } };
}

// ------------------------------------------------------------------ where the cursor is

function insideCommentOrText(doc: VisitDocument, offset: number): boolean {
  for (const c of doc.comments) {
    const start = c.startOffset;
    const end = (c.endOffset ?? start) + 1;
    if (start >= offset) break;
    const isLine = c.image.startsWith('//');
    if (offset < end || (isLine && offset === end)) return true;
  }
  // Inside a text: an odd number of unescaped quotes before the cursor on its line.
  const lineStart = Math.max(doc.text.lastIndexOf('\n', offset - 1), doc.text.lastIndexOf('\r', offset - 1)) + 1;
  let inside = false;
  for (let i = lineStart; i < offset; i++) {
    const ch = doc.text[i];
    if (ch === '\\' && inside) i++;
    else if (ch === '"') inside = !inside;
    else if (!inside && ch === '/' && doc.text[i + 1] === '/') return false;
  }
  return inside;
}

/** The values of the enum being compared (`benefit = `, `benefit in (a, `, `benefit: ` in given). */
function enumContext(ctx: Context): CompletionItem[] | undefined {
  const toks = ctx.preceding;
  let i = toks.length - 1;
  let subject: IToken | undefined;
  const at = (k: number) => toks[k]?.tokenType;
  if (at(i) === T.Equal || at(i) === T.EqualEqual || at(i) === T.NotEqual) {
    if (at(i - 1) === T.Name) subject = toks[i - 1];
  } else if (at(i) === T.Colon && at(i - 1) === T.Name) {
    subject = toks[i - 1];
  } else {
    // Inside `x in (a, b, `: back to the parenthesis.
    while (i >= 0 && at(i) !== T.LParen) {
      const t = at(i);
      if (t !== T.Comma && t !== T.Name && t !== T.TextLiteral && t !== T.NumberLiteral) return undefined;
      i--;
    }
    if (i < 1 || at(i - 1) !== T.In) return undefined;
    const before = at(i - 2) === T.Not ? i - 3 : i - 2;
    if (at(before) === T.Name) subject = toks[before];
  }
  if (!subject) return undefined;
  const t = typeOfName(ctx, subject.image);
  if (t?.kind === 'enum') {
    const field = ctx.doc.names.fields.get(subject.image);
    return t.values.map((v, n) => ({
      label: v,
      kind: CompletionItemKind.EnumMember,
      detail: `value of ${subject.image}`,
      sortText: `0${String(n).padStart(4, '0')}`,
      ...(field?.label ? { documentation: field.label.value } : {}),
    }));
  }
  if (t?.kind === 'boolean' && at(toks.length - 1) === T.Colon) {
    return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Keyword, sortText: `0${v}` }));
  }
  return undefined;
}

function typeOfName(ctx: Context, name: string): Type | undefined {
  const c = ctx.doc.names;
  return c.fieldTypes.get(name) ?? c.letTypes.get(name) ?? c.paramTypes.get(name);
}

// ------------------------------------------------------------------ items

/** The name of the let or group being written: offering it would make a cycle. */
function beingDeclared(ctx: Context): string | undefined {
  const [head, name] = ctx.preceding;
  return (head?.tokenType === T.Let || head?.tokenType === T.Group) && name?.tokenType === T.Name ? name.image : undefined;
}

function expressionNames(ctx: Context): CompletionItem[] {
  const c = ctx.doc.names;
  // The names may come from the previous version (see VisitDocument.names): its ranges are into its own text.
  const src = c.source;
  const self = beingDeclared(ctx);
  const items: CompletionItem[] = [];
  for (const [name, f] of c.fields) {
    const t = c.fieldTypes.get(name);
    items.push({
      label: name,
      kind: f.type.kind === 'EnumType' ? CompletionItemKind.Enum : CompletionItemKind.Field,
      detail: `field: ${src.slice(f.type.range.start.offset, f.type.range.end.offset).replace(/\s+/g, ' ')}${f.modifiers.some((m) => m.modifier === 'optional') ? ' optional' : ''}`,
      ...(f.label ? { documentation: f.label.value } : t ? { documentation: describeType(t) } : {}),
      sortText: `1${name}`,
    });
  }
  for (const [name, l] of c.lets) {
    if (name === self) continue;
    items.push({ label: name, kind: CompletionItemKind.Variable, detail: `let ${name} = ${expressionText(src, l.value, 80, c.personal)}`, sortText: `2${name}` });
  }
  for (const [name, p] of c.params) {
    items.push({
      label: name,
      kind: CompletionItemKind.Constant,
      detail: `param ${name} = ${c.paramValues.has(name) ? literalText(c.paramValues.get(name)!) : expressionText(src, p.value, 80, c.personal)}`,
      ...(p.label ? { documentation: p.label.value } : {}),
      sortText: `3${name}`,
    });
  }
  for (const [name, g] of c.groups) {
    if (name === self) continue;
    items.push({
      label: name,
      kind: CompletionItemKind.Class,
      detail: `group${g.label ? `: ${g.label.value}` : ''}`,
      documentation: expressionText(src, g.condition, 200, c.personal),
      sortText: `4${name}`,
    });
  }
  for (const fn of FUNCTIONS) {
    items.push({
      label: fn,
      kind: CompletionItemKind.Function,
      detail: `${fn}(date)`,
      documentation:
        fn === 'age_of'
          ? 'Age on the reference date, in whole completed units of the duration it is compared with'
          : 'Time from a date to the reference date, in whole completed units of the duration it is compared with',
      insertText: `${fn}($1)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `5${fn}`,
    });
  }
  return items;
}

function testTargets(ctx: Context): CompletionItem[] {
  const c = ctx.doc.names;
  return [
    ...[...c.groups.values()].map((g) => ({ label: g.name.text, kind: CompletionItemKind.Class, detail: `group${g.label ? `: ${g.label.value}` : ''}`, sortText: `1${g.name.text}` })),
    ...[...c.programs.values()].map((p) => ({ label: p.name.text, kind: CompletionItemKind.Module, detail: `program${p.label ? `: ${p.label.value}` : ''}`, sortText: `2${p.name.text}` })),
  ];
}

function givenFields(ctx: Context): CompletionItem[] {
  const c = ctx.doc.names;
  // Fields already given in this block are not offered again.
  const given = new Set<string>();
  const toks = ctx.preceding;
  for (let i = toks.length - 1; i > 0 && toks[i]!.tokenType !== T.Given; i--) {
    if (toks[i]!.tokenType === T.Colon && toks[i - 1]!.tokenType === T.Name) given.add(toks[i - 1]!.image);
  }
  return [...c.fields.values()]
    .filter((f) => !given.has(f.name.text))
    .map((f, n) => ({
      label: f.name.text,
      kind: CompletionItemKind.Field,
      detail: ctx.doc.text.slice(f.type.range.start.offset, f.type.range.end.offset).replace(/\s+/g, ' '),
      ...(f.label ? { documentation: f.label.value } : {}),
      insertText: `${f.name.text}: `,
      sortText: `1${String(n).padStart(4, '0')}`,
    }));
}

function paramNames(ctx: Context): CompletionItem[] {
  const c = ctx.doc.names;
  return [...c.params.values()].map((p) => ({
    label: p.name.text,
    kind: CompletionItemKind.Constant,
    detail: `param = ${expressionText(c.source, p.value, 80, c.personal)}`,
    ...(p.label ? { documentation: p.label.value } : {}),
    sortText: `1${p.name.text}`,
  }));
}

function units(ctx: Context, rule: string): CompletionItem[] {
  const prev = ctx.preceding[ctx.preceding.length - 1];
  const one = rule === 'primary' && prev?.tokenType === T.NumberLiteral && Number(prev.image) === 1;
  const words = one ? ['day', 'week', 'month', 'year'] : ['days', 'weeks', 'months', 'years'];
  return words.map((w, n) => ({ label: w, kind: CompletionItemKind.Unit, sortText: `0${n}` }));
}

function keyword(word: string, sort: string, extra: Partial<CompletionItem> = {}): CompletionItem {
  return {
    label: word,
    kind: CompletionItemKind.Keyword,
    sortText: `${sort}${word}`,
    ...(keywordDocs[word] ? { documentation: keywordDocs[word] } : {}),
    ...extra,
  };
}

function snippet(label: string, insertText: string, sort: string, documentation?: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    insertText,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `${sort}${label}`,
    ...(documentation ? { documentation } : {}),
  };
}

function declarationKeywords(ctx: Context): CompletionItem[] {
  const hasRecord = ctx.doc.names.record !== undefined;
  return T.keywordRoles.declaration.filter((w) => w !== 'record' || !hasRecord).map((w) => keyword(w, '6'));
}

function keywordItems(ctx: Context, t: TokenType, rule: string): CompletionItem[] {
  if (declarationStarts.has(t)) {
    if (!ctx.atLineStart || (t === T.Record && ctx.doc.names.record)) return [];
    return [keyword(wordOf(t), '6')];
  }
  if (lineStarts.has(t)) {
    if (!ctx.atLineStart) return [];
    if (t === T.As) return [keyword('as of', '5', { insertText: 'as of ' })];
    if (t === T.Given) return [snippet('given { … }', 'given { $1 }', '5', 'The field values of the example case')];
    return [keyword(wordOf(t), '5')];
  }
  if (typeTokens.has(t)) return [keyword(wordOf(t), '1', { kind: CompletionItemKind.TypeParameter })];
  if (t === T.One) return [snippet('one of (…)', 'one of ($1)', '1', 'An enum: one of the listed values')];
  if (modifierTokens.has(t)) return [keyword(wordOf(t), '1')];
  if (t === T.At) return [snippet('at least … of (…)', 'at least ${1:2} of (${2})', '7', 'At least N of the conditions hold')];
  if (t === T.Is) return [keyword('is known', '7', { insertText: 'is known' }), keyword('is missing', '7', { insertText: 'is missing' })];
  // After a value, `not` can only start `not in`; `in` is a unit's in a record, a list's elsewhere.
  if (t === T.Not && afterValue(ctx)) return [keyword('not in', '7', { insertText: 'not in (' })];
  if (t === T.In && rule === 'typeSpec') return [keyword('in', '2', { documentation: 'The unit the number counts: `in weeks`' })];
  if (t === T.In) return [keyword('in', '7', { insertText: 'in (' })];
  if ([T.Unknown, T.Eligible, T.Ineligible, T.Undetermined, T.True, T.False].includes(t)) return outcome(ctx, t);
  if ([T.Not, T.And, T.Or, T.Between, T.Known, T.Missing, T.Least, T.Of, T.True, T.False].includes(t)) return [keyword(wordOf(t), '7')];
  return [];
}

/** After `expect name`: a program's outcomes, or `unknown` for a group. */
function outcome(ctx: Context, t: TokenType): CompletionItem[] {
  const word = wordOf(t);
  if (word === 'true' || word === 'false') return [];
  const target = ctx.preceding[ctx.preceding.length - 1];
  const c = ctx.doc.names;
  if (target && c.programs.has(target.image) && !programOutcomes.has(word)) return [];
  if (target && c.groups.has(target.image) && word !== 'unknown') return [];
  return [keyword(word, '0')];
}

const valueEnds: ReadonlySet<TokenType> = new Set([T.Name, T.NumberLiteral, T.DateLiteral, T.TextLiteral, T.True, T.False, T.RParen, T.UnitWord, ...T.unitTokens]);

/** The cursor follows a complete value (so an operator, not an operand, comes next). */
function afterValue(ctx: Context): boolean {
  const prev = ctx.preceding[ctx.preceding.length - 1];
  return prev !== undefined && valueEnds.has(prev.tokenType);
}

function wordOf(t: TokenType): string {
  return (t.PATTERN as RegExp).source;
}
