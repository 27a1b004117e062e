// `visit screen RULES RECORDS`: screen every record, one output row per input row, in order.
// Exit 0 all rows valid, 1 some rows invalid (still in the output), 2 could not run (then no
// output is written). stdout carries only data; the reference date, warnings, the progress bar
// (only on a terminal) and the summary go to stderr, and never a record's values.

import { encodingOption, paramOption, langOption } from '../options';
import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import type { Io } from '../context';
import { help } from '../words';

export const command = 'screen <rules> [records]';
export const describe = () => help().screen.describe;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .positional('rules', { describe: h.ruleFile, type: 'string', demandOption: true })
    .positional('records', { describe: h.records, type: 'string' })
    .option('input-format', {
      describe: h.screen.inputFormat,
      choices: ['csv', 'ndjson', 'parquet'] as const,
      requiresArg: true,
    })
    .option('delimiter', {
      describe: h.delimiter,
      choices: [',', ';'] as const,
      requiresArg: true,
    })
    .option('encoding', encodingOption())
    .option('format', {
      describe: h.screen.format,
      choices: ['ndjson', 'csv'] as const,
      default: 'ndjson' as const,
      requiresArg: true,
    })
    .option('out', {
      describe: h.screen.out,
      type: 'string',
      requiresArg: true,
    })
    .option('as-of', {
      describe: h.screen.asOf,
      type: 'string',
      requiresArg: true,
    })
    .option('param', paramOption())
    .option('as-of-field', {
      describe: h.screen.asOfField,
      type: 'string',
      requiresArg: true,
    })
    .option('list', {
      describe: h.screen.list,
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('explain', { describe: h.screen.explain, type: 'boolean', default: false })
    .option('report', {
      describe: h.screen.report,
      type: 'string',
      requiresArg: true,
    })
    .option('by', {
      describe: h.screen.by,
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('lang', { ...langOption(), describe: h.screen.lang })
    .option('engine', {
      describe: h.screen.engine,
      choices: ['js', 'duckdb', 'postgres'] as const,
      default: 'js' as const,
      requiresArg: true,
    })
    .option('connection', { describe: h.screen.connection, type: 'string', requiresArg: true })
    .option('table', { describe: h.screen.table, type: 'string', requiresArg: true })
    .option('list-table', { describe: h.screen.listTable, type: 'string', array: true, requiresArg: true })
    .example(
      'visit screen examples/tre-hovedveje/tre-hovedveje.visit examples/tre-hovedveje/citizens.csv --as-of 2026-11-23 > results.ndjson',
      h.screen.exampleCsv,
    )
    .example('visit screen rules.visit citizens.csv --format csv --out results.csv', h.screen.exampleOut)
    .example(
      "visit screen rules.visit citizens.csv --out results.ndjson --report report.html --by benefit --by 'age_of(birth_date):10 years' --lang da",
      h.screen.exampleReport,
    )
    .example('visit screen rules.visit --engine postgres --connection postgresql://visit@localhost/jobcenter --table borgere --out results.ndjson', h.screen.examplePostgres)
    .example("cat records.ndjson | visit screen rules.visit - --param 'min_ledighed=4 months'", h.screen.exampleStdin)
    .epilogue(h.screen.epilogue);
}

export type ScreenArgs = ArgsOf<typeof builder>;

export async function handler(args: ScreenArgs, io: Io): Promise<number> {
  // The implementation (and with it the language and the engine) loads only when screening.
  const { screen } = await import('../screen-command');
  return screen(args, io);
}
