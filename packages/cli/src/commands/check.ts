// `visit check FILE…`: parse and type-check rule files. Diagnostics go to stdout (they are what the
// command produces: editors and scripts read them there); the closing count goes to stderr.
// Exit 0 without errors, 1 with errors, 2 when a file cannot be read (the others are still checked).

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, writeText, type Io } from '../context';
import { languageFrom } from '../language';
import { langOption, readSource } from '../options';
import { countLine, renderDiagnostics } from '../render-diagnostics';
import { styleFor } from '../style';
import { help } from '../words';

export const command = 'check <files..>';
export const describe = () => help().check.describe;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .positional('files', { describe: h.ruleFiles, type: 'string', array: true, demandOption: true })
    .option('lang', langOption())
    .example('visit check examples/tre-hovedveje/tre-hovedveje.visit', h.check.exampleOne)
    .example('visit check rules/*.visit', h.check.exampleMany)
    .epilogue(h.check.epilogue);
}

type CheckArgs = ArgsOf<typeof builder>;

export async function handler(args: CheckArgs, io: Io): Promise<number> {
  const lang = languageFrom(args.lang, io.env);
  const { catalogue, check } = await import('@visit/dsl');
  const words = catalogue(lang).frame;
  const style = styleFor(io.stdout, io.env);
  let errors = 0;
  let warnings = 0;
  let checked = 0;
  let unreadable = 0;
  const stderrStyle = styleFor(io.stderr, io.env);
  for (const file of args.files) {
    const read = await readSource(file);
    if (!read.ok) {
      unreadable++;
      await writeAll(io.stderr, `${stderrStyle.error(read.message)}\n`);
      continue;
    }
    checked++;
    const result = check(read.text, { lang });
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
    }
    await writeText(io.stdout, renderDiagnostics(file, read.text, result.diagnostics, style, words));
  }
  await writeAll(io.stderr, `${countLine(errors, warnings, checked, words)}\n`);
  if (unreadable > 0) return 2;
  return errors > 0 ? 1 : 0;
}

