// One output line per input row, for `visit screen`. Lines are built with string templates from
// precomputed pieces, not JSON.stringify of nested objects (STACK-NOTES: 0.4 s against 1.4 s per
// million rows). The NDJSON layout is LANGUAGE.md §10's: row, id, status, groups, programs, then
// explain or errors.
//
// Every line is `rowPrefix + row number + tail`: a worker thread formats the tails before it knows
// where its rows fall in the file, and puts the numbers in front once it does.

import { formatCsvCell } from '../read/index';

export type Outcome = 'eligible' | 'ineligible' | 'undetermined';

/** What the formatter needs of one screened row (its number goes in front separately). */
export interface OkRow {
  id: string | null;
  /** Group values by name (true, false, or null for unknown). */
  groups: Readonly<Record<string, boolean | null>>;
  /** Programme outcomes by name. */
  programs: Readonly<Record<string, Outcome>>;
  /** The explanation as JSON text, when asked for (NDJSON). */
  explainJson?: string;
  /** The explanation as plain text, when asked for (CSV). */
  explainText?: string;
}

export interface InvalidRow {
  id: string | null;
  errors: readonly string[];
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
  const helpers = { jsonString, csvId, groupJson, groupCsv, csvExplain };
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

export function ndjsonFormatter(groupNames: readonly string[], programNames: readonly string[], codegen = true): RowFormatter {
  const pieces: Piece[] = [{ text: ',"id":' }, { code: 'jsonString(r.id)', value: (r) => jsonString(r.id) }, { text: ',"status":"ok","groups":{' }];
  groupNames.forEach((g, i) => pieces.push({ text: `${i === 0 ? '' : ','}${JSON.stringify(g)}:` }, { code: `groupJson(${read('g', g)})`, value: (r) => groupJson(r.groups[g]) }));
  pieces.push({ text: '},"programs":{' });
  programNames.forEach((p, i) => pieces.push({ text: `${i === 0 ? '' : ','}${JSON.stringify(p)}:"` }, { code: read('p', p), value: (r) => `${r.programs[p]}` }, { text: '"' }));
  pieces.push(
    { text: '}' },
    { code: `r.explainJson === undefined ? '' : ',"explain":' + r.explainJson`, value: (r) => (r.explainJson === undefined ? '' : ',"explain":' + r.explainJson) },
    { text: '}\n' },
  );
  return {
    header: '',
    rowPrefix: '{"row":',
    ...compileTail(pieces, '{"row":', codegen),
    invalidTail(r) {
      return `,"id":${jsonString(r.id)},"status":"invalid","errors":${JSON.stringify(r.errors)}}\n`;
    },
  };
}

/**
 * CSV output (RFC 4180, `,`, CRLF line ends as the RFC writes them): `row,id,status`, one column
 * per group (true/false, empty = unknown), one per programme, then `errors` joined with `; `, and
 * with `--explain` a last column `explain` holding the plain-text explanation. Every text cell goes
 * through `csvTextCell` (no cell can start a spreadsheet formula).
 */
export function csvFormatter(groupNames: readonly string[], programNames: readonly string[], explain: boolean, codegen = true): RowFormatter {
  const columns = ['row', 'id', 'status', ...groupNames, ...programNames, 'errors', ...(explain ? ['explain'] : [])];
  const header = columns.map(csvTextCell).join(',') + '\r\n';
  const emptyResults = ','.repeat(groupNames.length + programNames.length);
  const pieces: Piece[] = [{ text: ',' }, { code: 'csvId(r.id)', value: (r) => csvId(r.id) }, { text: ',ok' }];
  for (const g of groupNames) pieces.push({ text: ',' }, { code: `groupCsv(${read('g', g)})`, value: (r) => groupCsv(r.groups[g]) });
  for (const p of programNames) pieces.push({ text: ',' }, { code: read('p', p), value: (r) => `${r.programs[p]}` });
  // The empty `errors` cell, then the explanation when asked for.
  pieces.push(explain ? { text: ',,' } : { text: ',' });
  if (explain) pieces.push({ code: 'csvExplain(r.explainText)', value: (r) => csvExplain(r.explainText) });
  pieces.push({ text: '\r\n' });
  return {
    header,
    rowPrefix: '',
    ...compileTail(pieces, '', codegen),
    invalidTail(r) {
      return `,${csvId(r.id)},invalid${emptyResults},${csvTextCell(r.errors.join('; '))}${explain ? ',' : ''}\r\n`;
    },
  };
}
