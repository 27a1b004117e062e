// Start-up of `visit`, as the issue asks ("a one-row screen ≤ 0.25 s"): process start to exit of
// `visit --help`, `visit check RULES` and `visit screen RULES ONE-ROW.csv`, against bare `node -e 0`
// (what any Node program pays before its first line). Every measurement is its own process, stdout
// to /dev/null; the commands alternate, round after round, and the table gives the medians of each,
// so that a busy machine slows them all alike. Two figures per command: wall time (start to exit)
// and CPU time (user + system of the process and its threads). On a shared machine CPU time is the
// steadier one: waiting for a core adds to the wall time only. Both come from bash's `time` (the
// child's own times, without bash's start); without bash, wall time from spawn to exit and no CPU.
//
//   node bench/startup.mjs [--runs 15] [--bin packages/cli/dist/visit.js] [--before OLD/visit.js]
//   (or through `node bench/run.mjs startup` / `pnpm bench`, which call run())
//
// `--bin` measures another build of the bundle; `--before` adds a one-row screen by an earlier
// build (a copy of packages/cli/dist/ elsewhere), alternating with the others, to compare a change
// against the build before it. The bin keeps V8's compiled code between runs (packages/cli/src/
// bin.ts); the rounds before the counted ones fill that cache, so the table shows the usual run,
// not the first after a build.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from '../scripts/build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const RULES = join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.visit');
const CITIZENS = join(ROOT, 'examples', 'tre-hovedveje', 'citizens.csv');
const DEFAULT_BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');
const AS_OF = '2026-11-23';
/** The issue's goal for a one-row screen, process start to exit. */
const TARGET_SECONDS = 0.25;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** The header and the first record of the example list (Danish Excel style: BOM, `;`, CRLF). */
function oneRowFile() {
  const text = readFileSync(CITIZENS, 'utf8');
  const lines = text.split(/(?<=\n)/);
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, 'tre-hovedveje-1.csv');
  writeFileSync(file, lines.slice(0, 2).join(''));
  return file;
}

const BASH = ['/bin/bash', '/usr/bin/bash'].find((b) => existsSync(b));

/**
 * Runs `node ARGS…`; resolves to { seconds, cpu, code, stderr } (cpu: user + system seconds, or
 * undefined without bash). Through bash: `time` reports the child's wall time and its CPU times
 * (of all its threads: the compiler's, the GC's), and bash is not counted in them.
 */
function measure(args) {
  return new Promise((resolvePromise, reject) => {
    const errFile = join(tmpdir(), `visit-startup-${process.pid}.err`);
    const started = process.hrtime.bigint();
    const child = BASH
      ? spawn(BASH, ['-c', 'TIMEFORMAT="@@ %3R %3U %3S"; time { "$@" >/dev/null 2>"$VISIT_BENCH_ERR"; }', 'bash', process.execPath, ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, VISIT_BENCH_ERR: errFile },
        })
      : spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      let seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let cpu;
      if (BASH) {
        const m = /@@ ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
        if (m) {
          seconds = Number(m[1]);
          cpu = Number(m[2]) + Number(m[3]);
        }
        try {
          stderr = readFileSync(errFile, 'utf8');
          rmSync(errFile, { force: true });
        } catch {
          // nothing written
        }
      }
      resolvePromise({ seconds, cpu, code, stderr });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function run({
  runs = Number(option('--runs', 15)),
  bin = option('--bin', undefined),
  before = option('--before', undefined),
} = {}) {
  if (bin === undefined) await build();
  const visit = bin === undefined ? DEFAULT_BIN : resolve(bin);
  const oneRow = oneRowFile();
  const screenArgs = ['screen', RULES, oneRow, '--as-of', AS_OF];
  const cases = [
    { label: 'bare node (`node -e 0`)', args: ['-e', '0'] },
    { label: '`visit --help`', args: [visit, '--help'] },
    { label: '`visit check tre-hovedveje.visit`', args: [visit, 'check', RULES] },
    ...(before === undefined ? [] : [{ label: `one-row screen, before (\`${before}\`)`, args: [resolve(before), ...screenArgs], target: TARGET_SECONDS }]),
    { label: '`visit screen tre-hovedveje.visit` one-row CSV', args: [visit, ...screenArgs], target: TARGET_SECONDS },
  ];
  const times = cases.map(() => []);
  const cpus = cases.map(() => []);
  // Two rounds to warm the file cache and fill the code cache, not counted.
  for (let round = -2; round < runs; round++) {
    for (const [i, c] of cases.entries()) {
      const r = await measure(c.args);
      if (r.code !== 0) throw new Error(`${c.label} failed (exit ${r.code}):\n${r.stderr}`);
      if (round < 0) continue;
      times[i].push(r.seconds);
      if (r.cpu !== undefined) cpus[i].push(r.cpu);
    }
  }
  const s = (x) => `${x.toFixed(3)} s`;
  const bare = median(times[0]);
  const bareCpu = cpus[0].length > 0 ? median(cpus[0]) : undefined;
  const rows = cases.map((c, i) => {
    const m = median(times[i]);
    const cpu = cpus[i].length > 0 ? median(cpus[i]) : undefined;
    const goal = c.target === undefined ? '' : `≤ ${c.target.toFixed(2)} s ${m <= c.target ? '✓' : '✗'}`;
    const cpuCells = cpu === undefined ? '| – | –' : `| ${s(cpu)} | ${i === 0 ? '' : `+${s(cpu - bareCpu)}`}`;
    return `| ${c.label} | ${s(m)} | ${s(Math.min(...times[i]))} | ${i === 0 ? '' : `+${s(m - bare)}`} ${cpuCells} | ${goal} |`;
  });
  const table = [
    `Process start to exit, median of ${runs} runs each (alternating; two rounds before them, not counted, also fill the code cache), ` +
      `Node ${process.versions.node}, ${visit === DEFAULT_BIN ? '`packages/cli/dist/visit.js`' : `\`${visit}\``}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores at the end. ` +
      'CPU: user + system time of the process (all its threads), the steadier figure on a shared machine.',
    '',
    '| command | wall, median | wall, fastest | wall over bare node | CPU, median | CPU over bare node | goal (wall) |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
  console.log(table);
  return table;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
