// `visit compile` on time_between / time_in (LANGUAGE.md §12): JSON Logic has no date arithmetic,
// so the compile fails with the diagnostic `not-portable` on the call's line, exit 2, no output.
// any/all/none/count compile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('compile-not-portable');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = `record P {
  id:     text key
  a:      date optional
  b:      date optional
  forløb: list of { kind: one of (x, y) optional, start: date, end: date optional } optional
}
`;

describe('visit compile', () => {
  it('time_between: exit 2, not-portable at the call, nothing on stdout', async () => {
    const file = tmp.write('between.visit', `${RECORD}group g = time_between(a, b) > 4 weeks\n`);
    const run = await visit(['compile', file, '--as-of', '2026-11-23']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}:7:11: error: 'time_between(a, b)' (line 7) is not portable to JSON Logic`);
    expect(run.stderr).toContain(`visit: ${file} was not compiled`);
  });

  it('time_in on a programme line: exit 2 on that line', async () => {
    const file = tmp.write('timein.visit', `${RECORD}program p {\n  require time_in(forløb where kind = x, last 52 weeks) >= 42 weeks\n}\n`);
    const run = await visit(['compile', file, '--as-of', '2026-11-23']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8:11: error: .*not portable`));
  });

  it('any/all/none/count compile', async () => {
    const file = tmp.write('lists.visit', `${RECORD}group g = any(forløb where kind = x) and count(forløb) >= 2 and all(forløb where end is missing)\n`);
    const run = await visit(['compile', file, '--as-of', '2026-11-23']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).groups.g.holds).toBeTruthy();
  });
});
