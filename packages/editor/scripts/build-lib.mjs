#!/usr/bin/env node
// The embeddable library in dist-lib/: the ES module and its CSS (vite library mode, Monaco's and
// Visit's workers in assets/, loaded from the module's own origin: no blob: URLs, no eval), and
// the declarations of its public API (tsc): index.d.ts and the self-contained types.d.ts.
//   node scripts/build-lib.mjs [--out DIR]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(here, 'dist-lib'));

/** Builds the library into `outDir` (emptied first). */
export async function buildLibrary(outDir) {
  await build({ configFile: join(here, 'vite.lib.config.ts'), logLevel: 'warn', build: { outDir } });
  const types = mkdtempSync(join(tmpdir(), 'visit-editor-types-'));
  try {
    const tsc = createRequire(join(here, '../../package.json')).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.lib.json'), '--outDir', types], { stdio: 'inherit' });
    for (const f of ['index.d.ts', 'types.d.ts']) copyFileSync(join(types, f), join(outDir, f));
  } finally {
    rmSync(types, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildLibrary(out);
