// The record declaration as data: field info, a JSON Schema (draft 2020-12) validated with ajv, and
// coercion of CSV cells (LANGUAGE.md §7). Every reader returns a fixed-shape record whose prototype
// is an empty null-prototype object, so evaluation reads only declared, own fields.
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { assertNever, type CheckedFile, type FieldDeclaration, type Unit } from '@visit/dsl';
import { isRealDate } from './calendar';

// ---------------------------------------------------------------- field info

/** The type of a value that is not a list: every field of a list's elements has one. */
export type ScalarType =
  | { kind: 'text' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'integer' | 'number'; min?: number; max?: number; unit?: Unit }
  | { kind: 'enum'; values: readonly string[] };

/**
 * A list field (LANGUAGE.md §12): its elements' fields, in declaration order. `period` when the
 * element has `start: date` and `end: date` (a missing `end` = still running; an `end` before its
 * `start` makes the element invalid).
 */
export interface ListType {
  kind: 'list';
  fields: readonly ElementFieldInfo[];
  period: boolean;
}

export type FieldType = ScalarType | ListType;

export interface FieldInfo {
  name: string;
  label: string | null;
  type: FieldType;
  optional: boolean;
  key: boolean;
  personal: boolean;
}

/** A field of a list's elements: a scalar type; `optional` and `personal` as for record fields. */
export interface ElementFieldInfo {
  name: string;
  label: string | null;
  type: ScalarType;
  optional: boolean;
  personal: boolean;
}

export interface RecordInfo {
  /** The record's declared name (`Citizen`), or null when the file declares none. */
  name: string | null;
  fields: readonly FieldInfo[];
  /** The `key` field's name, if one is declared. */
  keyField: string | undefined;
}

/** A record as the evaluator reads it: declared fields only; missing = undefined. A list field
 *  (§12) holds its elements, each a null-prototype object with the element's declared fields. */
export type TypedScalar = string | number | boolean | undefined;
export type TypedElement = Record<string, TypedScalar>;
export type TypedValue = TypedScalar | readonly TypedElement[];
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
  if (t.kind === 'ListType') {
    const fields = t.fields.map((d): ElementFieldInfo => {
      const has = (m: string) => d.modifiers.some((x) => x.modifier === m);
      const type = fieldType(d);
      // Nested lists are a check error (§12); a file with errors never reaches the engine.
      if (type.kind === 'list') throw new Error(`internal error: a list inside the list ${decl.name.text}`);
      return { name: d.name.text, label: d.label?.value ?? null, type, optional: has('optional'), personal: has('personal') };
    });
    const start = fields.find((f) => f.name === 'start');
    const end = fields.find((f) => f.name === 'end');
    return { kind: 'list', fields, period: start?.type.kind === 'date' && end?.type.kind === 'date' };
  }
  return scalarType(t);
}

function scalarType(t: Exclude<FieldDeclaration['type'], { kind: 'ListType' }>): ScalarType {
  switch (t.kind) {
    case 'EnumType':
      return { kind: 'enum', values: t.values.map((v) => v.text) };
    case 'PrimitiveType': {
      if (t.name !== 'integer' && t.name !== 'number') return { kind: t.name };
      const out: ScalarType = { kind: t.name };
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
    case 'list': {
      // Element keys that are no field are allowed (warned about once by `visit screen`, as
      // unknown record keys are); empty values are missing, as in records.
      const properties: Record<string, JsonSchema> = {};
      for (const f of t.fields) {
        const p = propertySchema(f.type);
        if (f.label !== null) p.description = f.label;
        properties[f.name] = p;
      }
      return { type: 'array', items: { type: 'object', properties, required: t.fields.filter((f) => !f.optional).map((f) => f.name) } };
    }
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
export function expectation(f: { type: FieldType }): string {
  const t = f.type;
  switch (t.kind) {
    case 'list':
      return 'a list of objects';
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
    list: field.type.kind === 'list' ? elementReader(field.name, field.type) : undefined,
  }));

  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, id: null, errors: [`record: expected a JSON object, found ${jsonKind(input)}`] };
    }
    const record = shape.create();
    let listBad: Map<string, string[]> | undefined;
    for (const { field, fromText, list } of plans) {
      if (!hasOwn.call(input, field.name)) continue;
      let v: unknown = (input as Record<string, unknown>)[field.name];
      if (v === null || v === undefined) continue;
      if (list) {
        // A list (§12): its elements read and checked here, each reason naming the element.
        const read = list(v);
        if (read.errors.length > 0) (listBad ??= new Map()).set(field.name, read.errors);
        if (read.elements) (record as Record<string, unknown>)[field.name] = read.elements;
        continue;
      }
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
    if (validate(record) && listBad === undefined) return { ok: true, id: idOf(record, key), record };

    const bad = new Map<string, string>();
    for (const e of validate.errors ?? []) {
      const message = messageFor(e, record, byName);
      if (message && !bad.has(message.field)) bad.set(message.field, message.text);
    }
    // Declaration order, one reason per field; a list's reasons are its elements', in their order.
    const errors: string[] = [];
    for (const f of info.fields) {
      const listed = listBad?.get(f.name);
      if (listed) errors.push(...listed);
      else if (bad.has(f.name)) errors.push(bad.get(f.name)!);
    }
    for (const [field, text] of bad) if (!byName.has(field)) errors.push(text);
    if (errors.length === 0) errors.push('record: does not fit the record declaration');
    const id = key !== undefined && !bad.has(key) ? idOf(record, key) : null;
    return { ok: false, id, errors };
  };
}

/** The property schema of `propertySchema(type)` as a test (ajv's semantics with strictNumbers). */
function fitsType(t: FieldType, v: unknown): boolean {
  switch (t.kind) {
    case 'list':
      return (
        Array.isArray(v) &&
        v.every(
          (e) =>
            typeof e === 'object' &&
            e !== null &&
            !Array.isArray(e) &&
            t.fields.every((f) => {
              const x = (e as Record<string, unknown>)[f.name];
              return x === undefined ? f.optional : fitsType(f.type, x);
            }),
        )
      );
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
    // Inside a list's element (`/forløb/0`): reported by `elementReader`.
    if (e.instancePath !== '') return undefined;
    const field = String((e.params as { missingProperty?: unknown }).missingProperty ?? '');
    return { field, text: missingMessage(field) };
  }
  const segment = e.instancePath.split('/')[1];
  if (segment === undefined) return undefined;
  const field = unescapePointer(segment);
  const f = byName.get(field);
  // A list's elements are reported by `elementReader`, element by element.
  if (!f || f.type.kind === 'list') return undefined;
  const v = record[field];
  const numeric = f.type.kind === 'number' || f.type.kind === 'integer';
  const hint = numeric && typeof v === 'string' && /[.,]/.test(v) ? TEXT_SEPARATOR_HINT : '';
  return { field, text: `${field}: expected ${expectation(f)}, ${foundJson(v, f.personal)}${hint}` };
}

/** A list's value in JSON read into elements: `elements` when it is an array, and every reason. */
export interface ListRead {
  elements: TypedElement[] | undefined;
  errors: string[];
}

/**
 * Reads a list written in JSON (an NDJSON line's array of objects, §12): each element becomes a
 * null-prototype object with the element's declared fields, values written as text read as in
 * records (`"3"`, `"ja"`, trimmed; `""` and `null` missing). Reasons name the list, the element
 * (1-based) and the field, in the style of the record's (`forløb[3].start: expected a date …`),
 * and never a personal field's value. Keys that are no field are ignored (`visit screen` warns).
 */
export function elementReader(list: string, t: ListType): (v: unknown) => ListRead {
  const plans = t.fields.map((field) => ({
    field,
    fromText: field.type.kind === 'boolean' || field.type.kind === 'integer' || field.type.kind === 'number' ? textCoercer(field.type) : undefined,
  }));
  const hasOwn = Object.prototype.hasOwnProperty;
  const start = t.period ? t.fields.find((f) => f.name === 'start')! : undefined;
  const end = t.period ? t.fields.find((f) => f.name === 'end')! : undefined;
  return (v) => {
    if (!Array.isArray(v)) return { elements: undefined, errors: [`${list}: expected a list of objects, found ${jsonKind(v)}`] };
    const errors: string[] = [];
    const elements: TypedElement[] = new Array<TypedElement>(v.length);
    for (let i = 0; i < v.length; i++) {
      const input: unknown = v[i];
      const at = `${list}[${i + 1}]`;
      const element = Object.create(null) as TypedElement;
      elements[i] = element;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        errors.push(`${at}: expected an object, found ${jsonKind(input)}`);
        continue;
      }
      let fine = true;
      for (const { field, fromText } of plans) {
        let x: unknown = hasOwn.call(input, field.name) ? (input as Record<string, unknown>)[field.name] : undefined;
        if (typeof x === 'string') {
          x = trimCell(x);
          if (x !== '' && fromText) {
            const c = fromText(x as string);
            if (c !== BAD) x = c;
          }
        } else if (field.type.kind === 'boolean' && (x === 1 || x === 0)) x = x === 1;
        if (x === null || x === undefined || x === '') {
          element[field.name] = undefined;
          if (!field.optional) {
            errors.push(missingMessage(`${at}.${field.name}`));
            fine = false;
          }
          continue;
        }
        if (!fitsType(field.type, x)) {
          const numeric = field.type.kind === 'number' || field.type.kind === 'integer';
          const hint = numeric && typeof x === 'string' && /[.,]/.test(x) ? TEXT_SEPARATOR_HINT : '';
          errors.push(`${at}.${field.name}: expected ${expectation(field)}, ${foundJson(x, field.personal)}${hint}`);
          element[field.name] = undefined;
          fine = false;
          continue;
        }
        element[field.name] = x as TypedScalar;
      }
      if (fine && start && end) {
        const problem = periodProblem(element[start.name], element[end.name], start.personal || end.personal);
        if (problem) errors.push(`${at}: ${problem}`);
      }
    }
    return { elements, errors };
  };
}

/** Why a period's `end` does not fit its `start` (`end 2025-01-01 is before start 2025-03-01`), or undefined. */
export function periodProblem(start: TypedScalar, end: TypedScalar, personal: boolean): string | undefined {
  if (typeof start !== 'string' || typeof end !== 'string' || end >= start) return undefined;
  return personal ? `end is before start ${WITHHELD}` : `end ${end} is before start ${start}`;
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
  /**
   * List fields (§12) whose elements are joined into each record after it is read (`visit screen
   * --list NAME=FILE`): not missing here. A list is never read from a column; a list field not
   * named here is missing in every row (a required one makes every row invalid), with a warning.
   */
  joinedLists?: readonly string[];
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
/**
 * Digits in groups split by a space, a no-break space or an apostrophe: `1 000`, `1'000`. (’ written
 * as \u2019: the `visit` bundle stays all ASCII, which it loads faster; scripts/build.mjs.)
 */
const DIGIT_GROUPS = /\d[ \u00a0\u202f'\u2019]\d/;

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

const COMMA = 44;
const POINT = 46;
/** 10^0 … 10^22: every one exactly a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * A decimal number read from character codes (the 1M-row path: no regular expression, no
 * `replace`, no string made). `separator` is the decimal separator's code: 44 (`,`, where cells
 * are `;`-separated) or 46 (`.`). Accepts exactly NUMBER_COMMA or NUMBER_POINT: an optional sign,
 * then digits with at most one separator that has a digit after it (`12`, `12,5`, `,5`, not `12,`,
 * `1,2,3`, `1.000` where `,` is the separator, `1e3`, ` 1`, `٣`), and gives the value `Number()`
 * gives the same text with a `.` (−0 for `-0`); NaN for any other text. The digits as one
 * integer m and the number of digits after the separator k: when m ≤ 2^53 − 1 and k ≤ 22, m and
 * 10^k are exact and m / 10^k is one correctly rounded division, so the value is the correctly
 * rounded one, as `Number()`'s. Longer numbers go to `Number()` (the text is already checked).
 * packages/engine/test/records-number-scanner.test.ts holds the regular expressions as the oracle.
 */
export function parseDecimal(c: string, separator: number): number {
  const n = c.length;
  let i = 0;
  const first = c.charCodeAt(0);
  if (first === 43 || first === 45) i = 1;
  const start = i;
  let at = -1;
  let m = 0;
  for (; i < n; i++) {
    const code = c.charCodeAt(i);
    const d = code - 48;
    if (d >= 0 && d <= 9) m = m * 10 + d;
    else if (code === separator && at < 0) at = i;
    else return NaN;
  }
  let k = 0;
  if (at < 0) {
    if (n === start) return NaN; // no digits (empty, or a sign alone)
  } else {
    k = n - at - 1;
    if (k === 0) return NaN; // `12,`: no digit after the separator
  }
  let v: number;
  if (m <= Number.MAX_SAFE_INTEGER && k <= 22) v = k === 0 ? m : m / POWERS_OF_TEN[k]!;
  else return Number(separator === COMMA ? c.replace(',', '.') : c);
  return first === 45 ? -v : v;
}

/**
 * The coercion of a number or boolean written as a JSON string: booleans as in CSV; an integer or
 * a number only as digits with an optional sign (`"3"`, `"-4"`), since a `.` or `,` in text could
 * be either separator (TEXT_SEPARATOR_HINT). JSON numbers are not coerced: they are numbers.
 */
function textCoercer(t: ScalarType): Coercer {
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

function coercer(t: ScalarType, decimalComma: boolean): Coercer {
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
      const separator = decimalComma ? COMMA : POINT;
      return (c) => {
        const n = parseDecimal(c, separator);
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
  const joined = new Set(options.joinedLists ?? []);
  for (const f of info.fields) {
    if (f.type.kind === 'list') {
      if (columns.includes(f.name)) warnings.push(`column ${JSON.stringify(f.name)} is ignored: a list field is read from a second CSV (--list ${f.name}=FILE), not from a column`);
      if (joined.has(f.name)) continue;
      warnings.push(
        f.optional
          ? `no list file for optional list field ${JSON.stringify(f.name)} (--list ${f.name}=FILE): it is missing in every row`
          : `no list file for required list field ${JSON.stringify(f.name)} (--list ${f.name}=FILE): every row is invalid`,
      );
      if (!f.optional) plans.push({ field: f, type: { kind: 'text' }, column: -1, coerce: () => BAD, invalid: () => missingMessage(f.name) });
      continue;
    }
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
      type: f.type,
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
  const read = codegen ? generatedReader(plans, columns.length, info.keyField, shape, decimalComma) : closureReader(plans, columns.length, info.keyField, shape);
  return { warnings, read, keyOf };
}

interface Plan {
  field: FieldInfo;
  /** The field's type (a list field here is one without a column: always missing). */
  type: ScalarType;
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
  decimalComma: boolean,
): (cells: readonly string[]) => CoercedRecord | InvalidRecord {
  const decimalSeparator = decimalComma ? COMMA : POINT;
  const lines: string[] = [
    'return function read(cells) {',
    'const r = create();',
    'let errors, keyBad = false, c, v, n, a, z;',
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
    const t = p.type;
    const bad = `(errors || (errors = [])).push(E${i}(c));${onBad}`;
    const range = (t.kind === 'integer' || t.kind === 'number' ? [t.min === undefined ? '' : ` || v < ${t.min}`, t.max === undefined ? '' : ` || v > ${t.max}`] : []).join('');
    lines.push(
      `c = cells[${p.column}];`,
      // trimCell, in place (a call per cell was a tenth of the reader's time).
      `if (c === undefined) c = ''; else if (c !== '') { n = c.length; a = c.charCodeAt(0); z = c.charCodeAt(n - 1); if (a <= 32 || z <= 32 || z === 160 || a === 160) c = c.trim(); }`,
      `if (c === '') { ${missing} }`,
      t.kind === 'enum'
        ? // A switch over the few values compares the cell in place; a Set would hash every fresh cell.
          `else switch (c) { ${t.values.map((v) => `case ${JSON.stringify(v)}:`).join(' ')} r[${name}] = c; break; default: ${bad} }`
        : t.kind === 'integer'
          ? `else { v = INT(c); if (v === BAD${range}) { ${bad} } else r[${name}] = v; }`
          : t.kind === 'number'
            ? // parseDecimal, then Number.isFinite (v - v is 0 only for a finite number) and the range.
              `else { v = DEC(c, ${decimalSeparator}); if (v - v !== 0${range}) { ${bad} } else r[${name}] = v; }`
            : t.kind === 'boolean'
              ? // parseBoolean's own spellings in place; any other (other case, or not a boolean) through it.
                `else switch (c) { case 'ja': case '1': case 'true': case 't': case 'yes': r[${name}] = true; break; case 'nej': case '0': case 'false': case 'f': case 'no': r[${name}] = false; break; default: v = BOOL(c); if (v === BAD) { ${bad} } else r[${name}] = v; }`
              : t.kind === 'date'
                ? `else if (DATE(c)) r[${name}] = c; else { ${bad} }`
                : `else { v = K${i}(c); if (v === BAD) { ${bad} } else r[${name}] = v; }`,
    );
  });
  const keyName = key === undefined ? undefined : JSON.stringify(key);
  lines.push(
    keyName === undefined ? 'const id = null;' : `const id = keyBad || r[${keyName}] === undefined ? null : String(r[${keyName}]);`,
    'return errors === undefined ? { ok: true, id, record: r } : { ok: false, id, errors };',
    '};',
  );
  const names = ['create', 'size', 'BAD', 'INT', 'DEC', 'BOOL', 'DATE', ...plans.flatMap((_, i) => [`K${i}`, `E${i}`])];
  const values = [
    shape.create,
    (n: number) => `row: has ${n} ${n === 1 ? 'cell' : 'cells'}, the header has ${width}`,
    BAD,
    parseInteger,
    parseDecimal,
    parseBoolean,
    isRealDate,
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
    const t = p.type;
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

// ---------------------------------------------------------------- list lines (CSV, §12)

/** One line of a list's long-form CSV, read: its key (as the record's `id` would read it) and its
 *  element (an object with the element's fields, and the key; its prototype has no members). */
export type ListLine =
  | { ok: true; key: string | null; element: TypedElement }
  /** `errors` are reasons without the list's name: `.start: expected …` or `: has 5 cells, …`;
   *  prefix them with `forløb[3]`. */
  | { ok: false; key: string | null; errors: string[] };

export interface ListLineReader {
  /** Problems with the header, once (unknown columns, element fields without a column). */
  warnings: string[];
  read(cells: readonly string[]): ListLine;
  /** The key of a line the CSV reader found malformed, where it can be read (as `CsvReader.keyOf`). */
  keyOf(cells: readonly string[]): string | null;
}

/**
 * A reader for the lines of list `list`'s long-form CSV (`--list forløb=forloeb.csv`): the key
 * column (the record's key field, by name), then the element's fields. Cells are read exactly as
 * in records (`csvReader`: trimmed, empty = missing, decimal comma where `;` separates), and a
 * period whose `end` is before its `start` is refused. Returns a string when the header has no
 * column for the key, or the record declares no key.
 */
export function listLineReader(
  info: RecordInfo,
  list: string,
  header: readonly string[],
  options: CsvReaderOptions = {},
  codegen = true,
): ListLineReader | string {
  const field = info.fields.find((f) => f.name === list);
  if (!field || field.type.kind !== 'list') return `${JSON.stringify(list)} is not a list field of the record`;
  const key = info.fields.find((f) => f.key);
  if (!key) return `the record declares no key field, so the lines of a list cannot be matched to records`;
  const t = field.type;
  if (t.fields.some((f) => f.name === key.name)) return `the elements of ${list} have a field named like the key field ${JSON.stringify(key.name)}`;
  const columns = header.map((h, i) => trimCell(i === 0 ? h.replace(/^\uFEFF/, '') : h));
  if (!columns.includes(key.name)) return `no column ${JSON.stringify(key.name)} (the record's key field) in the header`;
  const lineInfo: RecordInfo = {
    name: null,
    fields: [{ ...key, optional: false }, ...t.fields.map((f): FieldInfo => ({ ...f, key: false }))],
    keyField: key.name,
  };
  const shape = recordShape(lineInfo, codegen);
  const reader = csvReader(lineInfo, shape, header, options, codegen);
  const names = t.fields.map((f) => f.name);
  const fieldNames = new Set(names);
  const start = t.period ? t.fields.find((f) => f.name === 'start')! : undefined;
  const end = t.period ? t.fields.find((f) => f.name === 'end')! : undefined;
  const reason = (e: string): string => {
    const colon = e.indexOf(':');
    const name = colon < 0 ? '' : e.slice(0, colon);
    if (fieldNames.has(name)) return `.${e}`;
    if (name === 'row') return `: the line${e.slice(colon + 1)}`;
    return `: ${e}`;
  };
  return {
    warnings: reader.warnings,
    keyOf: reader.keyOf,
    read(cells) {
      const r = reader.read(cells);
      if (!r.ok) {
        // A reason about the key cell stays as it is (`cpr: missing (required)`): the line has no citizen.
        return { ok: false, key: r.id, errors: r.errors.filter((e) => !e.startsWith(`${key.name}:`)).map(reason) };
      }
      // The line's record (a fixed shape: the key and the element's fields) stands for the element.
      const element = r.record as TypedElement;
      if (start && end) {
        const problem = periodProblem(element[start.name], element[end.name], start.personal || end.personal);
        if (problem) return { ok: false, key: r.id, errors: [`: ${problem}`] };
      }
      return { ok: true, key: r.id, element };
    },
  };
}
