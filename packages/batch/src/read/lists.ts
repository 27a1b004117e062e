// Lists from second CSV files (LANGUAGE.md §12, `visit screen --list forløb=forloeb.csv`): the long
// form — the key column, then the element's fields, one line per element — read whole before the
// records, into a compact store that the row loop (and every worker thread) joins into each record
// by its key.
//
// Memory. A store holds no object per element: each element field is a column of a typed array
// (a date as the number yyyymmdd, an enum value or a boolean as a small code, a number as a double,
// text in one character pool), the elements of one key are chained in file order (`head`/`next`),
// and the keys sit in an open-addressing hash table over their characters. Every array is a
// SharedArrayBuffer where the host has one, so worker threads read the same memory (the plan is
// structured-cloned, and shared buffers are not copied). Elements become objects only for the
// record being screened. Measured by bench/lists.mjs.
//
// Errors. A malformed line (a bad cell, an `end` before its `start`, an unbalanced quote) takes its
// place in its key's list and makes the record invalid, naming the list, the element's position
// and the list file's line (`forløb[3].start: expected a date …, found "2025-13-01" (forloeb.csv
// line 17)`); a line whose key cannot be read belongs to no record and is counted in a warning.

import type { ListLineReader, RecordInfo, TypedElement, TypedScalar } from '@visit/engine';
import { isCsvRowError, openCsv, type CsvOptions } from './csv';
import { WINDOWS_1252_WARNING, type ByteSource } from './text';
import type { Lang } from '../report/kit';
import { headerWarnings } from '../summary/header';
import { summaryWords } from '../summary/words';

type Engine = typeof import('@visit/engine');

type ColumnKind = 'text' | 'boolean' | 'date' | 'integer' | 'number' | 'enum';

/** One list's store as plain data (structured-clone safe; the arrays shared where possible). */
export interface ListData {
  /** The list field's name. */
  name: string;
  /** The file as named on the command line (in reasons; never a value). */
  file: string;
  /** The list field is `optional`. */
  optional: boolean;
  fields: { name: string; kind: ColumnKind; values?: string[] }[];
  keyCount: number;
  elementCount: number;
  /** Hash slots: key index + 1, 0 empty; length a power of two. */
  table: Int32Array;
  /** The keys' characters, key k from keyStart[k] to keyStart[k + 1]. */
  keyChars: Uint16Array;
  keyStart: Int32Array;
  /** Per key, its first element, or -1 (only lines without a readable key: none). */
  head: Int32Array;
  /** Per element, the next of the same key, or -1. */
  next: Int32Array;
  /** Per element field: date yyyymmdd (0 missing), enum value index + 1 / boolean 1 false 2 true (0
   *  missing), text index + 1 into `texts` (0 missing): Int32Array; integer and number: Float64Array (NaN missing). */
  columns: (Int32Array | Float64Array)[];
  /** Text values: value t from textStart[t] to textStart[t + 1] in textChars. */
  textChars: Uint16Array;
  textStart: Int32Array;
  /** Per element: 1 when its line was malformed; its reasons are in `errors`. */
  bad: Uint8Array;
  /** Malformed elements: [element, reasons without the list name's prefix]. */
  errors: [number, string[]][];
  /** Per key: set to 1 once a record with that key was screened (any thread). */
  used: Uint8Array;
  /** Per key: its number of lines (for the count of lines that matched no record). */
  lineCount: Int32Array;
}

/** Why a list file could not be read (the run stops, exit 2). */
export interface ListFailure {
  ok: false;
  error: string;
}

export interface ListRead {
  ok: true;
  data: ListData;
  /** Header warnings (unknown columns, fields without a column), once, and lines without a readable key. */
  warnings: string[];
}

const Shared: typeof ArrayBuffer | typeof SharedArrayBuffer = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;

/** A growable typed array of one kind. */
class Grow<T extends Int32Array | Float64Array | Uint16Array | Uint8Array> {
  length = 0;
  constructor(
    public array: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.array.length) {
      const n = this.array.length;
      const bigger = this.make(n < 1 << 20 ? n * 2 : n + (n >> 1));
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = v;
  }
  /**
   * The values in a shared array of exactly their length; the growing array is let go at once, so
   * that copying the columns one by one never holds two copies of the whole store.
   */
  shared(): T {
    const bytes = this.array.BYTES_PER_ELEMENT;
    const out = new (this.array.constructor as new (b: ArrayBufferLike) => T)(new Shared(this.length * bytes));
    out.set(this.array.subarray(0, this.length) as unknown as ArrayLike<number>);
    this.array = this.make(0);
    this.length = 0;
    return out;
  }
}

const int32 = () => new Grow(new Int32Array(1024), (n) => new Int32Array(n));
const float64 = () => new Grow(new Float64Array(1024), (n) => new Float64Array(n));
const uint16 = () => new Grow(new Uint16Array(4096), (n) => new Uint16Array(n));
const uint8 = () => new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));

/** `s` as a string that shares no characters with a larger one (a flattened concatenation). */
function ownCopy(s: string): string {
  return `${s} `.slice(0, -1);
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `YYYY-MM-DD` (checked by the reader) as the number yyyymmdd, from its character codes. */
function dateCode(d: string): number {
  const c = (i: number) => d.charCodeAt(i) - 48;
  return c(0) * 10000000 + c(1) * 1000000 + c(2) * 100000 + c(3) * 10000 + c(5) * 1000 + c(6) * 100 + c(8) * 10 + c(9);
}

/** The number yyyymmdd as `YYYY-MM-DD`; one string per day (a history holds a few thousand days). */
const dateTexts = new Map<number, string>();
function dateText(c: number): string {
  let t = dateTexts.get(c);
  if (t === undefined) {
    const s = String(c).padStart(8, '0');
    t = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    if (dateTexts.size < 100_000) dateTexts.set(c, t);
  }
  return t;
}

/**
 * Reads list `name`'s long-form CSV (`file` names it in reasons) against the record declaration.
 * Never throws for bad data; rejects only when the bytes cannot be read.
 */
export async function readList(
  engine: Engine,
  info: RecordInfo,
  name: string,
  file: string,
  source: ByteSource,
  options: CsvOptions & { codegen?: boolean; lang?: Lang | undefined } = {},
): Promise<ListRead | ListFailure> {
  const field = info.fields.find((f) => f.name === name);
  if (!field) return { ok: false, error: `--list ${name}: the record has no field ${JSON.stringify(name)}` };
  if (field.type.kind !== 'list') return { ok: false, error: `--list ${name}: ${JSON.stringify(name)} is not a list field of the record` };
  const { codegen, lang, ...given } = options;
  const warn = given.onWarning;
  const csvOptions: CsvOptions = warn ? { ...given, onWarning: (m) => warn(m === WINDOWS_1252_WARNING ? summaryWords(lang).windows1252 : m) } : given;
  const opened = await openCsv(source, csvOptions);
  if (!opened.ok) return { ok: false, error: `--list ${name}: ${file}: ${opened.error}` };
  const reader = engine.listLineReader(info, name, opened.reader.header, { decimalComma: opened.reader.delimiter === ';' }, codegen !== false);
  if (typeof reader === 'string') return { ok: false, error: `--list ${name}: ${file}: ${reader}` };
  const fields = field.type.fields.map((f) => (f.type.kind === 'enum' ? { name: f.name, kind: f.type.kind, values: [...f.type.values] } : { name: f.name, kind: f.type.kind }));
  const store = new ListBuilder(name, file, field.optional, fields);
  let unkeyed = 0;
  let firstUnkeyed = 0;
  for await (const batch of opened.reader.batches()) {
    for (const entry of batch) {
      let key: string | null;
      let element: TypedElement | undefined;
      let errors: string[] | undefined;
      if (isCsvRowError(entry)) {
        key = entry.readable && entry.readable.length > 0 ? reader.keyOf(entry.readable) : null;
        errors = [`: ${entry.error}`];
      } else {
        const line = (reader as ListLineReader).read(entry.cells);
        key = line.key;
        if (line.ok) element = line.element;
        else errors = line.errors;
      }
      if (key === null) {
        if (unkeyed++ === 0) firstUnkeyed = entry.line;
        continue;
      }
      store.add(key, element, errors?.map((e) => `${e} (${file} line ${entry.line})`));
    }
  }
  const warnings = headerWarnings(reader.warnings, lang).map((w) => `${file}: ${w}`);
  if (unkeyed > 0) warnings.push(summaryWords(lang).listUnkeyed(file, unkeyed, firstUnkeyed));
  return { ok: true, data: store.finish(), warnings };
}

class ListBuilder {
  private readonly keys = new Map<string, number>();
  private readonly keyList: string[] = [];
  private readonly head = int32();
  private readonly tail = int32();
  private readonly lines = int32();
  private readonly next = int32();
  private readonly bad = uint8();
  private readonly errors: [number, string[]][] = [];
  private readonly columns: (Grow<Int32Array> | Grow<Float64Array>)[];
  private readonly enumCodes: (Map<string, number> | undefined)[];
  private readonly textChars = uint16();
  private readonly textStart = int32();
  private elements = 0;
  private lastKey: string | undefined;
  private lastIndex = -1;

  constructor(
    private readonly name: string,
    private readonly file: string,
    private readonly optional: boolean,
    private readonly fields: ListData['fields'],
  ) {
    this.columns = fields.map((f) => (f.kind === 'integer' || f.kind === 'number' ? float64() : int32()));
    this.enumCodes = fields.map((f) => (f.values ? new Map(f.values.map((v, i) => [v, i + 1])) : undefined));
    this.textStart.push(0);
  }

  add(key: string, element: TypedElement | undefined, errors: string[] | undefined): void {
    // Exports sorted by key (the usual case) repeat the previous line's key: no hash lookup then.
    let k = key === this.lastKey ? this.lastIndex : this.keys.get(key);
    const e = this.elements++;
    if (k === undefined) {
      k = this.keyList.length;
      // A cell may be a slice of the whole chunk of text it was read from: a copy of its own, so
      // that a million keys do not keep every chunk of the file alive (bench/lists.mjs, lines sorted by
      // key: peak RSS 921 -> 714 MB).
      const own = ownCopy(key);
      this.keys.set(own, k);
      this.keyList.push(own);
      this.head.push(e);
      this.tail.push(e);
      this.lines.push(1);
    } else {
      this.next.array[this.tail.array[k]!] = e;
      this.tail.array[k] = e;
      this.lines.array[k]!++;
    }
    this.lastKey = key;
    this.lastIndex = k;
    this.next.push(-1);
    this.bad.push(errors ? 1 : 0);
    if (errors) this.errors.push([e, errors]);
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const v = element === undefined ? undefined : element[f.name];
      const column = this.columns[i]!;
      if (f.kind === 'integer' || f.kind === 'number') column.push(typeof v === 'number' ? v : NaN);
      else if (v === undefined) column.push(0);
      else if (f.kind === 'date') column.push(dateCode(v as string));
      else if (f.kind === 'boolean') column.push(v === true ? 2 : 1);
      else if (f.kind === 'enum') column.push(this.enumCodes[i]!.get(v as string) ?? 0);
      else {
        const s = v as string;
        for (let c = 0; c < s.length; c++) this.textChars.push(s.charCodeAt(c));
        this.textStart.push(this.textChars.length);
        column.push(this.textStart.length - 1);
      }
    }
  }

  finish(): ListData {
    const keyCount = this.keyList.length;
    let size = 16;
    while (size < keyCount * 2) size *= 2;
    const table = new Int32Array(new Shared(size * 4));
    const keyStart = new Int32Array(new Shared((keyCount + 1) * 4));
    let chars = 0;
    for (let k = 0; k < keyCount; k++) chars += this.keyList[k]!.length;
    const keyChars = new Uint16Array(new Shared(chars * 2));
    let at = 0;
    for (let k = 0; k < keyCount; k++) {
      const key = this.keyList[k]!;
      keyStart[k] = at;
      for (let c = 0; c < key.length; c++) keyChars[at++] = key.charCodeAt(c);
      let slot = hash(key) & (size - 1);
      while (table[slot] !== 0) slot = (slot + 1) & (size - 1);
      table[slot] = k + 1;
    }
    keyStart[keyCount] = at;
    return {
      name: this.name,
      file: this.file,
      optional: this.optional,
      fields: this.fields,
      keyCount,
      elementCount: this.elements,
      table,
      keyChars,
      keyStart,
      head: this.head.shared(),
      next: this.next.shared(),
      columns: this.columns.map((c) => c.shared()),
      textChars: this.textChars.shared(),
      textStart: this.textStart.shared(),
      bad: this.bad.shared(),
      errors: this.errors,
      used: new Uint8Array(new Shared(keyCount)),
      lineCount: this.lines.shared(),
    };
  }
}


/** Joins lists into records by key; built from `ListData` on any thread. */
export class ListJoin {
  private readonly errors: Map<number, string[]>[];
  private readonly atomics: boolean;

  constructor(private readonly lists: readonly ListData[]) {
    this.errors = lists.map((l) => new Map(l.errors));
    this.atomics = typeof SharedArrayBuffer === 'function' && lists.some((l) => l.used.buffer instanceof SharedArrayBuffer);
  }

  /** The names of the joined lists (for the CSV reader's `joinedLists`). */
  get names(): string[] {
    return this.lists.map((l) => l.name);
  }

  private lookup(list: ListData, key: string): number {
    const mask = list.table.length - 1;
    let slot = hash(key) & mask;
    const { table, keyChars, keyStart } = list;
    for (;;) {
      const k = table[slot]! - 1;
      if (k < 0) return -1;
      const from = keyStart[k]!;
      if (keyStart[k + 1]! - from === key.length) {
        let same = true;
        for (let c = 0; c < key.length; c++) {
          if (keyChars[from + c] !== key.charCodeAt(c)) {
            same = false;
            break;
          }
        }
        if (same) return k;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Puts each list's elements for record `id` into `record` (an empty list when the key has no
   * lines); returns the reasons of malformed lines, in list and file order, or undefined. `id`
   * null (a record without its key): nothing can be matched, so an optional list is missing and a
   * required one makes the record invalid.
   */
  join(id: string | null, record: Record<string, unknown> | undefined): string[] | undefined {
    let reasons: string[] | undefined;
    if (id === null) {
      if (!record) return undefined;
      for (const list of this.lists) {
        if (!list.optional) (reasons ??= []).push(`${list.name}: missing (required; a record without its key matches no line of ${list.file})`);
      }
      return reasons;
    }
    for (let li = 0; li < this.lists.length; li++) {
      const list = this.lists[li]!;
      const k = this.lookup(list, id);
      if (k < 0) {
        if (record) record[list.name] = [];
        continue;
      }
      if (this.atomics) Atomics.store(list.used, k, 1);
      else list.used[k] = 1;
      const elements: TypedElement[] = [];
      const errors = this.errors[li]!;
      let position = 1;
      for (let e = list.head[k]!; e >= 0; e = list.next[e]!, position++) {
        if (list.bad[e] === 1) {
          for (const r of errors.get(e) ?? []) (reasons ??= []).push(`${list.name}[${position}]${r}`);
          continue;
        }
        if (!record || reasons) continue;
        elements.push(this.element(list, e));
      }
      if (record) record[list.name] = elements;
    }
    return reasons;
  }

  private element(list: ListData, e: number): TypedElement {
    const out = Object.create(null) as TypedElement;
    const fields = list.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const c = list.columns[i]![e]!;
      let v: TypedScalar;
      switch (f.kind) {
        case 'integer':
        case 'number':
          v = Number.isNaN(c) ? undefined : c;
          break;
        case 'date':
          v = c === 0 ? undefined : dateText(c);
          break;
        case 'boolean':
          v = c === 0 ? undefined : c === 2;
          break;
        case 'enum':
          v = c === 0 ? undefined : f.values![c - 1];
          break;
        case 'text':
          v = c === 0 ? undefined : String.fromCharCode(...list.textChars.subarray(list.textStart[c - 1]!, list.textStart[c]!));
          break;
        default:
          throw new Error(`unknown column kind ${String(f.kind satisfies never)}`);
      }
      out[f.name] = v;
    }
    return out;
  }

  /**
   * Once every record is screened (on every thread): per list, the lines whose key matched no
   * record, as one warning each (counts and the file name only).
   */
  unmatchedWarnings(lang?: Lang): string[] {
    const w = summaryWords(lang);
    const out: string[] = [];
    for (const list of this.lists) {
      let lines = 0;
      let keys = 0;
      for (let k = 0; k < list.keyCount; k++) {
        const used = this.atomics ? Atomics.load(list.used, k) : list.used[k];
        if (used === 0) {
          keys++;
          lines += list.lineCount[k]!;
        }
      }
      if (lines > 0) {
        out.push(w.listUnmatched(list.file, lines, list.name, keys));
      }
    }
    return out;
  }
}
