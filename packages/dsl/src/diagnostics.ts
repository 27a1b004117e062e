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
  /**
   * Ranges on the lines of `range` that hold personal values (a test's `given` value of a
   * `personal` field, a literal compared with one). Whoever shows source text with the diagnostic
   * (a snippet under the message) shows `•••` in their place; the message never contains them.
   */
  personal?: Range[];
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code);
}
