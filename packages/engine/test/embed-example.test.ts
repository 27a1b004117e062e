// The README's embedding example is a real program: bundle it, run it in a fresh Node process,
// and compare its output.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../examples/run.mjs', import.meta.url));

it('packages/engine/examples/embed.ts runs and prints the documented output', () => {
  const stdout = execFileSync(process.execPath, [RUN], { encoding: 'utf8', timeout: 60_000 });
  expect(stdout.trimEnd().split('\n')).toEqual([
    'groups: seniorer; programmes: jobklub',
    '{"row":1,"id":"0101701234","status":"ok","groups":{"seniorer":true},"programs":{"jobklub":"undetermined"}}',
    'program jobklub  "Jobklub"  → undetermined (missing: literacy)',
    '  ✓ require benefit = dagpenge  "For dagpengemodtagere"  → true (benefit: dagpenge)',
    '  ✓ require seniorer or ledighed >= min_ledighed  "Senior eller længe ledig"  → true (birth_date: 1970-01-01, unemployed_since: missing)',
    '  ? require literacy >= 3  "Læser på niveau 3"  → unknown (literacy: missing)',
    '  ✓ require hours_available >= 10  "Mindst 10 timer om ugen"  → true (hours_available: 37)',
    'warning: ignoring a column not in the record declaration: "kommune"',
    'warning: no column for optional field "unemployed_since": it is missing in every row',
    '{"row":1,"id":"0202901234","status":"ok","groups":{"seniorer":false},"programs":{"jobklub":"undetermined"}}',
    '{"row":2,"id":"0303851234","status":"invalid","errors":["birth_date: expected a date YYYY-MM-DD that exists, found \\"1985-02-30\\"","hours_available: expected a number from 0 to 37, found 40"]}',
    '{"row":1,"id":"0404701234","status":"ok","groups":{"seniorer":true},"programs":{"jobklub":"ineligible"}}',
    '{"row":2,"id":"0505601234","status":"ok","groups":{"seniorer":true},"programs":{"jobklub":"eligible"}}',
  ]);
});
