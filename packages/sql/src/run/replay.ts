// The engine module the SQL runners (duckdb.ts, postgres.ts) hand to @visit/batch's pipeline: the
// engine itself — its readers, validation and output — except that every evaluation is taken from
// `answer` (the SELECT's row for that record) instead of being computed. For one reference date
// (`compile`: the row loop calls `evaluateLines`) and for a date per row (`compileDated`, §14: the
// loop asks the day's screener to `evaluate`). Explanations are the JavaScript engine's: asked for
// here, they are refused with `explainRefused`.
import type { Outcome, Screener, TypedRecord } from '@visit/engine';
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
