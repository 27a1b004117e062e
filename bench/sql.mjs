// The SQL back ends against the JavaScript engine, as issue 13 asks, each measured end to end
// (process start to exit, the NDJSON output to a file), runs alternating, medians:
//
// 1. `visit screen FILE` (the JavaScript engine, default threads) against `visit screen FILE
//    --engine duckdb`, on the generated clean Tre hovedveje CSV of 1M and 10M rows (made by
//    examples/generate.mjs, kept in bench/data/ as bench/screen.mjs keeps them);
// 2. a table of 1M citizens in a real PostgreSQL server (a throw-away cluster in a temporary
//    directory, as the tests start one; the rows made in SQL with generate_series): screening
//    inside the database (`visit screen --engine postgres --table citizens --out FILE`) against
//    exporting the table (psql `\copy … TO … CSV HEADER`, PostgreSQL's own CSV) and screening the
//    export with `visit screen`; and, for scale, the compiled SELECT alone in psql (no output kept).
//
//   node bench/sql.mjs [--rows 1000000] [--big 10000000] [--runs 5]   (--big 0: no 10M rows)
//   (or `pnpm bench sql`; BENCH_SQL_ROWS / _BIG / _RUNS set the same)
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../scripts/build.mjs';
import { isMain } from '../scripts/is-main.mjs';
import { AS_OF, BIN, DATA, RULES, argument as option, cleanFile, median } from './support.mjs';

const argument = (name, fallback) => option('SQL', name, fallback);

/** Runs a command with stdout to a file; resolves to { seconds, code, stderr }. */
function timed(command, args, { stdoutFile = '/dev/null', env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const out = openSync(stdoutFile, 'w');
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', out, 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(out);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stderr });
    });
  });
}

const fmt = (s) => `${s.toFixed(2)} s`;

function check(r, what) {
  // 0 every row valid, 1 some invalid (still screened); anything else is a failed run.
  if (r.code !== 0 && r.code !== 1) throw new Error(`${what} failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
}

/** Alternates the variants `runs` times; returns the medians by key. */
async function alternate(variants, runs) {
  const times = Object.fromEntries(variants.map((v) => [v.key, []]));
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const t = await v.run();
      times[v.key].push(t);
      process.stdout.write(`  ${v.key} ${fmt(t)}\n`);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, { median: median(xs), all: xs }]));
}

async function duckdbTable(rowsList, runs) {
  const out = join(DATA, 'sql-out.ndjson');
  const lines = ['| rows | visit (JavaScript, default threads) | visit --engine duckdb | DuckDB ÷ JavaScript |', '|---|---|---|---|'];
  for (const rows of rowsList) {
    const file = cleanFile(rows);
    console.log(`${rows} rows (${(statSync(file).size / 1e6).toFixed(0)} MB)`);
    const run = (extra, what) => async () => {
      const r = await timed(process.execPath, [BIN, 'screen', RULES, file, '--as-of', AS_OF, '--out', out, ...extra]);
      check(r, what);
      return r.seconds;
    };
    const m = await alternate(
      [
        { key: 'js', run: run([], 'visit screen') },
        { key: 'duckdb', run: run(['--engine', 'duckdb'], 'visit screen --engine duckdb') },
      ],
      runs,
    );
    lines.push(`| ${rows.toLocaleString('en-US')} | ${fmt(m.js.median)} | ${fmt(m.duckdb.median)} | ${(m.duckdb.median / m.js.median).toFixed(2)}× |`);
  }
  rmSync(out, { force: true });
  return lines.join('\n');
}

// ------------------------------------------------------------------ PostgreSQL

function pgBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (apt-get install -y postgresql)');
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

function asNobody(argv) {
  const full = process.getuid?.() === 0 ? ['runuser', '-u', 'nobody', '--', ...argv] : argv;
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv[0]} failed: ${r.stderr}`);
}

export function startPostgres() {
  const b = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'visit-bench-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534);
  const data = join(dir, 'data');
  asNobody([join(b, 'initdb'), '-D', data, '-U', 'visit', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  asNobody([join(b, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-w', '-o', `-c listen_addresses='' -c unix_socket_directories='${dir}' -c port=5432`, 'start']);
  const psqlArgs = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', '5432', '-U', 'visit', '-d', 'postgres'];
  return {
    dir,
    psqlArgs,
    url: `postgresql://visit@localhost:5432/postgres?host=${encodeURIComponent(dir)}`,
    sql(text) {
      const r = spawnSync('psql', [...psqlArgs, '-f', '-'], { input: text, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
      return r.stdout;
    },
    stop() {
      try {
        asNobody([join(b, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** 1M citizens of the Tre hovedveje record, made in SQL (deterministic, every field's kinds and gaps). */
export function fillCitizens(pg, rows) {
  const schema = spawnSync(process.execPath, [BIN, 'schema', RULES, '--target', 'sql', '--dialect', 'postgres', '--table', 'citizens'], { encoding: 'utf8' });
  if (schema.status !== 0) throw new Error(`visit schema failed: ${schema.stderr}`);
  pg.sql(`${schema.stdout}
INSERT INTO citizens
SELECT lpad(i::text, 10, '0'),
       DATE '1960-01-01' + (i * 7919 % 22000)::int,
       CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2023-06-01' + (i * 104729 % 1200)::int END,
       (ARRAY['none', 'vocational', 'bachelor', 'master'])[1 + i % 4],
       CASE WHEN i % 7 = 0 THEN NULL ELSE 1 + i % 5 END,
       (ARRAY['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge'])[1 + (i / 3) % 4],
       i % 3 <> 0, i % 5 <> 0,
       CASE WHEN i % 4 = 0 THEN NULL ELSE 1 + i % 3 END,
       CASE WHEN i % 6 = 0 THEN NULL ELSE i % 2 = 0 END,
       i % 4 <> 1,
       CASE WHEN i % 8 = 0 THEN NULL ELSE (ARRAY['no_limits', 'some_limits', 'prevents_placement'])[1 + i % 3] END,
       (i % 38)::float8
FROM generate_series(1::bigint, ${rows}) AS i;
ANALYZE citizens;`);
}

async function postgresTable(rows, runs) {
  mkdirSync(DATA, { recursive: true });
  const pg = startPostgres();
  try {
    fillCitizens(pg, rows);
    const out = join(DATA, 'sql-pg-out.ndjson');
    const exported = join(pg.dir, 'export.csv');
    const compiled = spawnSync(process.execPath, [BIN, 'compile', RULES, '--target', 'sql', '--dialect', 'postgres', '--as-of', AS_OF], { encoding: 'utf8' });
    if (compiled.status !== 0) throw new Error(`visit compile failed: ${compiled.stderr}`);
    const selectFile = join(pg.dir, 'select.sql');
    writeFileSync(selectFile, compiled.stdout);
    console.log(`PostgreSQL, ${rows} rows`);
    const m = await alternate(
      [
        {
          key: 'inside',
          run: async () => {
            const r = await timed(process.execPath, [BIN, 'screen', RULES, '--engine', 'postgres', '--connection', pg.url, '--table', 'citizens', '--as-of', AS_OF, '--out', out]);
            check(r, 'visit screen --engine postgres');
            return r.seconds;
          },
        },
        {
          key: 'export',
          run: async () => {
            // The table out as PostgreSQL's CSV (booleans t/f), then the ordinary screening of the file.
            const e = await timed('psql', [...pg.psqlArgs, '-c', `\\copy (SELECT * FROM citizens ORDER BY cpr) TO '${exported}' WITH (FORMAT csv, HEADER)`]);
            if (e.code !== 0) throw new Error(`psql \\copy failed: ${e.stderr}`);
            const s = await timed(process.execPath, [BIN, 'screen', RULES, exported, '--as-of', AS_OF, '--out', out]);
            check(s, 'visit screen of the export');
            return e.seconds + s.seconds;
          },
        },
        {
          key: 'select',
          run: async () => {
            const r = await timed('psql', [...pg.psqlArgs, '-f', selectFile, '-o', '/dev/null']);
            if (r.code !== 0) throw new Error(`psql failed: ${r.stderr}`);
            return r.seconds;
          },
        },
      ],
      runs,
    );
    rmSync(out, { force: true });
    return [
      '| rows | `visit screen --engine postgres --out` (inside the database) | `\\copy` to CSV + `visit screen` of it | in ÷ export | the compiled SELECT alone in psql |',
      '|---|---|---|---|---|',
      `| ${rows.toLocaleString('en-US')} | ${fmt(m.inside.median)} | ${fmt(m.export.median)} | ${(m.inside.median / m.export.median).toFixed(2)}× | ${fmt(m.select.median)} |`,
    ].join('\n');
  } finally {
    pg.stop();
  }
}

export async function run() {
  await build();
  const rows = argument('--rows', 1_000_000);
  const big = argument('--big', 10_000_000);
  const runs = argument('--runs', 5);
  const duck = await duckdbTable(big > 0 ? [rows, big] : [rows], runs);
  const postgres = await postgresTable(rows, runs);
  const table = [
    `Medians of ${runs} alternating runs, process start to exit, NDJSON output to a file (\`--out\`), as of ${AS_OF}, on ${process.platform} with ${(await import('node:os')).availableParallelism()} cores.`,
    '',
    '### The JavaScript engine against DuckDB (the clean generated Tre hovedveje CSV)',
    '',
    duck,
    '',
    '### PostgreSQL: screening inside the database against export + `visit screen`',
    '',
    postgres,
  ].join('\n');
  console.log(table);
  return table;
}

if (isMain(import.meta.url)) await run();
