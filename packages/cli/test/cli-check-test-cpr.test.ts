// A CPR number typed into a rules file where it is not a `personal` value — the value of a misspelt
// field, of a field that is not personal, a text literal, a label, a `--param` — is still a CPR
// number: `visit check` and `visit test` never print it, in a snippet or a message, on stdout or
// on stderr (it is shown as ••••••-••••, the caret still under the right place). The same digits
// written as a number lose their leading zero (101701234): masked too. The language service (LSP,
// the editor) masks them in its messages.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDiagnostics, maskCprNumbers, VisitDocument } from '@visit/dsl';
import { maskCpr } from '../src/terminal-text';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('check-test-cpr');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = `record C {
  cpr:  text key personal
  note: text optional
  n:    integer optional
}
param x = 1
`;
/** Every way the number below can be written: none may appear. */
const LEAKS = ['0101701234', '010170-1234', '101701234'];

function expectNoCpr(out: { stdout: string; stderr: string }): void {
  for (const digits of LEAKS) {
    expect(out.stdout, `stdout holds ${digits}`).not.toContain(digits);
    expect(out.stderr, `stderr holds ${digits}`).not.toContain(digits);
  }
}

const cases: { name: string; body: string; param?: string; code: number }[] = [
  { name: 'the value of a misspelt field in a given', body: 'test "t" {\n  given { cpr: "x", cprr: 0101701234 }\n  expect not g\n}\n', code: 1 },
  { name: 'a number for a text field that is not personal', body: 'test "t" {\n  given { cpr: "x", note: 0101701234 }\n  expect not g\n}\n', code: 1 },
  { name: 'a text for an integer field', body: 'test "t" {\n  given { cpr: "x", n: "0101701234" }\n  expect not g\n}\n', code: 1 },
  { name: 'a given without its colon (the parser quotes the token)', body: 'test "t" {\n  given { cpr: "x", note 0101701234 }\n  expect not g\n}\n', code: 1 },
  { name: 'inside a string literal on a line with an error', body: 'group h = notee = "0101701234"\n', code: 1 },
  { name: 'with a dash, in a label on a line with an error', body: 'group h "borger 010170-1234" = notee = "x"\n', code: 1 },
  // Messages that quote what was written:
  { name: 'a stray number after a condition', body: 'group h = note = "a" 0101701234\n', code: 1 },
  { name: 'a text compared with a number field', body: 'group h = n = "0101701234"\n', code: 1 },
  { name: 'a param declared as it, overridden in a test', body: 'param y = 0101701234\ngroup h = n > y\ntest "t" {\n  given { cpr: "x", n: 1 }\n  with y = "a"\n  expect h\n}\n', code: 1 },
  { name: 'a number after an expect', body: 'test "t" {\n  given { cpr: "x" }\n  expect g 0101701234\n}\n', code: 1 },
];

describe.each(['check', 'test'] as const)('visit %s', (command) => {
  it.each(cases)('$name', async ({ body }) => {
    const file = tmp.write(`${command}-${Math.random().toString(36).slice(2)}.visit`, `${RECORD}group g = n > x or note = "y"\n${body}`);
    const run = await visit([command, file, ...(command === 'test' ? ['--as-of', '2026-01-01'] : [])]);
    expect(run.code, run.stderr).toBe(command === 'check' ? 1 : 2);
    expectNoCpr(run);
    expect(`${run.stdout}${run.stderr}`).toContain('•••');
  });
});

describe('visit test on a file that checks: values in the failure report', () => {
  it.each([
    { name: 'a non-personal text given the CPR', given: 'note: "0101701234"' },
    { name: 'with a dash', given: 'note: "010170-1234"' },
    { name: 'an integer given it as a number (its leading zero lost in the report)', given: 'n: 0101701234' },
  ])('$name', async ({ given }) => {
    const file = tmp.write(`report-${Math.random().toString(36).slice(2)}.visit`, `${RECORD}group g = n > x or note = "0101701234"\ntest "borger 0101701234" {\n  given { cpr: "x", ${given} }\n  expect not g\n}\n`);
    const run = await visit(['test', file, '--as-of', '2026-01-01']);
    expect(run.code, run.stderr).toBe(1);
    expectNoCpr(run);
  });

  it('a --param value', async () => {
    const file = tmp.write('param.visit', `${RECORD}group g = n > x\ntest "t" {\n  given { cpr: "x", n: 5 }\n  expect g\n}\n`);
    for (const value of ['0101701234', '"0101701234"', '010170-1234']) {
      const run = await visit(['test', file, '--as-of', '2026-01-01', '--param', `x=${value}`]);
      expectNoCpr(run);
    }
    // check takes no --param: a usage error, which does not echo it either.
    expectNoCpr(await visit(['check', file, '--param', 'x=0101701234']));
  });
});

describe('the language service (LSP, editor): messages', () => {
  it.each(cases.map((c) => [c.name, c.body] as const))('%s', (_name, body) => {
    const text = `${RECORD}group g = n > x or note = "y"\n${body}`;
    const messages = getDiagnostics(new VisitDocument('file:///r.visit', text)).map((d) => d.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const digits of LEAKS) for (const m of messages) expect(m).not.toContain(digits);
  });
});

describe('one rule for what a CPR number is', () => {
  it("the dsl's maskCprNumbers (messages) and the CLI's maskCpr (everything printed) agree", () => {
    const piece = fc.oneof(
      fc.stringMatching(/^[0-9]{1,12}$/),
      fc.tuple(fc.stringMatching(/^[0-9]{6}$/), fc.stringMatching(/^[0-9]{4}$/)).map(([a, b]) => `${a}-${b}`),
      fc.constantFrom('a', ' ', '-', "'", '"', 'ø'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(maskCprNumbers(text)).toBe(maskCpr(text));
      }),
      { numRuns: 3_000 },
    );
  });
});
