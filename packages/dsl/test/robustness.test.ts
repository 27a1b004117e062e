// Robustness: parse and check never throw, never hang, and always return diagnostics with valid
// ranges — on token soup, truncated and spliced rule files, point mutations and random Unicode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, keywords, type Diagnostic } from '../src/index';
import { citizenRecord, section1Example } from './support/fixtures';

const allForms = `${citizenRecord}
let age = age_of(birth_date)
param min_ledighed = 6 months "Mindste ledighed"
group unge "Unge" = age < 30 years and education != none and time_since(unemployed_since) >= min_ledighed
group voksne = age between 30 years and 49 years && !(benefit == sygedagpenge)
group lang = weeks_unemployed >= 52 weeks or at least 2 of (literacy is missing, hours * 2 > 10, benefit in (dagpenge, kontanthjaelp))
program p "P" {
  require unge or voksne "målgruppe"
  exclude education not in (none) /* kommentar */
  require literacy >= 3 // læsning
}
test "t" { as of 2026-11-23 given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, motivated: true } with min_ledighed = 4 months expect unge unknown expect p undetermined }
`;
const corpus = [section1Example, allForms];

function assertWellFormed(source: string, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^[a-z-]+$/);
    expect(d.message.length).toBeGreaterThan(0);
    expect(['error', 'warning']).toContain(d.severity);
    const { start, end } = d.range;
    expect(start.offset).toBeGreaterThanOrEqual(0);
    expect(end.offset).toBeLessThanOrEqual(source.length);
    expect(start.offset).toBeLessThanOrEqual(end.offset);
    expect(start.line).toBeGreaterThanOrEqual(1);
    expect(start.column).toBeGreaterThanOrEqual(1);
    // line and column agree with the offset
    const before = source.slice(0, start.offset);
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    expect(start.column).toBe(start.offset - lineStart + 1);
  }
}

function survives(source: string): void {
  const checked = check(source);
  assertWellFormed(source, checked.diagnostics);
  expect(checked.hasErrors).toBe(checked.diagnostics.some((d) => d.severity === 'error'));
}

const vocabulary = [
  ...keywords,
  'a', 'b', 'unge', 'birth_date', 'benefit', 'dagpenge', 'age_of', 'time_since', 'målgruppe', '__proto__',
  '0', '6', '2.5', '2026-11-23', '2023-02-30', '"tekst"', '"', '{', '}', '(', ')', ',', ':', '..', '=', '==', '!=',
  '<', '<=', '>', '>=', '+', '-', '*', '/', '&&', '||', '!', '//', '/*', '*/', '\n', '#', '\u00a0',
];
const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(' ', '\n', '', '  ', '\r\n')), { maxLength: 120 })
  .map((parts) => parts.map(([t, ws]) => t + ws).join(''));
const truncated = fc
  .tuple(fc.constantFrom(...corpus), fc.nat())
  .map(([s, n]) => s.slice(0, n % (s.length + 1)));
const spliced = fc
  .tuple(fc.constantFrom(...corpus), fc.constantFrom(...corpus), fc.nat(), fc.nat(), fc.nat())
  .map(([a, b, i, j, k]) => a.slice(0, i % a.length) + b.slice(j % b.length, (j % b.length) + (k % 400)));
const mutated = fc
  .tuple(
    fc.constantFrom(...corpus),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.string({ unit: 'binary', maxLength: 3 })), { minLength: 1, maxLength: 8 }),
  )
  .map(([s, edits]) =>
    edits.reduce((acc, [at, op, text]) => {
      const i = at % (acc.length + 1);
      if (op === 'delete') return acc.slice(0, i) + acc.slice(i + 1);
      if (op === 'insert') return acc.slice(0, i) + text + acc.slice(i);
      return acc.slice(0, i) + text + acc.slice(i + text.length);
    }, s),
  );
const randomUnicode = fc.string({ unit: 'binary', maxLength: 300 });

describe('the parser and checker never throw and always give well-formed diagnostics', () => {
  it.each([
    ['token soup', tokenSoup],
    ['truncated rule files', truncated],
    ['spliced rule files', spliced],
    ['point mutations of rule files', mutated],
    ['random Unicode', randomUnicode],
  ] as const)('%s (2,000 inputs)', (_what, inputs) => {
    fc.assert(fc.property(inputs, survives), { numRuns: 2000, seed: 20261123 });
  });
});
