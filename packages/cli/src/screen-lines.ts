// Per-line results for the summary of `visit screen` ("the requirement lines that most often
// failed and the fields most often missing") without an explanation per row, which costs ~20×
// the evaluation. The engine's line evaluator (`Screener.evaluateLines`) gives every programme
// line's value from the same compiled rules, by node; here, from the AST alone, is what the
// counting needs besides: which lines are `exclude`, and which record fields each line reads.
// (Nothing is re-parsed: the plan names lines by position, never by copied source text.)

import { childExpressions, type CheckedFile, type Expression } from '@visit/dsl';

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

/** The record fields an expression reads, directly or through lets and groups, in declaration order. */
function fieldReader(checked: CheckedFile): (e: Expression) => string[] {
  const order = [...checked.fields.keys()];
  const memo = new Map<string, Set<string>>();
  const collect = (e: Expression, into: Set<string>, visiting: Set<string>): void => {
    if (e.kind === 'Reference') {
      const r = checked.resolutions.get(e.id);
      if (r?.kind === 'field') into.add(r.decl.name.text);
      else if (r?.kind === 'let' || r?.kind === 'group') {
        const key = `${r.kind}:${r.decl.name.text}`;
        let found = memo.get(key);
        if (!found && !visiting.has(key)) {
          found = new Set();
          visiting.add(key);
          collect(r.kind === 'let' ? r.decl.value : r.decl.condition, found, visiting);
          visiting.delete(key);
          memo.set(key, found);
        }
        for (const f of found ?? []) into.add(f);
      }
      return;
    }
    for (const c of childExpressions(e)) collect(c, into, visiting);
  };
  return (e) => {
    const into = new Set<string>();
    collect(e, into, new Set());
    return order.filter((f) => into.has(f));
  };
}
