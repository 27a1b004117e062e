// `visit doc RULES [--lang da|en] [--format html|md] [--as-of DATE] [--out FILE]`: the rule file for
// people (issue 15 §2): each programme with its requirements as sentences, the groups as
// definitions, the params with their dated values, the record's fields and the tests as examples.
// HTML is one self-contained printable page (A4); Markdown is plain. Exit 0, or 2 when the rules
// have errors (file:line:col on stderr, as `visit check`) or the output cannot be written.

import { basename } from 'node:path';
import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { asOfDate, fileErrorReason, langOption } from '../options';
import { languageFrom } from '../language';
import { loadRules } from '../rules';

export const command = 'doc <rules>';
export const describe = 'Write the rules for people: programmes and requirements as sentences, groups, params, fields and examples (HTML or Markdown)';

export function builder(yargs: Argv) {
  return yargs
    .positional('rules', { describe: 'Rule file (.visit)', type: 'string', demandOption: true })
    .option('lang', { ...langOption, describe: `Language of the $the document and the rule errors: da or en (default: the locale — LC_ALL, LC_MESSAGES or LANG — else en)` })
    .option('format', {
      describe: 'html: one self-contained printable page (A4; print it to PDF from a browser); md: Markdown',
      choices: ['html', 'md'] as const,
      default: 'html' as const,
      requiresArg: true,
    })
    .option('as-of', {
      describe: 'Reference date YYYY-MM-DD: which dated versions are in force, and the value of dated params (default: today)',
      type: 'string',
      requiresArg: true,
    })
    .option('out', { describe: 'Write to FILE (whole or not at all) instead of stdout', type: 'string', requiresArg: true })
    .example('visit doc examples/tre-hovedveje/tre-hovedveje.visit --lang da --out regler.html', 'a page for the committee')
    .example('visit doc rules.visit --lang en --format md --as-of 2026-11-23', 'Markdown, as in force on a day')
    .epilogue('Exit status: 0 written, 2 the rules have errors, an option is wrong or the file cannot be written (nothing written).');
}

type DocArgs = ArgsOf<typeof builder>;

export async function handler(args: DocArgs, io: Io): Promise<number> {
  const { asOf } = asOfDate(args.asOf, io.today());
  const lang = languageFrom(args.lang, io.env);
  const rules = await loadRules(args.rules, {}, io, lang);
  if (!rules.ok) return 2;
  const { renderDoc } = await import('@visit/dsl');
  const text = renderDoc(rules.checked, { lang, format: args.format, asOf, title: basename(args.rules) });
  if (args.out === undefined) {
    await writeAll(io.stdout, text);
    return 0;
  }
  const { fileIdentity, openAtomicFileSink } = await import('@visit/batch/node');
  try {
    const identity = await fileIdentity(`the rules ${args.rules}`, args.rules);
    const sink = await openAtomicFileSink(args.out, { protect: identity ? [identity] : [] });
    try {
      const wait = sink.write(text);
      if (wait) await wait;
      await sink.commit();
    } catch (e) {
      await sink.abort();
      throw e;
    }
  } catch (e) {
    await writeAll(io.stderr, `visit: cannot write ${args.out}: ${fileErrorReason(e)}\n`);
    return 2;
  }
  return 0;
}
