// `pnpm test`: every check a fresh clone needs, in order — Chromium for the browser tests, PostgreSQL's
// server binaries for the SQL tests, the CLI
// bundle, the type check, then every vitest suite. Ends with the plain line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

const steps = [
  ['Chromium for the browser tests', 'bash', ['scripts/ensure-chromium.sh']],
  ['PostgreSQL for the SQL tests', 'bash', ['scripts/ensure-postgresql.sh']],
  ['build the CLI bundle', process.execPath, ['scripts/build.mjs']],
  ['type-check every package', bin('tsc'), ['-p', 'tsconfig.json']],
];
for (const [title, command, args] of steps) {
  const status = step(title, command, args);
  if (status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${status})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const report = path.join(root, 'test-output', 'vitest.json');
mkdirSync(path.dirname(report), { recursive: true });
const status = step('every test suite (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
let passed = 0;
let failed = status === 0 ? 0 : 1;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (status !== 0 && r.numFailedTests === 0 ? 1 : 0);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
