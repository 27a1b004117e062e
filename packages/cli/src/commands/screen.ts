// `visit screen RULES RECORDS`: screen every record, one output row per input row, in order.
// Exit 0 all rows valid, 1 some rows invalid (still in the output), 2 could not run (then no
// output is written). stdout carries only data; the reference date, warnings, the progress bar
// (only on a terminal) and the summary go to stderr, and never a record's values.

import { encodingOption, paramOption, langOption } from '../options';
import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import type { Io } from '../context';

export const command = 'screen <rules> <records>';
export const describe = 'Screen records (CSV or NDJSON) against the rules: one output row per input row';

export function builder(yargs: Argv) {
  return yargs
    .positional('rules', { describe: 'Rule file (.visit)', type: 'string', demandOption: true })
    .positional('records', { describe: 'Records: a .csv or .ndjson file, or - for stdin', type: 'string', demandOption: true })
    .option('input-format', {
      describe: 'Format of RECORDS (default: from the file name; stdin is sniffed)',
      choices: ['csv', 'ndjson'] as const,
      requiresArg: true,
    })
    .option('delimiter', {
      describe: 'CSV field separator (default: detected from the header)',
      choices: [',', ';'] as const,
      requiresArg: true,
    })
    .option('encoding', encodingOption)
    .option('format', {
      describe: 'Output format',
      choices: ['ndjson', 'csv'] as const,
      default: 'ndjson' as const,
      requiresArg: true,
    })
    .option('out', {
      describe: 'Write the output to FILE (whole or not at all) instead of stdout',
      type: 'string',
      requiresArg: true,
    })
    .option('as-of', {
      describe: 'Reference date YYYY-MM-DD (default: today, printed on stderr)',
      type: 'string',
      requiresArg: true,
    })
    .option('param', paramOption)
    .option('as-of-field', {
      describe: 'Screen each row as of the date in this date field of the record (§14), instead of one --as-of; rows carry asOf after id',
      type: 'string',
      requiresArg: true,
    })
    .option('list', {
      describe: 'A list field (§12) from a second CSV in long form (the key column, then the element fields): --list forløb=forloeb.csv (repeatable)',
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('explain', { describe: 'Add an explanation to every row', type: 'boolean', default: false })
    .option('report', {
      describe: 'Also write the equal-treatment report to FILE: one self-contained HTML page of counts (no personal data; cells under 5 suppressed), written whole or not at all',
      type: 'string',
      requiresArg: true,
    })
    .option('by', {
      describe: "With --report: outcomes per band of a field (repeatable): --by benefit, --by 'age_of(birth_date):10 years', --by 'time_since(unemployed_since):6 months'",
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('lang', { ...langOption, describe: `Language of the $rule errors and the --report page: da or en (default: the locale — LC_ALL, LC_MESSAGES or LANG — else en)` })
    .example(
      'visit screen examples/tre-hovedveje/tre-hovedveje.visit examples/tre-hovedveje/citizens.csv --as-of 2026-11-23 > results.ndjson',
      'screen a CSV export',
    )
    .example('visit screen rules.visit citizens.csv --format csv --out results.csv', 'CSV output, written whole or not at all')
    .example(
      "visit screen rules.visit citizens.csv --out results.ndjson --report report.html --by benefit --by 'age_of(birth_date):10 years' --lang da",
      'the screening, and the equal-treatment report in Danish',
    )
    .example("cat records.ndjson | visit screen rules.visit - --param 'min_ledighed=4 months'", 'NDJSON on stdin, with a param override')
    .epilogue(
      'Exit status: 0 all rows valid, 1 some rows invalid (they are in the output with their reasons), ' +
        '2 could not run (bad arguments, unreadable file, rule errors; nothing is written).',
    );
}

export type ScreenArgs = ArgsOf<typeof builder>;

export async function handler(args: ScreenArgs, io: Io): Promise<number> {
  // The implementation (and with it the language and the engine) loads only when screening.
  const { screen } = await import('../screen-command');
  return screen(args, io);
}
