// Booleans in CSV cells and NDJSON text values (LANGUAGE.md §7): `true/false`, `t/f`, `1/0`,
// `ja/nej`, `yes/no`, in any letter case. `t`/`f` is how PostgreSQL's CSV export writes them: a
// file from `COPY … TO … CSV` had every row rejected.
import { describe, expect, it } from 'vitest';
import { compile, type Screener } from '../src/index';

const SOURCE = `record R {
  id:   text key
  flag: boolean
}
`;

function screener(): Screener {
  const compiled = compile(SOURCE, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.screener;
}
const s = screener();
const reader = s.csvReader(['id', 'flag']);

describe('boolean cells', () => {
  it.each([
    ['t', true],
    ['f', false],
    ['T', true],
    ['F', false],
    [' t ', true],
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['ja', true],
    ['Nej', false],
    ['yes', true],
    ['NO', false],
  ])('%j → %j (CSV and NDJSON text alike)', (cell, value) => {
    expect(reader.read(['x', cell])).toMatchObject({ ok: true, record: { flag: value } });
    expect(s.validateJson({ id: 'x', flag: cell })).toMatchObject({ ok: true, record: { flag: value } });
  });

  it.each(['tr', 'y', 'n', 'ok', '2', 'tt', 'sand'])('%j is refused, and the reason lists every accepted word', (cell) => {
    expect(reader.read(['x', cell])).toEqual({
      ok: false,
      id: 'x',
      errors: [`flag: expected a boolean (true/false, t/f, 1/0, ja/nej, yes/no), found ${JSON.stringify(cell)}`],
    });
  });

  it('a PostgreSQL CSV export (`COPY … CSV HEADER`) reads', () => {
    const rows = [['1', 't'], ['2', 'f'], ['3', '']];
    expect(rows.map((r) => reader.read(r))).toEqual([
      { ok: true, id: '1', record: expect.objectContaining({ flag: true }) },
      { ok: true, id: '2', record: expect.objectContaining({ flag: false }) },
      { ok: false, id: '3', errors: ['flag: missing (required)'] },
    ]);
  });
});
