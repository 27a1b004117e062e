// A TypeScript consumer, type-checked with the strictest options an integrator may use
// (--strict --module NodeNext --exactOptionalPropertyTypes --noPropertyAccessFromIndexSignature
// --erasableSyntaxOnly), against the declaration files of the packed packages.
import { readFileSync } from 'node:fs';
import { check, parse, type Diagnostic } from '@visit/dsl';
import {
  compile,
  renderExplanation,
  toJsonLogic,
  type JsonLogicDocument,
  type ScreenResult,
  type Screener,
} from '@visit/engine';

const source = readFileSync('tre-hovedveje.visit', 'utf8');
const problems: Diagnostic[] = [...parse(source).diagnostics, ...check(source).diagnostics];
for (const d of problems) console.error(`${d.range.start.line}:${d.range.start.column}: ${d.message}`);

const compiled = compile(source, { asOf: '2026-11-23', params: { min_ledighed: '4 months' } });
if (compiled.ok) {
  const screener: Screener = compiled.screener;
  const result: ScreenResult = screener.screen({ cpr: '0101701234', birth_date: '1970-01-01' }, { explain: true });
  if (result.status === 'ok') {
    const jobklub: 'eligible' | 'ineligible' | 'undetermined' | undefined = result.programs['jobklub'];
    console.log(jobklub, result.explain ? renderExplanation(result.explain) : '');
  } else {
    console.log(result.errors.join('; '));
  }
  const logic: JsonLogicDocument = toJsonLogic(screener.checked, { asOf: screener.asOf, layout: 'referenced' });
  console.log(Object.keys(logic.programs).length);
}
