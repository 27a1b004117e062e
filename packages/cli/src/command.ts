// The shape of one command module (the WebdriverIO CLI style): `command`, `describe`, a typed
// `builder` and a `handler` that returns the exit code.

import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { Io } from './context';

/** The parsed arguments a builder declares (with kebab-case options also in camelCase). */
export type ArgsOf<B> = B extends (yargs: Argv) => Argv<infer A> ? ArgumentsCamelCase<A> : never;

export interface CommandModule<A> {
  command: string;
  /** The command's line in `--help`, in the language of the help (words.ts `help()`). */
  describe: () => string;
  builder: (yargs: Argv) => Argv<A>;
  handler: (args: ArgumentsCamelCase<A>, io: Io) => Promise<number>;
}

/** A command with its argument type sealed in, so that commands of different types share one array. */
export interface RegisteredCommand {
  command: string;
  describe: () => string;
  /** Adds the command to a yargs instance; `done` receives the handler's exit code. */
  attach(yargs: Argv, io: Io, done: (code: number) => void): Argv;
}

export function register<A>(module: CommandModule<A>): RegisteredCommand {
  return {
    command: module.command,
    describe: module.describe,
    attach: (yargs, io, done) =>
      yargs.command<A>(module.command, module.describe(), module.builder, async (args) => {
        done(await module.handler(args, io));
      }),
  };
}
