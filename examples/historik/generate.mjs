#!/usr/bin/env node
// Synthetic candidates for examples/historik/historik.visit, with histories (LANGUAGE.md §12): each
// citizen has benefit and programme periods (`forløb`, on average about five) and contact meetings
// (`samtaler`, on average about eight). Written twice, with the same citizens:
//
//   citizens.ndjson                      one object per citizen, the lists as arrays of objects
//   citizens.csv + forloeb.csv + samtaler.csv
//                                        the citizens as a Danish Excel export (UTF-8 with BOM, `;`,
//                                        CRLF, ja/nej), the lists in long form: the key column, then
//                                        the element's fields, one line per element (`--list`)
//
// so `visit screen` must give the same output for both. With --audit, also admissions.ndjson: past
// admissions to the 2015–2016 job club, each with its admission date `visiteret` and the history as
// it stood then, to be screened with `--as-of-field visiteret`; about one in six was admitted
// outside the criteria (in a job club within 12 months, reading level below 3, outside the
// target groups, not on dagpenge), as the Tre hovedveje evaluation found.
//
//   node examples/historik/generate.mjs [--rows N] [--seed S] [--out DIR] [--audit] [--audit-rows N]
//
// Defaults: 200 rows, seed 2016, DIR = this folder, audit 120 rows. Deterministic for the same
// options; streams (memory does not grow with --rows). All data is made up: CPR numbers are the
// birth date as DDMMYY, a century digit consistent with the year, and a three-digit running number
// per birth date (unique within a file, so the list files join on it unambiguously).

import { closeSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from '../generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const AS_OF = '2026-11-23';
const DAY = 86400000;

const dayOf = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const pad = (n, w) => String(n).padStart(w, '0');

class Rand {
  constructor(seed) { this.next = mulberry32(seed); }
  chance(p) { return this.next() < p; }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick(list) { return list[Math.floor(this.next() * list.length)]; }
}

const EDUCATION = ['none', 'none', 'vocational', 'vocational', 'vocational', 'bachelor', 'master'];
const BENEFIT = ['dagpenge', 'dagpenge', 'dagpenge', 'kontanthjaelp', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge'];
const PROGRAMMES = ['jobklub', 'virksomhedspraktik', 'loentilskud'];

/**
 * One citizen as of `asOf` (a day number): plain values, dates as ISO text, missing values absent.
 * The history ends on `asOf`: periods start before it, and the last benefit period is often open.
 */
function citizen(rand, asOf, serials) {
  const birth = asOf - rand.int(18 * 365 + 5, 66 * 365);
  const birthIso = isoOf(birth);
  const y = Number(birthIso.slice(0, 4));
  const ddmmyy = birthIso.slice(8, 10) + birthIso.slice(5, 7) + birthIso.slice(2, 4);
  const n = (serials.get(birth) ?? 0) + 1;
  serials.set(birth, n);
  const c = {
    cpr: ddmmyy + (y < 2000 ? String(n > 999 ? 1 : 0) : '4') + pad(n % 1000, 3),
    birth_date: birthIso,
    education: rand.pick(EDUCATION),
    benefit: rand.pick(BENEFIT),
    motivated: rand.chance(0.85),
  };
  if (!rand.chance(0.25)) c.literacy = rand.int(1, 5);
  if (rand.chance(0.7)) {
    const henvist = asOf - rand.int(0, 120);
    c.henvist = isoOf(henvist);
    if (rand.chance(0.6)) c.visiteret = isoOf(Math.min(asOf, henvist + rand.int(0, 60)));
  }
  // Benefit periods back from asOf, with gaps; the latest is open (still running) 60 % of the time.
  const forløb = [];
  let end = asOf;
  const benefitPeriods = rand.int(1, 4);
  for (let i = 0; i < benefitPeriods; i++) {
    const open = i === 0 && rand.chance(0.6);
    const last = open ? end : end - rand.int(0, 90);
    const start = last - rand.int(20, 500);
    const p = { kind: rand.pick(['dagpenge', 'dagpenge', 'kontanthjaelp', 'uddannelseshjaelp']), start: isoOf(start) };
    if (!open) p.end = isoOf(last);
    if (rand.chance(0.03)) delete p.kind; // an old registration without its type: unknown
    forløb.push(p);
    end = start - rand.int(1, 60);
  }
  // Programmes, some overlapping the benefit periods (a placement while on dagpenge).
  const programmes = rand.int(0, 5);
  for (let i = 0; i < programmes; i++) {
    const kind = rand.pick(PROGRAMMES);
    const start = asOf - rand.int(0, 700);
    const weeks = kind === 'virksomhedspraktik' ? rand.int(2, 10) : kind === 'jobklub' ? rand.int(4, 13) : rand.int(8, 52);
    const stop = start + weeks * 7 - 1;
    const p = { kind, start: isoOf(start) };
    if (stop < asOf || !rand.chance(0.5)) p.end = isoOf(Math.min(stop, asOf));
    forløb.push(p);
  }
  // Contact meetings in the last year: on average about eight.
  const samtaler = [];
  const meetings = rand.int(0, 16);
  for (let i = 0; i < meetings; i++) samtaler.push({ dato: isoOf(asOf - rand.int(0, 365)), form: rand.chance(0.7) ? 'individuel' : 'gruppe' });
  samtaler.sort((a, b) => (a.dato < b.dato ? -1 : a.dato > b.dato ? 1 : 0));
  c.forløb = forløb;
  c.samtaler = samtaler;
  return c;
}

/** An admission to the 2015–2016 job club: the citizen as of the admission day, `visiteret` that day. */
function admission(rand, serials) {
  const day = rand.int(dayOf('2015-11-01'), dayOf('2016-12-31'));
  const c = citizen(rand, day, serials);
  c.visiteret = isoOf(day);
  c.henvist = isoOf(day - rand.int(0, 50));
  // Most were admitted within the criteria; about one in six was not.
  if (rand.chance(5 / 6)) {
    c.benefit = 'dagpenge';
    c.motivated = true;
    c.literacy = rand.int(3, 5);
    c.forløb = c.forløb.filter((p) => p.kind !== 'jobklub');
    c.forløb.unshift({ kind: 'dagpenge', start: isoOf(day - rand.int(190, 600)) });
    if (c.education === 'none' && rand.chance(0.5)) c.education = 'vocational';
  } else {
    const why = rand.int(0, 3);
    if (why === 0) {
      const stop = day - rand.int(30, 300); // a job club that ended within the last 12 months
      c.forløb.push({ kind: 'jobklub', start: isoOf(stop - rand.int(27, 90)), end: isoOf(stop) });
    }
    else if (why === 1) c.literacy = rand.int(1, 2);
    else if (why === 2) c.benefit = 'kontanthjaelp';
    else c.forløb = [{ kind: 'dagpenge', start: isoOf(day - rand.int(10, 150)) }];
  }
  return c;
}

const RECORD_COLUMNS = ['cpr', 'birth_date', 'education', 'literacy', 'benefit', 'motivated', 'henvist', 'visiteret'];
const LISTS = { forløb: ['kind', 'start', 'end'], samtaler: ['dato', 'form'] };
const cell = (v) => (v === undefined ? '' : v === true ? 'ja' : v === false ? 'nej' : String(v));

/** Buffered synchronous writer (about 1 MB per write). */
class Out {
  constructor(file, bom) {
    this.fd = openSync(file, 'w');
    this.buf = bom ? '\ufeff' : '';
    this.bytes = 0;
  }
  write(s) {
    this.buf += s;
    if (this.buf.length > 1 << 20) this.flush();
  }
  flush() {
    if (this.buf === '') return;
    this.bytes += writeSync(this.fd, this.buf);
    this.buf = '';
  }
  close() {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }
}

/**
 * Writes the candidate files into `dir` and returns counts. `rows` citizens as of AS_OF;
 * `formats`: 'ndjson' and/or 'csv'; with `audit`, also admissions.ndjson (`auditRows` admissions).
 */
export function writeHistory({ dir = HERE, rows = 200, seed = 2016, formats = ['ndjson', 'csv'], audit = false, auditRows = 120 } = {}) {
  const rand = new Rand(seed);
  const serials = new Map();
  const asOf = dayOf(AS_OF);
  const ndjson = formats.includes('ndjson') ? new Out(join(dir, 'citizens.ndjson'), false) : undefined;
  const csv = formats.includes('csv')
    ? {
        main: new Out(join(dir, 'citizens.csv'), true),
        forløb: new Out(join(dir, 'forloeb.csv'), true),
        samtaler: new Out(join(dir, 'samtaler.csv'), true),
      }
    : undefined;
  if (csv) {
    csv.main.write(`${RECORD_COLUMNS.join(';')}\r\n`);
    for (const [name, fields] of Object.entries(LISTS)) csv[name].write(`cpr;${fields.join(';')}\r\n`);
  }
  const counts = { rows, forløb: 0, samtaler: 0 };
  for (let i = 0; i < rows; i++) {
    const c = citizen(rand, asOf, serials);
    counts.forløb += c.forløb.length;
    counts.samtaler += c.samtaler.length;
    ndjson?.write(`${JSON.stringify(c)}\n`);
    if (csv) {
      csv.main.write(`${RECORD_COLUMNS.map((k) => cell(c[k])).join(';')}\r\n`);
      for (const [name, fields] of Object.entries(LISTS)) {
        for (const e of c[name]) csv[name].write(`${c.cpr};${fields.map((f) => cell(e[f])).join(';')}\r\n`);
      }
    }
  }
  ndjson?.close();
  if (csv) for (const o of Object.values(csv)) o.close();
  if (audit) {
    const out = new Out(join(dir, 'admissions.ndjson'), false);
    const auditRand = new Rand(seed + 1);
    const auditSerials = new Map();
    for (let i = 0; i < auditRows; i++) out.write(`${JSON.stringify(admission(auditRand, auditSerials))}\n`);
    out.close();
    counts.admissions = auditRows;
  }
  return counts;
}

function main(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const int = (v) => (/^\d+$/.test(v) ? Number(v) : fail(`${flag} must be a whole number, not "${v}"`));
    if (flag === '--rows') opts.rows = int(value());
    else if (flag === '--seed') opts.seed = int(value());
    else if (flag === '--out') opts.dir = value();
    else if (flag === '--audit') opts.audit = true;
    else if (flag === '--audit-rows') opts.auditRows = int(value());
    else if (flag === '--format') opts.formats = [value()];
    else fail(`unknown option ${flag}`);
  }
  const started = Date.now();
  const r = writeHistory(opts);
  process.stderr.write(
    `historik: ${r.rows} citizens, ${r.forløb} periods, ${r.samtaler} meetings` +
      `${r.admissions ? `, ${r.admissions} admissions` : ''} in ${Date.now() - started} ms -> ${opts.dir ?? HERE}\n`,
  );
}

function fail(message) {
  process.stderr.write(`generate.mjs: ${message}\nusage: node examples/historik/generate.mjs [--rows N] [--seed S] [--out DIR] [--format ndjson|csv] [--audit] [--audit-rows N]\n`);
  process.exit(2);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
