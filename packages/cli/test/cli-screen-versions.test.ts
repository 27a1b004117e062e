// LANGUAGE.md §13 through `visit screen` and `visit test`: the --as-of date picks the versions,
// a programme not in force is left out of the output and named in the summary, a used name with
// no version in force exits 2 and writes nothing, and a test's `as of` picks versions too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

const rules = `record C {
  id: text key
  antal_uger: integer in weeks optional
}
param max_praktik = 8 weeks
param max_praktik = 4 weeks from 2017-01-01
group kort = antal_uger <= max_praktik
program hovedvej3 "Virksomhedspraktik" from 2015-11-01 until 2016-12-31 { require kort }
program jobklub { require antal_uger is known }

test "før lovændringen" {
  as of 2016-12-31
  given { id: "a", antal_uger: 6 }
  expect kort
  expect hovedvej3 eligible
}
test "efter lovændringen" {
  as of 2017-01-01
  given { id: "a", antal_uger: 6 }
  expect not kort
}
`;

const gap = `record C {
  id: text key
  antal_uger: integer optional
}
param n = 1 until 2015-12-31
param n = 2 from 2016-02-01
group g = antal_uger > n
`;

const records = 'id,antal_uger\na,6\nb,3\n';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  buildCli();
  tmp = tempDir('visit-versions-');
  tmp.write('rules.visit', rules);
  tmp.write('gap.visit', gap);
  tmp.write('c.csv', records);
});
afterAll(() => tmp.remove());

describe('visit screen --as-of picks the versions in force', () => {
  it.each([
    ['2016-12-31', { kort: true }, { hovedvej3: 'eligible', jobklub: 'eligible' }, undefined],
    ['2017-01-01', { kort: false }, { jobklub: 'eligible' }, 'not in force on 2017-01-01: hovedvej3, 2015-11-01 – 2016-12-31'],
    ['2017-03-01', { kort: false }, { jobklub: 'eligible' }, 'not in force on 2017-03-01: hovedvej3, 2015-11-01 – 2016-12-31'],
    ['2015-10-31', { kort: true }, { jobklub: 'eligible' }, 'not in force on 2015-10-31: hovedvej3, 2015-11-01 – 2016-12-31'],
  ])('%s', async (asOf, groups, programs, line) => {
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), join(tmp.dir, 'c.csv'), '--as-of', asOf]);
    expect(r.code).toBe(0);
    const [first] = ndjson(r.stdout);
    expect(first).toEqual({ row: 1, id: 'a', status: 'ok', groups, programs });
    if (line) expect(r.stderr).toContain(`  ${line}\n`);
    else expect(r.stderr).not.toContain('not in force');
    // The summary counts the programmes of the run, in its order.
    expect(r.stderr).toMatch(new RegExp(`\\n  jobklub +2 +0 +0\\n`));
  });

  it('CSV output has no column for a programme not in force', async () => {
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), join(tmp.dir, 'c.csv'), '--as-of', '2017-03-01', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split(/\r?\n/)[0]).toBe('row,id,status,kort,jobklub,errors');
  });

  it('--param overrides the version in force', async () => {
    const r = await visit(['screen', join(tmp.dir, 'rules.visit'), join(tmp.dir, 'c.csv'), '--as-of', '2017-03-01', '--param', 'max_praktik=6 weeks']);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((x) => (x.groups as Record<string, unknown>).kort)).toEqual([true, true]);
  });
});

describe('a used name not in force on the reference date', () => {
  it('exits 2, writes nothing, and names it', async () => {
    const out = join(tmp.dir, 'out.ndjson');
    const r = await visit(['screen', join(tmp.dir, 'gap.visit'), join(tmp.dir, 'c.csv'), '--as-of', '2016-01-15', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toContain("visit: not in force on 2016-01-15: param 'n' (in force until 2015-12-31, from 2016-02-01); nothing was run");
  });

  it('warns at check time, naming the days', async () => {
    const r = await visit(['check', join(tmp.dir, 'gap.visit')]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain("param 'n' is used but no version of it is in force 2016-01-01 – 2016-01-31");
  });

  it.each(['2015-12-31', '2016-02-01'])('runs on %s', async (asOf) => {
    const r = await visit(['screen', join(tmp.dir, 'gap.visit'), join(tmp.dir, 'c.csv'), '--as-of', asOf]);
    expect(r.code).toBe(0);
  });
});

describe('visit test: a test\'s as of picks the versions', () => {
  it('passes on both sides of the change', async () => {
    const r = await visit(['test', join(tmp.dir, 'rules.visit')]);
    expect(r.stdout).toContain('2 passed, 0 failed');
    expect(r.code).toBe(0);
  });
});

describe('visit compile --as-of picks the versions in force', () => {
  it.each([
    ['2016-12-31', ['hovedvej3', 'jobklub'], 8],
    ['2017-01-01', ['jobklub'], 4],
  ])('%s', async (asOf, programs, weeks) => {
    const r = await visit(['compile', join(tmp.dir, 'rules.visit'), '--as-of', asOf]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { programs: Record<string, unknown>; groups: { kort: { holds: unknown } } };
    expect(Object.keys(doc.programs)).toEqual(programs);
    expect(JSON.stringify(doc.groups.kort.holds)).toContain(`{"<=":[{"var":"antal_uger"},${weeks}]}`);
  });

  it('exits 2 when a used name is not in force', async () => {
    const r = await visit(['compile', join(tmp.dir, 'gap.visit'), '--as-of', '2016-01-15']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("not in force on 2016-01-15: param 'n'");
  });
});
