// The record declaration as data: field info, a JSON Schema (draft 2020-12) validated with ajv, and
// coercion of CSV cells (LANGUAGE.md §7). Every reader returns a fixed-shape record whose prototype
// is an empty null-prototype object, so evaluation reads only declared, own fields.
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { assertNever, type CheckedFile, type FieldDeclaration, type Unit } from '@visit/dsl';
import { isRealDate } from './calendar';

// ---------------------------------------------------------------- field info

export type FieldType =
  | { kind: 'text' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'integer' | 'number'; min?: number; max?: number; unit?: Unit }
  | { kind: 'enum'; values: readonly string[] };

export interface FieldInfo {
  name: string;
  label: string | null;
  type: FieldType;
  optional: boolean;
  key: boolean;
  personal: boolean;
}

export interface RecordInfo {
  /** The record's declared name (`Citizen`), or null when the file declares none. */
  name: string | null;
  fields: readonly FieldInfo[];
  /** The `key` field's name, if one is declared. */
  keyField: string | undefined;
}

/** A record as the evaluator reads it: declared fields only; missing = undefined. */
export type TypedValue = string | number | boolean | undefined;
export type TypedRecord = Record<string, TypedValue>;

export interface CoercedRecord {
  ok: true;
  /** The key field's value as text, or null. */
  id: string | null;
  record: TypedRecord;
}
export interface InvalidRecord {
  ok: false;
  id: string | null;
  /** Every reason, each naming the field and what was expected. */
  errors: string[];
}

function fieldType(decl: FieldDeclaration): FieldType {
  const t = decl.type;
  switch (t.kind) {
    case 'EnumType':
      return { kind: 'enum', values: t.values.map((v) => v.text) };
    case 'PrimitiveType': {
      if (t.name !== 'integer' && t.name !== 'number') return { kind: t.name };
      const out: FieldType = { kind: t.name };
      if (t.bounds) {
        out.min = t.bounds.min.value;
        out.max = t.bounds.max.value;
      }
      if (t.unit) out.unit = t.unit.unit;
      return out;
    }
    default:
      return assertNever(t);
  }
}

export function recordInfo(checked: CheckedFile): RecordInfo {
  const fields: FieldInfo[] = [];
  for (const decl of checked.fields.values()) {
    const has = (m: string) => decl.modifiers.some((x) => x.modifier === m);
    fields.push({
      name: decl.name.text,
      label: decl.label?.value ?? null,
      type: fieldType(decl),
      optional: has('optional'),
      key: has('key'),
      personal: has('personal'),
    });
  }
  return {
    name: checked.record?.name.text ?? null,
    fields,
    keyField: fields.find((f) => f.key)?.name,
  };
}

// ---------------------------------------------------------------- JSON Schema

export type JsonSchema = { [key: string]: unknown };

/**
 * The record as a JSON Schema (draft 2020-12). It describes a record after empty values are
 * removed: `""` and `null` count as missing (§5), so an optional field may be absent, and a required
 * field must be present with a value.
 */
export function recordSchema(info: RecordInfo): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of info.fields) {
    const p = propertySchema(f.type);
    if (f.label !== null) p.description = f.label;
    properties[f.name] = p;
  }
  const schema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties,
    required: info.fields.filter((f) => !f.optional).map((f) => f.name),
  };
  if (info.name !== null) schema.title = info.name;
  return schema;
}

function propertySchema(t: FieldType): JsonSchema {
  switch (t.kind) {
    case 'text':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' };
    case 'integer':
    case 'number': {
      const s: JsonSchema = { type: t.kind };
      if (t.min !== undefined) s.minimum = t.min;
      if (t.max !== undefined) s.maximum = t.max;
      return s;
    }
    case 'enum':
      return { type: 'string', enum: [...t.values] };
    default:
      return assertNever(t);
  }
}

// ---------------------------------------------------------------- messages

const WITHHELD = '(value withheld: personal data)';
const BOOLEAN_WORDS = 'true/false, t/f, 1/0, ja/nej, yes/no';

function formatNumber(n: number): string {
  return String(n);
}

/** What a field expects, in words (the same phrase in every message about that field). */
export function expectation(f: FieldInfo): string {
  const t = f.type;
  switch (t.kind) {
    case 'text':
      return 'text';
    case 'boolean':
      return `a boolean (${BOOLEAN_WORDS})`;
    case 'date':
      return 'a date YYYY-MM-DD that exists';
    case 'integer':
    case 'number': {
      let s = t.kind === 'integer' ? 'an integer' : 'a number';
      if (t.min !== undefined && t.max !== undefined) s += ` from ${formatNumber(t.min)} to ${formatNumber(t.max)}`;
      if (t.unit !== undefined) s += ` (${t.unit})`;
      return s;
    }
    case 'enum':
      return `one of ${t.values.join(', ')}`;
    default:
      return assertNever(t);
  }
}

/** Ten digits, or DDMMYY-SSSS, anywhere in a value (or nine, as Excel leaves a CPR number that
 *  lost its leading zero): what a CPR number looks like. A CPR number that lands in the wrong
 *  field (a shifted CSV column) must not be echoed in a reason either. */
const CPR_LIKE = /\d{6}-?\d{4}|(?<!\d)\d{9}(?!\d)/;
const CPR_WITHHELD = `something that looks like a CPR number ${WITHHELD}`;

function looksLikeCpr(v: unknown): boolean {
  if (typeof v === 'string') return CPR_LIKE.test(v);
  // A CPR number read as a JSON number loses its leading zero: 9 or 10 digits.
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) >= 1e8 && Math.abs(v) < 1e10;
}

function quote(s: string): string {
  const max = 40;
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** What kind of JSON value this is, without its value. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function foundJson(v: unknown, personal: boolean): string {
  if (personal) return `found ${jsonKind(v)} ${WITHHELD}`;
  if (looksLikeCpr(v)) return `found ${CPR_WITHHELD}`;
  if (typeof v === 'string') return `found ${quote(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `found ${String(v)}`;
  return `found ${jsonKind(v)}`;
}

export function missingMessage(name: string): string {
  return `${name}: missing (required)`;
}

// ---------------------------------------------------------------- the record shape

/** Builds fixed-shape records: every declared field is an own property, the prototype is empty. */
export interface RecordShape {
  /** A fresh record with every field undefined. */
  create(): TypedRecord;
  /** True for records made by `create` (evaluation may then read fields directly). */
  owns(r: object): boolean;
  /** Copies the declared fields that `src` has as own properties into a fresh record. */
  pick(src: object): TypedRecord;
  /** The prototype of every record made here. */
  readonly prototype: object;
}

export function recordShape(info: RecordInfo, codegen = true): RecordShape {
  const prototype = Object.freeze(Object.create(null) as object);
  const names = info.fields.map((f) => f.name);
  let Ctor: { new (): TypedRecord; prototype: object };
  if (codegen) {
    // A generated constructor gives V8 one hidden class for all records; names are embedded with
    // JSON.stringify and come from the rules file, never from record data.
    const body = names.map((n) => `this[${JSON.stringify(n)}] = undefined;`).join('\n');
    Ctor = new Function(body) as unknown as { new (): TypedRecord; prototype: object };
  } else {
    // Without code generation: the same own properties, in the same order.
    Ctor = function (this: TypedRecord) {
      for (const n of names) this[n] = undefined;
    } as unknown as { new (): TypedRecord; prototype: object };
  }
  Ctor.prototype = prototype;
  const hasOwn = Object.prototype.hasOwnProperty;
  return {
    prototype,
    create: () => new Ctor(),
    owns: (r) => Object.getPrototypeOf(r) === prototype,
    pick(src) {
      const r = new Ctor();
      for (const n of names) {
        if (hasOwn.call(src, n)) {
          const v = (src as Record<string, unknown>)[n];
          r[n] = v === null ? undefined : (v as TypedValue);
        }
      }
      return r;
    },
  };
}

// ---------------------------------------------------------------- typed JSON (NDJSON, API)

export type JsonValidator = (input: unknown) => CoercedRecord | InvalidRecord;

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Validates typed JSON against the schema with ajv (compiled once). `""` and `null` are missing. */
export function jsonValidator(info: RecordInfo, schema: JsonSchema, shape: RecordShape, codegen = true): JsonValidator {
  // ajv compiles the schema into code; without code generation the same schema is checked by
  // `schemaCheck`, which reports the same errors for the schemas `recordSchema` writes.
  let validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  if (codegen) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictNumbers: true });
    ajv.addFormat('date', { type: 'string', validate: isRealDate });
    validate = ajv.compile(schema);
  } else {
    validate = schemaCheck(info);
  }
  const byName = new Map(info.fields.map((f) => [f.name, f]));
  const hasOwn = Object.prototype.hasOwnProperty;
  const key = info.keyField;
  const plans = info.fields.map((field) => ({
    field,
    fromText: field.type.kind === 'boolean' || field.type.kind === 'integer' || field.type.kind === 'number' ? textCoercer(field.type) : undefined,
  }));

  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, id: null, errors: [`record: expected a JSON object, found ${jsonKind(input)}`] };
    }
    const record = shape.create();
    for (const { field, fromText } of plans) {
      if (!hasOwn.call(input, field.name)) continue;
      let v: unknown = (input as Record<string, unknown>)[field.name];
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        // Values written as text are read like CSV cells (§7): trimmed, empty = missing, and
        // `"3"`, `"ja"` accepted for numbers and booleans; a number as text only as whole digits
        // (see `textCoercer`). What does not coerce stays text, for ajv to report.
        v = trimCell(v);
        if (v === '') continue;
        if (fromText) {
          const c = fromText(v as string);
          if (c !== BAD) v = c;
        }
      } else if (field.type.kind === 'boolean' && (v === 1 || v === 0)) {
        v = v === 1;
      }
      (record as Record<string, unknown>)[field.name] = v;
    }
    if (validate(record)) return { ok: true, id: idOf(record, key), record };

    const bad = new Map<string, string>();
    for (const e of validate.errors ?? []) {
      const message = messageFor(e, record, byName);
      if (message && !bad.has(message.field)) bad.set(message.field, message.text);
    }
    // Declaration order, one reason per field.
    const errors = info.fields.filter((f) => bad.has(f.name)).map((f) => bad.get(f.name)!);
    for (const [field, text] of bad) if (!byName.has(field)) errors.push(text);
    if (errors.length === 0) errors.push('record: does not fit the record declaration');
    const id = key !== undefined && !bad.has(key) ? idOf(record, key) : null;
    return { ok: false, id, errors };
  };
}

/** The property schema of `propertySchema(type)` as a test (ajv's semantics with strictNumbers). */
function fitsType(t: FieldType, v: unknown): boolean {
  switch (t.kind) {
    case 'text':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u.test(v) && isRealDate(v);
    case 'integer':
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (t.kind === 'number' || Number.isInteger(v)) &&
        (t.min === undefined || v >= t.min) &&
        (t.max === undefined || v <= t.max)
      );
    case 'enum':
      return typeof v === 'string' && t.values.includes(v);
    default:
      return assertNever(t);
  }
}

/**
 * The record's schema checked without generated code: for a record made by `RecordShape` (every
 * declared field an own property, undefined when absent), the errors ajv (`allErrors`) would give
 * that `messageFor` reads — `required` for a missing required field, one error at the field's
 * path for a value that does not fit.
 */
function schemaCheck(info: RecordInfo): ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } {
  const pointer = (name: string) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const check = ((data: unknown) => {
    const record = data as Record<string, unknown>;
    const errors: ErrorObject[] = [];
    for (const f of info.fields) {
      const v = record[f.name];
      if (v === undefined) {
        if (!f.optional) errors.push({ keyword: 'required', instancePath: '', schemaPath: '#/required', params: { missingProperty: f.name } });
      } else if (!fitsType(f.type, v)) {
        errors.push({ keyword: 'type', instancePath: pointer(f.name), schemaPath: `#/properties${pointer(f.name)}`, params: {} });
      }
    }
    check.errors = errors.length === 0 ? null : errors;
    return errors.length === 0;
  }) as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return check;
}

function messageFor(
  e: ErrorObject,
  record: TypedRecord,
  byName: Map<string, FieldInfo>,
): { field: string; text: string } | undefined {
  if (e.keyword === 'required') {
    const field = String((e.params as { missingProperty?: unknown }).missingProperty ?? '');
    return { field, text: missingMessage(field) };
  }
  const segment = e.instancePath.split('/')[1];
  if (segment === undefined) return undefined;
  const field = unescapePointer(segment);
  const f = byName.get(field);
  if (!f) return undefined;
  const v = record[field];
  const numeric = f.type.kind === 'number' || f.type.kind === 'integer';
  const hint = numeric && typeof v === 'string' && /[.,]/.test(v) ? TEXT_SEPARATOR_HINT : '';
  return { field, text: `${field}: expected ${expectation(f)}, ${foundJson(v, f.personal)}${hint}` };
}

/**
 * Why `"1.000"` or `"2,5"` is not read for a number field in JSON. A JSON string says nothing of
 * the locale that wrote it: `1.000` is one thousand in Danish and one in English, `2,500` the
 * other way round, and §7 never reads a number with a separator that could be the other kind.
 * A JSON number has one meaning, and digits alone have one too.
 */
const TEXT_SEPARATOR_HINT =
  " — in text, '.' and ',' could each be a decimal or a thousands separator (1.000 is a thousand in Danish): write the number as a JSON number (2.5, 1000), not as text";

function idOf(record: TypedRecord, key: string | undefined): string | null {
  if (key === undefined) return null;
  const v = record[key];
  return v === undefined ? null : String(v);
}

// ---------------------------------------------------------------- CSV cells

export interface CsvReaderOptions {
  /** Accept `3,5` for number fields (as Danish Excel writes them with `;` separators). */
  decimalComma?: boolean;
}

export interface CsvReader {
  /** Problems with the header, once (unknown columns, fields without a column). */
  warnings: string[];
  /** Coerces one row of cells; never throws. */
  read(cells: readonly string[]): CoercedRecord | InvalidRecord;
  /**
   * The `id` of a row the CSV reader found malformed, from its readable cells (the first ones, in
   * their columns): the key cell's value when the key's column is among them and its value fits the
   * key's type, else null (LANGUAGE.md §10).
   */
  keyOf(cells: readonly string[]): string | null;
}

/** Returned by a coercer for a cell that does not fit. */
const BAD: unique symbol = Symbol('bad');
type Coercer = (cell: string) => TypedValue | typeof BAD;

function parseBoolean(c: string): boolean | typeof BAD {
  switch (c) {
    case 'ja':
    case '1':
    case 'true':
    case 't':
    case 'yes':
      return true;
    case 'nej':
    case '0':
    case 'false':
    case 'f':
    case 'no':
      return false;
    default: {
      const lower = c.toLowerCase();
      return lower === c ? BAD : parseBoolean(lower);
    }
  }
}

const INTEGER = /^[+-]?\d+$/;
/** A number where the decimal separator is `.` (`,`-separated CSV; NDJSON text takes digits only: `textCoercer`). */
const NUMBER_POINT = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
/**
 * A number where the decimal separator is `,` (`;`-separated CSV, LANGUAGE.md §7). A `.` is never
 * read there: `1.000` and `2.500` are Danish thousands, and reading them as 1 and 2.5 would be
 * wrong by a factor of a thousand (see `separatorHint`).
 */
const NUMBER_COMMA = /^[+-]?(?:\d+(?:,\d+)?|,\d+)$/;
/** Digits in groups split by a space, a no-break space or an apostrophe: `1 000`, `1'000`. */
const DIGIT_GROUPS = /\d[ \u00a0\u202f'’]\d/;

/**
 * Why a number cell that did not read is not read, when it is a separator (only ever computed for
 * a cell that failed, so the common path pays nothing). Never quotes the cell.
 */
function separatorHint(cell: string, decimalComma: boolean): string {
  if (decimalComma && cell.includes('.')) {
    return " — '.' is not the decimal separator here (it is ',': 2,5), and a number is written without thousands separators (1000, not 1.000)";
  }
  if (!decimalComma && cell.includes(',')) {
    return " — ',' is not the decimal separator here (it is '.': 2.5), and a number is written without thousands separators (1000, not 1,000)";
  }
  if (DIGIT_GROUPS.test(cell)) return ' — a number is written without thousands separators (1000, not 1 000)';
  return '';
}

/** Digits with an optional sign, read without a regular expression (this is the 1M-row path). */
function parseInteger(c: string): number | typeof BAD {
  const n = c.length;
  let i = 0;
  const first = c.charCodeAt(0);
  if (first === 43 || first === 45) i = 1;
  if (i === n) return BAD;
  if (n - i > 15) {
    // Long numbers the slow way, so that precision loss is caught.
    const v = INTEGER.test(c) ? Number(c) : NaN;
    return Number.isSafeInteger(v) ? v : BAD;
  }
  let v = 0;
  for (; i < n; i++) {
    const d = c.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return BAD;
    v = v * 10 + d;
  }
  return first === 45 ? -v : v;
}

/**
 * The coercion of a number or boolean written as a JSON string: booleans as in CSV; an integer or
 * a number only as digits with an optional sign (`"3"`, `"-4"`), since a `.` or `,` in text could
 * be either separator (TEXT_SEPARATOR_HINT). JSON numbers are not coerced: they are numbers.
 */
function textCoercer(t: FieldType): Coercer {
  if (t.kind !== 'number') return coercer(t, false);
  return (c) => {
    if (!INTEGER.test(c)) return BAD;
    const n = Number(c);
    return Number.isFinite(n) && inRange(n, t) ? n : BAD;
  };
}

function inRange(n: number, t: { min?: number; max?: number }): boolean {
  return (t.min === undefined || n >= t.min) && (t.max === undefined || n <= t.max);
}

function coercer(t: FieldType, decimalComma: boolean): Coercer {
  switch (t.kind) {
    case 'text':
      return (c) => c;
    case 'boolean':
      return parseBoolean;
    case 'date':
      return (c) => (isRealDate(c) ? c : BAD);
    case 'integer':
      return (c) => {
        const n = parseInteger(c);
        return n !== BAD && inRange(n, t) ? n : BAD;
      };
    case 'number': {
      if (decimalComma) {
        return (c) => {
          if (!NUMBER_COMMA.test(c)) return BAD;
          const n = Number(c.replace(',', '.'));
          return Number.isFinite(n) && inRange(n, t) ? n : BAD;
        };
      }
      return (c) => {
        if (!NUMBER_POINT.test(c)) return BAD;
        const n = Number(c);
        return Number.isFinite(n) && inRange(n, t) ? n : BAD;
      };
    }
    case 'enum': {
      const values = new Set(t.values);
      return (c) => (values.has(c) ? c : BAD);
    }
    default:
      return assertNever(t);
  }
}

function foundCell(cell: string, f: FieldInfo, decimalComma: boolean): string {
  if (f.personal) return `found text ${WITHHELD}`;
  if (looksLikeCpr(cell)) return `found ${CPR_WITHHELD}`;
  // A number that parsed but lies outside the range reads better unquoted (`found 7`).
  const numeric = f.type.kind === 'integer' || f.type.kind === 'number';
  if (numeric && (decimalComma ? NUMBER_COMMA : NUMBER_POINT).test(cell)) return `found ${cell}`;
  return `found ${quote(cell)}`;
}

function trimCell(c: string): string {
  const n = c.length;
  return n > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(n - 1) <= 32 || c.charCodeAt(n - 1) === 0xa0 || c.charCodeAt(0) === 0xa0)
    ? c.trim()
    : c;
}

/**
 * A reader for CSV rows with this header: columns are matched to fields once, each field's coercion
 * is built once. Cells are trimmed; an empty cell is missing. A required field without a column
 * makes every row invalid (with that reason) and is also reported once as a warning.
 */
export function csvReader(
  info: RecordInfo,
  shape: RecordShape,
  header: readonly string[],
  options: CsvReaderOptions = {},
  codegen = true,
): CsvReader {
  const decimalComma = options.decimalComma === true;
  const columns = header.map((h, i) => trimCell(i === 0 ? h.replace(/^\uFEFF/, '') : h));
  const warnings: string[] = [];
  const byName = new Map(info.fields.map((f) => [f.name, f]));

  const unknown = [...new Set(columns.filter((c) => !byName.has(c)))];
  const some = unknown.length === 1 ? 'a column' : `${unknown.length} columns`;
  if (unknown.length > 0 && unknown.length === columns.length && info.fields.length > 0) {
    // Most likely a file without a header: its first row is data, so its cells are not repeated.
    warnings.push(
      `no column of the header names a field of the record (expected a header row with ${info.fields.map((f) => f.name).join(', ')}); ignoring ${some}`,
    );
  } else if (unknown.length > 0) {
    const names = unknown.map((c) => (looksLikeCpr(c) ? '(a name that looks like a CPR number, withheld)' : JSON.stringify(c)));
    warnings.push(`ignoring ${some} not in the record declaration: ${names.join(', ')}`);
  }
  const repeated = [...new Set(columns.filter((c, i) => byName.has(c) && columns.indexOf(c) !== i))];
  for (const c of repeated) warnings.push(`column ${JSON.stringify(c)} appears more than once; the first one is read`);

  const plans: Plan[] = [];
  for (const f of info.fields) {
    const column = columns.indexOf(f.name);
    if (column < 0) {
      warnings.push(
        f.optional
          ? `no column for optional field ${JSON.stringify(f.name)}: it is missing in every row`
          : `no column for required field ${JSON.stringify(f.name)}: every row is invalid`,
      );
    }
    const expected = expectation(f);
    const numeric = f.type.kind === 'number' || f.type.kind === 'integer';
    plans.push({
      field: f,
      column,
      coerce: coercer(f.type, decimalComma),
      invalid: (cell) => `${f.name}: expected ${expected}, ${foundCell(cell, f, decimalComma)}${numeric ? separatorHint(cell, decimalComma) : ''}`,
    });
  }
  const keyPlan = plans.find((p) => p.field.key && p.column >= 0);
  const keyOf = (cells: readonly string[]): string | null => {
    if (!keyPlan || keyPlan.column >= cells.length) return null;
    const cell = trimCell(cells[keyPlan.column]!);
    if (cell === '') return null;
    const v = keyPlan.coerce(cell);
    return v === BAD || v === undefined ? null : String(v);
  };
  const read = codegen ? generatedReader(plans, columns.length, info.keyField, shape) : closureReader(plans, columns.length, info.keyField, shape);
  return { warnings, read, keyOf };
}

interface Plan {
  field: FieldInfo;
  column: number;
  coerce: Coercer;
  invalid: (cell: string) => string;
}

/**
 * The row reader as straight-line code, one block per field: each coercer has its own call site
 * and each store a constant name, so V8 keeps both monomorphic. Field names are embedded with
 * JSON.stringify; cells are only ever passed to the coercers.
 */
function generatedReader(
  plans: readonly Plan[],
  width: number,
  key: string | undefined,
  shape: RecordShape,
): (cells: readonly string[]) => CoercedRecord | InvalidRecord {
  const lines: string[] = [
    'return function read(cells) {',
    'const r = create();',
    'let errors, keyBad = false, c, v;',
    `if (cells.length !== ${width}) (errors || (errors = [])).push(size(cells.length));`,
  ];
  plans.forEach((p, i) => {
    const name = JSON.stringify(p.field.name);
    const onBad = p.field.key ? ' keyBad = true;' : '';
    const missing = p.field.optional ? '' : `(errors || (errors = [])).push(${JSON.stringify(missingMessage(p.field.name))});${onBad}`;
    if (p.column < 0) {
      lines.push(missing);
      return;
    }
    const t = p.field.type;
    const bad = `(errors || (errors = [])).push(E${i}(c));${onBad}`;
    lines.push(
      `c = cells[${p.column}];`,
      `if (c === undefined) c = ''; else if (c !== '') c = trim(c);`,
      `if (c === '') { ${missing} }`,
      t.kind === 'enum'
        ? // A switch over the few values compares the cell in place; a Set would hash every fresh cell.
          `else switch (c) { ${t.values.map((v) => `case ${JSON.stringify(v)}:`).join(' ')} r[${name}] = c; break; default: ${bad} }`
        : t.kind === 'integer'
          ? `else { v = INT(c); if (v === BAD${t.min === undefined ? '' : ` || v < ${t.min}`}${t.max === undefined ? '' : ` || v > ${t.max}`}) { ${bad} } else r[${name}] = v; }`
          : `else { v = K${i}(c); if (v === BAD) { ${bad} } else r[${name}] = v; }`,
    );
  });
  const keyName = key === undefined ? undefined : JSON.stringify(key);
  lines.push(
    keyName === undefined ? 'const id = null;' : `const id = keyBad || r[${keyName}] === undefined ? null : String(r[${keyName}]);`,
    'return errors === undefined ? { ok: true, id, record: r } : { ok: false, id, errors };',
    '};',
  );
  const names = ['create', 'trim', 'size', 'BAD', 'INT', ...plans.flatMap((_, i) => [`K${i}`, `E${i}`])];
  const values = [
    shape.create,
    trimCell,
    (n: number) => `row: has ${n} ${n === 1 ? 'cell' : 'cells'}, the header has ${width}`,
    BAD,
    parseInteger,
    ...plans.flatMap((p) => [p.coerce, p.invalid]),
  ];
  return new Function(...names, `'use strict';\n${lines.join('\n')}`)(...values) as (
    cells: readonly string[],
  ) => CoercedRecord | InvalidRecord;
}

/** `generatedReader` without code generation: the same checks in the same order, as a loop. */
function closureReader(
  plans: readonly Plan[],
  width: number,
  key: string | undefined,
  shape: RecordShape,
): (cells: readonly string[]) => CoercedRecord | InvalidRecord {
  const steps = plans.map((p) => {
    const t = p.field.type;
    const enumValues = t.kind === 'enum' ? new Set(t.values) : undefined;
    const integer = t.kind === 'integer' ? t : undefined;
    return { p, name: p.field.name, isKey: p.field.key, required: !p.field.optional, missing: missingMessage(p.field.name), enumValues, integer };
  });
  return (cells) => {
    const r = shape.create();
    let errors: string[] | undefined;
    let keyBad = false;
    if (cells.length !== width) (errors ??= []).push(`row: has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}, the header has ${width}`);
    for (const step of steps) {
      const p = step.p;
      let c = p.column < 0 ? '' : cells[p.column];
      if (c === undefined) c = '';
      else if (c !== '') c = trimCell(c);
      if (c === '') {
        if (step.required) {
          (errors ??= []).push(step.missing);
          if (step.isKey) keyBad = true;
        }
        continue;
      }
      let v: TypedValue | typeof BAD;
      if (step.enumValues) v = step.enumValues.has(c) ? c : BAD;
      else if (step.integer) {
        const i = step.integer;
        v = parseInteger(c);
        if (v !== BAD && ((i.min !== undefined && v < i.min) || (i.max !== undefined && v > i.max))) v = BAD;
      } else v = p.coerce(c);
      if (v === BAD) {
        (errors ??= []).push(p.invalid(c));
        if (step.isKey) keyBad = true;
      } else r[step.name] = v;
    }
    const id = key === undefined ? null : keyBad || r[key] === undefined ? null : String(r[key]);
    return errors === undefined ? { ok: true, id, record: r } : { ok: false, id, errors };
  };
}
