// A TypeScript consumer of @visit/batch, type-checked with the same strict options as consumer.ts.
import { createReadStream, readFileSync } from 'node:fs';
import { screenRecords, type ResultRow, type ScreenSummary } from '@visit/batch';
import { screenRecords as screenFile } from '@visit/batch/node';

const rules = readFileSync('tre-hovedveje.visit', 'utf8');
const run = screenRecords(createReadStream('citizens.csv'), rules, { asOf: '2026-11-23', explain: true });
for await (const row of run.rows()) {
  const r: ResultRow = row;
  if (r.status === 'ok') console.log(r.row, r.programs['jobklub']);
  else console.log(r.row, r.errors.length);
}
const summary: ScreenSummary = await run.summary();
console.log(summary.valid, summary.programmes.map((p) => p.name));

for await (const text of screenFile('citizens.csv', rules, { asOf: '2026-11-23', output: 'csv', threads: 2 }).text()) {
  process.stdout.write(text);
}
