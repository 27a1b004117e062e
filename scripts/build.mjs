#!/usr/bin/env node
// Bundles the `visit` command line with esbuild into packages/cli/dist/:
//
//   visit.js          the bin (src/bin.ts): loads visit-cli.cjs through V8's code cache and runs it
//   visit-cli.cjs     src/main.ts and everything it imports (the workspace packages and the npm
//                     dependencies alike), one CommonJS file, compiled by bin.ts with vm.Script
//   screen-worker.js  the screen command's worker entry (ESM, with its chunks in chunks/)
//
// Why one file, and CommonJS: start-up is mostly compiling JavaScript. Node 20 caches compiled
// code only for a vm.Script (Node 22's module.enableCompileCache is not there), and a script
// cannot `import()` chunks; a one-file bundle also resolves no modules. The commands' lazy
// `await import(…)` stays lazy (esbuild keeps each module's top level for its first use), so
// `visit --help` still does not build the parser. Measured in bench/startup.mjs. Idempotent: the
// output depends only on the sources.
//
//   node scripts/build.mjs          build once
//   node scripts/build.mjs --clean  build once and remove every chunk of earlier builds
//   import { build } from './build.mjs'; await build();

import { isAscii } from 'node:buffer';
import { build as esbuild } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(ROOT, 'packages', 'cli');
export const DIST = join(CLI_DIR, 'dist');
export const BUNDLE = join(DIST, 'visit.js');

/** The ES module entry points, by output name (without `.js`). */
const ENTRIES = {
  visit: join(CLI_DIR, 'src', 'bin.ts'),
  // The worker threads of the split screen (@visit/batch); bin.ts names it next to itself.
  'screen-worker': join(ROOT, 'packages', 'batch', 'src', 'split', 'worker.ts'),
};

/** The command line itself, loaded by bin.ts (dist/visit.js). */
const CLI_ENTRY = join(CLI_DIR, 'src', 'main.ts');
export const CLI_BUNDLE = join(DIST, 'visit-cli.cjs');

/**
 * ajv (in @visit/engine's records.ts) validates NDJSON and API input only, yet its module set-up
 * (meta-schemas as objects) ran at every start: for `visit screen` of a CSV, `check`, `--help`. The
 * bundles get a stand-in for `import Ajv2020 from 'ajv/dist/2020.js'` that requires ajv (bundled
 * all the same) on the first `new Ajv2020(…)`. records.ts only constructs it; the sources (and the
 * tests, which run them unbundled) are unchanged.
 */
const lazyAjv = {
  name: 'visit-lazy-ajv',
  setup(b) {
    b.onResolve({ filter: /^ajv\/dist\/2020\.js$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'ajv-2020', namespace: 'visit-lazy-ajv', pluginData: { resolveDir: args.resolveDir } } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'visit-lazy-ajv' }, (args) => ({
      contents: [
        'let ajv;',
        'export default function Ajv2020(...args) {',
        "  ajv ??= require('ajv/dist/2020.js');",
        '  const Ajv = ajv.default ?? ajv;',
        '  return new Ajv(...args);',
        '}',
      ].join('\n'),
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};

/**
 * string-width (of yargs, and of cliui and wrap-ansi, which yargs uses for its help text) builds
 * an `Intl.Segmenter` and Unicode property regular expressions (`\\p{RGI_Emoji}`, flag v) at its
 * module top level: ~25 ms of every start (profile of a one-row `visit screen`), though a command
 * that runs measures no text width (only --help and the messages of usage errors do). The bundles
 * get a stand-in for `import stringWidth from 'string-width'` that requires the real module (the
 * version the importer resolves, bundled all the same) on the first call. Same results; the
 * sources are unchanged.
 */
const lazyStringWidth = {
  name: 'visit-lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.kind === 'import-statement'
        ? { path: args.importer, namespace: 'visit-lazy-string-width', pluginData: { resolveDir: args.resolveDir } }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'visit-lazy-string-width' }, (args) => ({
      contents: [
        'let stringWidth;',
        'export default function lazyStringWidth(...args) {',
        "  stringWidth ??= require('string-width').default;",
        '  return stringWidth(...args);',
        '}',
      ].join('\n'),
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Resolve the workspace packages through their `exports` (src/index.ts).
  conditions: ['import', 'node', 'default'],
  mainFields: ['module', 'main'],
  // The grammar is validated by every build from the sources (the tests); the bundle skips
  // Chevrotain's validations at start-up (packages/dsl/src/syntax/validated.ts).
  define: { __VISIT_GRAMMAR_VALIDATED__: 'true' },
  legalComments: 'none',
  write: false,
  metafile: false,
  // SQL back ends: optional dependencies loaded from node_modules, only by `--engine duckdb` and Parquet input (native) and `--engine postgres` (pg).
  external: ['@duckdb/node-api', 'pg'],
  plugins: [lazyAjv, lazyStringWidth],
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
  const logLevel = quiet ? 'silent' : 'warning';
  const [modules, cli] = await Promise.all([
    esbuild({
      ...COMMON,
      entryPoints: ENTRIES,
      outdir: DIST,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      format: 'esm',
      // A bundled CommonJS dependency (csv-parse, ajv) may call `require` for Node built-ins; ESM
      // output has no `require`, so give it one.
      banner: {
        js: [
          '#!/usr/bin/env node',
          "import { createRequire as __visitCreateRequire } from 'node:module';",
          'const require = __visitCreateRequire(import.meta.url);',
        ].join('\n'),
      },
      logLevel,
    }),
    esbuild({
      ...COMMON,
      entryPoints: [CLI_ENTRY],
      outfile: CLI_BUNDLE,
      format: 'cjs',
      // Without comments and indentation the file is 1.7 MB instead of 2.3 MB, and all ASCII (the
      // comments held the only non-ASCII characters but two regular expressions, now written with
      // \u escapes): bin.ts reads, hashes and decodes less, as Latin-1, into a one-byte string
      // (UTF-8 decoding was ~13 ms). Names stay as they are (stack traces read as before; the
      // source map maps lines and columns back).
      minifyWhitespace: true,
      // ES modules among the dependencies (yargs) read `import.meta.url`: the bundle's own URL,
      // from the `__filename` that bin.ts passes.
      define: { ...COMMON.define, 'import.meta.url': '__visitFileUrl' },
      banner: { js: "var __visitFileUrl = require('node:url').pathToFileURL(__filename).href;" },
      logLevel,
    }),
  ]);
  const errors = [...modules.errors, ...cli.errors];
  if (errors.length > 0) throw new Error(errors.map((e) => e.text).join('\n'));
  const outputs = [...modules.outputFiles, ...cli.outputFiles];
  const cliFile = cli.outputFiles.find((f) => f.path === CLI_BUNDLE);
  if (!quiet && cliFile && !isAscii(cliFile.contents)) {
    process.stderr.write(`warning: ${CLI_BUNDLE} is not all ASCII: bin.ts decodes it as UTF-8, slower (write \\u escapes in regular expressions)\n`);
  }
  let changed = false;
  for (const file of outputs) changed = writeIfChanged(file.path, file.contents) || changed;
  // scripts/visit.mjs rebuilds when a source is newer than dist/visit.js, which holds only the
  // loader now: mark it as built with the rest.
  if (changed) {
    const now = new Date();
    utimesSync(BUNDLE, now, now);
  }
  pruneChunks(new Set(outputs.map((f) => f.path)), clean ? 0 : 60 * 60 * 1000);
  return [...Object.keys(ENTRIES).map((name) => join(DIST, `${name}.js`)), CLI_BUNDLE];
}

/** Writes `contents` to `path` unless it holds them already; true when it wrote. */
function writeIfChanged(path, contents) {
  try {
    if (Buffer.compare(readFileSync(path), contents) === 0) return false;
  } catch {
    // Not there yet.
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
  return true;
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
