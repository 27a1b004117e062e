// Safety: evaluation reads only a record's own, declared fields (no prototype pollution in or
// out); nothing from a record is ever run as code; deep or huge expressions are refused with a
// diagnostic, never a stack overflow.
import { afterEach, describe, expect, it } from 'vitest';
import { compile, type Screener } from '../src/index';

function screener(source: string): Screener {
  const compiled = compile(source, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}

const s = screener(`record R {
  id:    text key
  level: integer 1..5 optional
  ok:    boolean optional
  note:  text optional
}
group g = level >= 3 and ok
group noted = note is known
`);

const pollutedKeys = (): unknown[] => {
  const probe: Record<string, unknown> = {};
  return ['polluted', 'level', 'ok', 'note'].map((k) => probe[k]);
};

afterEach(() => {
  // A failing test must not leave Object.prototype polluted for the next one.
  for (const k of ['polluted', 'level', 'ok', 'note']) delete (Object.prototype as Record<string, unknown>)[k];
});

describe('records with prototype-shaped keys change nothing and pollute nothing', () => {
  const base = '"id": "a", "level": 4, "ok": true';
  it.each([
    [`{${base}, "__proto__": {"polluted": 1, "level": 1}}`],
    [`{${base}, "constructor": {"prototype": {"polluted": 1}}}`],
    [`{${base}, "toString": "x", "valueOf": 1}`],
    [`{${base}, "hasOwnProperty": "x"}`],
    [`{"__proto__": {"level": 5, "ok": true, "note": "x"}, "id": "a"}`],
  ])('%s', (json) => {
    const input: unknown = JSON.parse(json);
    const clean = JSON.parse(json, (k, v: unknown) => (['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'].includes(k) ? undefined : v));
    expect(s.screen(input, { explain: true })).toEqual(s.screen(clean, { explain: true }));
    expect(s.evaluate(input as Record<string, unknown>, true)).toEqual(s.evaluate(clean, true));
    expect(pollutedKeys()).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('a CSV header with such names is ignored with a warning and pollutes nothing', () => {
    const reader = s.csvReader(['id', '__proto__', 'constructor', 'level']);
    expect(reader.warnings).toContain('ignoring 2 columns not in the record declaration: "__proto__", "constructor"');
    const result = reader.read(['a', '{"polluted":1}', 'x', '4']);
    expect(result).toMatchObject({ ok: true, id: 'a' });
    expect(pollutedKeys()).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('a declared field missing from the record is never read from a prototype', () => {
  it.each([
    ['Object.prototype is polluted', () => {
      Object.assign(Object.prototype, { level: 5, ok: true, note: 'x' });
      return { id: 'a' };
    }],
    ['the record inherits from an object', () => Object.assign(Object.create({ level: 5, ok: true, note: 'x' }) as object, { id: 'a' })],
    ['the record is a class instance', () => {
      class Base {
        get level() {
          return 5;
        }
      }
      return Object.assign(new Base(), { id: 'a', ok: true });
    }],
  ])('when %s', (_, make) => {
    const record = make() as Record<string, unknown>;
    expect(s.evaluate(record).groups).toEqual({ g: null, noted: false });
    expect(s.screen(record)).toMatchObject({ status: 'ok', groups: { g: null, noted: false } });
  });

  // Names of Object.prototype members are refused by the checker (json-logic-js would read them as
  // present in every record); the names that remain are read from own properties only.
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'])(
    'a field cannot be named %s',
    (name) => {
      const result = compile(`record R { ${name}: text optional }`, { asOf: '2026-11-23' });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => d.code)).toContain('reserved-name');
    },
  );
});

describe('nothing from a record is run as code', () => {
  it.each([
    ['"); globalThis.hacked = 1; ("'],
    ['${globalThis.hacked = 1}'],
    ['\\"; globalThis.hacked = 1; //'],
    ['</script><script>globalThis.hacked = 1</script>'],
  ])('a value %j is only a value', (value) => {
    const before = s.code;
    expect(s.screen({ id: value, level: 3, note: value }, { explain: true })).toMatchObject({ id: value, status: 'ok' });
    expect(s.csvReader(['id', 'note']).read([value, value])).toMatchObject({ ok: true });
    expect((globalThis as Record<string, unknown>).hacked).toBe(undefined);
    expect(s.code).toBe(before);
  });

  it('text literals with quotes, backslashes and line separators are embedded exactly', () => {
    const t = screener('record R { t: text optional }\ngroup g = t = "a\\"b\\\\c\u2028d"');
    expect(t.evaluate({ t: 'a"b\\c\u2028d' }).groups.g).toBe(true);
    expect(t.evaluate({ t: 'a"b\\c' }).groups.g).toBe(false);
  });
});

describe('deep or huge expressions are refused with a diagnostic', () => {
  const record = 'record R { a: integer optional\n b: boolean optional }\n';
  it.each([
    ['10,000 nested parentheses', `group g = ${'('.repeat(10_000)}a > 1${')'.repeat(10_000)}`],
    ['10,000 nots', `group g = ${'not '.repeat(10_000)}b`],
    ['10,000 minus signs', `group g = ${'- '.repeat(10_000)}a > 1`],
    ['an and-chain of 10,000', `group g = ${Array.from({ length: 10_000 }, () => 'b').join(' and ')}`],
    ['a sum of 10,000 terms', `group g = ${Array.from({ length: 10_000 }, () => 'a').join(' + ')} > 1`],
    ['a let of 10,000 terms', `let x = ${Array.from({ length: 10_000 }, () => 'a').join(' * ')}\ngroup g = x > 1`],
  ])('%s → too-deep', (_, body) => {
    let result: ReturnType<typeof compile> | undefined;
    expect(() => {
      result = compile(record + body, { asOf: '2026-11-23' });
    }).not.toThrow();
    expect(result!.ok).toBe(false);
    expect(result!.diagnostics.map((d) => d.code)).toContain('too-deep');
  });

  it('long but reasonable expressions compile and evaluate', () => {
    const t = screener(`${record}group g = ${Array.from({ length: 300 }, (_, i) => `a != ${i + 1000}`).join(' and ')} and b
group h = ${Array.from({ length: 200 }, () => 'a').join(' + ')} = 400`);
    expect(t.evaluate({ a: 2, b: true }).groups).toEqual({ g: true, h: true });
    expect(t.evaluate({ a: 1000, b: true }).groups).toEqual({ g: false, h: false });
    expect(t.evaluate({ b: true }).groups).toEqual({ g: null, h: null });
  });
});
