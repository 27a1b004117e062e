// Code actions: a quick fix for each diagnostic that proposes a replacement (the checker's
// Diagnostic.suggestion: "did you mean 'x'?", a threshold in the unit of the other side), and, on a
// test without `as of`, an action that pins it to the reference date (LANGUAGE.md §8: without it
// a test runs on whatever date the run has).
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { Diagnostic as VisitDiagnostic } from '../diagnostics';
import { getDiagnostics } from './diagnostics';
import type { VisitDocument } from './document';
import { words } from './words';

export interface CodeActionOptions {
  /** The date `as of` pins a test to (ISO `YYYY-MM-DD`); without it, no such action. */
  referenceDate?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function getCodeActions(doc: VisitDocument, range: Range, options: CodeActionOptions = {}): CodeAction[] {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const actions: CodeAction[] = [];
  const checked = doc.checked.diagnostics;
  const lspDiagnostics = getDiagnostics(doc);
  checked.forEach((d, i) => {
    if (!d.suggestion || !overlaps(d.range.start.offset, d.range.end.offset, start, end)) return;
    const fix = quickFix(doc, d, lspDiagnostics[i]!);
    if (fix) actions.push(fix);
  });
  if (options.referenceDate !== undefined && ISO_DATE.test(options.referenceDate)) {
    for (const t of doc.checked.tests) {
      if (t.asOf || !overlaps(t.range.start.offset, t.range.end.offset, start, end)) continue;
      const brace = doc.text.indexOf('{', t.title.range.end.offset);
      if (brace < 0 || brace > t.range.end.offset) continue;
      const at = doc.positionAt(brace + 1);
      actions.push({
        title: words().pinTest(options.referenceDate),
        kind: CodeActionKind.RefactorRewrite,
        edit: { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: `\n  as of ${options.referenceDate}` }] } },
      });
    }
  }
  return actions;
}

function quickFix(doc: VisitDocument, d: VisitDiagnostic, lsp: ReturnType<typeof getDiagnostics>[number]): CodeAction | undefined {
  const s = d.suggestion!;
  const r = s.range ?? d.range;
  const old = doc.text.slice(r.start.offset, r.end.offset);
  const from = r.start.offset;
  let to = r.end.offset;
  let newText = s.text;
  if (s.replaces !== undefined && old !== s.replaces) {
    if (old === JSON.stringify(s.replaces)) {
      // An enum value written as text ("vocatonal") stays text.
      newText = JSON.stringify(s.text);
    } else {
      // The name at the start of the range (`min_aeg = 4` of a param override).
      const name = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(old)?.[0];
      if (name !== s.replaces) return undefined;
      to = from + name.length;
    }
  }
  return {
    // The title names the replacement only, never the text it replaces.
    title: words().changeTo(newText),
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: [lsp],
    edit: { changes: { [doc.uri]: [{ range: doc.rangeOf(from, to), newText }] } },
  };
}

/** Whether [a, b] and [c, d] share a point (an empty request range at a diagnostic's end counts). */
function overlaps(a: number, b: number, c: number, d: number): boolean {
  return a <= d && c <= b;
}
