// The `visit` command line: yargs wiring. `main(argv, io)` returns the exit code; only the bin
// (bin.ts, which loads this bundle, or scripts/visit.mjs through it) ends the process.

import yargs, { type Argv } from 'yargs';
import { commandNames, commands } from './commands/index';
import { guardIo, processIo, writeAll, type Io } from './context';
import { STDIN_ARG, UsageError } from './options';
import packageJson from '../package.json';
import { localeLanguage, type Language } from './language';
import { mainWords, setHelpLanguage, yargsDa } from './words';

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
    const problem = mainWords().problem;
    await writeAll(io.stderr, `visit: ${problem.cannotWriteStdout(failure.reason(problem.writeReasons))}\n`);
    result = EXIT_CANNOT_RUN;
  }
  await writeAll(io.stderr, '');
  return result;
}

async function run(argv: readonly string[], io: Io & { stdout: { failure: unknown } }): Promise<number> {
  // --help, the commands' descriptions and yargs's own messages speak the locale, or --lang.
  const helpLang = commandLineLanguage(argv, io.env);
  setHelpLanguage(helpLang);
  const words = mainWords();
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !commandNames.includes(first)) {
    await writeAll(io.stderr, `visit: ${words.unknownCommand(first, commandNames.join(', '))}\n${words.runHelp}\n`);
    return EXIT_CANNOT_RUN;
  }
  let code: number | undefined;
  const args = argv.map((a) => (a === '-' ? STDIN_ARG : a));
  let parser = yargs(args)
    .scriptName('visit')
    .usage(words.help.usage)
    .locale('en')
    .strict()
    .demandCommand(1, words.expectedCommand)
    .version(packageJson.version)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(120, io.stdout.columns ?? 120))
    .epilogue(words.help.epilogue)
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own parse errors as a message; rethrow so that `main` turns them into exit 2.
      throw error ?? new UsageError(message);
    });
  // yargs has no Danish locale: its words are replaced in the English one (no file is read for it in
  // the bundle; y18n finds no locales/en.json there and starts from yargs's own strings).
  if (helpLang === 'da') parser = parser.updateStrings(yargsDa as Record<string, string>);
  skipHelpCache(parser);
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
      await writeAll(io.stderr, `visit: ${e.message}\n${words.runHelp}\n`);
      return EXIT_CANNOT_RUN;
    }
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    await writeAll(io.stderr, `visit: ${words.problem.internalError(message)}\n`);
    return EXIT_CANNOT_RUN;
  }
  // --help and --version: yargs hands back the text instead of printing it.
  if (output !== '') await writeAll(io.stdout, output.endsWith('\n') ? output : `${output}\n`).catch(() => undefined);
  return code ?? 0;
}

/**
 * yargs renders the whole help text of a command before it runs the command's handler, to show it
 * should the handler fail (measured: ~40 ms of a one-row `visit screen`, a third of yargs's share).
 * Our `.fail()` rethrows and never shows that text, and --help takes another path, so the rendering
 * is skipped. yargs has no option for it: this reaches its usage instance, and leaves yargs as it
 * is when that is not there (a later yargs is then only slower, not different).
 */
function skipHelpCache(parser: Argv): void {
  const internal = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => unknown } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.() as { cacheHelpMessage?: unknown } | undefined;
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/**
 * The language of `--help` and of the messages before a command runs: `--lang da|en` where it is on
 * the command line (anything else is left to the command, which refuses it), else the locale.
 */
export function commandLineLanguage(argv: readonly string[], env: Record<string, string | undefined>): Language {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === 'da' || value === 'en') return value;
  }
  return localeLanguage(env.LC_ALL) ?? localeLanguage(env.LC_MESSAGES) ?? localeLanguage(env.LANG) ?? 'en';
}

function isYargsError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'YError';
}

/**
 * Runs the command line in this process with the real stdio; returns the exit code. `workerUrl`:
 * the bundled worker entry of `visit screen` (dist/screen-worker.js, next to the bundle; bin.ts
 * passes it).
 */
export async function runCli(argv: readonly string[], workerUrl?: URL): Promise<number> {
  return main(argv, processIo(workerUrl));
}
