// Histories (LANGUAGE.md §11–§14, issue 12 "Speed"): `visit screen` of 1,000,000 citizens (default;
// BENCH_HISTORIES_ROWS) with on average 5 periods (`forløb`) and 8 contact meetings (`samtaler`)
// each, made by examples/historik/generate.mjs, screened with the example's rules
// (examples/historik/historik.visit: any/none/count/time_in over both lists, time_between, dated
// versions) against the same file screened with bench/historik-no-history.visit (the same record,
// but no group or programme reads a list or time_between; `forløb` optional there so that the CSV
// can be read without --list). Runs, each its own process writing NDJSON with --out:
//
//   (a) NDJSON (lists as arrays), history rules        (b) the same file, no history rules
//   (c) CSV + --list forløb= --list samtaler=, history  (c0) the same, no history rules (join cost)
//   (d) the CSV without --list, no history rules
//   (e) --as-of-field visiteret over 1M past admissions (admissions.ndjson, the generator's --audit:
//       each row the citizen as of the admission day, spread over 2015-11-01 … 2016-12-31; the
//       distinct-date count is reported), history rules   (f) the same file, one --as-of
//
// and one run of the worst case for the list join's memory: the list lines interleaved across
// citizens (round r holds every citizen's r-th element, 0–10 periods and 0–16 meetings, ~13M
// lines; the join cannot rely on lines grouped by key; BENCH_HISTORIES_INTERLEAVED=0 skips it).
// The variants alternate (a, b, c, c0, d, e, f, then again), medians of BENCH_HISTORIES_RUNS (3)
// are reported, peak RSS is the largest of the runs by /usr/bin/time -v (else polling VmHWM).
// Checks: (a) and (c) wrote the same bytes, and (b), (c0), (d) too (sha256 of the --out file).
// Files are generated once into bench/data/histories-N/ (git-ignored) and kept.
//
//   node bench/histories.mjs        (or `pnpm bench histories`; BENCH_HISTORIES_ROWS=100000 for a quick run)

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from '../scripts/build.mjs';
import { writeHistory } from '../examples/historik/generate.mjs';
import { mulberry32 } from '../examples/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'packages', 'cli', 'dist', 'visit.js');
const HISTORY = join(ROOT, 'examples', 'historik', 'historik.visit');
const PLAIN = join(ROOT, 'bench', 'historik-no-history.visit');
const AS_OF = '2026-11-23';
const AUDIT_AS_OF = '2016-06-01';
const HAS_TIME = existsSync('/usr/bin/time');
const env = (name, fallback) => {
  const v = process.env[`BENCH_HISTORIES_${name}`];
  return v !== undefined && v !== '' ? Number(v) : fallback;
};

// ------------------------------------------------------------------------------------ data

/** The generator's files for `rows` citizens and `rows` admissions, made once; meta.json last. */
async function historyFiles(rows) {
  const dir = join(ROOT, 'bench', 'data', `histories-${rows}`);
  const metaFile = join(dir, 'meta.json');
  const files = {
    dir,
    ndjson: join(dir, 'citizens.ndjson'),
    csv: join(dir, 'citizens.csv'),
    forloeb: join(dir, 'forloeb.csv'),
    samtaler: join(dir, 'samtaler.csv'),
    admissions: join(dir, 'admissions.ndjson'),
  };
  if (existsSync(metaFile)) return { ...files, meta: JSON.parse(readFileSync(metaFile, 'utf8')) };
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const counts = writeHistory({ dir, rows, seed: 2016, formats: ['ndjson', 'csv'], audit: true, auditRows: rows });
  const dates = new Set();
  const lines = createInterface({ input: createReadStream(files.admissions), crlfDelay: Infinity });
  for await (const line of lines) {
    const m = /"visiteret":"(\d{4}-\d\d-\d\d)"/.exec(line);
    if (m) dates.add(m[1]);
  }
  const sorted = [...dates].sort();
  const meta = { ...counts, distinctDates: dates.size, firstDate: sorted[0], lastDate: sorted[sorted.length - 1] };
  writeFileSync(metaFile, JSON.stringify(meta));
  console.log(`generated ${rows} citizens (${meta.forløb} periods, ${meta.samtaler} meetings) and ${rows} admissions in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { ...files, meta };
}

function writer(path) {
  const fd = openSync(path, 'w');
  let buf = '';
  return {
    line(s) {
      buf += s + '\n';
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    },
    close() {
      writeSync(fd, buf);
      closeSync(fd);
    },
  };
}

/** The join's worst case: a small record and two list files whose lines are interleaved across citizens. */
const INTERLEAVED_RULES = `record Citizen {
  cpr:      text key personal
  alder:    integer
  ydelse:   one of (dagpenge, kontanthjaelp)
  forløb:   list of {
              kind:  one of (dagpenge, kontanthjaelp, jobklub, virksomhedspraktik, loentilskud)
              start: date
              end:   date optional
            }
  samtaler: list of { dato: date, form: one of (individuel, gruppe) }
}

group voksen = alder >= 30
group fulgt_op = count(samtaler where time_since(dato) <= 6 months) >= 4
group i_jobklub = any(forløb where kind = jobklub and end is missing)
group langtidsledig = time_in(forløb where kind in (dagpenge, kontanthjaelp), last 52 weeks) >= 42 weeks
program p { require voksen  require ydelse = dagpenge  exclude i_jobklub  require langtidsledig or not fulgt_op }
`;

function interleavedFiles(rows) {
  const dir = join(ROOT, 'bench', 'data', 'lists');
  mkdirSync(dir, { recursive: true });
  const main = join(dir, `citizens-${rows}.csv`);
  const forloeb = join(dir, `forloeb-${rows}.csv`);
  const samtaler = join(dir, `samtaler-${rows}.csv`);
  const rules = join(dir, 'rules.visit');
  writeFileSync(rules, INTERLEAVED_RULES);
  const metaFile = join(dir, `meta-${rows}.json`);
  if (existsSync(metaFile) && existsSync(main) && existsSync(forloeb) && existsSync(samtaler)) return { main, forloeb, samtaler, rules, meta: JSON.parse(readFileSync(metaFile, 'utf8')) };
  const day = (n) => new Date(Date.UTC(2015, 0, 1) + n * 86400000).toISOString().slice(0, 10);
  const KINDS = ['dagpenge', 'kontanthjaelp', 'jobklub', 'virksomhedspraktik', 'loentilskud'];
  const rnd = mulberry32(20261203);
  const cpr = (i) => `${String(1 + (i % 28)).padStart(2, '0')}${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}${String(i % 100).padStart(2, '0')}${String(i % 10000).padStart(4, '0')}-${i}`;
  const m = writer(main);
  m.line('cpr;alder;ydelse');
  const periods = new Uint8Array(rows);
  const meetings = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    m.line(`${cpr(i)};${18 + Math.floor(rnd() * 50)};${rnd() < 0.6 ? 'dagpenge' : 'kontanthjaelp'}`);
    periods[i] = Math.floor(rnd() * 11);
    meetings[i] = Math.floor(rnd() * 17);
  }
  m.close();
  const meta = { forløb: 0, samtaler: 0 };
  for (const [name, path, counts, header, line] of [
    ['forløb', forloeb, periods, 'cpr;kind;start;end', (i, r) => {
      const start = r * 300 + Math.floor(rnd() * 200);
      const end = rnd() < 0.1 ? '' : day(start + Math.floor(rnd() * 250));
      return `${cpr(i)};${KINDS[Math.floor(rnd() * 5)]};${day(start)};${end}`;
    }],
    ['samtaler', samtaler, meetings, 'cpr;dato;form', (i, r) => `${cpr(i)};${day(r * 120 + Math.floor(rnd() * 100))};${rnd() < 0.7 ? 'individuel' : 'gruppe'}`],
  ]) {
    const w = writer(path);
    w.line(header);
    for (let r = 0; r < 16; r++) for (let i = 0; i < rows; i++) if (counts[i] > r) { w.line(line(i, r)); meta[name]++; }
    w.close();
  }
  writeFileSync(metaFile, JSON.stringify(meta));
  return { main, forloeb, samtaler, rules, meta };
}

// ------------------------------------------------------------------------------------ measuring

/** `node ARGS…` as its own process, spawn to exit; { seconds, cpu (user + system, s; NaN without /usr/bin/time), rssMB, code, stderr }. */
function measure(args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const command = HAS_TIME ? '/usr/bin/time' : process.execPath;
    const commandArgs = HAS_TIME ? ['-v', process.execPath, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...extraEnv } });
    let stderr = '';
    let polledKB = 0;
    const poll = HAS_TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKB = Math.max(polledKB, Number(m[1]));
          } catch {
            // the process has ended
          }
        }, 20);
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      const timeKB = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const exit = /Exit status: (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const cpu = user && system ? Number(user[1]) + Number(system[1]) : NaN;
      resolve({ seconds, cpu, rssMB: (timeKB ? Number(timeKB[1]) : polledKB) / 1024, code: exit ? Number(exit[1]) : code, stderr });
    });
  });
}

async function digest(file) {
  const hash = createHash('sha256');
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk);
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { sha: hash.digest('hex'), lines };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One `visit screen` to `out`; fails unless it exited 0/1 and wrote one line per input row. */
async function screen(args, out, extraEnv) {
  rmSync(out, { force: true });
  const r = await measure([BIN, 'screen', ...args, '--out', out], extraEnv);
  if (r.code !== 0 && r.code !== 1) throw new Error(`visit screen ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r;
}

// ------------------------------------------------------------------------------------ the suite

export async function run({ rows = env('ROWS', 1_000_000), runs = env('RUNS', 3), interleaved = env('INTERLEAVED', 1) } = {}) {
  await build();
  const f = await historyFiles(rows);
  const lists = ['--list', `forløb=${f.forloeb}`, '--list', `samtaler=${f.samtaler}`];
  const variants = [
    { key: 'a', label: '(a) NDJSON, history rules', args: [HISTORY, f.ndjson, '--as-of', AS_OF], base: 'b', input: [f.ndjson] },
    { key: 'b', label: '(b) NDJSON, no history rules', args: [PLAIN, f.ndjson, '--as-of', AS_OF], input: [f.ndjson] },
    { key: 'c', label: '(c) CSV + `--list` ×2, history rules', args: [HISTORY, f.csv, ...lists, '--as-of', AS_OF], base: ['c0', 'd'], input: [f.csv, f.forloeb, f.samtaler] },
    { key: 'c0', label: '(c0) CSV + `--list` ×2, no history rules', args: [PLAIN, f.csv, ...lists, '--as-of', AS_OF], base: 'd', input: [f.csv, f.forloeb, f.samtaler] },
    { key: 'd', label: '(d) CSV, no `--list`, no history rules', args: [PLAIN, f.csv, '--as-of', AS_OF], input: [f.csv] },
    { key: 'e', label: `(e) admissions NDJSON, \`--as-of-field visiteret\` (${f.meta.distinctDates} dates), history rules`, args: [HISTORY, f.admissions, '--as-of-field', 'visiteret'], base: 'f', input: [f.admissions] },
    { key: 'f', label: `(f) admissions NDJSON, \`--as-of ${AUDIT_AS_OF}\`, history rules`, args: [HISTORY, f.admissions, '--as-of', AUDIT_AS_OF], input: [f.admissions] },
  ];
  const out = join(f.dir, 'out.ndjson');
  const loadBefore = loadavg();
  const results = Object.fromEntries(variants.map((v) => [v.key, []]));
  const loads = Object.fromEntries(variants.map((v) => [v.key, []]));
  const digests = {};
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const r = await screen(v.args, out);
      results[v.key].push(r);
      loads[v.key].push(loadavg()[0]);
      if (i === 0) {
        digests[v.key] = await digest(out);
        if (digests[v.key].lines !== rows) throw new Error(`${v.label} wrote ${digests[v.key].lines} lines for ${rows} rows`);
      }
      console.log(`run ${i + 1}/${runs} ${v.label.padEnd(72)} ${r.seconds.toFixed(2).padStart(7)} s  ${r.rssMB.toFixed(0).padStart(5)} MB  load ${loadavg()[0].toFixed(1)}`);
    }
  }
  let stress;
  if (interleaved) {
    const s = interleavedFiles(rows);
    const r = await screen([s.rules, s.main, '--list', `forløb=${s.forloeb}`, '--list', `samtaler=${s.samtaler}`, '--as-of', AS_OF], out);
    stress = { ...r, meta: s.meta, bytes: [s.main, s.forloeb, s.samtaler].reduce((n, p) => n + statSync(p).size, 0) };
    console.log(`interleaved lists ${r.seconds.toFixed(2)} s  ${r.rssMB.toFixed(0)} MB`);
  }
  rmSync(out, { force: true });
  const loadAfter = loadavg();

  const summary = Object.fromEntries(
    variants.map((v) => [
      v.key,
      {
        seconds: median(results[v.key].map((r) => r.seconds)),
        all: results[v.key].map((r) => r.seconds),
        cpu: median(results[v.key].map((r) => r.cpu)),
        rssMB: Math.max(...results[v.key].map((r) => r.rssMB)),
        load: loads[v.key].reduce((a, b) => a + b, 0) / loads[v.key].length,
      },
    ]),
  );
  const n = rows.toLocaleString('en-US');
  const perSec = (s) => `${Math.round(rows / s).toLocaleString('en-US')}`;
  const mbOf = (paths) => (paths.reduce((x, p) => x + statSync(p).size, 0) / 1e6).toFixed(0);
  const m = f.meta;
  const lines = [
    `${n} citizens from examples/historik/generate.mjs (seed 2016): ${m.forløb.toLocaleString('en-US')} periods (${(m.forløb / rows).toFixed(1)} per citizen) and ` +
      `${m.samtaler.toLocaleString('en-US')} meetings (${(m.samtaler / rows).toFixed(1)}); ${n} admissions with ${m.distinctDates} distinct \`visiteret\` dates ` +
      `(${m.firstDate} … ${m.lastDate}). History rules: examples/historik/historik.visit; no history rules: bench/historik-no-history.visit ` +
      `(the same record, \`forløb\` optional; no group or programme reads a list or \`time_between\`). ` +
      `\`visit screen … --out FILE\` (NDJSON), process start to exit, medians of ${runs} alternating runs, each its own process (CPU time: user + system, median; load: the 1-minute load average after each run, averaged; on a loaded machine CPU time is the steadier measure); ` +
      `peak RSS the largest of the runs (${HAS_TIME ? '`/usr/bin/time -v`' : 'VmHWM'}); ${availableParallelism()} cores shared with other work ` +
      `(load average ${loadBefore.map((x) => x.toFixed(1)).join(' / ')} before, ${loadAfter.map((x) => x.toFixed(1)).join(' / ')} after), Node ${process.version}.`,
    '',
    '| run | input | wall time (median; all runs) | rows/s | × no history | CPU time (× no history) | peak RSS | load |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const v of variants) {
    const s = summary[v.key];
    const bases = v.base === undefined ? [] : Array.isArray(v.base) ? v.base : [v.base];
    const ratio = bases.length > 0 ? bases.map((b) => `${(s.seconds / summary[b].seconds).toFixed(2)}× (${b})`).join(', ') : '—';
    const all = s.all.map((x) => x.toFixed(1)).join(' / ');
    const cpu = `${s.cpu.toFixed(1)} s${bases.length > 0 ? ` (${bases.map((b) => `${(s.cpu / summary[b].cpu).toFixed(2)}×`).join(', ')})` : ''}`;
    lines.push(`| ${v.label} | ${mbOf(v.input)} MB | ${s.seconds.toFixed(2)} s; ${all} | ${perSec(s.seconds)} | ${ratio} | ${cpu} | ${s.rssMB.toFixed(0)} MB | ${s.load.toFixed(1)} |`);
  }
  const same = (keys) => keys.every((k) => digests[k].sha === digests[keys[0]].sha);
  const okHist = same(['a', 'c']);
  const okPlain = same(['b', 'c0', 'd']);
  const peakLists = Math.max(summary.c.rssMB, summary.c0.rssMB);
  const listLines = m.forløb + m.samtaler;
  lines.push(
    '',
    `- (a) and (c) wrote the same bytes: ${okHist ? `✓ \`${digests.a.sha.slice(0, 12)}…\`` : `✗ (${digests.a.sha.slice(0, 12)} vs ${digests.c.sha.slice(0, 12)})`}; ` +
      `(b), (c0) and (d) too: ${okPlain ? `✓ \`${digests.b.sha.slice(0, 12)}…\`` : '✗'}.`,
    `- CSV + list CSVs (${n} citizens, ${listLines.toLocaleString('en-US')} list lines, grouped by citizen as the generator writes them): peak RSS ${peakLists.toFixed(0)} MB ${peakLists < 1024 ? '✓' : '✗'} (goal < 1 GB).`,
  );
  if (stress) {
    const sl = stress.meta.forløb + stress.meta.samtaler;
    lines.push(
      `- Worst order for the join: ${n} citizens (3 columns) and ${sl.toLocaleString('en-US')} list lines interleaved across citizens (${(stress.bytes / 1e6).toFixed(0)} MB), ` +
        `a rule file reading both lists, one run: ${stress.seconds.toFixed(2)} s (${perSec(stress.seconds)} rows/s), peak RSS ${stress.rssMB.toFixed(0)} MB ${stress.rssMB < 1024 ? '✓' : '✗'}.`,
    );
  }
  const table = lines.join('\n');
  console.log(table);
  if (!okHist || !okPlain) process.exitCode = 1;
  return { table, summary, digests, stress };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
