// `visit doc RULES [--lang da|en] [--format html|md] [--as-of DATE] [--out FILE]`: the rule file for
// people (issue 15 §2): each programme with its requirements as sentences, the groups as
// definitions, the params with their dated values, the record's fields and the tests as examples.
// HTML is one self-contained printable page (A4); Markdown is plain. Exit 0, or 2 when the rules
// have errors (file:line:col on stderr, as `visit check`) or the output cannot be written.

import { basename } from 'node:path';
import type { Argv } from 'yargs';
import type { ArgsOf } from '../command';
import { writeAll, type Io } from '../context';
import { asOfDate, fileErrorReason, langOption, problem } from '../options';
import { languageFrom } from '../language';
import { loadRules } from '../rules';
import { help } from '../words';

export const command = 'doc <rules>';
export const describe = () => help().doc.describe;

export function builder(yargs: Argv) {
  const h = help();
  return yargs
    .positional('rules', { describe: h.ruleFile, type: 'string', demandOption: true })
    .option('lang', { ...langOption(), describe: h.doc.lang })
    .option('format', {
      describe: h.doc.format,
      choices: ['html', 'md'] as const,
      default: 'html' as const,
      requiresArg: true,
    })
    .option('as-of', {
      describe: h.doc.asOf,
      type: 'string',
      requiresArg: true,
    })
    .option('out', { describe: h.doc.out, type: 'string', requiresArg: true })
    .example('visit doc examples/tre-hovedveje/tre-hovedveje.visit --lang da --out regler.html', h.doc.exampleHtml)
    .example('visit doc rules.visit --lang en --format md --as-of 2026-11-23', h.doc.exampleMd)
    .epilogue(h.doc.epilogue);
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
    const identity = await fileIdentity(problem().theRules(args.rules), args.rules);
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
    await writeAll(io.stderr, `visit: ${problem().cannotWrite(args.out, fileErrorReason(e))}\n`);
    return 2;
  }
  return 0;
}
