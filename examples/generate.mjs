#!/usr/bin/env node
// Synthetic citizen records for the examples, written the way Danish case systems and Excel export
// them: UTF-8 with BOM, `;` separators, CRLF line ends, decimal comma, `ja`/`nej` booleans, empty
// cells for missing values, now and then a quoted text cell. Deterministic (seeded PRNG),
// streaming (constant memory), no dependencies.
//
//   node examples/generate.mjs [--rows N] [--seed S] [--example tre-hovedveje|rollemodeller|all]
//                              [--out FILE] [--broken-every N] [--shape example|job-centre]
//
// Without --out, each example is written to citizens.csv beside its .visit file. With --out, only
// one example may be chosen. --broken-every N (default 20, 0 = none) puts one broken row in every
// block of N rows, at a random place in the block; the kinds of breakage take turns (see BROKEN).
// --shape job-centre (tre-hovedveje only; default seed 2016, --broken-every not used) writes the
// records as a job centre's own export instead (see JOB_CENTRE): 12 columns in another order, many
// empty cells, 38 % decimal-comma hours, about 6 % invalid rows at random places.
//
// All data is made up. CPR numbers are synthetic: DDMMYY of the birth date, then a century digit
// consistent with the year (0–3 for the 1900s, 4 for 2000–2036), then three ascending digits
// ("0123", "1234", "4567"): obviously fake to a reader, never taken from a real person.
//
// As a module: `chunks(example, { rows, seed, brokenEvery })` yields the CSV as strings of about
// 1 MB; `generate(example, { …, write })` calls `write(chunk)` with each; `generateToFile(example,
// file, options)` writes a file synchronously and returns { rows, broken, bytes }. Each takes
// `shape: 'job-centre'` (tre-hovedveje only) for the job-centre-shaped export; `jobCentreChunks({
// rows, seed })` yields it directly, and its result has { rows, invalid, decimal } instead of broken.

import { closeSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The reference date the data is spread around (unemployment 0–3 years before it). */
export const AS_OF = '2026-11-23';
const AS_OF_DAY = dayNumber(2026, 11, 23);

// ------------------------------------------------------------------ PRNG and helpers

/** mulberry32: a small, fast 32-bit seeded PRNG. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Days since 1970-01-01 for a calendar date (proleptic Gregorian). */
function dayNumber(y, m, d) {
  return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
}

const pad2 = (n) => (n < 10 ? '0' + n : '' + n);

/** { y, m, d, iso } for a day number; cached, as the generator asks for the same days often. */
const DAY_CACHE = new Map();
function fromDayNumber(n) {
  let day = DAY_CACHE.get(n);
  if (day === undefined) {
    day = computeDay(n);
    DAY_CACHE.set(n, day);
  }
  return day;
}
function computeDay(n) {
  const t = new Date(n * 86400000);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return { y, m, d, iso: `${y}-${pad2(m)}-${pad2(d)}` };
}

/** The same calendar day N years earlier, clamped to the month's last day (29 Feb → 28 Feb). */
function yearsBefore(n, years) {
  const { y, m, d } = fromDayNumber(n);
  const ty = y - years;
  const last = new Date(Date.UTC(ty, m, 0)).getUTCDate();
  return dayNumber(ty, m, Math.min(d, last));
}

/** The same calendar day N months earlier, clamped to the month's last day. */
function monthsBefore(n, months) {
  const { y, m, d } = fromDayNumber(n);
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return dayNumber(ty, tm, Math.min(d, last));
}

/** A weighted table from [[value, weight], …], made once (not per row). */
function weights(pairs) {
  const values = [];
  const cum = [];
  let total = 0;
  for (const [v, w] of pairs) {
    total += w;
    values.push(v);
    cum.push(total);
  }
  return { values, cum, total };
}

class Rand {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  chance(p) {
    return this.next() < p;
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** Pick from a table made by `weights`. */
  weighted(table) {
    const r = this.next() * table.total;
    const { cum, values } = table;
    for (let i = 0; i < cum.length; i++) if (r < cum[i]) return values[i];
    return values[values.length - 1];
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
}

/** A boolean as exported: mostly ja/nej, some 1/0, a few true/false. */
function bool(rand, value) {
  const r = rand.next();
  if (r < 0.85) return value ? 'ja' : 'nej';
  if (r < 0.95) return value ? '1' : '0';
  return value ? 'true' : 'false';
}

const SEQUENCES = ['0123', '1234', '2345', '3456', '4567'];

/**
 * A synthetic CPR number for a birth date: DDMMYY + four ascending digits whose first digit
 * is consistent with the century (0–3 for 1900–1999; 4 for 2000–2036).
 */
function fakeCpr(rand, birth) {
  const { y, m, d } = birth;
  const starts = y < 2000 ? [0, 1, 2, 3] : [4];
  const serial = SEQUENCES[rand.pick(starts)];
  return pad2(d) + pad2(m) + pad2(y % 100) + serial;
}

/**
 * Birth days giving an age in whole years in [minAge, maxAge] on AS_OF: the latest birth day for
 * age >= minAge, the earliest for age <= maxAge.
 */
function ageSpan(minAge, maxAge) {
  return { earliest: yearsBefore(AS_OF_DAY, maxAge + 1) + 1, latest: yearsBefore(AS_OF_DAY, minAge) };
}
function birthDate(rand, span) {
  return fromDayNumber(rand.int(span.earliest, span.latest));
}
const AGE_18_66 = ageSpan(18, 66);
const AGE_16_29 = ageSpan(16, 29);
const AGE_30_66 = ageSpan(30, 66);
const TURNS_30 = fromDayNumber(yearsBefore(AS_OF_DAY, 30));
const TURNS_50 = fromDayNumber(yearsBefore(AS_OF_DAY, 50));
const SIX_MONTHS_AGO = fromDayNumber(monthsBefore(AS_OF_DAY, 6));

// Weighted tables, made once.
const T_EDUCATION = weights([['none', 25], ['vocational', 40], ['bachelor', 22], ['master', 13]]);
const T_LITERACY = weights([['1', 5], ['2', 15], ['3', 30], ['4', 30], ['5', 20]]);
const T_BENEFIT_YOUNG = weights([['dagpenge', 60], ['kontanthjaelp', 25], ['uddannelseshjaelp', 15], ['sygedagpenge', 8]]);
const T_BENEFIT_OLDER = weights([['dagpenge', 60], ['kontanthjaelp', 25], ['uddannelseshjaelp', 1], ['sygedagpenge', 8]]);
const T_DANISH = weights([['1', 25], ['2', 40], ['3', 35]]);
const T_HEALTH = weights([['no_limits', 70], ['some_limits', 22], ['prevents_placement', 8]]);
const T_HOURS = weights([
  ['37', 40], ['32', 8], ['30', 10], ['25', 8], ['20', 10], ['18,5', 6], ['15', 6], ['12,5', 5], ['10', 4], ['7,5', 3],
]);
const T_RM_BENEFIT = weights([
  ['dagpenge', 35], ['kontanthjaelp', 40], ['sygedagpenge', 9], ['ledighedsydelse', 5],
  ['ressourceforloeb', 6], ['jobafklaring', 5],
]);
const T_RM_EDUCATION = weights([['grundskole', 35], ['gymnasial', 15], ['erhvervsfaglig', 35], ['videregaaende', 15]]);

// ------------------------------------------------------------------ the examples

const MISSPELT_BENEFIT = ['kontanthjælp', 'kontanthjelp', 'kontanthjaelpp', 'dagpnge'];

/**
 * Each example: its columns (the record's field names, in order), a function that draws one
 * valid row as an array of cell strings, and how to break a row in each of the value-error kinds.
 */
const EXAMPLES = {
  'tre-hovedveje': {
    dir: 'tre-hovedveje',
    rows: 200,
    seed: 2015,
    columns: [
      'cpr', 'birth_date', 'unemployed_since', 'education', 'literacy', 'benefit', 'motivated',
      'native_danish', 'danish_level', 'mobile', 'cv_ready', 'health', 'hours_available',
    ],
    row(rand) {
      // Ages 18–66: all three target groups appear. About 1 % are edge cases: a 30th or 50th
      // birthday exactly on AS_OF.
      let birth;
      const edge = rand.next();
      if (edge < 0.005) birth = TURNS_30;
      else if (edge < 0.01) birth = TURNS_50;
      else birth = birthDate(rand, AGE_18_66);
      const young = birth.iso > TURNS_30.iso;

      // Unemployed 0–3 years before AS_OF; about 1 % exactly six months; 8 % not recorded.
      let since = '';
      const u = rand.next();
      if (u < 0.01) since = SIX_MONTHS_AGO.iso;
      else if (u < 0.92) since = fromDayNumber(AS_OF_DAY - rand.int(0, 3 * 365 + 1)).iso;

      const education = rand.weighted(T_EDUCATION);
      // Literacy not assessed for about a quarter.
      const literacy = rand.chance(0.25) ? '' : rand.weighted(T_LITERACY);
      const benefit = rand.weighted(young ? T_BENEFIT_YOUNG : T_BENEFIT_OLDER);
      const motivated = bool(rand, rand.chance(0.75));
      const native = rand.chance(0.8);
      let danishLevel = '';
      if (native ? rand.chance(0.05) : rand.chance(0.7)) danishLevel = rand.weighted(T_DANISH);
      const mobile = rand.chance(0.2) ? '' : bool(rand, rand.chance(0.8));
      const cvReady = bool(rand, rand.chance(0.6));
      const health = rand.chance(0.3) ? '' : rand.weighted(T_HEALTH);
      // Hours per week, with a decimal comma where there are decimals.
      const hours = rand.weighted(T_HOURS);
      return [
        fakeCpr(rand, birth), birth.iso, since, education, literacy, benefit, motivated,
        bool(rand, native), danishLevel, mobile, cvReady, health, hours,
      ];
    },
    breakers: {
      bad_date: (cells) => { cells[2] = '2023-02-30'; },
      out_of_range: (cells) => { cells[4] = '7'; },
      unknown_enum: (cells, rand) => { cells[5] = rand.pick(MISSPELT_BENEFIT); },
      empty_required: (cells, rand) => { cells[rand.pick([0, 1, 3, 5, 6, 7, 10, 12])] = ''; },
    },
  },

  rollemodeller: {
    dir: 'rollemodeller',
    rows: 120,
    seed: 2014,
    columns: [
      'cpr', 'birth_date', 'weeks_unemployed', 'benefit', 'education', 'network',
      'work_experience', 'mentor_since', 'consent',
    ],
    row(rand) {
      let birth;
      const edge = rand.next();
      if (edge < 0.01) birth = TURNS_30;
      else if (rand.chance(0.45)) birth = birthDate(rand, AGE_16_29);
      else birth = birthDate(rand, AGE_30_66);

      // Register weeks: 15 % missing; about 2 % exactly 52; otherwise 0–156, skewed short.
      let weeks = '';
      const w = rand.next();
      if (w < 0.02) weeks = '52';
      else if (w < 0.85) weeks = String(Math.floor(Math.pow(rand.next(), 1.6) * 157));

      const benefit = rand.weighted(T_RM_BENEFIT);
      const education = rand.weighted(T_RM_EDUCATION);
      const network = rand.chance(0.3) ? '' : bool(rand, rand.chance(0.55));
      const work = rand.chance(0.2) ? '' : bool(rand, rand.chance(0.6));
      const mentorSince = rand.chance(0.1) ? fromDayNumber(AS_OF_DAY - rand.int(0, 730)).iso : '';
      const consent = bool(rand, rand.chance(0.8));
      return [fakeCpr(rand, birth), birth.iso, weeks, benefit, education, network, work, mentorSince, consent];
    },
    breakers: {
      bad_date: (cells, rand) => {
        if (rand.chance(0.5)) cells[7] = '2023-02-30';
        else cells[1] = cells[1].slice(0, 4) + '-02-30';
      },
      out_of_range: (cells, rand) => { cells[2] = String(rand.int(521, 700)); },
      // An old export still using education benefit, or a misspelling.
      unknown_enum: (cells, rand) => { cells[3] = rand.pick(['uddannelseshjaelp', ...MISSPELT_BENEFIT]); },
      empty_required: (cells, rand) => { cells[rand.pick([0, 1, 3, 4, 8])] = ''; },
    },
  },
};

export const EXAMPLE_NAMES = Object.keys(EXAMPLES);

/**
 * The kinds of broken rows, in the order they take turns. `two_errors` (a bad date and an
 * out-of-range value in one row: an invalid row must list every reason) comes first, so that even
 * a small file has every kind. The last three are malformed lines, not just bad values.
 */
export const BROKEN = [
  'two_errors', 'unknown_enum', 'unbalanced_quote', 'empty_required', 'too_many_cells',
  'too_few_cells', 'bad_date', 'out_of_range',
];

function brokenLine(ex, kind, cells, rand) {
  switch (kind) {
    case 'two_errors':
      ex.breakers.bad_date(cells, rand);
      ex.breakers.out_of_range(cells, rand);
      break;
    case 'bad_date':
    case 'out_of_range':
    case 'unknown_enum':
    case 'empty_required':
      ex.breakers[kind](cells, rand);
      break;
    case 'unbalanced_quote': {
      // A stray opening quote that is never closed, as when a cell was edited by hand.
      let i = rand.int(3, cells.length - 1);
      while (cells[i] === '' && i > 1) i--;
      cells[i] = '"' + cells[i];
      break;
    }
    case 'too_many_cells':
      cells.push(rand.pick(['', 'x', 'se note']));
      break;
    case 'too_few_cells':
      cells.length -= rand.int(1, 2);
      break;
    default:
      throw new Error(`unknown kind ${kind}`);
  }
  return cells.join(';');
}

/**
 * The CSV of one example as a sequence of strings (each about 1 MB; the first starts with the
 * BOM). Memory use is constant in `rows`; `Readable.from(chunks(…))` streams it with backpressure.
 * The generator's return value is { rows, broken: { kind: count } }.
 */
export function* chunks(example, { rows, seed, brokenEvery = 20 } = {}) {
  const ex = EXAMPLES[example];
  if (!ex) throw new Error(`unknown example "${example}" (expected ${EXAMPLE_NAMES.join(', ')})`);
  rows = rows ?? ex.rows;
  seed = seed ?? ex.seed;
  const rand = new Rand(seed);
  const broken = Object.fromEntries(BROKEN.map((k) => [k, 0]));
  let turn = 0;
  let brokenAt = -1;

  let buf = '\ufeff' + ex.columns.join(';') + '\r\n';
  for (let i = 0; i < rows; i++) {
    if (brokenEvery > 0 && i % brokenEvery === 0) {
      // One broken row at a random place in this block (none if the block is cut short before it).
      brokenAt = i + rand.int(0, brokenEvery - 1);
    }
    const cells = ex.row(rand);
    // Some export tools quote text cells: about 2 % of rows have the CPR number in quotes.
    if (rand.chance(0.02)) cells[0] = '"' + cells[0] + '"';
    if (i === brokenAt) {
      const kind = BROKEN[turn++ % BROKEN.length];
      broken[kind]++;
      buf += brokenLine(ex, kind, cells, rand) + '\r\n';
    } else {
      buf += cells.join(';') + '\r\n';
    }
    if (buf.length >= 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf.length > 0) yield buf;
  return { rows, broken };
}

/**
 * Generates the CSV for one example, calling `write(chunk)` synchronously with each string.
 * Returns { rows, broken: { kind: count } }.
 */
export function generate(example, { write, shape = 'example', ...options } = {}) {
  if (typeof write !== 'function') throw new Error('generate: `write` must be a function');
  if (shape !== 'example' && shape !== 'job-centre') throw new Error(`unknown shape "${shape}" (expected example, job-centre)`);
  if (shape === 'job-centre' && example !== 'tre-hovedveje') throw new Error('the job-centre shape is of tre-hovedveje only');
  const it = shape === 'job-centre' ? jobCentreChunks(options) : chunks(example, options);
  for (;;) {
    const { value, done } = it.next();
    if (done) return value;
    write(value);
  }
}

/** Writes one example's CSV to `file`, synchronously. Returns { rows, broken, bytes }. */
export function generateToFile(example, file, options = {}) {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    const result = generate(example, {
      ...options,
      write(chunk) {
        const b = Buffer.from(chunk, 'utf8');
        let off = 0;
        while (off < b.length) off += writeSync(fd, b, off, b.length - off);
        bytes += b.length;
      },
    });
    return { ...result, bytes };
  } finally {
    closeSync(fd);
  }
}

/** The default output file of an example: citizens.csv beside its .visit file. */
export function defaultOutput(example) {
  return join(HERE, EXAMPLES[example].dir, 'citizens.csv');
}

// ------------------------------------------------------------------ the job-centre shape

/**
 * A second shape of the Tre hovedveje records: a job centre's own export rather than the tidy
 * example file. 12 columns (no `mobile`, which this export does not have, so `vikar` is at best
 * undetermined) in the case system's order rather than the record's; many empty cells (optional
 * fields left blank far more often); `hours_available` with a decimal comma in 38 % of the rows
 * (`18,5`, `7,5`, `32,25`); and about 6 % invalid rows, drawn at random rather than one per block:
 * a bad date, a value outside an enum, or an empty required field (never a malformed line). Every
 * row has the header's 12 cells. Same BOM, `;`, CRLF and 2 % quoted CPR cells as the examples.
 */
export const JOB_CENTRE = {
  columns: [
    'cpr', 'birth_date', 'benefit', 'education', 'unemployed_since', 'hours_available', 'literacy',
    'danish_level', 'native_danish', 'motivated', 'cv_ready', 'health',
  ],
  seed: 2016,
  /** Share of rows that are invalid, and of `hours_available` cells with a decimal comma. */
  invalidShare: 0.06,
  decimalShare: 0.38,
};
export const JOB_CENTRE_INVALID = ['bad_date', 'unknown_enum', 'empty_required'];

const JC_HOURS_WHOLE = weights([['37', 45], ['30', 12], ['25', 10], ['20', 14], ['15', 9], ['10', 6], ['8', 4]]);
const JC_HOURS_DECIMAL = weights([['18,5', 20], ['12,5', 15], ['7,5', 12], ['22,5', 12], ['32,25', 8], ['37,0', 10], ['29,6', 8], ['14,5', 10], ['0,5', 5]]);
const JC_BAD_DATES = ['2023-02-30', '1985-13-01', '31-12-1984', '2024-04-31', '1979-00-10'];
const JC_BAD_ENUM = [
  [2, ['kontanthjælp', 'kontanthjelp', 'dagpnge', 'ledighedsydelse', 'Dagpenge']],
  [3, ['phd', 'ingen', 'erhvervsuddannelse', 'Bachelor']],
  [11, ['ukendt', 'limits', 'prevents']],
];
// Cells whose field is not optional (cpr, birth_date, benefit, education, hours_available,
// native_danish, motivated, cv_ready).
const JC_REQUIRED = [0, 1, 2, 3, 5, 8, 9, 10];

function jobCentreRow(rand) {
  let birth;
  const edge = rand.next();
  if (edge < 0.005) birth = TURNS_30;
  else if (edge < 0.01) birth = TURNS_50;
  else birth = birthDate(rand, AGE_18_66);
  const young = birth.iso > TURNS_30.iso;
  let since = '';
  const u = rand.next();
  if (u < 0.01) since = SIX_MONTHS_AGO.iso;
  else if (u < 0.78) since = fromDayNumber(AS_OF_DAY - rand.int(0, 3 * 365 + 1)).iso;
  const education = rand.weighted(T_EDUCATION);
  const benefit = rand.weighted(young ? T_BENEFIT_YOUNG : T_BENEFIT_OLDER);
  const hours = rand.weighted(rand.chance(JOB_CENTRE.decimalShare) ? JC_HOURS_DECIMAL : JC_HOURS_WHOLE);
  const literacy = rand.chance(0.45) ? '' : rand.weighted(T_LITERACY);
  const native = rand.chance(0.8);
  const danishLevel = (native ? rand.chance(0.03) : rand.chance(0.5)) ? rand.weighted(T_DANISH) : '';
  const motivated = rand.chance(0.75) ? 'ja' : 'nej';
  const cvReady = rand.chance(0.6) ? 'ja' : 'nej';
  const health = rand.chance(0.55) ? '' : rand.weighted(T_HEALTH);
  return [
    fakeCpr(rand, birth), birth.iso, benefit, education, since, hours, literacy, danishLevel,
    native ? 'ja' : 'nej', motivated, cvReady, health,
  ];
}

/**
 * The job-centre-shaped export of Tre hovedveje as strings of about 1 MB (the first with the BOM);
 * deterministic for `rows` and `seed`. Returns { rows, invalid: { kind: count }, decimal }.
 */
export function* jobCentreChunks({ rows = 200, seed = JOB_CENTRE.seed } = {}) {
  const rand = new Rand(seed);
  const invalid = Object.fromEntries(JOB_CENTRE_INVALID.map((k) => [k, 0]));
  let decimal = 0;
  let buf = '\ufeff' + JOB_CENTRE.columns.join(';') + '\r\n';
  for (let i = 0; i < rows; i++) {
    const cells = jobCentreRow(rand);
    if (cells[5].includes(',')) decimal++;
    if (rand.chance(0.02)) cells[0] = '"' + cells[0] + '"';
    if (rand.chance(JOB_CENTRE.invalidShare)) {
      const kind = rand.pick(JOB_CENTRE_INVALID);
      invalid[kind]++;
      if (kind === 'bad_date') {
        const at = cells[4] !== '' && rand.chance(0.5) ? 4 : 1;
        cells[at] = rand.pick(JC_BAD_DATES);
      } else if (kind === 'unknown_enum') {
        const [at, values] = rand.pick(JC_BAD_ENUM);
        cells[at] = rand.pick(values);
      } else {
        cells[rand.pick(JC_REQUIRED)] = '';
      }
    }
    buf += cells.join(';') + '\r\n';
    if (buf.length >= 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf.length > 0) yield buf;
  return { rows, invalid, decimal };
}

// ------------------------------------------------------------------ command line

function usage(message) {
  if (message) process.stderr.write(`generate.mjs: ${message}\n`);
  process.stderr.write(
    'usage: node examples/generate.mjs [--rows N] [--seed S] ' +
      '[--example tre-hovedveje|rollemodeller|all] [--out FILE] [--broken-every N] [--shape example|job-centre]\n',
  );
  process.exit(2);
}

function main(argv) {
  const opts = { example: 'all' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      return argv[++i];
    };
    const int = (v, name) => {
      if (!/^\d+$/.test(v)) usage(`${name} must be a whole number, not "${v}"`);
      return Number(v);
    };
    switch (flag) {
      case '--rows': opts.rows = int(value(), '--rows'); break;
      case '--seed': opts.seed = int(value(), '--seed'); break;
      case '--example': opts.example = value(); break;
      case '--out': opts.out = value(); break;
      case '--broken-every': opts.brokenEvery = int(value(), '--broken-every'); break;
      case '--shape': opts.shape = value(); break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown option ${arg}`);
    }
  }
  const names = opts.example === 'all' ? (opts.shape === 'job-centre' ? ['tre-hovedveje'] : EXAMPLE_NAMES) : [opts.example];
  for (const n of names) if (!EXAMPLES[n]) usage(`unknown example "${n}"`);
  if (opts.out && names.length > 1) usage('--out needs a single --example');
  if (opts.shape !== undefined && opts.shape !== 'example' && opts.shape !== 'job-centre') usage(`unknown shape "${opts.shape}"`);
  if (opts.shape === 'job-centre') {
    if (names.length !== 1 || names[0] !== 'tre-hovedveje') usage('--shape job-centre is of tre-hovedveje only');
    if (opts.brokenEvery !== undefined) usage('--broken-every is not used with --shape job-centre (about 6 % of its rows are invalid)');
    if (!opts.out) usage('--shape job-centre needs --out (the committed citizens.csv is the example shape)');
  }

  for (const name of names) {
    const file = opts.out ?? defaultOutput(name);
    const started = process.hrtime.bigint();
    const r = generateToFile(name, file, {
      rows: opts.rows, seed: opts.seed, brokenEvery: opts.brokenEvery,
      ...(opts.shape ? { shape: opts.shape } : {}),
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const bad = r.broken ?? r.invalid;
    const total = Object.values(bad).reduce((a, b) => a + b, 0);
    const kinds = Object.entries(bad).filter(([, c]) => c > 0).map(([k, c]) => `${k} ${c}`).join(', ');
    const shape = r.invalid ? `job-centre shape, ${r.decimal} decimal-comma hours, ` : '';
    process.stderr.write(
      `${name}: ${r.rows} rows (${shape}${total} ${r.invalid ? 'invalid' : 'broken'}${kinds ? ': ' + kinds : ''}), ` +
        `${(r.bytes / 1048576).toFixed(1)} MB in ${ms.toFixed(0)} ms -> ${file}\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
