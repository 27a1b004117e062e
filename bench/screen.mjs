// `visit screen` end to end against csv-parse, as the issue asks: screen a generated
// 1,000,000-row CSV to NDJSON (process start to exit) against a baseline that only parses the same
// file with csv-parse (rows as arrays, no work; bench/screen-baseline.mjs). Goal: ≤ 0.6× the
// baseline's time, and peak RSS ≤ 250 MB, flat as the file grows to 5M rows.
//
//   node bench/screen.mjs [--rows 1000000] [--big 5000000] [--runs 3]
//   (or through `pnpm bench`, which calls run())
//
// Every measurement is its own process, timed from spawn to exit; peak RSS comes from
// `/usr/bin/time -v` when present, else from polling /proc/<pid>/status (VmHWM). Baseline and
// screen runs alternate, and the medians are reported, so that a busy machine slows both alike.
// The CSV is the Tre hovedveje example as Danish Excel exports it (BOM, `;`, CRLF, decimal comma),
// made by examples/generate.mjs and kept in bench/data/ (git-ignored) between runs.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from '../scripts/build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const RULES = join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.visit');
const BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');
const BASELINE = join(ROOT, 'bench', 'screen-baseline.mjs');
const AS_OF = '2026-11-23';
const HAS_TIME = existsSync('/usr/bin/time');

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A generated export with `rows` rows (`brokenEvery` 0: all well-formed), made once and kept. */
function dataFile(rows, brokenEvery) {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `tre-hovedveje-${rows}${brokenEvery ? `-broken${brokenEvery}` : ''}.csv`);
  if (!existsSync(file)) {
    const made = spawnSync(
      process.execPath,
      [join(ROOT, 'examples', 'generate.mjs'), '--example', 'tre-hovedveje', '--rows', String(rows), '--broken-every', String(brokenEvery), '--out', file],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (made.status !== 0) throw new Error(`could not generate ${file}`);
  }
  return file;
}

/**
 * Runs `node ARGS…` with stdout to `stdoutFile`; resolves to { seconds, rssMB, code }. Wall time is
 * spawn to exit, as a user would see it.
 */
function measure(args, { env = {}, stdoutFile = '/dev/null' } = {}) {
  return new Promise((resolve, reject) => {
    const out = openSync(stdoutFile, 'w');
    const command = HAS_TIME ? '/usr/bin/time' : process.execPath;
    const commandArgs = HAS_TIME ? ['-v', process.execPath, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { stdio: ['ignore', out, 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    let polledKB = 0;
    const poll = HAS_TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKB = Math.max(polledKB, Number(m[1]));
          } catch {
            // the process has ended
          }
        }, 20);
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      closeSync(out);
      const timeKB = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const exit = /Exit status: (\d+)/.exec(stderr);
      resolve({ seconds, rssMB: (timeKB ? Number(timeKB[1]) : polledKB) / 1024, code: exit ? Number(exit[1]) : code, stderr });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function screenCase(name, file, runs, env, outFile) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    results.push(await measure([BIN, 'screen', RULES, file, '--as-of', AS_OF], { env, stdoutFile: outFile }));
  }
  const bad = results.find((r) => r.code !== 0 && r.code !== 1);
  if (bad) throw new Error(`${name}: visit screen failed:\n${bad.stderr}`);
  return { name, seconds: median(results.map((r) => r.seconds)), rssMB: Math.max(...results.map((r) => r.rssMB)) };
}

export async function run({ rows = argument('--rows', 1_000_000), big = argument('--big', 5_000_000), runs = argument('--runs', 3) } = {}) {
  await build();
  const clean = dataFile(rows, 0);
  const broken = dataFile(rows, 20);
  const out = join(DATA, 'screen-out.ndjson');
  const lines = [];

  // Baseline and the default screen alternate, so that load on the machine hits both alike.
  const baseline = [];
  const screened = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(await measure([BASELINE, clean]));
    screened.push(await measure([BIN, 'screen', RULES, clean, '--as-of', AS_OF], { stdoutFile: out }));
  }
  const failed = screened.find((r) => r.code !== 0);
  if (failed) throw new Error(`visit screen failed:\n${failed.stderr}`);
  const outputRows = readFileSync(out, 'utf8').split('\n').length - 1;
  if (outputRows !== rows) throw new Error(`visit screen wrote ${outputRows} rows for ${rows}`);
  const base = { seconds: median(baseline.map((r) => r.seconds)), rssMB: Math.max(...baseline.map((r) => r.rssMB)) };
  const main = { name: 'visit screen (default: main thread + 1 worker on 2 cores)', seconds: median(screened.map((r) => r.seconds)), rssMB: Math.max(...screened.map((r) => r.rssMB)) };

  const cases = [
    main,
    await screenCase('visit screen, one thread (VISIT_SCREEN_THREADS=1)', clean, runs, { VISIT_SCREEN_THREADS: '1' }, out),
    await screenCase('visit screen, 5 % broken rows', broken, runs, {}, out),
  ];
  const mb = statSync(clean).size / 1e6;
  lines.push(`${rows.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB of \`;\` CSV (Tre hovedveje, Danish Excel style); medians of ${runs} runs, each its own process (start to exit); output NDJSON to a file.`, '');
  lines.push('| run | wall time | × csv-parse | peak RSS |', '|---|---:|---:|---:|');
  lines.push(`| csv-parse baseline (rows as arrays, no work) | ${base.seconds.toFixed(2)} s | 1.00 | ${base.rssMB.toFixed(0)} MB |`);
  for (const c of cases) lines.push(`| ${c.name} | ${c.seconds.toFixed(2)} s | ${(c.seconds / base.seconds).toFixed(2)} | ${c.rssMB.toFixed(0)} MB |`);

  if (big > 0) {
    // Peak memory as the file grows: it must stay flat (streaming, bounded in flight).
    const bigFile = dataFile(big, 0);
    const grown = await screenCase(`visit screen, ${big.toLocaleString('en-US')} rows`, bigFile, 1, {}, '/dev/null');
    lines.push(`| ${grown.name} (peak RSS flatness) | ${grown.seconds.toFixed(2)} s | — | ${grown.rssMB.toFixed(0)} MB |`);
  }
  lines.push('', `Goal: ≤ 0.60 × the baseline and ≤ 250 MB peak RSS, flat from ${rows.toLocaleString('en-US')} to ${big.toLocaleString('en-US')} rows. Peak RSS by ${HAS_TIME ? '`/usr/bin/time -v`' : 'polling /proc/<pid>/status VmHWM'}.`);
  const table = lines.join('\n');
  console.log(table);
  return { table, baseline: base, cases };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
