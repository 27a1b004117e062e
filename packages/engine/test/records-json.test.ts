// Typed JSON records (NDJSON lines, API objects) validated against the record declaration with
// ajv: every reason, each naming the field and what was expected, never a personal field's value;
// "" and null are missing.
import { describe, expect, it } from 'vitest';
import { compile, type Screener } from '../src/index';

const SOURCE = `record Citizen {
  cpr:          text key personal       "CPR-nummer"
  birth_date:   date                    "Fødselsdato"
  benefit:      one of (dagpenge, kontanthjaelp, uddannelseshjaelp, sygedagpenge)
  literacy:     integer 1..5 optional
  hours:        number 0..37 optional
  spell:        integer in weeks optional
  motivated:    boolean optional
  note:         text optional
  health:       one of (ok, limited) optional personal
}
group g = literacy >= 3 or note = "x" or hours > 1 or spell > 1 or motivated or health = ok
`;

function screener(): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}
const s = screener();
const VALID = { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge' };

describe('one reason per bad field, naming it and what was expected', () => {
  it.each([
    [{ birth_date: '2023-02-30' }, 'birth_date: expected a date YYYY-MM-DD that exists, found "2023-02-30"'],
    [{ birth_date: '2023-2-3' }, 'birth_date: expected a date YYYY-MM-DD that exists, found "2023-2-3"'],
    [{ birth_date: 19700101 }, 'birth_date: expected a date YYYY-MM-DD that exists, found 19700101'],
    [
      { benefit: 'kontanthjælp' },
      'benefit: expected one of dagpenge, kontanthjaelp, uddannelseshjaelp, sygedagpenge, found "kontanthjælp"',
    ],
    [{ literacy: 7 }, 'literacy: expected an integer from 1 to 5, found 7'],
    [{ literacy: 2.5 }, 'literacy: expected an integer from 1 to 5, found 2.5'],
    [{ literacy: 'tre' }, 'literacy: expected an integer from 1 to 5, found "tre"'],
    [{ literacy: '7' }, 'literacy: expected an integer from 1 to 5, found "7"'],
    [
      { hours: '7,5' },
      `hours: expected a number from 0 to 37, found "7,5" — in text, '.' and ',' could each be a decimal or a thousands separator (1.000 is a thousand in Danish): write the number as a JSON number (2.5, 1000), not as text`,
    ],
    [{ hours: -1 }, 'hours: expected a number from 0 to 37, found -1'],
    [{ spell: "x" }, "spell: expected an integer (weeks), found \"x\""],
    [{ motivated: 'maybe' }, 'motivated: expected a boolean (true/false, t/f, 1/0, ja/nej, yes/no), found "maybe"'],
    [{ motivated: 2 }, 'motivated: expected a boolean (true/false, t/f, 1/0, ja/nej, yes/no), found 2'],
    [{ note: 5 }, 'note: expected text, found 5'],
    [{ note: { a: 1 } }, 'note: expected text, found an object'],
    [{ note: [1] }, 'note: expected text, found a list'],
    [{ benefit: undefined }, 'benefit: missing (required)'],
    [{ benefit: null }, 'benefit: missing (required)'],
    [{ benefit: '' }, 'benefit: missing (required)'],
  ])('%j → %s', (change, message) => {
    const result = s.screen({ ...VALID, ...change });
    expect(result).toEqual({ id: '0101701234', status: 'invalid', errors: [message] });
  });

  it('lists every reason, in declaration order', () => {
    expect(s.screen({ literacy: 0, benefit: 'x', motivated: 'maybe' })).toEqual({
      id: null,
      status: 'invalid',
      errors: [
        'cpr: missing (required)',
        'birth_date: missing (required)',
        'benefit: expected one of dagpenge, kontanthjaelp, uddannelseshjaelp, sygedagpenge, found "x"',
        'literacy: expected an integer from 1 to 5, found 0',
        'motivated: expected a boolean (true/false, t/f, 1/0, ja/nej, yes/no), found "maybe"',
      ],
    });
  });

  it.each([null, 5, 'text', [VALID], true])('a record that is not an object (%j) is invalid', (input) => {
    const result = s.screen(input);
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.errors[0]).toMatch(/^record: expected a JSON object, found /);
  });
});

describe('personal fields: the value is withheld', () => {
  it.each([
    [{ cpr: 101701234 }, 'cpr: expected text, found a number (value withheld: personal data)', null],
    [{ health: 'bad-health-value' }, 'health: expected one of ok, limited, found text (value withheld: personal data)', '0101701234'],
    [{ health: true }, 'health: expected one of ok, limited, found a boolean (value withheld: personal data)', '0101701234'],
    // a CPR number in a field that is not personal is withheld too
    [{ birth_date: '0101701234' }, 'birth_date: expected a date YYYY-MM-DD that exists, found something that looks like a CPR number (value withheld: personal data)', '0101701234'],
    [{ literacy: 101701234 }, 'literacy: expected an integer from 1 to 5, found something that looks like a CPR number (value withheld: personal data)', '0101701234'],
  ])('%j → %s', (change, message, id) => {
    const result = s.screen({ ...VALID, ...change });
    expect(result).toEqual({ id, status: 'invalid', errors: [message] });
    // The key appears only as the row's id (§3); never in a reason.
    expect(JSON.stringify(result.status === 'invalid' && result.errors)).not.toMatch(/bad-health-value|101701234/);
  });
});

describe('values written as text are read like CSV cells', () => {
  it.each([
    [{ literacy: '3' }, 'literacy', 3],
    [{ literacy: ' 4 ' }, 'literacy', 4],
    [{ hours: '7' }, 'hours', 7],
    [{ hours: 7.5 }, 'hours', 7.5],
    [{ motivated: 'ja' }, 'motivated', true],
    [{ motivated: 'NEJ' }, 'motivated', false],
    [{ motivated: 1 }, 'motivated', true],
    [{ motivated: 0 }, 'motivated', false],
    [{ birth_date: ' 1970-01-01 ' }, 'birth_date', '1970-01-01'],
    [{ benefit: 'dagpenge ' }, 'benefit', 'dagpenge'],
  ])('%j → %s = %j', (change, field, value) => {
    const result = s.validateJson({ ...VALID, ...change });
    expect(result.ok && result.record[field]).toBe(value);
  });
});

describe('missing values', () => {
  it.each([
    [{ literacy: null }],
    [{ literacy: '' }],
    [{ literacy: undefined }],
    [{ note: '' }],
    [{ note: '   ' }],
    [{}],
  ])('%j is a missing optional field, not an error', (change) => {
    const result = s.screen({ ...VALID, ...change });
    expect(result.status).toBe('ok');
    expect(result.status === 'ok' && result.groups.g).toBe(null);
  });
});

describe('id and key order', () => {
  it('an ok row has the keys row, id, status, groups, programs in that order', () => {
    const result = s.screen({ ...VALID, literacy: 4 }, { row: 7 });
    expect(Object.keys(result)).toEqual(['row', 'id', 'status', 'groups', 'programs']);
    expect(result).toEqual({ row: 7, id: '0101701234', status: 'ok', groups: { g: true }, programs: {} });
  });

  it('an invalid row has the keys row, id, status, errors in that order', () => {
    const result = s.screen({ ...VALID, literacy: 9 }, { row: 3 });
    expect(Object.keys(result)).toEqual(['row', 'id', 'status', 'errors']);
  });

  it('an explained row ends with explain', () => {
    expect(Object.keys(s.screen(VALID, { row: 1, explain: true }))).toEqual(['row', 'id', 'status', 'groups', 'programs', 'explain']);
  });

  it('keys that are not declared fields are ignored', () => {
    expect(s.screen({ ...VALID, extra: 'x', notes: 1 }).status).toBe('ok');
  });
});
