// `visit screen --out FILE` writes regular files only and never replaces an input of the same run:
// the records or the rules, however the same file is named (its own name, `./name`, a hard link,
// a symlink, stdin redirected from it). Refused with exit 2 and a clear message; nothing written,
// the input untouched. The temporary file and a new output are 0600 (they hold CPR numbers); a
// replaced file keeps its mode.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, openSync, closeSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, tempDir, visit, TRE, TRE_CSV, type Run } from './cli-support';

const tmp = tempDir('out-safety');
const AS_OF = ['--as-of', '2026-11-23'];
const isRoot = process.getuid?.() === 0;

let records = '';
let original = '';
let rules = '';
beforeAll(() => {
  buildCli();
  original = readFileSync(TRE_CSV, 'utf8');
  records = tmp.write('borgere.csv', original);
  rules = tmp.write('regler.visit', readFileSync(TRE, 'utf8'));
  linkSync(records, join(tmp.dir, 'hard-link.csv'));
  symlinkSync(records, join(tmp.dir, 'sym-link.csv'));
  symlinkSync(join(tmp.dir, 'sym-link.csv'), join(tmp.dir, 'link-to-link.csv'));
  linkSync(rules, join(tmp.dir, 'regler-link.visit'));
  spawnSync('mkfifo', [join(tmp.dir, 'fifo')]);
  // A character device of our own (as root: a copy of /dev/null's node), so that a regression
  // could only ever replace this one. Without root, the real /dev/null, which then cannot be replaced.
  if (isRoot) spawnSync('mknod', [join(tmp.dir, 'null-device'), 'c', '1', '3']);
});
afterAll(() => tmp.remove());

const charDevice = () => (isRoot ? join(tmp.dir, 'null-device') : '/dev/null');

/** The directory as names with sizes and inode numbers: "nothing written" means this is unchanged. */
function snapshot(): string[] {
  return readdirSync(tmp.dir)
    .sort()
    .map((f) => {
      const s = lstatSync(join(tmp.dir, f));
      return `${f} ${s.ino} ${s.isFile() ? s.size : s.mode}`;
    });
}

function expectRefused(run: Run, message: RegExp, before: string[]): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(snapshot()).toEqual(before);
  expect(readFileSync(records, 'utf8')).toBe(original);
  expect(statSync(records).isFile()).toBe(true);
}

describe('--out naming an input of the run: refused, nothing written', () => {
  it.each([
    { name: 'the records, same name', out: () => records },
    { name: 'the records as ./name, relative to the working directory', out: () => `./${relative(tmp.dir, records)}`, cwd: true },
    { name: 'the records by a path through ..', out: () => `${tmp.dir}/../${basename(tmp.dir)}/borgere.csv` },
    { name: 'a hard link to the records', out: () => join(tmp.dir, 'hard-link.csv') },
    { name: 'a symlink to the records', out: () => join(tmp.dir, 'sym-link.csv') },
    { name: 'a symlink to a symlink to the records', out: () => join(tmp.dir, 'link-to-link.csv') },
  ])('$name', async ({ out, cwd }) => {
    const before = snapshot();
    const run = await visit(['screen', TRE, cwd ? 'borgere.csv' : records, ...AS_OF, '--out', out()], cwd ? { cwd: tmp.dir } : {});
    expectRefused(run, /visit: cannot write .*: it is the same file as the records .*borgere\.csv: --out would replace it/, before);
  });

  it.each([
    { name: 'the rules file', out: () => rules },
    { name: 'a hard link to the rules file', out: () => join(tmp.dir, 'regler-link.visit') },
  ])('$name', async ({ out }) => {
    const rulesBefore = readFileSync(rules, 'utf8');
    const before = snapshot();
    const run = await visit(['screen', rules, TRE_CSV, ...AS_OF, '--out', out()]);
    expectRefused(run, /it is the same file as the rules .*regler\.visit: --out would replace it/, before);
    expect(readFileSync(rules, 'utf8')).toBe(rulesBefore);
  });

  it('the records on stdin, redirected from the file (< borgere.csv)', async () => {
    const before = snapshot();
    const fd = openSync(records, 'r');
    const run = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'screen', TRE, '-', ...AS_OF, '--out', join(tmp.dir, 'sym-link.csv')], {
        stdio: [fd, 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (b: Buffer) => (stdout += b));
      child.stderr!.on('data', (b: Buffer) => (stderr += b));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    closeSync(fd);
    expectRefused(run, /it is the same file as the records on stdin: --out would replace it/, before);
  });

  it('a different file in the same directory is written as usual', async () => {
    const out = join(tmp.dir, 'resultat.ndjson');
    const run = await visit(['screen', TRE, records, ...AS_OF, '--out', out]);
    expect(run.code).toBe(1); // the example has invalid rows
    expect(readFileSync(out, 'utf8').split('\n').length).toBe(201);
    expect(readFileSync(records, 'utf8')).toBe(original);
  });
});

describe('--out naming something that is not a regular file: refused, left as it is', () => {
  it.each([
    { name: 'a character device', out: charDevice, kind: /it is a character device, not a regular file/ },
    { name: 'a named pipe (FIFO)', out: () => join(tmp.dir, 'fifo'), kind: /it is a named pipe \(FIFO\), not a regular file/ },
    { name: 'a directory', out: () => tmp.dir, kind: /it is a directory, not a regular file/ },
    // Node gives a child a socket pair for a piped stdout; a shell's `|` gives a FIFO.
    { name: '/dev/stdout when stdout is a pipe', out: () => '/dev/stdout', kind: /it is a (named pipe \(FIFO\)|socket), not a regular file/ },
  ])('$name', async ({ out, kind }) => {
    const target = out();
    const mode = statSync(target).mode;
    const before = snapshot();
    const run = await visit(['screen', TRE, records, ...AS_OF, '--out', target]);
    expect(run.stderr).toMatch(kind);
    expect(run.stderr).toContain('--out writes regular files only');
    expectRefused(run, /visit: cannot write /, before);
    expect(statSync(target).mode).toBe(mode); // still the device, FIFO or directory it was
  });
});

describe('permissions: the output holds CPR numbers', () => {
  it('a new output file is 0600, whatever the umask allows', async () => {
    const out = join(tmp.dir, 'ny.csv');
    await visit(['screen', TRE, records, ...AS_OF, '--format', 'csv', '--out', out]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it.each(['640', '644', '600', '660'])('a replaced file keeps its mode %s', async (octal) => {
    const mode = parseInt(octal, 8);
    const out = tmp.write(`gammel-${mode.toString(8)}.csv`, 'old\n');
    chmodSync(out, mode);
    await visit(['screen', TRE, records, ...AS_OF, '--format', 'csv', '--out', out]);
    expect(readFileSync(out, 'utf8')).toMatch(/^row,id,status/);
    expect(statSync(out).mode & 0o777).toBe(mode);
  });

  it('the temporary file is 0600 while it is being written', async () => {
    const out = join(tmp.dir, 'undervejs.ndjson');
    const child = spawn(process.execPath, [BIN, 'screen', TRE, '-', ...AS_OF, '--out', out], { stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The header and some rows, then stdin stays open: the run waits with its temporary file open.
    child.stdin.write(original);
    let temporary: string | undefined;
    for (let i = 0; i < 500 && temporary === undefined; i++) {
      temporary = readdirSync(tmp.dir).find((f) => f.startsWith('.undervejs.ndjson.') && f.endsWith('.tmp'));
      if (temporary === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    expect(temporary).toBeDefined();
    expect(statSync(join(tmp.dir, temporary!)).mode & 0o777).toBe(0o600);
    child.stdin.end();
    expect(await exited).toBe(1);
    expect(existsSync(join(tmp.dir, temporary!))).toBe(false);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe('property: however the records file is reached, --out on it is refused', () => {
  it('random chains of ./, a/../, hard links and symlinks to the records', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('dot', 'updown', 'hard', 'sym'), { minLength: 1, maxLength: 4 }),
        async (steps) => {
          // Build the path step by step from the records file.
          let path = records;
          for (const step of steps) {
            const next = join(tmp.dir, `p${++n}.csv`);
            if (step === 'hard') linkSync(path, next);
            else if (step === 'sym') symlinkSync(path, next);
            else {
              path = step === 'dot' ? `${tmp.dir}/./${relative(tmp.dir, path)}` : `${tmp.dir}/../${relative(join(tmp.dir, '..'), path)}`;
              continue;
            }
            path = next;
          }
          const before = snapshot();
          const run = await visit(['screen', TRE, records, ...AS_OF, '--out', path]);
          expectRefused(run, /it is the same file as the records/, before);
        },
      ),
      { numRuns: 8 },
    );
  });
});
