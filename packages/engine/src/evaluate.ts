// Three-valued evaluation (LANGUAGE.md §5). The rules are lowered once per screener (lower.ts) and
// run by one of two back ends over that one lowering: a generated JavaScript function (generate.ts,
// the fast path) or a tree of closures (closures.ts) where code generation is refused — a
// Content-Security-Policy without 'unsafe-eval' — or not wanted (`compile(…, { codegen: false })`).
import type { CheckedFile } from '@visit/dsl';
import { closureEvaluator, type ClosureRun } from './closures';
import { generateSource } from './generate';
import { dayOf, unitsBetween } from './calendar';
import { Periods, rangeCompare, type Helpers } from './histories';
import { lowerRules } from './lower';
import type { RecordInfo, TypedRecord } from './records';

export { InternalError } from './lower';

export type ProgramOutcome = 'eligible' | 'ineligible' | 'undetermined';

/** The result of one record: each group true/false/null (unknown), each programme's outcome. */
export interface Outcome {
  groups: Record<string, boolean | null>;
  programs: Record<string, ProgramOutcome>;
}

/** Indexed by node id: the value the node had for one record (criteria true/false/null, values as
 *  read, null for missing). Nodes not evaluated (short-circuited) are holes (undefined). */
export type Trace = (TraceValue | undefined)[];
export type TraceValue = boolean | string | number | null;

export interface Evaluator {
  /** Evaluates a record whose declared fields are own properties (see RecordShape). */
  run(record: TypedRecord): Outcome;
  /** The same, recording every evaluated node's value in `trace` (all programme lines are evaluated). */
  runTraced(record: TypedRecord, trace: Trace): Outcome;
  /** A fresh, empty trace sized for these rules. */
  newTrace(): Trace;
  /**
   * The same as `run`, also writing every programme line's value into `lines` (0 false, 1 unknown,
   * 2 true; the lines of all programmes in declaration order). Every line is evaluated. Compiled on
   * first use.
   */
  runLines(record: TypedRecord, lines: Uint8Array): Outcome;
  /** The number of programme lines (of all programmes). */
  readonly lineCount: number;
  /** The generated JavaScript (for inspection and tests). */
  readonly code: string;
}

/** Which back end evaluates: generated JavaScript, or closures (no code generation). */
export type EvaluatorKind = 'generated' | 'closures';

const TRI_PUBLIC: readonly (boolean | null)[] = [false, null, true];
const OUTCOMES: readonly ProgramOutcome[] = ['ineligible', 'undetermined', 'eligible'];

type Run = (r: TypedRecord, t?: Trace | Uint8Array) => Outcome;

function instantiate(code: string, recordPrototype: object): Run {
  // The generated code sees only these names: no globals, nothing from records.
  const factory = new Function('B', 'P', 'RP', 'OP', 'getPrototypeOf', 'hasOwn', 'H', `'use strict';\n${code}`) as (...args: unknown[]) => Run;
  return factory(TRI_PUBLIC, OUTCOMES, recordPrototype, Object.prototype, Object.getPrototypeOf, Object.prototype.hasOwnProperty, helpers());
}

/** The run-time helpers of §11–§12, one scratch per evaluator. */
export function helpers(): Helpers {
  return { rangeCompare, units: unitsBetween, day: dayOf, periods: new Periods() };
}

export interface Evaluation {
  readonly evaluator: Evaluator;
  /** The back end in use: 'generated', or 'closures' when asked or when code generation was refused. */
  kind(): EvaluatorKind;
}

/**
 * Compiles the checked rules for one reference date into an evaluator: generated code when `codegen`
 * (falling back to closures if the host refuses `new Function` when it is first made), else
 * closures. Throws InternalError only when the checked file breaks the checker's contract.
 */
export function compileEvaluator(checked: CheckedFile, info: RecordInfo, asOf: string, recordPrototype: object, codegen = true): Evaluation {
  // Lowered now, so that a checked file that breaks the checker's contract fails here; each back
  // end is made on first use. One function serves `run` and `runLines` (the line values are written
  // when an array is passed), so `visit screen` generates and compiles the rules once: each variant
  // of a 10,000-group file is a function of ~100,000 statements that costs V8 about a second. The
  // traced variant (explanations) is made on first use too.
  const rules = lowerRules(checked, info, asOf);
  let kind: EvaluatorKind = codegen ? 'generated' : 'closures';
  let source: string | undefined;
  const code = () => (source ??= generateSource(rules, false));

  /** Generated code while the host allows it; closures from the first refusal on. */
  const make = (traced: boolean): Run => {
    if (kind === 'generated') {
      try {
        return instantiate(traced ? generateSource(rules, true) : code(), recordPrototype);
      } catch (e) {
        if (!isRefusal(e)) throw e;
        kind = 'closures';
      }
    }
    const run: ClosureRun = closureEvaluator(rules, recordPrototype, traced);
    return traced ? (r, t) => run(r, t as Trace, undefined) : (r, o) => run(r, undefined, o as Uint8Array | undefined);
  };
  let untraced: Run | undefined;
  let tracedRun: Run | undefined;
  const size = rules.maxTracedId + 1;
  const evaluator: Evaluator = {
    get code() {
      return code();
    },
    run: (r) => (untraced ??= make(false))(r),
    runTraced: (r, t) => (tracedRun ??= make(true))(r, t),
    newTrace: () => new Array<TraceValue | undefined>(size),
    runLines: (r, o) => (untraced ??= make(false))(r, o),
    lineCount: rules.lineCount,
  };
  return { evaluator, kind: () => kind };
}

/** A host's refusal to compile code from strings (a CSP without 'unsafe-eval', a vm context with
 *  `codeGeneration: { strings: false }`): an EvalError, possibly from another realm. */
export function isRefusal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'EvalError';
}

/** Whether this host compiles code from strings (`new Function`); asked once per compile. */
export function codeGenerationAllowed(): boolean {
  try {
    return (new Function('return 2') as () => number)() === 2;
  } catch {
    return false;
  }
}
