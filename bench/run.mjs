// `pnpm bench`: the project against the baselines each issue names, side by side, in one run.
// Each benchmark module exports `run()`, prints its own markdown table and returns it.
import { writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const suites = [
  ['dsl', './dsl.mjs'],
  ['engine', './engine.mjs'],
  ['screen', './screen.mjs'],
  ['diff', './diff.mjs'],
  ['histories', './histories.mjs'],
  ['sql', './sql.mjs'],
  ['editor', './editor.mjs'],
  ['startup', './startup.mjs'],
].filter(([name]) => only.length === 0 || only.includes(name));

const tables = [];
for (const [name, file] of suites) {
  if (!existsSync(path.join(here, file))) {
    console.log(`(no ${file} benchmark)`);
    continue;
  }
  console.log(`\n## ${name}\n`);
  const mod = await import(file);
  const result = await mod.run();
  tables.push(`## ${name}\n\n${typeof result === 'string' ? result : (result?.table ?? '')}`);
}
mkdirSync(path.join(here, 'results'), { recursive: true });
const out = path.join(here, 'results', 'latest.md');
writeFileSync(out, `# pnpm bench — ${new Date().toISOString()}\n\n${tables.join('\n\n')}\n`);
console.log(`\nTables written to ${path.relative(process.cwd(), out)}`);
