// The CSV header's warnings in the summary's language. The engine's csvReader (packages/engine
// records.ts) words them in English, from a closed set of shapes; each is read back here and
// written with summary/words.ts. A message of another shape (a later engine's) is kept in English
// rather than guessed at. English input with `lang` en (or none) is returned as it is.

import type { Lang } from '../report/kit';
import { summaryWords } from './words';

const COLUMNS = '(a column|\\d+ columns)';
const QUOTED = '(".*")';
const NAME = '([^=\\s]+)';
const ENGINE_CPR = '(a name that looks like a CPR number, withheld)';

const count = (columns: string): number => (columns === 'a column' ? 1 : Number(columns.split(' ')[0]));

const shapes: [RegExp, (m: RegExpExecArray, lang: Lang) => string][] = [
  [
    new RegExp(`^no column of the header names a field of the record \\(expected a header row with (.*)\\); ignoring ${COLUMNS}$`),
    (m, lang) => summaryWords(lang).noHeader(m[1]!, count(m[2]!)),
  ],
  [
    new RegExp(`^ignoring ${COLUMNS} not in the record declaration: (.*)$`),
    (m, lang) => summaryWords(lang).unknownColumns(count(m[1]!), m[2]!.split(ENGINE_CPR).join(summaryWords(lang).cprWithheld)),
  ],
  [new RegExp(`^column ${QUOTED} appears more than once; the first one is read$`), (m, lang) => summaryWords(lang).repeatedColumn(m[1]!)],
  [
    new RegExp(`^column ${QUOTED} is ignored: a list field is read from a second CSV \\(--list ${NAME}=FILE\\), not from a column$`),
    (m, lang) => summaryWords(lang).listColumnIgnored(m[1]!, m[2]!),
  ],
  [
    new RegExp(`^no list file for optional list field ${QUOTED} \\(--list ${NAME}=FILE\\): it is missing in every row$`),
    (m, lang) => summaryWords(lang).noListFileOptional(m[1]!, m[2]!),
  ],
  [
    new RegExp(`^no list file for required list field ${QUOTED} \\(--list ${NAME}=FILE\\): every row is invalid$`),
    (m, lang) => summaryWords(lang).noListFileRequired(m[1]!, m[2]!),
  ],
  [new RegExp(`^no column for optional field ${QUOTED}: it is missing in every row$`), (m, lang) => summaryWords(lang).noColumnOptional(m[1]!)],
  [new RegExp(`^no column for required field ${QUOTED}: every row is invalid$`), (m, lang) => summaryWords(lang).noColumnRequired(m[1]!)],
];

/** One warning of the engine's csvReader, in `lang`. */
export function headerWarning(message: string, lang?: Lang): string {
  if (lang === undefined || lang === 'en') return message;
  for (const [shape, words] of shapes) {
    const m = shape.exec(message);
    if (m) return words(m, lang);
  }
  return message;
}

/** The warnings of a CSV header, in `lang`. */
export function headerWarnings(messages: readonly string[], lang?: Lang): string[] {
  return messages.map((m) => headerWarning(m, lang));
}
