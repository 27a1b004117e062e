// `visit compile FILE --as-of DATE [--param name=value]… [--layout inline|referenced]`: the JSON
// Logic document of LANGUAGE.md §9 on stdout. Exit 0, or 2 when the rules have errors or the
// inline document would be too large (then nothing is written to stdout).
// `--target sql --dialect postgres|duckdb|spark [--table T] [--list-table forløb=forloeb] [--explain-columns]`: one SELECT (§16).

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { asOfDate, langOption, paramOverrides, paramOption, problem, UsageError } from '../options';
import { languageFrom } from '../language';
import { renderDiagnostics } from '../render-diagnostics';
import { loadRules } from '../rules';
import { dialectOption, listTableOption, listTables, sqlMessage, tableOption } from '../sql-options';
import { styleFor } from '../style';
import { help, mainWords } from '../words';

export const command = 'compile <file>';
export const describe = () => help().compile.describe;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .positional('file', { describe: h.ruleFile, type: 'string', demandOption: true })
    .option('as-of', {
      describe: h.compile.asOf,
      type: 'string',
      requiresArg: true,
    })
    .option('as-of-field', {
      describe: h.compile.asOfField,
      type: 'string',
      requiresArg: true,
    })
    .option('param', paramOption())
    .option('lang', langOption())
    .option('layout', {
      describe: h.compile.layout,
      choices: ['inline', 'referenced'] as const,
      default: 'inline' as const,
      requiresArg: true,
    })
    .option('target', {
      describe: h.compile.target,
      choices: ['json-logic', 'sql'] as const,
      default: 'json-logic' as const,
      requiresArg: true,
    })
    .option('dialect', dialectOption())
    .option('table', tableOption())
    .option('list-table', listTableOption())
    .option('explain-columns', {
      describe: h.compile.explainColumns,
      type: 'boolean',
    })
    .example('visit compile examples/tre-hovedveje/tre-hovedveje.visit --as-of 2026-11-23 > rules.json', h.compile.exampleJson)
    .example('visit compile rules.visit --target sql --dialect postgres --as-of 2026-11-23 --list-table forløb=forloeb', h.compile.exampleSql)
    .example("visit compile rules.visit --as-of 2026-11-23 --param 'min_ledighed=4 months'", h.compile.exampleParam)
    .example('visit compile rules.visit --as-of 2026-11-23 --layout referenced', h.compile.exampleReferenced)
    .epilogue(h.compile.epilogue(DEFAULT_MAX_NODES_TEXT));
}

type CompileArgs = ArgsOf<typeof builder>;

/** The engine's DEFAULT_MAX_NODES, for the help text (which must not load the engine). */
const DEFAULT_MAX_NODES_TEXT = '1,000,000';

export async function handler(args: CompileArgs, io: Io): Promise<number> {
  const asOfField = args['as-of-field'];
  if (asOfField !== undefined && args.asOf !== undefined) throw new UsageError(problem().asOfExclusive);
  if (asOfField !== undefined && args.target !== 'sql') throw new UsageError(problem().asOfFieldNeedsSql);
  const { asOf, isToday } = asOfDate(args.asOf, io.today());
  const params = paramOverrides(args.param);
  const rules = await loadRules(args.file, params, io, languageFrom(args.lang, io.env));
  if (!rules.ok) return 2;
  const { toJsonLogic, JsonLogicTooLarge, JsonLogicNotPortable, formatNodes } = await import('@visit/engine');
  // §13: the versions in force on the reference date; a name in use with none: nothing compiled.
  // With --as-of-field no single day decides (compileSql refuses dated versions itself).
  if (asOfField !== undefined) return compileSql(args, rules, asOf, params, isToday, io);
  const day = (await import('@visit/dsl')).inForce(rules.checked, asOf);
  if (!day.ok) {
    await writeAll(io.stderr, `visit: ${problem().notCompiledBecause(day.message, args.file)}\n`);
    return 2;
  }
  if (args.target === 'sql') return compileSql(args, rules, asOf, params, isToday, io);
  if (args.dialect !== undefined || args.table !== undefined || args['list-table'] !== undefined || args['explain-columns'] !== undefined) {
    throw new UsageError(problem().sqlOptionsOnly(problem().compileSqlOptions));
  }
  const layout = args.layout;
  let document;
  try {
    document = toJsonLogic(day.checked, { asOf, params, layout });
  } catch (e) {
    if (e instanceof JsonLogicNotPortable) {
      // §12: time_between and time_in need date arithmetic JSON Logic does not have.
      const style = styleFor(io.stderr, io.env);
      const p = problem();
      const why = e.callee === 'time_between' ? p.whyTimeBetween : e.callee === 'time_in' ? p.whyTimeIn : p.whyCompared(e.callee);
      const message = e.source === '' ? e.message : p.notPortable(e.source, e.range.start.line, why);
      await writeAll(io.stderr, renderDiagnostics(args.file, rules.source, [{ code: 'not-portable', severity: 'error', message, range: e.range }], style));
      await writeAll(io.stderr, `visit: ${problem().notCompiled(args.file)}\n`);
      return 2;
    }
    if (!(e instanceof JsonLogicTooLarge)) throw e;
    // Found before anything is built: a file:line:col diagnostic on the entry that passes the limit.
    const p = problem();
    const what = e.place.kind === 'line' ? p.programLine(e.place.index ?? 0, e.place.name) : p.entry(e.place.kind, e.place.name);
    const advice = layout === 'inline' ? p.tooLargeInline : p.tooLargeReferenced;
    const message = p.tooLarge(what, formatNodes(e.nodes), formatNodes(e.total), formatNodes(e.limit), advice);
    const style = styleFor(io.stderr, io.env);
    await writeAll(io.stderr, renderDiagnostics(args.file, rules.source, [{ code: 'json-logic-too-large', severity: 'error', message, range: e.place.range }], style));
    await writeAll(io.stderr, `visit: ${problem().notCompiled(args.file)}\n`);
    return 2;
  }
  if (isToday && args.asOf === undefined) await writeAll(io.stderr, `visit: ${mainWords().referenceDate(asOf, true)}\n`);
  await writeAll(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
  return 0;
}


async function compileSql(
  args: CompileArgs,
  rules: { checked: import('@visit/dsl').CheckedFile },
  asOf: string,
  params: Record<string, string>,
  isToday: boolean,
  io: Io,
): Promise<number> {
  if (args.dialect === undefined) throw new UsageError(problem().sqlNeedsDialect);
  const { compileSql: toSql, SqlCompileError } = await import('@visit/sql');
  const lists = listTables(args['list-table']);
  let sql: string;
  try {
    const when = args['as-of-field'] === undefined ? { asOf } : { asOfField: args['as-of-field'] };
    sql = toSql(rules.checked, { ...when, dialect: args.dialect, params, listTables: lists, explainColumns: args['explain-columns'] === true, ...(args.table !== undefined ? { table: args.table } : {}) }).sql;
  } catch (e) {
    if (!(e instanceof SqlCompileError)) throw e;
    await writeAll(io.stderr, `visit: ${problem().notCompiledBecause(sqlMessage(e), args.file)}\n`);
    return 2;
  }
  if (isToday && args.asOf === undefined && args['as-of-field'] === undefined) await writeAll(io.stderr, `visit: ${mainWords().referenceDate(asOf, true)}\n`);
  await writeAll(io.stdout, `${sql}\n`);
  return 0;
}
