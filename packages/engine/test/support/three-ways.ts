// Runs one rule file on one record with every evaluator that must agree: the generated code, the
// closures (codegen: false) and the reference interpreter; fails on any disagreement, else returns
// the common outcome. For table tests of the contract (LANGUAGE.md), so that every row checks all three.
import { check } from '@visit/dsl';
import { expect } from 'vitest';
import { compile, type Screener } from '../../src/index';
import { referenceEvaluate, type ReferenceOutcome } from './reference';

const cache = new Map<string, { generated: Screener; closures: Screener; checked: ReturnType<typeof check> }>();

function screeners(source: string, asOf: string) {
  const key = `${asOf}\u0000${source}`;
  let s = cache.get(key);
  if (!s) {
    const generated = compile(source, { asOf });
    const closures = compile(source, { asOf, codegen: false });
    if (!generated.ok || !closures.ok) {
      const d = [...(generated.ok ? [] : generated.diagnostics), ...(closures.ok ? [] : closures.diagnostics)].map((x) => `${x.code}: ${x.message}`);
      throw new Error(`the rules do not compile:\n${d.join('\n')}\n${source}`);
    }
    expect(generated.screener.evaluator).toBe('generated');
    expect(closures.screener.evaluator).toBe('closures');
    s = { generated: generated.screener, closures: closures.screener, checked: check(source) };
    cache.set(key, s);
  }
  return s;
}

/** The outcome all three evaluators give (generated and closures also traced, i.e. with an explanation). */
export function evaluateThreeWays(source: string, record: Record<string, unknown>, asOf: string): ReferenceOutcome {
  const s = screeners(source, asOf);
  const reference = referenceEvaluate(s.checked, record, asOf);
  for (const [who, screener] of [['generated', s.generated], ['closures', s.closures]] as const) {
    const plain = screener.evaluate(record);
    const traced = screener.evaluate(record, true);
    expect({ groups: plain.groups, programs: plain.programs }, `${who} vs reference`).toEqual(reference);
    expect({ groups: traced.groups, programs: traced.programs }, `${who} (traced) vs reference`).toEqual(reference);
  }
  return reference;
}

/** The value of group `g` (after `prelude`, which declares the record and anything else). */
export function groupThreeWays(prelude: string, condition: string, record: Record<string, unknown>, asOf: string): boolean | null {
  return evaluateThreeWays(`${prelude}\ngroup g = ${condition}\n`, record, asOf).groups['g']!;
}
