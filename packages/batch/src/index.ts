// @visit/batch: screening many records the way `visit screen` does, from code. In the order the
// data flows: read (CSV/NDJSON, nothing lost) → split (worker threads: the Node entry,
// @visit/batch/node) → screen rows → format (NDJSON/CSV lines) → the summary counts.
// Browser-safe: nothing here imports a Node module at the top level.

// read
export {
  openCsv,
  detectDelimiter,
  isCsvRowError,
  formatCsvCell,
  formatCsvRow,
  MAX_RECORD_CHARS,
  MAX_CELL_CHARS,
  openNdjson,
  isNdjsonRowError,
  locateJsonError,
  MAX_LINE_CHARS,
  formatFromPath,
  sniffFormat,
  ENCODINGS,
  EncodingSniffer,
  WINDOWS_1252_WARNING,
  byteOrderMark,
  encodingName,
  readList,
  ListJoin,
} from './read/index';
export type {
  CsvDelimiter,
  CsvOptions,
  CsvRow,
  CsvRowError,
  CsvEntry,
  CsvReader,
  OpenCsvResult,
  NdjsonRow,
  NdjsonRowError,
  NdjsonEntry,
  NdjsonReader,
  ByteSource,
  RecordsFormat,
  Encoding,
  TextOptions,
  ListData,
  ListRead,
  ListFailure,
} from './read/index';
// screen
export { linePlan, type LinePlan } from './screen/lines';
export { RowScreener, compileCounter, type BuildResult, type ScreenPlan, type Tails } from './screen/rows';
// format
export { csvFormatter, ndjsonFormatter, csvTextCell, jsonString, type InvalidRow, type OkRow, type Outcome, type RowFormatter } from './format/rows';
// summary
export { ScreenStats, programInfos, readingWarnings, renderDatedSummary, renderNotInForce, renderRules, renderSummary, type ProgramInfo, type ScreenStatsData, type SummaryOptions } from './summary/stats';
export { SUMMARY_WORDS, summaryWords, inForceDays, type SummaryWords } from './summary/words';
export { headerWarning, headerWarnings } from './summary/header';
// the whole run
export { Screening, type OpenFailure, type ScreeningOptions } from './pipeline';
// one call
export {
  screenRecords,
  RulesError,
  RecordsError,
  type DatedRulesVersion,
  type ListSource,
  type RecordsSource,
  type ResultRow,
  type RulesInput,
  type ScreenRecordsOptions,
  type ScreenRun,
  type ScreenSummary,
} from './screen-records';
// reports (HTML: the kit of pieces, small-cell suppression, `visit screen --report`)
export * from './report/index';
// breakdowns (`--by`, shared by diff and the report)
export { parseBreakdown, type Breakdown, type BreakdownLang, type ParsedBreakdown } from './breakdown/index';
// the impact of a rule change (`visit diff`)
export { diffRecords, OUTCOMES, TRUTHS, type BreakdownDiff, type ChangedRow, type DiffOptions, type DiffResult, type DiffSide, type LineChange, type Matrix, type OneSided, type ProgramDiff, type RowState, type Truth, type Verdict } from './diff/index';
export { renderDiff, lineSentence, type RenderDiffOptions } from './diff/text';
export { renderDiffHtml, type RenderDiffHtmlOptions } from './diff/html';
