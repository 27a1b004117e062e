// Evaluation without code generation (issue 10, point 4). Where the host refuses `new Function` —
// a Content-Security-Policy without 'unsafe-eval'; here a vm context with
// `codeGeneration: { strings: false }` (V8's own refusal) and a Node process whose global
// `Function` throws EvalError — the engine compiles, reads, screens and explains with closures,
// and gives exactly the rows the generated code gives. `compile(…, { codegen: false })` asks for
// the closures anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { compile, type Screener } from '../src/index';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const AS_OF = '2026-11-23';

/** The example rule files with their candidate lists (cells split plainly: the same cells go to both sides). */
const EXAMPLES = ['tre-hovedveje', 'rollemodeller'].map((name) => {
  const rules = readFileSync(path.join(root, 'examples', name, `${name}.visit`), 'utf8');
  const [header, ...rows] = readFileSync(path.join(root, 'examples', name, 'citizens.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '')));
  return { name, rules, header: header!, rows };
});

/** What a screener makes of an example: CSV rows with explanations, the same records as JSON, line values. */
interface Screening {
  evaluator: string;
  csv: unknown[];
  json: unknown[];
  lines: number[][];
  invalidJson: unknown[];
}

/** Runs in the host and, as source text, inside the refusing contexts (so it may use only the engine). */
function screenExample(engine: { compile: typeof compile }, ex: (typeof EXAMPLES)[number], codegen: boolean | undefined): Screening {
  const compiled = engine.compile(ex.rules, codegen === undefined ? { asOf: '2026-11-23' } : { asOf: '2026-11-23', codegen });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const s: Screener = compiled.screener;
  const reader = s.csvReader(ex.header, { decimalComma: true });
  const csv = ex.rows.map((cells, i) => s.screenCoerced(reader.read(cells), { row: i + 1, explain: true }));
  const records = csv.flatMap((r, i) => {
    const c = reader.read(ex.rows[i]!);
    return c.ok ? [Object.fromEntries(Object.entries(c.record).filter(([, v]) => v !== undefined))] : [];
  });
  const json = records.map((r, i) => s.screen(r, { row: i + 1, explain: i % 2 === 0 }));
  const lines = records.map((r) => {
    const out = new Uint8Array(s.lineCount);
    s.evaluateLines(r, out);
    return Array.from(out);
  });
  // Invalid JSON records: every kind of wrong value for every field, and missing required fields.
  const wrong: unknown[] = [{}, [], 'text', null, 7];
  for (const f of s.record.fields) {
    for (const v of ['', 'x', '1.000', '2026-02-30', 2.5, -1, 1e9, true, 3, [], {}]) {
      const base = records[0] ?? {};
      wrong.push({ ...base, [f.name]: v });
    }
  }
  const invalidJson = wrong.map((r) => s.screen(r));
  return { evaluator: s.evaluator, csv, json, lines, invalidJson };
}

let dir: string;
let iife: string;
let esm: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'visit-no-codegen-'));
  const entry = path.join(root, 'packages/engine/src/index.ts');
  iife = path.join(dir, 'engine.iife.js');
  esm = path.join(dir, 'engine.mjs');
  // A browser-like bundle (no Node built-ins) and an ESM one for a Node process.
  await build({ entryPoints: [entry], bundle: true, platform: 'neutral', mainFields: ['module', 'main'], format: 'iife', globalName: 'VisitEngine', outfile: iife, logLevel: 'error' });
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: esm, logLevel: 'error' });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Screens an example inside a fresh vm context; `strings: false` is V8 refusing code generation. */
function inContext(ex: (typeof EXAMPLES)[number], strings: boolean, codegen?: boolean): Screening {
  // What every browser page and worker has and a bare vm context lacks: TextEncoder/TextDecoder
  // (the rules' sha256 reads the text as UTF-8), and `self` (without it a bundled library asks
  // `Function('return this')`).
  const context = vm.createContext({ TextEncoder, TextDecoder }, { codeGeneration: { strings, wasm: false } });
  vm.runInContext('globalThis.self = globalThis;', context);
  vm.runInContext(readFileSync(iife, 'utf8'), context);
  const json = vm.runInContext(
    `JSON.stringify((${screenExample.toString()})(VisitEngine, ${JSON.stringify(ex)}, ${JSON.stringify(codegen ?? null)} ?? undefined))`,
    context,
  ) as string;
  return JSON.parse(json) as Screening;
}

function inHost(ex: (typeof EXAMPLES)[number], codegen?: boolean): Screening {
  return JSON.parse(JSON.stringify(screenExample({ compile }, ex, codegen))) as Screening;
}

describe('where code generation is refused, the engine uses closures and screens the same', () => {
  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s in a vm context that refuses code from strings', (_name, ex) => {
    const host = inHost(ex);
    expect(host.evaluator).toBe('generated');
    // The refusal is real: the same context with code generation allowed generates code.
    expect(() => vm.runInContext('new Function("return 1")', vm.createContext({}, { codeGeneration: { strings: false } }))).toThrow(/disallowed/);
    expect(inContext(ex, true).evaluator).toBe('generated');
    const refused = inContext(ex, false);
    expect(refused.evaluator).toBe('closures');
    expect(refused.csv.length).toBe(ex.rows.length);
    expect({ ...refused, evaluator: 'generated' }).toEqual(host);
  });

  it('in a Node process whose Function throws EvalError (as a strict CSP makes it)', () => {
    const ex = EXAMPLES[0]!;
    const script = path.join(dir, 'refuse.mjs');
    writeFileSync(
      script,
      [
        `globalThis.Function = function Function() { throw new EvalError('Refused to evaluate a string as JavaScript'); };`,
        `const engine = await import(${JSON.stringify(esm)});`,
        `const ex = JSON.parse(${JSON.stringify(JSON.stringify(ex))});`,
        `process.stdout.write(JSON.stringify((${screenExample.toString()})(engine, ex, undefined)));`,
      ].join('\n'),
    );
    const refused = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Screening;
    expect(refused.evaluator).toBe('closures');
    expect({ ...refused, evaluator: 'generated' }).toEqual(inHost(ex));
  });
});

describe('compile(…, { codegen: false })', () => {
  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s: closures where code could be generated, the same rows', (_name, ex) => {
    const closures = inHost(ex, false);
    expect(closures.evaluator).toBe('closures');
    expect({ ...closures, evaluator: 'generated' }).toEqual(inHost(ex, true));
  });

  it('never calls Function: screening works while it throws', () => {
    const ex = EXAMPLES[0]!;
    const expected = inHost(ex);
    const original = globalThis.Function;
    let calls = 0;
    globalThis.Function = function () {
      calls++;
      throw new EvalError('refused');
    } as unknown as FunctionConstructor;
    let got: Screening;
    try {
      got = JSON.parse(JSON.stringify(screenExample({ compile }, ex, false))) as Screening;
    } finally {
      globalThis.Function = original;
    }
    expect(calls).toBe(0);
    expect({ ...got, evaluator: 'generated' }).toEqual(expected);
  });

  it.each([
    [undefined, 'generated'],
    [true, 'generated'],
    [false, 'closures'],
  ] as const)('codegen %s → screener.evaluator %s', (codegen, kind) => {
    const c = compile('record R { x: integer }\ngroup g = x > 1', codegen === undefined ? { asOf: AS_OF } : { asOf: AS_OF, codegen });
    if (!c.ok) throw new Error('does not compile');
    expect(c.screener.evaluator).toBe(kind);
    expect(c.screener.evaluate({ x: 2 })).toEqual({ groups: { g: true }, programs: {} });
    // The generated source is there for inspection either way.
    expect(c.screener.code).toContain('function evaluate');
  });
});

describe('the closures read only own, declared fields (as the generated code does)', () => {
  const rules = `record R {
  id:       text key
  level:    integer 1..5 optional
  ok:       boolean optional
  note:     text optional
}
group g = level >= 3 and ok
group noted = note is known
program p { require g }`;
  const both = [true, false].map((codegen) => {
    const c = compile(rules, { asOf: AS_OF, codegen });
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
    return c.screener;
  });
  const cases: [string, () => Record<string, unknown>][] = [
    ['plain', () => ({ id: 'a', level: 4, ok: true })],
    ['inherited values', () => Object.assign(Object.create({ level: 5, ok: true, note: 'x' }) as object, { id: 'a' })],
    ['null prototype', () => Object.assign(Object.create(null) as object, { id: 'a', level: 3, ok: true, note: 'y' })],
    ['own __proto__ key', () => JSON.parse('{"id": "a", "__proto__": {"level": 5}, "level": 2}') as Record<string, unknown>],
    ['polluted Object.prototype', () => {
      (Object.prototype as Record<string, unknown>).level = 5;
      return { id: 'a', ok: true };
    }],
  ];
  it.each(cases)('%s', (_name, make) => {
    try {
      const [generated, closures] = both.map((s) => [s.evaluate(make()), s.evaluate(make(), true)]);
      expect(closures).toEqual(generated);
      expect(Object.keys(closures![0]!.groups)).toEqual(['g', 'noted']);
      expect(Object.getPrototypeOf(closures![0]!.groups)).toBe(Object.prototype);
    } finally {
      delete (Object.prototype as Record<string, unknown>).level;
    }
  });
});
