#!/usr/bin/env node
// The embeddable library in dist-lib/: the ES module and its CSS (vite library mode, Monaco's and
// Visit's workers in assets/, loaded from the module's own origin: no blob: URLs, no eval), and
// the declarations of its public API (tsc): index.d.ts and the self-contained types.d.ts.
// Vite's library mode inlines every asset of the CSS as a data: URL (the codicon font, images),
// which a `default-src 'self'` policy refuses: they are written back out as files in assets/.
//   node scripts/build-lib.mjs [--out DIR]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(here, 'dist-lib'));

const extensions = { 'font/ttf': 'ttf', 'font/woff': 'woff', 'font/woff2': 'woff2', 'image/png': 'png', 'image/svg+xml': 'svg', 'image/gif': 'gif' };

/** Every `url(data:…)` of the CSS becomes a file in assets/ named by its content; returns how many. */
function externalizeCssAssets(outDir) {
  const cssFile = join(outDir, 'visit-editor.css');
  let count = 0;
  const css = readFileSync(cssFile, 'utf8').replace(/url\(\s*(?:"data:([^"]*)"|'data:([^']*)'|data:([^)"'\s]*))\s*\)/g, (_whole, double, single, bare) => {
    const [, type, base64, data] = /^([\w.+/-]+)(;base64)?,(.*)$/s.exec(double ?? single ?? bare) ?? [];
    const ext = extensions[type];
    if (!ext) throw new Error(`visit-editor.css: a data: URL of type ${type} (add it to build-lib.mjs)`);
    const bytes = base64 ? Buffer.from(data, 'base64') : Buffer.from(decodeURIComponent(data), 'utf8');
    const name = `assets/inline-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${ext}`;
    writeFileSync(join(outDir, name), bytes);
    count++;
    return `url(${name})`;
  });
  writeFileSync(cssFile, css);
  return count;
}

/** Builds the library into `outDir` (emptied first). */
export async function buildLibrary(outDir) {
  await build({ configFile: join(here, 'vite.lib.config.ts'), logLevel: 'warn', build: { outDir } });
  externalizeCssAssets(outDir);
  const types = mkdtempSync(join(tmpdir(), 'visit-editor-types-'));
  try {
    const tsc = createRequire(join(here, '../../package.json')).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.lib.json'), '--outDir', types], { stdio: 'inherit' });
    for (const f of ['index.d.ts', 'types.d.ts']) copyFileSync(join(types, f), join(outDir, f));
  } finally {
    rmSync(types, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildLibrary(out);
