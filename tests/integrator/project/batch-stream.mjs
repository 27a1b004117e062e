// Screening a CSV file stream from code with @visit/batch: the rows `visit screen` writes, in
// order, and the summary counts. Usage: node batch-stream.mjs FILE (writes summary.json).
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { screenRecords } from '@visit/batch';

const rules = readFileSync('tre-hovedveje.visit', 'utf8');
const run = screenRecords(createReadStream(process.argv[2]), rules, { asOf: '2026-11-23' });
for await (const text of run.text()) process.stdout.write(text);
const { rows, valid, invalid, programmes } = await run.summary();
const counts = programmes.map(({ name, eligible, ineligible, undetermined }) => ({ name, eligible, ineligible, undetermined }));
writeFileSync('summary.json', JSON.stringify({ rows, valid, invalid, programmes: counts }));
