// `visit test` and `visit screen` with dated versions (LANGUAGE.md §8, §13): a test whose `as of`
// falls where a used name has no version in force says so at the test's date; an expectation of a
// programme not in force that day says it is not in force (not "no such name"); an override
// (`with`, `--param`) supplies a param on a day none of its versions covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

const RULES = `record C { id: text key, x: integer }
param k = 1 until 2019-12-31
param k = 2 from 2020-01-02
group g = x > k
program p { require g "g" }
program q "Q" from 2020-01-01 until 2020-01-01 { require x > 0 }
test "gap" { as of 2020-01-01
  given { id: "a", x: 5 }
  expect g }
test "q the day after" { as of 2020-01-02
  given { id: "a", x: 5 }
  expect q eligible }
test "with in the gap" { as of 2020-01-01
  given { id: "a", x: 5 }
  with k = 3
  expect g }
`;

describe('visit test and screen over dated versions', () => {
  const tmp = tempDir('test-versions');
  let rules: string;
  let csv: string;
  beforeAll(() => {
    buildCli();
    rules = tmp.write('dated.visit', RULES);
    csv = tmp.write('c.csv', 'id,x\na,5\n');
  }, 120_000);
  afterAll(() => tmp.remove());

  it('reports each test by what stopped or failed it', async () => {
    const r = await visit(['test', rules, '--as-of', '2021-01-01']);
    const lines = r.stdout.split('\n');
    expect(lines).toContain("      could not run: as of 2020-01-01 (line 7): not in force on 2020-01-01: param 'k' (in force until 2019-12-31, from 2020-01-02)");
    expect(lines).toContain("      expect q eligible (line 12): 'q' is not in force on 2020-01-02 (in force 2020-01-01)");
    expect(lines).toContain('  ✓ with in the gap');
    expect(lines.at(-2)).toBe('1 passed, 2 failed');
    expect(r.code).toBe(1);
  });

  it.each([
    [['--param', 'k=3'], 0, '"g":true'],
    [[], 2, ''],
  ])('screen as of the gap with %j exits %i', async (extra, code, output) => {
    const r = await visit(['screen', rules, csv, '--as-of', '2020-01-01', ...extra]);
    expect(r.code, r.stderr).toBe(code);
    if (output) expect(r.stdout).toContain(output);
    else {
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain("not in force on 2020-01-01: param 'k'");
    }
  });
});
