// Expressions as one line of canonical text, shortened for details, hovers and messages.
import type { Expression, Range } from '../ast';
import { printExpression } from './format';

/** The expression in canonical form, on one line, cut at `max` characters; personal values as •••. */
export function expressionText(source: string, e: Expression, max = 80, personal: readonly Range[] = []): string {
  const t = printExpression(source, e, personal);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * A param's value from its literal alone. An override's literal was parsed from the override text,
 * so its ranges do not point into the file.
 */
export function literalText(e: Expression): string {
  switch (e.kind) {
    case 'Number':
      return String(e.value);
    case 'Duration':
      return `${e.amount} ${e.amount === 1 ? e.unit.slice(0, -1) : e.unit}`;
    case 'Date':
      return e.value;
    case 'Text':
      return JSON.stringify(e.value);
    case 'Boolean':
      return String(e.value);
    case 'Negate':
      return `-${literalText(e.operand)}`;
    default:
      return '…';
  }
}
