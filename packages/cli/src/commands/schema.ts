// `visit schema FILE`: the JSON Schema (draft 2020-12) of one input record, as the engine
// validates NDJSON records. Exit 0, or 2 when the rules have errors.

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { loadRules } from '../rules';

export const command = 'schema <file>';
export const describe = "Print the JSON Schema of the file's record (what one NDJSON input line must look like)";

export function builder(yargs: Argv) {
  return yargs
    .positional('file', { describe: 'Rule file (.visit)', type: 'string', demandOption: true })
    .example('visit schema examples/tre-hovedveje/tre-hovedveje.visit > citizen.schema.json', 'write the schema')
    .epilogue('Exit status: 0 printed, 2 the rules have errors (nothing on stdout).');
}

type SchemaArgs = ArgsOf<typeof builder>;

export async function handler(args: SchemaArgs, io: Io): Promise<number> {
  const rules = await loadRules(args.file, {}, io);
  if (!rules.ok) return 2;
  const { compile } = await import('@visit/engine');
  // The schema does not depend on the reference date; any valid date will do.
  const compiled = compile(rules.checked, { asOf: io.today() });
  if (!compiled.ok) return 2;
  await writeAll(io.stdout, `${JSON.stringify(compiled.screener.schema, null, 2)}\n`);
  return 0;
}

