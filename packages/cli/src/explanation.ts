// The explanation under a failed expectation of `visit test`, in the language of the output. In
// English it is the engine's renderExplanation (the text `--explain` rows carry too); in Danish the
// same lines with Danish words for the values (sand, falsk, ukendt, mangler). Keywords (`group`,
// `program`, `require`, `exclude`), outcomes (`eligible` …), sources and labels are as written.

import type { Explanation, FieldValues, LineExplanation } from '@visit/engine';
import type { Language } from './language';
import { cliWords, type CliWords } from './words';

type Engine = typeof import('@visit/engine');
type ListExplanation = NonNullable<LineExplanation['lists']>[number];

export interface ExplanationTarget {
  group?: string;
  program?: string;
}

export function explanationText(engine: Engine, explanation: Explanation, target: ExplanationTarget, lang: Language): string {
  if (lang === 'en') return engine.renderExplanation(explanation, target);
  const w = cliWords(lang);
  const word = (v: boolean | null) => (v === null ? w.truth.unknown : w.truth[v ? 'true' : 'false']);
  const value = (v: string | number | boolean | null) => (v === null ? w.missing : typeof v === 'boolean' ? word(v) : String(v));
  const fields = (f: FieldValues) => {
    const parts = Object.entries(f).map(([k, v]) => `${k}: ${value(v)}`);
    return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
  };
  const out: string[] = [];
  for (const [name, g] of Object.entries(explanation.groups)) {
    if (name !== target.group) continue;
    out.push(`${mark(g.value)} group ${name} = ${oneLine(g.source)}${quoted(g.label)}  → ${word(g.value)}${fields(g.fields)}`);
    out.push(...lists(g.lists, '    ', w, word, fields));
  }
  for (const [name, p] of Object.entries(explanation.programs)) {
    if (name !== target.program) continue;
    const missing = p.outcome === 'undetermined' && p.missing.length > 0 ? ` (${w.missing}: ${p.missing.join(', ')})` : '';
    out.push(`program ${name}${quoted(p.label)}  → ${p.outcome}${missing}`);
    for (const line of p.lines) {
      const holds = line.kind === 'require' ? line.value : line.value === null ? null : !line.value;
      out.push(`  ${mark(holds)} ${line.kind} ${oneLine(line.source)}${quoted(line.label)}  → ${word(line.value)}${fields(line.fields)}`);
      out.push(...lists(line.lists, '      ', w, word, fields));
    }
  }
  return out.join('\n');
}

function lists(
  all: readonly ListExplanation[] | undefined,
  indent: string,
  w: CliWords,
  word: (v: boolean | null) => string,
  fields: (f: FieldValues) => string,
): string[] {
  if (!all) return [];
  const names = (l: ListExplanation, xs: number[]) => xs.map((i) => `${l.list}[${i}]${fields(l.elements[`${l.list}[${i}]`] ?? {})}`).join(', ');
  return all.map((l) => {
    const v = l.value === null ? `${w.truth.unknown} (${l.list}: ${w.missing})` : typeof l.value === 'boolean' ? word(l.value) : String(l.value);
    const parts = [`${indent}${oneLine(l.source)} → ${v}`];
    if (l.true.length > 0) parts.push(`${w.truth.true}: ${names(l, l.true)}`);
    if (l.unknown.length > 0) parts.push(`${w.truth.unknown}: ${names(l, l.unknown)}`);
    return parts.join('; ');
  });
}

function mark(v: boolean | null): string {
  return v === true ? '✓' : v === false ? '✗' : '?';
}

function oneLine(source: string): string {
  return source.replace(/\s+/g, ' ');
}

function quoted(label: string | null): string {
  return label === null ? '' : `  ${JSON.stringify(label)}`;
}
