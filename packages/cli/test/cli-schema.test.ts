// `visit schema FILE`: the record as a JSON Schema (draft 2020-12) that accepts what `visit
// screen` accepts as an NDJSON line and rejects what it rejects.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit, ROLLE, ROOT, TRE } from './cli-support';

// ajv is the engine package's dependency; resolve it from there.
const requireFromEngine = createRequire(join(ROOT, 'packages', 'engine', 'package.json'));
const Ajv2020 = (requireFromEngine('ajv/dist/2020') as { default: new (o: object) => { compile(s: object): (d: unknown) => boolean } }).default;

const tmp = tempDir('schema');
beforeAll(buildCli);
afterAll(() => tmp.remove());

describe('visit schema', () => {
  it('describes the Tre hovedveje record', async () => {
    const run = await visit(['schema', TRE]);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as { $schema: string; type: string; properties: Record<string, { type: string; enum?: string[] }>; required: string[] };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual([
      'cpr', 'birth_date', 'unemployed_since', 'education', 'literacy', 'benefit', 'motivated',
      'native_danish', 'danish_level', 'mobile', 'cv_ready', 'health', 'hours_available',
    ]);
    expect(schema.required).toEqual(['cpr', 'birth_date', 'education', 'benefit', 'motivated', 'native_danish', 'cv_ready', 'hours_available']);
    expect(schema.properties.benefit!.enum).toEqual(['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge']);
    expect(schema.properties.literacy!.type).toBe('integer');
  });

  it.each([
    { name: 'a complete record', record: { cpr: '0101701234', birth_date: '1970-01-01', weeks_unemployed: 60, benefit: 'dagpenge', education: 'grundskole', consent: true } },
    { name: 'a record without optional fields', record: { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge', education: 'grundskole', consent: false } },
    { name: 'a value outside the range', record: { cpr: '0101701234', birth_date: '1970-01-01', weeks_unemployed: 900, benefit: 'dagpenge', education: 'grundskole', consent: true } },
    { name: 'a benefit that was folded into another', record: { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'uddannelseshjaelp', education: 'grundskole', consent: true } },
    { name: 'a missing required field', record: { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge', education: 'grundskole' } },
  ])('agrees with `visit screen` on $name', async ({ record }) => {
    const schema = JSON.parse((await visit(['schema', ROLLE])).stdout) as object;
    const valid = new Ajv2020({ allErrors: true, strict: false }).compile(schema)(record);
    const screened = ndjson((await visit(['screen', ROLLE, tmp.write('r.ndjson', JSON.stringify(record)), '--as-of', '2026-11-23'])).stdout);
    expect(screened[0]!.status).toBe(valid ? 'ok' : 'invalid');
  });

  it('rule errors: exit 2, nothing on stdout', async () => {
    const run = await visit(['schema', tmp.write('bad.visit', 'record R { a: intger }\n')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error');
  });
});
