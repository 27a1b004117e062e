// The words of `visit screen`'s summary and reading warnings, in English and Danish (`lang`, English
// when not given). `da` has the type of `en`: the same keys and parameters, so that a message is
// written whole in each language (the dsl's catalogues, packages/dsl/src/check/messages.ts, do the
// same). The Danish follows the report's (report/text.ts): "indsats", "opfylder kriterierne",
// "uafklaret". Names from the rules, line sources, field and column names, dates, the rules' hash
// and the machine-readable values of the output stay as they are in both.

import type { Lang } from '../report/kit';

/** `1 row`, `2 rows`, `1,234 rows` (English numbers). */
function countEn(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `1 række`, `2 rækker`, `1.234 rækker` (Danish numbers). */
function countDa(n: number, one: string, many: string): string {
  return `${n.toLocaleString('da-DK')} ${n === 1 ? one : many}`;
}

export const en = {
  /** How numbers are written (1,234). */
  number: (n: number): string => n.toLocaleString('en-US'),
  // The summary's labels (padded to one width).
  rules: 'rules',
  rowsRead: 'rows read',
  valid: 'valid',
  invalid: 'invalid',
  programme: 'programme',
  eligible: 'eligible',
  ineligible: 'ineligible',
  undetermined: 'undetermined',
  notInForce: 'not in force',
  /** After the hash: the day the rules were read as of, then the params given. */
  rulesAsOf: (date: string): string => `as of ${date}`,
  rulesEachRow: (field: string): string => `as of each row's ${field}`,
  params: (list: string): string => `params ${list}`,
  /** `  not in force on DATE: hovedvej3, 2015-11-01 – 2016-12-31; …` (list: the items joined). */
  notInForceOn: (date: string, list: string): string => `not in force on ${date}: ${list}`,
  /** One programme left out: its name and the days it is in force (`inForce` in the words of `inForceDays`). */
  notInForceItem: (name: string, inForce: string): string => `${name}, ${inForce}`,
  notInForceNever: (name: string): string => `${name}, on no day`,
  /** The days of a version, as the dsl describes them (`2015-11-01 – 2016-12-31`, `until D`, `from D`, `every day`). */
  daysSingle: (date: string): string => date,
  daysRange: (from: string, until: string): string => `${from} – ${until}`,
  daysUntil: (date: string): string => `until ${date}`,
  daysFrom: (date: string): string => `from ${date}`,
  daysEvery: 'every day',
  mostFailed: 'most often failed (lines that made a programme ineligible):',
  mostMissing: 'most often missing (fields that left a programme undetermined):',
  /** `line 3: require literacy >= 3  (24 rows)`; kind is `require` or `exclude`, as written. */
  failedLine: (line: number, kind: string, source: string, rows: number): string => `line ${line}: ${kind} ${source}  (${countEn(rows, 'row')})`,
  missingField: (field: string, rows: number): string => `${field} (${countEn(rows, 'row')})`,
  // Reading warnings (counts, row and line numbers and names only, never a value).
  multiLineOne: (row: number, line: number, endLine: number): string =>
    `1 row holds a quoted cell over several lines (row ${row}, lines ${line}–${endLine}): if that was not meant, a stray quote has merged lines into one row`,
  multiLineMany: (rows: number, row: number, line: number, endLine: number): string =>
    `${countEn(rows, 'row')} hold a quoted cell over several lines (the first: row ${row}, lines ${line}–${endLine}): if that was not meant, a stray quote has merged lines into one row`,
  /** NDJSON keys that are no field: `names` are quoted (or withheld), `more` how many more are not named. */
  unknownKeys: (count: number, atLeast: boolean, names: string, more: number | 'more' | 0): string => {
    const what = atLeast ? `at least ${countEn(count, 'key')}` : count === 1 ? 'a key' : countEn(count, 'key');
    const rest = more === 0 ? '' : more === 'more' ? ' and more' : ` and ${more.toLocaleString('en-US')} more`;
    return `ignoring ${what} not in the record declaration: ${names}${rest}`;
  },
  cprWithheld: '(a name that looks like a CPR number, withheld)',
  /** A list file's lines without a readable key (read/lists.ts). */
  listUnkeyed: (file: string, lines: number, first: number): string =>
    `${file}: ${lines === 1 ? '1 line has' : `${lines.toLocaleString('en-US')} lines have`} no readable key (the first: line ${first}) and ${lines === 1 ? 'belongs' : 'belong'} to no record`,
  /** A list file's lines whose key matched no record. */
  listUnmatched: (file: string, lines: number, list: string, keys: number): string =>
    `${file}: ${lines === 1 ? '1 line' : `${lines.toLocaleString('en-US')} lines`} of list ${list} matched no record (${keys === 1 ? '1 key' : `${keys.toLocaleString('en-US')} keys`} not in the records)`,
  workerNotStarted: (reason: string): string => `a worker thread did not start, screening without it: ${reason}`,
  oneThread: (reason: string): string => `screening on one thread: ${reason}`,
  windows1252: 'not valid UTF-8, so it is read as Windows-1252 (state the encoding with --encoding)',
  // The CSV header's warnings (the engine's csvReader words them in English; header.ts rewords them).
  noHeader: (fields: string, columns: number): string =>
    `no column of the header names a field of the record (expected a header row with ${fields}); ignoring ${columns === 1 ? 'a column' : `${columns} columns`}`,
  unknownColumns: (columns: number, names: string): string =>
    `ignoring ${columns === 1 ? 'a column' : `${columns} columns`} not in the record declaration: ${names}`,
  repeatedColumn: (column: string): string => `column ${column} appears more than once; the first one is read`,
  listColumnIgnored: (column: string, field: string): string =>
    `column ${column} is ignored: a list field is read from a second CSV (--list ${field}=FILE), not from a column`,
  noListFileOptional: (quoted: string, field: string): string => `no list file for optional list field ${quoted} (--list ${field}=FILE): it is missing in every row`,
  noListFileRequired: (quoted: string, field: string): string => `no list file for required list field ${quoted} (--list ${field}=FILE): every row is invalid`,
  noColumnOptional: (quoted: string): string => `no column for optional field ${quoted}: it is missing in every row`,
  noColumnRequired: (quoted: string): string => `no column for required field ${quoted}: every row is invalid`,
};

export type SummaryWords = typeof en;

export const da: SummaryWords = {
  number: (n) => n.toLocaleString('da-DK'),
  rules: 'regler',
  rowsRead: 'læste rækker',
  valid: 'gyldige',
  invalid: 'ugyldige',
  programme: 'indsats',
  eligible: 'opfylder',
  ineligible: 'opfylder ikke',
  undetermined: 'uafklaret',
  notInForce: 'ikke i kraft',
  rulesAsOf: (date) => `pr. ${date}`,
  rulesEachRow: (field) => `pr. hver rækkes ${field}`,
  params: (list) => `parametre ${list}`,
  notInForceOn: (date, list) => `ikke i kraft den ${date}: ${list}`,
  notInForceItem: (name, inForce) => `${name}, i kraft ${inForce}`,
  notInForceNever: (name) => `${name}, i kraft ingen dage`,
  daysSingle: (date) => `den ${date}`,
  daysRange: (from, until) => `${from} – ${until}`,
  daysUntil: (date) => `til og med ${date}`,
  daysFrom: (date) => `fra ${date}`,
  daysEvery: 'alle dage',
  mostFailed: 'oftest ikke opfyldt (linjer, der gjorde, at borgeren ikke opfyldte kriterierne):',
  mostMissing: 'oftest manglende (felter, der gjorde udfaldet uafklaret):',
  failedLine: (line, kind, source, rows) => `linje ${line}: ${kind} ${source}  (${countDa(rows, 'borger', 'borgere')})`,
  missingField: (field, rows) => `${field} (${countDa(rows, 'borger', 'borgere')})`,
  multiLineOne: (row, line, endLine) =>
    `1 række har en celle i anførselstegn, der strækker sig over flere linjer (række ${row}, linje ${line}–${endLine}): er det ikke meningen, har et løst anførselstegn slået linjer sammen til én række`,
  multiLineMany: (rows, row, line, endLine) =>
    `${countDa(rows, 'række', 'rækker')} har en celle i anførselstegn, der strækker sig over flere linjer (den første: række ${row}, linje ${line}–${endLine}): er det ikke meningen, har et løst anførselstegn slået linjer sammen til én række`,
  unknownKeys: (count, atLeast, names, more) => {
    const what = atLeast ? `mindst ${countDa(count, 'nøgle', 'nøgler')}` : count === 1 ? 'en nøgle' : countDa(count, 'nøgle', 'nøgler');
    const rest = more === 0 ? '' : more === 'more' ? ' og flere' : ` og ${more.toLocaleString('da-DK')} til`;
    return `ser bort fra ${what}, der ikke står i record-erklæringen: ${names}${rest}`;
  },
  cprWithheld: '(et navn, der ligner et CPR-nummer, vises ikke)',
  listUnkeyed: (file, lines, first) =>
    `${file}: ${lines === 1 ? '1 linje har' : `${lines.toLocaleString('da-DK')} linjer har`} ingen læsbar nøgle (den første: linje ${first}) og hører ikke til nogen post`,
  listUnmatched: (file, lines, list, keys) =>
    `${file}: ${lines === 1 ? '1 linje' : `${lines.toLocaleString('da-DK')} linjer`} i listen ${list} passede ikke til nogen post (${keys === 1 ? '1 nøgle' : `${keys.toLocaleString('da-DK')} nøgler`}, der ikke findes blandt posterne)`,
  workerNotStarted: (reason) => `en arbejdstråd startede ikke; screeningen fortsætter uden den: ${reason}`,
  oneThread: (reason) => `screener på én tråd: ${reason}`,
  windows1252: 'ikke gyldig UTF-8, så filen læses som Windows-1252 (angiv tegnsættet med --encoding)',
  noHeader: (fields, columns) =>
    `ingen kolonne i overskriftsrækken hedder som et felt i record-erklæringen (forventede en overskriftsrække med ${fields}); ser bort fra ${columns === 1 ? 'en kolonne' : `${columns} kolonner`}`,
  unknownColumns: (columns, names) => `ser bort fra ${columns === 1 ? 'en kolonne' : `${columns} kolonner`}, der ikke står i record-erklæringen: ${names}`,
  repeatedColumn: (column) => `kolonnen ${column} står der flere gange; den første læses`,
  listColumnIgnored: (column, field) => `der ses bort fra kolonnen ${column}: et listefelt læses fra en anden CSV-fil (--list ${field}=FIL), ikke fra en kolonne`,
  noListFileOptional: (quoted, field) => `ingen listefil til det valgfrie listefelt ${quoted} (--list ${field}=FIL): det mangler i alle rækker`,
  noListFileRequired: (quoted, field) => `ingen listefil til det krævede listefelt ${quoted} (--list ${field}=FIL): alle rækker er ugyldige`,
  noColumnOptional: (quoted) => `ingen kolonne til det valgfrie felt ${quoted}: det mangler i alle rækker`,
  noColumnRequired: (quoted) => `ingen kolonne til det krævede felt ${quoted}: alle rækker er ugyldige`,
};

export const SUMMARY_WORDS: Record<Lang, SummaryWords> = { en, da };

/** The words of `lang`; English when none is given (the library's default). */
export function summaryWords(lang?: Lang): SummaryWords {
  return lang === 'da' ? da : en;
}

/**
 * The days of a programme's versions in the words of `lang`. The dsl writes them in English
 * (`NotInForce.inForce`: `2015-11-01 – 2016-12-31, from 2018-01-01`, `until D`, `every day`); each
 * comma-separated part is read back and reworded. A part of another shape is kept as it is.
 */
export function inForceDays(text: string, lang?: Lang): string {
  const w = summaryWords(lang);
  if (w === en) return text;
  const D = '(\\d{4,}-\\d{2}-\\d{2})';
  return text
    .split(', ')
    .map((part) => {
      let m: RegExpExecArray | null;
      if ((m = new RegExp(`^${D} – ${D}$`).exec(part))) return w.daysRange(m[1]!, m[2]!);
      if ((m = new RegExp(`^until ${D}$`).exec(part))) return w.daysUntil(m[1]!);
      if ((m = new RegExp(`^from ${D}$`).exec(part))) return w.daysFrom(m[1]!);
      if ((m = new RegExp(`^${D}$`).exec(part))) return w.daysSingle(m[1]!);
      if (part === 'every day') return w.daysEvery;
      return part;
    })
    .join(', ');
}
