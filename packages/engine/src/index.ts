// Public API of the Visit engine: compile rules into a screener, screen records, explain outcomes.
export { compile, Screener } from './screener';
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
export { recordInfo, recordSchema } from './records';
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
} from './records';
export { addUnits, completedUnits, daysBetween, isRealDate, latestStart } from './calendar';
export * from './jsonlogic';
