// Every command of `visit`, in the order `visit --help` lists them.

import { register, type RegisteredCommand } from '../command';
import * as check from './check';
import * as compile from './compile';
import * as diff from './diff';
import * as doc from './doc';
import * as lsp from './lsp';
import * as schema from './schema';
import * as screen from './screen';
import * as test from './test';

export const commands: RegisteredCommand[] = [
  register(check),
  register(test),
  register(screen),
  register(diff),
  register(doc),
  register(compile),
  register(schema),
  register(lsp),
];

/** The command names, for a clear message when the first word is none of them. */
export const commandNames: readonly string[] = commands.map((c) => c.command.split(' ')[0]!);
