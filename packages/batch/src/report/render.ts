// `visit screen --report FILE`: the equal-treatment report as one self-contained HTML page —
// the rows read, each programme's outcomes, the requirement lines that most often failed or
// could not be decided, the fields most often missing, and per `--by` breakdown each band's
// outcomes as bars, with a note where a band's share of eligible citizens differs strongly from
// the rest. Counts only, suppressed as suppress.ts says. Browser-safe (strings in, a string out).

import { inForce, maskedSlice, type CheckedFile } from '@visit/dsl';
import { recordInfo } from '@visit/engine';
import type { ScreenStats } from '../summary/stats';
import { countBars, countCell, countText, escapeHtml, formatPercent, legend, pageShell, shownShare, stackedBars, table, textCell, type Lang, type StackedBar } from './kit';
import { CountTable, MIN_CELL, type Count } from './suppress';
import { reportWords, type ReportWords } from './text';

/** Everything a screening report shows (plain data: counts and the rules' own names and lines). */
export interface ScreenReportData {
  /** The records' and the rules' file names as given (`stdin` for `-`). */
  recordsName: string;
  rulesName: string;
  asOf: string;
  /** `sha256:…` of the rule file. */
  rulesVersion: string;
  params: Readonly<Record<string, string>>;
  read: number;
  valid: number;
  invalid: number;
  programs: ReportProgram[];
  breakdowns: ReportBreakdown[];
}

export interface ReportProgram {
  name: string;
  label: string | null;
  /** The lines' conditions as written (personal values masked: •••), and their labels. */
  lines: { kind: 'require' | 'exclude'; source: string; label: string | null }[];
  eligible: number;
  ineligible: number;
  undetermined: number;
  /** Per line: rows it made ineligible. */
  failedLines: number[];
  /** Per line: undetermined rows in which it was unknown. */
  unknownLines: number[];
  /** Field → undetermined rows in which it was missing and would have decided (with its label). */
  missingFields: { field: string; label: string | null; rows: number }[];
}

export interface ReportBreakdown {
  /** The `--by` spec as given. */
  spec: string;
  field: string;
  fieldLabel: string | null;
  /** In display order; per programme (in `programs` order) eligible, ineligible, undetermined. */
  bands: { key: string; rows: number; outcomes: [number, number, number][] }[];
}

export interface ReportOptions {
  lang?: Lang;
  /** How many lines and fields each programme lists (default 5). */
  top?: number;
}

/**
 * The report's data from a finished run's counts (`Screening.stats`, with `report` asked in the
 * screening's options) and the rules it ran on.
 */
export function screenReportData(
  stats: ScreenStats,
  checked: CheckedFile,
  meta: { recordsName: string; rulesName: string; asOf: string; rulesVersion: string; params: Readonly<Record<string, string>> },
): ScreenReportData {
  const view = inForce(checked, meta.asOf);
  const rules = view.ok ? view.checked : checked;
  const fields = new Map(recordInfo(checked).fields.map((f) => [f.name, f.label]));
  const tally = stats.report;
  const programs: ReportProgram[] = [...rules.programs.values()].map((p, i) => ({
    name: p.name.text,
    label: p.label?.value ?? null,
    lines: p.lines.map((l) => ({
      kind: l.mode,
      source: maskedSlice(checked.source, l.condition.range.start.offset, l.condition.range.end.offset, checked.personal).replace(/\s+/g, ' '),
      label: l.label?.value ?? null,
    })),
    eligible: stats.eligible[i] ?? 0,
    ineligible: stats.ineligible[i] ?? 0,
    undetermined: stats.undetermined[i] ?? 0,
    failedLines: [...(stats.failedLines[i] ?? [])],
    unknownLines: [...(tally?.unknownLines[i] ?? p.lines.map(() => 0))],
    missingFields: [...(stats.missingFields[i] ?? [])].map(([field, rows]) => ({ field, label: fields.get(field) ?? null, rows })),
  }));
  const breakdowns: ReportBreakdown[] = (tally?.breakdowns ?? []).map((b, k) => ({
    spec: b.spec,
    field: b.field,
    fieldLabel: fields.get(b.field) ?? null,
    bands: [...tally!.bands[k]!]
      .sort(([x], [y]) => b.compare(x, y))
      .map(([key, cells]) => ({
        key,
        rows: cells[0]!,
        outcomes: programs.map((_, p) => [cells[1 + 3 * p]!, cells[2 + 3 * p]!, cells[3 + 3 * p]!] as [number, number, number]),
      })),
  }));
  return { ...meta, read: stats.read, valid: stats.valid, invalid: stats.invalid, programs, breakdowns };
}

/** The least difference in eligible share, in percentage points, that gets a note. */
export const NOTE_POINTS = 10;
/** The least number of citizens in the band, and among the others, for a note. */
export const NOTE_MIN_GROUP = 20;

/** A band whose eligible share differs strongly from the rest's (the rule in text.ts `noteRule`). */
export interface BandNote {
  breakdown: number;
  program: number;
  band: number;
  /** Shares of eligible citizens in the band and among all others. */
  inBand: number;
  rest: number;
}

/** Every count of the report with how it is shown, after suppression (suppress.ts). */
export interface ShownCounts {
  read: Count;
  valid: Count;
  invalid: Count;
  /** Per programme: eligible, ineligible, undetermined. */
  outcomes: [Count, Count, Count][];
  failedLines: Count[][];
  unknownLines: Count[][];
  missingFields: Count[][];
  /** Per breakdown, per band: its rows, and per programme its three outcomes. */
  bands: { rows: Count; outcomes: [Count, Count, Count][] }[][];
  notes: BandNote[];
}

/**
 * Suppresses the report's counts together (one table of sums: rows = valid + invalid; each
 * programme's outcomes = valid; each breakdown's bands = valid; a band's outcomes = the band; a
 * programme's outcome over the bands = its total) and finds the notes.
 */
export function shownCounts(data: ScreenReportData): ShownCounts {
  const t = new CountTable();
  const read = t.add(data.read);
  const valid = t.add(data.valid);
  const invalid = t.add(data.invalid);
  t.sum(read, [valid, invalid]);
  const outcomes = data.programs.map((p) => {
    const o = [t.add(p.eligible), t.add(p.ineligible), t.add(p.undetermined)] as const;
    t.sum(valid, o);
    return o;
  });
  const bands = data.breakdowns.map((b) => {
    const cells = b.bands.map((band) => {
      const rows = t.add(band.rows);
      const os = band.outcomes.map((o) => {
        const ids = [t.add(o[0]), t.add(o[1]), t.add(o[2])] as const;
        t.sum(rows, ids);
        return ids;
      });
      return { rows, outcomes: os };
    });
    t.sum(valid, cells.map((c) => c.rows));
    data.programs.forEach((_, p) => {
      for (let o = 0; o < 3; o++) t.sum(outcomes[p]![o]!, cells.map((c) => c.outcomes[p]![o]!));
    });
    return cells;
  });
  const get = (i: number) => t.get(i);
  const triple = (ids: readonly [number, number, number]) => [get(ids[0]), get(ids[1]), get(ids[2])] as [Count, Count, Count];
  const shownOutcomes = outcomes.map(triple);
  // A line's count is no more than its programme's total: it is hidden when small, and withheld
  // when the total is hidden (a programme of one line would show its total otherwise).
  const under = (value: number, total: Count): Count =>
    value > 0 && value < MIN_CELL ? { value, shown: 'small' } : total.shown !== 'shown' && value > 0 ? { value, shown: 'withheld' } : { value, shown: 'shown' };
  const result: ShownCounts = {
    read: get(read),
    valid: get(valid),
    invalid: get(invalid),
    outcomes: shownOutcomes,
    failedLines: data.programs.map((p, i) => p.failedLines.map((n) => under(n, shownOutcomes[i]![1]))),
    unknownLines: data.programs.map((p, i) => p.unknownLines.map((n) => under(n, shownOutcomes[i]![2]))),
    missingFields: data.programs.map((p, i) => p.missingFields.map((f) => under(f.rows, shownOutcomes[i]![2]))),
    bands: bands.map((cells) => cells.map((c) => ({ rows: get(c.rows), outcomes: c.outcomes.map(triple) }))),
    notes: [],
  };
  const G = result.valid;
  result.bands.forEach((cells, b) => {
    data.programs.forEach((_, p) => {
      const E = result.outcomes[p]![0];
      cells.forEach((c, k) => {
        const e = c.outcomes[p]![0];
        if (![G, E, c.rows, e].every((x) => x.shown === 'shown')) return;
        const others = G.value - c.rows.value;
        if (c.rows.value < NOTE_MIN_GROUP || others < NOTE_MIN_GROUP) return;
        const inBand = e.value / c.rows.value;
        const rest = (E.value - e.value) / others;
        if (Math.abs(inBand - rest) * 100 >= NOTE_POINTS - 1e-9) result.notes.push({ breakdown: b, program: p, band: k, inBand, rest });
      });
    });
  });
  return result;
}

/** The report as one HTML page. */
export function renderScreenReport(data: ScreenReportData, options: ReportOptions = {}): string {
  const lang = options.lang ?? 'en';
  const top = options.top ?? 5;
  const w = reportWords(lang);
  const shown = shownCounts(data);
  const programName = (p: ReportProgram) => (p.label ? `${p.label} (${p.name})` : p.name);
  const body: string[] = [];

  const params = Object.entries(data.params).map(([k, v]) => `${k}=${v}`);
  body.push(`<header><h1>${escapeHtml(w.title)}</h1>`);
  body.push(`<p class="meta">${escapeHtml(w.screened(data.recordsName, data.rulesName))}, ${escapeHtml(w.asOf(data.asOf))}</p>`);
  body.push(
    `<p class="meta">${escapeHtml(w.rulesVersion)} <code>${escapeHtml(data.rulesVersion)}</code>${params.length > 0 ? `; ${escapeHtml(w.params)} <code>${escapeHtml(params.join(', '))}</code>` : ''}</p></header>`,
  );

  body.push(`<section id="summary"><h2>${escapeHtml(w.summary)}</h2>`);
  body.push(
    table(
      ['', w.citizens],
      [
        [textCell(w.rowsRead), countCell(shown.read, lang)],
        [textCell(w.valid), countCell(shown.valid, lang)],
        [textCell(w.invalid), countCell(shown.invalid, lang)],
      ],
    ),
  );
  body.push('</section>');

  const outcomeLegend = legend([
    { tone: 'eligible', name: w.eligible },
    { tone: 'ineligible', name: w.ineligible },
    { tone: 'undetermined', name: w.undetermined },
    { tone: 'hidden', name: w.hidden },
  ]);
  const bar = (label: string, total: Count, o: readonly [Count, Count, Count], flag?: string): StackedBar => {
    const share = shownShare(o[0], total);
    return {
      label,
      total,
      segments: [
        { count: o[0], tone: 'eligible', name: w.eligible },
        { count: o[1], tone: 'ineligible', name: w.ineligible },
        { count: o[2], tone: 'undetermined', name: w.undetermined },
      ],
      caption:
        share !== undefined
          ? w.eligibleShare(formatPercent(share, lang))
          : total.shown !== 'shown'
            ? `${w.citizens}: ${countText(total, lang)}`
            : total.value === 0
              ? ''
              : w.eligibleShare(countText(o[0], lang)),
      ...(flag ? { flag } : {}),
    };
  };

  body.push(`<section id="outcomes"><h2>${escapeHtml(w.outcomes)}</h2>`);
  if (data.programs.length === 0) body.push(`<p>${escapeHtml(w.noPrograms)}</p>`);
  else {
    body.push(outcomeLegend);
    body.push(stackedBars(data.programs.map((p, i) => bar(p.name, shown.valid, shown.outcomes[i]!)), { title: w.outcomes, lang }));
    body.push(
      table(
        [w.programme, w.eligible, w.ineligible, w.undetermined],
        data.programs.map((p, i) => [textCell(programName(p)), ...shown.outcomes[i]!.map((c) => countCell(c, lang))]),
      ),
    );
  }
  body.push('</section>');

  const ranked = (counts: readonly Count[]) =>
    counts
      .map((count, i) => ({ count, i }))
      .filter((x) => x.count.value > 0)
      .sort((a, b) => b.count.value - a.count.value || a.i - b.i)
      .slice(0, top);
  const lineText = (p: ReportProgram, l: number) => {
    const line = p.lines[l]!;
    return `${line.kind} ${line.source}`;
  };
  const linesSection = (id: string, heading: string, intro: string, counts: Count[][], tone: 'ineligible' | 'undetermined') => {
    body.push(`<section id="${id}"><h2>${escapeHtml(heading)}</h2><p>${escapeHtml(intro)}</p>`);
    let any = false;
    data.programs.forEach((p, i) => {
      const worst = ranked(counts[i]!);
      if (worst.length === 0) return;
      any = true;
      body.push(`<h3>${escapeHtml(programName(p))}</h3>`);
      body.push(countBars(worst.map((x) => ({ label: `${w.line} ${x.i + 1}`, count: x.count })), { title: `${heading}: ${p.name}`, lang, tone }));
      body.push(
        table(
          [w.line, '', w.rows],
          worst.map((x) => [
            textCell(String(x.i + 1), 'num'),
            `<td class="code">${escapeHtml(lineText(p, x.i))}${p.lines[x.i]!.label ? `<br><span class="rule">${escapeHtml(p.lines[x.i]!.label!)}</span>` : ''}</td>`,
            countCell(x.count, lang),
          ]),
        ),
      );
    });
    if (!any) body.push(`<p>${escapeHtml(w.none)}</p>`);
    body.push('</section>');
  };
  linesSection('failed-lines', w.failedLines, w.failedLinesIntro, shown.failedLines, 'ineligible');
  linesSection('undetermined-lines', w.undeterminedLines, w.undeterminedLinesIntro, shown.unknownLines, 'undetermined');

  body.push(`<section id="missing-fields"><h2>${escapeHtml(w.missingFields)}</h2><p>${escapeHtml(w.missingFieldsIntro)}</p>`);
  let anyMissing = false;
  data.programs.forEach((p, i) => {
    const worst = ranked(shown.missingFields[i]!);
    if (worst.length === 0) return;
    anyMissing = true;
    const name = (f: { field: string; label: string | null }) => (f.label ? `${f.label} (${f.field})` : f.field);
    body.push(`<h3>${escapeHtml(programName(p))}</h3>`);
    body.push(table([w.field, w.rows], worst.map((x) => [textCell(name(p.missingFields[x.i]!)), countCell(x.count, lang)])));
  });
  if (!anyMissing) body.push(`<p>${escapeHtml(w.none)}</p>`);
  body.push('</section>');

  if (data.breakdowns.length === 0) body.push(`<section id="breakdowns"><p>${escapeHtml(w.noBreakdown)}</p></section>`);
  data.breakdowns.forEach((b, bi) => {
    const by = b.fieldLabel ? `${b.fieldLabel} (${b.spec})` : b.spec;
    body.push(`<section class="breakdown" id="by-${bi + 1}"><h2>${escapeHtml(w.breakdown(by))}</h2>`);
    const notes = shown.notes.filter((n) => n.breakdown === bi);
    body.push(`<h3>${escapeHtml(w.notes)}</h3>`);
    if (notes.length === 0) body.push(`<p>${escapeHtml(w.noNotes)}</p>`);
    for (const n of notes) {
      const p = data.programs[n.program]!;
      const points = Math.round(Math.abs(n.inBand - n.rest) * 100);
      body.push(`<p class="note">${escapeHtml(w.note(b.bands[n.band]!.key, programName(p), formatPercent(n.inBand, lang), formatPercent(n.rest, lang), points, n.inBand > n.rest))}</p>`);
    }
    body.push(outcomeLegend);
    data.programs.forEach((p, pi) => {
      body.push(`<h3>${escapeHtml(programName(p))}</h3>`);
      const cells = shown.bands[bi]!;
      const flagged = new Set(notes.filter((n) => n.program === pi).map((n) => n.band));
      body.push(stackedBars(b.bands.map((band, k) => bar(band.key, cells[k]!.rows, cells[k]!.outcomes[pi]!, flagged.has(k) ? '!' : undefined)), { title: `${w.breakdown(by)}: ${p.name}`, lang }));
      body.push(
        table(
          [w.band, w.citizens, w.eligible, w.ineligible, w.undetermined],
          b.bands.map((band, k) => [textCell(band.key), countCell(cells[k]!.rows, lang), ...cells[k]!.outcomes[pi]!.map((c) => countCell(c, lang))]),
        ),
      );
    });
    body.push('</section>');
  });

  body.push(`<section id="how-to-read"><h2>${escapeHtml(w.howToRead)}</h2><p class="rule">${escapeHtml(w.suppressionRule)}</p><p class="rule">${escapeHtml(w.noteRule)}</p></section>`);
  body.push(`<footer>${escapeHtml(w.footer)}</footer>`);
  return pageShell({ title: `${w.title} — ${data.recordsName}`, lang, body: body.join('\n') });
}
