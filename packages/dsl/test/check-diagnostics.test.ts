// Every diagnostic of the checker: one row each, exact code, line:col (within the snippet) and message.
import { describe, expect, it } from 'vitest';
import { check, RESERVED_NAMES } from '../src/index';
import { citizenRecord, recordLines } from './support/fixtures';

/** Diagnostics of a snippet written after the shared record, as `severity code line:col message`. */
function diagnose(snippet: string, withRecord = true): string[] {
  const source = withRecord ? citizenRecord + snippet : snippet;
  const offset = withRecord ? recordLines : 0;
  return check(source).diagnostics.map(
    (d) => `${d.severity} ${d.code} ${d.range.start.line - offset}:${d.range.start.column} ${d.message}`,
  );
}

describe('names', () => {
  it.each([
    ['misspelt field, with a suggestion', 'group g = educaton = none',
      "error unknown-name 1:11 unknown name 'educaton': expected a field, let, param or group — did you mean 'education'?"],
    ['misspelt group in a require line', 'group unge = motivated\nprogram p { require ungee }',
      "error unknown-name 2:21 unknown name 'ungee': expected a field, let, param or group — did you mean 'unge'?"],
    ['unknown enum value, with a suggestion', 'group g = benefit = dagpenge2',
      "error unknown-enum-value 1:21 'dagpenge2' is not a value of benefit: expected one of dagpenge, kontanthjaelp, sygedagpenge — did you mean 'dagpenge'?"],
    ['unknown enum value in a list', 'group g = benefit in (dagpenge, kontanthjelp)',
      "error unknown-enum-value 1:33 'kontanthjelp' is not a value of benefit: expected one of dagpenge, kontanthjaelp, sygedagpenge — did you mean 'kontanthjaelp'?"],
    ['duplicate name', 'group g = motivated\nlet g = 1',
      "error duplicate-name 2:5 'g' is already declared on line 13: names must be unique in a file"],
    ['a field and a let share a name', 'let motivated = true',
      "error duplicate-name 1:5 'motivated' is already declared on line 10: names must be unique in a file"],
    ['__proto__ refused', 'group __proto__ = motivated',
      "error reserved-name 1:7 '__proto__' cannot be used as a name: it is reserved by the JavaScript object model (every object has a property '__proto__', so the compiled rules would find it in every record)"],
    ['constructor refused', 'let constructor = 1',
      "error reserved-name 1:5 'constructor' cannot be used as a name: it is reserved by the JavaScript object model (every object has a property 'constructor', so the compiled rules would find it in every record)"],
    ['prototype refused as a reference too', 'group g = prototype',
      "error unknown-name 1:11 unknown name 'prototype': expected a field, let, param or group"],
    ['a program used as a condition', 'program p { require motivated }\ngroup g = p',
      "error program-in-expression 2:11 'p' is a program: only fields, lets, params and groups can be used in a condition"],
    ['unknown function, with a suggestion', 'group g = agee_of(birth_date) > 3 years',
      "error unknown-function 1:11 unknown function 'agee_of': expected age_of, time_since, time_between, any, all, none, count or time_in — did you mean 'age_of'?"],
    ['wrong number of arguments', 'group g = age_of(birth_date, birth_date) > 3 years',
      'error wrong-arguments 1:11 age_of(…) takes one date, but found 2 arguments'],
    ['a function of something that is not a date', 'group g = time_since(hours) > 3 years',
      "error wrong-arguments 1:22 time_since(…) takes one date, but found 'hours' (a number)"],
  ])('%s', (_what, snippet, expected) => {
    expect(diagnose(snippet)).toEqual([expected]);
  });
});

describe('types and units', () => {
  it.each([
    ['an enum compared with a number', 'group g = benefit = 5',
      "error type-mismatch 1:11 cannot compare 'benefit' (one of (dagpenge, kontanthjaelp, sygedagpenge)) with '5' (a whole number)"],
    ['a date compared with a text', 'group g = birth_date = "1970-01-01"',
      "error type-mismatch 1:11 cannot compare 'birth_date' (a date) with '\"1970-01-01\"' (a text)"],
    ['ordering an enum', 'group g = education < master',
      "error not-ordered 1:11 '<' needs values that have an order, but 'education' is one of (none, vocational, bachelor, master): expected '=' or '!='"],
    ['ordering booleans', 'group g = motivated > false',
      "error not-ordered 1:11 '>' needs values that have an order, but 'motivated' is a condition (true or false): expected '=' or '!='"],
    ['weeks against months suggests weeks', 'group g = weeks_unemployed >= 6 months',
      "error unit-mismatch 1:11 cannot compare 'weeks_unemployed' (weeks) with '6 months' (months): a month is not a whole number of weeks; write the threshold in weeks, e.g. 26 weeks"],
    ['days against years', 'group g = days_sick > 1 year',
      "error unit-mismatch 1:11 cannot compare 'days_sick' (days) with '1 year' (years): a year is not a whole number of days; write the threshold in days, e.g. 365 days"],
    ['adding weeks and months', 'group g = weeks_unemployed + 1 month > 3 weeks',
      "error unit-mismatch 1:11 cannot compare 'weeks_unemployed' (weeks) with '1 month' (months): a month is not a whole number of weeks"],
    ['age without a unit', 'let age = age_of(birth_date)\ngroup g = age >= 50',
      "error calendar-needs-unit 2:18 'age' is a span of time: compare it with a duration such as '50 years', not the plain number '50'"],
    ['a calendar span against a field', 'group g = time_since(unemployed_since) >= weeks_unemployed',
      "error calendar-threshold-not-constant 1:43 'time_since(unemployed_since)' can only be compared with a fixed duration (a literal such as 6 months, or a param), but 'weeks_unemployed' varies per record"],
    ['arithmetic on a calendar span', 'group g = age_of(birth_date) + 1 year > 3 years',
      "error calendar-arithmetic 1:11 'age_of(birth_date)' is a span of time on the calendar and cannot be used in arithmetic: compare it with a duration instead"],
    ['arithmetic on a date', 'group g = birth_date + 1 > 3',
      "error date-arithmetic 1:11 'birth_date' is a date and cannot be used in arithmetic: use time_since(…) or age_of(…) to measure time"],
    ['arithmetic on an enum', 'group g = benefit * 2 > 3',
      "error not-a-number 1:11 '*' needs numbers, but 'benefit' is one of (dagpenge, kontanthjaelp, sygedagpenge)"],
    ['a require line that is a number', 'program p { require literacy }',
      "error not-boolean 1:21 a require line must be a condition (true or false), but 'literacy' is a whole number"],
    ['a group that is a date', 'group g = birth_date',
      "error not-boolean 1:11 group 'g' must be a condition (true or false), but 'birth_date' is a date"],
    ['and over a number', 'group g = motivated and hours',
      "error not-boolean 1:25 each side of 'and' must be a condition (true or false), but 'hours' is a number"],
    ['at least with a fraction', 'group g = at least 1.5 of (motivated)',
      "error invalid-count 1:20 'at least 1.5 of' needs a whole number, 0 or more"],
    ['a list item that is a field', 'group g = benefit in (dagpenge, education)',
      "error in-item-not-literal 1:33 'education' is not a literal: the list after 'in' holds values such as 3, \"text\", 2026-01-01 or enum values"],
    ['an invalid date literal', 'group g = birth_date < 2023-02-30',
      "error invalid-date 1:24 invalid date '2023-02-30': February 2023 has 28 days"],
    ['a date without zero padding', 'group g = birth_date < 2023-2-3',
      "error invalid-date 1:24 invalid date '2023-2-3': expected YYYY-MM-DD with a two-digit month and day"],
    ['month 13', 'group g = birth_date < 2023-13-01',
      "error invalid-date 1:24 invalid date '2023-13-01': there is no month 13"],
    ['a param that is not a literal', 'param p = hours\ngroup g = hours > p',
      "error param-not-literal 1:11 param 'p' must be a literal: a number, a duration (6 months), a date, a text, true or false"],
  ])('%s', (_what, snippet, expected) => {
    expect(diagnose(snippet)).toEqual([expected]);
  });

  it.each([
    ['weeks against days converts exactly', 'group g = weeks_unemployed >= 182 days'],
    ['a plain number against weeks is read in weeks', 'group g = weeks_unemployed >= 52'],
    ['weeks plus a week', 'group g = weeks_unemployed + 1 week > 2 weeks'],
    ['calendar spans against every unit', 'group g = age_of(birth_date) >= 18 years and time_since(unemployed_since) >= 26 weeks and time_since(unemployed_since) < 183 days and time_since(unemployed_since) > 6 months'],
    ['a calendar span through a let against a param', 'let age = age_of(birth_date)\nparam min_age = 30 years\ngroup g = age between min_age and 49 years'],
    ['a duration on the left', 'group g = 30 years <= age_of(birth_date)'],
    ['dates are ordered', 'group g = unemployed_since >= 2025-07-01'],
    ['enum equality and lists', 'group g = benefit = dagpenge or benefit != sygedagpenge or education in (bachelor, master) or education not in (none)'],
    ['an enum against a text that is one of its values', 'group g = benefit = "dagpenge"'],
    ['presence tests on anything', 'group g = literacy is known and unemployed_since is missing and (motivated and hours > 3) is known'],
    ['at least N of', 'group g = at least 2 of (motivated, literacy >= 3, hours > 10)'],
    ['boolean equality', 'group g = motivated = (hours > 10)'],
    ['arithmetic', 'group g = hours * 2 - 1 >= 10 / 4 and -hours < 0'],
    ['VS Code spellings', 'group g = motivated && !(hours == 3) || literacy != 2'],
    ['groups in any order', 'group a = b\ngroup b = motivated'],
  ])('%s checks clean', (_what, snippet) => {
    expect(diagnose(snippet)).toEqual([]);
  });
});

describe('declarations', () => {
  it.each([
    [true, 'a cycle between groups', 'group a = b\ngroup b = a', ["error cycle 1:7 group 'a' depends on itself: a → b → a"]],
    [true, 'a group that uses itself', 'group a = motivated and a', ["error cycle 1:7 group 'a' depends on itself: a → a"]],
    [true, 'a cycle between lets', 'let x = y + 1\nlet y = x\ngroup g = x > 2', ["error cycle 1:5 let 'x' depends on itself: x → y → x"]],
    [false, 'two keys', 'record R { a: text key\n b: text key }', ["error multiple-keys 2:2 'b' is marked key, but 'a' already is: at most one field may be the key"]],
    [true, 'a second record', 'record Second { a: text }', ['error duplicate-record 1:8 a file has one record declaration, and there is already one on line 1']],
    [false, 'inverted range', 'record R { a: integer 5..1 }', ["error invalid-range 1:23 invalid range '5..1': the lower bound 5 is above the upper bound 1"]],
    [false, 'fractional bounds on an integer', 'record R { a: integer 1..2.5 }', ["error invalid-range 1:23 invalid range '1..2.5': an integer field needs whole-number bounds"]],
    [false, 'a duplicate enum value', 'record R { a: one of (x, y, x) }', ["error duplicate-enum-value 1:29 'x' is listed twice in this enum"]],
    [false, 'a modifier twice', 'record R { a: text optional optional }', ["warning duplicate-modifier 1:29 'optional' is written twice"]],
    [false, 'no record', 'group g = 1 > 0', ['error missing-record 1:1 expected a record declaration (record Name { field: type … }) describing the input records']],
    [true, 'at least more than listed', 'group g = at least 3 of (motivated, literacy > 2)', ["warning never-true 1:11 'at least 3 of' can never hold: it lists only 2 criteria"]],
    [true, 'an empty between', 'group g = hours between 30 and 20', ["warning never-true 1:11 'between 30 and 20' can never hold: the lower bound is above the upper bound"]],
    [true, 'unused param and let', 'param p = 3\nlet x = 4\ngroup g = motivated', ["warning unused-param 1:7 param 'p' is never used", "warning unused-let 2:5 let 'x' is never used"]],
  ])('after the record: %s — %s', (afterRecord, _what, snippet, expected) => {
    expect(diagnose(snippet, afterRecord)).toEqual(expected);
  });
});

describe('test blocks', () => {
  const groups = 'group unge = motivated\nprogram p { require unge }\n';
  it.each([
    ['a given field that does not exist', 'test "t" { given { motivatd: true } }',
      "error given-unknown-field 3:20 'motivatd' is not a field of the record — did you mean 'motivated'?"],
    ['a given value of the wrong type: described, not quoted', 'test "t" { given { birth_date: "1970-01-01" } }',
      'error given-mismatch 3:32 birth_date: expected a date, found a text'],
    ['a personal field given the wrong type: the value is withheld', 'test "t" { given { cpr: 1234567890 } }',
      'error given-mismatch 3:25 cpr: expected a text, found a whole number (value withheld: personal data)'],
    ['a given value outside the range', 'test "t" { given { literacy: 7 } }',
      'error given-mismatch 3:30 literacy: expected a whole number from 1 to 5, found a number outside that range'],
    ['a given fraction for an integer', 'test "t" { given { literacy: 2.5 } }',
      'error given-mismatch 3:30 literacy: expected a whole number, found a number with a fraction'],
    ['a given name for a text', 'test "t" { given { cpr: abc } }',
      'error given-mismatch 3:25 cpr: expected a text, found a name (value withheld: personal data)'],
    ['a given expression', 'test "t" { given { hours: 1 + 2 } }',
      'error given-mismatch 3:27 hours: expected a number, found an expression (a given value is a literal)'],
    ['a given enum value that does not exist', 'test "t" { given { benefit: dagpenge2 } }',
      "error unknown-enum-value 3:29 'dagpenge2' is not a value of benefit: expected one of dagpenge, kontanthjaelp, sygedagpenge — did you mean 'dagpenge'?"],
    ['a given invalid date', 'test "t" { given { birth_date: 2023-02-29 } }',
      "error invalid-date 3:32 invalid date '2023-02-29': February 2023 has 28 days"],
    ['a field given twice', 'test "t" { given { motivated: true, motivated: false } }',
      "error given-duplicate 3:37 'motivated' is given twice"],
    ['an expectation of an unknown name', 'test "t" { expect ungee }',
      "error unknown-test-target 3:19 'ungee' is not a group or a program — did you mean 'unge'?"],
    ['a programme outcome for a group', 'test "t" { expect unge eligible }',
      "error expect-outcome-mismatch 3:12 'unge' is a group: expect unge, expect not unge, or expect unge unknown"],
    ['a group outcome for a programme', 'test "t" { expect not p }',
      "error expect-outcome-mismatch 3:12 'p' is a program: expect p eligible, ineligible or undetermined"],
    ['with an unknown param', 'test "t" { with min = 3 }',
      "error unknown-param 3:17 there is no param named 'min'"],
    ['an invalid as of date', 'test "t" { as of 2026-02-29 }',
      "error invalid-date 3:18 invalid date '2026-02-29': February 2026 has 28 days"],
  ])('%s', (_what, snippet, expected) => {
    expect(diagnose(groups + snippet)).toEqual([expected]);
  });

  it('with an override of the wrong type', () => {
    expect(diagnose('param min = 6 months\ngroup g = time_since(unemployed_since) >= min\ntest "t" { with min = "x" }')).toEqual([
      "error invalid-param-override 3:17 param override 'min': expected a number of months, like the declaration '6 months'",
    ]);
  });
});

describe('param overrides given to check', () => {
  const source = `${citizenRecord}param min = 6 months\nparam læs = 3\ngroup g = time_since(unemployed_since) >= min and literacy >= læs\n`;
  it.each([
    [{ min: '4 months' }, []],
    [{ min: '26 weeks' }, []],
    [{ læs: '2' }, []],
    [{ min: '182 days' }, []],
    [{ min: '4' }, ["invalid-param-override param override 'min': expected a number of months, like the declaration '6 months'"]],
    [{ læs: 'dagpenge' }, ["invalid-param-override param override 'læs': expected a literal (a whole number)"]],
    [{ min: '4 monts' }, ["invalid-param-override param override 'min': not a literal: expected a number of months, written like the declaration '6 months'"]],
    [{ mni: '4 months' }, ["unknown-param there is no param named 'mni' — did you mean 'min'?"]],
    // The value given is never quoted (a CPR number typed in the wrong place stays off the screen).
    [{ læs: '0101701319' }, []],
    [{ min: '0101701319' }, ["invalid-param-override param override 'min': expected a number of months, like the declaration '6 months'"]],
    [{ min: '"0101701319"' }, ["invalid-param-override param override 'min': expected a number of months, like the declaration '6 months'"]],
    [{ min: '0101701319 x' }, ["invalid-param-override param override 'min': not a literal: expected a number of months, written like the declaration '6 months'"]],
    [{ '0101701319': '4' }, ["unknown-param a param override names no param: expected a param's name before '=' (a letter or '_', then letters, digits or '_')"]],
    [{ læs: '9'.repeat(400) }, ['invalid-param-override param override \'læs\': the number is too large: expected a whole number from -9007199254740991 to 9007199254740991']],
    [{ min: '99999999999999999999 months' }, ['invalid-param-override param override \'min\': the number is too large: expected a number of months from -9007199254740991 to 9007199254740991']],
    [{ læs: '-9007199254740992' }, ['invalid-param-override param override \'læs\': the number is too large: expected a whole number from -9007199254740991 to 9007199254740991']],
    [{ læs: '9007199254740991' }, []],
  ])('%j', (params, expected) => {
    const checked = check(source, { params });
    expect(checked.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(expected);
  });

  it('a param compared only with calendar spans may change unit, even inside a condition equality', () => {
    const nested = `${citizenRecord}param p = 6 months\nlet l = p\ngroup g = (time_since(unemployed_since) >= l) = true\n`;
    expect(check(nested, { params: { p: '26 weeks' } }).diagnostics).toEqual([]);
  });

  it('the effective value replaces the declared one', () => {
    const checked = check(source, { params: { min: '4 months' } });
    const value = checked.paramValues.get('min');
    expect(value?.kind === 'Duration' && [value.amount, value.unit]).toEqual([4, 'months']);
  });
});

describe('numbers that cannot be stored exactly are refused, wherever they are written', () => {
  const huge = '9'.repeat(400);
  const msg = 'number too large: expected a number from -9007199254740991 to 9007199254740991 (2^53 − 1; beyond it not every whole number can be stored exactly)';
  it.each([
    ['a 400-digit number', `group g = hours > ${huge}`, `error number-out-of-range 1:19 ${msg}`],
    ['beyond 2^53 against an integer field', 'group g = literacy = 12345678901234567890', `error number-out-of-range 1:22 ${msg}`],
    ['2^53 itself', 'group g = literacy = 9007199254740992', `error number-out-of-range 1:22 ${msg}`],
    ['negated', `group g = -hours < -${huge}`, `error number-out-of-range 1:21 ${msg}`],
    ['a duration', `group g = days_sick > ${huge} days`, `error number-out-of-range 1:23 ${msg}`],
    ['a calendar threshold', `group g = time_since(birth_date) >= 99999999999999999999 years`, `error number-out-of-range 1:37 ${msg}`],
    ['in between', `group g = hours between 0 and ${huge}`, `error number-out-of-range 1:31 ${msg}`],
    ['in a list', `group g = hours in (1, ${huge})`, `error number-out-of-range 1:24 ${msg}`],
    ['at least N of', 'group g = at least 99999999999999999999 of (motivated)', `error number-out-of-range 1:20 ${msg}`],
    ['a param', `param p = ${huge}\ngroup g = hours > p`, `error number-out-of-range 1:11 ${msg}`],
    ['a given value', `group g = motivated\ntest "t" { given { hours: ${huge} } }`, `error number-out-of-range 2:27 ${msg}`],
    ['a test override', `param p = 3\ngroup g = hours > p\ntest "t" { with p = ${huge} }`, "error invalid-param-override 3:17 param override 'p': the number is too large: expected a whole number from -9007199254740991 to 9007199254740991"],
    ['arithmetic', `group g = hours * ${huge} > 1`, `error number-out-of-range 1:19 ${msg}`],
    ['in a call argument', `group g = age_of(${huge}) > 1 year`, `error number-out-of-range 1:18 ${msg}`],
  ])('%s', (_what, snippet, expected) => {
    expect(diagnose(snippet)).toEqual([expected]);
  });

  it.each([
    ['a range bound', `record R { a: integer 0..${huge} }`, `error number-out-of-range 1:26 ${msg}`],
  ])('%s', (_what, snippet, expected) => {
    expect(diagnose(snippet, false)).toEqual([expected]);
  });

  it.each([
    ['the largest exact whole number', 'group g = literacy < 9007199254740991 and hours > -9007199254740991'],
    ['a large duration', 'group g = days_sick > 99999999999 days and time_since(birth_date) >= 99999999999 days'],
    ['many decimals', 'group g = hours > 0.1234567890123456789'],
    ['a large count that is still a number', 'group g = at least 0 of (motivated)'],
  ])('accepted: %s', (_what, snippet) => {
    expect(diagnose(snippet)).toEqual([]);
  });
});

describe('names every JavaScript object has cannot be declared (JSON Logic would find them in every record)', () => {
  const objectNames = Object.getOwnPropertyNames(Object.prototype);
  it('the list covers Object.prototype in this engine', () => {
    for (const n of objectNames) expect(RESERVED_NAMES.has(n), n).toBe(true);
  });
  it.each([...RESERVED_NAMES].map((n) => [n]))('%s as a field, a let, a group, a program, an enum value', (name) => {
    const why = `cannot be used as a name: it is reserved by the JavaScript object model (every object has a property '${name}', so the compiled rules would find it in every record)`;
    const source = `record R {\n  ${name}: text optional\n  e: one of (a, ${name})\n}\nlet ${name} = 1\ngroup ${name} = true\nprogram ${name} { require true }\n`;
    expect(check(source).diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([
      `reserved-name 2:3 '${name}' ${why}`,
      `reserved-name 3:17 '${name}' ${why}`,
      `reserved-name 5:5 '${name}' ${why}`,
      `reserved-name 6:7 '${name}' ${why}`,
      `reserved-name 7:9 '${name}' ${why}`,
    ]);
  });
  it.each([['toString_'], ['ToString'], ['valueof'], ['proto'], ['length'], ['then'], ['call']])('%s is an ordinary name', (name) => {
    expect(diagnose(`let ${name} = 1\ngroup g = hours > ${name}`)).toEqual([]);
  });
});

describe("groups and programmes cannot take the output's own column names", () => {
  const columns = 'the screening output has a column';
  it.each([
    ['a group named status', 'group status = motivated', `error reserved-column 1:7 'status' cannot name a group: ${columns} 'status' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['a program named id', 'program id { require motivated }', `error reserved-column 1:9 'id' cannot name a program: ${columns} 'id' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['row', 'group row = motivated', `error reserved-column 1:7 'row' cannot name a group: ${columns} 'row' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['errors', 'program errors { require motivated }', `error reserved-column 1:9 'errors' cannot name a program: ${columns} 'errors' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['explain', 'group explain = motivated', `error reserved-column 1:7 'explain' cannot name a group: ${columns} 'explain' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['asOf', 'group asOf = motivated', `error reserved-column 1:7 'asOf' cannot name a group: ${columns} 'asOf' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['another case: Status', 'group Status = motivated', `error reserved-column 1:7 'Status' cannot name a group: ${columns} 'status' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['another case: ASOF', 'program ASOF { require motivated }', `error reserved-column 1:9 'ASOF' cannot name a program: ${columns} 'asOf' of its own (row, id, status, asOf, errors, explain are taken)`],
    ['a group and a program of one name', 'group jobklub = motivated\nprogram jobklub { require jobklub }', "error duplicate-name 2:9 'jobklub' is already declared on line 13: names must be unique in a file"],
  ])('%s', (_what, snippet, expected) => {
    expect(diagnose(snippet)).toEqual([expected]);
  });

  it('a group so named is still declared: its uses are no errors of their own', () => {
    expect(diagnose('group status = motivated\nprogram p { require status }').map((d) => d.split(' ')[1])).toEqual(['reserved-column']);
  });

  it.each([
    ['fields may be named like columns (they are not columns)', 'record R {\n  id: text key\n  status: text\n  row: integer\n}\ngroup g = status = "x" and row > 1'],
    ['lets and params too', 'record R {\n  a: integer\n}\nlet status = a\nparam errors = 3\ngroup g = status > errors'],
    ['names that contain a column name', 'record R {\n  a: boolean\n}\ngroup status_ok = a\nprogram id2 { require status_ok }'],
  ])('%s', (_what, source) => {
    expect(check(source).diagnostics).toEqual([]);
  });
});
