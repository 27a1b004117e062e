// The engine module the SQL runners (duckdb.ts, postgres.ts) hand to @visit/batch's pipeline: the
// engine itself — its readers, validation and output — except that every evaluation is taken from
// `answer` (the SELECT's row for that record) instead of being computed. For one reference date
// (`compile`: the row loop calls `evaluateLines`) and for a date per row (`compileDated`, §14: the
// loop asks the day's screener to `evaluate`). Explanations are the JavaScript engine's: asked for
// here, they are refused with `explainRefused`.
import type { Outcome, ProgramOutcome, Screener, TypedRecord } from '@visit/engine';
import type { SqlCompileResult } from '../compile';
import { SqlCompileError } from '../dialect';

type EngineModule = typeof import('@visit/engine');

/**
 * `answer(s)` is made once per screener (`s` names the groups, programmes and lines in the order
 * the pipeline reads them) and called per evaluated record; `lines` is the programme lines' values
 * to fill (one date), or undefined (a date per row: the summary counts no lines then).
 */
export type Answerer = (s: Screener) => (record: TypedRecord, lines: Uint8Array | undefined) => Outcome;

export function replayEngine(engine: EngineModule, answerer: Answerer, explainRefused: string): EngineModule {
  const replaying = (s: Screener): Screener => {
    const answer = answerer(s);
    const screener = Object.create(s) as Screener;
    screener.evaluateLines = (r, lines) => answer(r as TypedRecord, lines);
    screener.evaluate = (r, explain = false) => {
      if (explain) throw new SqlCompileError(explainRefused);
      return answer(r as TypedRecord, undefined);
    };
    return screener;
  };
  return {
    ...engine,
    compile: ((source, options) => {
      const compiled = engine.compile(source, options);
      return compiled.ok ? { ...compiled, screener: replaying(compiled.screener) } : compiled;
    }) as EngineModule['compile'],
    compileDated: ((source, options) => {
      const compiled = engine.compileDated(source, options);
      if (!compiled.ok) return compiled;
      const dated = compiled.screener;
      // The day's screener, replaying: one per day's screener (they are cached by the dated one).
      const days = new Map<Screener, Screener>();
      const screener = Object.create(dated) as typeof dated;
      screener.screenerOn = (date: string) => {
        const s = dated.screenerOn(date);
        if (typeof s === 'string') return s;
        let r = days.get(s);
        if (!r) days.set(s, (r = replaying(s)));
        return r;
      };
      return { ...compiled, screener };
    }) as EngineModule['compileDated'],
  };
}

// ---------------------------------------------------------------- the SELECT's answers as codes

/** One answer row as bytes, in the SELECT's column order (groups, programmes, lines of `columns`):
 *  a criterion 0 false, 1 unknown, 2 true; a programme 0 ineligible, 1 undetermined, 2 eligible. */
export type AnswerColumns = SqlCompileResult['columns'];

const VERDICT: Readonly<Record<string, number>> = { ineligible: 0, undetermined: 1, eligible: 2 };
const VERDICTS: readonly ProgramOutcome[] = ['ineligible', 'undetermined', 'eligible'];
const GROUP_VALUES: readonly (boolean | null)[] = [false, null, true];

/** The number of codes of one answer row. */
export const answerWidth = (c: AnswerColumns): number => c.groups.length + c.programs.length + c.lines.length;

/** The code of the answer's `j`-th column (after the key) holding `v`: TRUE/FALSE/NULL, or a programme's text. */
export function answerCode(c: AnswerColumns, j: number, v: unknown): number {
  const isProgram = j >= c.groups.length && j < c.groups.length + c.programs.length;
  return isProgram ? VERDICT[String(v)]! : v === true ? 2 : v === false ? 0 : 1;
}

/**
 * Reads answer rows for screener `s`: its groups, programmes and (when given) programme lines in
 * the order the pipeline reads them, from codes in the SELECT's order starting at `base`.
 */
export function answerReader(c: AnswerColumns, s: Screener): (codes: Uint8Array, base: number, lines: Uint8Array | undefined) => Outcome {
  for (const g of s.groupNames) if (!c.groups.includes(g)) throw new SqlCompileError(`internal error: group ${g} has no SQL column`);
  for (const p of s.programNames) if (!c.programs.includes(p)) throw new SqlCompileError(`internal error: programme ${p} has no SQL column`);
  const nGroups = c.groups.length;
  const nPrograms = c.programs.length;
  const groupNames = s.groupNames;
  const programNames = s.programNames;
  const groupAt = groupNames.map((g) => c.groups.indexOf(g));
  const programAt = programNames.map((p) => nGroups + c.programs.indexOf(p));
  const lineAt = programNames.flatMap((p) => c.lines.map((l, i) => [l, i] as const).filter(([l]) => l.program === p).map(([, i]) => nGroups + nPrograms + i));
  return (codes, base, lines) => {
    const groups: Record<string, boolean | null> = {};
    for (let j = 0; j < groupNames.length; j++) groups[groupNames[j]!] = GROUP_VALUES[codes[base + groupAt[j]!]!]!;
    const programs: Record<string, ProgramOutcome> = {};
    for (let j = 0; j < programNames.length; j++) programs[programNames[j]!] = VERDICTS[codes[base + programAt[j]!]!]!;
    if (lines) for (let j = 0; j < lines.length; j++) lines[j] = codes[base + lineAt[j]!]!;
    return { groups, programs };
  };
}
