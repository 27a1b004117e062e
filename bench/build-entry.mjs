// Bundles a TypeScript entry with esbuild into bench/dist and imports it (benchmarks run plain Node).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function loadBuilt(entry, name) {
  const outfile = path.join(root, 'bench', 'dist', `${name}.mjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(`${outfile}?t=${Date.now()}`);
}
