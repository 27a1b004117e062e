// The same program as esm.mjs, for a CommonJS project: require() of the ESM build (Node ≥ 20.19).
const { readFileSync } = require('node:fs');
const { compile, renderExplanation, toJsonLogic } = require('@visit/engine');

async function main() {
  const compiled = compile(readFileSync('tre-hovedveje.visit', 'utf8'), { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const { screener } = compiled;

  const citizens = JSON.parse(readFileSync('citizens.json', 'utf8'));
  for await (const row of screener.screenMany(citizens)) console.log(JSON.stringify(row));

  const first = screener.screen(citizens[0], { explain: true });
  if (first.status === 'ok' && first.explain) console.log(renderExplanation(first.explain, { program: 'jobklub' }));

  const logic = toJsonLogic(screener.checked, { asOf: '2026-11-23' });
  console.log(JSON.stringify(logic.programs.jobklub.lines[0]));
}
main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
