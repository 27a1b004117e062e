// Explanations of list functions (LANGUAGE.md §6, §12): for each any/all/none/count/time_in a
// condition evaluates — directly or through a let — the value (the count, the days, or the range
// that unknown elements leave open), which elements were true and which unknown (1-based, as in
// `forløb[2]`), and those elements' fields, personal ones as •••. Both evaluators explain alike.
import { describe, expect, it } from 'vitest';
import { compile, renderExplanation, type Explanation } from '../src/index';

const RULES = `record P {
  id:     text key personal
  forløb: list of {
            kind:  one of (x, y) optional
            start: date
            end:   date optional
            who:   text optional personal
          } optional
}
let antal = count(forløb where kind = x)
group mange = count(forløb where kind = x) >= 2
group via_let = antal >= 1
group nogen = any(forløb where kind = y)
group tid = time_in(forløb where kind = x, last 10 days) >= 5 days
group alle = count(forløb) = 3
program p {
  require mange "mindst to x-forløb"
}
`;
const AS_OF = '2026-11-23';
const RECORD = {
  id: '0101701234',
  forløb: [
    { kind: 'x', start: '2026-11-20', who: 'Bo Hansen' },
    { start: '2026-11-01', end: '2026-11-16' },
    { kind: 'y', start: '2020-01-01', end: '2020-02-01', who: 'Anna' },
  ],
};

function explain(codegen: boolean, record: Record<string, unknown> = RECORD): Explanation {
  const c = compile(RULES, { asOf: AS_OF, codegen });
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return c.screener.evaluate(record, true).explain!;
}

describe.each([true, false])('codegen %s', (codegen) => {
  it('a count shows the true and unknown elements and the open range', () => {
    const g = explain(codegen).groups['mange']!;
    expect(g.value).toBe(null);
    expect(g.fields).toEqual({ forløb: 3 });
    expect(g.lists).toEqual([
      {
        source: 'count(forløb where kind = x)',
        list: 'forløb',
        value: '1–2',
        true: [1],
        unknown: [2],
        elements: {
          'forløb[1]': { kind: 'x', start: '2026-11-20', end: null, who: '•••' },
          'forløb[2]': { kind: null, start: '2026-11-01', end: '2026-11-16', who: null },
        },
      },
    ]);
  });

  it('through a let, any, time_in days and count without where', () => {
    const e = explain(codegen);
    expect(e.groups['via_let']!.lists?.map((l) => [l.source, l.value])).toEqual([['count(forløb where kind = x)', '1–2']]);
    expect(e.groups['via_let']!.value).toBe(true);
    expect(e.groups['nogen']!.lists?.map((l) => [l.value, l.true, l.unknown])).toEqual([[true, [3], [2]]]);
    // x from 2026-11-20 (open): 4 days of the window 2026-11-14 – 2026-11-23; with the unknown
    // element (2026-11-01 – 2026-11-16) 7 days
    expect(e.groups['tid']!.lists?.map((l) => l.value)).toEqual(['4–7']);
    expect(e.groups['tid']!.value).toBe(null);
    expect(e.groups['alle']!.lists?.map((l) => [l.value, l.true, l.unknown])).toEqual([[3, [1, 2, 3], []]]);
  });

  it('a programme line explains its list functions too', () => {
    const line = explain(codegen).programs['p']!.lines[0]!;
    expect(line.value).toBe(null);
    expect(line.lists).toBeUndefined(); // `mange` is a group: it has its own explanation
    const record = { id: '1', forløb: [{ kind: 'x', start: '2026-01-01' }, { kind: 'x', start: '2026-02-01' }] };
    expect(explain(codegen, record).groups['mange']!.lists?.[0]?.value).toBe(2);
  });

  it('a missing list: value null, nothing counted', () => {
    const g = explain(codegen, { id: '1' }).groups['mange']!;
    expect(g.fields).toEqual({ forløb: null });
    expect(g.lists).toEqual([{ source: 'count(forløb where kind = x)', list: 'forløb', value: null, true: [], unknown: [], elements: {} }]);
  });

  it('an empty list: count 0, any false', () => {
    const e = explain(codegen, { id: '1', forløb: [] });
    expect(e.groups['mange']!.lists?.[0]).toMatchObject({ value: 0, true: [], unknown: [] });
    expect(e.groups['nogen']!.lists?.[0]).toMatchObject({ value: false });
  });

  it('the text names the elements and never a personal value', () => {
    const text = renderExplanation(explain(codegen));
    expect(text).toContain('count(forløb where kind = x) → 1–2; true: forløb[1] (kind: x, start: 2026-11-20, end: missing, who: •••); unknown: forløb[2]');
    expect(text).not.toContain('Bo Hansen');
    expect(text).not.toContain('Anna');
  });
});

it('generated code and closures explain alike', () => {
  expect(explain(false)).toEqual(explain(true));
});

it('rules without lists explain as before (no lists key)', () => {
  const c = compile('record R {\n  a: integer optional\n}\ngroup g = a > 1\n', { asOf: AS_OF });
  if (!c.ok) throw new Error('does not compile');
  expect(Object.keys(c.screener.evaluate({ a: 2 }, true).explain!.groups['g']!)).toEqual(['label', 'source', 'value', 'fields']);
});
