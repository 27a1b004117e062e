// `visit diff OLD NEW RECORDS` / `visit diff RULES RECORDS --old-param … --new-param …` (LANGUAGE.md
// §17): how outcomes change between two rule sets on the same records, in one pass. The report
// (stdout, text or JSON) carries counts only; `--rows FILE` writes the changed rows (they carry
// ids) as NDJSON. Exit 0, or 2 could not run (nothing written).

import { encodingOption, paramOption, langOption } from '../options';
import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import type { Io } from '../context';

export const command = 'diff <first> <second> [third]';
export const describe = 'How outcomes change between two rule files, two param sets or two dates, on the same records';

const dateOption = (describe: string) => ({ describe, type: 'string', requiresArg: true }) as const;

export function builder(yargs: Argv) {
  return yargs
    .positional('first', { describe: 'OLD rule file (or the one RULES file)', type: 'string', demandOption: true })
    .positional('second', { describe: 'NEW rule file (or RECORDS when one rule file is given)', type: 'string', demandOption: true })
    .positional('third', { describe: 'RECORDS: a .csv or .ndjson file, or - for stdin', type: 'string' })
    .option('input-format', { describe: 'Format of RECORDS (default: from the file name; stdin is sniffed)', choices: ['csv', 'ndjson'] as const, requiresArg: true })
    .option('delimiter', { describe: 'CSV field separator (default: detected from the header)', choices: [',', ';'] as const, requiresArg: true })
    .option('encoding', encodingOption)
    .option('as-of', dateOption('Reference date YYYY-MM-DD of both sides (default: today)'))
    .option('old-as-of', dateOption('Reference date of the old side (overrides --as-of): with dated rules (§13), a law change'))
    .option('new-as-of', dateOption('Reference date of the new side (overrides --as-of)'))
    .option('param', { ...paramOption, describe: "Override a param on both sides: --param 'min_ledighed=4 months' (repeatable)" })
    .option('old-param', { ...paramOption, describe: 'Override a param on the old side (over --param; repeatable)' })
    .option('new-param', { ...paramOption, describe: "Override a param on the new side (over --param; repeatable): --new-param min_læs=2" })
    .option('list', {
      describe: 'A list field (§12) from a second CSV in long form, for CSV records: --list forløb=forloeb.csv (repeatable)',
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('by', {
      describe: "Break the transitions down by a field: an enum/boolean/text field, FIELD:WIDTH for numbers, 'age_of(birth_date):10 years', 'time_since(unemployed_since):6 months' (repeatable)",
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('lang', { ...langOption, describe: `Language of the $rule errors and band labels (år/years, mangler/missing): da or en (default: the locale — LC_ALL, LC_MESSAGES or LANG — else en)` })
    .option('format', { describe: 'Report format (counts only; html: one self-contained page with charts, small counts suppressed)', choices: ['text', 'json', 'html'] as const, default: 'text' as const, requiresArg: true })
    .option('rows', { describe: 'Write the changed rows to FILE as NDJSON (row, id, program, old, new), whole or not at all', type: 'string', requiresArg: true })
    .example(
      'visit diff old.visit new.visit examples/tre-hovedveje/citizens.csv --as-of 2026-11-23',
      'what a new rule file does to the candidates',
    )
    .example(
      "visit diff examples/tre-hovedveje/tre-hovedveje.visit examples/tre-hovedveje/citizens.csv --as-of 2026-11-23 --new-param min_læs=2 --new-param 'min_ledighed=9 months' --by 'age_of(birth_date):10 years'",
      'one file, two param sets, by age band',
    )
    .example(
      'visit diff examples/historik/historik.visit examples/historik/citizens.csv --list forløb=examples/historik/forloeb.csv --list samtaler=examples/historik/samtaler.csv --old-as-of 2016-12-31 --new-as-of 2017-01-01',
      'one file at two dates: what a law change does',
    )
    .epilogue('Exit status: 0 the diff was made, 2 could not run (bad arguments, unreadable file, rule errors in either file; nothing is written).');
}

export type DiffArgs = ArgsOf<typeof builder>;

export async function handler(args: DiffArgs, io: Io): Promise<number> {
  const { diff } = await import('../diff-command');
  return diff(args, io);
}
