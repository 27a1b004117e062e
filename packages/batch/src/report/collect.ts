// What `visit screen --report` counts beside the summary, in the same pass, on every thread: per
// `--by` breakdown, per band, the valid rows and each programme's outcomes; per programme line,
// the rows it left undetermined. (The lines that made rows ineligible and the missing fields are
// the summary's own counts, summary/stats.ts.) It reads the programme line values the summary's
// counter already has (Screener.evaluateLines), not a whole explanation per row, which would cost
// ~20× the evaluation (screen/lines.ts). Counts only: a band is a label (`30–39 years`), never a
// record's value of a personal field (breakdown/ refuses those).

import type { CheckedFile } from '@visit/dsl';
import { parseBreakdown, type Breakdown } from '../breakdown/index';
import type { Lang } from './kit';

/** What a report counts (plain data: it travels to the worker threads with the screening plan). */
export interface ReportPlan {
  /** `--by` specs, in order (breakdown/: `benefit`, `age_of(birth_date):10 years`, …). */
  by: string[];
  /** The language of band labels (`30–39 år`, `mangler`). */
  lang: Lang;
}

/** Distinct bands kept per breakdown; rows of any further band are counted in OTHER_BAND. */
export const MAX_BANDS = 200;
/** The band of rows beyond MAX_BANDS distinct ones (a text field with a value per citizen). */
export const OTHER_BAND = '…';

/** Plain data (structured-clone safe): a worker's counts. */
export interface ReportTallyData {
  /** Per programme, per line: undetermined rows in which the line was unknown. */
  unknownLines: number[][];
  /** Per breakdown: band → [valid rows, then per programme: eligible, ineligible, undetermined]. */
  bands: [string, number[]][][];
}

type Outcome = 'eligible' | 'ineligible' | 'undetermined' | null;

export type TallyBuild = { ok: true; tally: ReportTally } | { ok: false; message: string };

export class ReportTally {
  readonly unknownLines: number[][];
  readonly bands: Map<string, number[]>[];
  /** Per programme: the index of its first line in the screener's line values. */
  private readonly bases: number[];

  private constructor(
    readonly breakdowns: readonly Breakdown[],
    private readonly programNames: readonly string[],
    private readonly lineCounts: readonly number[],
    private readonly asOf: string,
  ) {
    this.unknownLines = lineCounts.map((n) => new Array<number>(n).fill(0));
    this.bands = breakdowns.map(() => new Map());
    let base = 0;
    this.bases = lineCounts.map((n) => {
      const b = base;
      base += n;
      return b;
    });
  }

  /** The tally of a plan for rules (the programmes in force on `asOf`, with their line counts). */
  static build(plan: ReportPlan, checked: CheckedFile, programNames: readonly string[], lineCounts: readonly number[], asOf: string): TallyBuild {
    const breakdowns: Breakdown[] = [];
    for (const spec of plan.by) {
      const parsed = parseBreakdown(spec, checked, { lang: plan.lang });
      if (!parsed.ok) return { ok: false, message: parsed.message };
      breakdowns.push(parsed.breakdown);
    }
    return { ok: true, tally: new ReportTally(breakdowns, programNames, lineCounts, asOf) };
  }

  /** An empty tally of the same shape (a worker counts each segment apart). */
  fresh(): ReportTally {
    return new ReportTally(this.breakdowns, this.programNames, this.lineCounts, this.asOf);
  }

  /**
   * One valid row: its record, its programmes' outcomes, and every programme line's value
   * (`v`, as Screener.evaluateLines gives them: 0 false, 1 unknown, 2 true).
   */
  count(record: Readonly<Record<string, unknown>>, programs: Readonly<Record<string, Outcome>>, v: Uint8Array): void {
    const names = this.programNames;
    for (let b = 0; b < this.breakdowns.length; b++) {
      const bands = this.bands[b]!;
      let key = this.breakdowns[b]!.keyOf(record, this.asOf);
      let cells = bands.get(key);
      if (cells === undefined) {
        if (bands.size >= MAX_BANDS) key = OTHER_BAND;
        cells = bands.get(key);
        if (cells === undefined) bands.set(key, (cells = new Array<number>(1 + 3 * names.length).fill(0)));
      }
      cells[0]!++;
      for (let p = 0; p < names.length; p++) {
        const o = programs[names[p]!];
        cells[1 + 3 * p + (o === 'eligible' ? 0 : o === 'ineligible' ? 1 : 2)]!++;
      }
    }
    for (let p = 0; p < names.length; p++) {
      if (programs[names[p]!] !== 'undetermined') continue;
      const lines = this.unknownLines[p]!;
      const base = this.bases[p]!;
      for (let l = 0; l < lines.length; l++) if (v[base + l] === 1) lines[l]!++;
    }
  }

  data(): ReportTallyData {
    return { unknownLines: this.unknownLines, bands: this.bands.map((m) => [...m]) };
  }

  /** Adds another part's counts of the same run. */
  add(other: ReportTallyData): void {
    other.unknownLines.forEach((lines, p) => lines.forEach((n, l) => (this.unknownLines[p]![l]! += n)));
    other.bands.forEach((bands, b) => {
      const into = this.bands[b]!;
      for (const [key, cells] of bands) {
        let k = key;
        if (!into.has(k) && into.size >= MAX_BANDS) k = OTHER_BAND;
        const have = into.get(k);
        if (have) cells.forEach((n, i) => (have[i]! += n));
        else into.set(k, [...cells]);
      }
    });
  }
}
