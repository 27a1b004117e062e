// One factory per diagnostic: the stable code, and a message that quotes the offending text and
// says what was expected. Tests, docs and the editor key on the codes.
//
// This is the English catalogue (`en`); messages.da.ts is the Danish one, with the same keys and
// parameters (`Catalogue` = typeof en). The checker and the parser pass data (names, numbers,
// types, small unions such as `ConditionContext`), never words: each catalogue words them itself.
// `messages` answers with the catalogue of the language in use (language.ts).
import type { Range, Unit } from '../ast';
import type { Diagnostic } from '../diagnostics';
import { approximately, describeType, singularOrPlural } from './describe';
import { nearest } from './suggest';
import type { Type } from './types';

export const err = (code: string, range: Range, message: string): Diagnostic => ({ code, severity: 'error', message, range });
export const warn = (code: string, range: Range, message: string): Diagnostic => ({ code, severity: 'warning', message, range });

/**
 * `d` with `didYouMean(s)` after its message and `s` as its suggestion (the text that replaces
 * `word` within `d.range`: a quick fix in the language service), when a candidate is near `word`.
 */
export const suggestWith = (didYouMean: (s: string) => string) => (d: Diagnostic, word: string, candidates: Iterable<string>): Diagnostic => {
  const s = nearest(word, candidates);
  return s === undefined ? d : { ...d, message: `${d.message}${didYouMean(s)}`, suggestion: { text: s, replaces: word } };
};
const suggest = suggestWith((s) => ` — did you mean '${s}'?`);

/**
 * Names that every JavaScript object answers to (the members of Object.prototype, as ECMAScript
 * and Annex B define them), and `prototype`. A field so named would be "present" in every record
 * for JSON Logic evaluators that read fields with `obj[name]` (json-logic-js walks the prototype),
 * so the compiled rules would disagree with the engine; they cannot be names at all. Written out
 * rather than read from the running engine, so that which files are valid does not depend on it.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  'prototype',
]);

/**
 * The screening output's own columns (LANGUAGE.md §10: `row,id,status`, with --explain `explain`,
 * with --as-of-field `asOf`, and `errors`); groups and programmes are columns beside them, so none
 * may take one of these names, in any case (spreadsheets match headers without regard to case).
 */
export const OUTPUT_COLUMNS: readonly string[] = ['row', 'id', 'status', 'asOf', 'errors', 'explain'];

/** The largest number a literal may be: beyond 2^53 − 1 not every whole number can be stored exactly. */
export const MAX_LITERAL = Number.MAX_SAFE_INTEGER;

// ------------------------------------------------------------------ the data messages are made of

/** Where a value must be a condition (`not-boolean`). */
export type ConditionContext =
  | { kind: 'group'; name: string }
  | { kind: 'line'; mode: 'require' | 'exclude' }
  | { kind: 'not' }
  | { kind: 'side'; op: string }
  | { kind: 'atLeastItem' }
  | { kind: 'where' };

/** Why a `number from A to B` range is invalid. */
export type BoundsProblem = { kind: 'order'; min: number; max: number } | { kind: 'integer' };

/** Why a date literal is not a day of the calendar (`month` 1–12). `hidden`: of a personal date, nothing is repeated. */
export type DateProblem =
  | { kind: 'format' }
  | { kind: 'month'; month: number }
  | { kind: 'days'; year: number; month: number; days: number }
  | { kind: 'hidden' };

/** What a name inside `L where …` reads that it may not. */
export type RecordReader = 'field' | 'group' | 'let';

/** What a function takes (`wrong-arguments`). */
export type ArgumentsExpected = { kind: 'dates'; count: 1 | 2 } | { kind: 'periods' } | { kind: 'list'; fn: string };

/** What a call was given instead (`wrong-arguments`). */
export type ArgumentsFound =
  | { kind: 'count'; n: number }
  | { kind: 'value'; text: string; type: Type }
  | { kind: 'notWindow'; text: string };

/** What a `given` value is, described, never quoted (`given-mismatch`). */
export type GivenFound =
  | { kind: 'type'; type: Type }
  | { kind: 'name' }
  | { kind: 'expression' }
  | { kind: 'fraction' }
  | { kind: 'outside' };

/** Why a param override does not fit its declaration (`declared`: the declaration's text). */
export type OverrideProblem =
  | { kind: 'tooLarge'; type: Type }
  | { kind: 'notLiteral'; type: Type }
  | { kind: 'mismatch'; type: Type; declared: string }
  | { kind: 'unparsed'; type: Type; declared: string };

/** The kind of a declaration, for messages. */
export type KindWord = 'record' | 'field' | 'let' | 'param' | 'group' | 'program';

/** A validity as written (`from 2017-01-01 until 2018-12-31`). */
export interface ValidityWords {
  from?: string;
  until?: string;
}

/** Days in force: `from`/`until` ISO days, absent for an open end. */
export interface DaySpan {
  from?: string;
  until?: string;
}

/** A parser's view of what it found: a token's text, or the end of the file. */
export type Found = { image: string } | { end: true };

// ------------------------------------------------------------------ English

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const typeWords = describeType;

const orList = (items: readonly string[]): string => {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
};

const contextWords = (c: ConditionContext): string => {
  switch (c.kind) {
    case 'group':
      return `group '${c.name}'`;
    case 'line':
      return `a ${c.mode} line`;
    case 'not':
      return `the operand of 'not'`;
    case 'side':
      return `each side of '${c.op}'`;
    case 'atLeastItem':
      return `each item of 'at least'`;
    case 'where':
      return `the condition after 'where'`;
  }
};

const dateWords = (p: DateProblem): string => {
  switch (p.kind) {
    case 'format':
      return 'expected YYYY-MM-DD with a two-digit month and day';
    case 'month':
      return `there is no month ${p.month}`;
    case 'days':
      return `${months[p.month - 1]} ${p.year} has ${p.days} days`;
    case 'hidden':
      return 'it is not a day of the calendar';
  }
};

const expectsWords = (x: ArgumentsExpected): string => {
  switch (x.kind) {
    case 'dates':
      return x.count === 1 ? 'one date' : 'two dates';
    case 'periods':
      return 'a list of periods and a window: time_in(L where c, last N unit)';
    case 'list':
      return `a list: ${x.fn}(L) or ${x.fn}(L where c)`;
  }
};

const foundWords = (f: ArgumentsFound): string => {
  switch (f.kind) {
    case 'count':
      return f.n === 0 ? 'no arguments' : `${f.n} ${f.n === 1 ? 'argument' : 'arguments'}`;
    case 'value':
      return `'${f.text}' (${typeWords(f.type)})`;
    case 'notWindow':
      return `'${f.text}' where 'last N unit' belongs`;
  }
};

const WITHHELD = ' (value withheld: personal data)';

const givenFoundWords = (f: GivenFound): string => {
  switch (f.kind) {
    case 'type':
      return typeWords(f.type);
    case 'name':
      return 'a name';
    case 'expression':
      return 'an expression (a given value is a literal)';
    case 'fraction':
      return 'a number with a fraction';
    case 'outside':
      return 'a number outside that range';
  }
};

const overrideWords = (p: OverrideProblem): string => {
  switch (p.kind) {
    case 'tooLarge':
      return `the number is too large: expected ${typeWords(p.type)} from -${MAX_LITERAL} to ${MAX_LITERAL}`;
    case 'notLiteral':
      return `expected a literal (${typeWords(p.type)})`;
    case 'mismatch':
      return `expected ${typeWords(p.type)}, like the declaration '${p.declared}'`;
    case 'unparsed':
      return `not a literal: expected ${typeWords(p.type)}, written like the declaration '${p.declared}'`;
  }
};

const readerWords: Record<RecordReader, string> = { field: 'a field of the record', group: 'a group', let: 'a let that reads the record' };

const validityWords = (v: ValidityWords | undefined): string =>
  !v || (!v.from && !v.until) ? 'undated' : [v.from ? `from ${v.from}` : '', v.until ? `until ${v.until}` : ''].filter(Boolean).join(' ');

const spanWords = (r: DaySpan): string => {
  if (r.from && r.until) return r.from === r.until ? r.from : `${r.from} – ${r.until}`;
  if (r.until) return `until ${r.until}`;
  if (r.from) return `from ${r.from}`;
  return 'every day';
};
const spansWords = (rs: readonly DaySpan[]): string => rs.map(spanWords).join(', ');

const foundToken = (f: Found): string => ('end' in f ? 'the end of the file' : `'${f.image}'`);

const DECLARATION = "a declaration ('record', 'let', 'param', 'group', 'program' or 'test')";
const VALUE = "a value (a name, a number, a date, a text, true, false, '(' or 'at least')";

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export const en = {
  lang: 'en' as 'en' | 'da',
  /** A type in the policy analyst's words ("a number of months"). */
  type: (t: Type): string => typeWords(t),
  /** Why a date literal is no day of the calendar. */
  dateProblem: (p: DateProblem): string => dateWords(p),
  duplicateName: (r: Range, name: string, firstLine: number) =>
    err('duplicate-name', r, `'${name}' is already declared on line ${firstLine}: names must be unique in a file`),
  reservedName: (r: Range, name: string) =>
    err(
      'reserved-name',
      r,
      `'${name}' cannot be used as a name: it is reserved by the JavaScript object model (every object has a property '${name}', so the compiled rules would find it in every record)`,
    ),
  reservedColumn: (r: Range, kind: 'group' | 'program', name: string, column: string) =>
    err(
      'reserved-column',
      r,
      `'${name}' cannot name a ${kind}: the screening output has a column '${column}' of its own (${OUTPUT_COLUMNS.join(', ')} are taken)`,
    ),
  numberOutOfRange: (r: Range) =>
    err(
      'number-out-of-range',
      r,
      `number too large: expected a number from -${MAX_LITERAL} to ${MAX_LITERAL} (2^53 − 1; beyond it not every whole number can be stored exactly)`,
    ),
  duplicateRecord: (r: Range, firstLine: number) =>
    err('duplicate-record', r, `a file has one record declaration, and there is already one on line ${firstLine}`),
  missingRecord: (r: Range) =>
    err('missing-record', r, `expected a record declaration (record Name { field: type … }) describing the input records`),
  multipleKeys: (r: Range, name: string, first: string) =>
    err('multiple-keys', r, `'${name}' is marked key, but '${first}' already is: at most one field may be the key`),
  duplicateModifier: (r: Range, modifier: string) => warn('duplicate-modifier', r, `'${modifier}' is written twice`),
  invalidBounds: (r: Range, text: string, why: BoundsProblem) =>
    err(
      'invalid-range',
      r,
      `invalid range '${text}': ${why.kind === 'order' ? `the lower bound ${why.min} is above the upper bound ${why.max}` : 'an integer field needs whole-number bounds'}`,
    ),
  duplicateEnumValue: (r: Range, value: string) => err('duplicate-enum-value', r, `'${value}' is listed twice in this enum`),
  unknownName: (r: Range, name: string, candidates: Iterable<string>) =>
    suggest(err('unknown-name', r, `unknown name '${name}': expected a field, let, param or group`), name, candidates),
  unknownEnumValue: (r: Range, value: string, subject: string, values: readonly string[]) =>
    suggest(err('unknown-enum-value', r, `'${value}' is not a value of ${subject}: expected one of ${values.join(', ')}`), value, values),
  programInExpression: (r: Range, name: string) =>
    err('program-in-expression', r, `'${name}' is a program: only fields, lets, params and groups can be used in a condition`),
  unknownFunction: (r: Range, name: string, known: readonly string[]) =>
    suggest(err('unknown-function', r, `unknown function '${name}': expected ${orList(known)}`), name, known),
  wrongArguments: (r: Range, name: string, expects: ArgumentsExpected, found: ArgumentsFound) =>
    err('wrong-arguments', r, `${name}(…) takes ${expectsWords(expects)}, but found ${foundWords(found)}`),
  // Lists (LANGUAGE.md §12)
  listKey: (r: Range, name: string) =>
    err('list-key', r, `'${name}' is a list and cannot be the key: the key is one value that identifies the record`),
  elementKey: (r: Range, name: string, list: string) =>
    err('element-key', r, `'${name}' is a field of the elements of '${list}' and cannot be 'key': an element field may be optional or personal`),
  nestedList: (r: Range, name: string, list: string) =>
    err('nested-list', r, `'${name}' cannot be a list: the elements of '${list}' have the field types of §3 (no lists inside lists)`),
  duplicateElementField: (r: Range, name: string, list: string, firstLine: number) =>
    err('duplicate-name', r, `'${name}' is already a field of the elements of '${list}' (line ${firstLine})`),
  periodStartOptional: (r: Range, list: string) =>
    err(
      'period-start-optional',
      r,
      `the elements of '${list}' are periods (start: date, end: date), so 'start' cannot be optional: a period without a start covers no known days (a missing 'end' means still running)`,
    ),
  listMisplaced: (r: Range, name: string) =>
    err('list-misplaced', r, `'${name}' is a list: use it in any(…), all(…), none(…), count(…) or time_in(…), or test '${name} is missing'`),
  notAList: (r: Range, fn: string, text: string, t: Type) =>
    err('not-a-list', r, `${fn}(…) needs a list field, but '${text}' is ${typeWords(t)}`),
  notPeriods: (r: Range, list: string) =>
    err(
      'not-periods',
      r,
      `time_in(…) needs a list of periods, but the elements of '${list}' have no 'start: date' and 'end: date' fields: count them with count(…) instead`,
    ),
  whereMisplaced: (r: Range, list: string) =>
    err('where-misplaced', r, `'${list} where …' is only written inside any(…), all(…), none(…), count(…) or time_in(…)`),
  lastMisplaced: (r: Range, text: string) =>
    err('last-misplaced', r, `'${text}' is a window of time: it is only written as the second argument of time_in(L, last N unit)`),
  invalidWindow: (r: Range, text: string) => err('invalid-window', r, `'last ${text}' needs a whole number of at least 1`),
  whereReadsRecord: (r: Range, name: string, what: RecordReader, list: string, elementFields: Iterable<string>) => {
    const fields = [...elementFields];
    return suggest(
      err(
        'where-reads-record',
        r,
        `'${name}' is ${readerWords[what]}: inside '${list} where …' only the element's fields (${fields.join(', ')}), params and lets that read no record field can be used, so that the criterion stays portable to JSON Logic and SQL`,
      ),
      name,
      fields,
    );
  },
  unknownElementName: (r: Range, name: string, list: string, candidates: Iterable<string>) =>
    suggest(err('unknown-name', r, `unknown name '${name}': expected a field of the elements of '${list}', a param or a let`), name, candidates),
  timeInUnit: (r: Range, timeIn: string, otherText: string, amount: number | undefined, unit: Unit | undefined) =>
    err(
      'time-in-unit',
      r,
      `'${timeIn}' counts days, so it compares with days or weeks only: '${otherText}' is in ${unit ?? 'months'}, and a ${(unit ?? 'months').slice(0, -1)} is not a whole number of days${
        amount === undefined || unit === undefined ? '' : `; write it in days or weeks, e.g. ${singularOrPlural(approximately(amount, unit, 'days'), 'days')}`
      }`,
    ),
  // `given` lists (§8, §12)
  givenNotList: (r: Range, field: string) =>
    err('given-mismatch', r, `${field}: expected a list, written [ { field: value, … }, … ] (an empty list is [ ])`),
  givenListForValue: (r: Range, field: string, expected: Type) => err('given-mismatch', r, `${field}: expected ${typeWords(expected)}, found a list`),
  givenUnknownElementField: (r: Range, path: string, name: string, list: string, fields: Iterable<string>) =>
    suggest(err('given-unknown-field', r, `${path}: '${name}' is not a field of the elements of '${list}'`), name, fields),
  givenMissingElementField: (r: Range, path: string, missing: readonly string[]) =>
    err('given-missing-field', r, `${path}: ${missing.map((m) => `'${m}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required (not optional), but not given`),
  givenPeriodOrder: (r: Range, path: string, personal: boolean) =>
    err('given-period-order', r, `${path}: end is before start${personal ? ' (values withheld: personal data)' : ''}: a period covers the days from start to end, both included`),
  typeMismatch: (r: Range, left: string, lt: Type, right: string, rt: Type) =>
    err('type-mismatch', r, `cannot compare '${left}' (${typeWords(lt)}) with '${right}' (${typeWords(rt)})`),
  notOrdered: (r: Range, op: string, text: string, t: Type) =>
    err('not-ordered', r, `'${op}' needs values that have an order, but '${text}' is ${typeWords(t)}: expected '=' or '!='`),
  /** `threshold`: the range of the right side (a duration literal), which the suggestion replaces. */
  unitMismatch: (r: Range, leftText: string, leftUnit: Unit, rightText: string, rightUnit: Unit, amount?: number, threshold?: Range) => {
    const one = leftUnit.slice(0, -1);
    const other = rightUnit.slice(0, -1);
    const written = amount === undefined ? undefined : singularOrPlural(approximately(amount, rightUnit, leftUnit), leftUnit);
    const suggestion = written === undefined ? '' : `; write the threshold in ${leftUnit}, e.g. ${written}`;
    const d = err(
      'unit-mismatch',
      r,
      `cannot compare '${leftText}' (${leftUnit}) with '${rightText}' (${rightUnit}): a ${other} is not a whole number of ${one}s${suggestion}`,
    );
    return written !== undefined && threshold ? { ...d, suggestion: { text: written, range: threshold } } : d;
  },
  calendarNeedsUnit: (r: Range, spanText: string, otherText: string) =>
    err('calendar-needs-unit', r, `'${spanText}' is a span of time: compare it with a duration such as '${otherText} years', not the plain number '${otherText}'`),
  calendarNeedsConstant: (r: Range, spanText: string, otherText: string) =>
    err(
      'calendar-threshold-not-constant',
      r,
      `'${spanText}' can only be compared with a fixed duration (a literal such as 6 months, or a param), but '${otherText}' varies per record`,
    ),
  calendarArithmetic: (r: Range, text: string) =>
    err('calendar-arithmetic', r, `'${text}' is a span of time on the calendar and cannot be used in arithmetic: compare it with a duration instead`),
  dateArithmetic: (r: Range, text: string) =>
    err('date-arithmetic', r, `'${text}' is a date and cannot be used in arithmetic: use time_since(…) or age_of(…) to measure time`),
  notNumber: (r: Range, op: string, text: string, t: Type) => err('not-a-number', r, `'${op}' needs numbers, but '${text}' is ${typeWords(t)}`),
  notBoolean: (r: Range, context: ConditionContext, text: string, t: Type) =>
    err('not-boolean', r, `${contextWords(context)} must be a condition (true or false), but '${text}' is ${typeWords(t)}`),
  invalidDate: (r: Range, text: string, why: DateProblem) => err('invalid-date', r, `invalid date '${text}': ${dateWords(why)}`),
  cycle: (r: Range, kind: 'let' | 'group', path: string[]) => err('cycle', r, `${kind} '${path[0]}' depends on itself: ${path.join(' → ')}`),
  paramNotLiteral: (r: Range, name: string) =>
    err('param-not-literal', r, `param '${name}' must be a literal: a number, a duration (6 months), a date, a text, true or false`),
  /** The override's value is not quoted: it may come from a command line (and be anything). */
  invalidParamOverride: (r: Range, name: string, why: OverrideProblem) => err('invalid-param-override', r, `param override '${name}': ${overrideWords(why)}`),
  unknownParam: (r: Range, name: string, params: Iterable<string>) => suggest(err('unknown-param', r, `there is no param named '${name}'`), name, params),
  /** A `--param` whose name is not even a name: it is not quoted (it may be a value typed in the wrong place). */
  unknownParamNotAName: (r: Range) =>
    err('unknown-param', r, `a param override names no param: expected a param's name before '=' (a letter or '_', then letters, digits or '_')`),
  invalidCount: (r: Range, text: string) => err('invalid-count', r, `'at least ${text} of' needs a whole number, 0 or more`),
  inItemNotLiteral: (r: Range, text: string) =>
    err('in-item-not-literal', r, `'${text}' is not a literal: the list after 'in' holds values such as 3, "text", 2026-01-01 or enum values`),
  givenUnknownField: (r: Range, name: string, fields: Iterable<string>) =>
    suggest(err('given-unknown-field', r, `'${name}' is not a field of the record`), name, fields),
  givenDuplicate: (r: Range, name: string) => err('given-duplicate', r, `'${name}' is given twice`),
  /** `found` says what kind of value it was, never the value (the snippet shows it, masked when personal). */
  givenMismatch: (r: Range, field: string, expected: Type, found: GivenFound, personal: boolean, bounds?: { min: number; max: number }) =>
    err(
      'given-mismatch',
      r,
      `${field}: expected ${typeWords(expected)}${bounds ? ` from ${bounds.min} to ${bounds.max}` : ''}, found ${givenFoundWords(found)}${personal ? WITHHELD : ''}`,
    ),
  personalEnumValue: (r: Range, subject: string, given = false) =>
    err('unknown-enum-value', r, `the value ${given ? 'given for' : 'compared with'} ${subject} is not one of its values (value withheld: personal data)`),
  unknownTestTarget: (r: Range, name: string, candidates: Iterable<string>) =>
    suggest(err('unknown-test-target', r, `'${name}' is not a group or a program`), name, candidates),
  expectOutcomeMismatch: (r: Range, name: string, isProgram: boolean) =>
    err(
      'expect-outcome-mismatch',
      r,
      isProgram
        ? `'${name}' is a program: expect ${name} eligible, ineligible or undetermined`
        : `'${name}' is a group: expect ${name}, expect not ${name}, or expect ${name} unknown`,
    ),
  duplicateAsOf: (r: Range) => err('duplicate-as-of', r, `a test has one 'as of' date`),
  atLeastImpossible: (r: Range, n: number, count: number) => warn('never-true', r, `'at least ${n} of' can never hold: it lists only ${count} criteria`),
  emptyBetween: (r: Range, low: string, high: string) =>
    warn('never-true', r, `'between ${low} and ${high}' can never hold: the lower bound is above the upper bound`),
  unusedParam: (r: Range, name: string) => warn('unused-param', r, `param '${name}' is never used`),
  unusedLet: (r: Range, name: string) => warn('unused-let', r, `let '${name}' is never used`),
  tooDeep: (r: Range, limit: number) => err('too-deep', r, `expression nested too deeply: more than ${limit} levels`),

  // Versions (§13)
  versionKind: (r: Range, name: string, previous: KindWord, previousLine: number, kind: KindWord) =>
    err('version-kind', r, `'${name}' is a ${previous} on line ${previousLine} and a ${kind} here: the versions of one name must be of one kind`),
  versionType: (r: Range, name: string, type: Type, firstLine: number, firstType: Type) =>
    err(
      'version-type',
      r,
      `this version of '${name}' is ${typeWords(type)}, but the version on line ${firstLine} is ${typeWords(firstType)}: the versions of one name must be of one type`,
    ),
  validityOrder: (r: Range, name: string, from: string, until: string) =>
    err('validity-order', r, `'${name}' is in force from ${from} until ${until}: 'from' is after 'until'`),
  versionOverlap: (r: Range, name: string, validity: ValidityWords, firstLine: number, firstValidity: ValidityWords, common: readonly DaySpan[]) =>
    err(
      'version-overlap',
      r,
      `this version of '${name}' (${validityWords(validity)}) overlaps the version on line ${firstLine} (${validityWords(firstValidity)}): both would be in force ${spansWords(common)}`,
    ),
  notInForce: (r: Range, kind: KindWord, name: string, days: readonly DaySpan[]) =>
    warn('not-in-force', r, `${kind} '${name}' is used but no version of it is in force ${spansWords(days)}: a run as of such a day is refused`),
  /** A run's refusal: "not in force on 2016-06-01: param 'max_praktik' (in force from 2017-01-01)". */
  notInForceOn: (date: string, missing: readonly { kind: 'let' | 'param' | 'group'; name: string; days: readonly DaySpan[] }[]) =>
    `not in force on ${date}: ${missing.map((m) => `${m.kind} '${m.name}' (in force ${m.days.length ? spansWords(m.days) : 'on no day'})`).join(', ')}`,

  // Syntax (the lexer, the parser, the AST builder)
  syntax: {
    /** A token label in words: quoted keywords and signs stay as they are. */
    label: (tokenName: string, label: string): string => label,
    found: foundToken,
    /** What `found` says for the end of a slice of the file (replaced by the next token's text). */
    endOfFile: 'the end of the file',
    keywordHint: (image: string) => ` ('${image}' is a keyword, so it cannot be used as a name)`,
    expected: (what: string, found: Found, hint: string) => `expected ${what} but found ${foundToken(found)}${hint}`,
    expectedAtLeastOne: (what: string, found: Found) => `expected at least one ${what} but found ${foundToken(found)}`,
    or: orList,
    /** Rule names in words, for "expected …" messages. */
    rules: {
      declaration: DECLARATION,
      typeSpec: 'a type (text, boolean, date, number, integer or one of (…))',
      primary: VALUE,
      unary: VALUE,
      logicalOperand: "a value (a name, a number, a date, a text, true, false, 'not', '(' or 'at least')",
      arithmetic: VALUE,
      comparisonOperator: "a comparison ('=', '!=', '<', '<=', '>' or '>=')",
      equalSign: "'='",
      testItem: "'as of', 'given', 'with' or 'expect'",
      expectation: 'a group or program name',
      modifierOrLabel: "'optional', 'key', 'personal' or a label",
    } as Record<string, string>,
    declaration: DECLARATION,
    unknownEscape: (escape: { char: string } | { codePoint: string }) =>
      `unknown escape ${'char' in escape ? `'\\${escape.char}'` : `'\\' followed by U+${escape.codePoint}`} in text: only \\" and \\\\ are escapes`,
    unexpectedCharacter: (ch: string) => `unexpected character '${ch}': it cannot start a name, number, date, text or operator`,
    unterminatedText: `unterminated text: expected a closing '"' before the end of the line`,
    tooDeep: (limit: number) => `expression nested too deeply: more than ${limit} levels of parentheses or prefix operators`,
    unterminatedComment: `unterminated comment: expected '*/' to close the comment that starts here`,
    validityTwice: (which: 'from' | 'until') => `'${which}' is given twice: a version has one '${which}' date`,
    validityOrder: "'from' comes before 'until' (from DATE until DATE)",
  },

  // The CLI's words around diagnostics
  frame: {
    error: 'error',
    warning: 'warning',
    /** `2 errors, 1 warning in 1 file`. */
    countLine: (errors: number, warnings: number, files: number) =>
      `${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')} in ${count(files, 'file', 'files')}`,
    /** `rules.visit has 2 errors; nothing was run` (`file` undefined: only the options have errors). */
    nothingRun: (file: string | undefined, errors: number) =>
      `${file === undefined ? 'the options have errors' : `${file} has ${errors === 1 ? '1 error' : `${errors} errors`}`}; nothing was run`,
  },
};

/** A catalogue: every message of `en`, with the same parameters, in one language. */
export type Catalogue = typeof en;
