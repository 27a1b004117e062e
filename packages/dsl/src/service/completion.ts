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
import { FUNCTIONS, LIST_FUNCTIONS } from '../check/index';
import * as A from '../ast';
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

const functionDetails: Record<(typeof FUNCTIONS)[number], [string, string]> = {
  age_of: ['age_of(date)', 'Age on the reference date, in whole completed units of the duration it is compared with'],
  time_since: ['time_since(date)', 'Time from a date to the reference date, in whole completed units of the duration it is compared with'],
  time_between: ['time_between(date, date)', 'Time from the first date to the second, in whole completed units of the duration it is compared with'],
  any: ['any(list where condition)', 'The condition holds for at least one element'],
  all: ['all(list where condition)', 'The condition holds for every element (true for an empty list)'],
  none: ['none(list where condition)', 'The condition holds for no element'],
  count: ['count(list where condition)', 'The number of elements for which the condition holds'],
  time_in: ['time_in(periods where condition, last N unit)', 'Days of the window covered by the periods for which the condition holds'],
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
        const where = whereList(ctx);
        if (enumValues) for (const v of enumValues) add(v);
        else if (where) for (const n of whereNames(ctx, where)) add(n);
        else for (const n of expressionNames(ctx)) add(n);
      } else if (rule === 'expectation') {
        for (const n of testTargets(ctx)) add(n);
      } else if (rule === 'givenEntry') {
        const element = givenElementList(ctx);
        if (element) for (const n of givenElementFields(ctx, element)) add(n);
        else for (const n of givenFields(ctx)) add(n);
      } else if (rule === 'withOverride') {
        for (const n of paramNames(ctx)) add(n);
      } else if (rule === 'callArgument') {
        for (const k of listCallWords(ctx)) add(k);
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
    const before = at(i - 2) === T.Not || at(i - 2) === T.Ikke ? i - 3 : i - 2;
    if (at(before) === T.Name) subject = toks[before];
  }
  if (!subject) return undefined;
  // Inside `L where …` and in a given list's element, the element's fields come first (§12).
  const list = whereList(ctx) ?? givenElementList(ctx);
  const element = list && elementField(ctx, list, subject.image);
  const t = element ? elementType(ctx, list, subject.image) : typeOfName(ctx, subject.image);
  if (t?.kind === 'enum') {
    const field = element ?? ctx.doc.names.fields.get(subject.image);
    return t.values.map((v, n) => ({
      label: v,
      kind: CompletionItemKind.EnumMember,
      detail: `value of ${subject.image}`,
      sortText: `0${String(n).padStart(4, '0')}`,
      ...(field?.label ? { documentation: field.label.value } : {}),
    }));
  }
  if (t?.kind === 'boolean' && at(toks.length - 1) === T.Colon) {
    return (usesDanish(ctx) ? ['ja', 'nej'] : ['true', 'false']).map((v) => ({ label: v, kind: CompletionItemKind.Keyword, sortText: `0${v}` }));
  }
  return undefined;
}

/**
 * The list field whose `where` condition the cursor is in (`any(forløb where kind = |`), found
 * from the tokens: the innermost unclosed `(` of a list function, with `L where` after it and no
 * comma of that call since.
 */
function whereList(ctx: Context): A.FieldDeclaration | undefined {
  const toks = ctx.preceding;
  let depth = 0;
  let comma = false;
  for (let i = toks.length - 1; i >= 0; i--) {
    const t = toks[i]!.tokenType;
    if (t === T.RParen) depth++;
    else if (t === T.Comma && depth === 0) comma = true;
    else if (t === T.LParen) {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = toks[i - 1];
      const list = toks[i + 1];
      const where = toks[i + 2];
      if (callee?.tokenType === T.Name && LIST_FUNCTIONS.includes(callee.image)) {
        if (comma || list?.tokenType !== T.Name || where?.image !== T.contextualWords.where) return undefined;
        const field = ctx.doc.names.fields.get(list.image);
        return field?.type.kind === 'ListType' ? field : undefined;
      }
      comma = false; // a comma inside `in (a, b, …` or another call is not this call's
    }
  }
  return undefined;
}

/** The list field whose given element `{ … }` the cursor is in (`given { forløb: [{ kind: x, | `). */
function givenElementList(ctx: Context): A.FieldDeclaration | undefined {
  const toks = ctx.preceding;
  let depth = 0;
  for (let i = toks.length - 1; i >= 0; i--) {
    const t = toks[i]!.tokenType;
    if (t === T.RCurly || t === T.RBracket) depth++;
    else if (t === T.LCurly || t === T.LBracket) {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (t === T.LCurly) {
        // `{` of an element: after `[` or `,` inside the list's brackets.
        continue;
      }
      const colon = toks[i - 1];
      const name = toks[i - 2];
      if (colon?.tokenType !== T.Colon || name?.tokenType !== T.Name) return undefined;
      // The innermost unclosed `{` must come after this `[` (the cursor is inside an element).
      let inner = 0;
      let open = false;
      for (let j = i + 1; j < toks.length; j++) {
        const u = toks[j]!.tokenType;
        if (u === T.LCurly) {
          inner++;
          open = inner === 1 ? true : open;
        } else if (u === T.RCurly) {
          inner--;
          if (inner === 0) open = false;
        }
      }
      if (!open) return undefined;
      const field = ctx.doc.names.fields.get(name.image);
      return field?.type.kind === 'ListType' ? field : undefined;
    }
  }
  return undefined;
}

function elementField(ctx: Context, list: A.FieldDeclaration, name: string): A.FieldDeclaration | undefined {
  void ctx;
  return list.type.kind === 'ListType' ? list.type.fields.find((f) => f.name.text === name) : undefined;
}

function elementType(ctx: Context, list: A.FieldDeclaration, name: string): Type | undefined {
  const t = ctx.doc.names.fieldTypes.get(list.name.text);
  return t?.kind === 'list' ? t.fields.get(name) : undefined;
}

/** Inside `L where …`: the element's fields, then params and the lets that read no record field (§12). */
function whereNames(ctx: Context, list: A.FieldDeclaration): CompletionItem[] {
  const c = ctx.doc.names;
  const src = c.source;
  const items: CompletionItem[] = [];
  const fields = list.type.kind === 'ListType' ? list.type.fields : [];
  for (const f of fields) {
    const t = elementType(ctx, list, f.name.text);
    items.push({
      label: f.name.text,
      kind: f.type.kind === 'EnumType' ? CompletionItemKind.Enum : CompletionItemKind.Field,
      detail: `${list.name.text} element field: ${src.slice(f.type.range.start.offset, f.type.range.end.offset).replace(/\s+/g, ' ')}${f.modifiers.some((m) => m.modifier === 'optional') ? ' optional' : ''}`,
      ...(f.label ? { documentation: f.label.value } : t ? { documentation: describeType(t) } : {}),
      sortText: `0${f.name.text}`,
    });
  }
  const shadowed = new Set(fields.map((f) => f.name.text));
  for (const item of expressionNames(ctx)) {
    if (shadowed.has(item.label)) continue;
    if (c.params.has(item.label)) items.push(item);
    else if (c.lets.has(item.label) && !readsRecord(ctx, c.lets.get(item.label)!, new Set())) items.push(item);
    else if (item.kind === CompletionItemKind.Function && !LIST_FUNCTIONS.includes(item.label)) items.push(item);
  }
  return items;
}

/** Does a let read a record field (directly, or through lets and groups)? */
function readsRecord(ctx: Context, l: A.LetDeclaration, seen: Set<string>): boolean {
  if (seen.has(l.name.text)) return false;
  seen.add(l.name.text);
  const r = ctx.doc.names.resolutions;
  const stack: A.Expression[] = [l.value];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'Reference') {
      const x = r.get(e.id);
      if (x?.kind === 'field' || x?.kind === 'group') return true;
      if (x?.kind === 'let' && readsRecord(ctx, x.decl, seen)) return true;
    }
    stack.push(...A.childExpressions(e));
  }
  return false;
}


/**
 * The words of a list call's arguments (§12): `where` after `any(L `, `count(L `, …, and
 * `last N unit` as time_in's second argument.
 */
function listCallWords(ctx: Context): CompletionItem[] {
  const toks = ctx.preceding;
  const at = (k: number) => toks[toks.length - k];
  const list = at(1);
  const open = at(2);
  const callee = at(3);
  if (list?.tokenType === T.Name && open?.tokenType === T.LParen && callee && LIST_FUNCTIONS.includes(callee.image)) {
    const field = ctx.doc.names.fields.get(list.image);
    if (field?.type.kind === 'ListType') return [keyword('where', '0', { documentation: `The elements of ${list.image} for which a condition holds: \`${callee.image}(${list.image} where …)\`` })];
  }
  if (at(1)?.tokenType === T.Comma) {
    // time_in(L [where c], |: the call's `(` at depth 0.
    let depth = 0;
    for (let i = toks.length - 2; i >= 1; i--) {
      const t = toks[i]!.tokenType;
      if (t === T.RParen) depth++;
      else if (t === T.LParen && depth-- === 0) {
        if (toks[i - 1]?.image === 'time_in') return [snippet('last N weeks', 'last ${1:52} ${2:weeks}', '0', 'The window of time_in: the days up to the reference date')];
        break;
      }
    }
  }
  return [];
}

/** In a given list's element: the element's fields not given yet in it. */
function givenElementFields(ctx: Context, list: A.FieldDeclaration): CompletionItem[] {
  const given = new Set<string>();
  const toks = ctx.preceding;
  for (let i = toks.length - 1; i > 0 && toks[i]!.tokenType !== T.LCurly; i--) {
    if (toks[i]!.tokenType === T.Colon && toks[i - 1]!.tokenType === T.Name) given.add(toks[i - 1]!.image);
  }
  const fields = list.type.kind === 'ListType' ? list.type.fields : [];
  return fields
    .filter((f) => !given.has(f.name.text))
    .map((f, n) => ({
      label: f.name.text,
      kind: CompletionItemKind.Field,
      detail: ctx.doc.names.source.slice(f.type.range.start.offset, f.type.range.end.offset).replace(/\s+/g, ' '),
      ...(f.label ? { documentation: f.label.value } : {}),
      insertText: `${f.name.text}: `,
      sortText: `1${String(n).padStart(4, '0')}`,
    }));
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
      detail: functionDetails[fn][0],
      documentation: functionDetails[fn][1],
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
  const words = usesDanish(ctx)
    ? (['days', 'weeks', 'months', 'years'] as const).map((u) => T.danishUnit(u, one))
    : one ? ['day', 'week', 'month', 'year'] : ['days', 'weeks', 'months', 'years'];
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
  // Danish (§15): offered in a file that already uses Danish keywords, and there instead of the English ones.
  const danish = usesDanish(ctx);
  if (t === T.Mindst) return danish ? [snippet('mindst … af (…)', 'mindst ${1:2} af (${2})', '7', 'At least N of the conditions hold')] : [];
  if (t === T.Er) return danish ? [keyword('er kendt', '7', { insertText: 'er kendt' })] : [];
  if (t === T.Mangler) return danish ? [keyword('mangler', '7')] : [];
  if (t === T.Kendt || t === T.Af) return danish ? [keyword(wordOf(t), '7')] : [];
  if (danish && (t === T.At || t === T.Is)) return [];
  if (t === T.At) return [snippet('at least … of (…)', 'at least ${1:2} of (${2})', '7', 'At least N of the conditions hold')];
  if (t === T.Is) return [keyword('is known', '7', { insertText: 'is known' }), keyword('is missing', '7', { insertText: 'is missing' })];
  // After a value, `not` can only start `not in`; `in` is a unit's in a record, a list's elsewhere.
  if (t === T.Not && afterValue(ctx)) return [danish ? keyword('ikke in', '7', { insertText: 'ikke in (' }) : keyword('not in', '7', { insertText: 'not in (' })];
  if (t === T.In && rule === 'typeSpec') return [keyword('in', '2', { documentation: 'The unit the number counts: `in weeks`' })];
  if (t === T.In) return [keyword('in', '7', { insertText: 'in (' })];
  if ([T.Unknown, T.Eligible, T.Ineligible, T.Undetermined, T.True, T.False].includes(t)) return outcome(ctx, t);
  if ([T.Not, T.And, T.Or, T.Between, T.True, T.False].includes(t)) return [keyword(danish ? danishWords[wordOf(t)]! : wordOf(t), '7')];
  if ([T.Known, T.Missing, T.Least, T.Of].includes(t)) return [keyword(wordOf(t), '7')];
  return [];
}

/** The Danish spelling of the English keywords that have one word in Danish too. */
const danishWords: Readonly<Record<string, string>> = { not: 'ikke', and: 'og', or: 'eller', between: 'mellem', true: 'ja', false: 'nej' };

const danishTokens: ReadonlySet<TokenType> = new Set(T.danishTokens);

/** Whether the file already uses a Danish keyword (§15): completion then offers the Danish spellings. */
function usesDanish(ctx: Context): boolean {
  return ctx.doc.tokens.some((t) => danishTokens.has(t.tokenType));
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

const valueEnds: ReadonlySet<TokenType> = new Set([T.Name, T.NumberLiteral, T.DateLiteral, T.TextLiteral, T.True, T.False, T.Ja, T.Nej, T.RParen, T.UnitWord, ...T.unitTokens]);

/** The cursor follows a complete value (so an operator, not an operand, comes next). */
function afterValue(ctx: Context): boolean {
  const prev = ctx.preceding[ctx.preceding.length - 1];
  return prev !== undefined && valueEnds.has(prev.tokenType);
}

function wordOf(t: TokenType): string {
  return (t.PATTERN as RegExp).source;
}
