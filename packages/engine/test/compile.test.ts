// compile(): rules source or checked file + reference date + param overrides → a screener, or the
// checker's diagnostics (never a throw). Param overrides change outcomes exactly like an edit.
import { describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { compile } from '../src/index';

const SOURCE = `record R {
  id:    text key
  born:  date
  level: integer 1..5 optional
}
let age = age_of(born)
param min_age   = 30 years "Mindstealder"
param min_level = 3
group voksen = age >= min_age
program kursus {
  require voksen
  require level >= min_level
}
`;

function codes(result: ReturnType<typeof compile>): string[] {
  return result.diagnostics.map((d) => d.code);
}

describe('compile errors come back as diagnostics', () => {
  it.each([
    ['2026-13-01'],
    ['2026-02-30'],
    ['26-11-23'],
    [''],
    ['2026-11-23T00:00:00Z'],
  ])('reference date %j → invalid-as-of', (asOf) => {
    const result = compile(SOURCE, { asOf });
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['invalid-as-of']);
    expect(result.diagnostics[0]!.message).toContain('expected a date YYYY-MM-DD that exists');
  });

  it.each([
    [{ min_alder: '4 years' }, 'unknown-param'],
    [{ min_level: '"three"' }, 'invalid-param-override'],
    [{ min_age: '30' }, 'invalid-param-override'],
  ])('params %j → %s', (params, code) => {
    const result = compile(SOURCE, { asOf: '2026-11-23', params });
    expect(result.ok).toBe(false);
    expect(codes(result)).toContain(code);
  });

  it.each([
    ['group g = nonsense >= 3', 'unknown-name'],
    ['group g = level = "x"', 'type-mismatch'],
    ['group g = (', 'syntax'],
  ])('%s → %s', (line, code) => {
    const result = compile(`${SOURCE}\n${line}\n`, { asOf: '2026-11-23' });
    expect(result.ok).toBe(false);
    expect(codes(result).some((c) => c.startsWith(code))).toBe(true);
  });

  it.each([[''], ['\u0000'], ['record'], ['}}}}'], ['group g = '.repeat(50)]])('never throws on %j', (source) => {
    expect(() => compile(source, { asOf: '2026-11-23' })).not.toThrow();
  });

  it.each([[null], [42], [{}]])('a source that is neither text nor a checked file (%j) → invalid-source', (source) => {
    const result = compile(source as unknown as string, { asOf: '2026-11-23' });
    expect(codes(result)).toEqual(['invalid-source']);
  });

  it('warnings come back with a screener', () => {
    const result = compile(`${SOURCE}\nparam unused = 1\n`, { asOf: '2026-11-23' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'unused-param']]);
  });
});

describe('param overrides', () => {
  const record = { id: 'a', born: '2000-01-01', level: 2 };
  it.each([
    [{}, false, 'ineligible'],
    [{ min_age: '20 years' }, true, 'ineligible'],
    [{ min_age: '20 years', min_level: '2' }, true, 'eligible'],
    [{ min_age: '240 months', min_level: '2' }, true, 'eligible'],
    [{ min_age: '27 years' }, false, 'ineligible'],
  ])('%j → voksen %s, kursus %s', (params, voksen, kursus) => {
    const result = compile(SOURCE, { asOf: '2026-11-23', params });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(result.screener.evaluate(record)).toEqual({ groups: { voksen }, programs: { kursus } });
  });
});

describe('a checked file compiles too', () => {
  it('without params it is used as it is', () => {
    const result = compile(check(SOURCE), { asOf: '2026-11-23' });
    expect(result.ok && result.screener.evaluate({ born: '1990-01-01', level: 3 }).programs.kursus).toBe('eligible');
  });

  it('with params it is checked again with the overrides', () => {
    const result = compile(check(SOURCE), { asOf: '2026-11-23', params: { min_level: '4' } });
    expect(result.ok && result.screener.evaluate({ born: '1990-01-01', level: 3 }).programs.kursus).toBe('ineligible');
  });

  it('a checked file with errors gives its diagnostics', () => {
    const result = compile(check('record R { a: integer }\ngroup g = b'), { asOf: '2026-11-23' });
    expect(result.ok).toBe(false);
    expect(codes(result)).toContain('unknown-name');
  });
});

describe('the reference date moves the calendar', () => {
  it.each([
    ['2026-11-23', 'ineligible'],
    ['2029-12-31', 'ineligible'],
    ['2030-01-01', 'eligible'],
  ])('as of %s, born 2000-01-01 with level 3 → %s', (asOf, outcome) => {
    const result = compile(SOURCE, { asOf });
    expect(result.ok && result.screener.evaluate({ born: '2000-01-01', level: 3 }).programs.kursus).toBe(outcome);
  });
});
