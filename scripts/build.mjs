#!/usr/bin/env node
// Bundles the `visit` command line with esbuild: packages/cli/src/main.ts → packages/cli/dist/visit.js
// (plus the screen command's worker entry). Everything is bundled, the workspace packages and the
// npm dependencies alike, so that `visit --help` reads one file at start-up instead of resolving
// hundreds of modules (measured: see packages/cli/README.md). Idempotent: the output depends only
// on the sources.
//
//   node scripts/build.mjs          build once
//   node scripts/build.mjs --clean  build once and remove every chunk of earlier builds
//   import { build } from './build.mjs'; await build();

import { build as esbuild } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(ROOT, 'packages', 'cli');
export const DIST = join(CLI_DIR, 'dist');
export const BUNDLE = join(DIST, 'visit.js');

/** The entry points, by output name (without `.js`). */
const ENTRIES = {
  visit: join(CLI_DIR, 'src', 'main.ts'),
  // The worker threads of the split screen (@visit/batch); main.ts names it next to the bundle.
  'screen-worker': join(ROOT, 'packages', 'batch', 'src', 'split', 'worker.ts'),
};

/**
 * Builds the bundles. Returns the entry files. Throws (with esbuild's messages, which name the
 * file and line) when a source does not compile.
 *
 * Each output file is replaced only when its content changed, and then atomically (write a
 * temporary file, rename), because tests in parallel processes build and run the CLI at the same
 * time: a half-written bundle must never be visible.
 */
export async function build({ quiet = true, clean = false } = {}) {
  const result = await esbuild({
    entryPoints: ENTRIES,
    outdir: DIST,
    write: false,
    bundle: true,
    // The commands import the language and the engine lazily (`await import`), so that
    // `visit --help` does not pay for building the parser; splitting puts those in shared chunks.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // A bundled CommonJS dependency (csv-parse, ajv) may call `require` for Node built-ins; ESM
    // output has no `require`, so give it one. `__filename`/`__dirname` likewise.
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __visitCreateRequire } from 'node:module';",
        'const require = __visitCreateRequire(import.meta.url);',
      ].join('\n'),
    },
    // Resolve the workspace packages through their `exports` (src/index.ts).
    conditions: ['import', 'node', 'default'],
    mainFields: ['module', 'main'],
    logLevel: quiet ? 'silent' : 'warning',
    metafile: false,
    legalComments: 'none',
  });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('\n'));
  for (const file of result.outputFiles) writeIfChanged(file.path, file.contents);
  pruneChunks(new Set(result.outputFiles.map((f) => f.path)), clean ? 0 : 60 * 60 * 1000);
  return Object.keys(ENTRIES).map((name) => join(DIST, `${name}.js`));
}

function writeIfChanged(path, contents) {
  try {
    if (Buffer.compare(readFileSync(path), contents) === 0) return;
  } catch {
    // Not there yet.
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * Removes chunks of earlier builds (their names carry a content hash, so they would pile up), once
 * they are an hour old: a `visit` process started before this build may still load them lazily.
 * `--clean` (what `pnpm pack` runs) removes them all, so that the package ships only this build.
 */
function pruneChunks(current, minAgeMs) {
  const before = Date.now() - minAgeMs;
  const dir = join(DIST, 'chunks');
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (current.has(path) || name.endsWith('.tmp')) continue;
    try {
      if (statSync(path).mtimeMs < before) rmSync(path, { force: true });
    } catch {
      // removed by a build running beside this one
    }
  }
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  try {
    const files = await build({ quiet: false, clean: process.argv.includes('--clean') });
    const ms = Math.round(performance.now() - started);
    process.stderr.write(`built ${files.map((f) => f.slice(ROOT.length + 1)).join(', ')} in ${ms} ms\n`);
  } catch (e) {
    process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
