// Rule files whose groups use earlier groups: the shape that made the self-contained JSON Logic
// exponential (issue 9). Group g0 reads fields; every later group uses the group before it and,
// with `uses: 2`, the one before that too, through one of several links (and/or with not, `=`
// between conditions, `is known` on a condition, `at least`), so the inlined tree of the last group
// doubles per level while the rules grow by one line.

export const CHAINED_RECORD = `record R {
  id: text key
  a:  number optional
  b:  boolean optional
  c:  boolean optional
}
`;

export type Link = 'and-or' | 'equal' | 'known' | 'at-least';

export const LINKS: readonly Link[] = ['and-or', 'equal', 'known', 'at-least'];

export interface ChainOptions {
  /** How many earlier groups each group uses (default 2). */
  uses?: 1 | 2;
  /** The links, used in turn (default: and-or only). */
  links?: readonly Link[];
}

/** The condition of group i from the groups it uses, P (the one before) and Q (the one before that, or `b`). */
export function link(kind: Link, i: number, p: string, q: string): string {
  switch (kind) {
    case 'and-or':
      return `(${p} and a > ${i}) or (${q} and not ${p})`;
    case 'equal':
      return `${p} = (${q} or c)`;
    case 'known':
      return `((${p} or ${q}) is known and not ${p}) or a = ${i}`;
    case 'at-least':
      return `at least 2 of (${p}, ${q}, a > ${i}, c)`;
    default:
      throw new Error(`unknown link ${String(kind)}`);
  }
}

/** Groups g0 … g(n−1), and a programme that requires the last and excludes the middle one. */
export function chainedRules(n: number, options: ChainOptions = {}): string {
  const uses = options.uses ?? 2;
  const links = options.links ?? ['and-or'];
  const lines = [CHAINED_RECORD, 'group g0 = a > 0'];
  for (let i = 1; i < n; i++) {
    const q = uses === 2 && i >= 2 ? `g${i - 2}` : 'b';
    lines.push(`group g${i} = ${link(links[i % links.length]!, i, `g${i - 1}`, q)}`);
  }
  lines.push('', 'program p {', `  require g${n - 1}`, `  exclude g${Math.floor(n / 2)}`, '}', '');
  return lines.join('\n');
}

/** Records over every combination of a (missing, low, high), b and c (true, false, missing). */
export const CHAINED_RECORDS: readonly Record<string, unknown>[] = (() => {
  const out: Record<string, unknown>[] = [];
  let k = 0;
  for (const a of [null, 0, 1, 7, 1e9])
    for (const b of [true, false, null])
      for (const c of [true, false, null]) {
        const r: Record<string, unknown> = { id: `r${++k}` };
        if (a !== null) r.a = a;
        if (b !== null) r.b = b;
        if (c !== null) r.c = c;
        out.push(r);
      }
  return out;
})();
