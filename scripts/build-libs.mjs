#!/usr/bin/env node
// Builds every library package to what it publishes: ESM JavaScript and declaration files in
// dist/, one file per source module, with TypeScript's compiler (tsc's API, no other tool).
//
// A library is a package whose `publishConfig.types` is `./dist/index.d.ts`: inside the workspace
// its `exports` point at src/index.ts (vitest, esbuild and `tsc -p tsconfig.json` read the
// sources), and pnpm swaps in the `publishConfig` fields when it packs. So every library builds
// the same way and a new one is covered by adding those fields.
//
// The sources write relative imports without an extension (`from './records'`), which bundlers
// accept and Node's ESM loader and `moduleResolution: NodeNext` do not. The emit rewrites each
// relative specifier in the JavaScript and in the declarations to the file it names
// (`./records.js`, `./check/index.js`) and fails when it names no source file.
//
// Libraries build in dependency order; a library's workspace dependencies resolve to their
// freshly built dist/*.d.ts (not their sources, which would be compiled into this package).
//
//   node scripts/build-libs.mjs            every library
//   node scripts/build-libs.mjs @visit/engine   that one, and the libraries it depends on when
//                                              their dist/ is older than their sources
//   import { buildLibraries } from './build-libs.mjs'; await buildLibraries();

import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = join(ROOT, 'packages');

/** The workspace's library packages: `{ name, dir, manifest }`, in dependency order. */
export function libraries() {
  const found = [];
  for (const entry of readdirSync(PACKAGES, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(PACKAGES, entry.name);
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.publishConfig?.types !== './dist/index.d.ts') continue;
    found.push({ name: manifest.name, dir, manifest });
  }
  const byName = new Map(found.map((lib) => [lib.name, lib]));
  const ordered = [];
  const state = new Map();
  const visit = (lib, path) => {
    if (state.get(lib.name) === 'done') return;
    if (state.get(lib.name) === 'visiting') throw new Error(`dependency cycle: ${[...path, lib.name].join(' → ')}`);
    state.set(lib.name, 'visiting');
    for (const dep of Object.keys(lib.manifest.dependencies ?? {})) {
      const target = byName.get(dep);
      if (target) visit(target, [...path, lib.name]);
    }
    state.set(lib.name, 'done');
    ordered.push(lib);
  };
  for (const lib of found) visit(lib, []);
  return ordered;
}

/** The base compiler options (tsconfig.base.json), with the emit settings of a library. */
function compilerOptions(lib, all) {
  const base = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.base.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  const paths = {};
  for (const dep of Object.keys(lib.manifest.dependencies ?? {})) {
    const target = all.find((other) => other.name === dep);
    if (target) paths[dep] = [join(target.dir, 'dist', 'index.d.ts')];
  }
  return {
    ...base.options,
    noEmit: false,
    declaration: true,
    sourceMap: false,
    declarationMap: false,
    rootDir: join(lib.dir, 'src'),
    outDir: join(lib.dir, 'dist'),
    paths,
    noEmitOnError: true,
    // What a library may use: the language and, where it says so, Node's types. No test types.
    types: ['node'],
  };
}

/** `./records` → `./records.js`, `./check` → `./check/index.js`, from the importing source file. */
function fullySpecified(specifier, fromFile) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
  if (/\.(m?js|json)$/.test(specifier)) return specifier;
  const target = resolve(dirname(fromFile), specifier);
  if (existsSync(`${target}.ts`) || existsSync(`${target}.tsx`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.ts'))) return `${specifier}/index.js`;
  throw new Error(`${relative(ROOT, fromFile)}: import '${specifier}' names no source file`);
}

/** A transformer that rewrites the module specifiers of imports, exports and import types. */
function rewriteSpecifiers(context) {
  const f = context.factory;
  return (root) => {
    // Declaration files are transformed as bundles of one file or as single files.
    const sourceFile = ts.isSourceFile(root) ? root : root.sourceFiles[0];
    const fromFile = sourceFile.fileName;
    const literal = (node) => f.createStringLiteral(fullySpecified(node.text, fromFile));
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        return f.updateImportDeclaration(node, node.modifiers, node.importClause, literal(node.moduleSpecifier), node.attributes);
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, literal(node.moduleSpecifier), node.attributes);
      }
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        return f.updateImportTypeNode(
          node,
          f.updateLiteralTypeNode(node.argument, literal(node.argument.literal)),
          node.attributes,
          node.qualifier ? ts.visitNode(node.qualifier, visit) : undefined,
          node.typeArguments ? ts.visitNodes(node.typeArguments, visit) : undefined,
          node.isTypeOf,
        );
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length === 1) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteral(argument)) {
          return f.updateCallExpression(node, node.expression, node.typeArguments, [literal(argument)]);
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    if (ts.isSourceFile(root)) return ts.visitNode(root, visit);
    return f.updateBundle(root, root.sourceFiles.map((file) => ts.visitNode(file, visit)));
  };
}

/** Builds one library into its dist/ (emptied first). Throws with tsc's diagnostics on errors. */
export function buildLibrary(lib, all = libraries()) {
  const options = compilerOptions(lib, all);
  const entry = join(lib.dir, 'src', 'index.ts');
  const files = ts.sys.readDirectory(join(lib.dir, 'src'), ['.ts'], undefined, undefined);
  rmSync(options.outDir, { recursive: true, force: true });
  const program = ts.createProgram({ rootNames: files.length > 0 ? files : [entry], options });
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  const fail = (diagnostics) => {
    throw new Error(`${lib.name}:\n${ts.formatDiagnostics(diagnostics, host)}`);
  };
  // Nothing is written when the program has errors: a source outside src/ (another package's
  // file imported by a relative path) would otherwise be emitted beside that file.
  const before = ts.getPreEmitDiagnostics(program);
  if (before.length > 0) fail(before);
  const outside = [];
  const emitted = program.emit(
    undefined,
    (fileName, text) => {
      if (!resolve(fileName).startsWith(options.outDir + sep)) outside.push(fileName);
      else ts.sys.writeFile(fileName, text);
    },
    undefined,
    false,
    { before: [rewriteSpecifiers], afterDeclarations: [rewriteSpecifiers] },
  );
  if (emitted.diagnostics.length > 0) fail(emitted.diagnostics);
  if (outside.length > 0) throw new Error(`${lib.name}: would write outside dist/: ${outside.map((f) => relative(ROOT, f)).join(', ')}`);
  return options.outDir;
}

/** Newest modification time of the files under `path` (or of `path`), in ms. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether a library's dist/ was built after its sources, its manifest and this script changed. */
function upToDate(lib) {
  const built = join(lib.dir, 'dist', 'index.d.ts');
  if (!existsSync(built)) return false;
  const inputs = [join(lib.dir, 'src'), join(lib.dir, 'package.json'), fileURLToPath(import.meta.url), join(ROOT, 'tsconfig.base.json')];
  return statSync(built).mtimeMs >= Math.max(...inputs.map(newest));
}

/** Builds the named libraries (all when none is named), in dependency order. */
export function buildLibraries(names = []) {
  const all = libraries();
  // A named library is built with the workspace libraries it depends on (it compiles against
  // their declarations) unless their dist/ is newer than everything it is built from, as after
  // `pnpm pack` of each package in dependency order.
  const needed = new Set(names);
  for (const lib of [...all].reverse()) {
    if (!needed.has(lib.name)) continue;
    for (const dep of Object.keys(lib.manifest.dependencies ?? {})) needed.add(dep);
  }
  const wanted =
    names.length === 0 ? all : all.filter((lib) => names.includes(lib.name) || (needed.has(lib.name) && !upToDate(lib)));
  const unknown = names.filter((name) => !all.some((lib) => lib.name === name));
  if (unknown.length > 0) throw new Error(`not a library package: ${unknown.join(', ')}`);
  return wanted.map((lib) => buildLibrary(lib, all));
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  try {
    const dirs = buildLibraries(process.argv.slice(2));
    const ms = Math.round(performance.now() - started);
    process.stderr.write(`built ${dirs.map((d) => relative(ROOT, d)).join(', ')} in ${ms} ms\n`);
  } catch (e) {
    process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
