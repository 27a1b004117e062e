import type { Range } from './ast';

export type Severity = 'error' | 'warning';

/**
 * One finding about a source file. `code` is stable (tests, docs and the editor key on it);
 * `message` quotes the offending text and says what was expected.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code);
}
