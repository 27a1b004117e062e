// Explanations (LANGUAGE.md §6): one model built from the evaluation trace — label, exact source,
// value and the fields each line read (through lets and groups), personal fields masked; the
// failed lines of an ineligible outcome and the missing fields of an undetermined one; and the
// plain-text rendering the CLI prints.
import { describe, expect, it } from 'vitest';
import { compile, renderExplanation, type Explanation, type TypedRecord } from '../src/index';

const SOURCE = `record Citizen {
  cpr:        text key personal                 "CPR-nummer"
  birth_date: date                              "Fødselsdato"
  literacy:   integer 1..5 optional
  motivated:  boolean optional
  health:     one of (ok, limited, prevents) optional personal
}
let age = age_of(birth_date)
group senior "50 år eller derover" =
  age >= 50 years
group klar = senior and (motivated or literacy >= 3)
program jobklub "Jobklub" {
  require senior                        "Borgeren er senior"
  require (motivated or literacy >= 3) and literacy is known "Motiveret og testet"
  exclude health = prevents             "Helbredet forhindrer"
}
`;

function explain(record: TypedRecord): Explanation {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener.evaluate(record, true).explain!;
}

describe('the explanation model', () => {
  it('explains an ineligible outcome exactly', () => {
    expect(explain({ cpr: '0101701234', birth_date: '1970-01-01', motivated: true, health: 'ok' })).toEqual({
      groups: {
        senior: {
          label: '50 år eller derover',
          source: 'age >= 50 years',
          value: true,
          fields: { birth_date: '1970-01-01' },
        },
        klar: {
          label: null,
          source: 'senior and (motivated or literacy >= 3)',
          value: true,
          fields: { birth_date: '1970-01-01', literacy: null, motivated: true },
        },
      },
      programs: {
        jobklub: {
          label: 'Jobklub',
          outcome: 'ineligible',
          lines: [
            { kind: 'require', label: 'Borgeren er senior', source: 'senior', value: true, fields: { birth_date: '1970-01-01' } },
            {
              kind: 'require',
              label: 'Motiveret og testet',
              source: '(motivated or literacy >= 3) and literacy is known',
              value: false,
              fields: { literacy: null, motivated: true },
            },
            { kind: 'exclude', label: 'Helbredet forhindrer', source: 'health = prevents', value: false, fields: { health: '•••' } },
          ],
          failed: [1],
          missing: [],
        },
      },
    });
  });

  it.each([
    // personal fields with a value are masked; missing ones are null
    [{ cpr: 'x', birth_date: '1970-01-01', health: 'prevents' }, 2, { health: '•••' }],
    [{ cpr: 'x', birth_date: '1970-01-01' }, 2, { health: null }],
    [{ cpr: 'x', birth_date: '1990-01-01', literacy: 4 }, 1, { literacy: 4, motivated: null }],
  ] as [TypedRecord, number, Record<string, unknown>][])('record %j, line %d reads %j', (record, line, fields) => {
    expect(explain(record).programs.jobklub!.lines[line]!.fields).toEqual(fields);
  });

  it.each([
    [{ cpr: 'x', birth_date: '1990-01-01', motivated: true, literacy: 4, health: 'ok' }, 'ineligible', [0], []],
    [{ cpr: 'x', birth_date: '1990-01-01', literacy: 1, health: 'prevents' }, 'ineligible', [0, 2], []],
    [{ cpr: 'x', birth_date: '1990-01-01', motivated: false, literacy: 1, health: 'prevents' }, 'ineligible', [0, 1, 2], []],
    [{ cpr: 'x', birth_date: '1970-01-01', motivated: true, literacy: 4 }, 'undetermined', [], ['health']],
    [{ cpr: 'x', birth_date: '1970-01-01', literacy: 2 }, 'undetermined', [], ['motivated', 'health']],
    [{ cpr: 'x', birth_date: '1970-01-01', literacy: 3, health: 'limited' }, 'eligible', [], []],
  ] as [TypedRecord, string, number[], string[]][])('%j → %s, failed %j, missing %j', (record, outcome, failed, missing) => {
    const p = explain(record).programs.jobklub!;
    expect(p.outcome).toBe(outcome);
    expect(p.failed).toEqual(failed);
    expect(p.missing).toEqual(missing);
  });

  it('never contains the value of a personal field', () => {
    const e = explain({ cpr: '0101701234', birth_date: '1970-01-01', health: 'limited' });
    const text = JSON.stringify(e) + renderExplanation(e);
    expect(text).not.toContain('0101701234');
    expect(text).not.toContain('limited');
    expect(text).toContain('•••');
  });
});

describe('renderExplanation', () => {
  const e = explain({ cpr: '0101701234', birth_date: '1970-01-01', motivated: true, health: 'ok' });

  it('renders one line per group and per programme line', () => {
    expect(renderExplanation(e).split('\n')).toEqual([
      '✓ group senior = age >= 50 years  "50 år eller derover"  → true (birth_date: 1970-01-01)',
      '✓ group klar = senior and (motivated or literacy >= 3)  → true (birth_date: 1970-01-01, literacy: missing, motivated: true)',
      'program jobklub  "Jobklub"  → ineligible',
      '  ✓ require senior  "Borgeren er senior"  → true (birth_date: 1970-01-01)',
      '  ✗ require (motivated or literacy >= 3) and literacy is known  "Motiveret og testet"  → false (literacy: missing, motivated: true)',
      '  ✓ exclude health = prevents  "Helbredet forhindrer"  → false (health: •••)',
    ]);
  });

  it.each([
    [{ program: 'jobklub' }, 4],
    [{ group: 'senior' }, 1],
    [{ group: 'klar', program: 'jobklub' }, 5],
    [{ program: 'nothing' }, 0],
  ])('%j renders %d lines', (options, count) => {
    const text = renderExplanation(e, options);
    expect(text === '' ? 0 : text.split('\n').length).toBe(count);
  });

  it('marks unknown lines with ? and names the missing fields', () => {
    const u = explain({ cpr: 'x', birth_date: '1970-01-01', motivated: true, literacy: 4 });
    expect(renderExplanation(u, { program: 'jobklub' }).split('\n')).toEqual([
      'program jobklub  "Jobklub"  → undetermined (missing: health)',
      '  ✓ require senior  "Borgeren er senior"  → true (birth_date: 1970-01-01)',
      '  ✓ require (motivated or literacy >= 3) and literacy is known  "Motiveret og testet"  → true (literacy: 4, motivated: true)',
      '  ? exclude health = prevents  "Helbredet forhindrer"  → unknown (health: missing)',
    ]);
  });
});

describe('every line has a value, whatever its form', () => {
  const source = `record R { a: boolean optional }
param flag = true
group literal = true
group by_param = flag
program p {
  require true
  require flag
  exclude false
  require a
}`;
  it.each([
    [{ a: true }, [true, true, false, true], 'eligible'],
    [{}, [true, true, false, null], 'undetermined'],
  ] as [TypedRecord, (boolean | null)[], string][])('%j → lines %j', (record, values, outcome) => {
    const compiled = compile(source, { asOf: '2026-11-23' });
    if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
    const e = compiled.screener.evaluate(record, true).explain!;
    expect(e.programs.p!.lines.map((l) => l.value)).toEqual(values);
    expect(e.programs.p!.outcome).toBe(outcome);
    expect([e.groups.literal!.value, e.groups.by_param!.value]).toEqual([true, true]);
  });
});
