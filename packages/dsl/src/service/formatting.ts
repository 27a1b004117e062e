// Format document (one edit replacing the whole text, or none) and format selection (the edits of
// formatting the whole file that touch the selected lines, and no other).
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { VisitDocument } from './document';
import { formatSource } from './format';

export type FormattingResult = { edits: TextEdit[] } | { error: string };

export function getFormattingEdits(doc: VisitDocument): FormattingResult {
  const r = formatSource(doc.text);
  if (!r.ok) return { error: r.reason };
  if (r.text === doc.text) return { edits: [] };
  return { edits: [{ range: doc.rangeOf(0, doc.text.length), newText: r.text }] };
}

/**
 * Format selection. The formatter lays out the whole file (alignment runs over a record, a run of
 * lets or params), so the selection's layout is the whole file's: the lines that formatting the
 * file changes are grouped into hunks, and the hunks that touch a selected line are the edits. So
 * a selection never changes a line outside the hunks it touches, and selecting everything gives
 * exactly the file's formatting. A file that does not parse is refused, as for the whole file.
 */
export function getRangeFormattingEdits(doc: VisitDocument, range: Range): FormattingResult {
  const r = formatSource(doc.text);
  if (!r.ok) return { error: r.reason };
  if (r.text === doc.text) return { edits: [] };
  const old = splitLines(doc.text);
  const formatted = splitLines(r.text);
  const first = range.start.line;
  // A selection that ends at the start of a line does not select that line.
  const last = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  const edits: TextEdit[] = [];
  for (const h of lineHunks(old, formatted)) {
    // A hunk of old lines [from, to); an insertion (from === to) touches the lines beside it.
    const touches = h.from === h.to ? h.from >= first && h.from <= last + 1 : h.from <= last && h.to - 1 >= first;
    if (!touches) continue;
    const start = offsetOfLine(old, h.from);
    const end = offsetOfLine(old, h.to);
    edits.push({ range: doc.rangeOf(start, end), newText: formatted.slice(h.newFrom, h.newTo).join('') });
  }
  return { edits };
}

/** Lines with their line ends, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function offsetOfLine(lines: readonly string[], line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i]!.length;
  return offset;
}

interface Hunk {
  from: number;
  to: number;
  newFrom: number;
  newTo: number;
}

/**
 * The runs of lines that differ between `a` and `b`, by a longest common subsequence of lines.
 * Written here (30 lines) because no diff library is in the tree; the dynamic programme is over
 * the lines between the common head and tail only, and files longer than that allows (more than
 * 4M line pairs) get one hunk from the first difference to the last — still correct, only coarser.
 */
export function lineHunks(a: readonly string[], b: readonly string[]): Hunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 && m === 0) return [];
  if (n * m > 4_000_000 || n === 0 || m === 0) return [{ from: head, to: head + n, newFrom: head, newTo: head + m }];
  // lcs[i][j]: the longest common subsequence of a[head+i..] and b[head+j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  let i = 0;
  let j = 0;
  const close = () => {
    if (open) hunks.push({ ...open, to: head + i, newTo: head + j });
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { from: head + i, to: head + i, newFrom: head + j, newTo: head + j };
    if (j < m && (i === n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) j++;
    else i++;
  }
  close();
  return hunks;
}
