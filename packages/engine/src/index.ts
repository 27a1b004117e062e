// Public API of the Visit engine: compile rules into a screener, screen records, explain outcomes.
export { compile, Screener } from './screener';
export { compileDated, DatedScreener } from './dated';
export type { DatedCompileOptions, DatedCompileResult, DatedInvalidRow, DatedScreenedRow, DatedScreenResult } from './dated';
export type {
  CompileOptions,
  CompileResult,
  Evaluation,
  InvalidRow,
  ScreenedRow,
  ScreenManyOptions,
  ScreenOptions,
  ScreenResult,
  RulesVersion,
} from './screener';
export type { EvaluatorKind, Outcome, ProgramOutcome, Trace, TraceValue } from './evaluate';
export { MASK, renderExplanation } from './explain';
export type {
  Explanation,
  FieldValues,
  GroupExplanation,
  LineExplanation,
  ProgramExplanation,
  RenderOptions,
} from './explain';
export { recordInfo, recordSchema, listLineReader, periodProblem } from './records';
export type {
  CoercedRecord,
  CsvReader,
  CsvReaderOptions,
  FieldInfo,
  FieldType,
  InvalidRecord,
  JsonSchema,
  RecordInfo,
  TypedRecord,
  TypedValue,
  TypedScalar,
  TypedElement,
  ScalarType,
  ListType,
  ElementFieldInfo,
  ListLine,
  ListLineReader,
} from './records';
export { addUnits, completedUnits, daysBetween, isRealDate, latestStart } from './calendar';
export * from './jsonlogic';
export { lowerRules, symbolicAtLeast, InternalError as LoweringError, type LowerOptions, type LoweredRules, type Node as LoweredNode, type Aggregate as LoweredAggregate, type CompareTest, type DateTest, type AtLeast, type ElapsedTest } from './lower';
