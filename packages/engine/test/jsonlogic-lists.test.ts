// JSON Logic for lists (LANGUAGE.md §9, §12): any/all/none/count compile with standard `some`,
// `none`, `filter` and `reduce` only, in the holds/fails encoding, and json-logic-js gives the
// engine's outcome on records as the engine reads them — the empty list included (json-logic-js's
// `all` is false on an empty list, §12 says true); time_between and time_in are refused as
// not-portable, naming the call and its line; time_since inside where is portable.
import { describe, expect, it } from 'vitest';
import jsonLogic from 'json-logic-js';
import { check } from '@visit/dsl';
import { compile } from '../src/index';
import { JsonLogicNotPortable, outcomeFromJsonLogic, toJsonLogic, type JsonLogic, type JsonLogicApply } from '../src/jsonlogic';

const apply: JsonLogicApply = (logic, data) => jsonLogic.apply(logic as unknown as Parameters<typeof jsonLogic.apply>[0], data) as unknown;
const AS_OF = '2026-11-23';
const RULES = `record P {
  id:     text key
  forløb: list of { kind: one of (x, y) optional, start: date, end: date optional } optional
}
group nogen   = any(forløb where kind = x)
group alle    = all(forløb where kind = x)
group ingen   = none(forløb where kind = x)
group to      = count(forløb where kind = x) >= 2
group nul     = count(forløb) = 0
group præcis  = count(forløb where kind = x) = 1
group er_kendt   = count(forløb where kind = x) is known
group nylig   = any(forløb where time_since(end) < 12 months)
group løber   = any(forløb where end is missing)
program p {
  require alle
  exclude to
}
`;

const STANDARD = new Set(['var', 'some', 'none', 'filter', 'reduce', '+', '===', '!==', '<', '<=', '>', '>=', '!', 'and', 'or', 'if', 'in', '%', '-', '*', '/']);
function operators(x: JsonLogic, into: Set<string>): Set<string> {
  if (Array.isArray(x)) x.forEach((y) => operators(y, into));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) into.add(k) && operators(v, into);
  return into;
}

const x = (start: string, end?: string) => ({ kind: 'x', start, ...(end ? { end } : {}) });
const RECORDS: Record<string, unknown>[] = [
  { id: 'a' },
  { id: 'b', forløb: null },
  { id: 'c', forløb: [] },
  { id: 'd', forløb: [x('2026-01-01')] },
  { id: 'e', forløb: [x('2026-01-01', '2026-02-01'), { start: '2026-03-01' }] },
  { id: 'f', forløb: [x('2026-01-01'), x('2025-01-01', '2025-11-23'), { kind: 'y', start: '2020-01-01', end: '2020-01-02' }] },
  { id: 'g', forløb: [{ start: '2026-01-01' }, { start: '2025-01-01', end: '2025-11-24' }] },
];

describe('json-logic-js agrees with the engine on lists', () => {
  const checked = check(RULES);
  const doc = JSON.parse(JSON.stringify(toJsonLogic(checked, { asOf: AS_OF }))) as ReturnType<typeof toJsonLogic>;
  const engine = compile(RULES, { asOf: AS_OF });
  if (!engine.ok) throw new Error('does not compile');

  it('uses standard operations only (no `all`)', () => {
    const ops = operators(doc as unknown as JsonLogic, new Set());
    ops.delete('asOf');
    const used = [...operators(JSON.parse(JSON.stringify(Object.values(doc.groups).map((g) => [g.holds, g.fails]))) as JsonLogic, new Set())];
    expect(used.filter((o) => !STANDARD.has(o))).toEqual([]);
    expect(used).toContain('some');
    expect(used).not.toContain('all');
  });

  it.each(RECORDS.map((r) => [r['id'], r]))('record %s', (_id, record) => {
    const viaJsonLogic = outcomeFromJsonLogic(doc, record as Record<string, unknown>, apply);
    const e = engine.screener.evaluate(record as Record<string, unknown>);
    expect(viaJsonLogic).toEqual({ groups: e.groups, programs: e.programs });
  });

  it('the empty list: any false, all true, none true, count 0', () => {
    const o = outcomeFromJsonLogic(doc, { id: 'c', forløb: [] }, apply);
    expect(o.groups).toMatchObject({ nogen: false, alle: true, ingen: true, to: false, nul: true, præcis: false, er_kendt: true });
    expect(o.programs['p']).toBe('eligible');
  });

  it('a missing list: unknown', () => {
    const o = outcomeFromJsonLogic(doc, { id: 'a' }, apply);
    expect(o.groups).toMatchObject({ nogen: null, alle: null, ingen: null, to: null, nul: null, er_kendt: false });
  });
});

describe('time_between and time_in are not portable', () => {
  const base = `record P {
  id: text key
  a:  date optional
  b:  date optional
  forløb: list of { kind: one of (x, y) optional, start: date, end: date optional } optional
}
let ventetid = time_between(a, b)
`;
  it.each([
    ['group g = time_between(a, b) > 4 weeks', 'time_between(a, b)', 8],
    ['group g = ventetid > 4 weeks', 'time_between(a, b)', 7],
    ['group g = ventetid is known', 'time_between(a, b)', 7],
    ['group g = true\nprogram p {\n  require time_in(forløb where kind = x, last 52 weeks) >= 42 weeks\n}', 'time_in(forløb where kind = x, last 52 weeks)', 10],
  ] as const)('%s', (decl, call, line) => {
    const checked = check(`${base}${decl}\n`);
    expect(checked.hasErrors).toBe(false);
    let error: unknown;
    try {
      toJsonLogic(checked, { asOf: AS_OF });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonLogicNotPortable);
    const e = error as JsonLogicNotPortable;
    expect(e.code).toBe('not-portable');
    expect(e.range.start.line).toBe(line);
    expect(e.message).toContain(call);
  });

  it('a let of time_between that is never used does not stop the compile', () => {
    expect(() => toJsonLogic(check(`${base}group g = a is known\n`), { asOf: AS_OF })).not.toThrow();
  });
});
