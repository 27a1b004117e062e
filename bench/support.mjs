// What the end-to-end suites (diff.mjs, sql.mjs) share: the repository's places, their numeric
// options (`--rows 1000000` or BENCH_<SUITE>_ROWS), the generated clean Tre hovedveje CSV (kept in
// bench/data/, as screen.mjs keeps it), and the median.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA = join(ROOT, 'bench', 'data');
export const RULES = join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.visit');
export const BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');
export const AS_OF = '2026-11-23';

/** `--name N` on the command line, else BENCH_<SUITE>_<NAME>, else `fallback`. */
export function argument(suite, name, fallback) {
  const i = process.argv.indexOf(name);
  if (i >= 0) return Number(process.argv[i + 1]);
  const env = process.env[`BENCH_${suite}_${name.slice(2).toUpperCase()}`];
  return env !== undefined && env !== '' ? Number(env) : fallback;
}

/** The clean generated Tre hovedveje CSV of `rows` rows (examples/generate.mjs), made once. */
export function cleanFile(rows) {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `tre-hovedveje-${rows}.csv`);
  if (!existsSync(file)) {
    const made = spawnSync(process.execPath, [join(ROOT, 'examples', 'generate.mjs'), '--example', 'tre-hovedveje', '--broken-every', '0', '--rows', String(rows), '--out', file], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (made.status !== 0) throw new Error(`could not generate ${file}`);
  }
  return file;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
