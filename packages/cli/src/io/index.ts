// The input/output layer of `visit screen`: streaming record readers and output sinks.
export {
  openCsv,
  detectDelimiter,
  isCsvRowError,
  formatCsvCell,
  formatCsvRow,
  MAX_RECORD_CHARS,
  MAX_CELL_CHARS,
  type CsvDelimiter,
  type CsvOptions,
  type CsvRow,
  type CsvRowError,
  type CsvEntry,
  type CsvReader,
  type OpenCsvResult,
} from './csv';
export {
  openNdjson,
  isNdjsonRowError,
  locateJsonError,
  MAX_LINE_CHARS,
  type NdjsonRow,
  type NdjsonRowError,
  type NdjsonEntry,
  type NdjsonReader,
} from './ndjson';
export {
  openOutput,
  openAtomicFileSink,
  createStreamSink,
  temporaryPathFor,
  removeStaleTemporaries,
  fileIdentity,
  OutputTargetError,
  SINK_BUFFER_CHARS,
  type AtomicSinkOptions,
  type OutputSink,
  type ProtectedFile,
} from './atomic';
export { openInput, formatFromPath, sniffFormat, type ByteSource, type RecordsFormat } from './input';
export { ENCODINGS, EncodingSniffer, WINDOWS_1252_WARNING, byteOrderMark, encodingName, type Encoding, type TextOptions } from './text';
