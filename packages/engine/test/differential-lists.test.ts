// The differential property for histories (LANGUAGE.md §11–§12): on random rule files over lists
// and time_between, and random records with lists (missing, null, empty, elements with missing
// fields, open periods), the generated code, the closures and the reference interpreter agree on
// every group and programme, plain and traced, and the two evaluators explain alike; where the file
// is portable (no time_between or time_in), json-logic-js on the compiled holds/fails agrees too.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from '@visit/dsl';
import jsonLogic from 'json-logic-js';
import { compile } from '../src/index';
import { JsonLogicNotPortable, outcomeFromJsonLogic, toJsonLogic, type JsonLogicApply, type JsonLogicDocument } from '../src/jsonlogic';
import { referenceEvaluate } from './support/reference';
import { drawFrom } from './support/arbitrary';
import { generateListFile, listRecordSpec, materializeListRecord } from './support/arbitrary-lists';

const FILES = Number(process.env.VISIT_DIFFERENTIAL_FILES ?? 200);
const RECORDS_PER_FILE = 10;
const AS_OF = fc.constantFrom('2026-11-23', '2024-02-29', '2025-02-28', '2026-03-31', '2025-12-31', '2023-03-01');

const applyJsonLogicJs: JsonLogicApply = (logic, data) => jsonLogic.apply(logic as unknown as Parameters<typeof jsonLogic.apply>[0], data) as unknown;

type Outcome = { groups: Record<string, boolean | null>; programs: Record<string, string> };
const outcome = (o: Outcome): Outcome => ({ groups: o.groups, programs: o.programs });

describe('generated code, closures and the reference interpreter agree on lists', () => {
  it(`on ${FILES} random rule files × ${RECORDS_PER_FILE} random records`, () => {
    let pairs = 0;
    let portable = 0;
    fc.assert(
      fc.property(fc.gen(), AS_OF, fc.array(listRecordSpec, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }), (g, asOf, specs) => {
        const source = generateListFile(drawFrom(g));
        const checked = check(source);
        if (checked.hasErrors) {
          throw new Error(`generated file does not check clean:\n${checked.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}: ${d.message}`).join('\n')}\n${source}`);
        }
        const generated = compile(source, { asOf });
        const closures = compile(source, { asOf, codegen: false });
        if (!generated.ok || !closures.ok) throw new Error(`the engine refuses a clean file\n${source}`);
        let doc: JsonLogicDocument | undefined;
        let referenced: JsonLogicDocument | undefined;
        try {
          // Through JSON text, as `visit compile` writes it; both layouts.
          doc = JSON.parse(JSON.stringify(toJsonLogic(checked, { asOf }))) as JsonLogicDocument;
          referenced = JSON.parse(JSON.stringify(toJsonLogic(checked, { asOf, layout: 'referenced' }))) as JsonLogicDocument;
        } catch (e) {
          if (!(e instanceof JsonLogicNotPortable)) throw e;
          if (!/time_between|time_in|count/.test(source)) throw new Error(`not portable without time_between/time_in: ${e.message}`);
        }
        if (doc) portable++;
        specs.forEach((spec, i) => {
          const record = materializeListRecord(spec, asOf, i + 1);
          const context = `--- as of ${asOf}, record ${JSON.stringify(record)}\n${source}`;
          const reference = referenceEvaluate(checked, record, asOf);
          const results: [string, Outcome][] = [
            ['generated', generated.screener.evaluate(record)],
            ['closures', closures.screener.evaluate(record)],
            ['generated traced', generated.screener.evaluate(record, true)],
            ['closures traced', closures.screener.evaluate(record, true)],
          ];
          // outcomeFromJsonLogic throws if a criterion both holds and fails.
          if (doc) results.push(['json-logic-js', outcomeFromJsonLogic(doc, record, applyJsonLogicJs)]);
          if (referenced) results.push(['json-logic-js, referenced layout', outcomeFromJsonLogic(referenced, record, applyJsonLogicJs)]);
          for (const [who, o] of results) {
            if (!isDeepStrictEqual(outcome(o), reference)) throw new Error(`${who}: ${JSON.stringify(outcome(o))}\nreference: ${JSON.stringify(reference)}\n${context}`);
          }
          const a = generated.screener.evaluate(record, true);
          const b = closures.screener.evaluate(record, true);
          if (!isDeepStrictEqual(a, b)) throw new Error(`the closures explain differently:\n${JSON.stringify(b.explain)}\ngenerated:\n${JSON.stringify(a.explain)}\n${context}`);
          const la = new Uint8Array(generated.screener.lineCount);
          const lb = new Uint8Array(closures.screener.lineCount);
          generated.screener.evaluateLines(record, la);
          closures.screener.evaluateLines(record, lb);
          if (!isDeepStrictEqual(la, lb)) throw new Error(`line values differ\n${context}`);
          pairs++;
        });
      }),
      { numRuns: FILES, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true },
    );
    expect(pairs).toBe(FILES * RECORDS_PER_FILE);
    expect(portable, 'files compiled to JSON Logic').toBeGreaterThan(FILES / 4);
  }, 180_000);
});
