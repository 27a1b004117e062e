// Visits every expression of a file (declarations, program lines, tests), parents first.
import * as A from '../ast';

export function forEachExpression(file: A.VisitFile, visit: (e: A.Expression) => void): void {
  const walk = (e: A.Expression) => {
    visit(e);
    for (const c of A.childExpressions(e)) walk(c);
  };
  // A list in a given (§12): the values of its elements' entries.
  const walkGiven = (g: A.GivenEntry): void => {
    if (g.value.kind !== 'ListLiteral') walk(g.value);
    else for (const el of g.value.elements) for (const e of el.entries) walkGiven(e);
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
        for (const g of d.given?.entries ?? []) walkGiven(g);
        for (const o of d.overrides) walk(o.value);
        break;
      default:
        A.assertNever(d);
    }
  }
}
