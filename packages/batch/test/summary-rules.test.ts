// screenRecords(…).summary() names the rules that decided (issue 10 point 6): the rule file's
// SHA-256 (as node:crypto computes it over the file's bytes), the reference date and the params given.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { screenRecords } from '../src/index';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bytes = readFileSync(join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.visit'));
const csv = readFileSync(join(ROOT, 'examples', 'tre-hovedveje', 'citizens.csv'));
const rules = bytes.toString('utf8');
const changed = rules.replace('Mindste ledighedsanciennitet', 'Mindste ledighedsancienniteT');
const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const cases: { name: string; rules: string; asOf: string; params?: Record<string, string>; input: 'csv' | 'array' }[] = [
  { name: 'CSV bytes, the example', rules, asOf: '2026-11-23', input: 'csv' },
  { name: 'CSV bytes, another date', rules, asOf: '2025-01-31', input: 'csv' },
  { name: 'CSV bytes, an override', rules, asOf: '2026-11-23', params: { min_ledighed: '4 months' }, input: 'csv' },
  { name: 'records array, two overrides', rules, asOf: '2026-11-23', params: { min_ledighed: '4 months', min_timer: '20' }, input: 'array' },
  { name: 'one byte changed', rules: changed, asOf: '2026-11-23', input: 'csv' },
];

describe('summary().rules', () => {
  it.each(cases)('$name', async ({ rules: text, asOf, params, input }) => {
    const source = input === 'csv' ? new Uint8Array(csv) : [{}];
    const summary = await screenRecords(source, text, params ? { asOf, params } : { asOf }).summary();
    expect(summary.rules).toEqual({ sha256: sha256(Buffer.from(text, 'utf8')), asOf, params: params ?? {} });
  });

  it('is the hash of the file on disk, and one byte changes it', async () => {
    const a = await screenRecords(new Uint8Array(csv), rules, { asOf: '2026-11-23' }).summary();
    const b = await screenRecords(new Uint8Array(csv), changed, { asOf: '2026-11-23' }).summary();
    expect(a.rules.sha256).toBe(sha256(bytes));
    expect(b.rules.sha256).not.toBe(a.rules.sha256);
  });
});
