// Tried as an integrator would (issue 10): every package packed with `pnpm pack`, the tarballs
// installed with npm into a fresh project in the system's temporary directory, and there an ESM
// program, a CommonJS program, a strict TypeScript consumer, `npx visit` and the README snippets,
// each a real process. Nothing is cached between runs: the packages are built by their prepack
// scripts, as `pnpm publish` would build them.
import { builtinModules } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installedProject,
  PACKAGES,
  readmeSnippets,
  releaseInstalledProject,
  ROOT,
  run,
  workspacePackages,
  type Manifest,
  type Snippet,
} from './support';

/** @visit/batch (issue 10, point 3): screening a file or a stream from code. */
const HAS_BATCH = existsSync(join(PACKAGES, 'batch', 'src', 'index.ts'));
const TSC_FLAGS = [
  '--strict',
  '--module', 'NodeNext',
  '--moduleResolution', 'NodeNext',
  '--exactOptionalPropertyTypes',
  '--noPropertyAccessFromIndexSignature',
  '--erasableSyntaxOnly',
  '--noEmit',
];

let project: string;
let env: NodeJS.ProcessEnv;
/** package name → the directory its tarball was unpacked into, and the manifest it holds. */
let packed = new Map<string, { dir: string; manifest: Manifest }>();

// The packing and the npm install are shared with the other test files of tests/integrator/
// (support.ts: one installed project per vitest run).
beforeAll(async () => {
  ({ project, env, packed } = await installedProject('install.test.ts'));
}, 1_200_000);

afterAll(async () => {
  await releaseInstalledProject('install.test.ts');
});

// ------------------------------------------------------------------------------ the tarballs

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, base) : [relative(base, path)];
  });
}

/** Every file a manifest points at: main, types, bin and each target of exports. */
function entryFiles(m: Manifest): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(m.main);
  walk(m.types);
  walk(m.bin);
  walk(m.exports);
  return out.map((p) => p.replace(/^\.\//, ''));
}

/** The npm packages (not Node built-ins) the packed JavaScript imports or requires. */
function importedPackages(dir: string): Set<string> {
  const builtins = new Set(builtinModules);
  const names = new Set<string>();
  for (const file of files(dir).filter((f) => /\.(m?js|cjs)$/.test(f))) {
    for (const { fileName } of ts.preProcessFile(readFileSync(join(dir, file), 'utf8'), true, true).importedFiles) {
      if (fileName.startsWith('.') || fileName.startsWith('node:') || builtins.has(fileName.split('/')[0]!)) continue;
      const parts = fileName.split('/');
      names.add(fileName.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return names;
}

describe('what pnpm pack writes', () => {
  it('packs every workspace package', () => {
    expect([...packed.keys()].sort()).toEqual(workspacePackages().map((p) => p.manifest.name).sort());
  });

  it.each(workspacePackages().map((p) => p.manifest.name))('%s: the fields an integrator and a registry read', (name) => {
    const { manifest } = packed.get(name)!;
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toMatchObject({ type: 'git', directory: relative(ROOT, join(PACKAGES, name.split('/')[1]!)) });
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(manifest.publishConfig).toMatchObject({ access: 'public' });
    expect(manifest.files).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
    expect(Object.entries(ranges).filter(([, range]) => range.startsWith('workspace:'))).toEqual([]);
  });

  it.each(workspacePackages().map((p) => p.manifest.name))('%s: the files it names are packed, and no sources or tests', (name) => {
    const { dir, manifest } = packed.get(name)!;
    const contents = files(dir);
    expect(contents).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    expect(entryFiles(manifest).filter((f) => !contents.includes(f))).toEqual([]);
    expect(contents.filter((f) => /^(src|test|tests|examples)\//.test(f) || /\.test\.[jt]s$/.test(f))).toEqual([]);
  });

  it.each(workspacePackages().map((p) => p.manifest.name))('%s: depends on exactly the packages its JavaScript imports', (name) => {
    const { dir, manifest } = packed.get(name)!;
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([...importedPackages(dir)].sort());
  });

  it.each(
    workspacePackages()
      .filter((p) => p.manifest.publishConfig?.['types'] === './dist/index.d.ts')
      .map((p) => [p.manifest.name, p] as const),
  )('%s: publishes a dist/ entry for every source entry of its exports', (name, p) => {
    const sourceExports = p.manifest.exports as Record<string, string>;
    const { manifest } = packed.get(name)!;
    for (const [subpath, source] of Object.entries(sourceExports)) {
      if (!source.startsWith('./src/')) continue;
      const base = source.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '');
      expect((manifest.exports as Record<string, unknown>)[subpath]).toEqual({ types: `${base}.d.ts`, import: `${base}.js`, default: `${base}.js` });
    }
  });
});

// ---------------------------------------------------------------------- using the packages

const EXPECTED_SCRIPT_OUTPUT = [
  '{"row":1,"id":"0101701234","status":"ok","groups":{"unge":false,"voksne":false,"seniorer":true,"målgruppe":true},"programs":{"jobklub":"eligible","vikar":"undetermined","virksomhedspraktik":"undetermined"}}',
  '{"row":2,"id":"0202951234","status":"ok","groups":{"unge":false,"voksne":true,"seniorer":false,"målgruppe":true},"programs":{"jobklub":"ineligible","vikar":"ineligible","virksomhedspraktik":"ineligible"}}',
  '{"row":3,"id":"0303851234","status":"invalid","errors":["literacy: expected an integer from 1 to 5, found 7"]}',
  'program jobklub  "Hovedvej 1 – Jobklub"  → eligible',
  '  ✓ require benefit = dagpenge  "Projektet er for dagpengemodtagere"  → true (benefit: dagpenge)',
  '  ✓ require målgruppe  "Borgeren er i en af projektets tre målgrupper"  → true (birth_date: 1970-01-01, unemployed_since: missing, education: vocational)',
  '  ✓ require literacy >= min_læs  "Jobklubben forudsætter tilstrækkelige læsefærdigheder"  → true (literacy: 4)',
  '  ✓ require native_danish or danish_level >= min_dansk  "Jobklubben foregår på dansk"  → true (native_danish: true, danish_level: missing)',
  '  ✓ require motivated  "Deltagelse er frivillig"  → true (motivated: true)',
  '{"kind":"require","label":"Projektet er for dagpengemodtagere","source":"benefit = dagpenge","holds":{"===":[{"var":"benefit"},"dagpenge"]},"fails":{"and":[{"!==":[{"var":"benefit"},null]},{"!==":[{"var":"benefit"},"dagpenge"]}]}}',
];

describe('in a project that installed the tarballs with npm', () => {
  it.each([
    ['an ESM program (import)', 'esm.mjs'],
    ['a CommonJS program (require of the ESM build)', 'cjs.cjs'],
  ])('%s compiles the rules, screens an array, explains and writes JSON Logic', (_, script) => {
    const r = run(process.execPath, [script], project, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual(EXPECTED_SCRIPT_OUTPUT);
  });

  it('TypeScript consumers type-check with the strictest options (declaration files, not sources)', () => {
    // One tsc run for both consumers (it is the slow step): the engine and dsl, and the batch API.
    const files = ['consumer.ts', ...(HAS_BATCH ? ['consumer-batch.mts'] : [])];
    const r = run(join(project, 'node_modules', '.bin', 'tsc'), [...TSC_FLAGS, '--target', 'ES2022', ...files], project, env);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('npx visit --help runs the installed command', () => {
    const r = run('npx', ['--no-install', 'visit', '--help'], project, env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('visit <command>');
  });

  it('npx visit screen writes the rows the workspace CLI writes', () => {
    const args = ['screen', 'tre-hovedveje.visit', 'citizens.csv', '--as-of', '2026-11-23'];
    const installed = run('npx', ['--no-install', 'visit', ...args], project, env);
    const workspace = run(process.execPath, [join(ROOT, 'packages', 'cli', 'dist', 'visit.js'), ...args], project, env);
    // Exit 1: the example has invalid rows (they are in the output, with their reasons).
    expect({ status: installed.status, stderr: installed.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('invalid') });
    const rows = installed.stdout.trimEnd().split('\n');
    expect(rows.length).toBe(readFileSync(join(project, 'citizens.csv'), 'utf8').trimEnd().split('\n').length - 1);
    expect({ status: installed.status, stdout: installed.stdout }).toEqual({ status: workspace.status, stdout: workspace.stdout });
  });

  it('npx visit screen splits a large file over worker threads from the installed package', () => {
    // Above 4 MB the CLI screens on every core; the worker entry must be found inside the package.
    const lines = largeCsv();
    const args = ['screen', 'tre-hovedveje.visit', 'large.csv', '--as-of', '2026-11-23'];
    const installed = run('npx', ['--no-install', 'visit', ...args], project, env);
    expect(installed.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND|worker/i);
    expect(installed.status).toBe(1);
    expect(installed.stdout.trimEnd().split('\n').length).toBe(lines.length - 1);
    const workspace = run(process.execPath, [join(ROOT, 'packages', 'cli', 'dist', 'visit.js'), ...args], project, env);
    expect({ status: installed.status, stdout: installed.stdout }).toEqual({ status: workspace.status, stdout: workspace.stdout });
  });
});

/** large.csv in the project: the example's rows repeated to 5 MB (worker threads from 4 MB). */
let large: string[] | undefined;
function largeCsv(): string[] {
  if (large) return large;
  const [header, ...body] = readFileSync(join(project, 'citizens.csv'), 'utf8').trimEnd().split('\n');
  const lines = [header!];
  let size = 0;
  while (size < 5 * 1024 * 1024) {
    for (const row of body) {
      lines.push(row);
      size += row.length + 1;
    }
  }
  writeFileSync(join(project, 'large.csv'), `${lines.join('\n')}\n`);
  return (large = lines);
}

/** What the workspace's own `visit screen` writes for a file of the project. */
function workspaceScreen(file: string): string {
  const args = ['screen', 'tre-hovedveje.visit', file, '--as-of', '2026-11-23'];
  const r = run(process.execPath, [join(ROOT, 'packages', 'cli', 'dist', 'visit.js'), ...args], project, env);
  if (r.status !== 0 && r.status !== 1) throw new Error(`visit screen ${file}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/** The summary counts, computed from NDJSON rows. */
function countsOf(ndjson: string) {
  const rows = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as { status: string; programs?: Record<string, string> });
  const names = Object.keys(rows.find((r) => r.programs)?.programs ?? {});
  return {
    rows: rows.length,
    valid: rows.filter((r) => r.status === 'ok').length,
    invalid: rows.filter((r) => r.status === 'invalid').length,
    programmes: names.map((name) => ({
      name,
      eligible: rows.filter((r) => r.programs?.[name] === 'eligible').length,
      ineligible: rows.filter((r) => r.programs?.[name] === 'ineligible').length,
      undetermined: rows.filter((r) => r.programs?.[name] === 'undetermined').length,
    })),
  };
}

describe.runIf(HAS_BATCH)('@visit/batch in that project', () => {
  it('an ESM program screens a CSV file stream: the rows of visit screen, and its counts', () => {
    const r = run(process.execPath, ['batch-stream.mjs', 'citizens.csv'], project, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = workspaceScreen('citizens.csv');
    expect(r.stdout).toBe(expected);
    expect(JSON.parse(readFileSync(join(project, 'summary.json'), 'utf8'))).toEqual(countsOf(expected));
  });

  it('a CommonJS program screens a large CSV file on worker threads (@visit/batch/node)', () => {
    largeCsv();
    const r = run(process.execPath, ['batch-file.cjs', 'large.csv'], project, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = workspaceScreen('large.csv');
    expect(r.stdout).toBe(expected);
    const { rows, valid, invalid } = countsOf(expected);
    expect(JSON.parse(readFileSync(join(project, 'summary-file.json'), 'utf8'))).toEqual({ rows, valid, invalid });
  });

});

// ----------------------------------------------------------------------- the README snippets

/** Code blocks in these languages with a title are run; the title is the file they are saved as. */
const RUNNABLE_LANGS = new Set(['js', 'javascript', 'mjs', 'cjs', 'ts', 'typescript', 'sh', 'bash', 'shell']);
const RUNNABLE_FILE = /\.(m?js|cjs|m?ts|sh)$/;

/** A page's files (```js title="main.js" env="browser"```) are served by editor-page.test.ts, not run here. */
function snippets(readme: string): { run: Snippet[]; outputs: Map<string, string> } {
  const { snippets: all, outputs } = readmeSnippets(readme);
  return { run: all.filter((s) => RUNNABLE_LANGS.has(s.lang) && s.attributes['env'] !== 'browser'), outputs };
}

const READMES = [join(ROOT, 'README.md'), ...readdirSync(PACKAGES).map((p) => join(PACKAGES, p, 'README.md'))].filter((f) =>
  existsSync(f),
);
const SNIPPETS = READMES.flatMap((readme) => {
  const { run: runnable, outputs } = snippets(readme);
  return runnable.map((s) => [`${s.readme}: ${s.title}`, s, outputs.get(s.title)] as const);
});

describe('the README snippets, run in that project', () => {
  it('there are snippets to run, each titled with the file name it runs as', () => {
    expect(SNIPPETS.length).toBeGreaterThan(0);
    expect(SNIPPETS.map(([name]) => name).filter((name) => !RUNNABLE_FILE.test(name))).toEqual([]);
  });

  it.each(SNIPPETS.filter(([name]) => RUNNABLE_FILE.test(name)))('%s', (_, snippet, output) => {
    // Each README's snippets in their own folder, beside the example files they name.
    const dir = join(project, 'readme', snippet.readme.replace(/[/.]/g, '_'));
    mkdirSync(dir, { recursive: true });
    for (const name of ['tre-hovedveje.visit', 'citizens.csv', 'citizens.json']) copyFileSync(join(project, name), join(dir, name));
    const file = join(dir, snippet.title);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, snippet.code);
    let r;
    if (/\.(m?js|cjs)$/.test(snippet.title)) r = run(process.execPath, [snippet.title], dir, env);
    else if (/\.m?ts$/.test(snippet.title)) r = run(join(project, 'node_modules', '.bin', 'tsc'), [...TSC_FLAGS, snippet.title], dir, env);
    else if (/\.sh$/.test(snippet.title)) r = run('bash', ['-euo', 'pipefail', snippet.title], dir, env);
    else throw new Error(`${snippet.readme}: no way to run ${snippet.title}`);
    // Node programs print nothing on stderr (no warning either); a shell snippet's commands may
    // (visit's summary), which is shown when it fails.
    const stderr = /\.sh$/.test(snippet.title) && r.status === 0 ? '' : r.stderr;
    expect({ status: r.status, stderr }).toEqual({ status: 0, stderr: '' });
    if (output !== undefined) expect(r.stdout).toBe(output);
  });
});
