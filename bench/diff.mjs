// `visit diff` against `visit screen`, as issue 15 §1 asks ("1M rows in about the time of one
// `visit screen` plus its evaluation cost"): the generated 1,000,000-row Tre hovedveje `;` CSV
// (the screen suite's clean file, bench/data/), diffed with one param set against another
// (`--new-param min_læs=2 --new-param 'min_ledighed=9 months'`, report to /dev/null), against one
// `visit screen` of the same file to /dev/null on one thread and on the default threads. Also a diff
// with two `--by` breakdowns and `--rows`. Every measurement is its own process, spawn to exit;
// the runs alternate (screen, diff, …, once each, then again) and medians are reported.
//
//   node bench/diff.mjs [--rows 1000000] [--runs 5]   (or `node bench/run.mjs diff`)

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../scripts/build.mjs';
import { isMain } from '../scripts/is-main.mjs';
import { AS_OF, BIN, RULES, argument as option, cleanFile, median } from './support.mjs';

const argument = (name, fallback) => option('DIFF', name, fallback);

/** `node ARGS…`, stdout to /dev/null; resolves to seconds from spawn to exit. */
function measure(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}:\n${stderr}`));
      else resolve(seconds);
    });
  });
}


export async function run({ rows = argument('--rows', 1_000_000), runs = argument('--runs', 5) } = {}) {
  await build();
  const file = cleanFile(rows);
  const rowsOut = join(tmpdir(), `visit-bench-diff-rows-${process.pid}.ndjson`);
  const threads = availableParallelism() < 3 ? 1 : Math.min(availableParallelism(), 4);
  const change = ['--new-param', 'min_læs=2', '--new-param', 'min_ledighed=9 months'];
  const columns = [
    { key: 'screen1', label: '`visit screen`, 1 thread', args: [BIN, 'screen', RULES, file, '--as-of', AS_OF], env: { VISIT_SCREEN_THREADS: '1' } },
    ...(threads > 1 ? [{ key: 'screen', label: `\`visit screen\`, default (${threads} threads)`, args: [BIN, 'screen', RULES, file, '--as-of', AS_OF], env: {} }] : []),
    { key: 'diff', label: '`visit diff` (one file, two param sets)', args: [BIN, 'diff', RULES, file, '--as-of', AS_OF, ...change], env: {} },
    {
      key: 'diffBy',
      label: "`visit diff` + `--by 'age_of(birth_date):10 years' --by benefit --rows FILE`",
      args: [BIN, 'diff', RULES, file, '--as-of', AS_OF, ...change, '--by', 'age_of(birth_date):10 years', '--by', 'benefit', '--rows', rowsOut],
      env: {},
    },
  ];
  const times = Object.fromEntries(columns.map((c) => [c.key, []]));
  try {
    for (let r = 0; r < runs; r++) {
      for (const c of columns) {
        const s = await measure(c.args, c.env);
        times[c.key].push(s);
        console.log(`  run ${r + 1}/${runs} ${c.key}: ${s.toFixed(2)} s`);
      }
    }
  } finally {
    rmSync(rowsOut, { force: true });
  }
  const screen = median(times.screen1);
  const lines = [
    `${rows.toLocaleString('en-US')} rows (Tre hovedveje, clean, \`;\` CSV), medians of ${runs} alternating runs, spawn to exit; output to /dev/null.`,
    '',
    '| run | median s | × one `visit screen` (1 thread) |',
    '|---|---:|---:|',
    ...columns.map((c) => `| ${c.label} | ${median(times[c.key]).toFixed(2)} | ${(median(times[c.key]) / screen).toFixed(2)} |`),
    `| (two \`visit screen\` runs, 1 thread, the by-hand way, without the join) | ${(2 * screen).toFixed(2)} | 2.00 |`,
  ];
  const table = lines.join('\n');
  console.log(table);
  return { table, times };
}

if (isMain(import.meta.url)) await run();
