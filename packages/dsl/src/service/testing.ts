// Helpers for table tests of the language service, after Langium's: a source with a `<|>` cursor
// marker becomes a document and an LSP position.
import type { Position } from 'vscode-languageserver-types';
import { VisitDocument, type DocumentOptions } from './document';

export const CURSOR = '<|>';

/** Removes the `<|>` marker; returns the document and the position where it was. */
export function atCursor(sourceWithCursor: string, options: DocumentOptions = {}): { doc: VisitDocument; position: Position; offset: number } {
  const offset = sourceWithCursor.indexOf(CURSOR);
  if (offset < 0) throw new Error(`the source has no ${CURSOR} marker`);
  const text = sourceWithCursor.slice(0, offset) + sourceWithCursor.slice(offset + CURSOR.length);
  if (text.includes(CURSOR)) throw new Error(`the source has more than one ${CURSOR} marker`);
  const doc = new VisitDocument('file:///test.visit', text, 0, options);
  return { doc, position: doc.positionAt(offset), offset };
}

/** The text an LSP range covers in a document. */
export function textAt(doc: VisitDocument, range: { start: Position; end: Position }): string {
  return doc.text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}
