// The words of `visit diff` (text and HTML), in English and Danish (`--lang en|da`, else the
// locale). The Danish follows the screening report's (report/text.ts): "opfylder kriterierne",
// "uafklaret", "indsats". Names, line sources, band keys and the JSON stay as they are.

import type { Lang } from '../report/kit';
import type { Outcome, Truth } from './index';

export interface DiffWords {
  /** How a number is written (1,234 / 1.234). */
  locale: string;
  outcome: Record<Outcome, string>;
  truth: Record<Truth, string>;
  // text
  oldSide: string;
  newSide: string;
  asOf: (date: string) => string;
  params: string;
  rowsLine: (rows: string, valid: string, invalid: string, detail: string | undefined, changed: string, changedCount: number) => string;
  invalidDetail: (both: string, oldOnly: string, newOnly: string) => string;
  programmeLine: (name: string, changed: string, of: string) => string;
  corner: string;
  groups: string;
  noChange: string;
  changed: (n: string, moves: string) => string;
  onlyOld: string;
  onlyNew: string;
  programme: string;
  group: string;
  linesThatMoved: string;
  by: (spec: string) => string;
  rowsOfKey: (n: string, count: number) => string;
  /** A line's change: `where` is "line 55" / "old line 12". */
  line: (n: number) => string;
  oldLine: (n: number) => string;
  verb: { gone: string; newAnd: (now: string) => string; nowUnknown: string; now: (now: string) => string };
  lineVerdict: Record<'passes' | 'fails' | 'unknown', string>;
  forRows: (rows: string, count: number, from: Outcome, to: Outcome) => string;
  // html
  title: string;
  oldLabel: string;
  newLabel: string;
  summary: string;
  citizens: string;
  rowsRead: string;
  validBoth: string;
  invalidBoth: string;
  invalidOldOnly: string;
  invalidNewOnly: string;
  rowsChanged: string;
  smallCells: string;
  outcomesPerProgramme: string;
  hidden: string;
  matrixCorner: string;
  oldTotal: string;
  newTotal: string;
  oldRules: string;
  newRules: string;
  chartTitle: (programme: string) => string;
  byHeading: (programme: string, spec: string) => string;
  byChartTitle: (programme: string, spec: string) => string;
  oldBand: (key: string) => string;
  newBand: (key: string) => string;
  eligibleBefore: string;
  eligibleAfter: string;
  linesHeading: string;
  onlyOldHeading: string;
  onlyNewHeading: string;
}

const en: DiffWords = {
  locale: 'en-US',
  outcome: { eligible: 'eligible', ineligible: 'ineligible', undetermined: 'undetermined' },
  truth: { true: 'true', false: 'false', unknown: 'unknown' },
  oldSide: 'old:',
  newSide: 'new:',
  asOf: (date) => `as of ${date}`,
  params: 'params',
  rowsLine: (rows, valid, invalid, detail, changed, count) =>
    `rows ${rows}, valid on both sides ${valid}, invalid ${invalid}${detail ? ` (${detail})` : ''}; ${changed} ${count === 1 ? 'row' : 'rows'} changed`,
  invalidDetail: (both, oldOnly, newOnly) => `both ${both}, old only ${oldOnly}, new only ${newOnly}`,
  programmeLine: (name, changed, of) => `programme ${name}: ${changed} of ${of} rows changed`,
  corner: 'old \\ new',
  groups: 'groups',
  noChange: 'no change',
  changed: (n, moves) => `${n} changed (${moves})`,
  onlyOld: 'only in old',
  onlyNew: 'only in new',
  programme: 'programme',
  group: 'group',
  linesThatMoved: 'lines that moved rows',
  by: (spec) => `by ${spec}`,
  rowsOfKey: (n, count) => `${n} ${count === 1 ? 'row' : 'rows'}`,
  line: (n) => `line ${n}`,
  oldLine: (n) => `old line ${n}`,
  verb: { gone: 'is gone', newAnd: (now) => `is new and ${now}`, nowUnknown: 'is now unknown', now: (now) => `now ${now}` },
  lineVerdict: { passes: 'passes', fails: 'fails', unknown: 'unknown' },
  forRows: (rows, count, from, to) => `for ${rows} ${count === 1 ? 'row that was' : 'rows that were'} ${from} (now ${to})`,
  title: 'What the rule change does',
  oldLabel: 'Old:',
  newLabel: 'New:',
  summary: 'Summary',
  citizens: 'citizens',
  rowsRead: 'rows read',
  validBoth: 'valid under both rule sets',
  invalidBoth: 'invalid under both',
  invalidOldOnly: 'invalid under the old rules only',
  invalidNewOnly: 'invalid under the new rules only',
  rowsChanged: 'rows whose outcome changed',
  smallCells: 'Counts of 1–4 citizens are shown as “< 5”, and counts from which one could be worked out as “x”.',
  outcomesPerProgramme: 'Outcomes per programme',
  hidden: 'not shown (small counts)',
  matrixCorner: 'old ↓ / new →',
  oldTotal: 'old total',
  newTotal: 'new total',
  oldRules: 'old rules',
  newRules: 'new rules',
  chartTitle: (p) => `${p}: outcomes under the old and the new rules`,
  byHeading: (p, spec) => `${p} by ${spec}`,
  byChartTitle: (p, spec) => `${p} by ${spec}: old and new outcomes per band`,
  oldBand: (key) => `${key} · old`,
  newBand: (key) => `${key} · new`,
  eligibleBefore: 'eligible before',
  eligibleAfter: 'eligible after',
  linesHeading: 'The lines that moved citizens',
  onlyOldHeading: 'Only in the old rules',
  onlyNewHeading: 'Only in the new rules',
};

const da: DiffWords = {
  locale: 'da-DK',
  outcome: { eligible: 'opfylder', ineligible: 'opfylder ikke', undetermined: 'uafklaret' },
  truth: { true: 'sand', false: 'falsk', unknown: 'ukendt' },
  oldSide: 'før:',
  newSide: 'efter:',
  asOf: (date) => `pr. ${date}`,
  params: 'parametre',
  rowsLine: (rows, valid, invalid, detail, changed, count) =>
    `${rows} rækker, ${valid} gyldige efter begge regelsæt, ${invalid} ugyldige${detail ? ` (${detail})` : ''}; ${changed} ${count === 1 ? 'række' : 'rækker'} fik et andet udfald`,
  invalidDetail: (both, oldOnly, newOnly) => `${both} efter begge, ${oldOnly} kun før, ${newOnly} kun efter`,
  programmeLine: (name, changed, of) => `indsats ${name}: ${changed} af ${of} rækker fik et andet udfald`,
  corner: 'før \\ efter',
  groups: 'målgrupper',
  noChange: 'ingen ændring',
  changed: (n, moves) => `${n} ændret (${moves})`,
  onlyOld: 'kun i de gamle regler',
  onlyNew: 'kun i de nye regler',
  programme: 'indsats',
  group: 'målgruppe',
  linesThatMoved: 'de linjer, der flyttede borgere',
  by: (spec) => `fordelt på ${spec}`,
  rowsOfKey: (n, count) => `${n} ${count === 1 ? 'række' : 'rækker'}`,
  line: (n) => `linje ${n}`,
  oldLine: (n) => `gammel linje ${n}`,
  verb: { gone: 'er fjernet', newAnd: (now) => `er ny og ${now}`, nowUnknown: 'kan nu ikke afgøres', now: (now) => `er nu ${now}` },
  lineVerdict: { passes: 'opfyldt', fails: 'ikke opfyldt', unknown: 'ukendt' },
  forRows: (rows, count, from, to) => {
    const one = count === 1;
    const was = { eligible: 'opfyldte kriterierne', ineligible: 'ikke opfyldte kriterierne', undetermined: one ? 'var uafklaret' : 'var uafklarede' }[from];
    const now = { eligible: 'opfylder', ineligible: 'opfylder ikke', undetermined: 'uafklaret' }[to];
    return `for ${rows} ${one ? 'borger' : 'borgere'}, der før ${was} (nu: ${now})`;
  },
  title: 'Hvad regelændringen betyder',
  oldLabel: 'Før:',
  newLabel: 'Efter:',
  summary: 'Overblik',
  citizens: 'borgere',
  rowsRead: 'læste rækker',
  validBoth: 'gyldige efter begge regelsæt',
  invalidBoth: 'ugyldige efter begge',
  invalidOldOnly: 'kun ugyldige efter de gamle regler',
  invalidNewOnly: 'kun ugyldige efter de nye regler',
  rowsChanged: 'rækker, der fik et andet udfald',
  smallCells: 'Tal på 1–4 borgere vises som “< 5”, og tal, som et sådant tal kunne regnes ud fra, som “x”.',
  outcomesPerProgramme: 'Udfald pr. indsats',
  hidden: 'ikke vist (små tal)',
  matrixCorner: 'før ↓ / efter →',
  oldTotal: 'i alt før',
  newTotal: 'i alt efter',
  oldRules: 'gamle regler',
  newRules: 'nye regler',
  chartTitle: (p) => `${p}: udfald efter de gamle og de nye regler`,
  byHeading: (p, spec) => `${p} fordelt på ${spec}`,
  byChartTitle: (p, spec) => `${p} fordelt på ${spec}: udfald før og efter pr. gruppe`,
  oldBand: (key) => `${key} · før`,
  newBand: (key) => `${key} · efter`,
  eligibleBefore: 'opfylder før',
  eligibleAfter: 'opfylder efter',
  linesHeading: 'De linjer, der flyttede borgere',
  onlyOldHeading: 'Kun i de gamle regler',
  onlyNewHeading: 'Kun i de nye regler',
};

export const DIFF_WORDS: Record<Lang, DiffWords> = { en, da };

export function diffWords(lang: Lang | undefined): DiffWords {
  return lang === 'da' ? da : en;
}
