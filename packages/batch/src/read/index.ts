// Reading records, nothing lost: the text decoding, CSV and NDJSON readers, format sniffing (browser-safe).
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
export { readList, ListJoin, type ListData, type ListRead, type ListFailure } from './lists';
export { formatFromPath, sniffFormat, type ByteSource, type RecordsFormat } from './input';
export { ENCODINGS, EncodingSniffer, WINDOWS_1252_WARNING, byteOrderMark, encodingName, type Encoding, type TextOptions } from './text';
