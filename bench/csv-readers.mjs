// Measures CSV readers on a Danish-Excel-like file, to choose the reader of `visit screen`.
//
//   node bench/csv-readers.mjs [--rows 1000000] [--runs 3]
//
// Generates ROWS rows × 12 columns of `;` CSV (UTF-8 BOM, CRLF, CPR-like ids, ISO dates, small
// integers, enum words, ja/nej, decimal commas, empty cells, 2 % quoted cells) into a temporary
// directory, bundles packages/batch/src/read with esbuild, then runs each reader RUNS times, each run
// in its own child process (so peak RSS is that reader's alone: process.resourceUsage().maxRSS),
// and prints the best wall time and the peak RSS of that run, with the ratio to csv-parse.
//
// csv-parse is the baseline (rows as arrays, `delimiter: ';'`, no cast) and is a development
// dependency of the workspace root. The other libraries are optional and measured only when they
// can be resolved, from the workspace or from the node_modules of the directory in BENCH_LIBS, e.g.
//   npm install --prefix /tmp/csvlibs papaparse csv-parser udsv && BENCH_LIBS=/tmp/csvlibs node bench/csv-readers.mjs

import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Resolves a library from @visit/cli, the workspace root, or BENCH_LIBS. */
function requireLibrary(name) {
  const bases = [join(root, 'packages/cli/package.json'), join(root, 'package.json')];
  if (process.env.BENCH_LIBS) bases.push(join(resolve(process.env.BENCH_LIBS), 'package.json'));
  for (const base of bases) {
    try {
      return createRequire(base)(name);
    } catch {
      // try the next place
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- the readers, run in a child

const readers = {
  /** The floor: read the bytes, decode, find the line ends; no cells. */
  async 'lines only (floor)'(file) {
    const decoder = new TextDecoder();
    let rows = 0;
    let carry = '';
    for await (const chunk of createReadStream(file)) {
      const text = carry + decoder.decode(chunk, { stream: true });
      let pos = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
        rows++;
        pos = nl + 1;
      }
      carry = text.slice(pos);
    }
    return rows + (carry.length > 0 ? 1 : 0) - 1;
  },

  async 'csv-parse 7 (baseline)'(file) {
    const { parse } = requireLibrary('csv-parse');
    let rows = 0;
    await new Promise((done, fail) => {
      createReadStream(file)
        .pipe(parse({ delimiter: ';', bom: true }))
        .on('data', () => rows++)
        .on('end', done)
        .on('error', fail);
    });
    return rows - 1;
  },

  async 'csv-parser 3'(file) {
    const csvParser = requireLibrary('csv-parser');
    if (!csvParser) return undefined;
    let rows = 0;
    await new Promise((done, fail) => {
      createReadStream(file)
        .pipe(csvParser({ separator: ';', headers: false }))
        .on('data', () => rows++)
        .on('end', done)
        .on('error', fail);
    });
    return rows - 1;
  },

  async 'papaparse 5 (node stream)'(file) {
    const Papa = requireLibrary('papaparse');
    if (!Papa) return undefined;
    let rows = 0;
    await new Promise((done, fail) => {
      Papa.parse(createReadStream(file), {
        delimiter: ';',
        chunk: (results) => {
          rows += results.data.length;
        },
        complete: done,
        error: fail,
      });
    });
    return rows - 1;
  },

  async 'udsv 0.7 (string arrays)'(file) {
    const udsv = requireLibrary('udsv');
    if (!udsv) return undefined;
    const decoder = new TextDecoder();
    let parser = null;
    let rows = 0;
    const count = () => {
      rows++;
    };
    for await (const chunk of createReadStream(file)) {
      const text = decoder.decode(chunk, { stream: true });
      parser ??= udsv.initParser(udsv.inferSchema(text, { col: ';' }));
      parser.chunk(text, parser.stringArrs, count);
    }
    parser.end();
    return rows;
  },

  async 'visit openCsv, batches()'(file, bundle) {
    const io = await import(pathToFileURL(bundle).href);
    const opened = await io.openCsv(io.openInput(file));
    if (!opened.ok) throw new Error(opened.error);
    let rows = 0;
    let broken = 0;
    for await (const batch of opened.reader.batches()) {
      for (const entry of batch) {
        rows++;
        if (entry.error !== undefined) broken++;
      }
    }
    if (broken > 0) throw new Error(`${broken} rows reported malformed`);
    return rows;
  },

  async 'visit openCsv, rows()'(file, bundle) {
    const io = await import(pathToFileURL(bundle).href);
    const opened = await io.openCsv(io.openInput(file));
    if (!opened.ok) throw new Error(opened.error);
    let rows = 0;
    for await (const entry of opened.reader.rows()) if (entry.row > 0) rows++;
    return rows;
  },
};

async function child(name, file, bundle) {
  const started = performance.now();
  const rows = await readers[name](file, bundle);
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ rows, ms, rssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

// ---------------------------------------------------------------- the data

/** A deterministic Danish-Excel-like export: BOM, `;`, CRLF, about 78 bytes a row. */
export async function generateCsv(file, rows, seed = 1) {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (values) => values[Math.floor(random() * values.length)];
  const pad = (n, width) => String(n).padStart(width, '0');
  const kommuner = ['København', 'Aarhus', 'Odense', 'Aalborg', 'Kalundborg', 'Gribskov', 'Næstved', 'Høje-Taastrup', 'Lyngby-Taarbæk'];
  const målgrupper = ['jobparat', 'aktivitetsparat', 'uddannelsesparat', 'dagpenge', 'sygedagpenge'];
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = (text) => (out.write(text) ? undefined : new Promise((done) => out.once('drain', done)));
  await write(
    '\uFEFFcpr;fødselsdato;kommune;målgruppe;ledig_uger;dansk_niveau;læsetest;motivation;cv;timer_pr_uge;startdato;bemærkning\r\n',
  );
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const year = 40 + Math.floor(random() * 60);
    const cpr = pad(day, 2) + pad(month, 2) + pad(year, 2) + pad(Math.floor(random() * 10000), 4);
    const r = random();
    const note =
      r < 0.015 ? '"Ønsker deltid; max 20 timer"' : r < 0.02 ? '"Har sagt ""nej"" til tilbud"' : r < 0.1 ? 'ringes op' : '';
    buffer +=
      `${cpr};${1900 + year}-${pad(month, 2)}-${pad(day, 2)};${pick(kommuner)};${pick(målgrupper)};` +
      `${Math.floor(random() * 200)};${random() < 0.2 ? '' : 1 + Math.floor(random() * 3)};` +
      `${random() < 0.15 ? '' : pick(['ja', 'nej'])};${pick(['ja', 'nej'])};${pick(['ja', 'nej', ''])};` +
      `${pick(['37', '37,5', '20', '15,25', ''])};2026-${pad(month, 2)}-${pad(day, 2)};${note}\r\n`;
    if (buffer.length > 65536) {
      const wait = write(buffer);
      buffer = '';
      if (wait) await wait;
    }
  }
  await write(buffer);
  await new Promise((done) => out.end(done));
}

// ---------------------------------------------------------------- the parent

async function main() {
  const rows = Number(argument('--rows', '1000000'));
  const runs = Number(argument('--runs', '3'));
  const directory = mkdtempSync(join(tmpdir(), 'visit-csv-bench-'));
  try {
    const file = join(directory, 'records.csv');
    await generateCsv(file, rows);
    const bundle = join(directory, 'io.mjs');
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(root, 'packages/batch/src/node.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
    });
    const size = statSync(file).size;
    console.log(`${rows.toLocaleString('en')} rows × 12 columns, ${(size / 1e6).toFixed(1)} MB; best of ${runs} runs, Node ${process.version}`);
    const results = [];
    for (const name of Object.keys(readers)) {
      let best;
      for (let run = 0; run < runs; run++) {
        const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name, file, bundle], {
          encoding: 'utf8',
        });
        if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`);
        const measured = JSON.parse(result.stdout.trim().split('\n').pop());
        if (measured.rows === undefined || measured.rows === null) break; // library not installed
        if (measured.rows !== rows) throw new Error(`${name} counted ${measured.rows} rows, expected ${rows}`);
        if (!best || measured.ms < best.ms) best = measured;
      }
      results.push({ name, best });
    }
    const baseline = results.find((r) => r.name.startsWith('csv-parse'))?.best?.ms;
    console.log(`${'reader'.padEnd(30)} ${'wall'.padStart(8)} ${'peak RSS'.padStart(9)} ${'× csv-parse'.padStart(12)}`);
    for (const { name, best } of results) {
      if (!best) {
        console.log(`${name.padEnd(30)} (not installed: see BENCH_LIBS)`);
        continue;
      }
      const ratio = baseline ? (best.ms / baseline).toFixed(2) : '?';
      console.log(
        `${name.padEnd(30)} ${(best.ms / 1000).toFixed(2).padStart(6)} s ${best.rssMB.toFixed(0).padStart(6)} MB ${ratio.padStart(12)}`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5]);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
