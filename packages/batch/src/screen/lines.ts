// Per-line results for the summary of `visit screen` ("the requirement lines that most often
// failed and the fields most often missing") without an explanation per row, which costs ~20×
// the evaluation. The engine's line evaluator (`Screener.evaluateLines`) gives every programme
// line's value from the same compiled rules, by node; here, from the AST alone, is what the
// counting needs besides: which lines are `exclude`, and which record fields each line reads.
// (Nothing is re-parsed: the plan names lines by position, never by copied source text.)

import { fieldsReadBy, type CheckedFile } from '@visit/dsl';

/** Plain data (structured-clone safe): a worker thread gets it with the screening plan. */
export interface LinePlan {
  /** Per programme (in declaration order), per line: the record fields the line reads, through lets and groups. */
  fields: string[][][];
  /** Per programme, per line: true for `exclude`. */
  excludes: boolean[][];
}

export function linePlan(checked: CheckedFile): LinePlan {
  const fieldsOf = fieldsReadBy(checked);
  const programs = [...checked.programs.values()];
  return {
    fields: programs.map((p) => p.lines.map((l) => fieldsOf(l.condition))),
    excludes: programs.map((p) => p.lines.map((l) => l.mode === 'exclude')),
  };
}
