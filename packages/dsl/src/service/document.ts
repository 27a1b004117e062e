// One text document as the language service sees it: the text, its parse and check (computed
// lazily, once per version), its tokens, and conversions between LSP positions and offsets.
import type { IToken } from 'chevrotain';
import type * as lsp from 'vscode-languageserver-types';
import type { Range } from '../ast';
import { check } from '../check/index';
import type { CheckedFile } from '../check/types';
import { VisitLexer } from '../syntax/tokens';
import { buildSymbolIndex, type SymbolIndex } from './symbols-index';

export interface DocumentOptions {
  /** Param overrides as literal source text, as in `check` (hover shows the effective value). */
  params?: Record<string, string>;
}

export class VisitDocument {
  private checkedFile?: CheckedFile;
  private lexed?: { tokens: IToken[]; comments: IToken[] };
  private symbolIndex?: SymbolIndex;
  private lineStarts?: number[];

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly version = 0,
    readonly options: DocumentOptions = {},
    /** The version before this one: completion may use its names while this one is not checked yet. */
    previous?: VisitDocument,
  ) {
    // Keep only the latest checked version, never a chain of versions.
    this.previous = previous?.checkedFile ? previous : previous?.previous;
  }
  private previous?: VisitDocument;

  get checked(): CheckedFile {
    this.checkedFile ??= check(this.text, this.options.params ? { params: this.options.params } : {});
    this.previous = undefined;
    return this.checkedFile;
  }

  /**
   * The declared names and types for completion: this version's check if it was made, else the
   * previous version's (a keystroke rarely changes them, and completion must answer at once).
   */
  get names(): CheckedFile {
    return this.checkedFile ?? this.previous?.checkedFile ?? this.checked;
  }

  /** Code tokens (no comments, no white space), in source order. */
  get tokens(): IToken[] {
    return this.lex().tokens;
  }

  /** Comment tokens, in source order. */
  get comments(): IToken[] {
    return this.lex().comments;
  }

  get index(): SymbolIndex {
    this.symbolIndex ??= buildSymbolIndex(this.checked);
    return this.symbolIndex;
  }

  private lex(): { tokens: IToken[]; comments: IToken[] } {
    if (!this.lexed) {
      const r = VisitLexer.tokenize(this.text);
      this.lexed = { tokens: r.tokens, comments: r.groups.comments ?? [] };
    }
    return this.lexed;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      // Same line breaks as LineMap: LF, CRLF, and a lone CR.
      const starts = [0];
      const s = this.text;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && s.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** The offset of an LSP position, clamped to the line and the document. */
  offsetAt(p: lsp.Position): number {
    const starts = this.starts();
    if (p.line < 0) return 0;
    if (p.line >= starts.length) return this.text.length;
    const start = starts[p.line]!;
    const next = p.line + 1 < starts.length ? starts[p.line + 1]! : this.text.length;
    let end = next;
    // The line's own end excludes its line break.
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, p.character), end);
  }

  positionAt(offset: number): lsp.Position {
    const starts = this.starts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  rangeOf(start: number, end: number): lsp.Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** An AST range (1-based lines and columns) as an LSP range (0-based). */
export function toLspRange(r: Range): lsp.Range {
  return {
    start: { line: r.start.line - 1, character: r.start.column - 1 },
    end: { line: r.end.line - 1, character: r.end.column - 1 },
  };
}

/** True when `offset` lies within `r`, counting its end (a cursor right after a name is on it). */
export function touches(r: Range, offset: number): boolean {
  return r.start.offset <= offset && offset <= r.end.offset;
}
