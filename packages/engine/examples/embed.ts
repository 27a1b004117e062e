// Embedding the Visit engine: compile rules once, then screen records one by one, from CSV cells,
// or as a stream. Run it: `node packages/engine/examples/run.mjs` (bundles this file with esbuild).
import { compile, renderExplanation } from '@visit/engine';

const rules = `
record Citizen {
  cpr:              text key personal       "CPR-nummer"
  birth_date:       date                    "Fødselsdato"
  unemployed_since: date optional           "Ledig siden"
  literacy:         integer 1..5 optional   "Læseniveau (FVU-trin)"
  benefit:          one of (dagpenge, kontanthjaelp)
  hours_available:  number 0..37            "Timer til rådighed pr. uge"
}

let age      = age_of(birth_date)
let ledighed = time_since(unemployed_since)
param min_ledighed = 6 months

group seniorer "50 år eller derover" = age >= 50 years

program jobklub "Jobklub" {
  require benefit = dagpenge               "For dagpengemodtagere"
  require seniorer or ledighed >= min_ledighed "Senior eller længe ledig"
  require literacy >= 3                    "Læser på niveau 3"
  require hours_available >= 10            "Mindst 10 timer om ugen"
}
`;

// 1. Compile for a reference date, with a param override. Problems come back as diagnostics.
const compiled = compile(rules, { asOf: '2026-11-23', params: { min_ledighed: '4 months' } });
if (!compiled.ok) {
  for (const d of compiled.diagnostics) {
    console.error(`rules:${d.range.start.line}:${d.range.start.column}: ${d.severity}: ${d.message}`);
  }
  process.exit(2);
}
const { screener } = compiled;
console.log(`groups: ${screener.groupNames.join(', ')}; programmes: ${screener.programNames.join(', ')}`);

// 2. Screen one typed JSON record (validated first). The result is the NDJSON row of the CLI.
const citizen = { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge', hours_available: 37 };
console.log(JSON.stringify(screener.screen(citizen, { row: 1 })));
// With `explain`, the row also says why: per line its value and the fields it read.
const explained = screener.screen(citizen, { explain: true });
if (explained.status === 'ok' && explained.explain) console.log(renderExplanation(explained.explain, { program: 'jobklub' }));

// 3. CSV cells, as Danish Excel writes them: the header is matched once, each row coerced.
const reader = screener.csvReader(['cpr', 'birth_date', 'benefit', 'literacy', 'hours_available', 'kommune'], {
  decimalComma: true,
});
for (const warning of reader.warnings) console.log(`warning: ${warning}`);
const rows = [
  ['0202901234', '1990-02-02', 'dagpenge', '4', '12,5', 'Kalundborg'],
  ['0303851234', '1985-02-30', 'dagpenge', '4', '40', 'Gribskov'],
];
rows.forEach((cells, i) => console.log(JSON.stringify(screener.screenCoerced(reader.read(cells), { row: i + 1 }))));

// 4. Many records, in order (an array, a generator or an async generator).
async function* incoming() {
  yield { cpr: '0404701234', birth_date: '1970-04-04', benefit: 'kontanthjaelp', hours_available: 20 };
  yield { cpr: '0505601234', birth_date: '1960-05-05', benefit: 'dagpenge', literacy: 5, hours_available: 30 };
}
for await (const row of screener.screenMany(incoming())) console.log(JSON.stringify(row));
