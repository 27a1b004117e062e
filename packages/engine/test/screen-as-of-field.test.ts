// LANGUAGE.md §14: a reference date per row. Each row screened with compileDated equals the same
// row screened by a screener compiled for that row's date alone (a differential property test over
// generated rule files and records), with `asOf` after `id`, programmes not in force `null`, and a
// row whose date field is missing invalid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileDated, type DatedScreenResult } from '../src/index';

const record = `record C {
  id: text key
  født: date
  ledig_siden: date optional
  visiteret: date optional
  antal_uger: integer in weeks optional
}
`;

const rules =
  record +
  `param max_praktik = 8 weeks
param max_praktik = 4 weeks from 2017-01-01
let ledighed = time_since(ledig_siden)
group kort = antal_uger <= max_praktik
group unge until 2016-06-30 = age_of(født) < 30 years
group unge from 2016-07-01 = age_of(født) < 25 years
program hovedvej3 "Virksomhedspraktik" from 2015-11-01 until 2016-12-31 { require kort }
program jobklub { require unge or ledighed >= 6 months }
`;

function rowAsOf(source: string, input: Record<string, unknown>, names: { groups: readonly string[]; programs: readonly string[] }): DatedScreenResult {
  const date = input.visiteret as string;
  const c = compile(source, { asOf: date });
  if (!c.ok) return { id: input.id as string, asOf: date, status: 'invalid', errors: [`the rules cannot be applied: ${c.diagnostics.map((d) => d.message).join('; ')}`] };
  const r = c.screener.screen(input);
  if (r.status !== 'ok') return { id: r.id, asOf: null, status: 'invalid', errors: r.errors };
  const groups: Record<string, boolean | null> = {};
  const programs: Record<string, string | null> = {};
  for (const g of names.groups) groups[g] = g in r.groups ? r.groups[g]! : null;
  for (const p of names.programs) programs[p] = p in r.programs ? r.programs[p]! : null;
  return { id: r.id, asOf: date, status: 'ok', groups, programs } as DatedScreenResult;
}

describe('compileDated', () => {
  const dated = compileDated(rules, { asOfField: 'visiteret' });
  if (!dated.ok) throw new Error(dated.diagnostics.map((d) => d.message).join('\n'));
  const s = dated.screener;

  it('puts asOf right after id, and every group and programme in each row', () => {
    const r = s.screen({ id: 'a', født: '1990-05-01', visiteret: '2016-03-01', antal_uger: 6 }, { row: 1 });
    expect(JSON.stringify(r)).toBe(
      '{"row":1,"id":"a","asOf":"2016-03-01","status":"ok","groups":{"kort":true,"unge":true},"programs":{"hovedvej3":"eligible","jobklub":"eligible"}}',
    );
  });

  it.each([
    ['2016-12-31', 'eligible', true],
    ['2017-01-01', null, false],
  ])('on %s hovedvej3 is %s and kort %s', (visiteret, hovedvej3, kort) => {
    const r = s.screen({ id: 'a', født: '1990-05-01', visiteret, antal_uger: 6 });
    expect(r.status === 'ok' && [r.programs.hovedvej3, r.groups.kort]).toEqual([hovedvej3, kort]);
  });

  it('a row without its date is invalid, with a reason', () => {
    expect(s.screen({ id: 'b', født: '1990-05-01' })).toEqual({
      id: 'b',
      asOf: null,
      status: 'invalid',
      errors: ["visiteret: missing, and it is the row's reference date (--as-of-field)"],
    });
  });

  it.each([
    ['antal_uger', "--as-of-field 'antal_uger' is not a date field: expected a date field of the record (født, ledig_siden, visiteret)"],
    ['nope', "--as-of-field the record has no field 'nope': expected a date field of the record (født, ledig_siden, visiteret)"],
  ])('refuses %s', (field, message) => {
    const c = compileDated(rules, { asOfField: field });
    expect(c.ok).toBe(false);
    expect(c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([`invalid-as-of-field ${message}`]);
  });

  it('a row whose date has a used name out of force is invalid, naming it', () => {
    const gap = compileDated(record + 'param n = 1 until 2015-12-31\nparam n = 2 from 2016-02-01\ngroup g = antal_uger > n\n', { asOfField: 'visiteret' });
    if (!gap.ok) throw new Error('did not compile');
    expect(gap.screener.screen({ id: 'c', født: '1990-01-01', visiteret: '2016-01-15', antal_uger: 1 })).toEqual({
      id: 'c',
      asOf: '2016-01-15',
      status: 'invalid',
      errors: ["the rules cannot be applied: not in force on 2016-01-15: param 'n' (in force until 2015-12-31, from 2016-02-01)"],
    });
  });

  it('--param overrides every version, on every row', () => {
    const c = compileDated(rules, { asOfField: 'visiteret', params: { max_praktik: '5 weeks' } });
    if (!c.ok) throw new Error('did not compile');
    for (const visiteret of ['2016-01-01', '2018-01-01']) {
      const r = c.screener.screen({ id: 'a', født: '1990-05-01', visiteret, antal_uger: 5 });
      expect(r.status === 'ok' && r.groups.kort).toBe(true);
    }
  });

  it('compiles once per distinct date', () => {
    const c = compileDated(rules, { asOfField: 'visiteret' });
    if (!c.ok) throw new Error('did not compile');
    const before = c.screener.compiledDates;
    for (let i = 0; i < 100; i++) c.screener.screen({ id: String(i), født: '1990-05-01', visiteret: i % 2 ? '2016-01-01' : '2017-01-01' });
    expect(c.screener.compiledDates - before).toBeLessThanOrEqual(2);
  });
});

describe('property: each row as of its own date = the rules compiled for that date', () => {
  const day = (from: number, span: number) =>
    fc.integer({ min: 0, max: span }).map((n) => new Date(Date.UTC(from, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  // Rule files: one param with versions at generated cuts, a dated programme, and a group with two versions.
  const file = fc
    .record({
      cuts: fc.uniqueArray(day(2014, 2000), { minLength: 0, maxLength: 3 }),
      values: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }),
      program: fc.tuple(day(2014, 2000), fc.integer({ min: 0, max: 1500 })),
      age: fc.tuple(day(2014, 2000), fc.integer({ min: 18, max: 40 }), fc.integer({ min: 18, max: 40 })),
    })
    .map(({ cuts, values, program, age }) => {
      const sorted = [...cuts].sort();
      const until = new Date(Date.parse(program[0]) + program[1] * 86_400_000).toISOString().slice(0, 10);
      const before = new Date(Date.parse(age[0]) - 86_400_000).toISOString().slice(0, 10);
      return (
        record +
        [`param n = ${values[0]} weeks`, ...sorted.map((c, i) => `param n = ${values[i + 1]} weeks from ${c}`)].join('\n') +
        `\nlet ledighed = time_since(ledig_siden)\ngroup kort = antal_uger <= n\n` +
        `group ung until ${before} = age_of(født) < ${age[1]} years\ngroup ung from ${age[0]} = age_of(født) < ${age[2]} years\n` +
        `program p from ${program[0]} until ${until} { require kort\n exclude ledighed < 3 months }\n` +
        `program q { require ung or kort }\n`
      );
    });
  const input = fc.record(
    {
      id: fc.string({ maxLength: 4 }),
      født: day(1970, 15000),
      ledig_siden: day(2012, 3000),
      visiteret: day(2013, 2500),
      antal_uger: fc.integer({ min: 0, max: 40 }),
    },
    { requiredKeys: ['id', 'født'] },
  );

  it('for generated files and rows', () => {
    fc.assert(
      fc.property(file, fc.array(input, { minLength: 1, maxLength: 8 }), (source, rows) => {
        const dated = compileDated(source, { asOfField: 'visiteret' });
        if (!dated.ok) throw new Error(dated.diagnostics.map((d) => d.message).join('\n'));
        for (const r of rows) {
          const got = dated.screener.screen(r);
          if (r.visiteret === undefined) expect(got.status).toBe('invalid');
          else expect(got).toEqual(rowAsOf(source, r, { groups: dated.screener.groupNames, programs: dated.screener.programNames }));
        }
      }),
      { numRuns: 80 },
    );
  });
});
