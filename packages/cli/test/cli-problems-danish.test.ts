// The command line's own problems in Danish and English (issue 14 §3): usage errors, files that
// cannot be read or written, options that go together, on every command. Each row is run twice as
// a real process — with --lang da and with --lang en — and both stderr texts are given in full:
// the English is the text these messages had before they were translated (it must not change).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, TRE, TRE_CSV, visit } from './cli-support';

const tmp = tempDir('problems-da');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const NO_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: '' };
const RUN_HELP = { da: "Skriv 'visit --help' for at se kommandoerne og deres tilvalg.", en: "Run 'visit --help' for the commands and their options." };
const dir = join(tmp.dir, 'a-directory');
mkdirSync(dir, { recursive: true });
const missing = join(tmp.dir, 'missing.csv');
const records = tmp.write('borgere.csv', `${readFileSync(TRE_CSV, 'utf8').split('\n')[0]}\n`);
const ndjson = tmp.write('borgere.ndjson', '{}\n');
const lists = tmp.write('lists.visit', 'record R {\n  cpr: text key personal\n  forløb: list of { start: date }\n}\n');

type Row = [name: string, args: string[], da: string, en: string, usage: boolean];

const rows: Row[] = [
  ['a rule file that is not there', ['screen', join(tmp.dir, 'x.visit'), records], `visit: kan ikke læse ${join(tmp.dir, 'x.visit')}: filen eller mappen findes ikke`, `visit: cannot read ${join(tmp.dir, 'x.visit')}: no such file or directory`, false],
  ['records that are not there', ['screen', TRE, missing], `visit: kan ikke læse ${missing}: filen eller mappen findes ikke`, `visit: cannot read ${missing}: no such file or directory`, false],
  ['records that are a directory', ['screen', TRE, dir, '--as-of', '2026-01-05'], `visit: kan ikke læse ${dir}: det er en mappe, her skal stå en fil`, `visit: cannot read ${dir}: it is a directory, expected a file`, false],
  ['a date that does not exist', ['screen', TRE, TRE_CSV, '--as-of', '2026-02-30'], "visit: --as-of skal være en dato ÅÅÅÅ-MM-DD, der findes, men fandt '2026-02-30'", "visit: --as-of expects a date YYYY-MM-DD that exists, found '2026-02-30'", true],
  ['a date that is something else', ['compile', TRE, '--as-of', '0101701234'], 'visit: --as-of skal være en dato ÅÅÅÅ-MM-DD, der findes, men fandt noget andet', 'visit: --as-of expects a date YYYY-MM-DD that exists, found something else', true],
  ['a param without =', ['test', TRE, '--param', 'min_læs'], "visit: --param skal have formen navn=værdi (f.eks. --param 'min_ledighed=4 months'), men fandt intet '='", "visit: --param expects name=value (e.g. --param 'min_ledighed=4 months'), found no '='", true],
  ['a param twice', ['screen', TRE, TRE_CSV, '--param', 'a=1', '--param', 'a=2'], 'visit: --param a er angivet to gange', 'visit: --param a is given twice', true],
  ['a list with nothing after =', ['screen', TRE, TRE_CSV, '--list', 'forløb='], "visit: --list skal have formen NAVN=FIL (f.eks. --list forløb=forloeb.csv), men fandt intet efter '='", "visit: --list expects NAME=FILE (e.g. --list forløb=forloeb.csv), found nothing after '='", true],
  ['a list from stdin', ['screen', lists, records, '--list', 'forløb=-'], 'visit: --list forløb: en liste læses fra en fil, ikke fra stdin', 'visit: --list forløb: a list is read from a file, not from stdin', false],
  ['--delimiter with NDJSON', ['screen', TRE, ndjson, '--delimiter', ';', '--input-format', 'ndjson'], 'visit: --delimiter gælder data i CSV, ikke --input-format ndjson', 'visit: --delimiter applies to CSV input, not to --input-format ndjson', true],
  ['--as-of with --as-of-field', ['screen', TRE, TRE_CSV, '--as-of', '2026-01-05', '--as-of-field', 'birth_date'], 'visit: --as-of og --as-of-field udelukker hinanden: angiv én skæringsdato eller et felt med datoer', 'visit: --as-of and --as-of-field exclude each other: give one reference date, or a field of dates', true],
  ['--by without --report', ['screen', TRE, TRE_CSV, '--by', 'benefit'], 'visit: --by fordeler rapporten: angiv også --report FIL', 'visit: --by breaks down the report: give --report FILE too', true],
  ['--engine duckdb with --explain', ['screen', TRE, TRE_CSV, '--engine', 'duckdb', '--explain'], 'visit: --explain kommer fra JavaScript-motoren: udelad --engine duckdb for at få forklaringer', 'visit: --explain comes from the JavaScript engine: leave out --engine duckdb for explanations', true],
  ['--engine duckdb on stdin', ['screen', TRE, '-', '--engine', 'duckdb'], 'visit: --engine duckdb læser data to gange: angiv en fil, ikke - (stdin)', 'visit: --engine duckdb reads the records twice: give a file, not - (stdin)', true],
  ['--report and --out the same file', ['screen', TRE, TRE_CSV, '--report', 'x.html', '--out', 'x.html'], 'visit: --report og --out er den samme fil: giv rapporten sin egen fil', 'visit: --report and --out name the same file: give the report a file of its own', true],
  ['--out over the records', ['screen', TRE, records, '--as-of', '2026-01-05', '--out', records], `visit: kan ikke skrive ${records}: det er den samme fil som datafilen ${records}: --out ville erstatte den; vælg en anden fil til resultatet`, `visit: cannot write ${records}: it is the same file as the records ${records}: --out would replace it; choose another output file`, false],
  ['--out over the rules', ['screen', TRE, records, '--as-of', '2026-01-05', '--out', TRE], `visit: kan ikke skrive ${TRE}: det er den samme fil som regelfilen ${TRE}: --out ville erstatte den; vælg en anden fil til resultatet`, `visit: cannot write ${TRE}: it is the same file as the rules ${TRE}: --out would replace it; choose another output file`, false],
  ['--out naming a directory', ['screen', TRE, records, '--as-of', '2026-01-05', '--out', dir], `visit: kan ikke skrive ${dir}: det er en mappe, ikke en almindelig fil: --out skriver kun almindelige filer, ved at erstatte dem (udelad --out og omdiriger stdout for at sende resultatet til en enhed eller et rør)`, `visit: cannot write ${dir}: it is a directory, not a regular file: --out writes regular files only, by replacing them (to send the output to a device or a pipe, leave out --out and redirect stdout)`, false],
  ['SQL options without --target sql', ['compile', TRE, '--as-of', '2026-01-05', '--dialect', 'duckdb'], 'visit: --dialect, --table, --list-table og --explain-columns hører til --target sql', 'visit: --dialect, --table, --list-table and --explain-columns go with --target sql', true],
  ['--target sql without a dialect', ['compile', TRE, '--as-of', '2026-01-05', '--target', 'sql'], 'visit: --target sql kræver --dialect postgres, duckdb eller spark', 'visit: --target sql needs --dialect postgres, duckdb or spark', true],
  ['schema: SQL options without --target sql', ['schema', TRE, '--table', 't'], 'visit: --dialect, --table og --list-table hører til --target sql', 'visit: --dialect, --table and --list-table go with --target sql', true],
  ['a list table for a field that is not a list', ['schema', TRE, '--target', 'sql', '--dialect', 'duckdb', '--list-table', 'forløb=f'], `visit: der er angivet en listetabel for "forløb", men posten har ingen listefelter; ingen tabeller til ${TRE}`, `visit: a list table is given for "forløb", which is not a list field of the record (the record has no list fields); no tables for ${TRE}`, false],
  ['--list-table without =', ['compile', TRE, '--as-of', '2026-01-05', '--target', 'sql', '--dialect', 'duckdb', '--list-table', 'forløb'], 'visit: --list-table skal have formen NAVN=TABEL (f.eks. --list-table forløb=forloeb)', 'visit: --list-table expects NAME=TABLE (e.g. --list-table forløb=forloeb)', true],
  ['diff comparing nothing', ['diff', TRE, TRE_CSV, '--as-of', '2026-01-05'], 'visit: én regelfil med samme dato og parametre på begge sider sammenligner ingenting: angiv GAMMEL NY DATA, --old-param/--new-param eller --old-as-of/--new-as-of', 'visit: one rule file with the same date and params on both sides compares nothing: give OLD NEW RECORDS, --old-param/--new-param, or --old-as-of/--new-as-of', true],
  ['diff: a new date that does not exist', ['diff', TRE, TRE_CSV, '--new-as-of', '2026-13-01'], "visit: --new-as-of skal være en dato ÅÅÅÅ-MM-DD, der findes, men fandt '2026-13-01'", "visit: --new-as-of expects a date YYYY-MM-DD that exists, found '2026-13-01'", true],
  ['doc --out naming a directory', ['doc', TRE, '--out', dir], `visit: kan ikke skrive ${dir}: det er en mappe, ikke en almindelig fil: --out skriver kun almindelige filer, ved at erstatte dem (udelad --out og omdiriger stdout for at sende resultatet til en enhed eller et rør)`, `visit: cannot write ${dir}: it is a directory, not a regular file: --out writes regular files only, by replacing them (to send the output to a device or a pipe, leave out --out and redirect stdout)`, false],
];

describe('the command line says what is wrong in the language asked for', () => {
  it.each(rows)('%s', async (_, args, da, en, usage) => {
    for (const [lang, expected] of [['da', da], ['en', en]] as const) {
      const run = await visit([...args, '--lang', lang], { env: NO_LOCALE, cwd: tmp.dir });
      expect(run.code, `${lang}: ${run.stderr}`).toBe(2);
      const lines = run.stderr.split('\n').filter((l) => l !== '' && !/^visit: (skæringsdato|reference date)/.test(l));
      expect(lines).toEqual(usage ? [expected, RUN_HELP[lang]] : [expected]);
      expect(run.stdout).toBe('');
    }
  });

  it('the locale decides when there is no --lang', async () => {
    const run = await visit(['screen', TRE, missing], { env: { ...NO_LOCALE, LANG: 'da_DK.UTF-8' } });
    expect(run.stderr).toBe(`visit: kan ikke læse ${missing}: filen eller mappen findes ikke\n`);
  });

  it('visit lsp without --stdio', async () => {
    const da = await visit(['lsp', '--lang', 'da'], { env: NO_LOCALE });
    expect([da.code, da.stderr]).toEqual([2, "visit lsp: her skal stå --stdio (sprogserveren taler LSP på stdin/stdout)\nSkriv 'visit lsp --help' for at se tilvalgene.\n"]);
    const en = await visit(['lsp'], { env: NO_LOCALE });
    expect([en.code, en.stderr]).toEqual([2, "visit lsp: expected --stdio (the language server speaks LSP on stdin/stdout)\nRun 'visit lsp --help' for the options.\n"]);
  });
});
