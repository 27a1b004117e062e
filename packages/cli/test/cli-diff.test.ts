// `visit diff` as a real process (LANGUAGE.md §10, §17): its transitions equal those computed the
// way a policy officer did by hand (screen twice with `visit screen`, join the outputs row by row);
// two files and one file with two param sets give the same transitions; one file at two dates with
// a dated param; `--rows` holds exactly the changed rows; the report (text, JSON) never holds an
// id or a CPR number; rule errors in either file and usage errors exit 2 with nothing written.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, EXAMPLES, ndjson, tempDir, TRE, TRE_CSV, visit } from './cli-support';

beforeAll(buildCli);
const tmp = tempDir('diff');
afterAll(() => tmp.remove());

const AS_OF = '2026-11-23';
const RULES = readFileSync(TRE, 'utf8');
const CHANGED = RULES.replace(/param min_læs( +)= 3/, 'param min_læs$1= 2').replace(/param min_ledighed = 6 months/, 'param min_ledighed = 9 months');
const OUTCOMES = ['eligible', 'ineligible', 'undetermined'];

interface DiffJson {
  rows: number;
  valid: number;
  invalid: { both: number; oldOnly: number; newOnly: number };
  changedRows: number;
  programs: { name: string; matrix: Record<string, Record<string, number>>; changed: number }[];
  groups: { name: string; matrix: Record<string, Record<string, number>> }[];
  lines: { program: string; source: string; was: string; now: string; from: string; to: string; rows: number }[];
  by: { spec: string; keys: { key: string; rows: number }[] }[];
}

/** The transitions the slow way: `visit screen` with each side, outputs joined by row number. */
async function byHand(oldRules: string, newRules: string, records: string, newArgs: string[] = [], oldArgs: string[] = ['--as-of', AS_OF]): Promise<Map<string, Record<string, Record<string, number>>>> {
  const a = await visit(['screen', oldRules, records, ...oldArgs]);
  const b = await visit(['screen', newRules, records, ...(newArgs.includes('--as-of') ? [] : ['--as-of', AS_OF]), ...newArgs]);
  expect([0, 1]).toContain(a.code);
  const ra = ndjson(a.stdout);
  const rb = ndjson(b.stdout);
  expect(ra).toHaveLength(rb.length);
  const out = new Map<string, Record<string, Record<string, number>>>();
  ra.forEach((row, i) => {
    const other = rb[i]!;
    if (row.status !== 'ok' || other.status !== 'ok') return;
    for (const [name, o] of Object.entries(row.programs as Record<string, string>)) {
      const m = out.get(name) ?? Object.fromEntries(OUTCOMES.map((x) => [x, Object.fromEntries(OUTCOMES.map((y) => [y, 0]))]));
      m[o]![(other.programs as Record<string, string>)[name]!]!++;
      out.set(name, m);
    }
  });
  return out;
}

describe('visit diff OLD NEW RECORDS', () => {
  it('gives the transitions of two visit screen runs joined row by row', async () => {
    const newFile = tmp.write('new.visit', CHANGED);
    const run = await visit(['diff', TRE, newFile, TRE_CSV, '--as-of', AS_OF, '--format', 'json']);
    expect(run.code).toBe(0);
    const d = JSON.parse(run.stdout) as DiffJson;
    const expected = await byHand(TRE, newFile, TRE_CSV);
    expect(new Map(d.programs.map((p) => [p.name, p.matrix]))).toEqual(expected);
    expect(d.rows).toBe(200);
    expect(d.changedRows).toBeGreaterThan(0);
    expect(d.lines.length).toBeGreaterThan(0);
    expect(run.stderr).toContain(`reference date ${AS_OF}`);
  });

  it('one file with --new-param gives the same transitions as the two files', async () => {
    const newFile = tmp.write('new2.visit', CHANGED);
    const two = JSON.parse((await visit(['diff', TRE, newFile, TRE_CSV, '--as-of', AS_OF, '--format', 'json'])).stdout) as DiffJson;
    const one = await visit(['diff', TRE, TRE_CSV, '--as-of', AS_OF, '--format', 'json', '--new-param', 'min_læs=2', '--new-param', 'min_ledighed=9 months']);
    expect(one.code).toBe(0);
    const d = JSON.parse(one.stdout) as DiffJson;
    expect(d.programs).toEqual(two.programs);
    expect(d.groups).toEqual(two.groups);
    expect(d.lines.map((l) => [l.program, l.source, l.was, l.now, l.from, l.to, l.rows])).toEqual(two.lines.map((l) => [l.program, l.source, l.was, l.now, l.from, l.to, l.rows]));
  });

  it('a file against an identical copy: only the diagonal, equal to visit screen', async () => {
    const copy = tmp.write('copy.visit', RULES);
    const d = JSON.parse((await visit(['diff', TRE, copy, TRE_CSV, '--as-of', AS_OF, '--format', 'json'])).stdout) as DiffJson;
    expect(d.changedRows).toBe(0);
    expect(new Map(d.programs.map((p) => [p.name, p.matrix]))).toEqual(await byHand(TRE, copy, TRE_CSV));
    for (const p of d.programs) expect(p.changed).toBe(0);
  });
});

describe('one file at two dates (a dated param, §13)', () => {
  const rules = `record R {
  id: text key
  uger_i_praktik: integer 0..52
}
param max_praktik = 8
param max_praktik = 4 from 2017-01-01
program praktik "Praktik" {
  require uger_i_praktik <= max_praktik "Within the longest placement"
}
`;
  const records = ['{"id":"a","uger_i_praktik":2}', '{"id":"b","uger_i_praktik":6}', '{"id":"c","uger_i_praktik":8}', '{"id":"d","uger_i_praktik":9}'].join('\n') + '\n';
  it('shows what the law change does', async () => {
    const file = tmp.write('dated.visit', rules);
    const recs = tmp.write('dated.ndjson', records);
    const rowsFile = join(tmp.dir, 'dated-rows.ndjson');
    const run = await visit(['diff', file, recs, '--old-as-of', '2016-12-31', '--new-as-of', '2017-01-01', '--format', 'json', '--rows', rowsFile]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('reference dates 2016-12-31 (old) and 2017-01-01 (new)');
    const d = JSON.parse(run.stdout) as DiffJson;
    expect(d.programs[0]!.matrix).toEqual({
      eligible: { eligible: 1, ineligible: 2, undetermined: 0 },
      ineligible: { eligible: 0, ineligible: 1, undetermined: 0 },
      undetermined: { eligible: 0, ineligible: 0, undetermined: 0 },
    });
    expect(d.lines).toEqual([expect.objectContaining({ source: 'uger_i_praktik <= max_praktik', was: 'passes', now: 'fails', from: 'eligible', to: 'ineligible', rows: 2 })]);
    expect(ndjson(readFileSync(rowsFile, 'utf8'))).toEqual([
      { row: 2, id: 'b', program: 'praktik', old: 'eligible', new: 'ineligible' },
      { row: 3, id: 'c', program: 'praktik', old: 'eligible', new: 'ineligible' },
    ]);
  });
  it('text: the line that moved rows, in words', async () => {
    const file = tmp.write('dated2.visit', rules);
    const run = await visit(['diff', file, '-', '--old-as-of', '2016-12-31', '--new-as-of', '2017-01-01'], { input: records });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('praktik line 8 `require uger_i_praktik <= max_praktik` now fails for 2 rows that were eligible (now ineligible)');
    expect(run.stdout).toMatch(/programme praktik "Praktik": 2 of 4 rows changed/);
  });
});

describe('lists from second files (--list, §12), at two dates', () => {
  const H = join(EXAMPLES, 'historik');
  const lists = ['--list', `forløb=${join(H, 'forloeb.csv')}`, '--list', `samtaler=${join(H, 'samtaler.csv')}`];
  it('equals two visit screen --list runs joined row by row', async () => {
    const rules = join(H, 'historik.visit');
    const records = join(H, 'citizens.csv');
    const run = await visit(['diff', rules, records, ...lists, '--old-as-of', '2025-06-30', '--new-as-of', '2025-07-01', '--format', 'json']);
    expect(run.code).toBe(0);
    const d = JSON.parse(run.stdout) as DiffJson;
    expect(d.changedRows).toBeGreaterThan(0);
    const expected = await byHand(rules, rules, records, [...lists, '--as-of', '2025-07-01'], [...lists, '--as-of', '2025-06-30']);
    expect(new Map(d.programs.map((p) => [p.name, p.matrix]))).toEqual(expected);
  });
  it('a programme that ends is only in the old side', async () => {
    const run = await visit(['diff', join(H, 'historik.visit'), join(H, 'citizens.csv'), ...lists, '--old-as-of', '2016-12-31', '--new-as-of', '2017-01-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/only in old\n {2}programme jobklub: eligible \d+, ineligible \d+, undetermined \d+/);
  });
});

describe('--by', () => {
  it('age bands and an enum field, keys in order', async () => {
    const run = await visit(['diff', TRE, TRE_CSV, '--as-of', AS_OF, '--new-param', 'min_læs=2', '--format', 'json', '--by', 'age_of(birth_date):10 years', '--by', 'benefit']);
    expect(run.code).toBe(0);
    const d = JSON.parse(run.stdout) as DiffJson;
    expect(d.by.map((b) => b.spec)).toEqual(['age_of(birth_date):10 years', 'benefit']);
    const ages = d.by[0]!.keys.map((k) => k.key);
    expect(ages.every((k) => /^\d+–\d+ years$/.test(k))).toBe(true);
    expect(ages).toEqual([...ages].sort((x, y) => parseInt(x, 10) - parseInt(y, 10)));
    expect(d.by[1]!.keys.map((k) => k.key)).toEqual(['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge']);
    for (const b of d.by) expect(b.keys.reduce((n, k) => n + k.rows, 0)).toBe(d.valid);
  });
  it('Danish labels with --lang da', async () => {
    const run = await visit(['diff', TRE, TRE_CSV, '--as-of', AS_OF, '--new-param', 'min_læs=2', '--by', 'age_of(birth_date):10 år', '--lang', 'da']);
    expect(run.stdout).toMatch(/^ {2}30–39 år \(\d+ rækker\)/m);
  });

  // The words of the text and the HTML page in Danish: the same counts, no English word left.
  it.each(['text', 'html'])('--lang da: the %s report in Danish', async (format) => {
    const run = await visit(['diff', TRE, TRE_CSV, '--as-of', AS_OF, '--new-param', 'min_læs=2', '--by', 'benefit', '--format', format, '--lang', 'da']);
    expect(run.code).toBe(0);
    const words = format === 'text'
      ? ['før:', 'efter:', '200 rækker, 190 gyldige efter begge regelsæt', 'fik et andet udfald', 'før \\ efter', 'opfylder ikke', 'uafklaret', 'målgrupper', 'de linjer, der flyttede borgere', '`require literacy >= min_læs` er nu opfyldt for 7 borgere, der før ikke opfyldte kriterierne (nu: opfylder)', 'fordelt på benefit']
      : ['<h1>Hvad regelændringen betyder</h1>', 'Overblik', 'læste rækker', 'Udfald pr. indsats', 'før ↓ / efter →', 'i alt før', 'gamle regler', 'opfylder efter', 'De linjer, der flyttede borgere'];
    for (const w of words) expect(run.stdout).toContain(w);
    // No English word of the report (names, sources and the enum values of the rules aside).
    const prose = run.stdout.replace(/`[^`]*`/g, '').replace(/<code>.*?<\/code>/g, '').replace(/<style>[\s\S]*?<\/style>/, '').replace(/class="[^"]*"/g, '');
    for (const english of [' rows', 'changed', 'valid on', 'programme ', 'groups', 'old total', 'new rules', 'eligible', 'undetermined', 'Summary', 'now ']) expect(prose).not.toContain(english);
  });
});

describe('personal data', () => {
  it('no id or CPR number in the text, JSON or HTML report; the --rows file carries them', async () => {
    const cprs = readFileSync(TRE_CSV, 'utf8').split(/\r?\n/).slice(1).map((l) => l.split(';')[0]!.replace(/^\uFEFF/, '').replace(/"/g, '')).filter((c) => c !== '');
    const rowsFile = join(tmp.dir, 'personal-rows.ndjson');
    const args = ['diff', TRE, TRE_CSV, '--as-of', AS_OF, '--new-param', 'min_læs=2', '--by', 'age_of(birth_date):10 years', '--by', 'benefit'];
    const text = await visit([...args, '--rows', rowsFile]);
    const json = await visit([...args, '--format', 'json']);
    const html = await visit([...args, '--format', 'html']);
    expect([text.code, json.code, html.code]).toEqual([0, 0, 0]);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(html.stdout).toContain('<svg class="chart"');
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr, html.stdout, html.stderr]) {
      for (const cpr of cprs) expect(out).not.toContain(cpr);
      expect(out).not.toMatch(/\b\d{6}-?\d{4}\b/);
    }
    const rows = ndjson(readFileSync(rowsFile, 'utf8'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(cprs).toContain(r.id);
  });
  it('--by a personal field is refused without its values', async () => {
    const run = await visit(['diff', TRE, TRE_CSV, '--as-of', AS_OF, '--new-param', 'min_læs=2', '--by', 'cpr']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--by cpr: cpr is personal');
    expect(run.stdout).toBe('');
  });
});

describe('could not run: exit 2, nothing written', () => {
  it('a rule error in the new file names new file:line:col', async () => {
    const bad = tmp.write('bad.visit', RULES.replace('require motivated', 'require motivatd'));
    const rowsFile = join(tmp.dir, 'bad-rows.ndjson');
    const run = await visit(['diff', TRE, bad, TRE_CSV, '--as-of', AS_OF, '--rows', rowsFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error`));
    expect(run.stdout).toBe('');
    expect(existsSync(rowsFile)).toBe(false);
  });
  it('a rule error in the old file names old file:line:col', async () => {
    const bad = tmp.write('bad-old.visit', RULES.replace('require motivated', 'require motivatd'));
    const run = await visit(['diff', bad, TRE, TRE_CSV, '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}:`);
  });
  it.each([
    { args: ['diff', TRE, TRE_CSV, '--as-of', AS_OF], message: 'compares nothing' },
    { args: ['diff', TRE, TRE_CSV, '--old-as-of', '2026-02-30', '--new-as-of', AS_OF], message: '--old-as-of expects a date' },
    { args: ['diff', TRE, TRE_CSV, '--new-param', 'min_læs'], message: '--param expects name=value' },
    { args: ['diff', TRE, TRE_CSV, '--new-param', 'nosuch=2'], message: 'nosuch' },
    { args: ['diff', TRE, join(TRE_CSV, 'nope.csv'), '--new-param', 'min_læs=2'], message: 'cannot read' },
    { args: ['diff', TRE, TRE_CSV, '--new-param', 'min_læs=2', '--by', 'age_of(birth_date)'], message: 'give the band width' },
    { args: ['diff', TRE, TRE_CSV, '--new-param', 'min_læs=2', '--format', 'xml'], message: 'Invalid values' },
  ])('$message', async ({ args, message }) => {
    const run = await visit(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
