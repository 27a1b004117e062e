// What one command accepts, all accept: a number literal that `check` lets through must also run
// in `test`, `compile` and `screen` (a 400-digit number once passed check and compile, then made
// screen exit 2 with "not a finite number"). Numbers beyond ±(2^53 − 1), which cannot all be stored
// exactly, are refused by `check` with a diagnostic — wherever they are written: in a condition, a
// duration, `between`, `in`, `at least N of`, a param, a test's `given`, or `--param`.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '@visit/dsl';
import { compile, toJsonLogic } from '@visit/engine';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('numbers');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = `record R {
  id:   text key
  n:    integer optional
  x:    number optional
  d:    integer in days optional
  m:    integer in months optional
  born: date optional
}
param q = 3
`;
const RECORDS = ['{"id":"a","n":5,"x":1.5,"d":3,"m":2,"born":"2000-01-01"}', '{"id":"b"}', ''].join('\n');
const BIG = '9'.repeat(400);
const AS_OF = ['--as-of', '2026-11-23'];

let files = 0;
/** Exit codes of check, test, compile and screen on the snippet (a group g and a programme use it). */
async function allCommands(snippet: string, params: string[] = []): Promise<{ codes: number[]; outputs: string[] }> {
  const source = `${RECORD}${snippet}\nprogram p { require g or q > 1 }\ntest "t" {\n  given { id: "a" }\n}\n`;
  const file = tmp.write(`rules-${++files}.visit`, source);
  const records = tmp.write(`records-${files}.ndjson`, RECORDS);
  const runs = await Promise.all([
    visit(['check', file]),
    visit(['test', file, ...AS_OF, ...params]),
    visit(['compile', file, ...AS_OF, ...params]),
    visit(['screen', file, records, ...AS_OF, ...params]),
  ]);
  return { codes: runs.map((r) => r.code ?? -1), outputs: runs.map((r) => r.stdout + r.stderr) };
}

describe('numbers too large to be exact are refused by every command alike', () => {
  it.each([
    ['a 400-digit number', `group g = n > ${BIG}`],
    ['beyond 2^53, against an integer field', 'group g = n = 12345678901234567890'],
    ['negated', `group g = -n < -${BIG}`],
    ['in between', `group g = n between 0 and ${BIG}`],
    ['in a list', `group g = n in (1, ${BIG})`],
    ['a duration', `group g = d > ${BIG} days`],
    ['a calendar threshold', 'group g = time_since(born) >= 99999999999999999999 years'],
    ['at least N of', 'group g = at least 99999999999999999999 of (n > 1)'],
    ['a param', `param big = ${BIG}\ngroup g = n > big`],
    ['a given value', `group g = n > 1\ntest "u" {\n  given { id: "a", n: ${BIG} }\n}`],
  ])('%s: check exits 1, test, compile and screen exit 2, all with the same message', async (_what, snippet) => {
    const { codes, outputs } = await allCommands(snippet);
    expect(codes).toEqual([1, 2, 2, 2]);
    for (const out of outputs) expect(out).toContain('number too large: expected a number from -9007199254740991 to 9007199254740991');
  });

  it('a --param too large: test, compile and screen exit 2 naming the param', async () => {
    const { codes, outputs } = await allCommands('group g = n > 1', ['--param', `q=${BIG}`]);
    expect(codes).toEqual([0, 2, 2, 2]);
    for (const out of outputs.slice(1)) {
      expect(out).toContain("param override 'q': the number is too large: expected a whole number from -9007199254740991 to 9007199254740991");
      expect(out).not.toContain('999999999999');
    }
  });

  it.each([
    ['the largest exact whole number', 'group g = n < 9007199254740991 and n > -9007199254740991'],
    ['a large duration', 'group g = d > 99999999999 days'],
    ['a large calendar threshold', 'group g = time_since(born) >= 99999999999 days or time_since(born) < 99999999999 years'],
    ['a large threshold in another unit of the field', 'group g = m >= 9007199254740991 years'],
    ['many decimals', 'group g = x > 0.1234567890123456789'],
    ['a large product', 'group g = n * 9007199254740991 > 5'],
    ['a large count of nothing', 'group g = at least 0 of (n > 1)'],
  ])('%s: every command runs', async (_what, snippet) => {
    const { codes, outputs } = await allCommands(snippet);
    expect(codes, outputs.join('\n')).toEqual([0, 0, 0, 0]);
  });

  it('a large --param that fits runs everywhere', async () => {
    const { codes } = await allCommands('group g = n > 1', ['--param', 'q=9007199254740991']);
    expect(codes).toEqual([0, 0, 0, 0]);
  });
});

// ---------------------------------------------------------------- in process, many literals

const digits = fc.oneof(
  fc.integer({ min: 1, max: 30 }).chain((n) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${n - 1}}$`))),
  fc.constantFrom('9007199254740991', '9007199254740992', '9007199254740993', '0', '00000000000000000000001'),
);
const literal = fc.tuple(digits, fc.option(fc.stringMatching(/^[0-9]{1,25}$/), { nil: undefined })).map(([i, f]) => (f === undefined ? i : `${i}.${f}`));
const place = fc.constantFrom(
  (v: string) => `group g = n > ${v}`,
  (v: string) => `group g = x between -${v} and ${v}`,
  (v: string) => `group g = x in (1, ${v})`,
  (v: string) => `group g = d >= ${v} days`,
  (v: string) => `group g = m < ${v} years`,
  (v: string) => `group g = time_since(born) >= ${v} weeks`,
  (v: string) => `group g = time_since(born) = ${v} months`,
  (v: string) => `group g = at least ${v} of (n > 1)`,
  (v: string) => `param big = ${v}\ngroup g = x * big > 1`,
  (v: string) => `group g = n > 1\ntest "u" {\n  given { id: "a", x: ${v} }\n}`,
);

describe('generated number literals', () => {
  it('are refused by check exactly when beyond ±(2^53 − 1); whatever check accepts compiles, evaluates and compiles to JSON Logic', () => {
    fc.assert(
      fc.property(literal, place, (v, at) => {
        const source = `${RECORD}${at(v)}\nprogram p { require g or q > 1 }\n`;
        const checked = check(source);
        const fits = Number(v) <= Number.MAX_SAFE_INTEGER;
        expect(checked.diagnostics.some((d) => d.code === 'number-out-of-range')).toBe(!fits);
        if (checked.hasErrors) {
          expect(compile(source, { asOf: '2026-11-23' }).ok).toBe(false);
          return;
        }
        const compiled = compile(checked, { asOf: '2026-11-23' });
        expect(compiled.ok, JSON.stringify(compiled.diagnostics)).toBe(true);
        if (!compiled.ok) return;
        compiled.screener.evaluate({ id: 'a', n: 5, x: 1.5, d: 3, m: 2, born: '2000-01-01' }, true);
        compiled.screener.evaluate({ id: 'b' });
        const doc = JSON.stringify(toJsonLogic(checked, { asOf: '2026-11-23' }));
        // JSON has no Infinity: a number that overflowed would be written as 1/0.
        expect(doc).not.toMatch(/"\/":\[-?1,0\]/);
      }),
      { numRuns: 400 },
    );
  });
});
