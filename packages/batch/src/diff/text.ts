// `visit diff --format text`: a DiffResult for people. Counts and the rules' (masked) source text
// only, never a record's value or id.

import { OUTCOMES, TRUTHS, type DiffResult, type LineChange, type Matrix } from './index';

export interface RenderDiffOptions {
  /** How each side is named (`old.visit`, `rules.visit`). */
  oldName?: string;
  newName?: string;
}

const n = (x: number) => x.toLocaleString('en-US');

export function renderDiff(d: DiffResult, options: RenderDiffOptions = {}): string {
  const out: string[] = [];
  const side = (label: string, name: string | undefined, v: DiffResult['old']) => {
    const params = Object.entries(v.params);
    return `${label} ${name ?? ''}${name ? ' ' : ''}${v.sha256.slice(0, 'sha256:'.length + 12)}… as of ${v.asOf}${params.length > 0 ? `, params ${params.map(([k, x]) => `${k}=${x}`).join(', ')}` : ''}`;
  };
  out.push(side('old:', options.oldName, d.old), side('new:', options.newName, d.new));
  const inv = d.invalid;
  const invalid = inv.both + inv.oldOnly + inv.newOnly;
  out.push(
    `rows ${n(d.rows)}, valid on both sides ${n(d.valid)}, invalid ${n(invalid)}${invalid > 0 ? ` (both ${n(inv.both)}, old only ${n(inv.oldOnly)}, new only ${n(inv.newOnly)})` : ''}; ${n(d.changedRows)} ${d.changedRows === 1 ? 'row' : 'rows'} changed`,
  );
  for (const p of d.programs) {
    out.push('', `programme ${p.name}${p.label ? ` "${p.label}"` : ''}: ${n(p.changed)} of ${n(d.valid)} rows changed`);
    out.push(...matrixLines(p.matrix, OUTCOMES));
  }
  if (d.groups.length > 0) {
    out.push('', 'groups');
    for (const g of d.groups) {
      const moves = moveList(g.matrix, TRUTHS);
      out.push(`  ${g.name}: ${g.changed === 0 ? 'no change' : `${n(g.changed)} changed (${moves})`}`);
    }
  }
  const one = (label: string, list: DiffResult['onlyOld']) => {
    if (list.length === 0) return;
    out.push('', label);
    for (const x of list) {
      const isProgram = 'eligible' in x.counts;
      out.push(`  ${isProgram ? 'programme' : 'group'} ${x.name}: ${Object.entries(x.counts).map(([k, c]) => `${k} ${n(c)}`).join(', ')}`);
    }
  };
  one('only in old', d.onlyOld);
  one('only in new', d.onlyNew);
  if (d.lines.length > 0) {
    out.push('', 'lines that moved rows');
    for (const l of d.lines) out.push(`  ${lineSentence(l)}`);
  }
  for (const b of d.by) {
    out.push('', `by ${b.spec}`);
    for (const k of b.keys) {
      const moves = k.programs.filter((p) => p.changed > 0).map((p) => `${p.name} ${moveList(p.matrix, OUTCOMES)}`);
      out.push(`  ${k.key} (${n(k.rows)} ${k.rows === 1 ? 'row' : 'rows'}): ${moves.length === 0 ? 'no change' : moves.join('; ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** "line 32 `require literacy >= min_læs` (jobklub) now fails for 12 rows that were eligible (now ineligible)". */
export function lineSentence(l: LineChange): string {
  const where = l.newLine !== null ? `line ${l.newLine}` : `old line ${l.oldLine}`;
  const verb =
    l.now === 'absent' ? 'is gone' : l.was === 'absent' ? `is new and ${l.now === 'unknown' ? 'unknown' : l.now}` : l.now === 'unknown' ? 'is now unknown' : `now ${l.now}`;
  return `${l.program} ${where} \`${l.kind} ${l.source}\` ${verb} for ${n(l.rows)} ${l.rows === 1 ? 'row that was' : 'rows that were'} ${l.from} (now ${l.to})`;
}

function matrixLines<K extends string>(m: Matrix<K>, keys: readonly K[]): string[] {
  const width = Math.max(...keys.map((k) => k.length), 'old \\ new'.length);
  const cols = keys.map((k) => Math.max(k.length, ...keys.map((r) => n(m[r][k]).length)));
  const lines = [`  ${'old \\ new'.padEnd(width)}  ${keys.map((k, i) => k.padStart(cols[i]!)).join('  ')}`];
  for (const r of keys) lines.push(`  ${r.padEnd(width)}  ${keys.map((k, i) => n(m[r][k]).padStart(cols[i]!)).join('  ')}`);
  return lines;
}

function moveList<K extends string>(m: Matrix<K>, keys: readonly K[]): string {
  const moves: string[] = [];
  for (const r of keys) for (const c of keys) if (r !== c && m[r][c] > 0) moves.push(`${r} → ${c} ${n(m[r][c])}`);
  return moves.join(', ');
}
