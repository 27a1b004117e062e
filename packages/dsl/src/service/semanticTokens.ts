// Semantic tokens (full document): what each name is — a field, a param, a group, a program, an
// enum value, … — from the symbol index (the checker's resolutions), and the unit words, so an
// editor can colour `unge` as a group wherever it stands. LSP's relative encoding.
import { tokenMatcher } from 'chevrotain';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { UnitWord, unitTokens } from '../syntax/tokens';
import type { VisitDocument } from './document';
import type { SymbolKind } from './symbols-index';

/**
 * Token types: the LSP's standard names where one fits (themes colour them), and `unit` for
 * days/weeks/months/years (an extension maps it to a TextMate scope).
 */
export const SEMANTIC_TOKEN_TYPES = ['struct', 'property', 'variable', 'parameter', 'class', 'namespace', 'enumMember', 'unit'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
/** `declaration`: the name where it is declared; `personal`: a field marked personal (and its uses). */
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'personal'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

function typeOf(kind: SymbolKind): SemanticTokenType {
  switch (kind) {
    case 'record':
      return 'struct';
    case 'field':
    case 'element':
      return 'property';
    case 'let':
      return 'variable';
    case 'param':
      return 'parameter';
    case 'group':
      return 'class';
    case 'program':
      return 'namespace';
    case 'enumValue':
      return 'enumMember';
    default:
      return assertNever(kind);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected symbol kind ${String(x)}`);
}

interface Token {
  offset: number;
  line: number;
  character: number;
  length: number;
  type: number;
  modifiers: number;
}

export function getSemanticTokens(doc: VisitDocument): SemanticTokens {
  const tokens: Token[] = [];
  const index = doc.index;
  for (const o of index.occurrences) {
    const def = index.definitions.get(o.key);
    if (!def) continue;
    // Names stand on one line; a token may not span lines.
    if (o.range.start.line !== o.range.end.line) continue;
    let modifiers = 0;
    if (o.role === 'declaration') modifiers |= 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf('declaration');
    if ((def.kind === 'field' || def.kind === 'element') && def.node.kind === 'Field' && def.node.modifiers.some((m) => m.modifier === 'personal')) {
      modifiers |= 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf('personal');
    }
    tokens.push({
      offset: o.range.start.offset,
      line: o.range.start.line - 1,
      character: o.range.start.column - 1,
      length: o.range.end.offset - o.range.start.offset,
      type: SEMANTIC_TOKEN_TYPES.indexOf(typeOf(def.kind)),
      modifiers,
    });
  }
  const unit = SEMANTIC_TOKEN_TYPES.indexOf('unit');
  for (const t of doc.tokens) {
    if (!(tokenMatcher(t, UnitWord) || unitTokens.includes(t.tokenType))) continue;
    tokens.push({ offset: t.startOffset, line: (t.startLine ?? 1) - 1, character: (t.startColumn ?? 1) - 1, length: t.image.length, type: unit, modifiers: 0 });
  }
  tokens.sort((a, b) => a.offset - b.offset);
  const data: number[] = [];
  let line = 0;
  let character = 0;
  let lastOffset = -1;
  for (const t of tokens) {
    // One token per place (a name indexed twice, e.g. a shorthand, is sent once).
    if (t.offset === lastOffset) continue;
    lastOffset = t.offset;
    data.push(t.line - line, t.line === line ? t.character - character : t.character, t.length, t.type, t.modifiers);
    line = t.line;
    character = t.character;
  }
  return { data };
}
