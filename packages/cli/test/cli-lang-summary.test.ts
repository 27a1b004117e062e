// The words around the rules in Danish (issue 14): `visit screen`'s summary and reading warnings,
// `visit test`'s output and `--help` speak `--lang da` or a Danish locale, English by default and
// under C; the data on stdout is the same bytes in both. Real processes of the built CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, EXAMPLES, tempDir, TRE, TRE_CSV, visit } from './cli-support';

const tmp = tempDir('lang-summary');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const NO_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: '' };
const DANISH = { ...NO_LOCALE, LANG: 'da_DK.UTF-8' };
const HISTORIK = join(EXAMPLES, 'historik');
const historik = ['screen', join(HISTORIK, 'historik.visit'), join(HISTORIK, 'citizens.csv'), '--list', `forløb=${join(HISTORIK, 'forloeb.csv')}`, '--list', `samtaler=${join(HISTORIK, 'samtaler.csv')}`, '--as-of', '2026-11-23'];
const tre = ['screen', TRE, TRE_CSV, '--as-of', '2026-11-23'];

/** English words of the summary, the warnings, the test output and --help that Danish output must not have. */
const ENGLISH = /\b(rows read|valid|invalid|programme|eligible|ineligible|undetermined|most often|reference date|screened|against|as of|not in force|ignoring|warning|row|rows|lines|passed|failed|coverage|expected|actual|seen|never|missing|unknown|Options|Show help|Show version|Positionals|Commands|Examples|required|default|choices|string|boolean|array|Exit status|Rule files?)\b/;

/** The summary's and warnings' text only: rule names, sources and file names taken out. */
const wordsOf = (text: string) =>
  text
    .replaceAll(tmp.dir, 'DIR')
    .replace(/\S+\.(visit|csv|ndjson)\b/g, 'FILE')
    .replace(/(require|exclude) .*?  \(/g, '$1 SOURCE  (');

describe('visit screen: the summary', () => {
  it.each([
    ['--lang da', [...tre, '--lang', 'da'], NO_LOCALE],
    ['LANG=da_DK.UTF-8', tre, DANISH],
    ['LC_MESSAGES=da over LANG=C', tre, { ...NO_LOCALE, LC_MESSAGES: 'da', LANG: 'C' }],
  ])('in Danish with %s', async (_, args, env) => {
    const r = await visit(args, { env });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('visit: skæringsdato 2026-11-23');
    expect(lines[1]).toMatch(/^visit: screenede \S+citizens\.csv efter \S+tre-hovedveje\.visit pr\. 2026-11-23 på \d+ ms$/);
    expect(lines[2]).toMatch(/^ {2}regler {8}sha256:[0-9a-f]{12}… pr\. 2026-11-23$/);
    expect(lines.slice(3, 6)).toEqual(['  læste rækker      200', '  gyldige           190', '  ugyldige           10']);
    expect(r.stderr).toMatch(/\n {2}indsats +opfylder +opfylder ikke +uafklaret\n {2}jobklub +44 +121 +25\n/);
    expect(r.stderr).toContain('\n  oftest ikke opfyldt (linjer, der gjorde, at borgeren ikke opfyldte kriterierne):\n');
    expect(r.stderr).toContain('    jobklub             linje 1: require benefit = dagpenge  (75 borgere)\n');
    expect(r.stderr).toContain('\n  oftest manglende (felter, der gjorde udfaldet uafklaret):\n');
    expect(r.stderr).toContain('danish_level (1 borger)');
    expect(wordsOf(r.stderr)).not.toMatch(ENGLISH);
  });

  it.each([
    ['by default', tre, NO_LOCALE],
    ['under LC_ALL=C over LANG=da_DK', tre, { ...NO_LOCALE, LC_ALL: 'C', LANG: 'da_DK.UTF-8' }],
    ['with --lang en over LANG=da_DK', [...tre, '--lang', 'en'], DANISH],
  ])('in English %s', async (_, args, env) => {
    const r = await visit(args, { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^visit: reference date 2026-11-23\nvisit: screened \S+ against \S+ as of 2026-11-23 in \d+ ms\n {2}rules {6}sha256:/);
    expect(r.stderr).toContain('  rows read      200\n  valid          190\n  invalid         10\n');
    expect(r.stderr).toMatch(/\n {2}programme +eligible +ineligible +undetermined\n/);
    expect(r.stderr).toContain('line 1: require benefit = dagpenge  (75 rows)');
  });

  it('stdout is the same bytes in both languages', async () => {
    const [en, da] = await Promise.all([visit([...tre, '--format', 'csv'], { env: NO_LOCALE }), visit([...tre, '--format', 'csv', '--lang', 'da'], { env: NO_LOCALE })]);
    expect(da.stdout).toBe(en.stdout);
    expect(da.stdout.length).toBeGreaterThan(0);
  });

  it('a programme not in force on the day, in Danish', async () => {
    const r = await visit(historik, { env: DANISH });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('\n  ikke i kraft den 2026-11-23: jobklub, i kraft 2015-11-01 – 2016-12-31\n');
    expect(wordsOf(r.stderr)).not.toMatch(ENGLISH);
    const en = await visit(historik, { env: NO_LOCALE });
    expect(en.stderr).toContain('\n  not in force on 2026-11-23: jobklub, 2015-11-01 – 2016-12-31\n');
  });

  it('each row as of its own date (--as-of-field), in Danish', async () => {
    const rules = tmp.write('dated.visit', `record R {\n  id: text key\n  visiteret: date\n}\nprogram p {\n  require visiteret >= 2020-01-01\n}\n`);
    const records = tmp.write('dated.csv', 'id,visiteret\na,2021-01-01\nb,2019-01-01\n');
    const r = await visit(['screen', rules, records, '--as-of-field', 'visiteret', '--lang', 'da'], { env: NO_LOCALE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('visit: hver rækkes skæringsdato: dens visiteret\n');
    expect(r.stderr).toMatch(/, hver række pr\. dens visiteret, på \d+ ms \(2 datoer\)\n/);
    expect(r.stderr).toContain('… pr. hver rækkes visiteret\n');
    expect(r.stderr).toMatch(/\n {2}indsats +opfylder +opfylder ikke +uafklaret +ikke i kraft\n {2}p +1 +1 +0 +0\n/);
    expect(wordsOf(r.stderr)).not.toMatch(ENGLISH);
  });
});

describe('visit screen: the reading warnings', () => {
  const rules = tmp.write('w.visit', `record R {\n  cpr: text key personal\n  note: text optional\n  literacy: integer\n}\nprogram p {\n  require literacy >= 3\n}\n`);
  it.each([
    [
      'an unknown column, a field without a column, a cell over several lines',
      'w.csv',
      'cpr,note,extra\n0101701234,"two\nlines",x\n',
      [
        'visit: advarsel: FILE: ser bort fra en kolonne, der ikke står i record-erklæringen: "extra"',
        'visit: advarsel: FILE: ingen kolonne til det krævede felt "literacy": alle rækker er ugyldige',
        'visit: advarsel: FILE: 1 række har en celle i anførselstegn, der strækker sig over flere linjer (række 1, linje 2–3): er det ikke meningen, har et løst anførselstegn slået linjer sammen til én række',
      ],
    ],
    [
      'NDJSON keys that are no field',
      'w.ndjson',
      '{"cpr":"0101701234","literacy":3,"extra":1,"other":2}\n',
      ['visit: advarsel: FILE: ser bort fra 2 nøgler, der ikke står i record-erklæringen: "extra", "other"'],
    ],
    [
      'a file that is not UTF-8',
      'w1252.csv',
      Buffer.from('cpr,note,literacy\n0101701234,f\xf8dt,3\n', 'latin1'),
      ['visit: advarsel: FILE: ikke gyldig UTF-8, så filen læses som Windows-1252 (angiv tegnsættet med --encoding)'],
    ],
  ])('%s', async (_, name, content, expected) => {
    const records = tmp.write(name, content);
    const r = await visit(['screen', rules, records, '--as-of', '2026-11-23', '--lang', 'da'], { env: NO_LOCALE });
    const stderr = wordsOf(r.stderr);
    for (const line of expected) expect(stderr.split('\n')).toContain(line);
    expect(stderr).not.toMatch(ENGLISH);
    expect(r.stderr).not.toContain('0101701234');
  });

  it('list files: lines without a key and lines that match no record', async () => {
    const stderr = wordsOf((await visit([...historik.slice(0, 3), '--list', `forløb=${tmp.write('f.csv', readFileSync(join(HISTORIK, 'forloeb.csv'), 'utf8') + ';virksomhedspraktik;2020-01-01;2020-02-01\n9999999999;virksomhedspraktik;2020-01-01;2020-02-01\n')}`, '--list', `samtaler=${join(HISTORIK, 'samtaler.csv')}`, '--as-of', '2026-11-23', '--lang', 'da'], { env: NO_LOCALE })).stderr);
    expect(stderr).toMatch(/visit: advarsel: FILE: 1 linje har ingen læsbar nøgle \(den første: linje \d+\) og hører ikke til nogen post\n/);
    expect(stderr).toMatch(/visit: advarsel: FILE: 1 linje i listen forløb passede ikke til nogen post \(1 nøgle, der ikke findes blandt posterne\)\n/);
    expect(stderr).not.toMatch(ENGLISH);
  });
});

describe('visit test in Danish', () => {
  const file = tmp.write(
    't.visit',
    `record R {
  cpr: text key personal
  literacy: integer optional
  benefit: one of (dagpenge, kontanthjaelp)
}
group g = literacy >= 3
program p {
  require benefit = dagpenge
  require g
}
test "fejler" {
  given { cpr: "x", benefit: dagpenge }
  expect p eligible
  expect g true
}
test "består" {
  given { cpr: "y", benefit: dagpenge, literacy: 4 }
  expect p eligible
}
`,
  );

  it.each([
    ['--lang da', ['--lang', 'da'], NO_LOCALE],
    ['LANG=da_DK.UTF-8', [], DANISH],
  ])('%s', async (_, flags, env) => {
    const r = await visit(['test', file, '--as-of', '2026-01-01', ...flags], { env });
    expect(r.code).toBe(1);
    const out = r.stdout.replaceAll(file, 'FILE');
    expect(out).toBe(
      [
        'FILE',
        '  ✗ fejler  (FILE:11)',
        '      expect p eligible (linje 13)',
        '        forventet: eligible',
        '        faktisk:   undetermined',
        '        program p  → undetermined (mangler: literacy)',
        '          ✓ require benefit = dagpenge  → sand (benefit: dagpenge)',
        '          ? require g  → ukendt (literacy: mangler)',
        '      expect g true (linje 14)',
        '        forventet: true',
        '        faktisk:   unknown',
        '        ? group g = literacy >= 3  → ukendt (literacy: mangler)',
        '  ✓ består',
        'dækning: p linje 1 (benefit = dagpenge): set sand, aldrig falsk',
        'dækning: p linje 2 (g): set sand, aldrig falsk',
        'dækning: 0 af 2 programlinjer set både sande og falske',
        '1 bestået, 1 fejlet',
        '',
      ].join('\n'),
    );
  });

  it('the example files: no English words but the rules language', async () => {
    for (const f of [TRE, join(HISTORIK, 'historik.visit')]) {
      const r = await visit(['test', f, '--as-of', '2026-11-23'], { env: DANISH });
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ bestået, 0 fejlet$/);
      // A coverage line quotes the rule; everything else is Danish.
      const words = r.stdout.replace(/\(.*\)/g, '(SOURCE)').replaceAll(f, 'FILE');
      expect(words).not.toMatch(/\b(passed|failed|coverage|line|seen|never|expected|actual)\b/);
    }
  });

  it('in English by default', async () => {
    const r = await visit(['test', file, '--as-of', '2026-01-01'], { env: NO_LOCALE });
    expect(r.stdout).toContain('        expected: eligible\n        actual:   undetermined\n        program p  → undetermined (missing: literacy)\n');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });
});

describe('--help in Danish', () => {
  const COMMANDS = ['check', 'test', 'screen', 'diff', 'doc', 'compile', 'schema', 'lsp'];
  /** The help's words: the usage lines, examples (commands) and option names taken out. */
  const helpWords = (text: string) =>
    text
      .split('\n')
      .filter((l) => !/^\s*(visit|cat) /.test(l) && !/^ {2}\S+\.(visit|csv|ndjson)|^\s{2}['a-z-]/.test(l))
      .join('\n')
      .replace(/--[a-z-]+/g, '--OPTION')
      .replace(/"[^"]*"/g, '"VALUE"')
      .replace(/'[^']*'/g, "'VALUE'")
      .replace(/`[^`]*`/g, '`KEYWORD`');

  it('visit --help under LANG=da_DK.UTF-8', async () => {
    const r = await visit(['--help'], { env: DANISH });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^visit <kommando> \[tilvalg\]\n\nTjek, test og kør Visit-regler/);
    expect(r.stdout).toContain('\nKommandoer:\n');
    expect(r.stdout).toMatch(/\n {2}visit check <files\.\.> +Læs og typetjek regelfiler/);
    expect(r.stdout).toContain('\nTilvalg:\n');
    expect(r.stdout).toMatch(/--help +Vis hjælp +\[ja\/nej\]/);
    expect(r.stdout).toContain('Afslutningskode:');
  });

  it.each(COMMANDS)('visit %s --help under LANG=da_DK.UTF-8: Danish, no English residue', async (command) => {
    const r = await visit([command, '--help'], { env: DANISH });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Eksempler:');
    expect(r.stdout).toContain('Vis hjælp');
    expect(r.stdout).not.toMatch(/Options:|Positionals:|Examples:|Show help|\[required\]|\[default:|\[string\]|\[boolean\]|Exit status/);
    expect(helpWords(r.stdout)).not.toMatch(/\b(the|of|and|or|with|file|files|Reference date|Override|Write|Run|Print|Language)\b/);
  });

  it('yargs words, in the screen help: [påkrævet], [standard: …], Argumenter:', async () => {
    const r = await visit(['screen', '--help'], { env: DANISH });
    expect(r.stdout).toContain('Argumenter:');
    expect(r.stdout).toMatch(/\[tekst\] \[påkrævet\]/);
    expect(r.stdout).toContain('[standard: "ndjson"]');
    expect(r.stdout).toContain('[valg: "ndjson", "csv"]');
  });

  it('--lang da --help is Danish too; --lang en --help English under a Danish locale', async () => {
    expect((await visit(['screen', '--lang', 'da', '--help'], { env: NO_LOCALE })).stdout).toContain('Tilvalg:');
    expect((await visit(['screen', '--lang', 'en', '--help'], { env: DANISH })).stdout).toContain('Options:');
  });

  it.each([
    ['LC_ALL=C', { ...NO_LOCALE, LC_ALL: 'C', LANG: 'da_DK.UTF-8' }],
    ['no locale', NO_LOCALE],
  ])('English under %s', async (_, env) => {
    const r = await visit(['screen', '--help'], { env });
    expect(r.stdout).toContain('Options:');
    expect(r.stdout).toContain('Positionals:');
    expect(r.stdout).toMatch(/\[string\] \[required\]/);
    expect(r.stdout).toContain('Screen records (CSV, NDJSON or Parquet) against the rules');
  });

  it("yargs's errors in Danish, with exit 2", async () => {
    const r = await visit(['check', 'a.visit', '--bogus'], { env: DANISH });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("visit: Ukendt argument: bogus\nSkriv 'visit --help' for at se kommandoerne og deres tilvalg.\n");
  });
});
