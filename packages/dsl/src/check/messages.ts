// One factory per diagnostic: the stable code, and a message that quotes the offending text and
// says what was expected. Tests, docs and the editor key on the codes.
import type { Range, Unit } from '../ast';
import type { Diagnostic } from '../diagnostics';
import { approximately, describeType, singularOrPlural } from './describe';
import { nearest } from './suggest';
import type { Type } from './types';

const err = (code: string, range: Range, message: string): Diagnostic => ({ code, severity: 'error', message, range });
const warn = (code: string, range: Range, message: string): Diagnostic => ({ code, severity: 'warning', message, range });

/**
 * `d` with " — did you mean 'x'?" after its message and `x` as its suggestion (the text that
 * replaces `word` within `d.range`: a quick fix in the language service), when a candidate is near
 * `word`.
 */
const suggest = (d: Diagnostic, word: string, candidates: Iterable<string>): Diagnostic => {
  const s = nearest(word, candidates);
  return s === undefined ? d : { ...d, message: `${d.message} — did you mean '${s}'?`, suggestion: { text: s, replaces: word } };
};

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

export const messages = {
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
  invalidBounds: (r: Range, text: string, why: string) => err('invalid-range', r, `invalid range '${text}': ${why}`),
  duplicateEnumValue: (r: Range, value: string) => err('duplicate-enum-value', r, `'${value}' is listed twice in this enum`),
  unknownName: (r: Range, name: string, candidates: Iterable<string>) =>
    suggest(err('unknown-name', r, `unknown name '${name}': expected a field, let, param or group`), name, candidates),
  unknownEnumValue: (r: Range, value: string, subject: string, values: readonly string[]) =>
    suggest(err(
      'unknown-enum-value',
      r,
      `'${value}' is not a value of ${subject}: expected one of ${values.join(', ')}`,
    ), value, values),
  programInExpression: (r: Range, name: string) =>
    err('program-in-expression', r, `'${name}' is a program: only fields, lets, params and groups can be used in a condition`),
  unknownFunction: (r: Range, name: string, known: readonly string[]) =>
    suggest(err('unknown-function', r, `unknown function '${name}': expected ${known.length > 1 ? `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}` : known.join('')}`), name, known),
  wrongArguments: (r: Range, name: string, expects: string, found: string) =>
    err('wrong-arguments', r, `${name}(…) takes ${expects}, but found ${found}`),
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
    err(
      'list-misplaced',
      r,
      `'${name}' is a list: use it in any(…), all(…), none(…), count(…) or time_in(…), or test '${name} is missing'`,
    ),
  notAList: (r: Range, fn: string, text: string, t: Type) =>
    err('not-a-list', r, `${fn}(…) needs a list field, but '${text}' is ${describeType(t)}`),
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
  invalidWindow: (r: Range, text: string) =>
    err('invalid-window', r, `'last ${text}' needs a whole number of at least 1`),
  whereReadsRecord: (r: Range, name: string, what: string, list: string, elementFields: Iterable<string>) =>
    suggest(err(
      'where-reads-record',
      r,
      `'${name}' is ${what}: inside '${list} where …' only the element's fields (${[...elementFields].join(', ')}), params and lets that read no record field can be used, so that the criterion stays portable to JSON Logic and SQL`,
    ), name, elementFields),
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
  givenListForValue: (r: Range, field: string, expected: string) =>
    err('given-mismatch', r, `${field}: expected ${expected}, found a list`),
  givenUnknownElementField: (r: Range, path: string, name: string, list: string, fields: Iterable<string>) =>
    suggest(err('given-unknown-field', r, `${path}: '${name}' is not a field of the elements of '${list}'`), name, fields),
  givenMissingElementField: (r: Range, path: string, missing: readonly string[]) =>
    err('given-missing-field', r, `${path}: ${missing.map((m) => `'${m}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required (not optional), but not given`),
  givenPeriodOrder: (r: Range, path: string, personal: boolean) =>
    err('given-period-order', r, `${path}: end is before start${personal ? ' (values withheld: personal data)' : ''}: a period covers the days from start to end, both included`),
  typeMismatch: (r: Range, left: string, lt: Type, right: string, rt: Type) =>
    err('type-mismatch', r, `cannot compare '${left}' (${describeType(lt)}) with '${right}' (${describeType(rt)})`),
  notOrdered: (r: Range, op: string, text: string, t: Type) =>
    err('not-ordered', r, `'${op}' needs values that have an order, but '${text}' is ${describeType(t)}: expected '=' or '!='`),
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
    err(
      'calendar-needs-unit',
      r,
      `'${spanText}' is a span of time: compare it with a duration such as '${otherText} years', not the plain number '${otherText}'`,
    ),
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
  notNumber: (r: Range, op: string, text: string, t: Type) =>
    err('not-a-number', r, `'${op}' needs numbers, but '${text}' is ${describeType(t)}`),
  notBoolean: (r: Range, context: string, text: string, t: Type) =>
    err('not-boolean', r, `${context} must be a condition (true or false), but '${text}' is ${describeType(t)}`),
  invalidDate: (r: Range, text: string, why: string) => err('invalid-date', r, `invalid date '${text}': ${why}`),
  cycle: (r: Range, kind: string, path: string[]) =>
    err('cycle', r, `${kind} '${path[0]}' depends on itself: ${path.join(' → ')}`),
  paramNotLiteral: (r: Range, name: string) =>
    err('param-not-literal', r, `param '${name}' must be a literal: a number, a duration (6 months), a date, a text, true or false`),
  /** The override's value is not quoted: it may come from a command line (and be anything). */
  invalidParamOverride: (r: Range, name: string, why: string) =>
    err('invalid-param-override', r, `param override '${name}': ${why}`),
  unknownParam: (r: Range, name: string, params: Iterable<string>) =>
    suggest(err('unknown-param', r, `there is no param named '${name}'`), name, params),
  /** A `--param` whose name is not even a name: it is not quoted (it may be a value typed in the wrong place). */
  unknownParamNotAName: (r: Range) =>
    err('unknown-param', r, `a param override names no param: expected a param's name before '=' (a letter or '_', then letters, digits or '_')`),
  invalidCount: (r: Range, text: string) =>
    err('invalid-count', r, `'at least ${text} of' needs a whole number, 0 or more`),
  inItemNotLiteral: (r: Range, text: string) =>
    err('in-item-not-literal', r, `'${text}' is not a literal: the list after 'in' holds values such as 3, "text", 2026-01-01 or enum values`),
  notBooleanInTest: (r: Range, text: string) => err('not-boolean', r, text),
  givenUnknownField: (r: Range, name: string, fields: Iterable<string>) =>
    suggest(err('given-unknown-field', r, `'${name}' is not a field of the record`), name, fields),
  givenDuplicate: (r: Range, name: string) => err('given-duplicate', r, `'${name}' is given twice`),
  /** `found` says what kind of value it was, never the value (the snippet shows it, masked when personal). */
  givenMismatch: (r: Range, field: string, expected: string, found: string) =>
    err('given-mismatch', r, `${field}: expected ${expected}, found ${found}`),
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
  atLeastImpossible: (r: Range, n: number, count: number) =>
    warn('never-true', r, `'at least ${n} of' can never hold: it lists only ${count} criteria`),
  emptyBetween: (r: Range, low: string, high: string) =>
    warn('never-true', r, `'between ${low} and ${high}' can never hold: the lower bound is above the upper bound`),
  unusedParam: (r: Range, name: string) => warn('unused-param', r, `param '${name}' is never used`),
  unusedLet: (r: Range, name: string) => warn('unused-let', r, `let '${name}' is never used`),
  tooDeep: (r: Range, limit: number) =>
    err('too-deep', r, `expression nested too deeply: more than ${limit} levels`),
};
