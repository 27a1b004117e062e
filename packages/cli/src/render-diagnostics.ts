// Diagnostics as compilers print them: `file:line:col: error: message`, then the source line with
// a caret under the range (first line of the range only), like rustc and cel-go:
//
//   rules.visit:3:11: error: unknown name 'agee': did you mean 'age'?
//     3 | group x = agee < 30 years
//       |           ^~~~

import type { Diagnostic } from '@visit/dsl';
import type { Style } from './style';

/** Splits a source into lines the way the parser counts them (LF, CRLF or a lone CR). */
export function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

export function renderDiagnostic(file: string, lines: readonly string[], d: Diagnostic, style: Style): string {
  const { line, column } = d.range.start;
  const severity = d.severity === 'error' ? style.error('error') : style.warning('warning');
  const head = `${file}:${line}:${column}: ${severity}: ${d.message}`;
  const text = lines[line - 1];
  if (text === undefined) return head;
  const shown = text.trimEnd();
  const start = Math.max(0, column - 1);
  // The marker covers the range on its first line; a range that runs on, or is empty, marks at
  // least one column.
  const endColumn = d.range.end.line === line ? d.range.end.column : text.length + 1;
  const width = Math.max(1, Math.min(endColumn, Math.max(shown.length, start) + 1) - 1 - start);
  // Copy tabs into the padding so the caret lines up however the terminal expands them.
  const padding = text.slice(0, start).replace(/[^\t]/g, ' ') + ' '.repeat(Math.max(0, start - text.length));
  const marker = '^' + '~'.repeat(width - 1);
  const gutter = String(line);
  const blank = ' '.repeat(gutter.length);
  const paint = d.severity === 'error' ? style.error : style.warning;
  return `${head}\n  ${gutter} | ${shown}\n  ${blank} | ${padding}${paint(marker)}`;
}

export function renderDiagnostics(file: string, source: string, diagnostics: readonly Diagnostic[], style: Style): string {
  if (diagnostics.length === 0) return '';
  const lines = sourceLines(source);
  return diagnostics.map((d) => renderDiagnostic(file, lines, d, style) + '\n').join('');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `2 errors, 1 warning in 1 file`. */
export function countLine(errors: number, warnings: number, files: number): string {
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`;
}
