// Issue 9: compiling groups that use earlier groups is bounded. The self-contained (inline) layout of
// §9 writes every group out wherever it is used, which doubles per level; its size is computed before
// anything is built and a file it cannot write is refused by a JsonLogicTooLarge that names the
// group, let or line and the sizes it would reach. The referenced layout computes each let and
// group once, stores it under its `var` name in evaluation order, and grows linearly; run by
// json-logic-js with the host loop below, it gives the engine's outcomes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { check, type CheckedFile } from '@visit/dsl';
import { compile } from '../src/index';
import {
  DEFAULT_MAX_NODES,
  JsonLogicTooLarge,
  outcomeFromJsonLogic,
  toJsonLogic,
  type JsonLogic,
  type JsonLogicApply,
  type JsonLogicDocument,
  type JsonLogicOptions,
} from '../src/jsonlogic';
import { CHAINED_RECORD, CHAINED_RECORDS, chainedRules, LINKS, type Link } from './support/chained';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec } from './support/arbitrary';

const AS_OF = '2026-11-23';
const apply: JsonLogicApply = (logic, data) => jsonLogic.apply(logic as unknown as Parameters<typeof jsonLogic.apply>[0], data) as unknown;
const logicEngine = new LogicEngine();
const applyLogicEngine: JsonLogicApply = (logic, data) => logicEngine.run(logic as Parameters<typeof logicEngine.run>[0], data) as unknown;

function checked(source: string, params: Record<string, string> = {}): CheckedFile {
  const c = check(source, { params });
  if (c.hasErrors) throw new Error(c.diagnostics.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'));
  return c;
}

/** The error `toJsonLogic` throws, or a failure if it compiles. */
function refusal(source: string, options: Partial<JsonLogicOptions> = {}): JsonLogicTooLarge {
  try {
    toJsonLogic(checked(source), { asOf: AS_OF, ...options });
  } catch (e) {
    if (e instanceof JsonLogicTooLarge) return e;
    throw e;
  }
  throw new Error('compiled, but should have been refused');
}

/** Nodes as written: every object, array and value of the JSON text (the oracle for the sizes). */
function written(x: unknown): number {
  if (Array.isArray(x)) return x.reduce<number>((n, y) => n + written(y), 1);
  if (typeof x === 'object' && x !== null) return Object.values(x).reduce<number>((n, y) => n + written(y), 1);
  return 1;
}

/**
 * The host loop a referenced document asks for, written from its description (not the engine's
 * helper): for each name in `order`, evaluate that let's value or that let's/group's holds and
 * fails on the data so far, and store the result (true, false or null) under the name.
 */
function hostLoop(doc: JsonLogicDocument, record: Record<string, unknown>) {
  const data: Record<string, unknown> = Object.assign(Object.create(null) as object, record);
  const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !!v);
  const value = (c: { holds: JsonLogic; fails: JsonLogic }) => (truthy(apply(c.holds, data)) ? true : truthy(apply(c.fails, data)) ? false : null);
  const byVar = new Map<string, { holds: JsonLogic; fails: JsonLogic } | { value: JsonLogic }>();
  for (const l of Object.values(doc.lets ?? {})) byVar.set(l.var, l);
  for (const g of Object.values(doc.groups)) byVar.set(g.var!, g);
  for (const name of doc.order!) {
    const entry = byVar.get(name)!;
    data[name] = 'value' in entry ? apply(entry.value, data) : value(entry);
  }
  const groups = Object.fromEntries(Object.entries(doc.groups).map(([name, g]) => [name, value(g)]));
  const programs = Object.fromEntries(
    Object.entries(doc.programs).map(([name, p]) => {
      const values = p.lines.map((l) => ({ exclude: l.kind === 'exclude', v: value(l) }));
      const outcome = values.some((l) => l.v !== null && l.v === l.exclude) ? 'ineligible' : values.every((l) => l.v !== null) ? 'eligible' : 'undetermined';
      return [name, outcome];
    }),
  );
  return { groups, programs };
}

function engineOutcome(source: string, record: Record<string, unknown>, asOf = AS_OF, params: Record<string, string> = {}) {
  const compiled = compile(source, { asOf, params });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const { groups, programs } = compiled.screener.evaluate(record);
  return { groups, programs };
}

const letsDoubling = (k: number) => {
  const lines = [CHAINED_RECORD, 'let v0 = a'];
  for (let i = 1; i <= k; i++) lines.push(`let v${i} = (v${i - 1} + v${i - 1}) / 2`);
  lines.push('group big = v30 > 1', '');
  return lines.join('\n');
};

const manySmallGroups = (() => {
  const lines = [CHAINED_RECORD];
  for (let i = 0; i < 20; i++) lines.push(`group h${i} = a > ${i} and b`);
  lines.push('program p {', '  require c', `  require ${Array.from({ length: 20 }, (_, i) => `h${i}`).join(' or ')}`, '}', '');
  return lines.join('\n');
})();

describe('the inline layout refuses, before building it, what would pass the limit', () => {
  it.each<[string, string, Partial<JsonLogicOptions>, string]>([
    [
      '25 groups, each using two earlier ones',
      chainedRules(25),
      {},
      "group g11 (line 19) would compile to 650,589 JSON Logic nodes, taking the document to 1,110,442, past the limit of 1,000,000: the inline layout writes out every group and let an expression uses, each time it is used; the referenced layout (layout 'referenced') computes each once and refers to it by name",
    ],
    ['25 groups, each using the one before twice', chainedRules(25, { uses: 1 }), {}, 'group g13 (line 21) would compile to 503,768 JSON Logic nodes, taking the document to 1,006,997'],
    ['25 groups joined by = between conditions', chainedRules(25, { links: ['equal'] }), {}, 'group g17 (line 25) would compile to 536,752 JSON Logic nodes'],
    ['25 groups joined by is known', chainedRules(25, { links: ['known'] }), {}, 'group g10 (line 18) would compile to 893,284 JSON Logic nodes'],
    ['10,000 groups (the first 14 already pass the limit)', chainedRules(10_000, { uses: 1 }), {}, 'group g13 (line 21) would compile to 503,768 JSON Logic nodes'],
    // Sizes past the cap are not counted further.
    ['30 lets, each using the one before twice', letsDoubling(30), {}, 'group big (line 39) would compile to 15,032,385,546 JSON Logic nodes, taking the document to 15,032,385,546'],
    ['a programme line', manySmallGroups, { maxNodes: 1000 }, 'line 2 of program p (line 30) would compile to 724 JSON Logic nodes, taking the document to 1,454, past the limit of 1,000'],
    ['a let in the referenced layout', letsDoubling(30), { layout: 'referenced', maxNodes: 50 }, 'let v3 (line 11) would compile to 19 JSON Logic nodes, taking the document to 57, past the limit of 50: even with lets and groups referenced by name'],
  ])('%s', (_case, source, options, message) => {
    expect(refusal(source, options).message).toContain(message);
  });

  it('names where the written document passes the limit, with the sizes it would then have', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.array(fc.constantFrom(...LINKS), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<1 | 2>(1, 2),
        fc.constantFrom<'inline' | 'referenced'>('inline', 'referenced'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, links: Link[], uses, layout, fraction) => {
          const source = chainedRules(n, { uses, links });
          const doc = toJsonLogic(checked(source), { asOf: AS_OF, layout });
          // Entries in the order they are compiled: lets and groups (here in declaration order), then lines.
          const entries: [string, number][] = [
            ...Object.keys(doc.groups).map((name): [string, number] => [`group ${name}`, written(doc.groups[name]!.holds) + written(doc.groups[name]!.fails)]),
            ...doc.programs.p!.lines.map((l, i): [string, number] => [`line ${i + 1} of program p`, written(l.holds) + written(l.fails)]),
          ];
          const whole = entries.reduce((t, [, s]) => t + s, 0);
          const limit = Math.floor(fraction * (whole - 1));
          let total = 0;
          const at = entries.findIndex(([, s]) => (total += s) > limit);
          const e = refusal(source, { layout, maxNodes: limit });
          expect(e.message.startsWith(`${entries[at]![0]} (`)).toBe(true);
          expect([e.nodes, e.total, e.limit]).toEqual([entries[at]![1], total, limit]);
          // At the whole size, it compiles.
          expect(() => toJsonLogic(checked(source), { asOf: AS_OF, layout, maxNodes: whole })).not.toThrow();
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('bounded time and memory', () => {
  const heap = () => process.memoryUsage().heapUsed;

  it.each([25, 1_000, 10_000])('%i chained groups: inline refused at once, referenced compiled in linear size', (n) => {
    const rules = checked(chainedRules(n, { links: LINKS }));
    const before = heap();
    let started = performance.now();
    expect(() => toJsonLogic(rules, { asOf: AS_OF })).toThrow(JsonLogicTooLarge);
    // Before the fix this ran for minutes and died at 2–3 GB.
    expect(performance.now() - started).toBeLessThan(3_000);
    started = performance.now();
    const doc = toJsonLogic(rules, { asOf: AS_OF, layout: 'referenced' });
    const text = JSON.stringify(doc);
    expect(performance.now() - started).toBeLessThan(n === 10_000 ? 20_000 : 5_000);
    expect(heap() - before).toBeLessThan(400e6);
    // Linear: a bounded number of nodes per group (each group's expression is a few dozen nodes).
    expect(written(doc) / n).toBeLessThan(150);
    expect(doc.order).toEqual(Object.keys(doc.groups).map((g) => `group:${g}`));
    expect(text.length).toBeLessThan(n * 2_000);
  }, 60_000);

  it('the default limit is a million nodes, for the inline layout only', () => {
    expect(DEFAULT_MAX_NODES).toBe(1_000_000);
    // The referenced layout is linear in the rules: a large file is large, not refused.
    const doc = toJsonLogic(checked(chainedRules(15_000, { links: LINKS })), { asOf: AS_OF, layout: 'referenced' });
    expect(written(doc)).toBeGreaterThan(DEFAULT_MAX_NODES);
  }, 60_000);
});

describe('the referenced layout gives the engine’s outcomes under json-logic-js', () => {
  it('on chained groups of every link, with the host loop and with outcomeFromJsonLogic (json-logic-engine too)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.constantFrom(...LINKS), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<1 | 2>(1, 2),
        fc.subarray([...CHAINED_RECORDS], { minLength: 1, maxLength: 8 }),
        (n, links: Link[], uses, records) => {
          const source = chainedRules(n, { uses, links });
          // Through JSON text, as `visit compile` writes it.
          const doc = JSON.parse(JSON.stringify(toJsonLogic(checked(source), { asOf: AS_OF, layout: 'referenced' }))) as JsonLogicDocument;
          for (const record of records) {
            const expected = engineOutcome(source, record);
            expect(hostLoop(doc, record)).toEqual(expected);
            expect(outcomeFromJsonLogic(doc, record, apply)).toEqual(expected);
            // `reduce` binding and `var` of `group:name` are standard: another engine agrees.
            expect(outcomeFromJsonLogic(doc, record, applyLogicEngine)).toEqual(expected);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('on random rule files with params, lets of every type and groups using groups', () => {
    fc.assert(
      fc.property(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: 4, maxLength: 4 }), (g, asOf, specs) => {
        const file = generateFile(drawFrom(g));
        const c = checked(file.source, file.params);
        const inline = JSON.parse(JSON.stringify(toJsonLogic(c, { asOf }))) as JsonLogicDocument;
        const referenced = JSON.parse(JSON.stringify(toJsonLogic(c, { asOf, layout: 'referenced' }))) as JsonLogicDocument;
        specs.forEach((spec, i) => {
          const record = materializeRecord(spec, asOf, i + 1);
          const expected = engineOutcome(file.source, record, asOf, file.params);
          expect(hostLoop(referenced, record)).toEqual(expected);
          expect(outcomeFromJsonLogic(inline, record, apply)).toEqual(expected);
        });
      }),
      { numRuns: 150 },
    );
  });
});
