// Documents by URI, each parsed and checked once per version: what a worker or a language server
// keeps between requests.
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  InlayHint,
  Hover,
  Location,
  Position,
  Range,
  SemanticTokens,
} from 'vscode-languageserver-types';
import { getCodeActions, type CodeActionOptions } from './codeActions';
import { getCompletions } from './completion';
import { getDiagnostics } from './diagnostics';
import { VisitDocument, type DocumentOptions } from './document';
import { getFormattingEdits, getRangeFormattingEdits, type FormattingResult } from './formatting';
import { getHover } from './hover';
import { getDefinition, getReferences, prepareRename, rename, type PrepareRenameResult, type RenameResult } from './navigation';
import { getFoldingRanges } from './folding';
import { getInlayHints, type InlayHintOptions } from './inlayHints';
import { getDocumentSymbols } from './outline';
import { getSemanticTokens } from './semanticTokens';

export class LanguageService {
  private readonly documents = new Map<string, VisitDocument>();

  constructor(private options: DocumentOptions = {}) {}

  /** Sets the text of a document (a new version replaces the old one). */
  update(uri: string, text: string, version = 0): VisitDocument {
    const old = this.documents.get(uri);
    if (old && old.text === text && old.version === version) return old;
    const doc = new VisitDocument(uri, text, version, this.options, old);
    this.documents.set(uri, doc);
    return doc;
  }

  /** Param overrides (as literal source text) used by hover for the effective values. */
  setParams(params: Record<string, string>): void {
    this.options = { ...this.options, params };
    for (const [uri, doc] of this.documents) this.documents.set(uri, new VisitDocument(uri, doc.text, doc.version, this.options));
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  private doc(uri: string): VisitDocument {
    const d = this.documents.get(uri);
    if (!d) throw new Error(`no document ${uri}: call update() first`);
    return d;
  }

  diagnostics(uri: string): Diagnostic[] {
    return getDiagnostics(this.doc(uri));
  }
  complete(uri: string, position: Position): CompletionList {
    return getCompletions(this.doc(uri), position);
  }
  hover(uri: string, position: Position): Hover | null {
    return getHover(this.doc(uri), position);
  }
  definition(uri: string, position: Position): Location[] {
    return getDefinition(this.doc(uri), position);
  }
  references(uri: string, position: Position, includeDeclaration = true): Location[] {
    return getReferences(this.doc(uri), position, { includeDeclaration });
  }
  documentSymbols(uri: string): DocumentSymbol[] {
    return getDocumentSymbols(this.doc(uri));
  }
  formatting(uri: string): FormattingResult {
    return getFormattingEdits(this.doc(uri));
  }
  /** Format selection: the edits of formatting the file that touch the lines of `range`. */
  rangeFormatting(uri: string, range: Range): FormattingResult {
    return getRangeFormattingEdits(this.doc(uri), range);
  }
  prepareRename(uri: string, position: Position): PrepareRenameResult {
    return prepareRename(this.doc(uri), position);
  }
  rename(uri: string, position: Position, newName: string): RenameResult {
    return rename(this.doc(uri), position, newName);
  }
  codeActions(uri: string, range: Range, options: CodeActionOptions = {}): CodeAction[] {
    return getCodeActions(this.doc(uri), range, options);
  }
  semanticTokens(uri: string): SemanticTokens {
    return getSemanticTokens(this.doc(uri));
  }
  foldingRanges(uri: string): FoldingRange[] {
    return getFoldingRanges(this.doc(uri));
  }
  inlayHints(uri: string, range: Range, options: InlayHintOptions): InlayHint[] {
    return getInlayHints(this.doc(uri), range, options);
  }
}
