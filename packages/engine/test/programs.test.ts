// Programme outcomes (LANGUAGE.md §5): ineligible if a require is false or an exclude true;
// eligible if every require is true and every exclude false; otherwise undetermined, naming the
// missing fields that would decide it. Groups are true/false/unknown.
import { describe, expect, it } from 'vitest';
import { compile, type Screener, type TypedRecord } from '../src/index';

const SOURCE = `record R {
  id:     text key
  a:      boolean optional
  b:      boolean optional
  n:      integer optional
  health: one of (ok, limited, prevents) optional personal
}
group g = a or b
program p "Programmet" {
  require a              "A skal gælde"
  require n >= 3         "Mindst 3"
  exclude health = prevents "Helbredet forhindrer"
}
program only_excludes {
  exclude a
  exclude b
}
program empty {
}
`;

function screener(): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}

const s = screener();

describe('programme outcome', () => {
  it.each([
    [{ a: true, n: 3, health: 'ok' }, 'eligible'],
    [{ a: false, n: 3, health: 'ok' }, 'ineligible'],
    [{ a: true, n: 2, health: 'ok' }, 'ineligible'],
    [{ a: true, n: 3, health: 'prevents' }, 'ineligible'],
    // a false line decides even when others are unknown
    [{ a: false }, 'ineligible'],
    [{ health: 'prevents' }, 'ineligible'],
    [{ a: true, n: 3 }, 'undetermined'],
    [{ a: true, health: 'ok' }, 'undetermined'],
    [{}, 'undetermined'],
  ] as [TypedRecord, string][])('p for %j is %s', (record, expected) => {
    expect(s.evaluate(record).programs.p).toBe(expected);
  });

  it.each([
    [{ a: false, b: false }, 'eligible'],
    [{ a: true, b: false }, 'ineligible'],
    [{ a: false }, 'undetermined'],
    [{ b: true }, 'ineligible'],
  ] as [TypedRecord, string][])('a programme of exclude lines for %j is %s', (record, expected) => {
    expect(s.evaluate(record).programs.only_excludes).toBe(expected);
  });

  it('a programme without lines admits everyone', () => {
    expect(s.evaluate({}).programs.empty).toBe('eligible');
  });
});

describe('groups are true, false or unknown (null)', () => {
  it.each([
    [{ a: true }, true],
    [{ a: false, b: false }, false],
    [{ a: false }, null],
  ] as [TypedRecord, boolean | null][])('g for %j is %s', (record, expected) => {
    expect(s.evaluate(record).groups.g).toBe(expected);
  });
});

describe('an undetermined outcome names the missing fields that would decide it', () => {
  it.each([
    [{ a: true, n: 3 }, ['health']],
    [{ a: true, health: 'ok' }, ['n']],
    [{ health: 'ok' }, ['a', 'n']],
    [{}, ['a', 'n', 'health']],
    // decided outcomes name nothing
    [{ a: false }, []],
    [{ a: true, n: 3, health: 'ok' }, []],
  ] as [TypedRecord, string[]][])('%j → missing %j', (record, missing) => {
    expect(s.evaluate(record, true).explain!.programs.p!.missing).toEqual(missing);
  });
});

describe('the outcome is the same with and without an explanation', () => {
  const records: TypedRecord[] = [
    {},
    { a: true },
    { a: false, n: 5 },
    { a: true, n: 3, health: 'ok' },
    { b: true, health: 'prevents' },
    { a: true, b: false, n: 1 },
  ];
  it.each(records)('%j', (record) => {
    const plain = s.evaluate(record);
    const explained = s.evaluate(record, true);
    expect({ groups: explained.groups, programs: explained.programs }).toEqual(plain);
  });
});
