// The plain modules behind the two commands, on real files, against the real `visit` process:
// "Run tests in this file" (file-tests.ts: one item per `test` block, results from the function
// `visit test` runs) and "Screen records…" (screen-file.ts: output beside the input, the same bytes
// as `visit screen`, the summary as `visit screen` prints it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTests, runFileTests } from '../src/file-tests';
import { outputPathFor, screenFile } from '../src/screen-file';
import { BIN, buildCli, ROOT } from '../../lsp/test/lsp-support';

beforeAll(() => buildCli(), 120_000);

const dir = mkdtempSync(join(tmpdir(), 'visit-vscode-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function visit(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EXAMPLE = join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.visit');
const EXAMPLE_DA = join(ROOT, 'examples', 'tre-hovedveje', 'tre-hovedveje.da.visit');

const RULES = [
  'record R {',
  '  alder: integer',
  '}',
  'group ung = alder < 30',
  'program p "P" {',
  '  require ung "Ung"',
  '}',
  '',
].join('\n');

describe('test items of a file', () => {
  // [what, source after RULES, expected [id, label, first line (0-based)]]
  const table: [string, string, [string, string, number][]][] = [
    ['no tests', '', []],
    ['one test', 'test "ung" {\n  given { alder: 20 }\n  expect ung\n}\n', [['ung', 'ung', 7]]],
    [
      'two tests, the same title twice',
      'test "a" {\n  expect p ineligible\n}\ntest "b" {\n  expect not ung\n}\ntest "a" {\n  expect p undetermined\n}\n',
      [['a', 'a', 7], ['b', 'b', 10], ['a #2', 'a', 13]],
    ],
    ['Danish title', 'test "Ældre borger på 55 år" {\n  given { alder: 55 }\n  expect not ung\n}\n', [['Ældre borger på 55 år', 'Ældre borger på 55 år', 7]]],
  ];
  it.each(table)('%s', (_what, tests, expected) => {
    const items = fileTests(RULES + tests);
    expect(items.map((t) => [t.id, t.label, t.range.start.line])).toEqual(expected);
    for (const t of items) expect(t.range.end.line).toBeGreaterThan(t.range.start.line);
  });

  it('one item per test block of the example files, in order', () => {
    for (const file of [EXAMPLE, EXAMPLE_DA]) {
      const source = readFileSync(file, 'utf8');
      const items = fileTests(source);
      expect(items.length).toBe(source.match(/^test "/gm)!.length);
      expect(new Set(items.map((t) => t.id)).size).toBe(items.length);
      for (const t of items) expect(source.split('\n')[t.range.start.line]).toMatch(/^test "/);
    }
  });
});

describe('running the tests of a file', () => {
  it.each([EXAMPLE, EXAMPLE_DA])('%s: the same passes and failures as `visit test`', (file) => {
    const source = readFileSync(file, 'utf8');
    const run = runFileTests('rules.visit', source, { asOf: '2026-11-23' });
    const cli = visit(['test', file, '--as-of', '2026-11-23']);
    const last = /(\d+) passed, (\d+) failed\n$/.exec(cli.stdout);
    expect(last, cli.stdout + cli.stderr).not.toBeNull();
    expect(run.results.filter((r) => r.passed).length).toBe(Number(last![1]));
    expect(run.results.filter((r) => !r.passed).length).toBe(Number(last![2]));
    expect(run.results.map((r) => r.id)).toEqual(run.tests.map((t) => t.id));
  });

  it('a failing test says expected against actual, with the line, as `visit test` does', () => {
    const source = `${RULES}test "fejler" {\n  given { alder: 40 }\n  expect ung\n}\ntest "består" {\n  given { alder: 20 }\n  expect ung\n  expect p eligible\n}\n`;
    const file = join(dir, 'failing.visit');
    writeFileSync(file, source);
    const run = runFileTests('failing.visit', source, { asOf: '2026-11-23' });
    expect(run.results.map((r) => [r.id, r.passed])).toEqual([
      ['fejler', false],
      ['består', true],
    ]);
    const message = run.results[0]!.message;
    expect(message).toContain('expect ung (line 10)\n  expected: true\n  actual:   false');
    // `visit test` prints the same failure, indented under the test's title.
    const cli = visit(['test', file, '--as-of', '2026-11-23']);
    const printed = message
      .split('\n')
      .map((l) => (l === '' ? l : `      ${l}`))
      .join('\n');
    expect(cli.stdout).toContain(printed);
    expect(run.results[1]!.message).toBe('');
  });

  it('a test without `as of` is run as of the date given; `as of` wins', () => {
    const source = [
      'record R {',
      '  født: date',
      '}',
      'group ung = age_of(født) < 30 years',
      'test "uden dato" {',
      '  given { født: 1996-11-24 }',
      '  expect ung',
      '}',
      'test "med dato" {',
      '  as of 2026-11-23',
      '  given { født: 1996-11-24 }',
      '  expect ung',
      '}',
      '',
    ].join('\n');
    // Born 1996-11-24: under 30 on 2026-11-23, 30 on 2026-11-24.
    expect(runFileTests('f.visit', source, { asOf: '2026-11-23' }).results.map((r) => r.passed)).toEqual([true, true]);
    expect(runFileTests('f.visit', source, { asOf: '2026-11-24' }).results.map((r) => r.passed)).toEqual([false, true]);
  });

  it('`only` runs the tests asked for', () => {
    const source = `${RULES}test "a" {\n  given { alder: 20 }\n  expect ung\n}\ntest "b" {\n  given { alder: 40 }\n  expect ung\n}\n`;
    const run = runFileTests('f.visit', source, { asOf: '2026-11-23', only: new Set(['b']) });
    expect(run.results.map((r) => [r.id, r.passed])).toEqual([['b', false]]);
  });

  it('a file with errors runs no test, and each says why without the file\'s values', () => {
    const source = `${RULES.replace('alder < 30', 'aldr < 30')}test "a" {\n  given { alder: 20 }\n  expect ung\n}\n`;
    const run = runFileTests('f.visit', source, { asOf: '2026-11-23' });
    expect(run.errors).toBe(1);
    expect(run.results).toEqual([{ id: 'a', passed: false, message: 'could not run: f.visit has 1 error (see Problems)' }]);
  });

  it('property: a test passes exactly when its expectation matches alder < 30', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.boolean(), (alder, expectUng) => {
        const source = `${RULES}test "t" {\n  given { alder: ${alder} }\n  expect ${expectUng ? '' : 'not '}ung\n}\n`;
        const [r] = runFileTests('f.visit', source, { asOf: '2026-11-23' }).results;
        expect(r!.passed).toBe(alder < 30 === expectUng);
      }),
      { numRuns: 50 },
    );
  });
});

describe('screening a file', () => {
  it.each([
    ['/data/citizens.csv', '/data/citizens.screened.csv'],
    ['/data/liste.CSV', '/data/liste.screened.csv'],
    ['/data/x.txt', '/data/x.screened.csv'],
    ['/data/admissions.ndjson', '/data/admissions.screened.ndjson'],
    ['/data/a.b.jsonl', '/data/a.b.screened.ndjson'],
  ])('the output of %s goes to %s', (input, output) => {
    expect(outputPathFor(input)).toBe(output);
  });

  it('CSV: the output beside the input holds what `visit screen --format csv` writes; the summary is its summary', async () => {
    const input = join(dir, 'citizens.csv');
    copyFileSync(join(ROOT, 'examples', 'tre-hovedveje', 'citizens.csv'), input);
    const rules = readFileSync(EXAMPLE, 'utf8');
    const done = await screenFile('tre-hovedveje.visit', rules, input, { asOf: '2026-11-23' });
    expect(done.output).toBe(join(dir, 'citizens.screened.csv'));
    const cli = visit(['screen', EXAMPLE, input, '--as-of', '2026-11-23', '--format', 'csv']);
    expect(readFileSync(done.output, 'utf8')).toBe(cli.stdout);
    expect(done.summary.rows).toBe(200);
    // The same summary text, but for the heading's names and time.
    const body = (s: string) => s.split('\n').slice(1).join('\n');
    expect(body(done.text)).toBe(body(cli.stderr.slice(cli.stderr.indexOf('visit: screened'))));
    expect(done.text.split('\n')[0]).toMatch(/^visit: screened citizens\.csv against tre-hovedveje\.visit as of 2026-11-23 in \d+ ms$|^visit: screened citizens\.csv against tre-hovedveje\.visit as of 2026-11-23 in [\d.]+ s$/);
    // No CPR number of the input in the summary.
    const cprs = readFileSync(input, 'utf8').match(/\b\d{10}\b/g)!;
    expect(cprs.length).toBeGreaterThan(100);
    for (const cpr of cprs) expect(done.text).not.toContain(cpr);
  });

  it('NDJSON with lists: the output beside the input is what `visit screen` writes', async () => {
    const input = join(dir, 'historik.ndjson');
    copyFileSync(join(ROOT, 'examples', 'historik', 'citizens.ndjson'), input);
    const rulesFile = join(ROOT, 'examples', 'historik', 'historik.visit');
    const done = await screenFile('historik.visit', readFileSync(rulesFile, 'utf8'), input, { asOf: '2026-11-23' });
    expect(done.output).toBe(join(dir, 'historik.screened.ndjson'));
    const cli = visit(['screen', rulesFile, input, '--as-of', '2026-11-23']);
    expect(readFileSync(done.output, 'utf8')).toBe(cli.stdout);
    expect(done.summary.rows).toBe(200);
  });

  it('rules with errors: it throws, and no output file is left', async () => {
    const sub = mkdtempSync(join(dir, 'bad-'));
    const input = join(sub, 'c.csv');
    writeFileSync(input, 'alder\n20\n');
    await expect(screenFile('bad.visit', RULES.replace('alder < 30', 'aldr < 30'), input, { asOf: '2026-11-23' })).rejects.toThrow();
    expect(readdirSync(sub)).toEqual(['c.csv']);
  });

  it('an input that cannot be read: it throws, and an older output stays as it was', async () => {
    const sub = mkdtempSync(join(dir, 'missing-'));
    const output = join(sub, 'c.screened.csv');
    writeFileSync(output, 'old\n');
    await expect(screenFile('r.visit', RULES, join(sub, 'c.csv'), { asOf: '2026-11-23' })).rejects.toThrow();
    expect(readFileSync(output, 'utf8')).toBe('old\n');
    expect(existsSync(join(sub, 'c.csv'))).toBe(false);
  });
});
