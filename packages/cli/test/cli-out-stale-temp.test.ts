// A `visit screen --out` killed with SIGKILL leaves its temporary file (full of CPR numbers)
// behind; the next run in that directory removes it. Only files that are certainly such leftovers
// go: named `.NAME.visit-TAG-PID-RANDOM.tmp` with this machine's TAG, a regular file of this user,
// whose writer's pid no longer exists. Everything else stays, however much it looks like one.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryPathFor } from '@visit/batch/node';
import { SEGMENT_BYTES } from '@visit/batch/node';
import { BIN, buildCli, tempDir, visit, TRE, TRE_CSV } from './cli-support';

const tmp = tempDir('stale-temp');
const AS_OF = ['--as-of', '2026-11-23'];
const isRoot = process.getuid?.() === 0;

/** This machine's tag, as the CLI (a child of this process, on this host) writes it. */
const TAG = /\.visit-([0-9a-f]{8})-/.exec(temporaryPathFor('/x/y'))![1]!;
const OTHER_TAG = TAG === '00000000' ? '11111111' : '00000000';

/** A pid that certainly existed and has ended: that of a child that has exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid!;
  expect(() => process.kill(pid, 0)).toThrow(); // ESRCH
  return pid;
}

let csv = '';
beforeAll(() => {
  buildCli();
  // 120,000 rows (9.6 MB, more than two of the 4 MiB segments that stdin is screened in): enough
  // that the temporary file holds data while stdin is still open. (With less than one segment,
  // nothing is screened before stdin ends, and the kill finds an empty file.)
  const [header, ...rows] = readFileSync(TRE_CSV, 'utf8').split('\r\n').filter((l) => l !== '');
  csv = [header, ...Array.from({ length: 600 }, () => rows).flat()].join('\r\n') + '\r\n';
  expect(Buffer.byteLength(csv)).toBeGreaterThan(2 * SEGMENT_BYTES);
});
afterAll(() => tmp.remove());

function freshDir(name: string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  return dir;
}

const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** Starts `visit screen … - --out target`, feeds all rows but keeps stdin open, and SIGKILLs it once its temporary file holds data. */
async function killWhileWriting(dir: string, target: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'screen', TRE, '-', ...AS_OF, '--out', target], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.stdin.on('error', () => undefined);
  child.stdin.write(csv);
  let temporary: string | undefined;
  for (let i = 0; i < 3000; i++) {
    temporary = temporaries(dir)[0];
    if (temporary !== undefined && statSync(join(dir, temporary)).size > 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  // The precondition of the removal: the writer's pid is gone (reaped), so the next run may take it.
  expect(() => process.kill(child.pid!, 0), `pid ${child.pid} still answers after its exit`).toThrow();
  expect(temporary).toMatch(new RegExp(`^\\.out\\.ndjson\\.visit-${TAG}-${child.pid}-[0-9a-f]{12}\\.tmp$`));
  return temporary!;
}

describe('after a SIGKILL, the next run in the directory removes the leftover', () => {
  it.each([
    { name: 'into the same target', next: 'out.ndjson' },
    { name: 'into another target in the same directory', next: 'other.ndjson' },
  ])('$name', async ({ next }) => {
    const dir = freshDir(`kill-${next}`);
    const leftover = await killWhileWriting(dir, join(dir, 'out.ndjson'));
    // The leftover is real: the killed run's rows, CPR numbers and all, and only its owner may read it.
    expect(readFileSync(join(dir, leftover), 'utf8')).toMatch(/^\{"row":1,"id":"\d{10}"/);
    expect(statSync(join(dir, leftover)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'out.ndjson'))).toBe(false);

    const run = await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--out', join(dir, next)]);
    expect(run.code).toBe(1);
    const found = `directory ${JSON.stringify(readdirSync(dir))}; stderr:\n${run.stderr}`;
    expect(run.stderr, found).toContain(`visit: removed ${leftover}, the temporary file of an earlier run that was killed\n`);
    expect(readdirSync(dir)).toEqual([next]);
    expect(readFileSync(join(dir, next), 'utf8').split('\n')).toHaveLength(201);
  });
});

describe('what looks like a leftover but is not certainly one is kept', () => {
  const random = () => 'a1b2c3d4e5f6';
  const cases: { name: string; make: (dir: string) => string }[] = [
    { name: 'the writer is alive (this test process)', make: () => `.x.csv.visit-${TAG}-${process.pid}-${random()}.tmp` },
    { name: 'the writer is alive (pid 1)', make: () => `.x.csv.visit-${TAG}-1-${random()}.tmp` },
    { name: 'another machine or container (another tag)', make: () => `.x.csv.visit-${OTHER_TAG}-${deadPid()}-${random()}.tmp` },
    { name: 'an older naming without a tag', make: () => `.x.csv.${deadPid()}.${random()}.tmp` },
    { name: 'not hidden', make: () => `x.csv.visit-${TAG}-${deadPid()}-${random()}.tmp` },
    { name: 'another ending', make: () => `.x.csv.visit-${TAG}-${deadPid()}-${random()}.tmp.keep` },
    {
      name: 'a symlink named like a leftover (and what it points to)',
      make: (dir) => {
        const name = `.x.csv.visit-${TAG}-${deadPid()}-${random()}.tmp`;
        writeFileSync(join(dir, 'precious.txt'), 'keep me\n');
        symlinkSync(join(dir, 'precious.txt'), join(dir, name));
        return name;
      },
    },
    {
      name: 'a directory named like a leftover',
      make: (dir) => {
        const name = `.x.csv.visit-${TAG}-${deadPid()}-${random()}.tmp`;
        mkdirSync(join(dir, name));
        return name;
      },
    },
    // Only root can give a file to another user; elsewhere this row is not built.
    ...(isRoot
      ? [
          {
            name: "another user's file",
            make: (dir: string) => {
              const name = `.x.csv.visit-${TAG}-${deadPid()}-${random()}.tmp`;
              writeFileSync(join(dir, name), 'theirs\n');
              chownSync(join(dir, name), 65534, 65534);
              return name;
            },
          },
        ]
      : []),
  ];

  it.each(cases)('$name', async ({ make }) => {
    const dir = freshDir(`keep-${cases.findIndex((c) => c.make === make)}`);
    const name = make(dir);
    if (!existsSync(join(dir, name))) writeFileSync(join(dir, name), 'not ours to remove\n');
    const before = readdirSync(dir).sort();
    const run = await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--out', join(dir, 'out.ndjson')]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('visit: removed');
    expect(readdirSync(dir).sort()).toEqual([...before, 'out.ndjson'].sort());
    if (existsSync(join(dir, 'precious.txt'))) expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me\n');
  });

  it('a leftover in another directory is not touched (only the target directory is cleaned)', async () => {
    const dir = freshDir('elsewhere');
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const name = `.x.csv.visit-${TAG}-${deadPid()}-${random()}.tmp`;
    writeFileSync(join(sub, name), 'stale, but not here\n');
    await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--out', join(dir, 'out.ndjson')]);
    expect(readdirSync(sub)).toEqual([name]);
  });
});

describe('property: exactly the certain leftovers are removed', () => {
  it('random mixes of names, tags, pids and file kinds', async () => {
    const dead = deadPid();
    const entry = fc.record({
      hidden: fc.boolean(),
      base: fc.constantFrom('x.csv', 'borgere.ndjson', 'a.b.c', 'æøå.csv', '.visit-'),
      tag: fc.constantFrom(TAG, OTHER_TAG, 'zz'),
      pid: fc.constantFrom(dead, process.pid, 1, 0),
      random: fc.constantFrom('0123456789ab', 'abc'),
      ending: fc.constantFrom('.tmp', '.tmpx', ''),
      kind: fc.constantFrom('file', 'dir', 'symlink'),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(entry, { minLength: 1, maxLength: 8, selector: (e) => JSON.stringify(e) }), async (entries) => {
        const dir = freshDir(`property-${++run}`);
        const expectedKept: string[] = ['out.ndjson', 'target.txt'];
        writeFileSync(join(dir, 'target.txt'), 'a symlink points here\n');
        const names = new Set<string>();
        for (const e of entries) {
          const name = `${e.hidden ? '.' : ''}${e.base}.visit-${e.tag}-${e.pid}-${e.random}${e.ending}`;
          if (names.has(name)) continue;
          names.add(name);
          const path = join(dir, name);
          if (e.kind === 'dir') mkdirSync(path);
          else if (e.kind === 'symlink') symlinkSync(join(dir, 'target.txt'), path);
          else writeFileSync(path, '{"row":1}\n');
          // The contract: a hidden `.NAME.visit-TAG-PID-RANDOM.tmp` regular file of ours, our tag, a pid that is gone.
          const certain =
            e.hidden && e.tag === TAG && e.pid === dead && e.random.length === 12 && e.ending === '.tmp' && e.kind === 'file';
          if (!certain) expectedKept.push(name);
        }
        const result = await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--out', join(dir, 'out.ndjson')]);
        expect(result.code).toBe(1);
        expect(readdirSync(dir).sort()).toEqual(expectedKept.sort());
        expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('a symlink points here\n');
      }),
      { numRuns: 6 },
    );
  });
});
