// The differential property (issue 6): on random rule files over every expression form and random
// records with missing values, the engine, the reference interpreter and json-logic-js applied to
// the compiled `holds`/`fails` agree on every group and programme, and `holds` and `fails` are
// never both truthy. The engine runs both its evaluators (issue 10): the generated code and the
// closures (`codegen: false`) agree with the reference and give equal explanations (values, fields
// read, failed lines, missing fields) and equal line values. json-logic-engine (the benchmark's evaluator) must agree too, except that it
// refuses (throws NaN) where a division by zero or NaN arises.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { check, childExpressions, type CheckedFile, type Expression } from '@visit/dsl';
import { compile } from '../src/index';
import { outcomeFromJsonLogic, toJsonLogic, type JsonLogicApply } from '../src/jsonlogic';
import { referenceEvaluate } from './support/reference';
import { asOfDate, drawFrom, generateFile, materializeRecord, recordSpec, type GeneratedFile } from './support/arbitrary';

const FILES = Number(process.env.VISIT_DIFFERENTIAL_FILES ?? 250);
const RECORDS_PER_FILE = 8;

const applyJsonLogicJs: JsonLogicApply = (logic, data) => jsonLogic.apply(logic as unknown as Parameters<typeof jsonLogic.apply>[0], data) as unknown;
const logicEngine = new LogicEngine();
const applyJsonLogicEngine: JsonLogicApply = (logic, data) => logicEngine.run(logic as Parameters<typeof logicEngine.run>[0], data) as unknown;

type Outcome = { groups: Record<string, boolean | null>; programs: Record<string, string> };

/** Fails with the whole case (rules, params, date, record) and only the entries that differ. */
function expectAgreement(who: string, actual: Outcome, reference: Outcome, context: () => string): void {
  const differences = (['groups', 'programs'] as const).flatMap((kind) =>
    Object.keys(reference[kind])
      .filter((name) => actual[kind][name] !== reference[kind][name])
      .map((name) => `${kind}.${name}: ${who} ${String(actual[kind][name])}, reference ${String(reference[kind][name])}`),
  );
  if (Object.keys(actual.groups).length !== Object.keys(reference.groups).length) differences.push(`${who} has groups ${Object.keys(actual.groups).join(', ')}`);
  if (differences.length > 0) throw new Error(`${who} disagrees with the reference interpreter:\n${differences.join('\n')}\n${context()}`);
}

/** The forms a file uses (node kinds with their operator, unit or test), to show the generator's reach. */
function formsOf(checked: CheckedFile, into: Set<string>): void {
  const visit = (e: Expression) => {
    const t = checked.types;
    switch (e.kind) {
      case 'Comparison': {
        const calendar = t.get(e.left.id)?.kind === 'calendar' || t.get(e.right.id)?.kind === 'calendar';
        const sides = calendar ? 'calendar' : (t.get(e.left.id)?.kind ?? '?');
        into.add(`${sides} ${e.op}`);
        break;
      }
      case 'Arithmetic':
      case 'Logical':
        into.add(`${e.kind} ${e.op}`);
        break;
      case 'In':
        into.add(e.negated ? 'not in' : 'in');
        break;
      case 'Is':
        into.add(`is ${e.test}`);
        break;
      case 'Call':
        into.add(e.callee.text);
        break;
      case 'Duration':
        into.add(`Duration ${e.unit}`);
        break;
      default:
        into.add(e.kind);
    }
    childExpressions(e).forEach(visit);
  };
  for (const l of checked.lets.values()) visit(l.value);
  for (const g of checked.groups.values()) visit(g.condition);
  for (const p of checked.programs.values()) for (const line of p.lines) visit(line.condition);
}

const EVERY_FORM = [
  ...['=', '!=', '<', '<=', '>', '>='].flatMap((op) => [`number ${op}`, `date ${op}`, `calendar ${op}`]),
  ...['=', '!='].flatMap((op) => [`boolean ${op}`, `enum ${op}`, `text ${op}`]),
  ...['+', '-', '*', '/'].map((op) => `Arithmetic ${op}`),
  ...['days', 'weeks', 'months', 'years'].map((u) => `Duration ${u}`),
  'Logical and', 'Logical or', 'Not', 'Negate', 'Between', 'in', 'not in', 'is known', 'is missing', 'AtLeast',
  'age_of', 'time_since', 'Boolean', 'Number', 'Date', 'Text', 'Reference',
];

function checkedClean(file: GeneratedFile): CheckedFile {
  const checked = check(file.source, { params: file.params });
  if (checked.hasErrors) {
    const report = checked.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column}: ${d.severity}: ${d.message}`).join('\n');
    throw new Error(`generated file does not check clean (a generator or checker bug):\n${report}\n--- params ${JSON.stringify(file.params)}\n${file.source}`);
  }
  return checked;
}

describe('engine, reference interpreter and json-logic-js agree', () => {
  it(`on ${FILES} random rule files × ${RECORDS_PER_FILE} random records`, () => {
    let pairs = 0;
    const forms = new Set<string>();
    fc.assert(
      fc.property(fc.gen(), asOfDate, fc.array(recordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), (g, asOf, specs) => {
        const file = generateFile(drawFrom(g));
        const checked = checkedClean(file);
        formsOf(checked, forms);
        const compiled = compile(file.source, { asOf, params: file.params });
        if (!compiled.ok) throw new Error(`the engine refuses a clean file: ${JSON.stringify(compiled.diagnostics)}\n${file.source}`);
        const { screener } = compiled;
        const withoutCodegen = compile(file.source, { asOf, params: file.params, codegen: false });
        if (!withoutCodegen.ok) throw new Error(`the engine refuses a clean file without codegen: ${JSON.stringify(withoutCodegen.diagnostics)}\n${file.source}`);
        const closures = withoutCodegen.screener;
        if (screener.evaluator !== 'generated' || closures.evaluator !== 'closures') throw new Error(`evaluators ${screener.evaluator}, ${closures.evaluator}`);
        // Through JSON text, as `visit compile` writes it.
        const doc = JSON.parse(JSON.stringify(toJsonLogic(checked, { asOf }))) as ReturnType<typeof toJsonLogic>;
        specs.forEach((spec, i) => {
          const record = materializeRecord(spec, asOf, i + 1);
          const context = () => `--- as of ${asOf}, params ${JSON.stringify(file.params)}, record ${JSON.stringify(record)}\n${file.source}`;
          const reference = referenceEvaluate(checked, record, asOf);
          // outcomeFromJsonLogic throws if a criterion both holds and fails.
          expectAgreement('json-logic-js', outcomeFromJsonLogic(doc, record, applyJsonLogicJs), reference, context);
          let viaLogicEngine: Outcome | undefined;
          try {
            viaLogicEngine = outcomeFromJsonLogic(doc, record, applyJsonLogicEngine);
          } catch (e) {
            if (!(typeof e === 'number' && Number.isNaN(e))) throw e;
          }
          if (viaLogicEngine) expectAgreement('json-logic-engine', viaLogicEngine, reference, context);
          expectAgreement('the engine', screener.evaluate(record), reference, context);
          // The traced path (explanations) and the validating path (NDJSON, the API) give the same outcome.
          expectAgreement('the engine with explanation', screener.evaluate(record, true), reference, context);
          const screened = screener.screen(record);
          if (screened.status !== 'ok') throw new Error(`the engine finds the record invalid: ${screened.errors.join('; ')}\n${context()}`);
          expectAgreement('the engine screen()', screened, reference, context);
          expectAgreement('the closures', closures.evaluate(record), reference, context);
          const explained = screener.evaluate(record, true);
          const closuresExplained = closures.evaluate(record, true);
          expectAgreement('the closures with explanation', closuresExplained, reference, context);
          if (!isDeepStrictEqual(closuresExplained, explained)) {
            throw new Error(`the closures explain differently:\n${JSON.stringify(closuresExplained.explain)}\ngenerated:\n${JSON.stringify(explained.explain)}\n${context()}`);
          }
          if (!isDeepStrictEqual(closures.screen(record, { explain: true }), screener.screen(record, { explain: true }))) {
            throw new Error(`the closures screen() differently\n${context()}`);
          }
          const lines = new Uint8Array(screener.lineCount);
          const closureLines = new Uint8Array(closures.lineCount);
          expectAgreement('the closures with line values', closures.evaluateLines(record, closureLines), reference, context);
          screener.evaluateLines(record, lines);
          if (!isDeepStrictEqual(closureLines, lines)) throw new Error(`line values differ: closures ${closureLines.join(',')}, generated ${lines.join(',')}\n${context()}`);
          pairs++;
        });
      }),
      // Shrinking recompiles a file per step; after two minutes the smallest case so far is reported.
      { numRuns: FILES, interruptAfterTimeLimit: 120_000 + FILES * 200, markInterruptAsFailure: true },
    );
    expect(pairs).toBeGreaterThanOrEqual(Math.min(2000, FILES * RECORDS_PER_FILE));
    if (FILES >= 250) expect(EVERY_FORM.filter((f) => !forms.has(f)), 'forms the random files never used').toEqual([]);
  }, 180_000 + FILES * 400);
});

