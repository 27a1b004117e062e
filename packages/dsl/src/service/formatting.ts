// Format document as LSP text edits: one edit replacing the whole text, or none.
import type { TextEdit } from 'vscode-languageserver-types';
import type { VisitDocument } from './document';
import { formatSource } from './format';

export type FormattingResult = { edits: TextEdit[] } | { error: string };

export function getFormattingEdits(doc: VisitDocument): FormattingResult {
  const r = formatSource(doc.text);
  if (!r.ok) return { error: r.reason };
  if (r.text === doc.text) return { edits: [] };
  return { edits: [{ range: doc.rangeOf(0, doc.text.length), newText: r.text }] };
}
