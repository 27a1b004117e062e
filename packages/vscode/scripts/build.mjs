#!/usr/bin/env node
// Builds the Visit extension (packages/vscode):
//
//   dist/extension.cjs                src/extension.ts and all it imports, `vscode` external
//   dist/server.cjs                   src/server.ts: the language server (@visit/lsp) and the dsl
//   syntaxes/visit.tmLanguage.json    the TextMate grammar, from src/grammar.ts (the dsl's tokens)
//   dist/visit-vscode.vsix            with --vsix: `vsce package --no-dependencies`
//
//   node scripts/build.mjs            bundles (refused when the committed grammar is stale)
//   node scripts/build.mjs --grammar  writes the grammar, nothing else
//   node scripts/build.mjs --vsix     bundles + .vsix (the package's `build` script)
//   node scripts/build.mjs --vsix --out FILE   the .vsix elsewhere
//
// Everything is bundled (CommonJS, as VS Code loads extensions), so the .vsix has no node_modules
// and installs offline. No source maps: nothing of the sources or of data ships but the code.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(PACKAGE, 'dist');
export const GRAMMAR = join(PACKAGE, 'syntaxes', 'visit.tmLanguage.json');
export const VSIX = join(DIST, 'visit-vscode.vsix');

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  conditions: ['import', 'node', 'default'],
  mainFields: ['module', 'main'],
  // As scripts/build.mjs at the root: the grammar is validated by the tests, not at start-up.
  define: { __VISIT_GRAMMAR_VALIDATED__: 'true', 'import.meta.url': '__visitFileUrl' },
  banner: { js: "var __visitFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
};

/** The grammar's JSON text, from src/grammar.ts as it is now. */
export async function grammarText() {
  const result = await build({ ...COMMON, entryPoints: [join(PACKAGE, 'src', 'grammar.ts')], write: false, format: 'cjs', logLevel: 'silent' });
  const module = { exports: {} };
  const require = createRequire(join(PACKAGE, 'src', 'grammar.ts'));
  new Function('module', 'exports', 'require', '__filename', result.outputFiles[0].text)(module, module.exports, require, join(DIST, 'grammar.cjs'));
  return module.exports.grammarJson();
}

export async function writeGrammar() {
  const text = await grammarText();
  let old = '';
  try {
    old = readFileSync(GRAMMAR, 'utf8');
  } catch {
    // not there yet
  }
  if (old !== text) writeIfChanged(GRAMMAR, Buffer.from(text));
}

/**
 * Fails when the committed grammar is not what the tokens give: the bundles and the .vsix are never
 * built with a stale grammar, and nothing but `--grammar` writes it (so the test that compares the
 * committed file with the generator still sees drift when a build runs beside it).
 */
export async function checkGrammar() {
  let committed = '';
  try {
    committed = readFileSync(GRAMMAR, 'utf8');
  } catch {
    // missing: stale too
  }
  if (committed !== (await grammarText())) {
    throw new Error('syntaxes/visit.tmLanguage.json is not what the dsl tokens give: run `node scripts/build.mjs --grammar` and commit it');
  }
}

/**
 * Bundles dist/extension.cjs and dist/server.cjs. Each file is replaced only when its content
 * changed, and then atomically (a temporary file, renamed): test files in parallel processes build
 * and start the server at the same time, and a half-written bundle must never be visible.
 */
export async function bundle() {
  const results = await Promise.all([
    build({ ...COMMON, entryPoints: [join(PACKAGE, 'src', 'extension.ts')], outfile: join(DIST, 'extension.cjs'), external: ['vscode'], write: false }),
    build({ ...COMMON, entryPoints: [join(PACKAGE, 'src', 'server.ts')], outfile: join(DIST, 'server.cjs'), write: false }),
  ]);
  for (const file of results.flatMap((r) => r.outputFiles)) writeIfChanged(file.path, file.contents);
}

function writeIfChanged(path, contents) {
  try {
    if (Buffer.compare(readFileSync(path), contents) === 0) return;
  } catch {
    // not there yet
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** `vsce package --no-dependencies` into dist/visit-vscode.vsix; returns its path. */
export function packVsix(out = VSIX) {
  const require = createRequire(import.meta.url);
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  rmSync(out, { force: true });
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-update-package-json', '--out', out], {
    cwd: PACKAGE,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vsce package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  try {
    if (process.argv.includes('--grammar')) await writeGrammar();
    else {
      await checkGrammar();
      await bundle();
    }
    const out = process.argv.indexOf('--out');
    if (process.argv.includes('--vsix')) packVsix(out > 0 ? process.argv[out + 1] : VSIX);
    process.stderr.write(`built packages/vscode in ${Math.round(performance.now() - started)} ms\n`);
  } catch (e) {
    process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
