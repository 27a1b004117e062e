// `visit compile --layout inline|referenced` (issue 9). The default, self-contained layout of
// LANGUAGE.md §9 writes every group out wherever it is used; a file whose groups use earlier groups
// would double per level, so such a file is refused in bounded time and memory with a diagnostic
// that names the group and the size, and points to `--layout referenced`. That layout computes each
// let and group once, in the document's `order`, stores it under its `var` name, and is run by
// json-logic-js with the small host loop of jsonlogic-host.ts (the one the README documents), giving exactly
// `visit screen`'s outcomes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit, TRE } from './cli-support';
import { fromJsonLogic as evaluate, type Document } from './jsonlogic-host';
import { CHAINED_RECORDS, chainedRules, LINKS } from '../../engine/test/support/chained';

const tmp = tempDir('compile-layout');
beforeAll(buildCli);
afterAll(() => tmp.remove());

/** Bounded memory: an exponential tree would die here instead of taking gigabytes. */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=384' };

async function timed(args: string[], env: Record<string, string> = {}) {
  const started = performance.now();
  const run = await visit(args, { env });
  return { ...run, seconds: (performance.now() - started) / 1000 };
}

describe('the inline layout (default) refuses a file it cannot write', () => {
  it('25 groups each using two earlier ones: exit 2 within seconds, the group, its size and the option named', async () => {
    const file = tmp.write('chain25.visit', chainedRules(25));
    // Before the fix: 1.4–2.1 GB, then an internal error after 30 s.
    const run = await timed(['compile', file, '--as-of', '2026-11-23'], SMALL_HEAP);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.seconds).toBeLessThan(15);
    expect(run.stderr).toBe(
      [
        `${file}:19:7: error: group g11 would compile to 650,589 JSON Logic nodes, taking the document to 1,110,442, past the limit of 1,000,000: ` +
          'the inline layout writes out every group and let an expression uses, each time it is used; use --layout referenced, which computes each once and refers to it by name',
        '  19 | group g11 = (g10 and a > 11) or (g9 and not g10)',
        '     |       ^~~',
        `visit: ${file} was not compiled`,
        '',
      ].join('\n'),
    );
  });

  it('a small file still compiles to the self-contained §9 document', async () => {
    const run = await visit(['compile', TRE, '--as-of', '2026-11-23']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Document;
    expect(doc.layout).toBe('inline');
    expect(doc.order).toBeUndefined();
    expect(Object.values(doc.groups).every((g) => g.var === undefined)).toBe(true);
    // No name of a let or group is read from the data: every expression stands alone.
    expect(run.stdout).not.toMatch(/"var": "(group|let):/);
  });

  it('an unknown layout is a usage error', async () => {
    const run = await visit(['compile', TRE, '--layout', 'flat']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('layout');
  });

  it('--help names the layouts and the limit', async () => {
    const run = await visit(['compile', '--help']);
    expect(run.stdout).toContain('--layout');
    expect(run.stdout).toContain('referenced');
    // The help text must not load the engine, so it repeats the engine's default: the two agree.
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('would pass 1,000,000 JSON Logic nodes') // the limit packages/cli/README.md documents;
  });
});

describe('--layout referenced', () => {
  it.each([25, 1_000])('%i chained groups of every link: json-logic-js with the host loop gives `visit screen`', async (n) => {
    const file = tmp.write(`chain${n}.visit`, chainedRules(n, { links: LINKS }));
    const run = await timed(['compile', file, '--as-of', '2026-11-23', '--layout', 'referenced'], SMALL_HEAP);
    expect(run.code).toBe(0);
    expect(run.seconds).toBeLessThan(20);
    const doc = JSON.parse(run.stdout) as Document;
    expect(doc.layout).toBe('referenced');
    expect(doc.order).toEqual(Array.from({ length: n }, (_, i) => `group:g${i}`));
    // Linear: a few dozen nodes of JSON per group, however deep the chain.
    expect(run.stdout.length / n).toBeLessThan(6_000);

    const records = tmp.write(`chain${n}.ndjson`, CHAINED_RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const screened = ndjson((await visit(['screen', file, records, '--as-of', '2026-11-23'])).stdout);
    expect(screened).toHaveLength(CHAINED_RECORDS.length);
    CHAINED_RECORDS.forEach((record, i) => {
      expect(evaluate(doc, record), `record ${JSON.stringify(record)}`).toEqual({ groups: screened[i]!.groups, programs: screened[i]!.programs });
    });
  }, 120_000);

  it('also for the example rules, with lets and params', async () => {
    const run = await visit(['compile', TRE, '--as-of', '2026-11-23', '--layout', 'referenced']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Document;
    expect(doc.order).toContain('group:unge');
    const records = [
      { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge', education: 'none', motivated: true, native_danish: true, cv_ready: false, hours_available: 37 },
      { cpr: '2311962345', birth_date: '1996-11-23', unemployed_since: '2026-01-15', education: 'bachelor', literacy: 4, benefit: 'dagpenge', motivated: true, native_danish: true, mobile: true, cv_ready: true, health: 'no_limits', hours_available: 37 },
      { cpr: '1003861234', birth_date: '1986-03-10', unemployed_since: '2026-07-01', education: 'vocational', literacy: 2, benefit: 'dagpenge', motivated: true, native_danish: false, mobile: false, cv_ready: true, hours_available: 8 },
    ];
    const input = tmp.write('tre.ndjson', records.map((r) => JSON.stringify(r)).join('\n'));
    const screened = ndjson((await visit(['screen', TRE, input, '--as-of', '2026-11-23'])).stdout);
    records.forEach((record, i) => {
      expect(evaluate(doc, record)).toEqual({ groups: screened[i]!.groups, programs: screened[i]!.programs });
    });
  });
});
