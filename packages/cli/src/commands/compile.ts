// `visit compile FILE --as-of DATE [--param name=value]… [--layout inline|referenced]`: the JSON
// Logic document of LANGUAGE.md §9 on stdout. Exit 0, or 2 when the rules have errors or the
// inline document would be too large (then nothing is written to stdout).

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { asOfDate, paramOverrides, paramOption } from '../options';
import { renderDiagnostics } from '../render-diagnostics';
import { loadRules } from '../rules';
import { styleFor } from '../style';

export const command = 'compile <file>';
export const describe = 'Compile rules to portable JSON Logic (holds/fails for every group and programme line)';

export function builder(yargs: Argv) {
  return yargs
    .positional('file', { describe: 'Rule file (.visit)', type: 'string', demandOption: true })
    .option('as-of', {
      describe: 'Reference date YYYY-MM-DD for age_of/time_since thresholds (default: today)',
      type: 'string',
      requiresArg: true,
    })
    .option('param', paramOption)
    .option('layout', {
      describe:
        'inline: every expression stands alone, groups and lets written out where used (LANGUAGE.md §9); ' +
        'referenced: each let and group is computed once, in the order the document lists, and read by name, so the size grows linearly',
      choices: ['inline', 'referenced'] as const,
      default: 'inline' as const,
      requiresArg: true,
    })
    .example('visit compile examples/tre-hovedveje/tre-hovedveje.visit --as-of 2026-11-23 > rules.json', 'write the JSON Logic')
    .example("visit compile rules.visit --as-of 2026-11-23 --param 'min_ledighed=4 months'", 'with a param override')
    .example('visit compile rules.visit --as-of 2026-11-23 --layout referenced', 'groups that use groups: each computed once')
    .epilogue(
      'Exit status: 0 compiled, 2 the rules have errors, an option is wrong, or the inline document would pass ' +
        `${DEFAULT_MAX_NODES_TEXT} JSON Logic nodes (nothing on stdout).`,
    );
}

type CompileArgs = ArgsOf<typeof builder>;

/** The engine's DEFAULT_MAX_NODES, for the help text (which must not load the engine). */
const DEFAULT_MAX_NODES_TEXT = '1,000,000';

export async function handler(args: CompileArgs, io: Io): Promise<number> {
  const { asOf, isToday } = asOfDate(args.asOf, io.today());
  const params = paramOverrides(args.param);
  const rules = await loadRules(args.file, params, io);
  if (!rules.ok) return 2;
  const { toJsonLogic, JsonLogicTooLarge, formatNodes } = await import('@visit/engine');
  const layout = args.layout;
  let document;
  try {
    document = toJsonLogic(rules.checked, { asOf, params, layout });
  } catch (e) {
    if (!(e instanceof JsonLogicTooLarge)) throw e;
    // Found before anything is built: a file:line:col diagnostic on the entry that passes the limit.
    const what = e.place.kind === 'line' ? `line ${e.place.index} of program ${e.place.name}` : `${e.place.kind} ${e.place.name}`;
    const advice =
      layout === 'inline'
        ? 'the inline layout writes out every group and let an expression uses, each time it is used; ' +
          'use --layout referenced, which computes each once and refers to it by name'
        : 'even with lets and groups referenced by name';
    const message = `${what} would compile to ${formatNodes(e.nodes)} JSON Logic nodes, taking the document to ${formatNodes(e.total)}, past the limit of ${formatNodes(e.limit)}: ${advice}`;
    const style = styleFor(io.stderr, io.env);
    await writeAll(io.stderr, renderDiagnostics(args.file, rules.source, [{ code: 'json-logic-too-large', severity: 'error', message, range: e.place.range }], style));
    await writeAll(io.stderr, `visit: ${args.file} was not compiled\n`);
    return 2;
  }
  if (isToday && args.asOf === undefined) await writeAll(io.stderr, `visit: reference date ${asOf} (today)\n`);
  await writeAll(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
  return 0;
}

