// LANGUAGE.md §13 at check time: versions of one name (kind, type, overlapping periods, from
// after until), and the `not-in-force` warning naming the days.
import { describe, expect, it } from 'vitest';
import { check } from '../src/index';
import { citizenRecord, recordLines } from './support/fixtures';

/** Diagnostics of a snippet written after the shared record, as `severity code line:col message`. */
function diagnose(snippet: string): string[] {
  return check(citizenRecord + snippet).diagnostics.map(
    (d) => `${d.severity} ${d.code} ${d.range.start.line - recordLines}:${d.range.start.column} ${d.message}`,
  );
}

const uses = (name: string) => `\nprogram p { require ${name} }`;

describe('versions that are allowed', () => {
  it.each([
    ['an undated and a dated param', 'param max_praktik = 8 weeks\nparam max_praktik = 4 weeks from 2017-01-01\ngroup g = weeks_unemployed <= max_praktik'],
    ['the reference example of two group versions', 'group unge "Under 30 med uddannelse" until 2025-06-30 = age_of(birth_date) < 30 years and education != none\ngroup unge "Under 30" from 2025-07-01 = age_of(birth_date) < 30 years'],
    ['a dated programme alone', 'program hovedvej3 "Virksomhedspraktik" from 2015-11-01 until 2016-12-31 { require motivated }'],
    ['two from-only versions (the first ends the day before the second)', 'let x from 2015-01-01 = 1\nlet x from 2016-01-01 = 2\nprogram p from 2015-01-01 { require x > 0 }'],
    ['adjacent closed versions', 'let x from 2015-01-01 until 2015-12-31 = 1\nlet x from 2016-01-01 until 2016-12-31 = 2\nprogram p from 2015-01-01 until 2016-12-31 { require x > 0 }'],
    ['the undated version after the dated one', 'param n = 4 from 2017-01-01\nparam n = 8\ngroup g = hours > n'],
    ['integer and fractional numbers', 'param n = 4\nparam n = 4.5 from 2017-01-01\ngroup g = hours > n'],
    ['durations of one family', 'param n = 8 weeks\nparam n = 28 days from 2017-01-01\ngroup g = weeks_unemployed > n'],
    ['a version of a group may use another group', 'group a = motivated\ngroup b = a\ngroup b from 2020-01-01 = not a'],
  ])('%s', (_, snippet) => {
    expect(diagnose(snippet)).toEqual([]);
  });
});

describe('errors between versions', () => {
  it.each([
    ['a param and a let', 'param x = 1\nlet x from 2020-01-01 = 2' + uses('x > 0'),
      "error version-kind 2:5 'x' is a param on line 13 and a let here: the versions of one name must be of one kind"],
    ['a group and a programme', 'group g from 2020-01-01 = motivated\nprogram g until 2019-12-31 { require motivated }',
      "error version-kind 2:9 'g' is a group on line 13 and a program here: the versions of one name must be of one kind"],
    ['a field and a dated let', 'let motivated from 2020-01-01 = true',
      "error version-kind 1:5 'motivated' is a field on line 10 and a let here: the versions of one name must be of one kind"],
    ['a number param and a date param', 'param x = 1\nparam x = 2020-01-01 from 2020-01-01\ngroup g = hours > x',
      "error version-type 2:7 this version of 'x' is a date, but the version on line 13 is a whole number: the versions of one name must be of one type"],
    ['weeks and months', 'param x = 8 weeks\nparam x = 2 months from 2020-01-01\ngroup g = weeks_unemployed > x',
      "error version-type 2:7 this version of 'x' is a number of months, but the version on line 13 is a number of weeks: the versions of one name must be of one type"],
    ['a let of text and a let of a number', 'let x = 1\nlet x from 2020-01-01 = "a"' + uses('x > 0'),
      "error version-type 2:5 this version of 'x' is a text, but the version on line 13 is a whole number: the versions of one name must be of one type"],
    ['two undated versions', 'param x = 1\nparam x = 2\ngroup g = hours > x',
      "error duplicate-name 2:7 'x' is already declared on line 13: names must be unique in a file"],
    ['overlapping closed periods', 'let x from 2015-01-01 until 2016-06-30 = 1\nlet x from 2016-01-01 until 2016-12-31 = 2\nprogram p from 2015-01-01 until 2016-12-31 { require x > 0 }',
      "error version-overlap 2:5 this version of 'x' (from 2016-01-01 until 2016-12-31) overlaps the version on line 13 (from 2015-01-01 until 2016-06-30): both would be in force 2016-01-01 – 2016-06-30"],
    ['a from-only version overlapping a later closed one', 'let x from 2016-01-01 = 1\nlet x from 2015-01-01 until 2016-01-31 = 2\nprogram p from 2015-01-01 { require x > 0 }',
      "error version-overlap 2:5 this version of 'x' (from 2015-01-01 until 2016-01-31) overlaps the version on line 13 (from 2016-01-01): both would be in force 2016-01-01 – 2016-01-31"],
    ['two until-only versions', 'group g until 2016-01-01 = motivated\ngroup g until 2017-01-01 = true',
      "error version-overlap 2:7 this version of 'g' (until 2017-01-01) overlaps the version on line 13 (until 2016-01-01): both would be in force until 2016-01-01"],
    ['one shared day', 'program p until 2016-12-31 { require motivated }\nprogram p from 2016-12-31 { require true }',
      "error version-overlap 2:9 this version of 'p' (from 2016-12-31) overlaps the version on line 13 (until 2016-12-31): both would be in force 2016-12-31"],
  ])('%s', (_, snippet, message) => {
    expect(diagnose(snippet)).toContain(message);
  });

  it('from after until in one version', () => {
    expect(diagnose('program p from 2017-01-01 until 2016-12-31 { require motivated }')).toEqual([
      "error validity-order 1:11 'p' is in force from 2017-01-01 until 2016-12-31: 'from' is after 'until'",
    ]);
  });

  it('checks the body of every version, not only the first', () => {
    expect(diagnose('group g = motivated\ngroup g from 2020-01-01 = motivatd')).toEqual([
      "error unknown-name 2:27 unknown name 'motivatd': expected a field, let, param or group — did you mean 'motivated'?",
    ]);
    expect(diagnose('param n = 1\nparam n = hours from 2020-01-01\ngroup g = hours > n')[0]).toMatch(/^error param-not-literal 2:11/);
  });
});

describe('not-in-force', () => {
  it.each([
    ['a param that starts later, under an undated programme',
      'param max_praktik = 4 weeks from 2017-01-01' + uses('weeks_unemployed <= max_praktik'),
      "warning not-in-force 1:7 param 'max_praktik' is used but no version of it is in force until 2016-12-31: a run as of such a day is refused"],
    ['a gap between two versions',
      'let x until 2015-12-31 = 1\nlet x from 2016-02-01 = 2' + uses('x > 0'),
      "warning not-in-force 1:5 let 'x' is used but no version of it is in force 2016-01-01 – 2016-01-31: a run as of such a day is refused"],
    ['a group that ends, used by an undated group',
      'group a until 2019-12-31 = motivated\ngroup b = a',
      "warning not-in-force 1:7 group 'a' is used but no version of it is in force from 2020-01-01: a run as of such a day is refused"],
    ['two gaps named as ranges',
      'param n = 1 from 2015-01-01 until 2015-12-31\nparam n = 2 from 2017-01-01 until 2017-12-31' + uses('hours > n'),
      "warning not-in-force 1:7 param 'n' is used but no version of it is in force until 2014-12-31, 2016-01-01 – 2016-12-31, from 2018-01-01: a run as of such a day is refused"],
  ])('%s', (_, snippet, message) => {
    expect(diagnose(snippet)).toEqual([message]);
  });

  it.each([
    ['used only by a programme in force on the same days',
      'param n = 1 from 2015-01-01 until 2016-12-31\nprogram p from 2015-01-01 until 2016-12-31 { require hours > n }'],
    ['a version for each stretch of the programme',
      'param n = 1 from 2015-01-01\nparam n = 2 from 2016-01-01\nprogram p from 2015-01-01 { require hours > n }'],
    ['an unused param with gaps is only unused', 'param n = 1 from 2015-01-01 until 2015-12-31\ngroup g = motivated'],
    ['the undated version covers the gaps', 'param n = 0\nparam n = 1 from 2015-01-01 until 2015-12-31' + uses('hours > n')],
  ])('none when %s', (_, snippet) => {
    expect(diagnose(snippet).filter((d) => d.includes('not-in-force'))).toEqual([]);
  });
});
