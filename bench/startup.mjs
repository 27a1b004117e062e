// Start-up of `visit`, as the issue asks ("a one-row screen ≤ 0.25 s"): process start to exit of
// `visit --help`, `visit check RULES` and `visit screen RULES ONE-ROW.csv`, against bare `node -e 0`
// (what any Node program pays before its first line). Every measurement is its own process, timed
// from spawn to exit, stdout to /dev/null; the commands alternate, round after round, and the table
// gives the median (and the fastest) of each, so that a busy machine slows them all alike.
//
//   node bench/startup.mjs [--runs 15] [--bin packages/cli/dist/visit.js]
//   (or through `pnpm bench`, which calls run())
//
// `--bin` measures another build of the bundle (to compare a change against the one before it).
// The bin keeps V8's compiled code between runs (packages/cli/src/bin.ts); the rounds before the
// counted ones fill that cache, so the table shows the usual run, not the first after a build.

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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

/** Runs `node ARGS…`; resolves to { seconds, code, stderr }. */
function measure(args) {
  return new Promise((resolvePromise, reject) => {
    const out = openSync('/dev/null', 'w');
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      closeSync(out);
      resolvePromise({ seconds, code, stderr });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function run({ runs = Number(option('--runs', 15)), bin = option('--bin', undefined) } = {}) {
  if (bin === undefined) await build();
  const visit = bin === undefined ? DEFAULT_BIN : resolve(bin);
  const oneRow = oneRowFile();
  const cases = [
    { label: 'bare node (`node -e 0`)', args: ['-e', '0'] },
    { label: '`visit --help`', args: [visit, '--help'] },
    { label: '`visit check tre-hovedveje.visit`', args: [visit, 'check', RULES] },
    { label: '`visit screen tre-hovedveje.visit` one-row CSV', args: [visit, 'screen', RULES, oneRow, '--as-of', AS_OF], target: TARGET_SECONDS },
  ];
  const times = cases.map(() => []);
  // Two rounds to warm the file cache, not counted.
  for (let round = -2; round < runs; round++) {
    for (const [i, c] of cases.entries()) {
      const r = await measure(c.args);
      if (r.code !== 0) throw new Error(`${c.label} failed (exit ${r.code}):\n${r.stderr}`);
      if (round >= 0) times[i].push(r.seconds);
    }
  }
  const s = (x) => `${x.toFixed(3)} s`;
  const bare = median(times[0]);
  const rows = cases.map((c, i) => {
    const m = median(times[i]);
    const goal = c.target === undefined ? '' : `≤ ${c.target.toFixed(2)} s ${m <= c.target ? '✓' : '✗'}`;
    return `| ${c.label} | ${s(m)} | ${s(Math.min(...times[i]))} | ${i === 0 ? '' : `+${s(m - bare)}`} | ${goal} |`;
  });
  const table = [
    `Process start to exit, median of ${runs} runs each (alternating; two rounds before them, not counted, also fill the code cache), ` +
      `Node ${process.versions.node}, ${visit === DEFAULT_BIN ? '`packages/cli/dist/visit.js`' : `\`${visit}\``}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores at the end.`,
    '',
    '| command | median | fastest | median over bare node | goal |',
    '|---|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
  console.log(table);
  return table;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
