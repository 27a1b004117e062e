// What the integrator test does as an integrator would: pack every workspace package with pnpm
// (which builds it: each package's `prepack`), and install the tarballs with npm into a fresh
// project outside the workspace. Real processes only.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
