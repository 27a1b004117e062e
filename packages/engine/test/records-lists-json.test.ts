// Lists in typed JSON (LANGUAGE.md §12: "in NDJSON a list is an array of objects"): each element
// read against its declared shape; a malformed element makes the record invalid with a reason that
// names the list, the element (from 1) and the field; a period whose end is before its start is
// invalid; null or absent = missing (unknown when optional, invalid when required); an empty list
// is a list. Personal element values never appear in a reason.
import { describe, expect, it } from 'vitest';
import { compile, recordSchema, type Screener } from '../src/index';

const SOURCE = `record Citizen {
  cpr:      text key personal
  forløb:   list of {
              kind:  one of (dagpenge, kontanthjaelp, jobklub)
              start: date
              end:   date optional
              timer: number 0..37 optional
            } optional
  samtaler: list of { dato: date, form: one of (individuel, gruppe), note: text optional personal, fremmødt: boolean optional, nr: integer optional }
}
group g = cpr = "x"
`;

function screener(codegen: boolean): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23', codegen });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}

const BASE = { cpr: '0101701234', samtaler: [] as unknown[] };
const P = (o: Record<string, unknown>) => ({ kind: 'dagpenge', start: '2025-01-01', ...o });

describe.each([true, false])('codegen %s', (codegen) => {
  const s = screener(codegen);

  describe('a malformed element: the record is invalid, the reason names list, element and field', () => {
    it.each([
      [{ forløb: [P({}), P({}), P({ start: '2025-13-01' })] }, ['forløb[3].start: expected a date YYYY-MM-DD that exists, found "2025-13-01"']],
      [{ forløb: [P({ start: 20250101 })] }, ['forløb[1].start: expected a date YYYY-MM-DD that exists, found 20250101']],
      [{ forløb: [P({ start: undefined })] }, ['forløb[1].start: missing (required)']],
      [{ forløb: [P({ start: null })] }, ['forløb[1].start: missing (required)']],
      [{ forløb: [P({ start: '  ' })] }, ['forløb[1].start: missing (required)']],
      [{ forløb: [P({ kind: 'Dagpenge' })] }, ['forløb[1].kind: expected one of dagpenge, kontanthjaelp, jobklub, found "Dagpenge"']],
      [{ forløb: [P({ timer: 40 })] }, ['forløb[1].timer: expected a number from 0 to 37, found 40']],
      [
        { forløb: [P({ timer: '2,5' })] },
        [
          "forløb[1].timer: expected a number from 0 to 37, found \"2,5\" — in text, '.' and ',' could each be a decimal or a thousands separator (1.000 is a thousand in Danish): write the number as a JSON number (2.5, 1000), not as text",
        ],
      ],
      [{ forløb: [P({}), P({ end: '2025-01-01', start: '2025-03-01' })] }, ['forløb[2]: end 2025-01-01 is before start 2025-03-01']],
      [{ forløb: [7] }, ['forløb[1]: expected an object, found a number']],
      [{ forløb: [null] }, ['forløb[1]: expected an object, found null']],
      [{ forløb: [[P({})]] }, ['forløb[1]: expected an object, found a list']],
      [{ forløb: 'dagpenge' }, ['forløb: expected a list of objects, found text']],
      [{ forløb: { kind: 'dagpenge' } }, ['forløb: expected a list of objects, found an object']],
      [{ samtaler: undefined }, ['samtaler: missing (required)']],
      [{ samtaler: null }, ['samtaler: missing (required)']],
      [{ samtaler: [{ dato: '2025-01-01', form: 'gruppe', nr: 2.5 }] }, ['samtaler[1].nr: expected an integer, found 2.5']],
      [{ samtaler: [{ dato: '2025-01-01', form: 'gruppe', fremmødt: 'måske' }] }, ['samtaler[1].fremmødt: expected a boolean (true/false, t/f, 1/0, ja/nej, yes/no), found "måske"']],
      // Every reason, in declaration order, elements in their order, a field's own first.
      [
        { forløb: [P({ start: 'x', kind: 'y' }), P({ end: '2024-01-01' })], samtaler: [{ form: 'tele' }] },
        [
          'forløb[1].kind: expected one of dagpenge, kontanthjaelp, jobklub, found "y"',
          'forløb[1].start: expected a date YYYY-MM-DD that exists, found "x"',
          'forløb[2]: end 2024-01-01 is before start 2025-01-01',
          'samtaler[1].dato: missing (required)',
          'samtaler[1].form: expected one of individuel, gruppe, found "tele"',
        ],
      ],
    ])('%j', (fields, errors) => {
      const r = s.validateJson({ ...BASE, ...fields });
      expect(r).toEqual({ ok: false, id: '0101701234', errors });
    });
  });

  it('never quotes a personal element value, nor a CPR-like one', () => {
    const r = s.validateJson({ ...BASE, samtaler: [{ dato: '2025-01-01', form: 'gruppe', note: 42 }], forløb: [P({ kind: '0101701234' })] });
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toContain('42');
    expect(text.match(/0101701234/g)?.length).toBe(1); // the id only
    expect(r.ok === false && r.errors).toEqual([
      'forløb[1].kind: expected one of dagpenge, kontanthjaelp, jobklub, found something that looks like a CPR number (value withheld: personal data)',
      'samtaler[1].note: expected text, found a number (value withheld: personal data)',
    ]);
  });

  describe('well-formed lists: elements as null-prototype objects with the declared fields', () => {
    it('reads values as records do (text coerced, trimmed, empty = missing), unknown keys ignored', () => {
      const r = s.validateJson({
        cpr: '0101701234',
        forløb: [{ kind: ' jobklub ', start: '2025-01-01', end: '', timer: '7', extra: 1 }, P({ end: '2025-01-01' })],
        samtaler: [{ dato: '2025-02-02', form: 'gruppe', fremmødt: 'ja', nr: 1, note: null }, { dato: '2025-02-03', form: 'individuel', fremmødt: 0 }],
      });
      if (!r.ok) throw new Error(r.errors.join('; '));
      const forløb = r.record['forløb'] as Record<string, unknown>[];
      expect(forløb.map((e) => ({ ...e }))).toEqual([
        { kind: 'jobklub', start: '2025-01-01', end: undefined, timer: 7 },
        { kind: 'dagpenge', start: '2025-01-01', end: '2025-01-01', timer: undefined },
      ]);
      for (const e of forløb) {
        expect(Object.getPrototypeOf(e)).toBe(null);
        expect(Object.keys(e)).toEqual(['kind', 'start', 'end', 'timer']);
      }
      const samtaler = r.record['samtaler'] as Record<string, unknown>[];
      expect(samtaler.map((e) => ({ ...e }))).toEqual([
        { dato: '2025-02-02', form: 'gruppe', note: undefined, fremmødt: true, nr: 1 },
        { dato: '2025-02-03', form: 'individuel', note: undefined, fremmødt: false, nr: undefined },
      ]);
    });

    it.each([
      ['absent optional list: missing', { samtaler: [] }, undefined],
      ['null optional list: missing', { samtaler: [], forløb: null }, undefined],
      ['empty list: a list', { samtaler: [], forløb: [] }, []],
    ])('%s', (_, fields, expected) => {
      const r = s.validateJson({ cpr: '0101701234', ...fields });
      if (!r.ok) throw new Error(r.errors.join('; '));
      expect(r.record['forløb']).toEqual(expected);
    });

    it('an end equal to the start is a one-day period', () => {
      expect(s.validateJson({ ...BASE, forløb: [P({ end: '2025-01-01' })] }).ok).toBe(true);
    });
  });
});

it('the JSON Schema describes a list as an array of objects with its required fields', () => {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error('rules');
  const schema = recordSchema(compiled.screener.record) as { properties: Record<string, unknown>; required: string[] };
  expect(schema.required).toEqual(['cpr', 'samtaler']);
  expect(schema.properties['forløb']).toEqual({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['dagpenge', 'kontanthjaelp', 'jobklub'] },
        start: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' },
        end: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' },
        timer: { type: 'number', minimum: 0, maximum: 37 },
      },
      required: ['kind', 'start'],
    },
  });
});
