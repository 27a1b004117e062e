// `visit lsp --stdio`: the Visit language server (packages/lsp) on stdin/stdout, for VS Code and
// any editor with an LSP client. It runs until the client sends `exit` (status 0 after `shutdown`).

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { asOfDate } from '../options';

export const command = 'lsp';
export const describe = 'Run the Visit language server (LSP) for editors, over stdio';

export function builder(yargs: Argv) {
  return yargs
    .option('stdio', { describe: 'Speak the protocol on stdin/stdout (the only transport)', type: 'boolean', default: false })
    .option('as-of', {
      describe: 'Reference date YYYY-MM-DD for inlay hints ("born after …") and "pin this test to a date" (default: today, each time)',
      type: 'string',
      requiresArg: true,
    })
    .example('visit lsp --stdio', 'what an editor starts; it sends the requests')
    .epilogue(
      'Features: diagnostics, completion, hover, definition, references, symbols, rename, formatting, code actions,\n' +
        'semantic tokens, folding, inlay hints.\n' +
        'Exit status: 0 after the client\'s shutdown and exit, 1 on exit without shutdown, 2 could not start.',
    );
}

type LspArgs = ArgsOf<typeof builder>;

export async function handler(args: LspArgs, io: Io): Promise<number> {
  if (!args.stdio) {
    await writeAll(io.stderr, "visit lsp: expected --stdio (the language server speaks LSP on stdin/stdout)\nRun 'visit lsp --help' for the options.\n");
    return 2;
  }
  // Checked before the server starts: a bad date is a usage error (exit 2), not a silent default.
  const fixed = args.asOf === undefined ? undefined : asOfDate(args.asOf, io.today()).asOf;
  const { runStdioServer } = await import('@visit/lsp');
  return runStdioServer({ referenceDate: () => fixed ?? io.today() });
}
