// `visit screen RULES RECORDS.csv --list NAME=FILE` (LANGUAGE.md §10, §12): a list field from a
// second CSV in long form (the key column, then the element's fields, one line per element). A
// citizen with no lines has an empty list; a malformed line makes its citizen invalid, the reason
// naming the list, the element and the list file's line; lines whose key matches no citizen are
// counted in one warning. One output row per input row, in order, on every path: one thread,
// several threads, stdin, --out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

const tmp = tempDir('lists');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = tmp.write(
  'rules.visit',
  `record Citizen {
  cpr:      text key personal
  alder:    integer
  forløb:   list of {
              kind:  one of (dagpenge, kontanthjaelp, jobklub)
              start: date
              end:   date optional
              timer: number optional
            } optional
  samtaler: list of { dato: date, form: one of (individuel, gruppe), note: text optional personal }
}
group voksen = alder >= 30
`,
);
const AS_OF = ['--as-of', '2026-11-23'];

const errorsOf = (stdout: string) => ndjson(stdout).map((r) => (r['status'] === 'ok' ? 'ok' : (r['errors'] as string[])));

describe('joining by key', () => {
  const main = tmp.write('c.csv', 'cpr;alder\nA1;30\nA2;40\nA3;50\n');
  const forløb = tmp.write(
    'f.csv',
    'cpr;kind;start;end;timer\nA1;dagpenge;2025-01-01;2025-02-01;7,5\nA2;jobklub;2025-04-01;2025-03-01;\nA1;jobklub;2025-13-01;;\nZ9;dagpenge;2025-01-01;;\nZ9;jobklub;2025-01-01;;\nZ8;dagpenge;2025-01-01;;\n',
  );
  const samtaler = tmp.write('s.csv', 'cpr;dato;form;note\nA3;2025-05-05;gruppe;hemmelig\nA3;2025-05-06;tele;hemmelig\n');

  it('malformed lines make their citizen invalid, naming list, element and line; a citizen without lines is valid', async () => {
    const r = await visit(['screen', RULES, main, ...AS_OF, '--list', `forløb=${forløb}`, '--list', `samtaler=${samtaler}`]);
    expect(r.code).toBe(1);
    expect(errorsOf(r.stdout)).toEqual([
      [`forløb[2].start: expected a date YYYY-MM-DD that exists, found "2025-13-01" (${forløb} line 4)`],
      [`forløb[1]: end 2025-03-01 is before start 2025-04-01 (${forløb} line 3)`],
      [`samtaler[2].form: expected one of individuel, gruppe, found "tele" (${samtaler} line 3)`],
    ]);
    expect(r.stdout + r.stderr).not.toContain('hemmelig');
    // The unmatched lines: one warning per list, counts only.
    expect(r.stderr).toContain(`visit: warning: ${forløb}: 3 lines of list forløb matched no record (2 keys not in the records)`);
    expect(r.stderr).not.toContain('Z9');
    expect(r.stderr.match(/matched no record/g)).toHaveLength(1);
  });

  it('the order of --list does not change the order of the reasons', async () => {
    const a = await visit(['screen', RULES, main, ...AS_OF, '--list', `forløb=${forløb}`, '--list', `samtaler=${samtaler}`]);
    const b = await visit(['screen', RULES, main, ...AS_OF, '--list', `samtaler=${samtaler}`, '--list', `forløb=${forløb}`]);
    expect(b.stdout).toBe(a.stdout);
  });

  it('duplicate keys in the records: each row gets the same list', async () => {
    const dup = tmp.write('dup.csv', 'cpr;alder\nA2;40\nA1;30\nA2;41\n');
    const r = await visit(['screen', RULES, dup, ...AS_OF, '--list', `forløb=${forløb}`, '--list', `samtaler=${samtaler}`]);
    const errors = errorsOf(r.stdout);
    expect(errors[0]).toEqual([`forløb[1]: end 2025-03-01 is before start 2025-04-01 (${forløb} line 3)`]);
    expect(errors[2]).toEqual(errors[0]);
  });

  it("an invalid record's list lines are matched: its reasons, then the lines'", async () => {
    const bad = tmp.write('bad.csv', 'cpr;alder\nA2;fyrre\nA1;"3\n');
    const r = await visit(['screen', RULES, bad, ...AS_OF, '--list', `forløb=${forløb}`, '--list', `samtaler=${samtaler}`]);
    expect(r.code).toBe(1);
    const rows = ndjson(r.stdout);
    expect(rows.map((x) => x['id'])).toEqual(['A2', 'A1']);
    expect(rows[0]!['errors']).toEqual(['alder: expected an integer, found "fyrre"', `forløb[1]: end 2025-03-01 is before start 2025-04-01 (${forløb} line 3)`]);
    // Neither A1's nor A2's lines count as unmatched; A3's samtaler do.
    expect(r.stderr).toContain(`${forløb}: 3 lines of list forløb matched no record`);
    expect(r.stderr).toContain(`${samtaler}: 2 lines of list samtaler matched no record (1 key not in the records)`);
  });

  it('a required list without --list: every row invalid, with a warning', async () => {
    const r = await visit(['screen', RULES, main, ...AS_OF, '--list', `forløb=${forløb}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no list file for required list field "samtaler" (--list samtaler=FILE): every row is invalid');
    for (const e of errorsOf(r.stdout)) expect(e).toContain('samtaler: missing (required)');
  });

  it('a record without its key matches no line: a required list makes it invalid', async () => {
    const optionalKey = tmp.write('ok.visit', readFileSync(RULES, 'utf8').replace('text key personal', 'text key personal optional'));
    const nokey = tmp.write('nokey.csv', 'cpr;alder\n;30\n');
    const r = await visit(['screen', optionalKey, nokey, ...AS_OF, '--list', `forløb=${forløb}`, '--list', `samtaler=${samtaler}`]);
    expect(errorsOf(r.stdout)).toEqual([[`samtaler: missing (required; a record without its key matches no line of ${samtaler})`]]);
  });
});

describe('the list file is read like the records (§7)', () => {
  const main = tmp.write('d.csv', 'cpr;alder\nB1;30\nB2;31\n');
  const s = tmp.write('ds.csv', 'cpr;dato;form\nB1;2025-01-01;gruppe\n');
  it.each([
    ['BOM, CRLF, comma-separated', '\uFEFFcpr,kind,start,end,timer\r\nB1,dagpenge,2025-01-01,,7.5\r\nB2,jobklub,2025-01-01,,"1,5"\r\n', [1, `forløb[1].timer: expected a number, found "1,5" — ',' is not the decimal separator here (it is '.': 2.5), and a number is written without thousands separators (1000, not 1,000)`]],
    ['semicolons, decimal comma; a Danish thousands point refused', 'cpr;kind;start;end;timer\nB1;dagpenge;2025-01-01;;7,5\nB2;jobklub;2025-01-01;;1.000\n', [1, `forløb[1].timer: expected a number, found "1.000" — '.' is not the decimal separator here (it is ',': 2,5), and a number is written without thousands separators (1000, not 1.000)`]],
    ['a stray quote is one malformed line', 'cpr;kind;start;end;timer\nB1;dagpenge;2025-01-01;;7\nB2;"jobklub;2025-01-01;;\nB2;dagpenge;2025-01-01;;\n', [1, 'forløb[1]: unbalanced quote starting in column 2']],
  ])('%s', async (_, text, [row, reason]) => {
    const f = tmp.write(`dialect-${String(row)}-${text.length}.csv`, text);
    const r = await visit(['screen', RULES, main, ...AS_OF, '--list', `forløb=${f}`, '--list', `samtaler=${s}`]);
    const errors = errorsOf(r.stdout);
    expect(errors[0]).toBe('ok');
    const got = errors[row as number] as string[];
    expect(got).toHaveLength(1);
    expect(got[0]!.replace(/ \(\S+ line \d+\)$/, '')).toBe(reason);
  });

  it('Windows-1252 is read with one warning that names the list file', async () => {
    const f = tmp.write('w1252.csv', Buffer.from('cpr;kind;start;end;timer;bemærkning\nB1;dagpenge;2025-01-01;;;Søren\n', 'latin1'));
    const r = await visit(['screen', RULES, main, ...AS_OF, '--list', `forløb=${f}`, '--list', `samtaler=${s}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`warning: ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*Windows-1252`));
    expect(r.stderr).toContain('ignoring a column not in the record declaration: "bemærkning"');
  });

  it('lines without a readable key are counted in a warning', async () => {
    const f = tmp.write('nokeyline.csv', 'cpr;kind;start;end;timer\n;dagpenge;2025-01-01;;\nB1;dagpenge;2025-01-01;;\n');
    const r = await visit(['screen', RULES, main, ...AS_OF, '--list', `forløb=${f}`, '--list', `samtaler=${s}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${f}: 1 line has no readable key (the first: line 2) and belongs to no record`);
  });
});

describe('could not run: exit 2, nothing written', () => {
  const main = tmp.write('e.csv', 'cpr;alder\nC1;30\n');
  const f = tmp.write('ef.csv', 'cpr;kind;start\nC1;dagpenge;2025-01-01\n');
  it.each([
    [['--list', `alder=${f}`], '--list alder: "alder" is not a list field of the record'],
    [['--list', `forloeb=${f}`], '--list forloeb: the record has no field "forloeb"'],
    [['--list', 'forløb'], "--list expects NAME=FILE (e.g. --list forløb=forloeb.csv), found no '='"],
    [['--list', `forløb=${f}`, '--list', `forløb=${f}`], '--list forløb is given twice'],
    [['--list', `forløb=${join(tmp.dir, 'nope.csv')}`], `cannot read ${join(tmp.dir, 'nope.csv')}: no such file or directory`],
    [['--list', `samtaler=${tmp.write('nokeycol.csv', 'id;dato;form\n')}`], `no column "cpr" (the record's key field) in the header`],
  ])('%j', async (args, message) => {
    const out = join(tmp.dir, 'never.ndjson');
    const r = await visit(['screen', RULES, main, ...AS_OF, ...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('NDJSON records hold their lists themselves', async () => {
    const nd = tmp.write('e.ndjson', '{"cpr":"C1","alder":30,"samtaler":[]}\n');
    const r = await visit(['screen', RULES, nd, ...AS_OF, '--list', `forløb=${f}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--list forløb: lists from a second file are for CSV records; in NDJSON a list is an array of objects in each line');
  });
});

describe('every path gives the same bytes: one thread, several, stdin, --out', () => {
  // 600 citizens, some keys twice, some invalid; list lines interleaved, some malformed, some unmatched.
  const rows: string[] = ['cpr;alder'];
  const lines: string[] = ['cpr;kind;start;end;timer'];
  const talks: string[] = ['cpr;dato;form'];
  for (let i = 0; i < 600; i++) rows.push(`K${i % 550};${i % 37 === 0 ? 'x' : 20 + (i % 40)}`);
  for (let r = 0; r < 6; r++) {
    for (let i = 0; i < 700; i += 1 + r) {
      lines.push(`K${i};${['dagpenge', 'jobklub', 'kontanthjaelp'][(i + r) % 3]};2025-0${1 + r}-1${i % 10};${(i * r) % 11 === 0 ? '2024-01-01' : ''};${i % 5},5`);
      if (i % 2 === 0) talks.push(`K${i};2025-0${1 + r}-0${1 + (i % 9)};${i % 53 === 0 ? 'tele' : 'gruppe'}`);
    }
  }
  const main = tmp.write('many.csv', `${rows.join('\n')}\n`);
  const f = tmp.write('many-f.csv', `${lines.join('\r\n')}\r\n`);
  const s = tmp.write('many-s.csv', `${talks.join('\n')}\n`);
  const lists = ['--list', `forløb=${f}`, '--list', `samtaler=${s}`];

  it('NDJSON and CSV output', async () => {
    for (const format of ['ndjson', 'csv']) {
      const args = ['screen', RULES, main, ...AS_OF, ...lists, '--format', format];
      const one = await visit(args, { env: { VISIT_SCREEN_THREADS: '1' } });
      expect(one.code).toBe(1);
      const body = one.stdout.split('\n').filter((l) => l !== '');
      expect(body).toHaveLength(format === 'csv' ? 601 : 600);
      if (format === 'ndjson') expect(ndjson(one.stdout).map((r) => r['row'])).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
      const warning = one.stderr.split('\n').filter((l) => l.includes('matched no record'));
      expect(warning).toHaveLength(2);
      for (const segment of ['200', '1000']) {
        const many = await visit(args, { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: segment } });
        expect(many.stdout).toBe(one.stdout);
        expect(many.stderr.split('\n').filter((l) => l.includes('matched no record'))).toEqual(warning);
      }
      const piped = await visit(['screen', RULES, '-', ...AS_OF, ...lists, '--format', format, '--input-format', 'csv'], { input: readFileSync(main) });
      expect(piped.stdout).toBe(one.stdout);
      const out = join(tmp.dir, `out.${format}`);
      const written = await visit([...args, '--out', out], { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: '300' } });
      expect(written.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(one.stdout);
    }
  }, 60_000);
});

describe('screened with lists in the rules: NDJSON arrays and --list files give the same output', () => {
  // examples/historik: rules over forløb and samtaler (any/none/count/time_in), the same citizens
  // as NDJSON with arrays and as CSV with two long-form list files.
  const dir = join(__dirname, '..', '..', '..', 'examples', 'historik');
  const rules = join(dir, 'historik.visit');
  it.each([[[]], [['--explain']], [['--format', 'csv']]])('%j', async (extra) => {
    const nd = await visit(['screen', rules, join(dir, 'citizens.ndjson'), ...AS_OF, ...extra]);
    expect(nd.code).toBe(0);
    const args = ['screen', rules, join(dir, 'citizens.csv'), ...AS_OF, ...extra, '--list', `forløb=${join(dir, 'forloeb.csv')}`, '--list', `samtaler=${join(dir, 'samtaler.csv')}`];
    const one = await visit(args, { env: { VISIT_SCREEN_THREADS: '1' } });
    expect(one.stdout).toBe(nd.stdout);
    const many = await visit(args, { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: '1500' } });
    expect(many.stdout).toBe(nd.stdout);
  });
});
