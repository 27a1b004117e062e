// `--as-of` takes every day of the (proleptic Gregorian) calendar, year 0–9999, as the reference
// does (§4); years below 100 were refused (Date.UTC reads 0–99 as 1900–1999: a hostile test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

describe('--as-of dates', () => {
  const tmp = tempDir('as-of-dates');
  let rules: string;
  let csv: string;
  beforeAll(() => {
    buildCli();
    rules = tmp.write('r.visit', 'record C { id: text key, d: date }\ngroup g = time_since(d) >= 1 year\n');
    csv = tmp.write('c.csv', 'id,d\na,0001-01-01\n');
  }, 120_000);
  afterAll(() => tmp.remove());

  it.each([
    ['0099-12-31', 0, '"g":true'],
    ['0010-01-01', 0, '"g":true'],
    ['0001-06-01', 0, '"g":false'],
    ['0000-02-29', 0, '"g":false'], // year 0 is a leap year in the proleptic calendar
    ['1900-02-29', 2, ''],
    ['2026-02-30', 2, ''],
  ])('%s exits %i', async (asOf, code, output) => {
    const r = await visit(['screen', rules, csv, '--as-of', asOf]);
    expect(r.code, r.stderr).toBe(code);
    if (output) expect(r.stdout).toContain(output);
    else expect(r.stderr).toContain(`--as-of expects a date YYYY-MM-DD that exists, found '${asOf}'`);
  });
});
