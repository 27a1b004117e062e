// Folding ranges: each declaration that spans lines (a record, a program, a test, a group or let
// written over several lines), and each run of two or more `//` comment lines.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { VisitDocument } from './document';

export function getFoldingRanges(doc: VisitDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const d of doc.checked.file.declarations) {
    const start = d.range.start.line - 1;
    let end = d.range.end.line - 1;
    // A block's closing brace on a line of its own stays visible: `record C { … }`.
    const last = doc.text.slice(d.range.start.offset, d.range.end.offset).trimEnd();
    if (last.endsWith('}') && end > start && /^\s*\}\s*$/.test(lineText(doc, end))) end -= 1;
    if (end > start) ranges.push({ startLine: start, endLine: end });
  }
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start) ranges.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of doc.comments) {
    const line = (c.startLine ?? 1) - 1;
    // Only a comment that is alone on its line joins a run.
    if (!/^\s*$/.test(lineText(doc, line).slice(0, (c.startColumn ?? 1) - 1))) {
      flush();
      continue;
    }
    if (run && line === run.end + 1) run.end = line;
    else {
      flush();
      run = { start: line, end: line };
    }
  }
  flush();
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function lineText(doc: VisitDocument, line: number): string {
  const start = doc.offsetAt({ line, character: 0 });
  const end = doc.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  return doc.text.slice(start, end);
}
