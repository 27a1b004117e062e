// Expressions as one line of canonical text, shortened for details, hovers and messages.
import type { Expression } from '../ast';
import { printExpression } from './format';

/** The expression in canonical form, on one line, cut at `max` characters. */
export function expressionText(source: string, e: Expression, max = 80): string {
  const t = printExpression(source, e);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
