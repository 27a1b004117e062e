// `visit compile FILE --as-of DATE`: the JSON Logic document of LANGUAGE.md §9, which a standard
// JSON Logic engine (json-logic-js, the reference) evaluates to the same outcomes as `visit screen`.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit, ROOT, TRE } from './cli-support';

// json-logic-js is the engine package's dependency; resolve it from there.
const jsonLogic = createRequire(join(ROOT, 'packages', 'engine', 'package.json'))('json-logic-js') as {
  apply(logic: unknown, data: unknown): unknown;
};

const tmp = tempDir('compile');
beforeAll(buildCli);
afterAll(() => tmp.remove());

interface Criterion {
  label: string | null;
  holds: unknown;
  fails: unknown;
}
interface Document {
  asOf: string;
  groups: Record<string, Criterion>;
  programs: Record<string, { label: string | null; lines: (Criterion & { kind: 'require' | 'exclude'; source: string })[] }>;
}

function value(c: Criterion, record: object): boolean | null {
  if (jsonLogic.apply(c.holds, record)) return true;
  if (jsonLogic.apply(c.fails, record)) return false;
  return null;
}

function outcome(lines: Document['programs'][string]['lines'], record: object): string {
  const values = lines.map((l) => ({ kind: l.kind, v: value(l, record) }));
  if (values.some((x) => (x.kind === 'require' ? x.v === false : x.v === true))) return 'ineligible';
  if (values.every((x) => (x.kind === 'require' ? x.v === true : x.v === false))) return 'eligible';
  return 'undetermined';
}

const RECORDS = [
  { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge', education: 'none', motivated: true, native_danish: true, cv_ready: false, hours_available: 37 },
  { cpr: '2311962345', birth_date: '1996-11-23', unemployed_since: '2026-01-15', education: 'bachelor', literacy: 4, benefit: 'dagpenge', motivated: true, native_danish: true, mobile: true, cv_ready: true, health: 'no_limits', hours_available: 37 },
  { cpr: '1003861234', birth_date: '1986-03-10', unemployed_since: '2026-07-01', education: 'vocational', literacy: 2, benefit: 'dagpenge', motivated: true, native_danish: false, mobile: false, cv_ready: true, hours_available: 8 },
  { cpr: '1506014567', birth_date: '2001-06-15', education: 'master', benefit: 'kontanthjaelp', motivated: false, native_danish: true, cv_ready: true, health: 'prevents_placement', hours_available: 20 },
];

describe('visit compile', () => {
  it('writes the §9 document, which json-logic-js evaluates like `visit screen`', async () => {
    const run = await visit(['compile', TRE, '--as-of', '2026-11-23']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Document;
    expect(doc.asOf).toBe('2026-11-23');
    expect(Object.keys(doc.groups)).toEqual(['unge', 'voksne', 'seniorer', 'målgruppe']);
    expect(Object.keys(doc.programs)).toEqual(['jobklub', 'vikar', 'virksomhedspraktik']);
    expect(doc.programs.jobklub!.lines[0]).toMatchObject({ kind: 'require', source: 'benefit = dagpenge', label: 'Projektet er for dagpengemodtagere' });

    const input = tmp.write('records.ndjson', RECORDS.map((r) => JSON.stringify(r)).join('\n'));
    const screened = ndjson((await visit(['screen', TRE, input, '--as-of', '2026-11-23'])).stdout);
    RECORDS.forEach((record, i) => {
      const groups = Object.fromEntries(Object.entries(doc.groups).map(([name, c]) => [name, value(c, record)]));
      const programs = Object.fromEntries(Object.entries(doc.programs).map(([name, p]) => [name, outcome(p.lines, record)]));
      expect({ groups, programs }).toEqual({ groups: screened[i]!.groups, programs: screened[i]!.programs });
    });
  });

  it('--param changes the thresholds', async () => {
    const plain = await visit(['compile', TRE, '--as-of', '2026-11-23']);
    const shorter = await visit(['compile', TRE, '--as-of', '2026-11-23', '--param', 'min_ledighed=4 months']);
    expect(shorter.code).toBe(0);
    expect(JSON.stringify(JSON.parse(shorter.stdout).groups.voksne)).not.toBe(JSON.stringify(JSON.parse(plain.stdout).groups.voksne));
    // Unemployed since 2026-07-01: four months on 2026-11-23, not six.
    const record = RECORDS[2]!;
    expect(value((JSON.parse(shorter.stdout) as Document).groups.voksne!, record)).toBe(true);
    expect(value((JSON.parse(plain.stdout) as Document).groups.voksne!, record)).toBe(false);
  });

  it('without --as-of, today, named on stderr', async () => {
    const run = await visit(['compile', TRE]);
    expect(run.code).toBe(0);
    const asOf = (JSON.parse(run.stdout) as Document).asOf;
    expect(run.stderr).toBe(`visit: reference date ${asOf} (today)\n`);
  });

  it.each([
    { name: 'rule errors', args: () => [tmp.write('bad.visit', 'record R { a: integer }\ngroup g = b > 1\n'), '--as-of', '2026-11-23'], message: "unknown name 'b'" },
    { name: 'a bad --as-of', args: () => [TRE, '--as-of', '23-11-2026'], message: '--as-of expects a date YYYY-MM-DD' },
    { name: 'an unknown param', args: () => [TRE, '--as-of', '2026-11-23', '--param', 'nope=1'], message: 'nope' },
  ])('$name: exit 2, nothing on stdout', async ({ args, message }) => {
    const run = await visit(['compile', ...args()]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
