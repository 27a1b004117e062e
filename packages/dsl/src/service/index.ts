// The Visit language service: plain functions over a document, speaking LSP types, with no editor
// dependency — Monaco's worker uses it today, a VS Code language server could tomorrow.
//
//   const doc = new VisitDocument('file:///rules.visit', text);
//   getDiagnostics(doc); getCompletions(doc, { line, character }); getHover(doc, position); …
export { VisitDocument, toLspRange, type DocumentOptions } from './document';
export { getDiagnostics } from './diagnostics';
export { getCompletions } from './completion';
export { getHover } from './hover';
export { getDefinition, getReferences, prepareRename, rename, type PrepareRenameResult, type RenameResult } from './navigation';
export { getDocumentSymbols } from './outline';
export { getFormattingEdits, getRangeFormattingEdits, type FormattingResult } from './formatting';
export { format, formatSource, printExpression, FORMAT_WIDTH, type FormatResult } from './format';
export { buildSymbolIndex, symbolKey, type SymbolIndex, type SymbolDefinition, type Occurrence, type SymbolKind } from './symbols-index';
export { getCodeActions, type CodeActionOptions } from './codeActions';
export { getSemanticTokens, SEMANTIC_TOKENS_LEGEND, SEMANTIC_TOKEN_TYPES, SEMANTIC_TOKEN_MODIFIERS, type SemanticTokenType, type SemanticTokenModifier } from './semanticTokens';
export { getFoldingRanges } from './folding';
export { getInlayHints, type InlayHintOptions } from './inlayHints';
export { SERVICE_WORDS, type ServiceWords } from './words';
export { LanguageService } from './language-service';
