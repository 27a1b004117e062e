// `visit compile FILE --as-of DATE [--param name=value]…`: the JSON Logic document of LANGUAGE.md
// §9 on stdout. Exit 0, or 2 when the rules have errors (then nothing is written to stdout).

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { asOfDate, paramOverrides, paramOption } from '../options';
import { loadRules } from '../rules';

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
    .example('visit compile examples/tre-hovedveje/tre-hovedveje.visit --as-of 2026-11-23 > rules.json', 'write the JSON Logic')
    .example("visit compile rules.visit --as-of 2026-11-23 --param 'min_ledighed=4 months'", 'with a param override')
    .epilogue('Exit status: 0 compiled, 2 the rules have errors or an option is wrong (nothing on stdout).');
}

type CompileArgs = ArgsOf<typeof builder>;

export async function handler(args: CompileArgs, io: Io): Promise<number> {
  const { asOf, isToday } = asOfDate(args.asOf, io.today());
  const params = paramOverrides(args.param);
  const rules = await loadRules(args.file, params, io);
  if (!rules.ok) return 2;
  const { toJsonLogic } = await import('@visit/engine');
  const document = toJsonLogic(rules.checked, { asOf });
  if (isToday && args.asOf === undefined) await writeAll(io.stderr, `visit: reference date ${asOf} (today)\n`);
  await writeAll(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
  return 0;
}

