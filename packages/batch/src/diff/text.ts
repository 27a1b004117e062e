// `visit diff --format text`: a DiffResult for people, in English or Danish (words.ts). Counts and
// the rules' (masked) source text only, never a record's value or id.

import type { Lang } from '../report/kit';
import { OUTCOMES, TRUTHS, type DiffResult, type LineChange, type Matrix } from './index';
import { diffWords, type DiffWords } from './words';

export interface RenderDiffOptions {
  /** How each side is named (`old.visit`, `rules.visit`). */
  oldName?: string;
  newName?: string;
  /** The language of the words (default English); names, sources and band keys stay as written. */
  lang?: Lang;
}

export function renderDiff(d: DiffResult, options: RenderDiffOptions = {}): string {
  const w = diffWords(options.lang);
  const n = (x: number) => x.toLocaleString(w.locale);
  const out: string[] = [];
  const side = (label: string, name: string | undefined, v: DiffResult['old']) => {
    const params = Object.entries(v.params);
    return `${label} ${name ?? ''}${name ? ' ' : ''}${v.sha256.slice(0, 'sha256:'.length + 12)}… ${w.asOf(v.asOf)}${params.length > 0 ? `, ${w.params} ${params.map(([k, x]) => `${k}=${x}`).join(', ')}` : ''}`;
  };
  out.push(side(w.oldSide, options.oldName, d.old), side(w.newSide, options.newName, d.new));
  const inv = d.invalid;
  const invalid = inv.both + inv.oldOnly + inv.newOnly;
  out.push(w.rowsLine(n(d.rows), n(d.valid), n(invalid), invalid > 0 ? w.invalidDetail(n(inv.both), n(inv.oldOnly), n(inv.newOnly)) : undefined, n(d.changedRows), d.changedRows));
  const outcomeWords = OUTCOMES.map((o) => w.outcome[o]);
  for (const p of d.programs) {
    out.push('', w.programmeLine(`${p.name}${p.label ? ` "${p.label}"` : ''}`, n(p.changed), n(d.valid)));
    out.push(...matrixLines(p.matrix, OUTCOMES, outcomeWords, w, n));
  }
  if (d.groups.length > 0) {
    out.push('', w.groups);
    const truthWords = TRUTHS.map((t) => w.truth[t]);
    for (const g of d.groups) {
      const moves = moveList(g.matrix, TRUTHS, truthWords, n);
      out.push(`  ${g.name}: ${g.changed === 0 ? w.noChange : w.changed(n(g.changed), moves)}`);
    }
  }
  const one = (label: string, list: DiffResult['onlyOld']) => {
    if (list.length === 0) return;
    out.push('', label);
    for (const x of list) {
      const isProgram = 'eligible' in x.counts;
      const counts = Object.entries(x.counts).map(([k, c]) => `${(isProgram ? w.outcome : w.truth)[k as never] ?? k} ${n(c)}`);
      out.push(`  ${isProgram ? w.programme : w.group} ${x.name}: ${counts.join(', ')}`);
    }
  };
  one(w.onlyOld, d.onlyOld);
  one(w.onlyNew, d.onlyNew);
  if (d.lines.length > 0) {
    out.push('', w.linesThatMoved);
    for (const l of d.lines) out.push(`  ${lineSentence(l, options.lang)}`);
  }
  for (const b of d.by) {
    out.push('', w.by(b.spec));
    for (const k of b.keys) {
      const moves = k.programs.filter((p) => p.changed > 0).map((p) => `${p.name} ${moveList(p.matrix, OUTCOMES, outcomeWords, n)}`);
      out.push(`  ${k.key} (${w.rowsOfKey(n(k.rows), k.rows)}): ${moves.length === 0 ? w.noChange : moves.join('; ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * "jobklub line 55 `require literacy >= min_læs` now passes for 6 rows that were ineligible (now
 * eligible)"; `rows` as given (the HTML page writes "< 5" for a small count).
 */
export function lineSentence(l: LineChange, lang?: Lang, rows?: string): string {
  const w = diffWords(lang);
  const where = l.newLine !== null ? w.line(l.newLine) : w.oldLine(l.oldLine!);
  const verdict = (v: 'passes' | 'fails' | 'unknown') => w.lineVerdict[v];
  const verb =
    l.now === 'absent' ? w.verb.gone : l.was === 'absent' ? w.verb.newAnd(verdict(l.now)) : l.now === 'unknown' ? w.verb.nowUnknown : w.verb.now(verdict(l.now));
  return `${l.program} ${where} \`${l.kind} ${l.source}\` ${verb} ${w.forRows(rows ?? l.rows.toLocaleString(w.locale), l.rows, l.from, l.to)}`;
}

function matrixLines<K extends string>(m: Matrix<K>, keys: readonly K[], names: readonly string[], w: DiffWords, n: (x: number) => string): string[] {
  const width = Math.max(...names.map((k) => k.length), w.corner.length);
  const cols = keys.map((k, i) => Math.max(names[i]!.length, ...keys.map((r) => n(m[r][k]).length)));
  const lines = [`  ${w.corner.padEnd(width)}  ${names.map((k, i) => k.padStart(cols[i]!)).join('  ')}`];
  keys.forEach((r, ri) => lines.push(`  ${names[ri]!.padEnd(width)}  ${keys.map((k, i) => n(m[r][k]).padStart(cols[i]!)).join('  ')}`));
  return lines;
}

function moveList<K extends string>(m: Matrix<K>, keys: readonly K[], names: readonly string[], n: (x: number) => string): string {
  const moves: string[] = [];
  keys.forEach((r, ri) => keys.forEach((c, ci) => void (r !== c && m[r][c] > 0 && moves.push(`${names[ri]} → ${names[ci]} ${n(m[r][c])}`))));
  return moves.join(', ');
}
