// Conformance: the outcomes LANGUAGE.md fixes, computed by hand from the reference (not from the
// engine) and kept in test/conformance/cases.json next to the rule files they use. Each case is
// one record screened at one reference date, possibly with params overridden; the expected row
// is the NDJSON row of §10 (`groups` true/false/null, `programs` eligible/ineligible/undetermined,
// or `status: "invalid"` for a record that does not fit the declaration, §7).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'conformance');

interface Case {
  rules: string;
  asOf: string;
  params?: Record<string, string>;
  record: Record<string, unknown>;
  status: 'ok' | 'invalid';
  groups?: Record<string, boolean | null>;
  programs?: Record<string, 'eligible' | 'ineligible' | 'undetermined'>;
  why: string;
}

const cases: Case[] = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8'));

/** The fields each rule file marks `personal`, as written in the files (not read from the engine). */
const PERSONAL: Record<string, string[]> = {
  'example.visit': ['cpr'],
  'unicode.visit': ['cpr'],
};

const screeners = new Map<string, ReturnType<typeof compile>>();
function compiled(c: Case) {
  const key = JSON.stringify([c.rules, c.asOf, c.params ?? {}]);
  let result = screeners.get(key);
  if (!result) {
    const source = readFileSync(join(DIR, c.rules), 'utf8');
    result = compile(source, { asOf: c.asOf, params: c.params });
    screeners.set(key, result);
  }
  return result;
}

function label(c: Case, i: number): string {
  const params = c.params ? ` with ${JSON.stringify(c.params)}` : '';
  return `#${i + 1} ${c.rules} @${c.asOf}${params} ${JSON.stringify(c.record)} — ${c.why}`;
}

describe('conformance cases (hand-computed from LANGUAGE.md)', () => {
  it('has at least 120 cases, invalid ones included', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect(cases.filter((c) => c.status === 'invalid').length).toBeGreaterThan(10);
  });

  it.each(cases.map((c, i) => [label(c, i), c] as const))('%s', (_name, c) => {
    const result = compiled(c);
    if (!result.ok) throw new Error(`${c.rules} does not compile: ${JSON.stringify(result.diagnostics)}`);
    const row = result.screener.screen(structuredClone(c.record), { row: 1 });

    expect(row.status).toBe(c.status);
    const keyField = result.screener.keyField;
    const key = keyField ? c.record[keyField] : undefined;
    // §10: `id` is the key's value, also on an invalid row where it could be read, or null.
    if (typeof key === 'string' && key.trim() !== '') expect(row.id).toBe(key);
    else if (key === undefined || key === null || key === '') expect(row.id).toBeNull();

    if (c.status === 'ok') {
      expect(row.status === 'ok' && row.groups).toEqual(c.groups);
      expect(row.status === 'ok' && row.programs).toEqual(c.programs);
    } else {
      // §10: `errors` lists the reasons and `groups`/`programs` are absent.
      const errors = row.status === 'invalid' ? row.errors : [];
      expect(Array.isArray(errors) && errors.length).toBeGreaterThan(0);
      expect(row).not.toHaveProperty('groups');
      expect(row).not.toHaveProperty('programs');
      // §3: a personal value is never printed in diagnostics.
      for (const field of PERSONAL[c.rules] ?? []) {
        const value = c.record[field];
        if (value === undefined || value === null || value === '') continue;
        for (const error of errors) expect(error).not.toContain(String(value));
      }
    }
  });
});

describe('conformance: the personal fields the cases assume', () => {
  it.each(Object.entries(PERSONAL))('%s marks %j personal', (rules, fields) => {
    const result = compile(readFileSync(join(DIR, rules), 'utf8'), { asOf: '2026-11-23' });
    if (!result.ok) throw new Error('does not compile');
    const personal = result.screener.record.fields.filter((f) => f.personal).map((f) => f.name);
    expect(personal).toEqual(fields);
  });
});

describe('conformance: the checks §4 and §8 require before anything runs', () => {
  const base = `record R {
  id: text key
  weeks_on_benefit: number in weeks optional
  benefit: one of (dagpenge, kontanthjaelp) optional
  literacy: integer 1..5 optional
  born: date optional
}
`;
  const fails = (source: string, params?: Record<string, string>) => {
    const result = compile(base + source, { asOf: '2026-11-23', params });
    expect(result.ok).toBe(false);
    return result.diagnostics.map((d) => d.message).join('\n');
  };

  it('clean file compiles', () => {
    const result = compile(base + 'group g = literacy >= 3\n', { asOf: '2026-11-23' });
    expect(result.ok).toBe(true);
  });
  it('a unit mismatch says why and suggests the threshold in weeks', () => {
    expect(fails('group g = weeks_on_benefit >= 6 months\n')).toMatch(/26 weeks/);
  });
  it('comparing an enum with a number', () => {
    fails('group g = benefit = 3\n');
  });
  it('an unknown enum value', () => {
    fails('group g = benefit = efterloen\n');
  });
  it('a misspelt name gets a "did you mean"', () => {
    expect(fails('group g = literacyy >= 3\n')).toMatch(/did you mean/i);
  });
  it('a require line that is not boolean', () => {
    fails('program p {\n  require literacy\n}\n');
  });
  it('a cycle between groups', () => {
    fails('group g = h\ngroup h = g\n');
  });
  it('a date literal that is not a real day', () => {
    fails('group g = born < 2023-02-30\n');
  });
  it('a given that does not fit the record', () => {
    fails('group g = literacy >= 3\ntest "t" {\n  given { id: "1", literacy: "three" }\n  expect g\n}\n');
  });
  it('a keyword cannot be a name', () => {
    fails('group between = literacy >= 3\n');
  });
  it('a param override with the wrong type', () => {
    fails('param min = 3\ngroup g = literacy >= min\n', { min: '4 months' });
  });
});

describe('conformance: names (§2)', () => {
  const file = (names: string) => `record R {\n  id: text key\n  x: integer optional\n}\n${names}`;
  it('a name may start with _ or any Unicode letter, and names are case-sensitive', () => {
    const result = compile(
      file('group _privat = x > 1\ngroup größe = x > 2\ngroup δέλτα = x > 3\ngroup 名前 = x > 4\ngroup Größe = x > 5\n'),
      { asOf: '2026-11-23' },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.screener.screen({ id: '1', x: 3 }).status === 'ok' && result.screener.screen({ id: '1', x: 3 })).toMatchObject({
      groups: { _privat: true, größe: true, δέλτα: false, 名前: false, Größe: false },
    });
  });
  it.each(['between', 'known', 'weeks', 'day', 'eligible', 'unknown', 'optional', 'personal'])(
    'the keyword %s cannot be a name',
    (word) => {
      expect(compile(file(`group ${word} = x > 1\n`), { asOf: '2026-11-23' }).ok).toBe(false);
    },
  );
  it('names are unique in a file', () => {
    expect(compile(file('group g = x > 1\ngroup g = x > 2\n'), { asOf: '2026-11-23' }).ok).toBe(false);
  });
});

describe('conformance: param overrides are checked like the declaration (§10)', () => {
  const source = readFileSync(join(DIR, 'params.visit'), 'utf8');
  it.each([
    ['an unknown param', { nosuch: '1' }],
    ['a text for a number', { lo: '"x"' }],
    ['a date that is not a real day', { cutoff: '2023-02-30' }],
    ['a number for a date', { cutoff: '3' }],
    ['a bare word for a text', { hjem: 'Odense' }],
    ['a number for a boolean', { kræv: '3' }],
    ['a plain number for a duration', { alder: '18' }],
  ] as const)('%s is refused', (_name, params) => {
    expect(compile(source, { asOf: '2026-11-23', params: { ...params } }).ok).toBe(false);
  });
  it('a well-typed override is accepted', () => {
    expect(compile(source, { asOf: '2026-11-23', params: { lo: '-2.5', kræv: 'false', hjem: '"Odense"' } }).ok).toBe(true);
  });
});
