// The `visit` command line: yargs wiring. `main(argv, io)` returns the exit code; only the bin
// entry at the bottom (or scripts/visit.mjs, through `runCli`) ends the process.

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import yargs from 'yargs';
import { commandNames, commands } from './commands/index';
import { guardIo, processIo, writeAll, type Io } from './context';
import { STDIN_ARG, UsageError } from './options';
import packageJson from '../package.json';

/** Exit status when the command could not run (bad arguments, unreadable input, rule errors). */
export const EXIT_CANNOT_RUN = 2;

/**
 * Exit status when the reader of stdout went away (`visit test | head -1`): 128 + SIGPIPE, what
 * the shell reports for `cat`, `grep` or `seq` in the same place, so that `set -o pipefail` and
 * PIPESTATUS read it the same way; nothing is printed.
 */
export const EXIT_BROKEN_PIPE = 141;

/**
 * Runs one command line. Every command writes through the two writers made here (context.ts):
 * stdout, whose failure decides the exit status below, and stderr, which escapes control
 * characters and masks CPR numbers.
 */
export async function main(argv: readonly string[], given: Io): Promise<number> {
  const io = guardIo(given);
  const code = await run(argv, io);
  // Let stdout take everything before the caller exits; a failure shows in `io.stdout.failure`.
  await writeAll(io.stdout, '').catch(() => undefined);
  const failure = io.stdout.failure;
  let result = code;
  if (failure?.kind === 'closed') result = EXIT_BROKEN_PIPE;
  else if (failure) {
    await writeAll(io.stderr, `visit: cannot write to stdout: ${failure.reason()}\n`);
    result = EXIT_CANNOT_RUN;
  }
  await writeAll(io.stderr, '');
  return result;
}

async function run(argv: readonly string[], io: Io & { stdout: { failure: unknown } }): Promise<number> {
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !commandNames.includes(first)) {
    await writeAll(io.stderr, `visit: unknown command '${first}': expected one of ${commandNames.join(', ')}\nRun 'visit --help' for the commands and their options.\n`);
    return EXIT_CANNOT_RUN;
  }
  let code: number | undefined;
  const args = argv.map((a) => (a === '-' ? STDIN_ARG : a));
  let parser = yargs(args)
    .scriptName('visit')
    .usage('visit <command> [options]\n\nCheck, test and run Visit rules (target groups and visitation criteria).')
    .locale('en')
    .strict()
    .demandCommand(1, 'expected a command: check, test, screen, compile or schema')
    .version(packageJson.version)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(120, io.stdout.columns ?? 120))
    .epilogue('Exit status: 0 success, 1 errors in the rules, failed tests or invalid records, 2 could not run.')
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own parse errors as a message; rethrow so that `main` turns them into exit 2.
      throw error ?? new UsageError(message);
    });
  for (const command of commands) {
    parser = command.attach(parser, io, (c) => {
      code = c;
    });
  }
  let output = '';
  try {
    await parser.parseAsync(args, {}, (_error, _args, text) => {
      output = text;
    });
  } catch (e) {
    // A failed write to stdout ends the command; `main` reports it.
    if (io.stdout.failure) return EXIT_CANNOT_RUN;
    if (e instanceof UsageError || isYargsError(e)) {
      await writeAll(io.stderr, `visit: ${e.message}\nRun 'visit --help' for the commands and their options.\n`);
      return EXIT_CANNOT_RUN;
    }
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    await writeAll(io.stderr, `visit: internal error: ${message}\n`);
    return EXIT_CANNOT_RUN;
  }
  // --help and --version: yargs hands back the text instead of printing it.
  if (output !== '') await writeAll(io.stdout, output.endsWith('\n') ? output : `${output}\n`).catch(() => undefined);
  return code ?? 0;
}

function isYargsError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'YError';
}

/** Runs the command line in this process with the real stdio; returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  // The worker entry sits next to this bundle (scripts/build.mjs builds both into dist/).
  const io = processIo(new URL('./screen-worker.js', import.meta.url));
  return main(argv, io);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exit(await runCli(process.argv.slice(2)));
}
