// Every example in the language reference parses; the whole-file example also checks clean.
import { describe, expect, it } from 'vitest';
import { check, parse } from '../src/index';
import { referenceExamples, section1Example } from './support/fixtures';

describe('the examples of LANGUAGE.md', () => {
  it.each(referenceExamples.map((source, i) => [i + 1, source] as const))('example %i parses without syntax errors', (_i, source) => {
    // §8 writes `given { field: value, … }` as a placeholder; a real entry stands in for it.
    expect(parse(source.replace('field: value, …', 'birth_date: 1970-01-01')).diagnostics).toEqual([]);
  });

  it('§1 checks clean: no errors and no warnings', () => {
    expect(check(section1Example).diagnostics).toEqual([]);
  });

  it('§1 declares what the reference shows', () => {
    const checked = check(section1Example);
    expect({
      fields: [...checked.fields.keys()],
      lets: [...checked.lets.keys()],
      params: [...checked.params.keys()],
      groups: [...checked.groups.keys()],
      programs: [...checked.programs.keys()],
      tests: checked.tests.map((t) => t.title.value),
    }).toEqual({
      fields: ['cpr', 'birth_date', 'unemployed_since', 'education', 'literacy', 'benefit', 'motivated'],
      lets: ['age', 'ledighed'],
      params: ['min_ledighed'],
      groups: ['unge', 'voksne', 'seniorer'],
      programs: ['jobklub'],
      tests: ['56-årig dagpengemodtager uden læsetest'],
    });
  });

  it('§1 record fields keep their types, ranges, modifiers and labels', () => {
    const checked = check(section1Example);
    const literacy = checked.fields.get('literacy')!;
    const cpr = checked.fields.get('cpr')!;
    expect(checked.fieldTypes.get('literacy')).toEqual({ kind: 'number', integer: true });
    expect(literacy.type.kind === 'PrimitiveType' && [literacy.type.bounds?.min.value, literacy.type.bounds?.max.value]).toEqual([1, 5]);
    expect(literacy.modifiers.map((m) => m.modifier)).toEqual(['optional']);
    expect(literacy.label?.value).toBe('Læseniveau (FVU-trin)');
    expect(cpr.modifiers.map((m) => m.modifier)).toEqual(['key', 'personal']);
    expect(checked.fieldTypes.get('benefit')).toEqual({ kind: 'enum', values: ['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge'] });
  });

  it('§1 test block: as of, given and every expectation', () => {
    const [test] = check(section1Example).tests;
    expect(test?.asOf?.value).toBe('2026-11-23');
    expect(test?.given?.entries.map((e) => e.name.text)).toEqual(['cpr', 'birth_date', 'benefit', 'education', 'motivated']);
    expect(test?.expectations.map((e) => [e.target.text, e.expected])).toEqual([
      ['seniorer', 'true'],
      ['voksne', 'false'],
      ['jobklub', 'undetermined'],
    ]);
  });
});
