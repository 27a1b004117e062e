// `visit diff OLD NEW RECORDS` / `visit diff RULES RECORDS --old-param … --new-param …` (LANGUAGE.md
// §17): how outcomes change between two rule sets on the same records, in one pass. The report
// (stdout, text or JSON) carries counts only; `--rows FILE` writes the changed rows (they carry
// ids) as NDJSON. Exit 0, or 2 could not run (nothing written).

import { encodingOption, paramOption, langOption } from '../options';
import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import type { Io } from '../context';
import { help } from '../words';

export const command = 'diff <first> <second> [third]';
export const describe = () => help().diff.describe;

const dateOption = (describe: string) => ({ describe, type: 'string', requiresArg: true }) as const;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .positional('first', { describe: h.diff.first, type: 'string', demandOption: true })
    .positional('second', { describe: h.diff.second, type: 'string', demandOption: true })
    .positional('third', { describe: h.records, type: 'string' })
    .option('input-format', { describe: h.inputFormat, choices: ['csv', 'ndjson'] as const, requiresArg: true })
    .option('delimiter', { describe: h.delimiter, choices: [',', ';'] as const, requiresArg: true })
    .option('encoding', encodingOption())
    .option('as-of', dateOption(h.diff.asOf))
    .option('old-as-of', dateOption(h.diff.oldAsOf))
    .option('new-as-of', dateOption(h.diff.newAsOf))
    .option('param', { ...paramOption(), describe: h.diff.param })
    .option('old-param', { ...paramOption(), describe: h.diff.oldParam })
    .option('new-param', { ...paramOption(), describe: h.diff.newParam })
    .option('list', {
      describe: h.diff.list,
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('by', {
      describe: h.diff.by,
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('lang', { ...langOption(), describe: h.diff.lang })
    .option('format', { describe: h.diff.format, choices: ['text', 'json', 'html'] as const, default: 'text' as const, requiresArg: true })
    .option('rows', { describe: h.diff.rows, type: 'string', requiresArg: true })
    .example(
      'visit diff old.visit new.visit examples/tre-hovedveje/citizens.csv --as-of 2026-11-23',
      h.diff.exampleFiles,
    )
    .example(
      "visit diff examples/tre-hovedveje/tre-hovedveje.visit examples/tre-hovedveje/citizens.csv --as-of 2026-11-23 --new-param min_læs=2 --new-param 'min_ledighed=9 months' --by 'age_of(birth_date):10 years'",
      h.diff.exampleParams,
    )
    .example(
      'visit diff examples/historik/historik.visit examples/historik/citizens.csv --list forløb=examples/historik/forloeb.csv --list samtaler=examples/historik/samtaler.csv --old-as-of 2016-12-31 --new-as-of 2017-01-01',
      h.diff.exampleDates,
    )
    .epilogue(h.diff.epilogue);
}

export type DiffArgs = ArgsOf<typeof builder>;

export async function handler(args: DiffArgs, io: Io): Promise<number> {
  const { diff } = await import('../diff-command');
  return diff(args, io);
}
