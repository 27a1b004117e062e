// JavaScript arithmetic through json-logic-js, to the last bit: signed zeros, division by zero,
// NaN, floating point and unit conversion give the same outcome as the reference interpreter.
// json-logic-js's `+` and `*` read their operands with parseFloat, which turns −0 into 0; where
// that could flip ±Infinity, the compiler emits exact forms instead.
import { describe, expect, it } from 'vitest';
import jsonLogic from 'json-logic-js';
import { check } from '@visit/dsl';
import { outcomeFromJsonLogic, toJsonLogic, type JsonLogicApply } from '../src/jsonlogic';
import { referenceEvaluate } from './support/reference';

const apply: JsonLogicApply = (logic, data) => jsonLogic.apply(logic as unknown as Parameters<typeof jsonLogic.apply>[0], data) as unknown;

const RECORD = `record R {
  n: number optional
  z: number optional
  w: number in weeks optional
  d: number in days optional
  y: number in years optional
}
`;

const AS_OF = '2026-11-23';

/** The group's value through json-logic-js, after checking it agrees with the reference interpreter. */
function viaJsonLogic(condition: string, record: Record<string, unknown>): boolean | null {
  const checked = check(`${RECORD}group g = ${condition}\n`);
  if (checked.hasErrors) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  const doc = JSON.parse(JSON.stringify(toJsonLogic(checked, { asOf: AS_OF }))) as ReturnType<typeof toJsonLogic>;
  const value = outcomeFromJsonLogic(doc, record, apply).groups.g!;
  expect(value, 'json-logic-js and the reference interpreter differ').toBe(referenceEvaluate(checked, record, AS_OF).groups.g);
  return value;
}

describe('signed zeros reach a divisor with the right sign', () => {
  it.each<[string, Record<string, unknown>, boolean | null]>([
    // −0 × 2 = −0, and 1 / −0 = −Infinity.
    ['1 / (z * 2) < 0', { z: -0 }, true],
    ['1 / (z * 2) < 0', { z: 0 }, false],
    ['1 / (2 * z) < 0', { z: -0 }, true],
    // −0 + −0 = −0, but −0 + 0 = 0.
    ['1 / (z + z) < 0', { z: -0 }, true],
    ['1 / (z + n) < 0', { z: -0, n: 0 }, false],
    ['1 / (n * z * 3) < 0', { z: -0, n: 5 }, true],
    ['1 / (n * z * 3) < 0', { z: -0, n: -5 }, false],
    ['1 / -z > 0', { z: -0 }, true],
    ['1 / (z - 0) < 0', { z: -0 }, true],
    // A zero product from an underflow keeps the sign of the factors.
    ['1 / (n * z) < 0', { n: -1e-200, z: 1e-200 }, true],
    // Weeks × 7 keeps the sign of a zero: −0 weeks is −0 days.
    ['1 / ((w - 0 days) / 1 day) < 0', { w: -0 }, true],
    ['1 / ((w - 0 days) / 1 day) < 0', { w: 0 }, false],
  ])('%s with %o', (condition, record, expected) => {
    expect(viaJsonLogic(condition, record)).toBe(expected);
  });
});

describe('division by zero, NaN and floating point', () => {
  it.each<[string, Record<string, unknown>, boolean | null]>([
    ['n / 0 > 1000000', { n: 1 }, true],
    ['n / 0 < 0', { n: -1 }, true],
    // 0 / 0 is NaN: ordering comparisons are unknown, `=` fails and `!=` holds (=== / !==).
    ['n / z < 1', { n: 0, z: 0 }, null],
    ['n / z >= 1', { n: 0, z: 0 }, null],
    ['n / z = n / z', { n: 0, z: 0 }, false],
    ['n / z != 1', { n: 0, z: 0 }, true],
    ['n / z in (1, 2)', { n: 0, z: 0 }, false],
    ['(n / z) between 0 and 1', { n: 0, z: 0 }, null],
    ['(n / z) is known', { n: 0, z: 0 }, true],
    ['n + z = 0.3', { n: 0.1, z: 0.2 }, false],
    ['n + z > 0.3', { n: 0.1, z: 0.2 }, true],
    ['n * 3 = 0.3', { n: 0.1 }, false],
    // Overflow to Infinity.
    ['n - z = n', { n: 1e308, z: -1e308 }, false],
    ['n + z > n', { n: 1e308, z: 1e308 }, true],
  ])('%s with %o', (condition, record, expected) => {
    expect(viaJsonLogic(condition, record)).toBe(expected);
  });
});

describe('units convert by multiplying the larger unit before comparing', () => {
  it.each<[string, Record<string, unknown>, boolean | null]>([
    ['w >= 14 days', { w: 2 }, true],
    ['w > 14 days', { w: 2 }, false],
    ['d < 1 week', { d: 6.5 }, true],
    ['w = d', { w: 0.5, d: 3.5 }, true],
    ['w + d = 10 days', { w: 1, d: 3 }, true],
    ['y >= 18 months', { y: 1.5 }, true],
    ['w / 1 day = 7', { w: 1 }, true],
    ['w in (7 days, 3)', { w: 1 }, true],
    ['w in (7 days, 3)', { w: 3 }, true],
    ['w in (7 days, 3)', { w: 2 }, false],
    ['w in (7 days)', {}, null],
  ])('%s with %o', (condition, record, expected) => {
    expect(viaJsonLogic(condition, record)).toBe(expected);
  });
});
