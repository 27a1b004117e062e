// `visit test FILE…`, the implementation (the options are in commands/test.ts): run the `test`
// blocks of rule files. Each test is screened with its own reference date (`as of`, else --as-of,
// else today) and its `with` overrides; a test passes when all its expectations hold. Failures show
// expected against actual and the explanation. Then, per programme line, whether the tests saw it
// both true and false (criterion coverage). The last line is exactly `N passed, N failed`.
// Exit 0 all pass, 1 any fails, 2 a file cannot be read or has errors.

import { assertNever, catalogue, maskedSlice, type CheckedFile, type Expression, type ListLiteral, type TestDeclaration } from '@visit/dsl';
import { writeText, type Io } from './context';
import { explanationText } from './explanation';
import { languageFrom, type Language } from './language';
import { asOfDate, paramOverrides } from './options';
import { loadRules, renderRuleDiagnostics } from './rules';
import { plainStyle, styleFor, type Style } from './style';
import { inForceDays } from '@visit/batch';
import { cliWords } from './words';

type Value = string | number | boolean;

/** A `given` literal as the engine reads record values (LANGUAGE.md §8). */
function givenValue(e: Expression): Value | undefined {
  switch (e.kind) {
    case 'Number':
      return e.value;
    case 'Negate': {
      const inner = givenValue(e.operand);
      return typeof inner === 'number' ? -inner : undefined;
    }
    case 'Duration':
      return e.amount;
    case 'Date':
    case 'Text':
    case 'Boolean':
      return e.value;
    case 'Reference':
      return e.name; // an enum value
    case 'Call':
    case 'Not':
    case 'Arithmetic':
    case 'Comparison':
    case 'Logical':
    case 'Between':
    case 'In':
    case 'Is':
    case 'AtLeast':
    case 'Where':
    case 'Window':
    case 'ErrorExpression':
      return undefined; // not a literal: the checker has already refused it in `given`
    default:
      return assertNever(e);
  }
}

/** A list field's `[ { … }, … ]` (LANGUAGE.md §12): one null-prototype object per element, as the records have them. */
function givenList(l: ListLiteral): Record<string, Value>[] {
  return l.elements.map((el) => {
    const element: Record<string, Value> = Object.create(null) as Record<string, Value>;
    for (const entry of el.entries) {
      const v = entry.value.kind === 'ListLiteral' ? undefined : givenValue(entry.value);
      if (v !== undefined) element[entry.name.text] = v;
    }
    return element;
  });
}

function sourceOf(source: string, e: { range: { start: { offset: number }; end: { offset: number } } }): string {
  return source.slice(e.range.start.offset, e.range.end.offset);
}

interface LineCoverage {
  program: string;
  index: number;
  source: string;
  seenTrue: boolean;
  seenFalse: boolean;
}

/** What `visit test` was asked (commands/test.ts parses it). */
export interface TestRequest {
  files: readonly string[];
  asOf?: string | undefined;
  param?: readonly string[] | undefined;
  /** `--lang`: the language of the rules' messages (else the locale's). */
  lang?: string | undefined;
}

export async function runTests(args: TestRequest, io: Io): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const today = io.today();
  const defaultAsOf = asOfDate(args.asOf, today).asOf;
  const cliParams = paramOverrides(args.param);
  const lang = languageFrom(args.lang, io.env);
  let passed = 0;
  let failed = 0;
  let cannotRun = false;
  const engine = await import('@visit/engine');

  for (const file of args.files) {
    // Checked with the --param overrides, as screen and compile check them: an unknown param or a
    // value of the wrong type stops the file with the same message and exit 2 (not a failure of
    // every test). Each test then compiles with them and its own `with`, which wins.
    const rules = await loadRules(file, cliParams, io, lang);
    if (!rules.ok) {
      cannotRun = true;
      continue;
    }
    const { source, checked } = rules;
    await writeText(io.stdout, `${style.bold(file)}\n`);
    const coverage = coverageTable(checked, source);
    const cache: CompileCache = new Map();
    for (const test of checked.tests) {
      const result = runTest(cache, engine, file, source, checked, test, defaultAsOf, cliParams, lang);
      if (result.kind === 'error') {
        failed++;
        await writeText(io.stdout, `  ${style.error('✗')} ${test.title.value}\n${indent(result.message, 6)}\n`);
        continue;
      }
      for (const c of coverage) {
        const value = result.lineValues.get(c.program)?.[c.index];
        if (value === true) c.seenTrue = true;
        if (value === false) c.seenFalse = true;
      }
      if (result.failures.length === 0) {
        passed++;
        await writeText(io.stdout, `  ${style.ok('✓')} ${test.title.value}\n`);
      } else {
        failed++;
        const where = `${file}:${test.range.start.line}`;
        await writeText(io.stdout, `  ${style.error('✗')} ${test.title.value}  (${where})\n${result.failures.map((f) => indent(f, 6)).join('\n')}\n`);
      }
    }
    await writeText(io.stdout, renderCoverage(coverage, style, lang));
  }
  await writeText(io.stdout, `${cliWords(lang).testsCount(passed, failed)}\n`);
  if (cannotRun) return 2;
  return failed > 0 ? 1 : 0;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

function coverageTable(checked: CheckedFile, source: string): LineCoverage[] {
  const table: LineCoverage[] = [];
  for (const p of checked.programs.values()) {
    p.lines.forEach((l, index) =>
      // A personal value in the line (`exclude cpr = "…"`) is shown as •••.
      table.push({ program: p.name.text, index, source: maskedSlice(source, l.condition.range.start.offset, l.condition.range.end.offset, checked.personal), seenTrue: false, seenFalse: false }),
    );
  }
  return table;
}

function renderCoverage(table: readonly LineCoverage[], style: Style, lang: Language): string {
  if (table.length === 0) return '';
  const w = cliWords(lang);
  const gaps = table.filter((c) => !(c.seenTrue && c.seenFalse));
  const lines = gaps.map((c) => {
    const seen = c.seenTrue ? w.seenTrueOnly : c.seenFalse ? w.seenFalseOnly : w.seenNeither;
    return w.coverageLine(c.program, c.index + 1, c.source, style.warning(seen));
  });
  const full = table.length - gaps.length;
  lines.push(w.coverageTotal(full, table.length));
  return lines.join('\n') + '\n';
}

type Engine = typeof import('@visit/engine');

export type TestResult =
  | { kind: 'ran'; failures: string[]; lineValues: Map<string, (boolean | null)[]> }
  | { kind: 'error'; message: string };

/** Screeners by reference date and params: most tests of a file share both. */
export type CompileCache = Map<string, ReturnType<Engine['compile']>>;

export function runTest(
  cache: CompileCache,
  engine: Engine,
  file: string,
  source: string,
  checked: CheckedFile,
  test: TestDeclaration,
  defaultAsOf: string,
  cliParams: Record<string, string>,
  /** The language of the failures (the explanation's words too); English when not given. */
  lang: Language = 'en',
): TestResult {
  const w = cliWords(lang);
  const asOf = test.asOf?.value ?? defaultAsOf;
  const params: Record<string, string> = { ...cliParams };
  for (const o of test.overrides) params[o.name.text] = sourceOf(source, o.value);
  const key = JSON.stringify([asOf, Object.entries(params).sort()]);
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = engine.compile(checked.source, { asOf, params });
    cache.set(key, compiled);
  }
  if (!compiled.ok) {
    // Only the errors that stop this test (the file's warnings were shown by the check); a name
    // with no version in force on the test's date (§13) is the test's date's problem: say so there.
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    const gaps = errors.filter((d) => d.code === 'not-in-force');
    const at = w.testAsOf(asOf, test.asOf?.range.start.line);
    const lines = [
      ...gaps.map((d) => `${at}: ${d.message}`),
      ...(errors.length > gaps.length ? [renderRuleDiagnostics(file, source, errors.filter((d) => d.code !== 'not-in-force'), plainStyle, catalogue(checked.lang).frame).trim()] : []),
    ];
    return { kind: 'error', message: w.couldNotRun(lines.join('\n')) };
  }
  const screener = compiled.screener;
  const record: Record<string, Value | Record<string, Value>[]> = Object.create(null) as Record<string, Value>;
  for (const entry of test.given?.entries ?? []) {
    const v = entry.value.kind === 'ListLiteral' ? givenList(entry.value) : givenValue(entry.value);
    if (v !== undefined) record[entry.name.text] = v;
  }
  const result = screener.evaluate(record, true);
  const explain = result.explain;
  const lineValues = new Map<string, (boolean | null)[]>();
  if (explain) {
    for (const [name, p] of Object.entries(explain.programs)) lineValues.set(name, p.lines.map((l) => l.value));
  }
  const failures: string[] = [];
  for (const e of test.expectations) {
    const target = e.target.text;
    const expectText = `expect ${sourceOf(source, e).replace(/^expect\s+/, '')}`;
    let actual: string;
    let detail = '';
    if (Object.hasOwn(result.groups, target)) {
      const v = result.groups[target];
      actual = v === true ? 'true' : v === false ? 'false' : 'unknown';
      if (explain) detail = explanationText(engine, explain, { group: target }, lang);
    } else if (Object.hasOwn(result.programs, target)) {
      actual = result.programs[target]!;
      if (explain) detail = explanationText(engine, explain, { program: target }, lang);
    } else {
      const off = screener.notInForce.find((n) => n.name === target);
      const why = off ? w.targetNotInForce(target, asOf, inForceDays(off.inForce, lang)) : w.targetUnknown(target);
      failures.push(`${expectText} ${w.onLine(e.range.start.line)}: ${why}`);
      continue;
    }
    if (actual === e.expected) continue;
    failures.push(
      `${expectText} ${w.onLine(e.range.start.line)}\n  ${w.expectedLine(e.expected)}\n  ${w.actualLine(actual)}` +
        (detail ? `\n${indent(detail.trimEnd(), 2)}` : ''),
    );
  }
  return { kind: 'ran', failures, lineValues };
}

