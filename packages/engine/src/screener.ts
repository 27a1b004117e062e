// The embedding API: compile rules for one reference date into a Screener, then screen records
// (typed JSON, CSV rows, or already-typed values) into the rows of LANGUAGE.md §10.
import { check, inForce, rulesVersion, type CheckedFile, type Diagnostic, type NotInForce, type Range } from '@visit/dsl';
import { isRealDate } from './calendar';
import {
  codeGenerationAllowed,
  compileEvaluator,
  InternalError,
  type Evaluation as EvaluatorHandle,
  type Evaluator,
  type EvaluatorKind,
  type Outcome,
  type ProgramOutcome,
  type Trace,
} from './evaluate';
import { explainer, type Explainer, type Explanation } from './explain';
import {
  csvReader,
  jsonValidator,
  recordInfo,
  recordSchema,
  recordShape,
  type CoercedRecord,
  type CsvReader,
  type CsvReaderOptions,
  type InvalidRecord,
  type JsonSchema,
  type JsonValidator,
  type RecordInfo,
  type RecordShape,
  type TypedRecord,
} from './records';

export interface CompileOptions {
  /** The reference date `YYYY-MM-DD` for `age_of` and `time_since`. */
  asOf: string;
  /** Param overrides as literal source text (`{ min_ledighed: '4 months' }`), checked like the declaration. */
  params?: Record<string, string>;
  /**
   * `false`: evaluate with closures, never generating code (`new Function`). By default code is
   * generated where the host allows it, and closures are used where it does not (a
   * Content-Security-Policy without 'unsafe-eval'); `screener.evaluator` says which.
   */
  codegen?: boolean;
}

/**
 * Which rules a result came from, for a case system to store beside it: the rule file's content
 * hash, the reference date and the param overrides given (they change outcomes).
 */
export interface RulesVersion {
  /** `"sha256:<64 hex>"` of the rule file's text as UTF-8 (`rulesVersion` of @visit/dsl). */
  sha256: string;
  /** The reference date the rules were compiled for. */
  asOf: string;
  /** The param overrides given, as literal source text (`{}` when none). */
  params: Record<string, string>;
}

export type CompileResult =
  | { ok: true; screener: Screener; /** Warnings (never errors). */ diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** A screened record: exactly the NDJSON row of §10 (key order row, id, status, groups, programs, explain). */
export interface ScreenedRow {
  row?: number;
  id: string | null;
  status: 'ok';
  groups: Record<string, boolean | null>;
  programs: Record<string, ProgramOutcome>;
  explain?: Explanation;
}
/** A record that does not fit the declaration: every reason, no outcomes. */
export interface InvalidRow {
  row?: number;
  id: string | null;
  status: 'invalid';
  errors: string[];
}
export type ScreenResult = ScreenedRow | InvalidRow;

export interface ScreenOptions {
  explain?: boolean;
  /** The data row number (from 1) to put in the result. */
  row?: number;
}

export interface ScreenManyOptions {
  explain?: boolean;
  /** Number of the first record (default 1); rows count on from it. */
  firstRow?: number;
}

/** `evaluate`'s result: the outcome, plus the explanation when asked. */
export interface Evaluation extends Outcome {
  explain?: Explanation;
}

const START: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

function diagnostic(code: string, message: string, range: Range = START): Diagnostic {
  return { code, severity: 'error', message, range };
}

/** Rules compiled for one reference date and one set of param values. Build it with `compile`. */
export class Screener {
  readonly asOf: string;
  readonly groupNames: readonly string[];
  readonly programNames: readonly string[];
  /** The `key` field's name (its value is each row's `id`). */
  readonly keyField: string | undefined;
  /** The record declaration: every field with its type, `optional`, `key` and `personal` flags. */
  readonly record: RecordInfo;
  /** The record as a JSON Schema (draft 2020-12), describing a record once `""`/null are removed. */
  readonly schema: JsonSchema;
  /**
   * The checked rules this screener was compiled from, as they stand on `asOf` (§13): the versions
   * in force that day, programmes not in force left out (`inForce` of @visit/dsl).
   */
  readonly checked: CheckedFile;
  /** Which rules decide: the rule file's hash, the reference date and the param overrides. */
  readonly rules: RulesVersion;
  /**
   * Programmes (and groups nothing in force uses) left out of this screener's output because no
   * version of them is in force on `asOf` (LANGUAGE.md §13), in source order, with the days they are in force.
   */
  readonly notInForce: readonly NotInForce[];

  private readonly shape: RecordShape;
  private readonly evaluation: EvaluatorHandle;
  private readonly impl: Evaluator;
  private readonly codegen: boolean;
  private validator: JsonValidator | undefined;
  private readonly explainRecord: Explainer;

  /** @internal use `compile`. */
  constructor(checked: CheckedFile, asOf: string, codegen = true, params: Readonly<Record<string, string>> = {}) {
    // The versions in force on the reference date (§13); `compile` has made sure there are.
    const view = inForce(checked, asOf);
    if (!view.ok) throw new InternalError(view.message);
    this.notInForce = Object.freeze(view.notInForce);
    const rules = view.checked;
    this.checked = rules;
    this.rules = Object.freeze({ sha256: rulesVersion(checked.source), asOf, params: Object.freeze({ ...params }) });
    this.codegen = codegen;
    this.asOf = asOf;
    this.record = recordInfo(checked);
    this.keyField = this.record.keyField;
    this.groupNames = [...rules.groups.keys()];
    this.programNames = [...rules.programs.keys()];
    this.schema = recordSchema(this.record);
    this.shape = recordShape(this.record, codegen);
    this.evaluation = compileEvaluator(rules, this.record, asOf, this.shape.prototype, codegen);
    this.impl = this.evaluation.evaluator;
    this.explainRecord = explainer(rules, this.record, codegen);
  }

  /** ajv compiles the schema on first use: a screener that only evaluates (the editor) never pays. */
  private get validate(): JsonValidator {
    return (this.validator ??= jsonValidator(this.record, this.schema, this.shape, this.codegen));
  }

  /**
   * Which evaluator runs the rules: `'generated'` (a JavaScript function generated from the rules)
   * or `'closures'` (no code generation: asked with `codegen: false`, or the host refuses `new
   * Function`, as under a Content-Security-Policy without 'unsafe-eval'). Both give the same
   * outcomes and explanations.
   */
  get evaluator(): EvaluatorKind {
    return this.evaluation.kind();
  }

  /** The generated evaluation function's source (built from the rules only; for inspection, whichever evaluator runs). */
  get code(): string {
    return this.evaluation.evaluator.code;
  }

  /**
   * Evaluates an already-typed record (dates as ISO strings, numbers, booleans, enum values as
   * strings; missing = absent, undefined or null). No validation: use `screen` for untrusted input.
   * Only the record's own properties are read.
   */
  evaluate(record: Readonly<Record<string, unknown>>, explain = false): Evaluation {
    // The generated code reads only declared names, own properties only; values must be typed.
    const typed = record as TypedRecord;
    if (!explain) return this.impl.run(typed);
    const trace: Trace = this.impl.newTrace();
    const outcome = this.impl.runTraced(typed, trace);
    const own = this.shape.owns(record) ? typed : this.shape.pick(record);
    return { groups: outcome.groups, programs: outcome.programs, explain: this.explainRecord(own, trace, outcome) };
  }

  /** The number of programme lines, of all programmes (the length `evaluateLines` writes). */
  get lineCount(): number {
    return this.impl.lineCount;
  }

  /**
   * Like `evaluate` (no explanation), and writes each programme line's value into `lines`: 0 false,
   * 1 unknown, 2 true, the lines of all programmes in declaration order (every line is evaluated).
   * For counts per line (`visit screen`'s summary) at the cost of one evaluation.
   */
  evaluateLines(record: Readonly<Record<string, unknown>>, lines: Uint8Array): Outcome {
    return this.impl.runLines(record as TypedRecord, lines);
  }

  /** Validates one typed JSON record (an NDJSON line, an API object) and screens it. */
  screen(input: unknown, options: ScreenOptions = {}): ScreenResult {
    return this.screenCoerced(this.validate(input), options);
  }

  /** Validates typed JSON without screening it. */
  validateJson(input: unknown): CoercedRecord | InvalidRecord {
    return this.validate(input);
  }

  /** A reader of CSV rows with this header (columns matched and coercions built once). */
  csvReader(header: readonly string[], options: CsvReaderOptions = {}): CsvReader {
    return csvReader(this.record, this.shape, header, options, this.codegen);
  }

  /** Screens a record a reader produced (`csvReader(...).read(cells)` or `validateJson`). */
  screenCoerced(coerced: CoercedRecord | InvalidRecord, options: ScreenOptions = {}): ScreenResult {
    const { row } = options;
    if (!coerced.ok) {
      return row === undefined
        ? { id: coerced.id, status: 'invalid', errors: coerced.errors }
        : { row, id: coerced.id, status: 'invalid', errors: coerced.errors };
    }
    const e = this.evaluate(coerced.record, options.explain === true);
    const result: ScreenedRow =
      row === undefined
        ? { id: coerced.id, status: 'ok', groups: e.groups, programs: e.programs }
        : { row, id: coerced.id, status: 'ok', groups: e.groups, programs: e.programs };
    if (e.explain) result.explain = e.explain;
    return result;
  }

  /** Screens typed JSON records in order (rows numbered from `firstRow`, default 1). */
  async *screenMany(records: Iterable<unknown> | AsyncIterable<unknown>, options: ScreenManyOptions = {}): AsyncIterable<ScreenResult> {
    let row = options.firstRow ?? 1;
    const explain = options.explain === true;
    for await (const r of records as AsyncIterable<unknown>) yield this.screen(r, { row: row++, explain });
  }
}

/**
 * Compiles a rules source (or an already checked file) for a reference date and param overrides.
 * Never throws: problems come back as diagnostics (the checker's, plus `invalid-as-of`,
 * `unknown-param` and `too-deep`).
 */
export function compile(source: string | CheckedFile, options: CompileOptions): CompileResult {
  const problems: Diagnostic[] = [];
  const asOf = options?.asOf;
  if (typeof asOf !== 'string' || !isRealDate(asOf)) {
    problems.push(
      diagnostic(
        'invalid-as-of',
        `invalid reference date ${JSON.stringify(asOf)}: expected a date YYYY-MM-DD that exists`,
      ),
    );
  }
  const params = options?.params;
  if (typeof source !== 'string' && (typeof source !== 'object' || source === null || typeof source.source !== 'string')) {
    return { ok: false, diagnostics: [...problems, diagnostic('invalid-source', 'expected the rules as text or as a checked file')] };
  }
  let checked: CheckedFile;
  try {
    if (typeof source === 'string') checked = check(source, params ? { params } : {});
    else checked = params && Object.keys(params).length > 0 ? check(source.source, { params }) : source;
  } catch (e) {
    // The parser and checker guard their own depth; this is the last line of defence.
    if (isStackOverflow(e)) return { ok: false, diagnostics: [...problems, diagnostic('too-deep', 'the rules are nested too deeply to process')] };
    throw e;
  }
  const diagnostics = [...problems, ...checked.diagnostics];
  if (params) {
    // The checker reports every override that names no param (`check` with `params`); this is a
    // last line of defence, and like the checker it quotes only what is a name (a value typed
    // where a name belongs, such as a CPR number, is not repeated).
    const checkerReported = checked.diagnostics.filter((d) => d.code === 'unknown-param').length;
    const unknown = Object.keys(params).filter((name) => !checked.params.has(name));
    if (unknown.length > checkerReported) {
      for (const name of unknown) {
        const isName = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
        if (isName && checked.diagnostics.some((d) => d.code === 'unknown-param' && d.message.includes(`'${name}'`))) continue;
        diagnostics.push(diagnostic('unknown-param', isName ? `there is no param named '${name}'` : 'a param override names no param'));
      }
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  // §13: a let, param or group in use with no version in force on the reference date: no run.
  const view = inForce(checked, asOf);
  if (!view.ok) return { ok: false, diagnostics: [...diagnostics, diagnostic('not-in-force', view.message)] };
  try {
    const codegen = options.codegen !== false && codeGenerationAllowed();
    return { ok: true, screener: new Screener(checked, asOf, codegen, params), diagnostics };
  } catch (e) {
    if (e instanceof InternalError) {
      return { ok: false, diagnostics: [...diagnostics, diagnostic('internal-error', `the engine cannot compile these rules: ${e.message}`)] };
    }
    if (isStackOverflow(e)) return { ok: false, diagnostics: [...diagnostics, diagnostic('too-deep', 'the rules are nested too deeply to process')] };
    throw e;
  }
}

/** V8's "Maximum call stack size exceeded" (a RangeError, as are other errors that are not about depth). */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
