// Visits every expression of a file (declarations, program lines, tests), parents first.
import * as A from '../ast';

export function forEachExpression(file: A.VisitFile, visit: (e: A.Expression) => void): void {
  const walk = (e: A.Expression) => {
    visit(e);
    for (const c of A.childExpressions(e)) walk(c);
  };
  for (const d of file.declarations) {
    switch (d.kind) {
      case 'Record':
        break;
      case 'Let':
      case 'Param':
        walk(d.value);
        break;
      case 'Group':
        walk(d.condition);
        break;
      case 'Program':
        for (const l of d.lines) walk(l.condition);
        break;
      case 'Test':
        for (const g of d.given?.entries ?? []) walk(g.value);
        for (const o of d.overrides) walk(o.value);
        break;
      default:
        A.assertNever(d);
    }
  }
}
