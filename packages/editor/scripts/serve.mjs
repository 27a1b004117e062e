#!/usr/bin/env node
// `pnpm editor`: builds the app (and the library with its embedding example) and serves them on
// localhost. Nothing but these static files is served; records never leave the browser.
//   node scripts/serve.mjs [--port 5173] [--no-build]
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { buildLibrary } from './build-lib.mjs';
import { serveStatic } from './static-server.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 5173);

if (!args.includes('--no-build')) {
  await build({ configFile: `${here}vite.config.ts`, logLevel: 'warn' });
  await buildLibrary(`${here}dist-lib`);
}
const server = await serveStatic(here, { port, index: 'dist/index.html' });
const { port: actual } = server.address();
console.log(`Visit editor:        http://localhost:${actual}/dist/index.html`);
console.log(`Embedding example:   http://localhost:${actual}/examples/embed.html`);
console.log('Press Ctrl+C to stop.');
