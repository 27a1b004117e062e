// Personal values written in a rules file stay off the screen: `visit test` once said "value
// withheld: personal data" for `given { cpr: 0101701234 }` and then printed the CPR number in the
// caret snippet under it. In `check`, `test` and `screen` (messages, snippets, explanations, the
// coverage lines and the summary) a personal value is shown as •••; a `--param` value is never
// echoed (a CPR number typed in the wrong place).
import { compile } from '@visit/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('personal-rules');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = `record Citizen {
  cpr:   text key personal
  born:  date personal optional
  hours: integer optional
}
param min = 6 months
group g = hours > 3 and time_since(born) >= min
`;
const CPR = /0101701234|0202701234|0303701234|0101701319/;
let files = 0;
const write = (rules: string) => tmp.write(`rules-${++files}.visit`, rules);

describe('snippets and messages of check and test', () => {
  it.each([
    ['a number for a personal text', 'test "t" {\n  given { cpr: 0101701234, hours: 5 }\n  expect g\n}', '  given { cpr: •••, hours: 5 }', 'cpr: expected a text, found a whole number (value withheld: personal data)'],
    ['the error is elsewhere on the line', 'test "t" {\n  given { cpr: "0101701234", hours: "5" }\n  expect g\n}', '  given { cpr: •••, hours: "5" }', 'hours: expected a whole number, found a text'],
    ['a stray value', 'test "t" {\n  given { cpr: "0101701234" 0202701234 }\n}', '  given { cpr: ••• ••• }', "expected '}' but found '•••'"],
    ['a date that is no day', 'test "t" {\n  given { cpr: "0101701234", born: 1970-02-30 }\n}', '  given { cpr: •••, born: ••• }', "invalid date '•••': it is not a day of the calendar"],
    ['a personal literal in a rule', 'program p { exclude cpr = 0303701234 }', 'program p { exclude cpr = ••• }', "cannot compare 'cpr' (a text) with '•••' (a whole number)"],
  ])('%s', async (_what, snippet, shownLine, message) => {
    const file = write(RECORD + snippet + '\n');
    const [checked, tested] = await Promise.all([visit(['check', file]), visit(['test', file, '--as-of', '2026-11-23'])]);
    expect(checked.code).toBe(1);
    expect(tested.code).toBe(2);
    for (const run of [checked, tested]) {
      const out = run.stdout + run.stderr;
      expect(out).not.toMatch(CPR);
      expect(out).not.toContain('1970');
      expect(out).toContain(`error: ${message}`);
      expect(out).toMatch(new RegExp(`\\| ${shownLine.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    }
    // The caret stands under the mask (or the place) on the shown line.
    const lines = checked.stdout.split('\n');
    const at = lines.findIndex((l) => l.endsWith(shownLine));
    expect(lines[at + 1]).toMatch(/\| +\^/);
  });
});

describe('a personal value in the rules, when they run', () => {
  const rules = `${RECORD}program p {
  exclude cpr in ("0101701234", "0202701234") "spærret"
  require g
}
test "fails on purpose" {
  as of 2026-11-23
  given { cpr: "0303701234", born: 1970-01-01, hours: 1 }
  expect p eligible
}
`;
  it('test: the failure, its explanation and the coverage line show •••', async () => {
    const run = await visit(['test', write(rules)]);
    expect(run.code).toBe(1);
    const out = run.stdout + run.stderr;
    expect(out).not.toMatch(CPR);
    expect(out).not.toContain('1970');
    expect(out).toContain('exclude cpr in (•••, •••)');
    expect(out).toContain('coverage: p line 1 (cpr in (•••, •••))');
  });

  it('screen: the summary and the explanations show •••; the id column alone has the CPR number', async () => {
    const file = write(rules);
    const records = tmp.write(`records-${files}.ndjson`, '{"cpr":"0101701234","born":"1970-01-01","hours":5}\n{"cpr":"0303701234","born":"1970-01-01","hours":5}\n');
    const run = await visit(['screen', file, records, '--as-of', '2026-11-23', '--explain']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(CPR);
    expect(run.stderr).toContain('line 1: exclude cpr in (•••, •••)  (1 row)');
    const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; explain: unknown });
    expect(rows.map((r) => r.id)).toEqual(['0101701234', '0303701234']);
    expect(rows.map((r) => JSON.stringify(r.explain)).join('\n')).not.toMatch(CPR);
  });
});

describe('--param and --as-of values are never echoed', () => {
  it.each([
    ['a CPR number for a duration param', ['--param', 'min=0101701319'], "param override 'min': expected a number of months, like the declaration '6 months'"],
    ['a CPR number as text', ['--param', 'min="0101701319"'], "param override 'min': expected a number of months, like the declaration '6 months'"],
    ['not a literal', ['--param', 'min=0101701319 months x'], "param override 'min': not a literal: expected a number of months, written like the declaration '6 months'"],
    ['a CPR number without a name', ['--param', '0101701319'], "--param expects name=value (e.g. --param 'min_ledighed=4 months'), found no '='"],
    ['a CPR number as the name', ['--param', '0101701319=1'], "a param override names no param: expected a param's name before '='"],
    ['a CPR number as the reference date', ['--as-of', '0101701319'], '--as-of expects a date YYYY-MM-DD that exists, found something else'],
  ])('%s', async (_what, args, message) => {
    const file = write(`${RECORD}program p { require g }\n`);
    const records = tmp.write(`records-${files}.ndjson`, '{"cpr":"0101701234","hours":5}\n');
    const runs = await Promise.all([
      visit(['screen', file, records, '--as-of', '2026-11-23', ...args]),
      visit(['compile', file, '--as-of', '2026-11-23', ...args]),
      visit(['test', file, '--as-of', '2026-11-23', ...args]),
    ]);
    // (A second --as-of wins over the first.)
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout + run.stderr).not.toContain('0101701319');
    }
  });
});

describe('the engine API quotes no override value either', () => {
  it.each([
    [{ min: '0101701319' }],
    [{ '0101701319': '1' }],
    [{ min: '"0101701319"', hours: '0101701319' }],
  ])('%j', (params) => {
    const result = compile(`${RECORD}program p { require g }\n`, { asOf: '2026-11-23', params });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.message).join('\n')).not.toContain('0101701319');
  });
});
