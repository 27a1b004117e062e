// `visit check FILE…`: diagnostics on stdout with a caret under the place, the count on stderr,
// exit 0 clean / 1 errors / 2 unreadable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit, TRE, ROLLE } from './cli-support';

const tmp = tempDir('check');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = `record R {
  cpr: text key personal
  age: integer
  benefit: one of (dagpenge, kontanthjaelp)
}
`;

describe('visit check', () => {
  it.each([
    {
      name: 'a clean file',
      source: `${RECORD}group g = age >= 30 and benefit = dagpenge\n`,
      stdout: [],
      stderr: ['0 errors, 0 warnings in 1 file'],
      code: 0,
    },
    {
      name: 'an unknown enum value, with a suggestion and a caret under it',
      source: `${RECORD}group g = benefit = dagpeng\n`,
      stdout: [
        "FILE:6:21: error: 'dagpeng' is not a value of benefit: expected one of dagpenge, kontanthjaelp — did you mean 'dagpenge'?",
        '  6 | group g = benefit = dagpeng',
        '    |                     ^~~~~~~',
      ],
      stderr: ['1 error, 0 warnings in 1 file'],
      code: 1,
    },
    {
      name: 'two errors on one line, in source order',
      source: `${RECORD}group g = agee < 30 and benefit = dagpeng\n`,
      stdout: [
        "FILE:6:11: error: unknown name 'agee': expected a field, let, param or group — did you mean 'age'?",
        '  6 | group g = agee < 30 and benefit = dagpeng',
        '    |           ^~~~',
        "FILE:6:35: error: 'dagpeng' is not a value of benefit: expected one of dagpenge, kontanthjaelp — did you mean 'dagpenge'?",
        '  6 | group g = agee < 30 and benefit = dagpeng',
        '    |                                   ^~~~~~~',
      ],
      stderr: ['2 errors, 0 warnings in 1 file'],
      code: 1,
    },
    {
      name: 'a tab before the error keeps the caret under it',
      source: `${RECORD}group g =\n\tagee < 30\n`,
      stdout: [
        "FILE:7:2: error: unknown name 'agee': expected a field, let, param or group — did you mean 'age'?",
        '  7 | \tagee < 30',
        '    | \t^~~~',
      ],
      stderr: ['1 error, 0 warnings in 1 file'],
      code: 1,
    },
  ])('$name', async ({ source, stdout, stderr, code }) => {
    const file = tmp.write(`case-${Math.random().toString(36).slice(2)}.visit`, source);
    const run = await visit(['check', file]);
    expect(run.stdout.split('\n').filter((l) => l !== '')).toEqual(stdout.map((l) => l.replace('FILE', file)));
    expect(run.stderr.split('\n').filter((l) => l !== '')).toEqual(stderr);
    expect(run.code).toBe(code);
  });

  it('warnings alone exit 0 and are counted', async () => {
    const file = tmp.write('warning.visit', `${RECORD}param unused = 3\ngroup g = age >= 30\n`);
    const run = await visit(['check', file]);
    expect(run.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: warning: `));
    expect(run.stderr.trim()).toBe('0 errors, 1 warning in 1 file');
    expect(run.code).toBe(0);
  });

  it('the examples are clean', async () => {
    const run = await visit(['check', TRE, ROLLE]);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe('0 errors, 0 warnings in 2 files');
    expect(run.code).toBe(0);
  });

  it('an unreadable file: says why, checks the others, exits 2', async () => {
    const bad = tmp.write('bad.visit', `${RECORD}group g = agee < 30\n`);
    const missing = `${tmp.dir}/no-such.visit`;
    const run = await visit(['check', missing, bad]);
    expect(run.stderr.split('\n')).toContain(`visit: cannot read ${missing}: no such file or directory`);
    expect(run.stdout).toContain(`${bad}:6:11: error: unknown name 'agee'`);
    expect(run.stderr).toContain('1 error, 0 warnings in 1 file');
    expect(run.code).toBe(2);
  });

  it('a directory is not a rule file', async () => {
    const run = await visit(['check', tmp.dir]);
    expect(run.stderr).toContain(`visit: cannot read ${tmp.dir}: it is a directory, expected a file`);
    expect(run.code).toBe(2);
  });

  it('no file at all is a usage error', async () => {
    const run = await visit(['check']);
    expect(run.stderr).toMatch(/^visit: /);
    expect(run.code).toBe(2);
  });
});
