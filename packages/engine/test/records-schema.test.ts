// The record declaration as a JSON Schema (draft 2020-12), and the field info integrators read.
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import { compile, type Screener } from '../src/index';

const SOURCE = `record Citizen {
  cpr:              text key personal         "CPR-nummer"
  birth_date:       date                      "Fødselsdato"
  unemployed_since: date optional             "Ledig siden"
  education:        one of (none, vocational, bachelor, master)
  literacy:         integer 1..5 optional     "Læseniveau (FVU-trin)"
  hours:            number 0..37
  weeks_on_benefit: integer in weeks optional
  motivated:        boolean                   "Ønsker selv at deltage"
}
group g = motivated and hours > 1 and literacy > 1 and weeks_on_benefit > 1 and education = none
  and unemployed_since < 2020-01-01
`;

function screener(): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}
const s = screener();

describe('recordSchema', () => {
  it('describes every field, its type, range, label and whether it is required', () => {
    expect(s.schema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Citizen',
      type: 'object',
      properties: {
        cpr: { type: 'string', description: 'CPR-nummer' },
        birth_date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description: 'Fødselsdato' },
        unemployed_since: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description: 'Ledig siden' },
        education: { type: 'string', enum: ['none', 'vocational', 'bachelor', 'master'] },
        literacy: { type: 'integer', minimum: 1, maximum: 5, description: 'Læseniveau (FVU-trin)' },
        hours: { type: 'number', minimum: 0, maximum: 37 },
        weeks_on_benefit: { type: 'integer' },
        motivated: { type: 'boolean', description: 'Ønsker selv at deltage' },
      },
      required: ['cpr', 'birth_date', 'education', 'hours', 'motivated'],
    });
  });

  it('is a valid draft 2020-12 schema that a plain ajv accepts', () => {
    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    const validate = ajv.compile(s.schema);
    expect(validate({ cpr: 'x', birth_date: '1970-01-01', education: 'none', hours: 3, motivated: true })).toBe(true);
    expect(validate({ cpr: 'x', birth_date: '1970-01-01', education: 'none', hours: 38, motivated: true })).toBe(false);
  });
});

describe('record info', () => {
  it.each([
    ['cpr', { kind: 'text' }, false, true, true],
    ['birth_date', { kind: 'date' }, false, false, false],
    ['unemployed_since', { kind: 'date' }, true, false, false],
    ['education', { kind: 'enum', values: ['none', 'vocational', 'bachelor', 'master'] }, false, false, false],
    ['literacy', { kind: 'integer', min: 1, max: 5 }, true, false, false],
    ['weeks_on_benefit', { kind: 'integer', unit: 'weeks' }, true, false, false],
  ])('%s: %j, optional %s, key %s, personal %s', (name, type, optional, key, personal) => {
    const field = s.record.fields.find((f) => f.name === name);
    expect(field).toMatchObject({ name, type, optional, key, personal });
  });

  it('names the key field, groups and programmes', () => {
    expect(s.keyField).toBe('cpr');
    expect(s.record.name).toBe('Citizen');
    expect(s.groupNames).toEqual(['g']);
    expect(s.programNames).toEqual([]);
    expect(s.asOf).toBe('2026-11-23');
  });
});
