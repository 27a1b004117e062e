// `visit screen RULES RECORDS`: input formats, output formats, options, exit codes, and every
// kind of malformed input becoming an invalid row with its row number.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit, TRE } from './cli-support';

const tmp = tempDir('screen');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const HEADER = 'cpr;birth_date;unemployed_since;education;literacy;benefit;motivated;native_danish;danish_level;mobile;cv_ready;health;hours_available';
/** Good rows as Danish Excel writes them: `;`, ja/nej, decimal comma, empty cells for missing. */
const SENIOR = '0101701234;1970-01-01;2025-01-15;vocational;4;dagpenge;ja;ja;;ja;ja;no_limits;14,5';
const FORTY = '1003861234;1986-03-10;2026-07-01;vocational;4;dagpenge;ja;ja;;ja;ja;no_limits;37';
/** One of each malformed kind, then an invalid value. */
const UNBALANCED = '0202801234;"1980-02-02;2025-01-01;vocational;4;dagpenge;ja;ja;;ja;ja;no_limits;37';
const TOO_MANY = '0303801234;1980-03-03;2025-01-01;vocational;4;dagpenge;ja;ja;;ja;ja;no_limits;37;extra';
const TOO_FEW = '0404801234;1980-04-04;2025-01-01;vocational;4;dagpenge;ja;ja';
const JUNK_AFTER_QUOTE = '0505801234;1980-05-05;2025-01-01;"vocational"x;4;dagpenge;ja;ja;;ja;ja;no_limits;37';
const BAD_VALUE = '0606801234;1980-06-06;2025-01-01;vocational;7;dagpenge;ja;ja;;ja;ja;no_limits;37';

const BOM = '\uFEFF';
const excelCsv = (...rows: string[]) => BOM + [HEADER, ...rows].join('\r\n') + '\r\n';

const AS_OF = ['--as-of', '2026-11-23'];

describe('visit screen: a Danish Excel export', () => {
  it('screens every row and exits 0 when all are valid', async () => {
    const file = tmp.write('good.csv', excelCsv(SENIOR, FORTY));
    const run = await visit(['screen', TRE, file, ...AS_OF]);
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout)).toEqual([
      {
        row: 1,
        id: '0101701234',
        status: 'ok',
        groups: { unge: false, voksne: false, seniorer: true, målgruppe: true },
        programs: { jobklub: 'eligible', vikar: 'eligible', virksomhedspraktik: 'ineligible' },
      },
      {
        row: 2,
        id: '1003861234',
        status: 'ok',
        groups: { unge: false, voksne: false, seniorer: false, målgruppe: false },
        programs: { jobklub: 'ineligible', vikar: 'ineligible', virksomhedspraktik: 'ineligible' },
      },
    ]);
  });

  it('keeps the exact NDJSON layout of LANGUAGE.md §10', async () => {
    const file = tmp.write('layout.csv', excelCsv(SENIOR));
    const run = await visit(['screen', TRE, file, ...AS_OF]);
    expect(run.stdout).toBe(
      '{"row":1,"id":"0101701234","status":"ok","groups":{"unge":false,"voksne":false,"seniorer":true,"målgruppe":true},' +
        '"programs":{"jobklub":"eligible","vikar":"eligible","virksomhedspraktik":"ineligible"}}\n',
    );
  });

  it.each([
    { kind: 'an unbalanced quote', line: UNBALANCED, error: 'line 4: unbalanced quote starting in column 2' },
    { kind: 'too many cells', line: TOO_MANY, error: 'line 4: expected 13 cells, found 14' },
    { kind: 'too few cells', line: TOO_FEW, error: 'line 4: expected 13 cells, found 8' },
    { kind: 'text after a closing quote', line: JUNK_AFTER_QUOTE, error: "line 4: text after the closing quote in column 4; expected ';' or the end of the line" },
  ])('$kind: an invalid row with its row number, and the run goes on', async ({ line, error }) => {
    const file = tmp.write('malformed.csv', excelCsv(SENIOR, FORTY, line, SENIOR));
    const run = await visit(['screen', TRE, file, ...AS_OF]);
    expect(run.code).toBe(1);
    const rows = ndjson(run.stdout);
    expect(rows.map((r) => [r.row, r.status])).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, 'invalid'],
      [4, 'ok'],
    ]);
    // The key (the first cell, before the damage) is read also on a malformed row (LANGUAGE.md §10).
    expect(rows[2]).toEqual({ row: 3, id: line.slice(0, 10), status: 'invalid', errors: [error] });
  });

  it('a value that does not fit: every reason, the id, and no outcomes', async () => {
    const file = tmp.write('bad-value.csv', excelCsv(BAD_VALUE));
    const run = await visit(['screen', TRE, file, ...AS_OF]);
    expect(run.code).toBe(1);
    expect(ndjson(run.stdout)).toEqual([
      { row: 1, id: '0606801234', status: 'invalid', errors: ['literacy: expected an integer from 1 to 5, found 7'] },
    ]);
  });

  it('CSV with `,`, LF line ends and no BOM is read the same', async () => {
    const comma = [HEADER, SENIOR.replace('14,5', '14.5'), FORTY].map((l) => l.replaceAll(';', ',')).join('\n') + '\n';
    const semicolon = await visit(['screen', TRE, tmp.write('a.csv', excelCsv(SENIOR, FORTY)), ...AS_OF]);
    const commas = await visit(['screen', TRE, tmp.write('b.csv', comma), ...AS_OF]);
    expect(commas.stdout).toBe(semicolon.stdout);
  });

  it('--delimiter overrides detection', async () => {
    const file = tmp.write('forced.csv', excelCsv(SENIOR));
    const run = await visit(['screen', TRE, file, ...AS_OF, '--delimiter', ',']);
    // Read with `,`, the whole `;` header is one unknown column and every field is missing.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('warning');
  });
});

describe('visit screen: other inputs and outputs', () => {
  const records = [
    { cpr: '0101701234', birth_date: '1970-01-01', unemployed_since: '2025-01-15', education: 'vocational', literacy: 4, benefit: 'dagpenge', motivated: true, native_danish: true, mobile: true, cv_ready: true, health: 'no_limits', hours_available: 14.5 },
    { cpr: '1003861234', birth_date: '1986-03-10', unemployed_since: '2026-07-01', education: 'vocational', literacy: 4, benefit: 'dagpenge', motivated: true, native_danish: true, mobile: true, cv_ready: true, health: 'no_limits', hours_available: 37 },
  ];
  const ndjsonInput = records.map((r) => JSON.stringify(r)).join('\n') + '\n';

  it('NDJSON gives the same rows as the same records in CSV', async () => {
    const fromCsv = await visit(['screen', TRE, tmp.write('same.csv', excelCsv(SENIOR, FORTY)), ...AS_OF]);
    const fromNdjson = await visit(['screen', TRE, tmp.write('same.ndjson', ndjsonInput), ...AS_OF]);
    expect(fromNdjson.stdout).toBe(fromCsv.stdout);
    expect(fromNdjson.code).toBe(0);
  });

  it.each([
    { format: 'NDJSON', input: ndjsonInput },
    { format: 'CSV', input: excelCsv(SENIOR, FORTY) },
  ])('stdin `-` ($format, recognised without a file name)', async ({ input }) => {
    const fromFile = await visit(['screen', TRE, tmp.write('file.csv', excelCsv(SENIOR, FORTY)), ...AS_OF]);
    const run = await visit(['screen', TRE, '-', ...AS_OF], { input });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(fromFile.stdout);
  });

  it.each([
    { line: '{"cpr": 1234, oops', error: 'line 2: invalid JSON at column 15: expected a property name in double quotes' },
    { line: '["an array"]', error: 'line 2: expected a JSON object, found an array' },
  ])('NDJSON line $line: an invalid row, the run goes on', async ({ line, error }) => {
    const input = [JSON.stringify(records[0]), line, JSON.stringify(records[1])].join('\n') + '\n';
    const run = await visit(['screen', TRE, tmp.write('broken.ndjson', input), ...AS_OF]);
    expect(run.code).toBe(1);
    const rows = ndjson(run.stdout);
    expect(rows.map((r) => r.status)).toEqual(['ok', 'invalid', 'ok']);
    expect(rows[1]).toEqual({ row: 2, id: null, status: 'invalid', errors: [error] });
  });

  it('--format csv: RFC 4180, one column per group and programme, empty = unknown', async () => {
    const badEnum = SENIOR.replace('dagpenge', 'dagpnge');
    const file = tmp.write('out.csv', excelCsv(SENIOR, badEnum, TOO_FEW));
    const run = await visit(['screen', TRE, file, ...AS_OF, '--format', 'csv']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\r\n')).toEqual([
      'row,id,status,unge,voksne,seniorer,målgruppe,jobklub,vikar,virksomhedspraktik,errors',
      '1,0101701234,ok,false,false,true,true,eligible,eligible,ineligible,',
      // A cell with a comma or a quote is quoted, the quote doubled.
      '2,0101701234,invalid,,,,,,,,"benefit: expected one of dagpenge, kontanthjaelp, uddannelseshjaelp, sygedagpenge, found ""dagpnge"""',
      '3,0404801234,invalid,,,,,,,,"line 4: expected 13 cells, found 8"',
      '',
    ]);
  });

  it('--out FILE: the whole output in the file, nothing on stdout', async () => {
    const input = tmp.write('to-file.csv', excelCsv(SENIOR, FORTY));
    const out = `${tmp.dir}/results.ndjson`;
    const toStdout = await visit(['screen', TRE, input, ...AS_OF]);
    const toFile = await visit(['screen', TRE, input, ...AS_OF, '--out', out]);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
  });
});

describe('visit screen: options', () => {
  it('--param overrides a threshold, type-checked like the declaration', async () => {
    const file = tmp.write('param.csv', excelCsv(SENIOR, FORTY));
    const run = await visit(['screen', TRE, file, ...AS_OF, '--param', 'min_ledighed=4 months', '--param', 'min_timer=14']);
    expect(run.code).toBe(0);
    const rows = ndjson(run.stdout);
    expect(rows[0]!.programs).toMatchObject({ virksomhedspraktik: 'eligible' }); // 14,5 hours >= 14
    expect(rows[1]!.groups).toMatchObject({ voksne: true }); // 4 months since 2026-07-01
  });

  it('--as-of moves the reference date', async () => {
    const file = tmp.write('asof.csv', excelCsv(FORTY));
    const before = ndjson((await visit(['screen', TRE, file, '--as-of', '2026-12-31'])).stdout);
    const after = ndjson((await visit(['screen', TRE, file, '--as-of', '2027-01-01'])).stdout);
    expect(before[0]!.groups).toMatchObject({ voksne: false });
    expect(after[0]!.groups).toMatchObject({ voksne: true }); // six months since 2026-07-01
  });

  it('without --as-of, today is used and named on stderr', async () => {
    const run = await visit(['screen', TRE, tmp.write('today.csv', excelCsv(SENIOR))]);
    expect(run.stderr).toMatch(/^visit: reference date \d{4}-\d{2}-\d{2} \(today\)$/m);
  });

  it('--explain adds the explanation of §6 to every row, personal fields masked', async () => {
    const run = await visit(['screen', TRE, tmp.write('explain.csv', excelCsv(SENIOR)), ...AS_OF, '--explain']);
    const [row] = ndjson(run.stdout) as [{ explain: { programs: Record<string, { outcome: string; lines: { source: string; value: unknown }[]; failed: number[] }> } }];
    const praktik = row.explain.programs.virksomhedspraktik!;
    expect(praktik.outcome).toBe('ineligible');
    expect(praktik.lines[praktik.failed[0]!]).toMatchObject({ source: 'hours_available >= min_timer', value: false });
    expect(run.stdout).toContain('"0101701234"'); // only as the id
    expect(run.stdout.split('0101701234').length).toBe(2);
  });
});

describe('visit screen: could not run (exit 2, nothing written)', () => {
  const out = () => `${tmp.dir}/never-${Math.random().toString(36).slice(2)}.ndjson`;
  it.each([
    { name: 'a bad --as-of', args: (f: string) => [TRE, f, '--as-of', '2026-02-30'], message: "--as-of expects a date YYYY-MM-DD that exists, found '2026-02-30'" },
    { name: 'a --param without =', args: (f: string) => [TRE, f, ...AS_OF, '--param', 'min_timer'], message: '--param expects name=value' },
    { name: 'an unknown param', args: (f: string) => [TRE, f, ...AS_OF, '--param', 'min_timr=3'], message: 'min_timr' },
    { name: 'a param of the wrong type', args: (f: string) => [TRE, f, ...AS_OF, '--param', 'min_ledighed=ja'], message: 'min_ledighed' },
    { name: 'an unreadable records file', args: () => [TRE, `${tmp.dir}/none.csv`, ...AS_OF], message: 'cannot read' },
    { name: 'an unreadable rules file', args: (f: string) => [`${tmp.dir}/none.visit`, f, ...AS_OF], message: 'cannot read' },
    { name: 'an empty records file', args: () => [TRE, tmp.write('empty.csv', ''), ...AS_OF], message: 'expected a header row' },
    { name: 'an unknown --format', args: (f: string) => [TRE, f, ...AS_OF, '--format', 'xml'], message: 'format' },
  ])('$name', async ({ args, message }) => {
    const records = tmp.write('fine.csv', excelCsv(SENIOR));
    const target = out();
    const run = await visit(['screen', ...args(records), '--out', target]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(existsSync(target)).toBe(false);
  });

  it('rule errors print the diagnostics like check', async () => {
    const rules = tmp.write('broken.visit', readFileSync(TRE, 'utf8').replace('require motivated', 'require motivatd'));
    const run = await visit(['screen', rules, tmp.write('r.csv', excelCsv(SENIOR)), ...AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`${rules.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: unknown name 'motivatd'`));
    expect(run.stderr).toContain('^~~~~~~~');
  });
});
