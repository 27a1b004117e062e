// Per-line results for the summary of `visit screen` ("the requirement lines that most often
// failed and the fields most often missing") without an explanation per row, which costs ~20×
// the evaluation. The engine's line evaluator (`Screener.evaluateLines`) gives every programme
// line's value from the same compiled rules, by node; here, from the AST alone, is what the
// counting needs besides: which lines are `exclude`, and which record fields each line reads.
// (Nothing is re-parsed: the plan names lines by position, never by copied source text.)

import { childExpressions, type CheckedFile, type Expression, type GroupDeclaration, type LetDeclaration } from '@visit/dsl';

/** Plain data (structured-clone safe): a worker thread gets it with the screening plan. */
export interface LinePlan {
  /** Per programme (in declaration order), per line: the record fields the line reads, through lets and groups. */
  fields: string[][][];
  /** Per programme, per line: true for `exclude`. */
  excludes: boolean[][];
}

export function linePlan(checked: CheckedFile): LinePlan {
  const fieldsOf = fieldReader(checked);
  const programs = [...checked.programs.values()];
  return {
    fields: programs.map((p) => p.lines.map((l) => fieldsOf(l.condition))),
    excludes: programs.map((p) => p.lines.map((l) => l.mode === 'exclude')),
  };
}

/**
 * The record fields an expression reads, directly or through lets and groups, in declaration order.
 * Each let and group is walked once (its fields kept), with explicit stacks rather than recursion, so
 * a chain of 10,000 groups neither overflows the call stack nor costs O(n²). (The engine's
 * explanations do the same with `fieldsReadBy`; this module must not load the engine statically.)
 */
function fieldReader(checked: CheckedFile): (e: Expression) => string[] {
  const order = [...checked.fields.keys()];
  type Declaration = LetDeclaration | GroupDeclaration;
  const memo = new Map<Declaration, Set<string>>();
  const direct = (root: Expression): { fields: Set<string>; uses: Declaration[] } => {
    const fields = new Set<string>();
    const uses: Declaration[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.kind === 'Reference') {
        const r = checked.resolutions.get(e.id);
        if (r?.kind === 'field') fields.add(r.decl.name.text);
        else if (r?.kind === 'let' || r?.kind === 'group') uses.push(r.decl);
      } else stack.push(...childExpressions(e));
    }
    return { fields, uses };
  };
  const resolve = (start: Declaration): Set<string> => {
    type Frame = { decl: Declaration; fields: Set<string>; uses: Declaration[]; next: number };
    const frame = (decl: Declaration): Frame => ({ decl, ...direct(decl.kind === 'Let' ? decl.value : decl.condition), next: 0 });
    const open = new Set<Declaration>([start]);
    const stack: Frame[] = [frame(start)];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.uses.length) {
        const d = top.uses[top.next++]!;
        // A cycle is a checker error; such a file never gets here, but it must not loop.
        if (!memo.has(d) && !open.has(d)) {
          open.add(d);
          stack.push(frame(d));
        }
        continue;
      }
      for (const d of top.uses) for (const f of memo.get(d) ?? []) top.fields.add(f);
      memo.set(top.decl, top.fields);
      open.delete(top.decl);
      stack.pop();
    }
    return memo.get(start)!;
  };
  return (e) => {
    const { fields, uses } = direct(e);
    for (const d of uses) for (const f of memo.get(d) ?? resolve(d)) fields.add(f);
    return order.filter((f) => fields.has(f));
  };
}
