// "Visit: Run tests in this file", without VS Code: the `test` blocks of a rule file as test items,
// and their results from the engine — the very function `visit test` runs for each test
// (packages/cli/src/test-command.ts), so the Testing view and the command line cannot disagree.
import { check, type CheckedFile } from '@visit/dsl';
import * as engine from '@visit/engine';
import { runTest, type CompileCache } from '@visit/cli/extension-api';

/** One `test` block. Lines and columns are 0-based, as VS Code counts them. */
export interface FileTest {
  /** Unique in the file: the title, with ` #2`, ` #3`… for a title used again. */
  id: string;
  label: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface FileTestResult {
  id: string;
  passed: boolean;
  /** Expected against actual, with the explanation, as `visit test` prints it; empty when passed. */
  message: string;
}

export interface FileTestRun {
  tests: FileTest[];
  results: FileTestResult[];
  /** The file has errors: no test ran (each result says so). */
  errors: number;
}

function itemsOf(checked: CheckedFile): FileTest[] {
  const seen = new Map<string, number>();
  return checked.tests.map((t) => {
    const title = t.title.value;
    const n = (seen.get(title) ?? 0) + 1;
    seen.set(title, n);
    return {
      id: n === 1 ? title : `${title} #${n}`,
      label: title,
      range: {
        start: { line: t.range.start.line - 1, character: t.range.start.column - 1 },
        end: { line: t.range.end.line - 1, character: t.range.end.column - 1 },
      },
    };
  });
}

/** The test items of a rule file's text (also of a file with errors, as far as it parses). */
export function fileTests(source: string): FileTest[] {
  return itemsOf(check(source));
}

/**
 * Runs the tests of `source` (named `file` in messages): each as of its `as of`, else `asOf`;
 * `only` restricts the run to some ids.
 */
export function runFileTests(file: string, source: string, options: { asOf: string; only?: ReadonlySet<string> }): FileTestRun {
  const checked = check(source);
  const tests = itemsOf(checked);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error').length;
  const results: FileTestResult[] = [];
  const cache: CompileCache = new Map();
  checked.tests.forEach((test, i) => {
    const id = tests[i]!.id;
    if (options.only && !options.only.has(id)) return;
    if (errors > 0) {
      results.push({ id, passed: false, message: `could not run: ${file} has ${errors === 1 ? '1 error' : `${errors} errors`} (see Problems)` });
      return;
    }
    const r = runTest(cache, engine, file, source, checked, test, options.asOf, {});
    if (r.kind === 'error') results.push({ id, passed: false, message: r.message });
    else results.push({ id, passed: r.failures.length === 0, message: r.failures.join('\n') });
  });
  return { tests, results, errors };
}
