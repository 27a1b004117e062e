// `visit test FILE…`: run the `test` blocks of rule files. Each test is screened with its own
// reference date (`as of`, else --as-of, else today) and its `with` overrides; a test passes when
// all its expectations hold. Failures show expected against actual and the explanation. Then, per
// programme line, whether the tests saw it both true and false (criterion coverage). The last line
// is exactly `N passed, N failed`. Exit 0 all pass, 1 any fails, 2 a file cannot be read or has
// errors.

import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import type { Io } from '../context';
import { langOption } from '../options';
import { help } from '../words';

export const command = 'test <files..>';
export const describe = () => help().test.describe;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .positional('files', { describe: h.ruleFiles, type: 'string', array: true, demandOption: true })
    .option('as-of', {
      describe: h.test.asOf,
      type: 'string',
      requiresArg: true,
    })
    .option('lang', langOption())
    .option('param', {
      describe: h.test.param,
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .example('visit test examples/tre-hovedveje/tre-hovedveje.visit', h.test.exampleOne)
    .example('visit test examples/*/*.visit', h.test.exampleMany)
    .epilogue(h.test.epilogue);
}

export type TestArgs = ArgsOf<typeof builder>;

export async function handler(args: TestArgs, io: Io): Promise<number> {
  // The implementation (and with it the language and the engine) loads only when testing.
  const { runTests } = await import('../test-command');
  return runTests(args, io);
}
