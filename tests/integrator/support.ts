// What the integrator test does as an integrator would: pack every workspace package with pnpm
// (which builds it: each package's `prepack`), and install the tarballs with npm into a fresh
// project outside the workspace. Real processes only.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKAGES = join(ROOT, 'packages');

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: unknown;
  engines?: Record<string, string>;
  main?: string;
  types?: string;
  bin?: Record<string, string> | string;
  exports?: unknown;
  files?: string[];
  publishConfig?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The publishable workspace packages, each after the workspace packages it depends on. */
export function workspacePackages(): WorkspacePackage[] {
  const all = readdirSync(PACKAGES)
    .map((name) => join(PACKAGES, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readManifest(dir) }))
    .filter((p) => p.manifest.private !== true);
  const byName = new Map(all.map((p) => [p.manifest.name, p]));
  const ordered: WorkspacePackage[] = [];
  const seen = new Set<string>();
  const visit = (p: WorkspacePackage) => {
    if (seen.has(p.manifest.name)) return;
    seen.add(p.manifest.name);
    const deps = { ...p.manifest.dependencies, ...p.manifest.devDependencies };
    for (const dep of Object.keys(deps)) {
      const target = byName.get(dep);
      if (target) visit(target);
    }
    ordered.push(p);
  };
  for (const p of all) visit(p);
  return ordered;
}

/** `@visit/engine` 0.1.0 → `visit-engine-0.1.0.tgz`, the name pnpm pack gives the tarball. */
export function tarballName(m: Manifest): string {
  return `${m.name.replace(/^@/, '').replace('/', '-')}-${m.version}.tgz`;
}

/**
 * The environment for a child process outside the workspace: without the variables pnpm sets for
 * the script that runs the tests (`npm_package_*`, the workspace's `.npmrc` as `npm_config_*`), so
 * npm in the temporary project sees only its own configuration; the registry and proxy settings
 * are kept.
 */
export function outsideEnv(extraPath?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !/registry|proxy|cafile|strict_ssl|_auth/.test(lower)) continue;
    if (lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_') || lower.startsWith('pnpm_')) continue;
    if (lower === 'npm_execpath' || lower === 'npm_node_execpath' || lower === 'npm_command' || lower === 'init_cwd') continue;
    if (lower === 'node_options' || lower === 'vitest' || lower.startsWith('vitest_')) continue;
    env[key] = value;
  }
  if (extraPath) env['PATH'] = `${extraPath}:${env['PATH'] ?? ''}`;
  env['NO_COLOR'] = '1';
  return env;
}

/** How to run pnpm: the one running `pnpm test`, else pnpm on PATH, else the pinned one via npx. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env['npm_execpath'];
  if (execPath && /pnpm\.c?js$/.test(execPath)) return [process.execPath, [execPath]];
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return ['pnpm', []];
  const pinned = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string }).packageManager;
  return ['npx', ['-y', pinned]];
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 120_000): Run {
  const r: SpawnSyncReturns<string> = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runOk(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout?: number): Run {
  const r = run(command, args, cwd, env, timeout);
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.status}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  }
  return r;
}

/** Packs every package into `dest` with `pnpm pack` (its prepack builds it); returns the tarballs. */
export function packAll(dest: string): Map<string, string> {
  mkdirSync(dest, { recursive: true });
  const [pnpm, prefix] = pnpmCommand();
  const tarballs = new Map<string, string>();
  for (const { dir, manifest } of workspacePackages()) {
    // The workspace's own environment: pnpm reads the workspace from here.
    const started = performance.now();
    runOk(pnpm, [...prefix, 'pack', '--pack-destination', dest], dir, { ...process.env, NO_COLOR: '1' }, 180_000);
    console.log(`pnpm pack ${manifest.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const file = join(dest, tarballName(manifest));
    if (!existsSync(file)) throw new Error(`pnpm pack wrote no ${tarballName(manifest)} for ${manifest.name}`);
    tarballs.set(manifest.name, file);
  }
  return tarballs;
}

/** The version of a workspace development dependency, as installed. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

// ------------------------------------------------------------- one installed project per run

/** The test files that use the installed project; once each has released it, it is removed. */
const PROJECT_USERS = ['install.test.ts', 'editor-page.test.ts'] as const;
export type ProjectUser = (typeof PROJECT_USERS)[number];

const EXAMPLE = join(ROOT, 'examples', 'tre-hovedveje');
const FIXTURES = join(ROOT, 'tests', 'integrator', 'project');

export interface InstalledProject {
  /** The folder holding the tarballs, the unpacked tarballs and the project. */
  work: string;
  /** The integrator's project: the tarballs installed with npm, the fixtures and the example files. */
  project: string;
  /** The environment for processes in the project (outside the workspace, its .bin on PATH). */
  env: NodeJS.ProcessEnv;
  /** package name → its tarball. */
  tarballs: Map<string, string>;
  /** package name → the directory its tarball was unpacked into, and the manifest it holds. */
  packed: Map<string, { dir: string; manifest: Manifest }>;
}

interface ProjectRecord {
  tarballs: [string, string][];
  packed: [string, string][];
}

/** The start time of a process (Linux: /proc), so that a reused pid is not taken for the same process. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '0';
  } catch {
    return '0';
  }
}

function alive(pid: number, started: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return startTime(pid) === started;
}

/** The vitest process of this run: a forked worker's parent (the default pool), else this process. */
function vitestProcess(): { pid: number; started: string } {
  const pid = process.connected ? process.ppid : process.pid;
  return { pid, started: startTime(pid) };
}

const RUN_DIR = /^visit-integrator-run-(\d+)-(\d+)(\.lock)?$/;

/** Runs `fn` holding a lock directory (mkdir is atomic); a lock whose holder died is taken over. */
async function withLock<T>(lock: string, fn: () => T, timeoutMs = 20 * 60_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'holder'), `${process.pid} ${startTime(process.pid)}`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: string[] = [];
      try {
        holder = readFileSync(join(lock, 'holder'), 'utf8').split(' ');
      } catch {
        // Being written, or removed: look again.
      }
      if (holder.length === 2 && !alive(Number(holder[0]), holder[1]!)) rmSync(lock, { recursive: true, force: true });
      if (performance.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs / 1000} s for ${lock}`);
      await sleep(500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Packs every package, unpacks the tarballs and installs them with npm in a new project under `work`. */
function installProject(work: string): ProjectRecord {
  const started = performance.now();
  const lap = (what: string) => console.log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const tarballs = packAll(join(work, 'packs'));
  lap('pnpm pack (with each prepack build)');
  const packed: [string, string][] = [];
  for (const [name, file] of tarballs) {
    const dir = join(work, 'unpacked', name);
    mkdirSync(dir, { recursive: true });
    runOk('tar', ['-xzf', file, '-C', dir], work, process.env);
    packed.push([name, join(dir, 'package')]);
  }
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'visit-integrator-project', private: true }, null, 2)}\n`);
  runOk(
    'npm',
    [
      'install', '--no-audit', '--no-fund', '--loglevel=error',
      ...tarballs.values(),
      `typescript@${installedVersion('typescript')}`,
      `@types/node@${installedVersion('@types/node')}`,
    ],
    project,
    outsideEnv(join(project, 'node_modules', '.bin')),
    180_000,
  );
  lap('npm install');
  for (const name of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, name), join(project, name));
  copyFileSync(join(EXAMPLE, 'tre-hovedveje.visit'), join(project, 'tre-hovedveje.visit'));
  copyFileSync(join(EXAMPLE, 'citizens.csv'), join(project, 'citizens.csv'));
  return { tarballs: [...tarballs], packed };
}

function runDir(): string {
  const { pid, started } = vitestProcess();
  return join(tmpdir(), `visit-integrator-run-${pid}-${started}`);
}

/**
 * The project that installed every packed tarball with npm, made once per vitest run (packing
 * builds every package, and installing takes a while): the first test file to ask makes it, the
 * others wait for it and use it. Nothing is cached between runs; the folders of runs that ended
 * without removing theirs are removed here.
 */
export async function installedProject(user: ProjectUser): Promise<InstalledProject> {
  const work = runDir();
  const record = await withLock(`${work}.lock`, (): ProjectRecord => {
    for (const name of readdirSync(tmpdir())) {
      const m = RUN_DIR.exec(name);
      if (m && join(tmpdir(), name.replace(/\.lock$/, '')) !== work && !alive(Number(m[1]), m[2]!)) {
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
      }
    }
    const ready = join(work, 'ready.json');
    const failed = join(work, 'failed.txt');
    if (existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8')) as ProjectRecord;
    if (existsSync(failed)) throw new Error(`the installed project failed to build earlier in this run:\n${readFileSync(failed, 'utf8')}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      const made = installProject(work);
      writeFileSync(ready, JSON.stringify(made));
      return made;
    } catch (e) {
      writeFileSync(failed, `${user}: ${(e as Error).message}`);
      throw e;
    }
  });
  const project = join(work, 'project');
  return {
    work,
    project,
    env: outsideEnv(join(project, 'node_modules', '.bin')),
    tarballs: new Map(record.tarballs),
    packed: new Map(record.packed.map(([name, dir]) => [name, { dir, manifest: readManifest(dir) }])),
  };
}

/** This test file is done with the project; the last of PROJECT_USERS to say so removes it. */
export async function releaseInstalledProject(user: ProjectUser): Promise<void> {
  const work = runDir();
  await withLock(`${work}.lock`, () => {
    if (!existsSync(work)) return;
    mkdirSync(join(work, 'done'), { recursive: true });
    writeFileSync(join(work, 'done', user), '');
    if (PROJECT_USERS.every((u) => existsSync(join(work, 'done', u)))) rmSync(work, { recursive: true, force: true });
  });
}

// ----------------------------------------------------------------------- the README snippets

export interface Snippet {
  /** The README, relative to the repository root. */
  readme: string;
  lang: string;
  /** The file the snippet is saved as. */
  title: string;
  code: string;
  /** The other attributes of the info string: `env="browser"` for a page's files. */
  attributes: Record<string, string>;
}

/**
 * The fenced blocks of a README whose info string names a file: ```js title="screen.mjs"```.
 * A block ```text output="screen.mjs"``` holds what that snippet prints.
 */
export function readmeSnippets(readme: string): { snippets: Snippet[]; outputs: Map<string, string> } {
  const text = readFileSync(readme, 'utf8');
  const fence = /^(`{3,})(\w+)[ \t]+(title|output)="([^"]+)"([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gm;
  const snippets: Snippet[] = [];
  const outputs = new Map<string, string>();
  for (const m of text.matchAll(fence)) {
    const [, , lang, kind, title, rest, code] = m as unknown as [string, string, string, string, string, string, string];
    if (kind === 'output') outputs.set(title, code);
    else {
      const attributes = Object.fromEntries([...rest.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
      snippets.push({ readme: relative(ROOT, readme), lang, title, code, attributes });
    }
  }
  return { snippets, outputs };
}

// ------------------------------------------------------------------ a page in the project

export const CHROMIUM = '/usr/bin/chromium';

/**
 * playwright-core, the browser driver of the editor's own tests (a development dependency of
 * @visit/editor, not of the root): taken from there by name, so that the integrator's project holds
 * only what an integrator installs.
 */
type Playwright = typeof import('../../packages/editor/node_modules/playwright-core');
export type { Browser, Page } from '../../packages/editor/node_modules/playwright-core';
export function playwright(): Playwright {
  return createRequire(join(PACKAGES, 'editor', 'package.json'))('playwright-core') as Playwright;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.visit': 'text/plain; charset=utf-8',
};

/**
 * Serves the files under `root` as any static web server would, on 127.0.0.1 (a free port), with
 * `headers` on every response (a Content-Security-Policy: workers get it too).
 */
export function serveFolder(root: string, headers: Record<string, string>): Promise<{ origin: string; close(): Promise<void> }> {
  const base = normalize(root + sep);
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const file = normalize(join(base, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)));
        if (!file.startsWith(base) || !(await stat(file)).isFile()) throw new Error('not found');
        const body = await readFile(file);
        res.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
        res.end('not found');
      }
    })();
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () =>
      done({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((closed) => server.close(() => closed())),
      }),
    );
  });
}
