// The formatter on the forms of LANGUAGE.md §11–§13: list types (one line when short, one element
// field per line when long), `where`, `last N unit`, validities and given lists — input → output.
import { describe, expect, it } from 'vitest';
import { format } from '../src/index';

describe('formatting histories and dated declarations', () => {
  it.each<[string, string, string]>([
    [
      'list types: short on one line, long one element field per line under the type, empty',
      `record R {
  cpr: text key personal
  f: list of {start: date , end: date optional} optional
  forløb: list of { kind: one of (dagpenge, kontanthjaelp, jobklub, virksomhedspraktik) start: date  end: date optional } optional "Forløb"
  tom: list of {}
}`,
      `record R {
  cpr:    text key personal
  f:      list of { start: date, end: date optional } optional
  forløb: list of {
            kind:  one of (dagpenge, kontanthjaelp, jobklub, virksomhedspraktik)
            start: date
            end:   date optional
          } optional  "Forløb"
  tom:    list of {}
}
`,
    ],
    [
      'a labelled element field breaks the list type',
      'record R { s: list of { dato: date "Dato" } }',
      `record R {
  s: list of {
       dato: date  "Dato"
     }
}
`,
    ],
    [
      'where and last, with the words for && and spaces normalised',
      'group g = none( forløb where kind = jobklub && time_since(end) < 12 months )\ngroup h = time_in(forløb   where kind in (dagpenge,kontanthjaelp), last 1 year) >= 42 weeks',
      `group g =
  none(forløb where kind = jobklub and time_since(end) < 12 months)

group h =
  time_in(forløb where kind in (dagpenge, kontanthjaelp), last 1 year) >= 42 weeks
`,
    ],
    [
      'time_between and count without where',
      'let v = time_between( henvist,visiteret )\ngroup g = v > 4 weeks and count( samtaler ) >= 4',
      `let v = time_between(henvist, visiteret)

group g =
  v > 4 weeks and count(samtaler) >= 4
`,
    ],
    [
      'validities on let, param, group and program',
      'let x from 2020-01-01 = 1\nparam p = 4 weeks "P" from 2017-01-01\ngroup h "H" from 2017-01-01 until 2017-12-31 = true\nprogram q "Q" until 2016-12-31 { require h }',
      `let x from 2020-01-01 = 1

param p = 4 weeks "P" from 2017-01-01

group h "H" from 2017-01-01 until 2017-12-31 =
  true

program q "Q" until 2016-12-31 {
  require h
}
`,
    ],
    [
      'given lists: short on the line, long ones element per line, empty',
      'test "t" {\n  given { cpr: "0101701234", forløb: [{kind: jobklub, start: 2025-01-06, end: 2025-03-28}, {kind: dagpenge, start: 2025-04-01}, {kind: kontanthjaelp, start: 2025-09-01, end: 2025-10-01}], samtaler: [ ] , x: [{}] }\n  expect g\n}',
      `test "t" {
  given { cpr: "0101701234",
          forløb: [{ kind: jobklub, start: 2025-01-06, end: 2025-03-28 },
                   { kind: dagpenge, start: 2025-04-01 },
                   { kind: kontanthjaelp, start: 2025-09-01, end: 2025-10-01 }],
          samtaler: [], x: [{}] }
  expect g
}
`,
    ],
    [
      'a comment inside a list type and a given list is kept (a trailing one at the end of its line)',
      'record R {\n  f: list of { d: date // dato\n  }\n}\ntest "t" {\n  given { f: [{d: 2025-01-01} /* en */] }\n}',
      `record R {
  f: list of {
       d: date // dato
     }
}

test "t" {
  given { f: [{ d: 2025-01-01 }] } /* en */
}
`,
    ],
  ])('%s', (_title, source, expected) => {
    expect(format(source)).toBe(expected);
    expect(format(expected)).toBe(expected);
  });
});
