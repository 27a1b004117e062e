// No package reaches into another package's files: every import in packages/*/src names a file of
// its own package, a package by name (`@visit/engine`, or one of the subpaths its `exports` lists),
// or a built-in (or a repository file outside packages/, such as the examples the editor's app
// bundles). A relative path into a sibling (`../../../cli/src/io/csv`) or a deep path into
// one (`@visit/engine/src/records`) works in the workspace and breaks once the packages are
// installed from their tarballs, which hold only dist/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGES = join(ROOT, 'packages');

interface Workspace {
  /** package name → its directory and the subpaths its `exports` lists (`.`, `./node`). */
  byName: Map<string, { dir: string; subpaths: Set<string> }>;
}

function workspace(): Workspace {
  const byName = new Map<string, { dir: string; subpaths: Set<string> }>();
  for (const entry of readdirSync(PACKAGES)) {
    const dir = join(PACKAGES, entry);
    let manifest: { name?: string; exports?: unknown };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue;
    }
    if (!manifest.name) continue;
    const exportsField = manifest.exports;
    const subpaths = new Set<string>(
      typeof exportsField === 'object' && exportsField !== null ? Object.keys(exportsField) : ['.'],
    );
    byName.set(manifest.name, { dir, subpaths });
  }
  return { byName };
}

/** Why this import crosses into another package's files, or undefined when it does not. */
export function crossing(specifier: string, fromFile: string, ws: Workspace): string | undefined {
  const ownDir = [...ws.byName.values()].find((p) => fromFile.startsWith(p.dir + sep))?.dir;
  if (ownDir === undefined) return undefined;
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const target = resolve(dirname(fromFile), specifier.replace(/\?.*$/, ''));
    if (target === ownDir || target.startsWith(ownDir + sep)) return undefined;
    // Files of the repository that belong to no package (examples/) are bundled by the editor's
    // app build; only another package's files are off limits.
    if (!target.startsWith(PACKAGES + sep)) return undefined;
    return `a relative path into another package, to ${relative(ROOT, target)}`;
  }
  for (const [name, { subpaths }] of ws.byName) {
    if (specifier === name) return undefined;
    if (specifier.startsWith(`${name}/`)) {
      const subpath = `.${specifier.slice(name.length)}`;
      return subpaths.has(subpath) ? undefined : `a path inside ${name} that its exports do not list`;
    }
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier a file names: imports, re-exports, `import()`, `require()`. */
function specifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

describe('the detector', () => {
  const ws = workspace();
  const editor = 'packages/editor/src/records/parse.ts';
  const engine = 'packages/engine/src/records.ts';
  it.each([
    ['./csv', editor, false],
    ['../worker/protocol', editor, false],
    ['../../package.json', editor, false],
    ['@visit/engine', editor, false],
    ['monaco-editor/editor/editor.api', editor, false],
    ['node:fs', editor, false],
    ['../../../cli/src/io/csv', editor, true],
    ['../../../engine/src/records', editor, true],
    ['../../../../examples/tre-hovedveje/tre-hovedveje.visit?raw', editor, false],
    ['../../../cli/src/io/csv?raw', editor, true],
    ['../../../packages/dsl/src/ast', engine, true],
    ['@visit/engine/src/records', editor, true],
    ['@visit/dsl/dist/index.js', engine, true],
  ] as const)('%s from %s crosses: %s', (specifier, file, crosses) => {
    expect(crossing(specifier, join(ROOT, file), ws) !== undefined).toBe(crosses);
  });
});

describe('packages/*/src', () => {
  it('imports no other package by a relative path or an unexported subpath', () => {
    const ws = workspace();
    const found: string[] = [];
    for (const { dir } of ws.byName.values()) {
      let files: string[];
      try {
        files = sourceFiles(join(dir, 'src'));
      } catch {
        continue;
      }
      for (const file of files) {
        for (const specifier of specifiers(file)) {
          const why = crossing(specifier, file, ws);
          if (why) found.push(`${relative(ROOT, file)}: '${specifier}' is ${why}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
