// The Tre hovedveje example's valid records, typed as the engine reads them (its CSV read with the
// engine's own CSV reader), once per key, in key order as PostgreSQL's C collation sorts it: what
// a table loaded from the example holds. For the tests that compare the SQL engines with the file.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { compile } from '@visit/engine';
import { TRE, TRE_CSV } from '../cli-support';

export function exampleRecords(): Record<string, unknown>[] {
  const compiled = compile(readFileSync(TRE, 'utf8'), { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error('the example does not compile');
  const [header, ...rows] = parse(readFileSync(TRE_CSV, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true, relax_quotes: true }) as string[][];
  const reader = compiled.screener.csvReader(header!, { decimalComma: true });
  const seen = new Set<string>();
  return rows
    .map((cells) => reader.read(cells))
    .flatMap((r) => (r.ok && !seen.has(String(r.record['cpr'])) && seen.add(String(r.record['cpr'])) ? [r.record as Record<string, unknown>] : []))
    .sort((a, b) => Buffer.compare(Buffer.from(String(a['cpr'])), Buffer.from(String(b['cpr']))));
}
