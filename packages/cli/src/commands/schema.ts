// `visit schema FILE`: the JSON Schema (draft 2020-12) of one input record, as the engine
// validates NDJSON records. Exit 0, or 2 when the rules have errors.
// `--target sql --dialect postgres|duckdb|spark [--table T] [--list-table forløb=forloeb]`: the CREATE
// TABLE statements (§16) for the record and its lists, the tables `visit compile --target sql` reads.

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { langOption, problem, UsageError } from '../options';
import { languageFrom } from '../language';
import { loadRules } from '../rules';
import { dialectOption, listTableOption, listTables, sqlMessage, tableOption } from '../sql-options';
import { help } from '../words';

export const command = 'schema <file>';
export const describe = () => help().schema.describe;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .positional('file', { describe: h.ruleFile, type: 'string', demandOption: true })
    .option('target', {
      describe: h.schema.target,
      choices: ['json-schema', 'sql'] as const,
      default: 'json-schema' as const,
      requiresArg: true,
    })
    .option('dialect', dialectOption())
    .option('table', tableOption())
    .option('list-table', listTableOption())
    .option('lang', langOption())
    .example('visit schema examples/tre-hovedveje/tre-hovedveje.visit > citizen.schema.json', h.schema.exampleJson)
    .example('visit schema rules.visit --target sql --dialect postgres --list-table forløb=forloeb | psql -d casesystem', h.schema.exampleSql)
    .epilogue(h.schema.epilogue);
}

type SchemaArgs = ArgsOf<typeof builder>;

export async function handler(args: SchemaArgs, io: Io): Promise<number> {
  if (args.target !== 'sql' && (args.dialect !== undefined || args.table !== undefined || args['list-table'] !== undefined)) {
    throw new UsageError(problem().sqlOptionsOnly(problem().schemaSqlOptions));
  }
  if (args.target === 'sql' && args.dialect === undefined) throw new UsageError(problem().sqlNeedsDialect);
  const lists = args.target === 'sql' ? listTables(args['list-table']) : {};
  const rules = await loadRules(args.file, {}, io, languageFrom(args.lang, io.env));
  if (!rules.ok) return 2;
  if (args.target === 'sql') {
    const { createTables, SqlCompileError } = await import('@visit/sql');
    let statements: string[];
    try {
      statements = createTables(rules.checked, { dialect: args.dialect!, listTables: lists, ...(args.table !== undefined ? { table: args.table } : {}) });
    } catch (e) {
      if (!(e instanceof SqlCompileError)) throw e;
      await writeAll(io.stderr, `visit: ${problem().noTables(sqlMessage(e), args.file)}\n`);
      return 2;
    }
    await writeAll(io.stdout, statements.map((s) => `${s};\n`).join(''));
    return 0;
  }
  const { compile } = await import('@visit/engine');
  // The schema does not depend on the reference date; any valid date will do.
  const compiled = compile(rules.checked, { asOf: io.today() });
  if (!compiled.ok) return 2;
  await writeAll(io.stdout, `${JSON.stringify(compiled.screener.schema, null, 2)}\n`);
  return 0;
}
