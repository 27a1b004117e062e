// Renders expressions with explicit brackets (the parser tests' notation) and as canonical source.
import { assertNever, type Expression } from './ast';

/** Fully bracketed rendering: every compound expression in parentheses. Used to test precedence. */
export function printBracketed(e: Expression): string {
  const p = printBracketed;
  switch (e.kind) {
    case 'Number':
      return String(e.value);
    case 'Duration':
      return `${e.amount} ${e.unit}`;
    case 'Date':
      return e.value;
    case 'Text':
      return JSON.stringify(e.value);
    case 'Boolean':
      return String(e.value);
    case 'Reference':
      return e.name;
    case 'Call':
      return `${e.callee.text}(${e.args.map(p).join(', ')})`;
    case 'Not':
      return `(not ${p(e.operand)})`;
    case 'Negate':
      return `(-${p(e.operand)})`;
    case 'Arithmetic':
    case 'Comparison':
    case 'Logical':
      return `(${p(e.left)} ${e.op} ${p(e.right)})`;
    case 'Between':
      return `(${p(e.value)} between ${p(e.low)} and ${p(e.high)})`;
    case 'In':
      return `(${p(e.value)} ${e.negated ? 'not in' : 'in'} (${e.items.map(p).join(', ')}))`;
    case 'Is':
      return `(${p(e.value)} is ${e.test})`;
    case 'AtLeast':
      return `(at least ${e.count.value} of (${e.items.map(p).join(', ')}))`;
    case 'Where':
      return `(${p(e.list)} where ${p(e.condition)})`;
    case 'Window':
      return `last ${e.length.amount} ${e.length.unit}`;
    case 'ErrorExpression':
      return '<error>';
    default:
      return assertNever(e);
  }
}
