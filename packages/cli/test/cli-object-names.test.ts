// Field names and JavaScript objects. json-logic-js (the reference JSON Logic implementation,
// LANGUAGE.md §9) reads `{"var": "toString"}` through the prototype, so a field named like a member
// of Object.prototype is "present" in every record and the compiled rules disagree with the engine.
// Such names are refused by `check`; every name it accepts reads the same in `visit screen` (NDJSON
// and CSV records, through the generated evaluator and record readers) and in json-logic-js.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, ROOT, tempDir, visit } from './cli-support';

// json-logic-js is a development dependency of the engine, which runs the large differential test.
const jsonLogic = createRequire(join(ROOT, 'packages', 'engine', 'package.json'))('json-logic-js') as {
  apply(logic: unknown, data: unknown): unknown;
  truthy(value: unknown): boolean;
};

const tmp = tempDir('object-names');
beforeAll(buildCli);
afterAll(() => tmp.remove());
const AS_OF = ['--as-of', '2026-11-23'];

interface Criterion {
  holds: unknown;
  fails: unknown;
}
/** A group's value by its JSON Logic pair (§9): true when `holds` is truthy, false when `fails` is. */
function valueOf(c: Criterion, data: unknown): boolean | null {
  if (jsonLogic.truthy(jsonLogic.apply(c.holds, data))) return true;
  if (jsonLogic.truthy(jsonLogic.apply(c.fails, data))) return false;
  return null;
}

let files = 0;
/** Groups by `visit screen` (NDJSON and CSV input) and by json-logic-js on `visit compile`, per record. */
async function bothWays(rules: string, records: Record<string, unknown>[], fields: string[]) {
  const file = tmp.write(`rules-${++files}.visit`, rules);
  const nd = tmp.write(`records-${files}.ndjson`, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const csv = tmp.write(`records-${files}.csv`, [fields.join(','), ...records.map((r) => fields.map((f) => cell(r[f])).join(','))].join('\n') + '\n');
  const [fromNdjson, fromCsv, compiled] = await Promise.all([
    visit(['screen', file, nd, ...AS_OF]),
    visit(['screen', file, csv, ...AS_OF]),
    visit(['compile', file, ...AS_OF]),
  ]);
  expect(fromNdjson.code, fromNdjson.stderr).toBe(0);
  expect(fromCsv.code, fromCsv.stderr).toBe(0);
  expect(compiled.code, compiled.stderr).toBe(0);
  const doc = JSON.parse(compiled.stdout) as { groups: Record<string, Criterion> };
  const logic = records.map((r) => Object.fromEntries(Object.entries(doc.groups).map(([g, c]) => [g, valueOf(c, r)])));
  return {
    ndjson: ndjson(fromNdjson.stdout).map((r) => r.groups),
    csv: ndjson(fromCsv.stdout).map((r) => r.groups),
    logic,
  };
}

describe('names of Object.prototype members', () => {
  const names = Object.getOwnPropertyNames(Object.prototype);

  it.each(names.map((n) => [n]))(
    '%s: check refuses it, or json-logic-js agrees with visit screen on a record without it',
    async (name) => {
      const rules = `record R {\n  id: text key\n  ${name}: text optional\n}\ngroup absent = ${name} is missing\ngroup known = ${name} is known\n`;
      const file = tmp.write(`proto-${name}.visit`, rules);
      const checked = await visit(['check', file]);
      if (checked.code !== 0) {
        expect(checked.stdout).toContain(`'${name}' cannot be used as a name: it is reserved by the JavaScript object model`);
        return;
      }
      const both = await bothWays(rules, [{ id: 'a' }], ['id', name]);
      expect(both.logic).toEqual(both.ndjson);
    },
  );
});

// Names that mean something to JavaScript, JSON or the CSV reader, but are not Object.prototype's.
const tricky = [
  'then', 'length', 'name', 'call', 'apply', 'bind', 'caller', 'arguments', 'toJSON', 'prototype_', '__proto', '_proto_',
  'proto', 'constructor_', 'ToString', 'valueof', 'hasOwn', 'undefined', 'NaN', 'Infinity', 'eval', 'globalThis', 'Object',
  'Symbol', 'process', 'module', 'exports', 'default', 'var', 'data', 'r', 'p', 't', 'o', 'f0', 'v1',
  'B', 'P', 'RP', 'OP', 'hasOwnProperty_', 'æble', 'Ødegaard', 'årgang', 'π', 'x123',
];

describe('every name check accepts reads alike in the engine and in json-logic-js', () => {
  it('generated records with fields of such names, present or missing', async () => {
    const field = fc.record({
      name: fc.constantFrom(...tricky),
      type: fc.constantFrom('text', 'integer', 'boolean'),
    });
    const value = (type: string): fc.Arbitrary<string | number | boolean> =>
      type === 'text' ? fc.constantFrom('x', 'y') : type === 'integer' ? fc.integer({ min: 0, max: 3 }) : fc.boolean();
    const input = fc.uniqueArray(field, { minLength: 1, maxLength: 4, selector: (f) => f.name }).chain((fields) =>
      fc.tuple(
        fc.constant(fields),
        fc.array(fc.tuple(...fields.map((f) => fc.option(value(f.type), { nil: undefined }))), { minLength: 1, maxLength: 4 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(input, async ([fields, rows]) => {
        const literal = (type: string) => (type === 'text' ? '"x"' : type === 'integer' ? '2' : 'true');
        const rules = [
          'record R {',
          '  id: text key',
          ...fields.map((f) => `  ${f.name}: ${f.type} optional`),
          '}',
          ...fields.map((f, i) => `group known_${i} = ${f.name} is known\ngroup equal_${i} = ${f.name} = ${literal(f.type)}`),
          '',
        ].join('\n');
        const records = rows.map((values, k) => {
          const r: Record<string, unknown> = { id: `r${k}` };
          fields.forEach((f, i) => {
            if (values[i] !== undefined) r[f.name] = values[i];
          });
          return r;
        });
        const expected = records.map((r) =>
          Object.fromEntries(
            fields.flatMap((f, i) => {
              const v = Object.hasOwn(r, f.name) ? r[f.name] : undefined;
              const wanted = f.type === 'text' ? 'x' : f.type === 'integer' ? 2 : true;
              return [
                [`known_${i}`, v !== undefined],
                [`equal_${i}`, v === undefined ? null : v === wanted],
              ];
            }),
          ),
        );
        const both = await bothWays(rules, records, ['id', ...fields.map((f) => f.name)]);
        expect(both.ndjson).toEqual(expected);
        expect(both.csv).toEqual(expected);
        expect(both.logic).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
