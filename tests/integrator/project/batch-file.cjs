// The same from CommonJS with @visit/batch/node and a file path: a large CSV file is split
// between worker threads as `visit screen` splits it. Usage: node batch-file.cjs FILE.
const { writeFileSync, readFileSync } = require('node:fs');
const { screenRecords } = require('@visit/batch/node');

async function main() {
  const rules = readFileSync('tre-hovedveje.visit', 'utf8');
  const run = screenRecords(process.argv[2], rules, { asOf: '2026-11-23', threads: 2 });
  const out = [];
  for await (const row of run.rows()) out.push(JSON.stringify(row));
  process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
  const { rows, valid, invalid } = await run.summary();
  writeFileSync('summary-file.json', JSON.stringify({ rows, valid, invalid }));
}
main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
