// `visit screen --report FILE --by SPEC`: the equal-treatment report, as a real process. The
// screening output is unchanged by it; its counts are those of the output; it is the same on one
// thread and on several; it is written whole or not at all, never over an input; bad --by specs
// stop the run before anything is read.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, generateRecords, ndjson, tempDir, TRE, TRE_CSV, visit } from './cli-support';

const tmp = tempDir('report');
const AS_OF = ['--as-of', '2026-11-23'];
const large = join(tmp.dir, 'large.csv');
beforeAll(() => {
  buildCli();
  generateRecords('tre-hovedveje', 30_000, large);
});
afterAll(() => tmp.remove());

/** The cells of the table rows whose first cell is `key`, in page order (text, entities decoded). */
function rowsOf(html: string, key: string): string[][] {
  const out: string[][] = [];
  for (const m of html.matchAll(/<tr>(.*?)<\/tr>/g)) {
    const cells = [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    if (cells[0] === key) out.push(cells.slice(1));
  }
  return out;
}

/** The CSV's rows as objects by column (the example has no quoted cells). */
function csvRows(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const cols = head!.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i]!, v])));
}

describe('visit screen --report', () => {
  it('leaves the screening output as it is, and writes the report', async () => {
    const report = join(tmp.dir, 'same.html');
    const plain = await visit(['screen', TRE, TRE_CSV, ...AS_OF]);
    const withReport = await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--report', report, '--by', 'benefit']);
    expect(withReport.code).toBe(plain.code);
    expect(withReport.stdout).toBe(plain.stdout);
    expect(withReport.stderr).toContain(`visit: wrote the report ${report}\n`);
    const drop = (s: string) => s.replace(/ in \d+ ms/, '').replace(/visit: wrote the report .*\n/, '');
    expect(drop(withReport.stderr)).toBe(drop(plain.stderr));
    expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it("counts per band what the output says, row by row (cells of 5 or more; smaller ones '< 5' or 'x')", async () => {
    const report = join(tmp.dir, 'counts.html');
    const run = await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--report', report, '--by', 'benefit']);
    const html = readFileSync(report, 'utf8');
    const input = csvRows(TRE_CSV);
    const rows = ndjson(run.stdout).filter((r) => r.status === 'ok');
    // Per benefit, the citizens and jobklub's eligible / ineligible / undetermined, from the output.
    const expected = new Map<string, number[]>();
    for (const r of rows) {
      const benefit = input[(r.row as number) - 1]!.benefit!;
      const cells = expected.get(benefit) ?? [0, 0, 0, 0];
      cells[0]!++;
      cells[1 + ['eligible', 'ineligible', 'undetermined'].indexOf((r.programs as Record<string, string>).jobklub!)]!++;
      expected.set(benefit, cells);
    }
    expect(expected.size).toBeGreaterThan(2);
    for (const [benefit, cells] of expected) {
      // The first table of the band is jobklub's (the programmes in file order).
      const shown = rowsOf(html, benefit)[0]!;
      cells.forEach((n, i) => {
        const cell = shown[i]!;
        if (n > 0 && n < 5) expect(cell).toBe('< 5');
        else if (cell !== 'x') expect(cell).toBe(String(n));
        else expect(n).toBeGreaterThanOrEqual(5);
      });
    }
    const valid = rows.length;
    const read = ndjson(run.stdout).length;
    expect(rowsOf(html, 'Rows read')).toEqual([[String(read)]]);
    expect(rowsOf(html, 'Valid')).toEqual([[String(valid)]]);
  });

  it('is the same report on one thread and on several (segments cut small)', async () => {
    const one = join(tmp.dir, 'one.html');
    const many = join(tmp.dir, 'many.html');
    const by = ['--by', 'benefit', '--by', 'age_of(birth_date):10 years', '--by', 'time_since(unemployed_since):6 months'];
    const a = await visit(['screen', TRE, large, ...AS_OF, '--out', join(tmp.dir, 'one.ndjson'), '--report', one, ...by], { env: { VISIT_SCREEN_THREADS: '1' } });
    const b = await visit(['screen', TRE, large, ...AS_OF, '--out', join(tmp.dir, 'many.ndjson'), '--report', many, ...by], {
      env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: '65536' },
    });
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    const html = readFileSync(one, 'utf8');
    expect(readFileSync(many, 'utf8')).toBe(html);
    expect(html).toContain('Outcomes by Fødselsdato (age_of(birth_date):10 years)');
    expect(rowsOf(html, '30–39 years')).toHaveLength(3);
  });

  it('in Danish with --lang da', async () => {
    const report = join(tmp.dir, 'da.html');
    const run = await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--report', report, '--by', 'age_of(birth_date):10 years', '--lang', 'da']);
    expect(run.code).toBe(1);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('Udfald fordelt på Fødselsdato');
    expect(rowsOf(html, '30–39 år')).toHaveLength(3);
  });

  const refusals: { name: string; args: (report: string) => string[]; message: RegExp }[] = [
    { name: '--by without --report', args: () => ['--by', 'benefit'], message: /--by breaks down the report: give --report FILE too/ },
    { name: 'a field that is not in the record', args: (r) => ['--report', r, '--by', 'benfit'], message: /--by benfit: no field benfit in the record.*nothing was run/ },
    { name: 'a personal field', args: (r) => ['--report', r, '--by', 'cpr'], message: /--by cpr: cpr is personal/ },
    { name: 'the same file as --out', args: (r) => ['--report', r, '--out', r], message: /--report and --out name the same file/ },
    { name: 'with --as-of-field', args: (r) => ['--report', r, '--as-of-field', 'birth_date'], message: /--report with --as-of-field is not built yet/ },
  ];
  it.each(refusals)('refuses $name: exit 2, no output, the old report kept', async ({ args, message }) => {
    const report = tmp.write('kept.html', 'old report');
    const out = join(tmp.dir, 'refused.ndjson');
    const run = await visit(['screen', TRE, TRE_CSV, ...(args(report).includes('--as-of-field') ? [] : AS_OF), ...args(report), ...(args(report).includes('--out') ? [] : ['--out', out])]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(report, 'utf8')).toBe('old report');
  });

  it('never writes the report over an input (the records), and then writes no output either', async () => {
    const records = tmp.write('records.csv', readFileSync(TRE_CSV));
    const out = join(tmp.dir, 'over-input.ndjson');
    const run = await visit(['screen', TRE, records, ...AS_OF, '--out', out, '--report', records]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*records\.csv/);
    expect(readFileSync(records)).toEqual(readFileSync(TRE_CSV));
    expect(existsSync(out)).toBe(false);
  });

  it('a report into a directory that does not exist: exit 2 before any output', async () => {
    const out = join(tmp.dir, 'no-dir.ndjson');
    const run = await visit(['screen', TRE, TRE_CSV, ...AS_OF, '--out', out, '--report', join(tmp.dir, 'missing', 'r.html')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*r\.html/);
    expect(existsSync(out)).toBe(false);
  });

  it('holds no CPR number and no value of a personal field of any citizen', async () => {
    const report = join(tmp.dir, 'personal.html');
    await visit(['screen', TRE, large, ...AS_OF, '--out', join(tmp.dir, 'p.ndjson'), '--report', report, '--by', 'age_of(birth_date):10 years', '--by', 'benefit']);
    const html = readFileSync(report, 'utf8');
    expect(html).not.toMatch(/\d{6}-?\d{4}/);
    const cprs = new Set(csvRows(large).map((r) => r.cpr ?? '').filter((c) => c.length >= 6));
    for (const cpr of cprs) expect(html.includes(cpr)).toBe(false);
    // The personal field health: its values appear only in the rule's own line (exclude health = …).
    const outside = html.replace(/<td class="code">.*?<\/td>/g, '');
    for (const value of ['no_limits', 'some_limits', 'prevents_placement']) expect(outside).not.toContain(value);
  });
});

// A personal value written in the rules themselves is masked in the report as in the summary.
describe('visit screen --report: personal values in the rule text', () => {
  it('shows ••• for a CPR number in an exclude line', async () => {
    const rules = tmp.write(
      'personal.visit',
      readFileSync(TRE, 'utf8').replace('exclude health = prevents_placement', 'exclude cpr = "0101701234"'),
    );
    const report = join(tmp.dir, 'masked.html');
    const run = await visit(['screen', rules, TRE_CSV, ...AS_OF, '--report', report]);
    expect(run.code).toBe(1);
    const html = readFileSync(report, 'utf8');
    expect(html).not.toContain('0101701234');
    writeFileSync(join(tmp.dir, 'masked.txt'), html);
  });
});
