// Screening without code generation (issue 10, point 4). Where the host refuses `new Function` —
// a Content-Security-Policy without 'unsafe-eval'; here a Node process whose global `Function`
// throws EvalError, and a vm context with `codeGeneration: { strings: false }` (V8's own refusal) —
// screenRecords formats its lines and counts its summary with closures, and writes byte for byte
// the text it writes with generated code. `codegen: false` asks for the closures anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { compileCounter, csvFormatter, ndjsonFormatter, screenRecords, ScreenStats, type OkRow } from '../src/index';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const RULES = readFileSync(path.join(root, 'examples/tre-hovedveje/tre-hovedveje.visit'), 'utf8');
const CSV = readFileSync(path.join(root, 'examples/tre-hovedveje/citizens.csv'));

/** What a run gives: both outputs with explanations, and the summary. */
interface Outputs {
  ndjson: string;
  csv: string;
  summary: unknown;
}

/** Runs in the host and, as source text, in the refusing process and context (only `batch` in scope). */
async function screenAll(batch: { screenRecords: typeof screenRecords }, bytes: Uint8Array, rules: string, codegen: boolean | undefined): Promise<Outputs> {
  const options = (output: 'ndjson' | 'csv') => ({ asOf: '2026-11-23', explain: true, output, ...(codegen === undefined ? {} : { codegen }) });
  const text = async (output: 'ndjson' | 'csv') => {
    let out = '';
    for await (const piece of batch.screenRecords(bytes, rules, options(output)).text()) out += piece;
    return out;
  };
  const summary = await batch.screenRecords(bytes, rules, options('ndjson')).summary();
  return { ndjson: await text('ndjson'), csv: await text('csv'), summary: summary.stats };
}

let dir: string;
let esm: string;
let iife: string;
let expected: Outputs;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'visit-batch-no-codegen-'));
  const entry = path.join(root, 'packages/batch/src/index.ts');
  esm = path.join(dir, 'batch.mjs');
  iife = path.join(dir, 'batch.iife.js');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: esm, logLevel: 'error' });
  await build({ entryPoints: [entry], bundle: true, platform: 'neutral', mainFields: ['module', 'main'], format: 'iife', globalName: 'VisitBatch', outfile: iife, logLevel: 'error' });
  expected = await screenAll({ screenRecords }, CSV, RULES, undefined);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('where code generation is refused, screenRecords writes the same bytes', () => {
  it('the expected text is real output (rows, explanations, CSV header)', () => {
    const rows = CSV.toString('utf8').split(/\r?\n/).filter((l) => l !== '').length - 1;
    expect(expected.ndjson.split('\n').filter((l) => l !== '')).toHaveLength(rows);
    expect(expected.ndjson).toContain('"explain":');
    expect(expected.csv.split('\r\n')[0]).toMatch(/^row,id,status,.*,errors,explain$/);
  });

  it('in a Node process whose Function throws EvalError (as a strict CSP makes it)', () => {
    const script = path.join(dir, 'refuse.mjs');
    writeFileSync(
      script,
      [
        `let calls = 0;`,
        `globalThis.Function = function Function() { calls++; throw new EvalError('Refused to evaluate a string as JavaScript'); };`,
        `const batch = await import(${JSON.stringify(esm)});`,
        `const bytes = new Uint8Array(Buffer.from(${JSON.stringify(CSV.toString('base64'))}, 'base64'));`,
        `const out = await (${screenAll.toString()})(batch, bytes, ${JSON.stringify(RULES)}, undefined);`,
        `process.stdout.write(JSON.stringify({ ...out, calls }));`,
      ].join('\n'),
    );
    const got = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Outputs & { calls: number };
    // Code generation was tried (and refused), so the fallbacks are what ran.
    expect(got.calls).toBeGreaterThan(0);
    expect(got.ndjson).toBe(expected.ndjson);
    expect(got.csv).toBe(expected.csv);
    expect(got.summary).toEqual(expected.summary);
  });

  it('in a vm context that refuses code from strings', async () => {
    const run = async (strings: boolean): Promise<Outputs> => {
      // Web APIs a browser has (a fresh context has only the language's built-ins).
      const context = vm.createContext({ TextDecoder, TextEncoder }, { codeGeneration: { strings, wasm: false } });
      vm.runInContext('globalThis.self = globalThis;', context);
      vm.runInContext(readFileSync(iife, 'utf8'), context);
      const json = (await vm.runInContext(
        `(${screenAll.toString()})(VisitBatch, new Uint8Array(${JSON.stringify(Array.from(CSV))}), ${JSON.stringify(RULES)}, undefined).then(JSON.stringify)`,
        context,
      )) as string;
      return JSON.parse(json) as Outputs;
    };
    // The refusal is real.
    expect(() => vm.runInContext('new Function("return 1")', vm.createContext({}, { codeGeneration: { strings: false } }))).toThrow(/disallowed/);
    for (const strings of [true, false]) {
      const got = await run(strings);
      expect(got.ndjson).toBe(expected.ndjson);
      expect(got.csv).toBe(expected.csv);
      expect(got.summary).toEqual(expected.summary);
    }
  }, 30_000);
});

describe('codegen: false', () => {
  it('never calls Function, and gives the same bytes', async () => {
    const original = globalThis.Function;
    let calls = 0;
    globalThis.Function = function () {
      calls++;
      throw new EvalError('refused');
    } as unknown as FunctionConstructor;
    let got: Outputs;
    try {
      got = await screenAll({ screenRecords }, CSV, RULES, false);
    } finally {
      globalThis.Function = original;
    }
    expect(calls).toBe(0);
    expect(got.ndjson).toBe(expected.ndjson);
    expect(got.csv).toBe(expected.csv);
    expect(got.summary).toEqual(expected.summary);
  });

  // Names and values that a generated template literal must escape: quotes, backticks, `${`, backslashes, CR LF.
  const name = fc.stringMatching(/^[a-zA-Z_"'`${}\\\r\n ]{1,8}$/);
  it('formatters: closures give the generated lines for any names and rows', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 5 }),
        fc.uniqueArray(name, { maxLength: 5 }),
        fc.option(fc.string(), { nil: null }),
        fc.option(fc.string(), { nil: undefined }),
        fc.nat(),
        (groups, programs, id, explain, n) => {
          const row: OkRow = {
            id,
            groups: Object.fromEntries(groups.map((g, i) => [g, [true, false, null][i % 3]!])),
            programs: Object.fromEntries(programs.map((p, i) => [p, (['eligible', 'ineligible', 'undetermined'] as const)[i % 3]!])),
            ...(explain === undefined ? {} : { explainJson: JSON.stringify(explain), explainText: explain }),
          };
          const pairs = [
            [ndjsonFormatter(groups, programs, true), ndjsonFormatter(groups, programs, false)],
            [csvFormatter(groups, programs, true, true), csvFormatter(groups, programs, true, false)],
            [csvFormatter(groups, programs, false, true), csvFormatter(groups, programs, false, false)],
          ] as const;
          for (const [generated, closures] of pairs) {
            expect(closures.okTail(row)).toBe(generated.okTail(row));
            expect(closures.okLine(n, row)).toBe(generated.okLine(n, row));
          }
        },
      ),
    );
  });

  it('counter: the loops count what the generated function counts, for any plan and rows', () => {
    const program = fc.array(fc.record({ exclude: fc.boolean(), fields: fc.uniqueArray(fc.constantFrom('a', 'b', 'c"`', '${d}'), { maxLength: 3 }) }), { maxLength: 4 });
    const outcome = fc.constantFrom('eligible', 'ineligible', 'undetermined');
    fc.assert(
      fc.property(fc.array(program, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.array(fc.nat(2), { minLength: 16, maxLength: 16 }), fc.array(outcome, { minLength: 4, maxLength: 4 }), fc.dictionary(fc.constantFrom('a', 'b', 'c"`', '${d}'), fc.constantFrom(null, undefined, 1, 'x'))), { maxLength: 20 }), (programs, rows) => {
        const names = programs.map((_, i) => `p${i}"\``);
        const plan = { excludes: programs.map((lines) => lines.map((l) => l.exclude)), fields: programs.map((lines) => lines.map((l) => l.fields)) };
        const counts = [true, false].map((codegen) => {
          const count = compileCounter(names, plan, codegen);
          const stats = new ScreenStats(names, plan.excludes.map((l) => l.length));
          for (const [values, outcomes, record] of rows) {
            count(Uint8Array.from(values), Object.fromEntries(names.map((n, i) => [n, outcomes[i]!])), record as never, stats);
          }
          return stats.data();
        });
        expect(counts[1]).toEqual(counts[0]);
      }),
    );
  });
});
