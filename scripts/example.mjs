// `pnpm example`: the main job on the bundled example — screen the synthetic Tre hovedveje
// candidate list (Danish Excel CSV) and show the summary a team lead would paste.
// The list contains broken rows on purpose, so `visit screen` exits 1 ("some rows invalid"); that
// is the expected outcome here, so this script succeeds on exit 0 or 1 and fails on anything else.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(path.join(root, 'out'), { recursive: true });
const args = [
  'screen',
  'examples/tre-hovedveje/tre-hovedveje.visit',
  'examples/tre-hovedveje/citizens.csv',
  '--out',
  'out/tre-hovedveje.ndjson',
];
console.log(`$ visit ${args.join(' ')}`);
const run = spawnSync(process.execPath, ['packages/cli/dist/visit.js', ...args], { cwd: root, stdio: 'inherit' });
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 2);

const rows = readFileSync(path.join(root, 'out/tre-hovedveje.ndjson'), 'utf8').trimEnd().split('\n');
console.log(`\nFirst rows of out/tre-hovedveje.ndjson (${rows.length} rows, one per input row):`);
for (const line of rows.slice(0, 3)) console.log(line.length > 200 ? `${line.slice(0, 197)}…` : line);
console.log(
  run.status === 1
    ? '\nExit status 1: some rows are invalid (the example contains broken rows on purpose); each is in the output with its reasons.'
    : '\nExit status 0: every row was valid.',
);
