// A wrong `--param` is one mistake with one behaviour in every command that takes it (test,
// screen, compile): exit 2, the same message on stderr, nothing run — not "28 failed tests".
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit, TRE, TRE_CSV, type Run } from './cli-support';

const tmp = tempDir('test-params');
const AS_OF = ['--as-of', '2026-11-23'];
beforeAll(buildCli);
afterAll(() => tmp.remove());

const COMMANDS: { name: string; args: (param: string) => string[] }[] = [
  { name: 'test', args: (p) => ['test', TRE, '--param', p] },
  { name: 'screen', args: (p) => ['screen', TRE, TRE_CSV, ...AS_OF, '--param', p] },
  { name: 'compile', args: (p) => ['compile', TRE, ...AS_OF, '--param', p] },
];

/** The lines that say what is wrong (the reference date and the closing count aside). */
function complaint(run: Run): string[] {
  return run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('visit: reference date'));
}

const MISTAKES = [
  { name: 'an unknown param', param: 'nosuch=1', says: "visit: error: there is no param named 'nosuch'" },
  { name: 'a misspelt param', param: 'min_timr=14', says: "min_timr" },
  { name: 'a value of the wrong type', param: 'min_timer=ja', says: /visit: error: param override .*min_timer/ },
  { name: 'a duration where a number is declared', param: 'min_timer=3 months', says: 'min_timer' },
  { name: 'no value', param: 'min_timer=', says: "visit: --param expects name=value (e.g. --param 'min_ledighed=4 months'), found nothing after '='" },
  { name: 'no =', param: 'min_timer', says: "visit: --param expects name=value" },
];

describe.each(MISTAKES)('$name (--param $param)', ({ param, says }) => {
  it.each(COMMANDS)('$name: exit 2, the message on stderr, nothing run', async ({ name, args }) => {
    const run = await visit(args(param));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(typeof says === 'string' ? new RegExp(says.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : says);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    if (name === 'test') {
      // No test was run, so none failed.
      expect(run.stdout).not.toContain('✗');
      expect(run.stdout).not.toMatch(/[1-9]\d* failed/);
    } else {
      expect(run.stdout).toBe('');
    }
  });

  it('every command says it the same way', async () => {
    const runs = await Promise.all(COMMANDS.map((c) => visit(c.args(param))));
    const [first, ...rest] = runs.map(complaint);
    for (const r of rest) expect(r).toEqual(first);
  });
});

describe('a right --param still works in test', () => {
  it('a known param with a value of its type runs the tests (a test that relies on the default may fail)', async () => {
    const run = await visit(['test', TRE, '--param', 'min_timer=15']);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').pop()).toMatch(/^[1-9]\d* passed, 0 failed$/);
  });

  it("a test's own `with` still wins over --param", async () => {
    const file = tmp.write('with.visit', `record C {
  cpr: text key personal
  n:   integer
}
param grænse = 3
group over = n >= grænse
test "with wins" {
  given { cpr: "1", n: 2 }
  with grænse = 2
  expect over
}
`);
    const run = await visit(['test', file, '--param', 'grænse=10']);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('1 passed, 0 failed');
    expect(run.code).toBe(0);
  });
});

describe('property: a --param name the rules do not declare is exit 2 in every command', () => {
  it('generated names', async () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).filter((n) => !['min_ledighed', 'min_læs', 'min_dansk', 'min_timer'].includes(n));
    await fc.assert(
      fc.asyncProperty(name, fc.integer({ min: 0, max: 99 }), async (n, value) => {
        const runs = await Promise.all(COMMANDS.map((c) => visit(c.args(`${n}=${value}`))));
        for (const run of runs) {
          expect(run.code).toBe(2);
          expect(run.stderr).toContain(`visit: error: there is no param named '${n}'`);
        }
      }),
      { numRuns: 5 },
    );
  });
});
