// The start-up code cache of the `visit` bin (packages/cli/src/bin.ts): V8's compiled code of the
// command line bundle, kept in $XDG_CACHE_HOME/visit/code-cache (VISIT_CODE_CACHE=0: off;
// VISIT_CODE_CACHE=/abs/dir: there). It is an optimisation only: whatever state the cache is in
// (missing, warm, off, unwritable, not the user's own, corrupt), a command prints exactly the same
// and exits the same. The directory is the user's alone (0700), a cache file too (0600). Real
// processes of the built bin, each test with its own temporary XDG_CACHE_HOME (and HOME).
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, TRE, TRE_CSV, visit, type Run } from './cli-support';

const tmp = tempDir('code-cache');
const SCREEN = ['screen', TRE, TRE_CSV, '--as-of', '2026-11-23'];
const CHECK = ['check', TRE];
const TIMEOUT = { timeoutMs: 30_000 };

let counter = 0;
/** A fresh, empty home and cache home for one test. */
function freshHome(): { home: string; cache: string; env: Record<string, string> } {
  const root = join(tmp.dir, `h${counter++}`);
  const home = join(root, 'home');
  const cache = join(root, 'cache');
  mkdirSync(home, { recursive: true });
  mkdirSync(cache, { recursive: true });
  return { home, cache, env: { HOME: home, XDG_CACHE_HOME: cache } };
}

const codeCacheDir = (cache: string) => join(cache, 'visit', 'code-cache');
const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.bin')) : []);
const mode = (path: string) => statSync(path).mode & 0o777;

/** What a command prints and how it ends, compared between cache states. */
const outcome = (r: Run) => ({ code: r.code, signal: r.signal, stdout: r.stdout });

/** The output of each command with the cache off: what every other state must print too. */
const expected: Record<string, ReturnType<typeof outcome>> = {};

beforeAll(async () => {
  buildCli();
  for (const [name, args] of [
    ['screen', SCREEN],
    ['check', CHECK],
  ] as const) {
    const { env } = freshHome();
    const r = await visit(args, { env: { ...env, VISIT_CODE_CACHE: '0' }, ...TIMEOUT });
    expect(r.code, r.stderr).not.toBeNull();
    expected[name] = outcome(r);
  }
  // The screen output is real: every row of the example, one NDJSON line each (exit 1: the example
  // holds invalid rows on purpose).
  expect(expected.screen!.code).toBe(1);
  expect(expected.check!.code).toBe(0);
  expect(expected.screen!.stdout.split('\n').filter((l) => l !== '').length).toBeGreaterThan(10);
}, 120_000);
afterAll(() => tmp.remove());

describe('the code cache never changes what a command prints', () => {
  it('off (VISIT_CODE_CACHE=0): nothing is made under the cache home', async () => {
    const { cache, home, env } = freshHome();
    const r = await visit(SCREEN, { env: { ...env, VISIT_CODE_CACHE: '0' }, ...TIMEOUT });
    expect(outcome(r)).toEqual(expected.screen);
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(home)).toEqual([]);
  });

  it('cold, then warm: the first run writes one file (0600) in a directory of 0700; the second reads it and leaves it as it is', async () => {
    const { cache, env } = freshHome();
    const cold = await visit(SCREEN, { env, ...TIMEOUT });
    expect(outcome(cold)).toEqual(expected.screen);
    const dir = codeCacheDir(cache);
    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^[0-9a-f]{32}-${process.version.replace(/\./g, '\\.')}-${process.arch}-screen\\.bin$`));
    const file = join(dir, files[0]!);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(cache, 'visit'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(statSync(file).size).toBeGreaterThan(1000);
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(files);

    const before = { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs };
    const warm = await visit(SCREEN, { env, ...TIMEOUT });
    expect(outcome(warm)).toEqual(expected.screen);
    // Accepted by V8, so not written again.
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(cacheFiles(dir)).toEqual(files);
  });

  it('each command has its own file; a command that does not screen prints the same warm as cold', async () => {
    const { cache, env } = freshHome();
    for (let i = 0; i < 2; i++) expect(outcome(await visit(CHECK, { env, ...TIMEOUT }))).toEqual(expected.check);
    expect(outcome(await visit(SCREEN, { env, ...TIMEOUT }))).toEqual(expected.screen);
    const names = cacheFiles(codeCacheDir(cache)).map((n) => n.replace(/^.*-/, ''));
    expect(names.sort()).toEqual(['check.bin', 'screen.bin']);
  });

  it('VISIT_CODE_CACHE=/abs/dir puts the cache there (made 0700), and nothing under the cache home', async () => {
    const { cache, env } = freshHome();
    const elsewhere = join(tmp.dir, `elsewhere${counter++}`);
    const r = await visit(SCREEN, { env: { ...env, VISIT_CODE_CACHE: elsewhere }, ...TIMEOUT });
    expect(outcome(r)).toEqual(expected.screen);
    expect(cacheFiles(elsewhere)).toHaveLength(1);
    expect(mode(elsewhere)).toBe(0o700);
    expect(readdirSync(cache)).toEqual([]);
  });
});

describe('a cache that cannot be used is left alone, and the command runs as without one', () => {
  it('the cache home is a file, not a directory: nothing is written, same output', async () => {
    const { cache, env } = freshHome();
    const notADir = join(cache, 'plain-file');
    writeFileSync(notADir, 'not a directory\n');
    const r = await visit(SCREEN, { env: { ...env, XDG_CACHE_HOME: notADir }, ...TIMEOUT });
    expect(outcome(r)).toEqual(expected.screen);
    expect(readFileSync(notADir, 'utf8')).toBe('not a directory\n');
    expect(r.stderr).not.toMatch(/cache/i);
  });

  it('a directory under /proc (mkdir there never returns on Node 20 when recursive): same output, no hang', async () => {
    const { env } = freshHome();
    const r = await visit(SCREEN, { env: { ...env, VISIT_CODE_CACHE: '/proc/visit-code-cache-test' }, ...TIMEOUT });
    expect(outcome(r)).toEqual(expected.screen);
  });

  it('a cache directory others may write (0777) is not the user\'s own: no file is read or written there', async () => {
    const { cache, env } = freshHome();
    const dir = codeCacheDir(cache);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    const r = await visit(SCREEN, { env, ...TIMEOUT });
    expect(outcome(r)).toEqual(expected.screen);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a cache file others may write (0666) is not read; it is replaced by one of 0600', async () => {
    const { cache, env } = freshHome();
    expect(outcome(await visit(SCREEN, { env, ...TIMEOUT }))).toEqual(expected.screen);
    const dir = codeCacheDir(cache);
    const file = join(dir, cacheFiles(dir)[0]!);
    chmodSync(file, 0o666);
    const r = await visit(SCREEN, { env, ...TIMEOUT });
    expect(outcome(r)).toEqual(expected.screen);
    expect(mode(file)).toBe(0o600);
  });

  it('a cache file of the right name that is a directory is ignored', async () => {
    const { cache, env } = freshHome();
    expect(outcome(await visit(SCREEN, { env, ...TIMEOUT }))).toEqual(expected.screen);
    const dir = codeCacheDir(cache);
    const name = cacheFiles(dir)[0]!;
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, name));
    mkdirSync(join(dir, name));
    const r = await visit(SCREEN, { env, ...TIMEOUT });
    expect(outcome(r)).toEqual(expected.screen);
  });

  it('a cache file with one byte flipped in the middle of the compiled code: same output (it once ended node with a V8 fatal error, SIGTRAP), and it is written anew', async () => {
    const { cache, env } = freshHome();
    expect(outcome(await visit(CHECK, { env, ...TIMEOUT }))).toEqual(expected.check);
    const dir = codeCacheDir(cache);
    const file = join(dir, cacheFiles(dir)[0]!);
    const good = readFileSync(file);
    for (const at of [Math.floor(good.length / 20), Math.floor(good.length / 2), good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x55;
      writeFileSync(file, bad);
      expect(outcome(await visit(CHECK, { env, ...TIMEOUT }))).toEqual(expected.check);
      expect(readFileSync(file).equals(bad)).toBe(false);
      expect(mode(file)).toBe(0o600);
    }
  }, 60_000);

  it('a corrupt cache file (any bytes: garbage, truncated, empty, a byte flipped) is ignored, and written anew', async () => {
    const { cache, env } = freshHome();
    expect(outcome(await visit(SCREEN, { env, ...TIMEOUT }))).toEqual(expected.screen);
    const dir = codeCacheDir(cache);
    const file = join(dir, cacheFiles(dir)[0]!);
    const good = readFileSync(file);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 0, maxLength: 4096 }),
          // A good file cut short, or with bytes flipped inside.
          fc.integer({ min: 0, max: good.length - 1 }).map((n) => good.subarray(0, n)),
          fc.tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
            const b = Buffer.from(good);
            b[at] = b[at]! ^ x;
            return b;
          }),
        ),
        async (bytes) => {
          writeFileSync(file, bytes, { mode: 0o600 });
          chmodSync(file, 0o600);
          const r = await visit(SCREEN, { env, ...TIMEOUT });
          expect(outcome(r)).toEqual(expected.screen);
          // Still a file of 0600 afterwards, and never a leftover temporary beside it.
          expect(mode(file)).toBe(0o600);
          expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});
