// Every result names the rules it came from (issue 10 point 6): the compile result's screener and
// the JSON Logic document carry the rule file's SHA-256 (as node:crypto computes it over the file's
// bytes), the reference date and the param overrides given.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, toJsonLogic, type Screener } from '../src/index';

const file = fileURLToPath(new URL('../../../examples/tre-hovedveje/tre-hovedveje.visit', import.meta.url));
const bytes = readFileSync(file);
const source = bytes.toString('utf8');
const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function screener(text: string, asOf: string, params?: Record<string, string>): Screener {
  const c = compile(text, params ? { asOf, params } : { asOf });
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  return c.screener;
}

/** The source with one byte changed inside a label (a comment-like change that keeps it valid). */
const oneByteOff = source.replace('Mindste ledighedsanciennitet', 'Mindste ledighedsancienniteT');

const cases: [string, string, string, Record<string, string> | undefined, Record<string, string>][] = [
  ['the example, no overrides', source, '2026-11-23', undefined, {}],
  ['another reference date', source, '2025-01-31', undefined, {}],
  ['a param override', source, '2026-11-23', { min_ledighed: '4 months' }, { min_ledighed: '4 months' }],
  ['two overrides', source, '2026-11-23', { min_ledighed: '4 months', min_timer: '20' }, { min_ledighed: '4 months', min_timer: '20' }],
  ['one byte changed', oneByteOff, '2026-11-23', undefined, {}],
];

describe('the compile result names its rules', () => {
  it.each(cases)('%s', (_name, text, asOf, params, expectedParams) => {
    const s = screener(text, asOf, params);
    expect(s.rules).toEqual({ sha256: sha256(Buffer.from(text, 'utf8')), asOf, params: expectedParams });
  });

  it('the hash is that of the file on disk', () => {
    expect(screener(source, '2026-11-23').rules.sha256).toBe(sha256(bytes));
  });

  it('one byte of the rules changes the hash; the date and params do not', () => {
    const base = screener(source, '2026-11-23').rules.sha256;
    expect(screener(oneByteOff, '2026-11-23').rules.sha256).not.toBe(base);
    expect(screener(source, '2025-01-31', { min_timer: '20' }).rules.sha256).toBe(base);
  });

  it('a screener compiled from a checked file names the same rules', () => {
    const checked = screener(source, '2026-11-23').checked;
    const c = compile(checked, { asOf: '2026-11-23', params: { min_timer: '20' } });
    expect(c.ok && c.screener.rules).toEqual({ sha256: sha256(bytes), asOf: '2026-11-23', params: { min_timer: '20' } });
  });
});

describe('the JSON Logic document names its rules next to asOf', () => {
  const layouts = cases.flatMap(([name, text, asOf, params, expected]) =>
    (['inline', 'referenced'] as const).map((layout) => ({ name, layout, text, asOf, params, expected })),
  );
  it.each(layouts)('$name ($layout)', ({ layout, text, asOf, params, expected }) => {
    const s = screener(text, asOf, params);
    const doc = toJsonLogic(s.checked, params ? { asOf, params, layout } : { asOf, layout });
    expect(Object.keys(doc).slice(0, 4)).toEqual(['asOf', 'rules', 'params', 'layout']);
    expect(doc.asOf).toBe(asOf);
    expect(doc.rules).toBe(sha256(Buffer.from(text, 'utf8')));
    expect(doc.params).toEqual(expected);
  });

  it('one byte of the rules changes the document\'s hash', () => {
    const a = toJsonLogic(screener(source, '2026-11-23').checked, { asOf: '2026-11-23' });
    const b = toJsonLogic(screener(oneByteOff, '2026-11-23').checked, { asOf: '2026-11-23' });
    expect(a.rules).toBe(sha256(bytes));
    expect(b.rules).not.toBe(a.rules);
  });
});
