// CSV rows (LANGUAGE.md §7): columns matched to fields once per header, each cell coerced to its
// field's type (integers, decimal comma, real dates, Danish and English booleans, enum values,
// empty = missing), every reason for a row that does not fit, and header warnings.
import { describe, expect, it } from 'vitest';
import { compile, type Screener } from '../src/index';

const SOURCE = `record Citizen {
  cpr:        text key personal
  birth_date: date
  benefit:    one of (dagpenge, kontanthjaelp)
  literacy:   integer 1..5 optional
  hours:      number 0..37 optional
  motivated:  boolean optional
  note:       text optional
  health:     one of (ok, limited) optional personal
}
group g = benefit = dagpenge and motivated and literacy >= 3
`;

function screener(): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}
const s = screener();
const HEADER = ['cpr', 'birth_date', 'benefit', 'literacy', 'hours', 'motivated', 'note', 'health'];
const BASE: Record<string, string> = { cpr: '0101701234', birth_date: '1970-01-01', benefit: 'dagpenge' };

/** Reads one row given as field → cell (other cells empty). */
function read(cells: Record<string, string>, decimalComma = false) {
  const row = HEADER.map((h) => ({ ...BASE, ...cells })[h] ?? '');
  return s.csvReader(HEADER, { decimalComma }).read(row);
}

describe('cells become typed values', () => {
  it.each([
    ['literacy', '3', 3],
    ['literacy', ' 3 ', 3],
    ['literacy', '+3', 3],
    ['hours', '7.5', 7.5],
    ['hours', '37', 37],
    ['hours', '.5', 0.5],
    ['motivated', 'true', true],
    ['motivated', 'false', false],
    ['motivated', '1', true],
    ['motivated', '0', false],
    ['motivated', 'ja', true],
    ['motivated', 'nej', false],
    ['motivated', 'yes', true],
    ['motivated', 'no', false],
    ['motivated', 'JA', true],
    ['motivated', 'Nej', false],
    ['motivated', 'TRUE', true],
    ['birth_date', '2024-02-29', '2024-02-29'],
    ['benefit', 'kontanthjaelp', 'kontanthjaelp'],
    ['note', '  two words ', 'two words'],
    ['note', 'ærø', 'ærø'],
  ])('%s %j → %j', (field, cell, value) => {
    const result = read({ [field]: cell });
    expect(result).toMatchObject({ ok: true, id: '0101701234' });
    expect(result.ok && result.record[field]).toBe(value);
  });

  it.each([
    ['hours', '7,5', 7.5],
    ['hours', '0,25', 0.25],
  ])('with decimal comma: %s %j → %j', (field, cell, value) => {
    const result = read({ [field]: cell }, true);
    expect(result.ok && result.record[field]).toBe(value);
  });

  it.each(['literacy', 'hours', 'motivated', 'note', 'health'])('an empty %s cell is missing', (field) => {
    const result = read({ [field]: '' });
    expect(result.ok && result.record[field]).toBe(undefined);
    const blank = read({ [field]: '   ' });
    expect(blank.ok && blank.record[field]).toBe(undefined);
  });
});

describe('a row that does not fit gives every reason', () => {
  it.each([
    ['birth_date', '2023-02-29', 'birth_date: expected a date YYYY-MM-DD that exists, found "2023-02-29"'],
    ['birth_date', '29-02-2024', 'birth_date: expected a date YYYY-MM-DD that exists, found "29-02-2024"'],
    ['birth_date', '', 'birth_date: missing (required)'],
    ['benefit', 'Dagpenge', 'benefit: expected one of dagpenge, kontanthjaelp, found "Dagpenge"'],
    ['literacy', '7', 'literacy: expected an integer from 1 to 5, found 7'],
    ['literacy', '3.0', 'literacy: expected an integer from 1 to 5, found 3.0'],
    ['literacy', 'tre', 'literacy: expected an integer from 1 to 5, found "tre"'],
    ['hours', '7,5', `hours: expected a number from 0 to 37, found "7,5" — ',' is not the decimal separator here (it is '.': 2.5), and a number is written without thousands separators (1000, not 1,000)`],
    ['hours', '1e3', 'hours: expected a number from 0 to 37, found "1e3"'],
    ['motivated', 'y', 'motivated: expected a boolean (true/false, t/f, 1/0, ja/nej, yes/no), found "y"'],
    ['health', 'bad-health-value', 'health: expected one of ok, limited, found text (value withheld: personal data)'],
    // a CPR number in the wrong column is withheld even where the field is not personal
    ['birth_date', '0101701234', 'birth_date: expected a date YYYY-MM-DD that exists, found something that looks like a CPR number (value withheld: personal data)'],
    ['benefit', '010170-1234', 'benefit: expected one of dagpenge, kontanthjaelp, found something that looks like a CPR number (value withheld: personal data)'],
    ['literacy', '101701234', 'literacy: expected an integer from 1 to 5, found something that looks like a CPR number (value withheld: personal data)'],
  ])('%s %j → %s', (field, cell, message) => {
    expect(read({ [field]: cell })).toEqual({ ok: false, id: '0101701234', errors: [message] });
  });

  it('lists every reason in declaration order, and no id when the key is missing', () => {
    expect(read({ cpr: '', benefit: 'x', literacy: '0', motivated: 'maybe' })).toEqual({
      ok: false,
      id: null,
      errors: [
        'cpr: missing (required)',
        'benefit: expected one of dagpenge, kontanthjaelp, found "x"',
        'literacy: expected an integer from 1 to 5, found 0',
        'motivated: expected a boolean (true/false, t/f, 1/0, ja/nej, yes/no), found "maybe"',
      ],
    });
  });

  it.each([
    [['0101701234', '1970-01-01'], 'row: has 2 cells, the header has 8'],
    [[...HEADER.map(() => 'x'), 'extra'], 'row: has 9 cells, the header has 8'],
  ])('a row with the wrong number of cells (%j) is invalid', (cells, message) => {
    const result = s.csvReader(HEADER).read(cells);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toBe(message);
  });
});

describe('the header', () => {
  it.each([
    [HEADER, []],
    [['\uFEFFcpr', ...HEADER.slice(1)], []],
    [[' cpr ', ...HEADER.slice(1)], []],
    [[...HEADER, 'kommune', 'sagsbehandler'], ['ignoring 2 columns not in the record declaration: "kommune", "sagsbehandler"']],
    [[...HEADER, 'kommune'], ['ignoring a column not in the record declaration: "kommune"']],
    [HEADER.filter((h) => h !== 'note'), ['no column for optional field "note": it is missing in every row']],
    [HEADER.filter((h) => h !== 'benefit'), ['no column for required field "benefit": every row is invalid']],
    [[...HEADER, 'note'], ['column "note" appears more than once; the first one is read']],
    [[...HEADER, '0101701234'], ['ignoring a column not in the record declaration: (a name that looks like a CPR number, withheld)']],
  ])('%j → warnings %j', (header, warnings) => {
    expect(s.csvReader(header).warnings).toEqual(warnings);
  });

  it('a first row of data instead of a header is named as such, without its cells', () => {
    const warnings = s.csvReader(['0101701234', '1970-01-01', 'dagpenge']).warnings;
    expect(warnings[0]).toBe(
      'no column of the header names a field of the record (expected a header row with cpr, birth_date, benefit, literacy, hours, motivated, note, health); ignoring 3 columns',
    );
    expect(warnings.join('\n')).not.toMatch(/0101701234|1970-01-01/);
  });

  it('a required field without a column makes every row invalid with that reason', () => {
    const header = ['cpr', 'birth_date'];
    const reader = s.csvReader(header);
    expect(reader.read(['0101701234', '1970-01-01'])).toEqual({ ok: false, id: '0101701234', errors: ['benefit: missing (required)'] });
  });

  it('columns may come in any order', () => {
    const reader = s.csvReader(['benefit', 'motivated', 'literacy', 'birth_date', 'cpr']);
    const result = reader.read(['dagpenge', 'ja', '4', '1970-01-01', '0101701234']);
    expect(result.ok).toBe(true);
    expect(s.screenCoerced(result, { row: 2 })).toEqual({
      row: 2,
      id: '0101701234',
      status: 'ok',
      groups: { g: true },
      programs: {},
    });
  });
});
