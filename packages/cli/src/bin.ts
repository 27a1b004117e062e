// The `visit` bin (dist/visit.js): loads the command line (dist/visit-cli.cjs, main.ts and all it
// imports in one file) through V8's code cache, and runs it when it is the script node started.
//
// Why: a one-row `visit screen` spends most of its time compiling JavaScript (the parser library,
// yargs, the engine), not screening. Node 22 has `module.enableCompileCache()`; Node 20 does not,
// so this does the same by hand with `vm.Script`'s cachedData: the first run of a command saves
// the compiled code (also of the functions it ran), later runs start from it. Measured (bench/
// startup.mjs, shared 2-core machine): a one-row screen ~70 ms faster than the ESM bundle it
// replaces.
//
// The cache is an optimisation only: when its directory cannot be made or written (read-only home,
// no home), is not the user's own, or `VISIT_CODE_CACHE=0`, the bundle is compiled as usual and
// nothing is written. A cache file is named by the SHA-256 of the bundle's bytes, the Node version
// and architecture, and the command, so that it is never used for other code (V8 also refuses data
// from another V8 or other flags; then the file is written anew). `VISIT_CODE_CACHE=/abs/dir`
// puts it elsewhere; the default is $XDG_CACHE_HOME/visit/code-cache (~/.cache/…; %LOCALAPPDATA%
// on Windows). Files of other bundles are removed once they are a day old.
//
// V8 checks that cached data was made by the same V8 for the same source and flags, but (in a
// release build) not that its bytes are intact: one flipped byte in the middle of a cache file
// ended node with "Fatal error … unreachable code" (SIGTRAP) before the command ran (found by
// cli-code-cache.test.ts). So a cache file is MAGIC, the SHA-256 of the data, then the data, and data
// whose digest does not match is never given to V8 (the file is written anew).

import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import type { Io } from './context';

type Cli = {
  main(argv: readonly string[], io: Io): Promise<number>;
  runCli(argv: readonly string[], workerUrl?: URL): Promise<number>;
};

const DIR = dirname(fileURLToPath(import.meta.url));
const BUNDLE = join(DIR, 'visit-cli.cjs');
/** The worker threads of the split screen (@visit/batch), built next to this file. */
const WORKER_URL = pathToFileURL(join(DIR, 'screen-worker.js'));
/** One cache per command, since each compiles other parts; anything else shares one. */
const COMMANDS = new Set(['check', 'test', 'screen', 'compile', 'schema']);
const DAY_MS = 24 * 60 * 60 * 1000;
/** First bytes of a cache file (format version 1), then the SHA-256 of the rest. */
const MAGIC = Buffer.from('visit-code-cache-1\n', 'latin1');
const DIGEST_BYTES = 32;

interface Loaded {
  cli: Cli;
  /** Where to save the compiled code after the run; undefined when the cache was used or is off. */
  save?: () => void;
}

let loaded: Loaded | undefined;

function load(command: string): Loaded {
  if (loaded) return loaded;
  // Read as bytes: hashed as they are (hashing the string would encode it to UTF-8 again), then
  // decoded (Latin-1 when all ASCII, the cheapest; the digest is the same either way).
  const bytes = readFileSync(BUNDLE);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cache = cacheFile(bytes, command);
  let cachedData: Buffer | undefined;
  if (cache) cachedData = intact(readOwnFile(cache.file));
  // The CommonJS wrapper on the first line, so that line numbers in stack traces are the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as Cli };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, DIR);
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  loaded = { cli: module.exports, ...(cache && stale ? { save: () => save(cache, script) } : {}) };
  return loaded;
}

interface CacheFile {
  dir: string;
  /** How many of the last components of `dir` may be made (never the home directory itself). */
  levels: number;
  file: string;
  prefix: string;
}

function cacheFile(source: Buffer, command: string): CacheFile | undefined {
  try {
    const setting = process.env.VISIT_CODE_CACHE;
    if (setting === '0') return undefined;
    const base = process.platform === 'win32' ? process.env.LOCALAPPDATA : process.env.XDG_CACHE_HOME;
    const [dir, levels] =
      setting !== undefined && isAbsolute(setting)
        ? [setting, 1]
        : base
          ? [join(base, 'visit', 'code-cache'), 2]
          : [join(homedir(), '.cache', 'visit', 'code-cache'), 3];
    const prefix = createHash('sha256').update(source).digest('hex').slice(0, 32);
    const name = `${prefix}-${process.version}-${process.arch}-${COMMANDS.has(command) ? command : 'other'}.bin`;
    return { dir, levels, file: join(dir, name), prefix };
  } catch {
    return undefined;
  }
}

/** On POSIX: only a file or directory of this user that no one else may write. */
function ours(path: string, kind: 'file' | 'dir'): boolean {
  const s = lstatSync(path);
  if (kind === 'file' ? !s.isFile() : !s.isDirectory()) return false;
  if (typeof process.getuid !== 'function') return true;
  return s.uid === process.getuid() && (s.mode & 0o022) === 0;
}

function readOwnFile(file: string): Buffer | undefined {
  try {
    return ours(dirname(file), 'dir') && ours(file, 'file') ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** The data of a cache file whose digest matches; undefined for anything else. */
function intact(file: Buffer | undefined): Buffer | undefined {
  if (file === undefined || file.length <= MAGIC.length + DIGEST_BYTES) return undefined;
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(MAGIC.length + DIGEST_BYTES);
  const digest = createHash('sha256').update(data).digest();
  return digest.equals(file.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES)) ? data : undefined;
}

/**
 * Makes `dir` and, where missing, up to `levels - 1` of its parents, one at a time: not
 * `mkdirSync(…, { recursive: true })`, which never returns for a path under /proc (Node 20).
 */
function makeDir(dir: string, levels: number): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || levels <= 1) throw e;
    makeDir(dirname(dir), levels - 1);
    mkdirSync(dir, { mode: 0o700 });
  }
}

function save(cache: CacheFile, script: Script): void {
  try {
    makeDir(cache.dir, cache.levels);
    if (!ours(cache.dir, 'dir')) return;
    const temporary = `${cache.file}.${process.pid}.tmp`;
    const data = script.createCachedData();
    writeFileSync(temporary, Buffer.concat([MAGIC, createHash('sha256').update(data).digest(), data]), { mode: 0o600 });
    renameSync(temporary, cache.file);
    const before = Date.now() - DAY_MS;
    for (const name of readdirSync(cache.dir)) {
      if (name.startsWith(cache.prefix)) continue;
      const path = join(cache.dir, name);
      if (statSync(path).mtimeMs < before) rmSync(path, { force: true });
    }
  } catch {
    // An optimisation only: the next run compiles again.
  }
}

/** `main(argv, io)` of main.ts (for tests that run the command line in their own process). */
export function main(argv: readonly string[], io: Io): Promise<number> {
  return load(argv[0] ?? '').cli.main(argv, io);
}

/** Runs the command line with the real stdio; returns the exit code, after saving the compiled code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const { cli, save } = load(argv[0] ?? '');
  const code = await cli.runCli(argv, WORKER_URL);
  save?.();
  return code;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exit(await runCli(process.argv.slice(2)));
}
