// Records loaded into the page, parsed in memory with the readers of `visit screen` (@visit/batch), so that the editor and
// `visit screen` see exactly the same rows: CSV (`,` or `;`, detected from the header; BOM; CRLF
// or LF; quoted cells) or NDJSON. Malformed rows stay rows, with the reason and never the values.
import { isCsvRowError, isNdjsonRowError, openCsv, openNdjson, type CsvDelimiter } from '@visit/batch';

export type ParsedRow = { cells: string[] } | { object: Record<string, unknown> } | { error: string };

export interface ParsedRecords {
  format: 'csv' | 'ndjson';
  /** CSV only. */
  header: string[];
  delimiter: CsvDelimiter;
  rows: ParsedRow[];
  warnings: string[];
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** NDJSON when the first non-blank character is `{`; CSV otherwise. */
export async function parseRecords(text: string): Promise<ParsedRecords> {
  const first = text.replace(/^\ufeff/, '').trimStart().charAt(0);
  if (first === '{') {
    const rows: ParsedRow[] = [];
    for await (const batch of openNdjson(once(text)).batches()) {
      for (const e of batch) rows.push(isNdjsonRowError(e) ? { error: `line ${e.line}: ${e.error}` } : { object: e.value });
    }
    return { format: 'ndjson', header: [], delimiter: ',', rows, warnings: [] };
  }
  const opened = await openCsv(once(text));
  if (!opened.ok) return { format: 'csv', header: [], delimiter: ',', rows: [], warnings: [opened.error] };
  const { reader } = opened;
  const rows: ParsedRow[] = [];
  for await (const batch of reader.batches()) {
    for (const e of batch) rows.push(isCsvRowError(e) ? { error: `line ${e.line}: ${e.error}` } : { cells: e.cells });
  }
  return { format: 'csv', header: [...reader.header], delimiter: reader.delimiter, rows, warnings: [] };
}
