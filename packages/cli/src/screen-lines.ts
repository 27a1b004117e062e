// Per-line results for the summary of `visit screen` ("the requirement lines that most often
// failed and the fields most often missing") without an explanation per row, which costs ~20×
// the evaluation. A programme line is a boolean criterion just like a group, so the rules are
// compiled a second time with one extra group per programme line (`group <fresh> = <the line's
// condition>`, appended to the source, so every original range stays as it was); the engine's
// fast path then yields each line's value with the groups. The extra groups never reach the output.

import { childExpressions, type CheckedFile, type Expression } from '@visit/dsl';

export interface LinePlan {
  /** The augmented source (the original plus one group per programme line). */
  source: string;
  /** Per programme (in declaration order), per line: the extra group's name. */
  groups: string[][];
  /** Per programme, per line: the record fields the line reads, through lets and groups. */
  fields: string[][][];
  /** Per programme, per line: true for `exclude`. */
  excludes: boolean[][];
}

export function linePlan(checked: CheckedFile): LinePlan {
  const taken = new Set<string>([
    ...checked.fields.keys(),
    ...checked.lets.keys(),
    ...checked.params.keys(),
    ...checked.groups.keys(),
    ...checked.programs.keys(),
  ]);
  let prefix = '_visit_line';
  while ([...taken].some((n) => n.startsWith(prefix))) prefix = `_${prefix}`;

  const fieldsOf = fieldReader(checked);
  let source = checked.source.endsWith('\n') ? checked.source : `${checked.source}\n`;
  source += '\n// Added by `visit screen` for its summary: one group per programme line.\n';
  const groups: string[][] = [];
  const fields: string[][][] = [];
  const excludes: boolean[][] = [];
  let p = 0;
  for (const program of checked.programs.values()) {
    const names: string[] = [];
    const read: string[][] = [];
    program.lines.forEach((line, i) => {
      const name = `${prefix}_${p}_${i}`;
      const text = checked.source.slice(line.condition.range.start.offset, line.condition.range.end.offset);
      // Parenthesised, and on lines of its own, so that a comment inside cannot swallow anything.
      source += `group ${name} =\n(\n${text}\n)\n`;
      names.push(name);
      read.push(fieldsOf(line.condition));
    });
    groups.push(names);
    fields.push(read);
    excludes.push(program.lines.map((l) => l.mode === 'exclude'));
    p++;
  }
  return { source, groups, fields, excludes };
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
