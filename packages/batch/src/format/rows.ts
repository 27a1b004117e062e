// One output line per input row, for `visit screen`. Lines are built with string templates from
// precomputed pieces, not JSON.stringify of nested objects (STACK-NOTES: 0.4 s against 1.4 s per
// million rows). The NDJSON layout is LANGUAGE.md §10's: row, id, status, groups, programs, then
// explain or errors.
//
// Every line is `rowPrefix + row number + tail`: a worker thread formats the tails before it knows
// where its rows fall in the file, and puts the numbers in front once it does.

import { formatCsvCell } from '../read/index';
import { utf8, type LineBuffer } from './bytes';

export type Outcome = 'eligible' | 'ineligible' | 'undetermined';

/** What the formatter needs of one screened row (its number goes in front separately). */
export interface OkRow {
  id: string | null;
  /** The row's own reference date (`--as-of-field`, LANGUAGE.md §14; a dated formatter writes it after `id`). */
  asOf?: string;
  /** Group values by name (true, false, or null for unknown, or not in force on a dated row's day). */
  groups: Readonly<Record<string, boolean | null>>;
  /** Programme outcomes by name; `null` only in a dated row, for a programme not in force on its day. */
  programs: Readonly<Record<string, Outcome | null>>;
  /** The explanation as JSON text, when asked for (NDJSON). */
  explainJson?: string;
  /** The explanation as plain text, when asked for (CSV). */
  explainText?: string;
}

export interface InvalidRow {
  id: string | null;
  /** A dated row's reference date where it could be read (else null / absent: `null`, an empty cell). */
  asOf?: string | null;
  errors: readonly string[];
}

/**
 * `dated`: rows screened each as of its own date (`--as-of-field`, LANGUAGE.md §14): `asOf` after
 * `id` (NDJSON key, CSV column), and a programme not in force that day `null` / an empty cell.
 */
export interface FormatOptions {
  dated?: boolean;
}

export interface RowFormatter {
  /** The first line of the output (CSV header), or '' (NDJSON). */
  readonly header: string;
  /** What comes before the row number on every line. */
  readonly rowPrefix: string;
  /** The rest of a line after the row number, line end included. */
  okTail(row: OkRow): string;
  invalidTail(row: InvalidRow): string;
  /** A whole line: `rowPrefix + n + okTail(row)` in one template. */
  okLine(n: number, row: OkRow): string;
  /** Writes `okLine(n, row)` as UTF-8 into `out` (the same bytes). */
  writeOk(out: LineBuffer, n: number, row: OkRow): void;
  /**
   * `okTail(row)` for a row whose number comes later: the bytes after the id (one shared array
   * per combination of outcomes: do not change it), or undefined when the row's tail is not cached
   * (then use `okTail`). With the bytes, `writeOkLater` writes the line.
   */
  okRest(row: OkRow): Uint8Array | undefined;
  /** Writes the line of row `n` with the id `id` (and a dated row's `asOf`) and `rest` from `okRest`. */
  writeOkLater(out: LineBuffer, n: number, id: string | null, rest: Uint8Array, asOf?: string): void;
}

/** Ids are mostly plain digits: quote those directly, escape anything else as JSON. */
const PLAIN_ID = /^[0-9A-Za-z_.+-]*$/;

export function jsonString(s: string | null): string {
  if (s === null) return 'null';
  return s.length < 64 && PLAIN_ID.test(s) ? `"${s}"` : JSON.stringify(s);
}

/**
 * A CSV cell that carries text from the input or the rules (id, errors, explain, column names),
 * safe to open in a spreadsheet. A cell that begins with `=`, `+`, `-`, `@`, tab, CR (OWASP, "CSV
 * Injection") or NUL (OWASP ASVS 1.2.10) would be read by Excel, LibreOffice or Google Sheets as a
 * formula: it gets a leading `'` (which spreadsheets read as "this is text") and is quoted. So does
 * a cell that begins with `'` itself, so that the way back is exact and simple: a cell that starts
 * with `'` lost its first character. A plain number with a sign (`-5`, `+45`, `-2,5`) is left as it
 * is: no spreadsheet reads it as anything but that number, and an id like `-5` still matches the
 * input. NDJSON output holds every value unchanged.
 */
export function csvTextCell(value: string): string {
  const c = value.charCodeAt(0);
  // = + - @ TAB CR NUL '
  if ((c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d || c === 0x00 || c === 0x27) && !SIGNED_NUMBER.test(value)) {
    return `"'${value.replace(/"/g, '""')}"`;
  }
  return formatCsvCell(value, ',');
}

const SIGNED_NUMBER = /^[+-][0-9]+(?:[.,][0-9]+)?$/;

function csvId(id: string | null): string {
  return id === null ? '' : csvTextCell(id);
}

function groupJson(v: boolean | null | undefined): string {
  return v === true ? 'true' : v === false ? 'false' : 'null';
}

function groupCsv(v: boolean | null | undefined): string {
  return v === true ? 'true' : v === false ? 'false' : '';
}

/** A dated row's programme in NDJSON: the outcome as a string, `null` when not in force. */
function programJson(v: Outcome | null | undefined): string {
  return v == null ? 'null' : `"${v}"`;
}

function csvExplain(text: string | undefined): string {
  return csvTextCell(text ?? '');
}

/** `g["unge"]`: a property read written into generated code (the name as a JSON string literal). */
function read(object: string, name: string): string {
  return `${object}[${JSON.stringify(name)}]`;
}

/**
 * A piece of a line: fixed text, or a value of the row: `code`, a JavaScript expression over `r`,
 * `g` and `p` for the generated function, and `value`, the same as a closure (no code generation).
 */
type Piece = { text: string } | { code: string; value: (r: OkRow) => string };

/**
 * Fixed text as the inside of a template literal: `\\`, a backtick and `${` escaped, and control
 * characters written as escapes (a raw CR LF in a template literal would be read as LF alone).
 */
function templateText(text: string): string {
  return text
    .replace(/[\\`]/g, (c) => `\\${c}`)
    .replace(/\$\{/g, '\\${')
    .replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A host's refusal to compile code from strings (a CSP without 'unsafe-eval', a vm context with
 *  `codeGeneration: { strings: false }`): an EvalError, possibly from another realm. */
export function isRefusal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'EvalError';
}

/**
 * The tail of an `ok` line as one generated function per screener, built from the rules' group
 * and programme names only (each embedded as a JSON string literal; no record data ever reaches
 * the generated source): one monomorphic property read per name instead of a loop of keyed
 * lookups, and one template literal, which V8 joins far faster than a chain of `+` (the cons
 * strings of a chain must be flattened later, at a cost that showed in the profile).
 * `codegen` false, or a host that refuses `new Function`: a loop over the pieces, same text.
 */
function compileTail(pieces: Piece[], rowPrefix: string, codegen: boolean): Pick<RowFormatter, 'okTail' | 'okLine'> {
  if (codegen) {
    try {
      return generatedTail(pieces, rowPrefix);
    } catch (e) {
      if (!isRefusal(e)) throw e;
    }
  }
  return closureTail(pieces, rowPrefix);
}

function generatedTail(pieces: Piece[], rowPrefix: string): Pick<RowFormatter, 'okTail' | 'okLine'> {
  const helpers = { jsonString, csvId, groupJson, groupCsv, csvExplain, programJson };
  const template = pieces.map((x) => ('text' in x ? templateText(x.text) : `\${${x.code}}`)).join('');
  const body = [
    `'use strict';`,
    `return {`,
    `  okTail(r) {\n    const g = r.groups, p = r.programs;\n    return \`${template}\`;\n  },`,
    `  okLine(n, r) {\n    const g = r.groups, p = r.programs;\n    return \`${templateText(rowPrefix)}\${n}${template}\`;\n  },`,
    `};`,
  ].join('\n');
  const factory = new Function(...Object.keys(helpers), body) as (...h: unknown[]) => Pick<RowFormatter, 'okTail' | 'okLine'>;
  return factory(...Object.values(helpers));
}

/** The same lines without generated code: fixed text and value closures, joined in order. */
function closureTail(pieces: Piece[], rowPrefix: string): Pick<RowFormatter, 'okTail' | 'okLine'> {
  // Adjacent fixed texts merged: the loop alternates (mostly) text, value, text, …
  const texts: string[] = [];
  const values: ((r: OkRow) => string)[] = [];
  let pending = '';
  for (const x of pieces) {
    if ('text' in x) pending += x.text;
    else {
      texts.push(pending);
      values.push(x.value);
      pending = '';
    }
  }
  const last = pending;
  const count = values.length;
  const okTail = (r: OkRow): string => {
    let out = '';
    for (let i = 0; i < count; i++) out += texts[i]! + values[i]!(r);
    return out + last;
  };
  return { okTail, okLine: (n, r) => rowPrefix + n + okTail(r) };
}

/** At most this many outcome combinations keep their line tails as bytes (more are encoded row by row). */
const MAX_CACHED_TAILS = 4096;

/**
 * Writing `ok` lines as bytes: `prefix`, the row number, `mid`, the id, then the rest of the line,
 * which depends only on the group values and programme outcomes (without an explanation): its
 * bytes are made once per combination and kept (at most MAX_CACHED_TAILS), keyed by a number
 * that one function computes from the values (base 3, exact for up to 33 names).
 */
function byteWriter(
  groupNames: readonly string[],
  programNames: readonly string[],
  rest: (r: OkRow) => string,
  okLine: (n: number, r: OkRow) => string,
  prefix: string,
  mid: string,
  writeId: (out: LineBuffer, id: string | null) => void,
  codegen: boolean,
  /** Dated rows: what comes between the id and the date, and the date as it is written. */
  dated?: { mid: string; write: (out: LineBuffer, asOf: string) => void },
): Pick<RowFormatter, 'writeOk' | 'okRest' | 'writeOkLater'> {
  const prefixBytes = utf8(prefix);
  const midBytes = utf8(mid);
  const datedMid = dated ? utf8(dated.mid) : undefined;
  const writeOkLater = (out: LineBuffer, n: number, id: string | null, tail: Uint8Array, asOf?: string): void => {
    out.bytes(prefixBytes);
    out.int(n);
    out.bytes(midBytes);
    writeId(out, id);
    if (dated) {
      out.bytes(datedMid!);
      dated.write(out, asOf!);
    }
    out.bytes(tail);
  };
  // The key must stay exact below 2^53: 3 values per group, 3 per programme (4 in dated rows, `null`).
  const keyBits = groupNames.length * Math.log2(3) + programNames.length * Math.log2(dated ? 4 : 3);
  if (groupNames.length + programNames.length > 33 || keyBits > 52) {
    return { okRest: () => undefined, writeOk: (out, n, r) => out.text(okLine(n, r)), writeOkLater };
  }
  const key = compileKey(groupNames, programNames, codegen, dated !== undefined);
  const cache = new Map<number, Uint8Array>();
  const okRest = (r: OkRow): Uint8Array | undefined => {
    if (r.explainJson !== undefined || r.explainText !== undefined) return undefined;
    const k = key(r.groups, r.programs);
    let bytes = cache.get(k);
    if (bytes === undefined) {
      bytes = utf8(rest(r));
      if (cache.size < MAX_CACHED_TAILS) cache.set(k, bytes);
    }
    return bytes;
  };
  return {
    okRest,
    writeOk(out, n, r) {
      const tail = okRest(r);
      if (tail === undefined) out.text(okLine(n, r));
      else writeOkLater(out, n, r.id, tail, r.asOf);
    },
    writeOkLater,
  };
}

type Key = (g: OkRow['groups'], p: OkRow['programs']) => number;

/**
 * Groups: true 0, false 1, unknown 2; programmes: eligible 0, ineligible 1, undetermined 2, and in
 * dated rows not in force (`null`) 3, in base 4.
 */
function compileKey(groupNames: readonly string[], programNames: readonly string[], codegen: boolean, dated = false): Key {
  if (codegen) {
    try {
      const terms = [
        ...groupNames.map((g) => [3, `(${read('g', g)} === true ? 0 : ${read('g', g)} === false ? 1 : 2)`] as const),
        ...programNames.map(
          (p) =>
            dated
              ? ([4, `(${read('p', p)} === 'eligible' ? 0 : ${read('p', p)} === 'ineligible' ? 1 : ${read('p', p)} === 'undetermined' ? 2 : 3)`] as const)
              : ([3, `(${read('p', p)} === 'eligible' ? 0 : ${read('p', p)} === 'ineligible' ? 1 : 2)`] as const),
        ),
      ];
      let body = '0';
      for (const [base, t] of terms) body = `(${body}) * ${base} + ${t}`;
      return new Function(`'use strict'; return function key(g, p) { return ${body}; };`)() as Key;
    } catch (e) {
      if (!isRefusal(e)) throw e;
    }
  }
  return (g, p) => {
    let k = 0;
    for (const name of groupNames) {
      const v = g[name];
      k = k * 3 + (v === true ? 0 : v === false ? 1 : 2);
    }
    for (const name of programNames) {
      const v = p[name];
      k = dated ? k * 4 + (v === 'eligible' ? 0 : v === 'ineligible' ? 1 : v === 'undetermined' ? 2 : 3) : k * 3 + (v === 'eligible' ? 0 : v === 'ineligible' ? 1 : 2);
    }
    return k;
  };
}

/** The id as `jsonString` writes it. */
function writeJsonId(out: LineBuffer, id: string | null): void {
  if (id === null) out.ascii('null');
  else if (id.length < 64 && PLAIN_ID.test(id)) {
    out.ascii('"');
    out.ascii(id);
    out.ascii('"');
  } else out.text(JSON.stringify(id));
}

/** The id as `csvId` writes it: a plain id that starts with neither sign is written as it is. */
function writeCsvId(out: LineBuffer, id: string | null): void {
  if (id === null) return;
  const c = id.charCodeAt(0);
  if (id.length < 64 && c !== 0x2b && c !== 0x2d && PLAIN_ID.test(id)) out.ascii(id);
  else out.text(csvId(id));
}

export function ndjsonFormatter(groupNames: readonly string[], programNames: readonly string[], codegen = true, options: FormatOptions = {}): RowFormatter {
  const dated = options.dated === true;
  const pieces: Piece[] = [{ text: ',"id":' }, { code: 'jsonString(r.id)', value: (r) => jsonString(r.id) }];
  // A dated row: `"asOf"` after `id` (the key order of the engine's DatedScreenResult).
  if (dated) pieces.push({ text: ',"asOf":' }, { code: 'jsonString(r.asOf)', value: (r) => jsonString(r.asOf!) });
  const restFrom = pieces.length;
  pieces.push({ text: ',"status":"ok","groups":{' });
  groupNames.forEach((g, i) => pieces.push({ text: `${i === 0 ? '' : ','}${JSON.stringify(g)}:` }, { code: `groupJson(${read('g', g)})`, value: (r) => groupJson(r.groups[g]) }));
  pieces.push({ text: '},"programs":{' });
  programNames.forEach((p, i) =>
    dated
      ? pieces.push({ text: `${i === 0 ? '' : ','}${JSON.stringify(p)}:` }, { code: `programJson(${read('p', p)})`, value: (r) => programJson(r.programs[p]) })
      : pieces.push({ text: `${i === 0 ? '' : ','}${JSON.stringify(p)}:"` }, { code: read('p', p), value: (r) => `${r.programs[p]}` }, { text: '"' }),
  );
  pieces.push(
    { text: '}' },
    { code: `r.explainJson === undefined ? '' : ',"explain":' + r.explainJson`, value: (r) => (r.explainJson === undefined ? '' : ',"explain":' + r.explainJson) },
    { text: '}\n' },
  );
  const tail = compileTail(pieces, '{"row":', codegen);
  return {
    header: '',
    rowPrefix: '{"row":',
    ...tail,
    ...byteWriter(
      groupNames,
      programNames,
      closureTail(pieces.slice(restFrom), '').okTail,
      tail.okLine,
      '{"row":',
      ',"id":',
      writeJsonId,
      codegen,
      dated ? { mid: ',"asOf":', write: writeJsonId } : undefined,
    ),
    invalidTail: dated
      ? (r) => `,"id":${jsonString(r.id)},"asOf":${jsonString(r.asOf ?? null)},"status":"invalid","errors":${JSON.stringify(r.errors)}}\n`
      : (r) => `,"id":${jsonString(r.id)},"status":"invalid","errors":${JSON.stringify(r.errors)}}\n`,
  };
}

/**
 * CSV output (RFC 4180, `,`, CRLF line ends as the RFC writes them): `row,id,status`, one column
 * per group (true/false, empty = unknown), one per programme, then `errors` joined with `; `, and
 * with `--explain` a last column `explain` holding the plain-text explanation. Every text cell goes
 * through `csvTextCell` (no cell can start a spreadsheet formula).
 */
export function csvFormatter(groupNames: readonly string[], programNames: readonly string[], explain: boolean, codegen = true, options: FormatOptions = {}): RowFormatter {
  const dated = options.dated === true;
  const columns = ['row', 'id', ...(dated ? ['asOf'] : []), 'status', ...groupNames, ...programNames, 'errors', ...(explain ? ['explain'] : [])];
  const header = columns.map(csvTextCell).join(',') + '\r\n';
  const emptyResults = ','.repeat(groupNames.length + programNames.length);
  const pieces: Piece[] = [{ text: ',' }, { code: 'csvId(r.id)', value: (r) => csvId(r.id) }];
  // A dated row: an `asOf` column after `id` (a date YYYY-MM-DD, as it is).
  if (dated) pieces.push({ text: ',' }, { code: 'r.asOf', value: (r) => r.asOf! });
  const restFrom = pieces.length;
  pieces.push({ text: ',ok' });
  for (const g of groupNames) pieces.push({ text: ',' }, { code: `groupCsv(${read('g', g)})`, value: (r) => groupCsv(r.groups[g]) });
  for (const p of programNames)
    pieces.push({ text: ',' }, dated ? { code: `(${read('p', p)} ?? '')`, value: (r) => r.programs[p] ?? '' } : { code: read('p', p), value: (r) => `${r.programs[p]}` });
  // The empty `errors` cell, then the explanation when asked for.
  pieces.push(explain ? { text: ',,' } : { text: ',' });
  if (explain) pieces.push({ code: 'csvExplain(r.explainText)', value: (r) => csvExplain(r.explainText) });
  pieces.push({ text: '\r\n' });
  const tail = compileTail(pieces, '', codegen);
  return {
    header,
    rowPrefix: '',
    ...tail,
    ...byteWriter(
      groupNames,
      programNames,
      closureTail(pieces.slice(restFrom), '').okTail,
      tail.okLine,
      '',
      ',',
      writeCsvId,
      codegen,
      dated ? { mid: ',', write: (out, asOf) => out.text(asOf) } : undefined,
    ),
    invalidTail: dated
      ? (r) => `,${csvId(r.id)},${r.asOf ?? ''},invalid${emptyResults},${csvTextCell(r.errors.join('; '))}${explain ? ',' : ''}\r\n`
      : (r) => `,${csvId(r.id)},invalid${emptyResults},${csvTextCell(r.errors.join('; '))}${explain ? ',' : ''}\r\n`,
  };
}
