// Every result names the rules it came from (issue 10 point 6): `visit compile`'s document carries
// the rule file's full SHA-256 (as node:crypto computes it over the file's bytes) and the params
// given; `visit screen`'s summary on stderr names the first 12 hex digits and the reference date.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, TRE, TRE_CSV, visit } from './cli-support';

const tmp = tempDir('rules-version');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const bytes = readFileSync(TRE);
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The example with one byte changed inside a label: still valid, other rules. */
const changed = tmp.write('changed.visit', Buffer.from(bytes.toString('utf8').replace('Mindste ledighedsanciennitet', 'Mindste ledighedsancienniteT'), 'utf8'));
const changedBytes = readFileSync(changed);

const cases: { name: string; file: string; bytes: Buffer; asOf: string; params: string[]; expected: Record<string, string> }[] = [
  { name: 'the example', file: TRE, bytes, asOf: '2026-11-23', params: [], expected: {} },
  { name: 'another date', file: TRE, bytes, asOf: '2025-01-31', params: [], expected: {} },
  { name: 'one override', file: TRE, bytes, asOf: '2026-11-23', params: ['--param', 'min_ledighed=4 months'], expected: { min_ledighed: '4 months' } },
  { name: 'one byte changed', file: changed, bytes: changedBytes, asOf: '2026-11-23', params: [], expected: {} },
];

describe('visit compile names the rules in its document', () => {
  it.each(cases)('$name', async ({ file, bytes: b, asOf, params, expected }) => {
    const r = await visit(['compile', file, '--as-of', asOf, ...params]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 4)).toEqual(['asOf', 'rules', 'params', 'layout']);
    expect(doc).toMatchObject({ asOf, rules: `sha256:${hex(b)}`, params: expected });
  });

  it('one byte of the file changes the hash', () => {
    expect(hex(changedBytes)).not.toBe(hex(bytes));
  });
});

describe('visit screen names the rules in its summary', () => {
  it.each(cases)('$name', async ({ file, bytes: b, asOf, params, expected }) => {
    const r = await visit(['screen', file, TRE_CSV, '--as-of', asOf, ...params]);
    expect([0, 1]).toContain(r.code); // the example's records include invalid rows on purpose
    const named = Object.entries(expected).map(([k, v]) => `${k}=${v}`);
    const line = `  rules      sha256:${hex(b).slice(0, 12)}… as of ${asOf}${named.length > 0 ? `, params ${named.join(', ')}` : ''}`;
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('visit: screened '));
    expect(lines[at + 1]).toBe(line);
  });
});
