// Issue 9: `check`, `test`, `screen` and `compile --layout referenced` stay linear in the number of
// groups. Files of 25, 1,000 and 10,000 groups, each using the one or two before it, run as real
// processes with a bounded heap; 10,000 groups took 63 s to screen and over 300 s (3.4 GB) to
// compile, and overflowed the stack in the screen summary. The time limits are generous for a
// loaded 2-core machine yet far below what quadratic or exponential work would take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';
import { compile } from '@visit/engine';
import { CHAINED_RECORDS, chainedRules, LINKS } from '../../engine/test/support/chained';

const tmp = tempDir('many-groups');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const AS_OF = '2026-11-23';
const HEAP = { NODE_OPTIONS: '--max-old-space-size=1024' };
/** Seconds a command may take, by number of groups. */
const LIMIT: Record<number, number> = { 25: 10, 1000: 12, 10000: 20 };

/** The rules plus a test block whose expectations are the engine's own outcomes for one record. */
function withTest(source: string, n: number): string {
  const compiled = compile(source, { asOf: AS_OF });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const given = { id: 'x', a: 5, b: true, c: false };
  const outcome = compiled.screener.evaluate(given);
  const value = (v: boolean | null) => (v === null ? ' unknown' : '');
  const expectations = [n - 1, Math.floor(n / 2), 0].map((i) => {
    const v = outcome.groups[`g${i}`]!;
    return `  expect ${v === false ? 'not ' : ''}g${i}${value(v)}`;
  });
  return `${source}
test "the last group" {
  as of ${AS_OF}
  given { id: "x", a: 5, b: true, c: false }
${expectations.join('\n')}
  expect p ${outcome.programs.p}
}
`;
}

async function timed(args: string[]) {
  const started = performance.now();
  const run = await visit(args, { env: HEAP });
  return { ...run, seconds: (performance.now() - started) / 1000 };
}

describe.each([25, 1_000, 10_000])('%i chained groups', (n) => {
  let file = '';
  let records = '';
  let csv = '';
  beforeAll(() => {
    file = tmp.write(`chain${n}.visit`, withTest(chainedRules(n, { links: LINKS }), n));
    records = tmp.write(`chain${n}.ndjson`, CHAINED_RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const cell = (v: unknown) => (v === undefined ? '' : String(v));
    csv = tmp.write(`chain${n}.csv`, ['id;a;b;c', ...CHAINED_RECORDS.map((r) => [r.id, r.a, r.b, r.c].map(cell).join(';'))].join('\r\n') + '\r\n');
  });

  it('check', async () => {
    const run = await timed(['check', file]);
    expect(run.stderr).toBe('0 errors, 0 warnings in 1 file\n');
    expect([run.code, run.seconds < LIMIT[n]!]).toEqual([0, true]);
  }, 120_000);

  it('test', async () => {
    const run = await timed(['test', file]);
    expect(run.stdout + run.stderr).toContain('1 passed, 0 failed');
    expect([run.code, run.seconds < LIMIT[n]!]).toEqual([0, true]);
  }, 120_000);

  it('screen: one row per record, the engine’s outcomes', async () => {
    const compiled = compile(chainedRules(n, { links: LINKS }), { asOf: AS_OF });
    if (!compiled.ok) throw new Error('does not compile');
    // CSV (`;`, CRLF) and NDJSON; at 10,000 groups NDJSON only, to keep the file's run short.
    for (const input of n < 10_000 ? [records, csv] : [records]) {
      const run = await timed(['screen', file, input, '--as-of', AS_OF]);
      expect([run.code, run.seconds < LIMIT[n]!], run.stderr).toEqual([0, true]);
      const rows = ndjson(run.stdout);
      expect(rows).toHaveLength(CHAINED_RECORDS.length);
      rows.forEach((row, i) => {
        const expected = compiled.screener.evaluate(CHAINED_RECORDS[i]!);
        expect({ groups: row.groups, programs: row.programs }).toEqual({ groups: expected.groups, programs: expected.programs });
      });
    }
  }, 240_000);

  it('compile --layout referenced', async () => {
    const run = await timed(['compile', file, '--as-of', AS_OF, '--layout', 'referenced']);
    expect([run.code, run.seconds < LIMIT[n]!], run.stderr).toEqual([0, true]);
    expect(Object.keys((JSON.parse(run.stdout) as { groups: object }).groups)).toHaveLength(n);
  }, 120_000);
});
