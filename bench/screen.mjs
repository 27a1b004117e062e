// `visit screen` end to end against csv-parse, as issue 11 ("Honest speed") asks: screen a
// generated 1,000,000-row `;` CSV to an NDJSON file (process start to exit) on two files, the
// project's clean Tre hovedveje file and a job-centre-shaped export (examples/generate.mjs --shape
// job-centre: 12 columns, many empty cells, 38 % decimal-comma hours, about 6 % invalid rows), against
// csv-parse reading the same file (rows as arrays, no other work; bench/screen-baseline.mjs, both the
// pipe + on('data') way the ratios are to and the for-await way). Goals: one thread ≤ 0.60 × csv-parse
// (pipe + on('data')), the default ≤ 0.45 ×; peak RSS ≤ 150 MB at 1M rows and flat at 5M; `--out`
// within 10 % of stdout; the output byte-identical whatever the threads (checked here by sha256).
//
//   node bench/screen.mjs [--rows 1000000] [--big 5000000] [--runs 5]   (--big 0: no 5M rows)
//   (or through `pnpm bench`, which calls run(); BENCH_SCREEN_ROWS / _BIG / _RUNS set the same)
//
// Every measurement is its own process, timed from spawn to exit; peak RSS is the child's, from
// `/usr/bin/time -v` when present, else from polling /proc/<pid>/status (VmHWM). For each file the
// runs alternate (csv-parse, for-await baseline, visit 1 thread, visit default, …, once each, then
// again), and medians are reported, so that a busy machine slows all of them alike. The CSV files are
// made by examples/generate.mjs and kept in bench/data/ (git-ignored) between runs.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
  if (i >= 0) return Number(process.argv[i + 1]);
  const env = process.env[`BENCH_SCREEN_${name.slice(2).toUpperCase()}`];
  return env !== undefined && env !== '' ? Number(env) : fallback;
}

/** The files of the table: how examples/generate.mjs makes each. */
const FILES = {
  clean: {
    title: "the project's generated clean file (Tre hovedveje, `--broken-every 0`)",
    name: (rows) => `tre-hovedveje-${rows}.csv`,
    args: ['--example', 'tre-hovedveje', '--broken-every', '0'],
  },
  'job-centre': {
    title: 'a job-centre-shaped export (`--shape job-centre`: 12 columns, many empty cells, 38 % decimal-comma hours, ~6 % invalid rows)',
    name: (rows) => `job-centre-${rows}.csv`,
    args: ['--shape', 'job-centre'],
  },
  broken: {
    title: 'the Tre hovedveje file with 5 % broken rows (stray quotes, wrong widths, bad values)',
    name: (rows) => `tre-hovedveje-${rows}-broken20.csv`,
    args: ['--example', 'tre-hovedveje', '--broken-every', '20'],
  },
};

/** A generated export of `rows` rows, made once and kept in bench/data/. */
function dataFile(kind, rows) {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, FILES[kind].name(rows));
  if (!existsSync(file)) {
    const made = spawnSync(process.execPath, [join(ROOT, 'examples', 'generate.mjs'), ...FILES[kind].args, '--rows', String(rows), '--out', file], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
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

/** sha256 and line count of a file, streamed (an output of a million rows is ~200 MB). */
async function digest(file) {
  const hash = createHash('sha256');
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk);
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { sha: hash.digest('hex'), lines };
}

/**
 * Threads the CLI's default gives a file above PARALLEL_MIN_BYTES (@visit/batch split/threads.ts
 * `defaultThreads`: one below PARALLEL_MIN_CORES = 3 cores, else one per core, at most 4).
 */
const DEFAULT_THREADS = availableParallelism() < 3 ? 1 : Math.min(availableParallelism(), 4);

/**
 * What one column of the table runs. `out`: where the NDJSON goes: 'stdout' (stdout is a file),
 * '--out' (the CLI writes the file itself) or undefined (a baseline: no output).
 */
function variants() {
  const list = [
    { key: 'pipe', label: "csv-parse, pipe + on('data')", args: (file) => [BASELINE, file, ';', '--pipe'] },
    { key: 'await', label: '`bench/screen-baseline.mjs` (for-await)', args: (file) => [BASELINE, file] },
    { key: 'one', label: 'visit, 1 thread', visit: true, env: { VISIT_SCREEN_THREADS: '1' }, out: 'stdout' },
    { key: 'default', label: `visit, default (${DEFAULT_THREADS} thread${DEFAULT_THREADS > 1 ? 's' : ''})`, visit: true, env: {}, out: 'stdout' },
  ];
  if (DEFAULT_THREADS !== 2) list.push({ key: 'two', label: 'visit, 2 threads', visit: true, env: { VISIT_SCREEN_THREADS: '2' }, out: 'stdout' });
  list.push({ key: 'out', label: 'visit, default, `--out FILE`', visit: true, env: {}, out: '--out' });
  return list;
}

/** Runs every variant `runs` times on `file`, alternating; checks each visit output once (rows, sha256). */
async function measureFile(file, rows, runs, list) {
  const out = join(DATA, 'screen-out.ndjson');
  const results = Object.fromEntries(list.map((v) => [v.key, []]));
  const digests = {};
  for (let i = 0; i < runs; i++) {
    for (const v of list) {
      const args = v.visit ? [BIN, 'screen', RULES, file, '--as-of', AS_OF, ...(v.out === '--out' ? ['--out', out] : [])] : v.args(file);
      rmSync(out, { force: true });
      const r = await measure(args, { env: v.env ?? {}, stdoutFile: v.out === 'stdout' ? out : '/dev/null' });
      if (r.code !== 0 && !(v.visit && r.code === 1)) throw new Error(`${v.label} failed (${r.code}) on ${file}:\n${r.stderr}`);
      if (v.visit && i === 0) {
        digests[v.key] = await digest(out);
        if (digests[v.key].lines !== rows) throw new Error(`${v.label} wrote ${digests[v.key].lines} rows for ${rows}`);
      }
      results[v.key].push(r);
    }
  }
  rmSync(out, { force: true });
  const shas = new Set(Object.values(digests).map((d) => d.sha));
  const summary = Object.fromEntries(
    list.map((v) => [v.key, { seconds: median(results[v.key].map((r) => r.seconds)), rssMB: Math.max(...results[v.key].map((r) => r.rssMB)) }]),
  );
  return { summary, identical: shas.size === 1, sha: [...shas][0] };
}

const s2 = (x) => `${x.toFixed(2)} s`;
const mb = (x) => `${x.toFixed(0)} MB`;
const mark = (ok) => (ok ? '✓' : '✗');

export async function run({ rows = argument('--rows', 1_000_000), big = argument('--big', 5_000_000), runs = argument('--runs', 5) } = {}) {
  await build();
  const list = variants();
  const measured = {};
  for (const kind of ['clean', 'job-centre']) {
    const file = dataFile(kind, rows);
    measured[kind] = { file, bytes: statSync(file).size, ...(await measureFile(file, rows, runs, list)) };
  }
  // Malformed lines (stray quotes: the slow path of the reader), the default only, as before.
  const brokenFile = dataFile('broken', rows);
  const broken = await measureFile(brokenFile, rows, Math.min(runs, 3), [list.find((v) => v.key === 'default')]);

  const grown = {};
  if (big > 0) {
    // Peak memory as the file grows: it must stay flat (streaming, bounded in flight). One run
    // each, stdout to /dev/null (the time is not the point here).
    for (const kind of ['clean', 'job-centre']) {
      const file = dataFile(kind, big);
      grown[kind] = {};
      for (const key of ['one', 'default']) {
        const v = list.find((x) => x.key === key);
        const r = await measure([BIN, 'screen', RULES, file, '--as-of', AS_OF], { env: v.env });
        if (r.code !== 0 && r.code !== 1) throw new Error(`${v.label} failed on ${file}:\n${r.stderr}`);
        grown[kind][key] = r;
      }
    }
  }

  const n = rows.toLocaleString('en-US');
  const cols = list.filter((v) => v.key !== 'out');
  const lines = [];
  lines.push(
    `${n} rows of \`;\` CSV (Danish Excel style: BOM, CRLF, decimal comma) to an NDJSON file, rules examples/tre-hovedveje; ` +
      `end to end (process start to exit), medians of ${runs} alternating runs, each its own process; ` +
      `${availableParallelism()} cores (shared with other work: timings are noisy), Node ${process.version}. ` +
      `Ratios to csv-parse (pipe + on('data')) in the same run; peak RSS is the largest of the runs, ` +
      `by ${HAS_TIME ? '`/usr/bin/time -v`' : 'polling /proc/<pid>/status VmHWM'} (the child process).`,
    '',
  );
  lines.push(`| file (${n} rows, \`;\`, to an NDJSON file) | ${cols.map((v) => v.label).join(' | ')} |`);
  lines.push(`|---|${cols.map(() => '---:').join('|')}|`);
  for (const kind of ['clean', 'job-centre']) {
    const m = measured[kind];
    const base = m.summary.pipe.seconds;
    const cells = cols.map((v) => {
      const x = m.summary[v.key];
      if (v.key === 'pipe') return s2(x.seconds);
      return `${s2(x.seconds)} (${(x.seconds / base).toFixed(2)}×)${v.visit ? `, ${mb(x.rssMB)}` : ''}`;
    });
    lines.push(`| ${FILES[kind].title}, ${(m.bytes / 1e6).toFixed(1)} MB | ${cells.join(' | ')} |`);
  }

  lines.push('', '| goal | clean file | job-centre file |', '|---|---|---|');
  const goal = (name, f) => lines.push(`| ${name} | ${f(measured.clean, 'clean')} | ${f(measured['job-centre'], 'job-centre')} |`);
  goal('visit, 1 thread ≤ 0.60 × csv-parse', (m) => { const r = m.summary.one.seconds / m.summary.pipe.seconds; return `${r.toFixed(2)}× ${mark(r <= 0.6)}`; });
  goal(`visit, default ≤ 0.45 × csv-parse`, (m) => { const r = m.summary.default.seconds / m.summary.pipe.seconds; return `${r.toFixed(2)}× ${mark(r <= 0.45)}`; });
  goal(`peak RSS ≤ 150 MB at ${n} rows (every visit run)`, (m) => {
    const peak = Math.max(...list.filter((v) => v.visit).map((v) => m.summary[v.key].rssMB));
    return `${mb(peak)} ${mark(peak <= 150)}`;
  });
  if (big > 0) {
    goal(`peak RSS at ${big.toLocaleString('en-US')} rows, 1 thread / default (one run each, to /dev/null): flat`, (m, kind) => {
      const g = grown[kind];
      // Flat: within 15 % + 10 MB of the same threads at the smaller size (default: stdout or --out).
      const atRows = Math.max(m.summary.default.rssMB, m.summary.out.rssMB);
      const flat = g.one.rssMB <= m.summary.one.rssMB * 1.15 + 10 && g.default.rssMB <= atRows * 1.15 + 10;
      return `${mb(g.one.rssMB)} / ${mb(g.default.rssMB)} (${s2(g.one.seconds)} / ${s2(g.default.seconds)}) ${mark(flat)}`;
    });
  } else {
    lines.push('| peak RSS at 5,000,000 rows | not measured (`--big 0`) | |');
  }
  goal('default with `--out FILE` within 10 % of stdout to a file', (m) => {
    const r = m.summary.out.seconds / m.summary.default.seconds;
    return `${s2(m.summary.out.seconds)}, ${r.toFixed(2)}× ${mark(r <= 1.1)}`;
  });
  goal('output byte-identical: 1 thread, default, stdout and `--out` (sha256)', (m) => `${m.identical ? '`' + m.sha.slice(0, 12) + '…`' : 'differ'} ${mark(m.identical)}`);
  const b = broken.summary.default;
  lines.push(
    '',
    `${FILES.broken.title[0].toUpperCase() + FILES.broken.title.slice(1)}, default: ${s2(b.seconds)} (${(b.seconds / measured.clean.summary.pipe.seconds).toFixed(2)}× csv-parse on the clean file), ${mb(b.rssMB)}; medians of ${Math.min(runs, 3)}.`,
  );
  const table = lines.join('\n');
  console.log(table);
  return { table, measured, broken, grown };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
