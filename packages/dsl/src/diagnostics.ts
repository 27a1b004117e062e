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
  /**
   * The replacement the message proposes ("did you mean 'x'?", a threshold in the right unit):
   * `text` in place of `range` (the diagnostic's own range when absent), or, with `replaces`, in
   * place of that name within the range (a param override's range also holds its value). Never a
   * personal value: only names declared in the rules and amounts written in them. The language
   * service offers it as a quick fix.
   */
  suggestion?: { text: string; range?: Range; replaces?: string };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code);
}
