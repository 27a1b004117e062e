// Diagnostics as compilers print them: `file:line:col: error: message`, then the source line with
// a caret under the range (first line of the range only), like rustc and cel-go:
//
//   rules.visit:3:11: error: unknown name 'agee': did you mean 'age'?
//     3 | group x = agee < 30 years
//       |           ^~~~
//
// A personal value on the line (Diagnostic.personal: a test's `given` CPR number) is printed as
// •••, so the snippet never shows what the message withholds; so is anything that looks like a CPR
// number wherever it sits (a misspelt or non-personal field's value, a text, a label), in the
// snippet and in the head, on stdout as on stderr.

import type { Catalogue, Diagnostic } from '@visit/dsl';
import type { Style } from './style';
import { CPR_MASK, cprSpans, escapeControls, maskCpr } from './terminal-text';

/** Splits a source into lines the way the parser counts them (LF, CRLF or a lone CR). */
/** The words around a diagnostic (its severity, the closing count): the dsl catalogue's `frame`. */
export type FrameWords = Catalogue['frame'];

/** The English words, written here so that this module does not load the dsl (start-up time); the same as the dsl's `en.frame`. */
export const ENGLISH_FRAME: FrameWords = {
  error: 'error',
  warning: 'warning',
  countLine: (errors, warnings, files) => `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`,
  nothingRun: (file, errors) => `${file === undefined ? 'the options have errors' : `${file} has ${errors === 1 ? '1 error' : `${errors} errors`}`}; nothing was run`,
};

export function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

export function renderDiagnostic(file: string, lines: readonly string[], d: Diagnostic, style: Style, words: FrameWords = ENGLISH_FRAME): string {
  const { line, column } = d.range.start;
  const severity = d.severity === 'error' ? style.error(words.error) : style.warning(words.warning);
  const head = maskCpr(`${file}:${line}:${column}: ${severity}: ${d.message}`);
  const original = lines[line - 1];
  if (original === undefined) return head;
  // Personal values on this line (a `given` CPR number) are shown as •••, CPR-like numbers as
  // ••••••-••••, and the caret follows.
  const lineOffset = d.range.start.offset - (column - 1);
  const spans: Span[] = (d.personal ?? []).map((r) => ({ a: r.start.offset - lineOffset, b: r.end.offset - lineOffset, mask: PERSONAL_MASK }));
  for (const [a, b] of cprSpans(original)) spans.push({ a, b, mask: CPR_MASK });
  const { text: raw, at: rawAt } = masked(original, spans);
  // Control characters on the line are shown escaped (`\u001b`, six columns for one): escape here,
  // so that the caret is placed by the text as shown.
  const text = escapeControls(raw);
  const at = (i: number) => escapeControls(raw.slice(0, rawAt(i))).length + Math.max(0, rawAt(i) - raw.length);
  const shown = text.trimEnd();
  const start = at(Math.max(0, column - 1));
  // The marker covers the range on its first line; a range that runs on, or is empty, marks at
  // least one column.
  const endColumn = d.range.end.line === line ? at(d.range.end.column - 1) + 1 : text.length + 1;
  const width = Math.max(1, Math.min(endColumn, Math.max(shown.length, start) + 1) - 1 - start);
  // Copy tabs into the padding so the caret lines up however the terminal expands them.
  const padding = text.slice(0, start).replace(/[^\t]/g, ' ') + ' '.repeat(Math.max(0, start - text.length));
  const marker = '^' + '~'.repeat(width - 1);
  const gutter = String(line);
  const blank = ' '.repeat(gutter.length);
  const paint = d.severity === 'error' ? style.error : style.warning;
  return `${head}\n  ${gutter} | ${shown}\n  ${blank} | ${padding}${paint(marker)}`;
}

/** The dsl's PERSONAL_MASK, written here so that this module does not load the dsl (start-up time). */
const PERSONAL_MASK = '•••';

/** Columns [a, b) of a source line (0-based) to be shown as `mask`. */
interface Span {
  a: number;
  b: number;
  mask: string;
}

/**
 * A source line with the spans on it replaced by their masks (where spans overlap, the first
 * covers the overlap), and `at`, which maps a column index of the line (0-based) to one of the
 * masked text: a column inside a masked value maps to the mask's start, the column after it to the
 * mask's end.
 */
function masked(line: string, spans: readonly Span[]): { text: string; at: (i: number) => number } {
  const sorted = spans
    .map((s) => ({ ...s, a: Math.max(0, s.a), b: Math.min(line.length, s.b) }))
    .filter((s) => s.b > s.a)
    .sort((x, y) => x.a - y.a);
  if (sorted.length === 0) return { text: line, at: (i) => i };
  let text = '';
  let from = 0;
  const cuts: { a: number; b: number; outA: number; length: number }[] = [];
  for (const s of sorted) {
    const a = Math.max(s.a, from);
    if (s.b <= a) continue;
    text += line.slice(from, a);
    cuts.push({ a, b: s.b, outA: text.length, length: s.mask.length });
    text += s.mask;
    from = s.b;
  }
  text += line.slice(from);
  const at = (i: number) => {
    let shift = 0;
    for (const c of cuts) {
      if (i < c.a) break;
      if (i < c.b) return c.outA;
      shift += c.length - (c.b - c.a);
    }
    return i + shift;
  };
  return { text, at };
}

export function renderDiagnostics(file: string, source: string, diagnostics: readonly Diagnostic[], style: Style, words: FrameWords = ENGLISH_FRAME): string {
  if (diagnostics.length === 0) return '';
  const lines = sourceLines(source);
  return diagnostics.map((d) => renderDiagnostic(file, lines, d, style, words) + '\n').join('');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `2 errors, 1 warning in 1 file`. */
export function countLine(errors: number, warnings: number, files: number, words: FrameWords = ENGLISH_FRAME): string {
  return words.countLine(errors, warnings, files);
}
