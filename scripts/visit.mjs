#!/usr/bin/env node
// `pnpm visit …` from the repository root: rebuilds the bundle when a source under packages/*/src
// is newer than it (a cheap mtime scan), then runs the bundle in this process, so stdout carries
// nothing but the command's own output.

import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, build } from './build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest mtime (ms) of any file under `dir`, or 0 when there is none. */
function newest(dir) {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.isFile()) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function bundleIsStale() {
  let built;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  const packages = join(ROOT, 'packages');
  for (const pkg of readdirSync(packages)) {
    if (newest(join(packages, pkg, 'src')) > built) return true;
  }
  return newest(join(ROOT, 'scripts')) > built;
}

if (bundleIsStale()) {
  try {
    await build();
  } catch (e) {
    process.stderr.write(`visit: could not build the command line: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}

const cli = await import(pathToFileURL(BUNDLE).href);
process.exit(await cli.runCli(process.argv.slice(2)));
