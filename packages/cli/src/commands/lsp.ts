// `visit lsp --stdio`: the Visit language server (packages/lsp) on stdin/stdout, for VS Code and
// any editor with an LSP client. It runs until the client sends `exit` (status 0 after `shutdown`).

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { asOfDate, langOption, problem } from '../options';
import { languageFrom } from '../language';
import { help } from '../words';

export const command = 'lsp';
export const describe = () => help().lsp.describe;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .option('stdio', { describe: h.lsp.stdio, type: 'boolean', default: false })
    .option('lang', { ...langOption(), describe: h.lsp.lang })
    .option('as-of', {
      describe: h.lsp.asOf,
      type: 'string',
      requiresArg: true,
    })
    .example('visit lsp --stdio', h.lsp.example)
    .epilogue(h.lsp.epilogue);
}

type LspArgs = ArgsOf<typeof builder>;

export async function handler(args: LspArgs, io: Io): Promise<number> {
  // Only checked: a value other than da or en is a usage error, as on every command.
  languageFrom(args.lang, io.env);
  if (!args.stdio) {
    await writeAll(io.stderr, `visit lsp: ${problem().lspNeedsStdio}\n${problem().lspRunHelp}\n`);
    return 2;
  }
  // Checked before the server starts: a bad date is a usage error (exit 2), not a silent default.
  const fixed = args.asOf === undefined ? undefined : asOfDate(args.asOf, io.today()).asOf;
  const { runStdioServer } = await import('@visit/lsp');
  return runStdioServer({ referenceDate: () => fixed ?? io.today() });
}
