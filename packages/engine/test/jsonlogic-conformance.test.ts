// The official JsonLogic test suite (third_party/jsonlogic-tests) through the evaluators Visit
// relies on and benchmarks against: json-logic-js (the reference of §9) and json-logic-engine,
// interpreted and compiled. The engine has no JSON Logic evaluator of its own; this shows that the
// JSON Logic it emits targets conformant ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';

type Case = [rule: unknown, data: unknown, expected: unknown];

/** The suite's cases under each `"# …"` heading. */
function sections(): [string, Case[]][] {
  const suite = JSON.parse(readFileSync(new URL('../../../third_party/jsonlogic-tests/tests.json', import.meta.url), 'utf8')) as unknown[];
  const out: [string, Case[]][] = [];
  for (const entry of suite) {
    if (typeof entry === 'string') out.push([entry.replace(/^#\s*/, ''), []]);
    else if (out.length === 0) out.push(['(untitled)', [entry as Case]]);
    else out[out.length - 1]![1].push(entry as Case);
  }
  return out.filter(([, cases]) => cases.length > 0);
}

const engine = new LogicEngine();
type Rule = Parameters<typeof jsonLogic.apply>[0];

const evaluators: [string, (rule: unknown, data: unknown) => unknown][] = [
  ['json-logic-js', (rule, data) => jsonLogic.apply(rule as Rule, data) as unknown],
  ['json-logic-engine (interpreted)', (rule, data) => engine.run(rule as Parameters<typeof engine.run>[0], data) as unknown],
  ['json-logic-engine (compiled)', (rule, data) => engine.build(rule as Parameters<typeof engine.build>[0])(data) as unknown],
];

const all = sections();

it('reads the whole suite', () => {
  expect(all.reduce((n, [, cases]) => n + cases.length, 0)).toBe(277);
});

describe.each(evaluators)('%s', (_name, evaluate) => {
  it.each(all)('%s', (_section, cases) => {
    for (const [rule, data, expected] of cases) {
      expect(evaluate(rule, data), `${JSON.stringify(rule)} on ${JSON.stringify(data)}`).toEqual(expected);
    }
  });
});
