// `pnpm bench` entry for the engine: builds bench/engine.ts with esbuild and runs it.
//   node bench/engine.mjs [--records N] [--runs N]
import { createRequire } from 'node:module';
import { loadBuilt } from './build-entry.mjs';

// The JSON Logic engines are dependencies of packages/engine, so resolve them from there.
const require = createRequire(new URL('../packages/engine/package.json', import.meta.url));

export async function run(options = {}) {
  const bench = await loadBuilt('bench/engine.ts', 'engine');
  const jsonLogicJs = require('json-logic-js');
  const { LogicEngine } = require('json-logic-engine');
  return bench.run({ jsonLogicJs, LogicEngine }, options);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : Number(process.argv[i + 1]);
  };
  await run({ records: arg('--records'), runs: arg('--runs') });
}
