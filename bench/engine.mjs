// `pnpm bench` entry for the engine: builds bench/engine.ts with esbuild and runs it.
//   node bench/engine.mjs [--records N] [--runs N] [--scale X] [--closures-only]
// --scale multiplies the record counts of the per-rule-set closures comparison; --closures-only runs only that.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadBuilt } from './build-entry.mjs';
import { generateRules } from './dsl-rules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Where loadBuilt writes the bundle of bench/engine.ts. */
const bundle = path.join(root, 'bench', 'dist', 'engine.mjs');

// The JSON Logic engines are dependencies of packages/engine, so resolve them from there.
const require = createRequire(new URL('../packages/engine/package.json', import.meta.url));

export async function run(options = {}) {
  const bench = await loadBuilt('bench/engine.ts', 'engine');
  const jsonLogicJs = require('json-logic-js');
  const { LogicEngine } = require('json-logic-engine');
  // Each rule set of the closures comparison in a Node process of its own (fresh type feedback).
  const isolate = (index, runs) => {
    const script = `const b = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const { generateRules } = await import(${JSON.stringify(new URL('./dsl-rules.mjs', import.meta.url).href)});
      process.stdout.write(JSON.stringify(b.compareRuleSet(${JSON.stringify(root)}, generateRules, ${index}, ${options.scale ?? 1}, ${runs})));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`closures comparison, rule set ${index}: ${child.stderr}`);
    return Promise.resolve(JSON.parse(child.stdout));
  };
  return bench.run({ jsonLogicJs, LogicEngine }, { root, generateRules, isolate, ...options });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : Number(process.argv[i + 1]);
  };
  await run({ records: arg('--records'), runs: arg('--runs'), scale: arg('--scale'), closuresOnly: process.argv.includes('--closures-only') });
}
