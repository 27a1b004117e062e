// Issue 2's target: parse + check of a generated 2,000-line rules file (200 groups, 100 programmes)
// in < 50 ms warm, with the Chevrotain parser constructed once.
import { performance } from 'node:perf_hooks';
import { generateRules } from './dsl-rules.mjs';
import { loadBuilt } from './build-entry.mjs';

export async function run() {
  const { check, parse } = await loadBuilt('packages/dsl/src/index.ts', 'dsl');
  const source = generateRules();
  const lineCount = source.split('\n').length - 1;
  const first = check(source);
  if (first.hasErrors) throw new Error(`benchmark rules do not check: ${first.diagnostics[0].message}`);
  const times = { parse: [], check: [] };
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    parse(source);
    times.parse.push(performance.now() - t);
    t = performance.now();
    check(source);
    times.check.push(performance.now() - t);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = [
    ['parse only', median(times.parse)],
    ['parse + check', median(times.check)],
  ];
  const table = [
    `### Language front end: ${lineCount}-line rules file (200 groups, 100 programmes), warm, median of 30`,
    '',
    '| step | median ms | target | ratio to target |',
    '|---|---:|---:|---:|',
    ...rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} | 50 | ${(ms / 50).toFixed(2)}× |`),
  ].join('\n');
  console.log(`${table}\n`);
  return { table, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
