// What lets and groups depend on: the order to compute them in (the generated evaluator and the
// JSON Logic compiler), and which record fields an expression reads through them (the engine's
// explanations and the summary of `visit screen`).
import { childExpressions, type Expression, type GroupDeclaration, type LetDeclaration } from '../ast';
import type { CheckedFile } from './types';

/**
 * The record fields an expression reads, directly or through lets and groups, sorted by `compare`
 * (default: the order of the record declaration). Each let and group is walked once and its fields
 * are kept, so a file of n groups that each use earlier ones costs O(n × fields), not O(n²); the
 * walk uses an explicit stack, so a chain of 10,000 groups does not overflow the call stack.
 */
export function fieldsReadBy(checked: CheckedFile, compare?: (a: string, b: string) => number): (root: Expression) => string[] {
  const declared = [...checked.fields.keys()];
  const position = new Map(declared.map((name, i) => [name, i]));
  const byDeclaration = (a: string, b: string) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
  type Declaration = LetDeclaration | GroupDeclaration;
  /** Fields read by a let's or group's own expression, once its dependencies are known. */
  const memo = new Map<Declaration, Set<string>>();
  /** The fields named in `root` itself and the lets and groups it names (not followed). */
  const direct = (root: Expression): { fields: Set<string>; uses: Declaration[] } => {
    const fields = new Set<string>();
    const uses: Declaration[] = [];
    const stack: Expression[] = [root];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.kind === 'Reference') {
        const r = checked.resolutions.get(e.id);
        if (r?.kind === 'field') fields.add(r.decl.name.text);
        else if (r?.kind === 'let' || r?.kind === 'group') uses.push(r.decl);
        continue;
      }
      for (const c of childExpressions(e)) stack.push(c);
    }
    return { fields, uses };
  };
  /** Fills `memo` for `start` and everything it uses, depth first without recursion. */
  const resolve = (start: Declaration): Set<string> => {
    const known = memo.get(start);
    if (known) return known;
    type Frame = { decl: Declaration; fields: Set<string>; uses: Declaration[]; next: number };
    const frame = (decl: Declaration): Frame => ({ decl, ...direct(decl.kind === 'Let' ? decl.value : decl.condition), next: 0 });
    const open = new Set<Declaration>([start]);
    const stack: Frame[] = [frame(start)];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.uses.length) {
        const d = top.uses[top.next++]!;
        // A cycle is a checker error; such a file never reaches here, but it must not loop.
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
  return (root) => {
    const { fields, uses } = direct(root);
    for (const d of uses) for (const f of resolve(d)) fields.add(f);
    return [...fields].sort(compare ?? byDeclaration);
  };
}

/** Lets and groups in an order where each comes after every let and group it uses (iterative, so a
 *  chain of thousands of groups does not overflow the stack; declaration order where free). A use of
 *  one still open is a cycle, which the checker reports: `onCycle` is told, and the walk goes on. */
export function dependencyOrder(
  checked: CheckedFile,
  onCycle?: (d: LetDeclaration | GroupDeclaration) => void,
): (LetDeclaration | GroupDeclaration)[] {
  type Declaration = LetDeclaration | GroupDeclaration;
  const result: Declaration[] = [];
  const state = new Map<Declaration, 'open' | 'done'>();
  const uses = (d: Declaration): Declaration[] => {
    const found: Declaration[] = [];
    const stack: Expression[] = [d.kind === 'Let' ? d.value : d.condition];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.kind === 'Reference') {
        const r = checked.resolutions.get(e.id);
        if (r?.kind === 'let' || r?.kind === 'group') found.push(r.decl);
      } else stack.push(...childExpressions(e));
    }
    return found.reverse();
  };
  for (const root of [...checked.lets.values(), ...checked.groups.values()]) {
    if (state.has(root)) continue;
    const stack: { d: Declaration; uses: Declaration[]; next: number }[] = [{ d: root, uses: uses(root), next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.uses.length) {
        const u = top.uses[top.next++]!;
        // An open one is a cycle, which the checker reports; such a file never gets here.
        if (state.get(u) === 'open') onCycle?.(u);
        if (!state.has(u)) {
          state.set(u, 'open');
          stack.push({ d: u, uses: uses(u), next: 0 });
        }
        continue;
      }
      state.set(top.d, 'done');
      result.push(top.d);
      stack.pop();
    }
  }
  return result;
}
