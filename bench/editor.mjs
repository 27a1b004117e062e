// The editor's targets (issue: editor): after one edit of a generated 500-line rules file,
// diagnostics < 100 ms and a completion answer < 50 ms; live screening of 10,000 loaded records
// after an edit < 300 ms. Measured with the very code the workers run, in Node, and — when
// Debian's Chromium is installed — in the real workers of the built app.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadBuilt } from './build-entry.mjs';
import { generateRules } from './dsl-rules.mjs';
import { generate } from '../examples/generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const editorDir = path.join(root, 'packages/editor');
const CHROMIUM = '/usr/bin/chromium';
const AS_OF = '2026-11-23';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** ~500 lines: 62 groups, 25 programmes (the dsl benchmark's generator, smaller). */
export function rules500() {
  return generateRules({ groups: 62, programs: 25 });
}

/** One edit: a threshold in the middle of the file changes (as a person typing would). */
function edit(source, i) {
  const at = source.indexOf('require literacy >= ', Math.floor(source.length / 2));
  const digit = at + 'require literacy >= '.length;
  return source.slice(0, digit) + String(1 + (i % 4)) + source.slice(digit + 1);
}

function citizens(rows) {
  let text = '';
  generate('tre-hovedveje', { rows, seed: 7, write: (chunk) => (text += chunk) });
  return text;
}

async function inNode() {
  const dsl = await loadBuilt('packages/dsl/src/index.ts', 'editor-dsl');
  const { ScreeningSession } = await loadBuilt('packages/editor/src/records/session.ts', 'editor-session');
  const source = rules500();
  const lines = source.split('\n').length;
  const service = new dsl.LanguageService();
  const uri = 'bench:///rules.visit';
  service.update(uri, source, 0);
  if (service.diagnostics(uri).some((d) => d.severity === 1)) throw new Error('the benchmark rules have errors');

  const diagnostics = [];
  const completion = [];
  // Completion where a condition continues: after `and ` at the end of a group in the middle.
  for (let i = 1; i <= 40; i++) {
    const text = edit(source, i);
    let t = performance.now();
    service.update(uri, text, 2 * i);
    service.diagnostics(uri);
    diagnostics.push(performance.now() - t);
    // A new version (a keystroke) and a completion request on it.
    const end = text.indexOf('\n', text.indexOf('group g30 ') + 1);
    const next = text.indexOf('\n', end + 1);
    const typed = `${text.slice(0, next)} and ${text.slice(next)}`;
    const doc = service.update(uri, typed, 2 * i + 1);
    const position = doc.positionAt(next + ' and '.length);
    t = performance.now();
    const items = service.complete(uri, position).items;
    completion.push(performance.now() - t);
    if (items.length === 0) throw new Error('no completion items');
  }

  const records = citizens(10_000);
  const session = new ScreeningSession();
  const loadStart = performance.now();
  const summary = await session.load('citizens.csv', records);
  const loadMs = performance.now() - loadStart;
  const rules = readFileSync(path.join(root, 'examples/tre-hovedveje/tre-hovedveje.visit'), 'utf8');
  const screening = [];
  for (let i = 0; i < 15; i++) {
    const edited = rules.replace('param min_læs      = 3', `param min_læs      = ${2 + (i % 3)}`);
    const t = performance.now();
    const r = session.screen(edited, AS_OF, {}, false);
    screening.push(performance.now() - t);
    if (r.errors.length > 0) throw new Error(r.errors[0]);
  }
  return { lines, diagnostics, completion, screening, rows: summary.rows, loadMs };
}

async function inBrowser() {
  if (!existsSync(CHROMIUM)) return undefined;
  const require = createRequire(path.join(editorDir, 'package.json'));
  const { build } = await import(pathToFileURL(require.resolve('vite')).href);
  const playwright = await import(pathToFileURL(require.resolve('playwright-core')).href);
  const chromium = playwright.chromium ?? playwright.default.chromium;
  const { serveStatic } = await import(pathToFileURL(path.join(editorDir, 'scripts/static-server.mjs')).href);
  const outDir = path.join(editorDir, 'node_modules/.cache/visit-editor-bench');
  await build({ configFile: path.join(editorDir, 'vite.config.ts'), logLevel: 'error', build: { outDir } });
  const server = await serveStatic(outDir, { index: 'index.html' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => window.visit !== undefined);
    const source = rules500();
    const diagnostics = await page.evaluate(async ({ source }) => {
      const worker = [];
      const roundTrip = [];
      for (let i = 1; i <= 40; i++) {
        const at = source.indexOf('require literacy >= ', Math.floor(source.length / 2)) + 'require literacy >= '.length;
        window.visit.setValue(source.slice(0, at) + String(1 + (i % 4)) + source.slice(at + 1));
        const t = performance.now();
        const r = await window.visit.diagnostics();
        roundTrip.push(performance.now() - t);
        worker.push(r.ms);
      }
      return { worker, roundTrip };
    }, { source });
    const rules = readFileSync(path.join(root, 'examples/tre-hovedveje/tre-hovedveje.visit'), 'utf8');
    const records = citizens(10_000);
    const screening = await page.evaluate(async ({ rules, records }) => {
      window.visit.setValue(rules);
      await window.visit.loadRecords({ name: 'citizens.csv', text: records });
      const worker = [];
      const roundTrip = [];
      for (let i = 0; i < 15; i++) {
        window.visit.setValue(rules.replace('param min_læs      = 3', `param min_læs      = ${2 + (i % 3)}`));
        const t = performance.now();
        const r = await window.visit.screened();
        roundTrip.push(performance.now() - t);
        worker.push(r.ms);
      }
      return { worker, roundTrip };
    }, { rules, records });
    return { diagnostics, screening };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function run() {
  const node = await inNode();
  const browser = await inBrowser();
  const row = (what, where, xs, target) => `| ${what} | ${where} | ${median(xs).toFixed(1)} | ${p95(xs).toFixed(1)} | ${target} | ${(median(xs) / target).toFixed(2)}× |`;
  const table = [
    `### Editor: ${node.lines}-line rules file; ${node.rows.toLocaleString('en')} records (tre-hovedveje, generated), warm`,
    '',
    '| step | where | median ms | p95 ms | target ms | median / target |',
    '|---|---|---:|---:|---:|---:|',
    row('diagnostics after one edit', 'service in Node', node.diagnostics, 100),
    ...(browser
      ? [row('diagnostics after one edit', 'language worker, Chromium', browser.diagnostics.worker, 100), row('… as the page waits for it (round trip)', 'page ↔ worker, Chromium', browser.diagnostics.roundTrip, 100)]
      : []),
    row('completion on a new version', 'service in Node', node.completion, 50),
    row('screen 10,000 records after an edit', 'session in Node', node.screening, 300),
    ...(browser
      ? [row('screen 10,000 records after an edit', 'screening worker, Chromium', browser.screening.worker, 300), row('… as the page waits for it (round trip)', 'page ↔ worker, Chromium', browser.screening.roundTrip, 300)]
      : ['| (browser figures) | Chromium not installed | | | | |']),
    '',
    `Loading (parsing) the 10,000-row CSV once: ${node.loadMs.toFixed(0)} ms in Node.`,
  ].join('\n');
  console.log(`${table}\n`);
  return { table };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
