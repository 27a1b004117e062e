// Cell values as exports write them, through `visit screen` (LANGUAGE.md §7): in a `;` file with
// decimal commas, `1.000` and `2.500` (Danish thousands) were read as 1 and 2.5, which made an
// ineligible citizen eligible; now such a cell is refused with a reason that says why. And
// PostgreSQL's CSV export writes booleans as `t`/`f`, which had every row rejected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

const tmp = tempDir('cell-values');
beforeAll(buildCli);
afterAll(() => tmp.remove());
const AS_OF = ['--as-of', '2026-11-23'];

const RULES = `record R {
  cpr:    text key personal
  indtægt: number          "Månedlig indtægt i kr."
  aktiv:  boolean
}
program hjælp { require indtægt < 3 require aktiv }
`;

describe('Danish thousands in a `;` file', () => {
  it('the issue: 1.000 and 2.500 are refused (the row invalid, the reason says why), never read as 1 and 2.5', async () => {
    const csv = 'cpr;indtægt;aktiv\r\n0101701234;1.000;ja\r\n0202801234;2.500;ja\r\n0303901234;2,5;ja\r\n0404001234;1000;ja\r\n';
    const run = await visit(['screen', tmp.write('r.visit', RULES), tmp.write('dk.csv', csv), ...AS_OF]);
    expect(run.code).toBe(1);
    const reason = (v: string) =>
      `indtægt: expected a number, found "${v}" — '.' is not the decimal separator here (it is ',': 2,5), and a number is written without thousands separators (1000, not 1.000)`;
    expect(ndjson(run.stdout)).toEqual([
      { row: 1, id: '0101701234', status: 'invalid', errors: [reason('1.000')] },
      { row: 2, id: '0202801234', status: 'invalid', errors: [reason('2.500')] },
      { row: 3, id: '0303901234', status: 'ok', groups: {}, programs: { hjælp: 'eligible' } },
      { row: 4, id: '0404001234', status: 'ok', groups: {}, programs: { hjælp: 'ineligible' } },
    ]);
  });

  it('in a `,` file the point is the decimal separator, and a comma in a number cell is refused', async () => {
    const csv = 'cpr,indtægt,aktiv\n0101701234,2.5,ja\n0202801234,"2,500",ja\n';
    const run = await visit(['screen', tmp.write('r.visit', RULES), tmp.write('en.csv', csv), ...AS_OF]);
    const rows = ndjson(run.stdout);
    expect(rows[0]).toMatchObject({ status: 'ok', programs: { hjælp: 'eligible' } });
    expect(rows[1]).toMatchObject({ status: 'invalid', errors: [expect.stringContaining("',' is not the decimal separator here")] });
  });
});

describe('PostgreSQL booleans', () => {
  it('the issue: a `COPY … TO STDOUT (FORMAT csv, HEADER)` export with t/f is read', async () => {
    const csv = 'cpr,indtægt,aktiv\n0101701234,1,t\n0202801234,1,f\n';
    const run = await visit(['screen', tmp.write('r.visit', RULES), '-', ...AS_OF], { input: csv });
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout).map((r) => (r.programs as Record<string, string>).hjælp)).toEqual(['eligible', 'ineligible']);
  });
});
