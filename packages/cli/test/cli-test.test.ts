// `visit test FILE…`: runs the test blocks; failures show expected against actual with the
// explanation; criterion coverage per programme line; last line `N passed, N failed`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit, ROLLE, TRE } from './cli-support';

const tmp = tempDir('test');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = `record Citizen {
  cpr:        text key personal
  birth_date: date
  literacy:   integer 1..5 optional "Læseniveau"
  benefit:    one of (dagpenge, kontanthjaelp)
}

let age = age_of(birth_date)
param min_læs = 3

group seniorer "50 år eller derover" = age >= 50 years

program jobklub "Jobklub" {
  require benefit = dagpenge   "Dagpenge"
  require seniorer             "Senior"
  require literacy >= min_læs  "Læser"
}
`;

const PASSING = `
test "senior med læsetest" {
  as of 2026-11-23
  given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, literacy: 4 }
  expect seniorer
  expect jobklub eligible
}
`;

const WRONG = `
test "forkert forventning" {
  as of 2026-11-23
  given { cpr: "0101704321", birth_date: 1970-01-01, benefit: dagpenge }
  expect jobklub eligible
}
`;

function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1]!;
}

describe('visit test', () => {
  it.each([
    { name: 'Tre hovedveje', file: TRE },
    { name: 'Rollemodeller', file: ROLLE },
  ])('the $name example passes', async ({ file }) => {
    const run = await visit(['test', file]);
    expect(lastLine(run.stdout)).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(run.stdout).not.toContain('✗');
    expect(run.code).toBe(0);
  });

  it('counts tests across files', async () => {
    const one = await visit(['test', TRE]);
    const two = await visit(['test', ROLLE]);
    const both = await visit(['test', TRE, ROLLE]);
    const passed = (r: { stdout: string }) => Number(/^(\d+) passed/.exec(lastLine(r.stdout))?.[1]);
    expect(passed(both)).toBe(passed(one) + passed(two));
  });

  it('a wrong expectation fails with expected, actual and the explanation', async () => {
    const file = tmp.write('wrong.visit', RULES + PASSING + WRONG);
    const run = await visit(['test', file]);
    expect(run.code).toBe(1);
    expect(lastLine(run.stdout)).toBe('1 passed, 1 failed');
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  ✓ senior med læsetest');
    expect(lines).toContain(`  ✗ forkert forventning  (${file}:26)`);
    expect(lines).toContain('      expect jobklub eligible (line 29)');
    expect(lines).toContain('        expected: eligible');
    expect(lines).toContain('        actual:   undetermined');
    // The explanation: the unknown line and the missing field, the personal key masked.
    expect(run.stdout).toMatch(/\? require literacy >= min_læs {2}"Læser" {2}→ unknown \(literacy: missing\)/);
    expect(run.stdout).not.toContain('0101704321');
  });

  it.each([
    { expectation: 'expect not seniorer', expected: 'false', actual: 'true' },
    { expectation: 'expect seniorer unknown', expected: 'unknown', actual: 'true' },
    { expectation: 'expect jobklub ineligible', expected: 'ineligible', actual: 'eligible' },
  ])('$expectation on an eligible senior: expected $expected, actual $actual', async ({ expectation, expected, actual }) => {
    const file = tmp.write(`e-${expected}.visit`, `${RULES}
test "t" {
  as of 2026-11-23
  given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, literacy: 4 }
  ${expectation}
}
`);
    const run = await visit(['test', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`        expected: ${expected}\n        actual:   ${actual}\n`);
    expect(lastLine(run.stdout)).toBe('0 passed, 1 failed');
  });

  it('reports programme lines the tests never saw both true and false', async () => {
    const file = tmp.write('coverage.visit', RULES + PASSING);
    const run = await visit(['test', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('coverage: jobklub line 1 (benefit = dagpenge): seen true, never false\n');
    expect(run.stdout).toContain('coverage: jobklub line 3 (literacy >= min_læs): seen true, never false\n');
    expect(run.stdout).toContain('coverage: 0 of 3 programme lines seen both true and false\n');
  });

  it('a test without `as of` uses --as-of', async () => {
    const file = tmp.write('asof.visit', `${RULES}
test "fylder 50 på skæringsdagen" {
  given { cpr: "0101761234", birth_date: 1976-01-01, benefit: dagpenge, literacy: 4 }
  expect seniorer
}
`);
    expect((await visit(['test', file, '--as-of', '2026-01-01'])).code).toBe(0);
    const before = await visit(['test', file, '--as-of', '2025-12-31']);
    expect(before.code).toBe(1);
    expect(lastLine(before.stdout)).toBe('0 passed, 1 failed');
  });

  it('`with` overrides a param for that test only', async () => {
    const file = tmp.write('with.visit', `${RULES}
test "læseniveau 2 med sænket krav" {
  as of 2026-11-23
  given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, literacy: 2 }
  with min_læs = 2
  expect jobklub eligible
}
test "læseniveau 2 med almindeligt krav" {
  as of 2026-11-23
  given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge, literacy: 2 }
  expect jobklub ineligible
}
`);
    const run = await visit(['test', file]);
    expect(lastLine(run.stdout)).toBe('2 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it.each([
    { name: 'rule errors', content: `${RULES}group broken = agee > 3\n`, message: "unknown name 'agee'" },
    { name: 'an unreadable file', content: undefined, message: 'cannot read' },
  ])('$name: exit 2 with the reason on stderr', async ({ content, message }) => {
    const file = content === undefined ? `${tmp.dir}/missing.visit` : tmp.write('broken.visit', content);
    const run = await visit(['test', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(lastLine(run.stdout)).toBe('0 passed, 0 failed');
  });
});
