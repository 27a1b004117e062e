// The command line's own words, in English and Danish: `visit screen`'s lines around the summary,
// `visit test`'s output and `--help` (the commands, options, examples and epilogues). `da` has the
// type of `en` (the same keys and parameters), as the dsl's catalogues (packages/dsl/src/check/
// messages.ts) and the summary's (packages/batch/src/summary/words.ts). Names, file names, keywords
// of the rules language (`require`, `expect`, `eligible` …), option names, example commands and
// every machine-readable value are the same in both.

import type { Language } from './language';

const count = (n: number, one: string, many: string, locale: string) => `${n.toLocaleString(locale)} ${n === 1 ? one : many}`;

export const en = {
  // visit screen, on stderr
  warning: 'warning',
  referenceDate: (date: string, today: boolean): string => `reference date ${date}${today ? ' (today)' : ''}`,
  referenceDateEachRow: (field: string): string => `reference date of each row: its ${field}`,
  screened: (records: string, rules: string, asOf: string, took: string): string => `screened ${records} against ${rules} as of ${asOf} in ${took}`,
  screenedEachRow: (records: string, rules: string, field: string, took: string, dates: number): string =>
    `screened ${records} against ${rules}, each row as of its ${field}, in ${took} (${count(dates, 'date', 'dates', 'en-US')})`,
  wroteReport: (file: string): string => `wrote the report ${file}`,
  removedStale: (name: string): string => `removed ${name}, the temporary file of an earlier run that was killed`,
  stdin: 'stdin',
  postgresTable: (table: string): string => `the PostgreSQL table ${table}`,
  // visit test, on stdout (the last line is `N passed, N failed`)
  testsCount: (passed: number, failed: number): string => `${passed} passed, ${failed} failed`,
  expectedLine: (expected: string): string => `expected: ${expected}`,
  actualLine: (actual: string): string => `actual:   ${actual}`,
  /** `(line 12)` after an expectation. */
  onLine: (line: number): string => `(line ${line})`,
  couldNotRun: (why: string): string => `could not run: ${why}`,
  testAsOf: (date: string, line: number | undefined): string => (line === undefined ? `as of ${date}` : `as of ${date} (line ${line})`),
  targetNotInForce: (target: string, date: string, inForce: string): string => `'${target}' is not in force on ${date} (in force ${inForce})`,
  targetUnknown: (target: string): string => `'${target}' is neither a group nor a programme`,
  truth: { true: 'true', false: 'false', unknown: 'unknown' } as Record<'true' | 'false' | 'unknown', string>,
  /** The explanation's value of a field that is not there. */
  missing: 'missing',
  seenTrueOnly: 'seen true, never false',
  seenFalseOnly: 'seen false, never true',
  seenNeither: 'never seen true or false',
  coverageLine: (program: string, line: number, source: string, seen: string): string => `coverage: ${program} line ${line} (${source}): ${seen}`,
  coverageTotal: (full: number, total: number): string => `coverage: ${full} of ${total} programme lines seen both true and false`,
  // Problems, on stderr after `visit: ` (usage errors are followed by runHelp). Names, options,
  // file names and what the system said in its own words are filled in as they are.
  problem: {
    givenTwice: (option: string, name: string): string => `${option} ${name} is given twice`,
    /** What was typed is not repeated (it may be a CPR number given without its name): only its shape. */
    foundNoEquals: "no '='",
    foundNothingBefore: "nothing before '='",
    foundNothingAfter: "nothing after '='",
    foundSomethingElse: 'something else',
    listExpects: (found: string): string => `--list expects NAME=FILE (e.g. --list forløb=forloeb.csv), found ${found}`,
    listTableExpects: '--list-table expects NAME=TABLE (e.g. --list-table forløb=forloeb)',
    paramExpects: (found: string): string => `--param expects name=value (e.g. --param 'min_ledighed=4 months'), found ${found}`,
    dateExpects: (option: string, found: string): string => `${option} expects a date YYYY-MM-DD that exists, found ${found}`,
    langExpects: (found: string): string => `--lang expects da or en, found ${found}`,
    delimiterNotNdjson: '--delimiter applies to CSV input, not to --input-format ndjson',
    comparesNothing:
      'one rule file with the same date and params on both sides compares nothing: give OLD NEW RECORDS, --old-param/--new-param, or --old-as-of/--new-as-of',
    asOfExclusive: '--as-of and --as-of-field exclude each other: give one reference date, or a field of dates',
    byNeedsReport: '--by breaks down the report: give --report FILE too',
    reportWithAsOfField: '--report with --as-of-field is not built yet: give one --as-of date for a report',
    duckdbStdin: '--engine duckdb reads the records twice: give a file, not - (stdin)',
    duckdbExplain: '--explain comes from the JavaScript engine: leave out --engine duckdb for explanations',
    parquetStdin: 'a Parquet file is read from a file, not from stdin (DuckDB reads it)',
    delimiterNotParquet: '--delimiter applies to CSV input, not to a Parquet file',
    encodingNotParquet: '--encoding is for text files: a Parquet file says its own types',
    listNotParquet: '--list joins lists into CSV records: in a Parquet file a list field is a column (a LIST of STRUCT)',
    recordsMissing: 'visit screen needs RECORDS (a CSV or NDJSON file, or - for stdin), or --engine postgres with --connection and --table',
    postgresNoRecords: (found: string): string => `--engine postgres screens the table in the database: leave out the records file (${found})`,
    postgresNeedsConnection: '--engine postgres needs --connection URL (e.g. --connection postgresql://visit@localhost/jobcenter)',
    postgresOnly: (options: string): string => `${options} go with --engine postgres`,
    postgresNotWith: (option: string): string => `${option} is for records files: with --engine postgres the records are the table's rows`,
    postgresExplain: '--explain comes from the JavaScript engine: leave out --engine postgres for explanations',
    reportIsOut: '--report and --out name the same file: give the report a file of its own',
    sqlOptionsOnly: (options: string): string => `${options} go with --target sql`,
    compileSqlOptions: '--dialect, --table, --list-table and --explain-columns',
    schemaSqlOptions: '--dialect, --table and --list-table',
    sqlNeedsDialect: '--target sql needs --dialect postgres, duckdb or spark',
    listFromStdin: (name: string): string => `--list ${name}: a list is read from a file, not from stdin`,
    cannotRead: (file: string, reason: string): string => `cannot read ${file}: ${reason}`,
    cannotWrite: (file: string, reason: string): string => `cannot write ${file}: ${reason}`,
    cannotWriteStdout: (reason: string): string => `cannot write to stdout: ${reason}`,
    nothingWasRun: (message: string): string => `${message}; nothing was run`,
    notCompiled: (file: string): string => `${file} was not compiled`,
    notCompiledBecause: (message: string, file: string): string => `${message}; ${file} was not compiled`,
    noTables: (message: string, file: string): string => `${message}; no tables for ${file}`,
    stopped: (rows: number, reason: string): string => `screening stopped after ${rows.toLocaleString('en-US')} rows: ${reason}`,
    stoppedNotWritten: (rows: number, file: string, reason: string): string =>
      `screening stopped after ${rows.toLocaleString('en-US')} rows; ${file} was not written: ${reason}`,
    notWritten: (file: string, reason: string): string => `${file} was not written: ${reason}`,
    interrupted: (signal: string): string => `interrupted (${signal})`,
    internalError: (message: string): string => `internal error: ${message}`,
    /** What an output file must not replace (`--out` naming an input). */
    theRecords: (file: string): string => `the records ${file}`,
    theRecordsOnStdin: 'the records on stdin',
    theRules: (file: string): string => `the rules ${file}`,
    theList: (file: string): string => `the list ${file}`,
    theOutput: (file: string): string => `the output ${file}`,
    sameFile: (label: string): string => `it is the same file as ${label}: --out would replace it; choose another output file`,
    notRegular: (kind: string): string =>
      `${kind}, not a regular file: --out writes regular files only, by replacing them (to send the output to a device or a pipe, leave out --out and redirect stdout)`,
    fileKind: {
      directory: 'it is a directory',
      fifo: 'it is a named pipe (FIFO)',
      character: 'it is a character device',
      block: 'it is a block device',
      socket: 'it is a socket',
      other: 'it is not a regular file',
    } as Record<'directory' | 'fifo' | 'character' | 'block' | 'socket' | 'other', string>,
    /** Why a file could not be read or written, by the system's error code. */
    reasons: {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'it is a directory, expected a file',
      ENOTDIR: 'a part of the path is not a directory',
      EMFILE: 'too many open files',
      ENFILE: 'too many open files',
      ENOSPC: 'no space left on device',
      EDQUOT: 'disk quota exceeded',
      EFBIG: 'file too large',
      EIO: 'input/output error',
    } as Record<string, string>,
    /** stdout's write errors (main.ts): the code after the words. */
    writeReasons: {
      ENOSPC: 'no space left on device',
      EDQUOT: 'disk quota exceeded',
      EFBIG: 'file too large',
      EIO: 'input/output error',
      EBADF: 'stdout is not open for writing',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EAGAIN: 'resource temporarily unavailable',
    } as Record<string, string>,
    // visit diff, on stderr
    referenceDates: (oldDate: string, newDate: string): string => `reference dates ${oldDate} (old) and ${newDate} (new)`,
    compared: (records: string, rows: number, took: string): string => `compared ${records} (${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}) in ${took}`,
    // visit compile: the inline JSON Logic would be too large
    programLine: (index: number, name: string): string => `line ${index} of program ${name}`,
    entry: (kind: 'group' | 'let', name: string): string => `${kind} ${name}`,
    tooLarge: (what: string, nodes: string, total: string, limit: string, advice: string): string =>
      `${what} would compile to ${nodes} JSON Logic nodes, taking the document to ${total}, past the limit of ${limit}: ${advice}`,
    tooLargeInline:
      'the inline layout writes out every group and let an expression uses, each time it is used; use --layout referenced, which computes each once and refers to it by name',
    tooLargeReferenced: 'even with lets and groups referenced by name',
    notPortable: (source: string, line: number, why: string): string => `'${source}' (line ${line}) is not portable to JSON Logic: ${why}; the SQL target compiles it`,
    whyTimeBetween: 'time_between needs date arithmetic on two record dates, which JSON Logic does not have',
    whyTimeIn: 'time_in needs date arithmetic (the union of periods within a window), which JSON Logic does not have',
    whyCompared: (callee: string): string => `${callee}(…) compiles to JSON Logic only where it is compared`,
    // visit compile/schema --target sql (@visit/sql's SqlCompileError)
    sqlNotAList: (name: string, lists: string): string => `a list table is given for ${name}, which is not a list field of the record (its list fields: ${lists})`,
    sqlNoLists: (name: string): string => `a list table is given for ${name}, which is not a list field of the record (the record has no list fields)`,
    sqlIdentifierTooLong: (name: string, bytes: number): string => `the name ${name} is longer than PostgreSQL's ${bytes} bytes for an identifier`,
    sqlColumnTwice: (name: string): string => `two output columns would be named ${name}`,
    sqlListNeedsKey: 'list fields need a key field to join their tables on',
    sqlNulInText: 'a text literal with a NUL character cannot be written in SQL',
    sqlAsOfFieldNotDate: (name: string, dates: string): string => `--as-of-field ${name}: not a date field of the record (its date fields: ${dates})`,
    sqlAsOfFieldDated: (names: string): string => `--as-of-field with rules that have dated versions (§13) is not compiled to SQL yet (${names}): give one --as-of date`,
    asOfFieldNeedsSql: '--as-of-field goes with --target sql: JSON Logic has one reference date (give --as-of)',
    lspNeedsStdio: 'expected --stdio (the language server speaks LSP on stdin/stdout)',
    lspRunHelp: "Run 'visit lsp --help' for the options.",
  },
  // main.ts
  runHelp: "Run 'visit --help' for the commands and their options.",
  unknownCommand: (found: string, names: string): string => `unknown command '${found}': expected one of ${names}`,
  expectedCommand: 'expected a command: check, test, screen, compile, schema or lsp',
  // --help
  help: {
    usage: 'visit <command> [options]\n\nCheck, test and run Visit rules (target groups and visitation criteria).',
    epilogue: 'Exit status: 0 success, 1 errors in the rules, failed tests or invalid records, 2 could not run.',
    ruleFile: 'Rule file (.visit)',
    ruleFiles: 'Rule files (.visit)',
    records: 'Records: a .csv or .ndjson file, or - for stdin',
    param: "Override a param, as written in the file: --param 'min_ledighed=4 months' (repeatable)",
    lang: 'Language of the messages about the rules: da or en (default: the locale, LC_ALL, LC_MESSAGES or LANG; else en)',
    encoding: 'Encoding of RECORDS (default: UTF-8, UTF-16 with a BOM, else Windows-1252 with a warning)',
    inputFormat: 'Format of RECORDS (default: from the file name; stdin is sniffed)',
    delimiter: 'CSV field separator (default: detected from the header)',
    dialect: 'With --target sql: the SQL dialect',
    table: 'With --target sql: the record table (default citizens)',
    listTable: 'With --target sql: the table of a list field (§12), joined on the key: --list-table forløb=forloeb (repeatable)',
    check: {
      describe: 'Parse and type-check rule files; print every error and warning with its place',
      exampleOne: 'check one file',
      exampleMany: 'check several; exit 1 if any has errors',
      epilogue:
        'Prints `file:line:col: error|warning: message` and the source line with a caret under the place.\n' +
        'Exit status: 0 no errors (warnings allowed), 1 errors, 2 a file could not be read.',
    },
    test: {
      describe: 'Run the test blocks of rule files and report which expectations fail',
      asOf: 'Reference date for tests without `as of` (default: today)',
      param: "Override a param for every test (a test's own `with` wins): --param 'min_læs=2' (repeatable)",
      exampleOne: 'run the example cases',
      exampleMany: 'run the tests of several files',
      epilogue: 'The last line is `N passed, N failed`. Exit status: 0 all pass, 1 any fails, 2 a file cannot be read or has errors.',
    },
    screen: {
      describe: 'Screen records (CSV, NDJSON or Parquet) against the rules: one output row per input row',
      inputFormat: 'Format of RECORDS (default: from the file name; stdin is sniffed); parquet is read through DuckDB (@duckdb/node-api)',
      format: 'Output format',
      out: 'Write the output to FILE (whole or not at all) instead of stdout',
      asOf: 'Reference date YYYY-MM-DD (default: today, printed on stderr)',
      asOfField: 'Screen each row as of the date in this date field of the record (§14), instead of one --as-of; rows carry asOf after id',
      list: 'A list field (§12) from a second CSV in long form (the key column, then the element fields): --list forløb=forloeb.csv (repeatable)',
      explain: 'Add an explanation to every row',
      engine:
        'Who evaluates the rules: the JavaScript engine, the rules compiled to SQL in DuckDB, or in PostgreSQL over a table (--connection, --table; no records file) — §16; the same output; not with --explain, and DuckDB not from stdin',
      connection: 'With --engine postgres: the database, as a connection URI (postgresql://user@host:port/db); never printed',
      table: 'With --engine postgres: the table of records (default citizens)',
      listTable: 'With --engine postgres: the table of a list field (§12), joined on the key: --list-table forløb=forloeb (repeatable)',
      report:
        'Also write the equal-treatment report to FILE: one self-contained HTML page of counts (no personal data; cells under 5 suppressed), written whole or not at all',
      by: "With --report: outcomes per band of a field (repeatable): --by benefit, --by 'age_of(birth_date):10 years', --by 'time_since(unemployed_since):6 months'",
      lang: 'Language of the messages, the summary and the --report page: da or en (default: the locale — LC_ALL, LC_MESSAGES or LANG — else en)',
      exampleCsv: 'screen a CSV export',
      examplePostgres: 'screen a table inside PostgreSQL, the output to a file',
      exampleOut: 'CSV output, written whole or not at all',
      exampleReport: 'the screening, and the equal-treatment report in Danish',
      exampleStdin: 'NDJSON on stdin, with a param override',
      epilogue:
        'Exit status: 0 all rows valid, 1 some rows invalid (they are in the output with their reasons), ' +
        '2 could not run (bad arguments, unreadable file, rule errors; nothing is written).',
    },
    diff: {
      describe: 'How outcomes change between two rule files, two param sets or two dates, on the same records',
      first: 'OLD rule file (or the one RULES file)',
      second: 'NEW rule file (or RECORDS when one rule file is given)',
      asOf: 'Reference date YYYY-MM-DD of both sides (default: today)',
      oldAsOf: 'Reference date of the old side (overrides --as-of): with dated rules (§13), a law change',
      newAsOf: 'Reference date of the new side (overrides --as-of)',
      param: "Override a param on both sides: --param 'min_ledighed=4 months' (repeatable)",
      oldParam: 'Override a param on the old side (over --param; repeatable)',
      newParam: 'Override a param on the new side (over --param; repeatable): --new-param min_læs=2',
      list: 'A list field (§12) from a second CSV in long form, for CSV records: --list forløb=forloeb.csv (repeatable)',
      by: "Break the transitions down by a field: an enum/boolean/text field, FIELD:WIDTH for numbers, 'age_of(birth_date):10 years', 'time_since(unemployed_since):6 months' (repeatable)",
      lang: 'Language of the report, the rule errors and band labels (år/years, mangler/missing): da or en (default: the locale — LC_ALL, LC_MESSAGES or LANG — else en)',
      format: 'Report format (counts only; html: one self-contained page with charts, small counts suppressed)',
      rows: 'Write the changed rows to FILE as NDJSON (row, id, program, old, new), whole or not at all',
      exampleFiles: 'what a new rule file does to the candidates',
      exampleParams: 'one file, two param sets, by age band',
      exampleDates: 'one file at two dates: what a law change does',
      epilogue: 'Exit status: 0 the diff was made, 2 could not run (bad arguments, unreadable file, rule errors in either file; nothing is written).',
    },
    doc: {
      describe: 'Write the rules for people: programmes and requirements as sentences, groups, params, fields and examples (HTML or Markdown)',
      lang: 'Language of the document and the rule errors: da or en (default: the locale — LC_ALL, LC_MESSAGES or LANG — else en)',
      format: 'html: one self-contained printable page (A4; print it to PDF from a browser); md: Markdown',
      asOf: 'Reference date YYYY-MM-DD: which dated versions are in force, and the value of dated params (default: today)',
      out: 'Write to FILE (whole or not at all) instead of stdout',
      exampleHtml: 'a page for the committee',
      exampleMd: 'Markdown, as in force on a day',
      epilogue: 'Exit status: 0 written, 2 the rules have errors, an option is wrong or the file cannot be written (nothing written).',
    },
    compile: {
      describe: 'Compile rules to portable JSON Logic (holds/fails for every group and programme line)',
      asOf: 'Reference date YYYY-MM-DD for age_of/time_since thresholds (default: today)',
      asOfField: 'With --target sql: each row as of the date in this date field of the record (§14), computed in SQL, instead of one --as-of',
      layout:
        'inline: every expression stands alone, groups and lets written out where used (LANGUAGE.md §9); ' +
        'referenced: each let and group is computed once, in the order the document lists, and read by name, so the size grows linearly',
      target: 'json-logic (LANGUAGE.md §9) or sql (§16: one SELECT with the key, a column per group and per programme)',
      explainColumns: 'With --target sql: one more column per programme line, "<programme>.<n>" (TRUE/FALSE/NULL: the line\'s condition, as in --explain), after the programmes',
      exampleJson: 'write the JSON Logic',
      exampleSql: 'one SELECT for PostgreSQL',
      exampleParam: 'with a param override',
      exampleReferenced: 'groups that use groups: each computed once',
      epilogue: (nodes: string): string =>
        `Exit status: 0 compiled, 2 the rules have errors, an option is wrong, or the inline document would pass ${nodes} JSON Logic nodes (nothing on stdout).`,
    },
    schema: {
      describe: "Print the JSON Schema of the file's record (what one NDJSON input line must look like), or its SQL tables",
      target: 'json-schema (one NDJSON record) or sql (the CREATE TABLE statements for the record and its lists, LANGUAGE.md §16)',
      exampleJson: 'write the schema',
      exampleSql: 'create the tables',
      epilogue: 'Exit status: 0 printed, 2 the rules have errors or an option is wrong (nothing on stdout).',
    },
    lsp: {
      describe: 'Run the Visit language server (LSP) for editors, over stdio',
      stdio: 'Speak the protocol on stdin/stdout (the only transport)',
      lang: "Language of the command line's own messages: da or en (the server speaks the client's locale, as the editor tells it)",
      asOf: 'Reference date YYYY-MM-DD for inlay hints ("born after …") and "pin this test to a date" (default: today, each time)',
      example: 'what an editor starts; it sends the requests',
      epilogue:
        'Features: diagnostics, completion, hover, definition, references, symbols, rename, formatting, code actions,\n' +
        'semantic tokens, folding, inlay hints.\n' +
        "Exit status: 0 after the client's shutdown and exit, 1 on exit without shutdown, 2 could not start.",
    },
  },
};

export type CliWords = typeof en;

export const da: CliWords = {
  warning: 'advarsel',
  referenceDate: (date, today) => `skæringsdato ${date}${today ? ' (i dag)' : ''}`,
  referenceDateEachRow: (field) => `hver rækkes skæringsdato: dens ${field}`,
  screened: (records, rules, asOf, took) => `screenede ${records} efter ${rules} pr. ${asOf} på ${took}`,
  screenedEachRow: (records, rules, field, took, dates) =>
    `screenede ${records} efter ${rules}, hver række pr. dens ${field}, på ${took} (${count(dates, 'dato', 'datoer', 'da-DK')})`,
  wroteReport: (file) => `skrev rapporten ${file}`,
  removedStale: (name) => `fjernede ${name}, den midlertidige fil fra en tidligere kørsel, der blev afbrudt`,
  stdin: 'stdin',
  postgresTable: (table: string): string => `PostgreSQL-tabellen ${table}`,
  testsCount: (passed, failed) => `${passed} bestået, ${failed} fejlet`,
  expectedLine: (expected) => `forventet: ${expected}`,
  actualLine: (actual) => `faktisk:   ${actual}`,
  onLine: (line) => `(linje ${line})`,
  couldNotRun: (why) => `kunne ikke køre: ${why}`,
  testAsOf: (date, line) => (line === undefined ? `pr. ${date}` : `pr. ${date} (linje ${line})`),
  targetNotInForce: (target, date, inForce) => `'${target}' er ikke i kraft den ${date} (i kraft ${inForce})`,
  targetUnknown: (target) => `'${target}' er hverken en gruppe eller et program`,
  truth: { true: 'sand', false: 'falsk', unknown: 'ukendt' },
  missing: 'mangler',
  seenTrueOnly: 'set sand, aldrig falsk',
  seenFalseOnly: 'set falsk, aldrig sand',
  seenNeither: 'aldrig set sand eller falsk',
  coverageLine: (program, line, source, seen) => `dækning: ${program} linje ${line} (${source}): ${seen}`,
  coverageTotal: (full, total) => `dækning: ${full} af ${total} programlinjer set både sande og falske`,
  problem: {
    givenTwice: (option, name) => `${option} ${name} er angivet to gange`,
    foundNoEquals: "intet '='",
    foundNothingBefore: "intet før '='",
    foundNothingAfter: "intet efter '='",
    foundSomethingElse: 'noget andet',
    listExpects: (found) => `--list skal have formen NAVN=FIL (f.eks. --list forløb=forloeb.csv), men fandt ${found}`,
    listTableExpects: '--list-table skal have formen NAVN=TABEL (f.eks. --list-table forløb=forloeb)',
    paramExpects: (found) => `--param skal have formen navn=værdi (f.eks. --param 'min_ledighed=4 months'), men fandt ${found}`,
    dateExpects: (option, found) => `${option} skal være en dato ÅÅÅÅ-MM-DD, der findes, men fandt ${found}`,
    langExpects: (found) => `--lang skal være da eller en, men fandt ${found}`,
    delimiterNotNdjson: '--delimiter gælder data i CSV, ikke --input-format ndjson',
    comparesNothing:
      'én regelfil med samme dato og parametre på begge sider sammenligner ingenting: angiv GAMMEL NY DATA, --old-param/--new-param eller --old-as-of/--new-as-of',
    asOfExclusive: '--as-of og --as-of-field udelukker hinanden: angiv én skæringsdato eller et felt med datoer',
    byNeedsReport: '--by fordeler rapporten: angiv også --report FIL',
    reportWithAsOfField: '--report sammen med --as-of-field findes ikke endnu: angiv én --as-of-dato til en rapport',
    duckdbStdin: '--engine duckdb læser data to gange: angiv en fil, ikke - (stdin)',
    duckdbExplain: '--explain kommer fra JavaScript-motoren: udelad --engine duckdb for at få forklaringer',
    parquetStdin: 'en Parquet-fil læses fra en fil, ikke fra stdin (DuckDB læser den)',
    delimiterNotParquet: '--delimiter gælder CSV-data, ikke en Parquet-fil',
    encodingNotParquet: '--encoding gælder tekstfiler: en Parquet-fil angiver selv sine typer',
    listNotParquet: '--list kobler lister på CSV-poster: i en Parquet-fil er et listefelt en kolonne (en LIST af STRUCT)',
    recordsMissing: 'visit screen skal have DATA (en CSV- eller NDJSON-fil, eller - for stdin) eller --engine postgres med --connection og --table',
    postgresNoRecords: (found: string): string => `--engine postgres screener tabellen i databasen: udelad datafilen (${found})`,
    postgresNeedsConnection: '--engine postgres skal have --connection URL (fx --connection postgresql://visit@localhost/jobcenter)',
    postgresOnly: (options: string): string => `${options} hører til --engine postgres`,
    postgresNotWith: (option: string): string => `${option} gælder datafiler: med --engine postgres er posterne tabellens rækker`,
    postgresExplain: '--explain kommer fra JavaScript-motoren: udelad --engine postgres for at få forklaringer',
    reportIsOut: '--report og --out er den samme fil: giv rapporten sin egen fil',
    sqlOptionsOnly: (options) => `${options} hører til --target sql`,
    compileSqlOptions: '--dialect, --table, --list-table og --explain-columns',
    schemaSqlOptions: '--dialect, --table og --list-table',
    sqlNeedsDialect: '--target sql kræver --dialect postgres, duckdb eller spark',
    listFromStdin: (name) => `--list ${name}: en liste læses fra en fil, ikke fra stdin`,
    cannotRead: (file, reason) => `kan ikke læse ${file}: ${reason}`,
    cannotWrite: (file, reason) => `kan ikke skrive ${file}: ${reason}`,
    cannotWriteStdout: (reason) => `kan ikke skrive på stdout: ${reason}`,
    nothingWasRun: (message) => `${message}; intet blev kørt`,
    notCompiled: (file) => `${file} blev ikke oversat`,
    notCompiledBecause: (message, file) => `${message}; ${file} blev ikke oversat`,
    noTables: (message, file) => `${message}; ingen tabeller til ${file}`,
    stopped: (rows, reason) => `screeningen stoppede efter ${rows.toLocaleString('da-DK')} rækker: ${reason}`,
    stoppedNotWritten: (rows, file, reason) => `screeningen stoppede efter ${rows.toLocaleString('da-DK')} rækker; ${file} blev ikke skrevet: ${reason}`,
    notWritten: (file, reason) => `${file} blev ikke skrevet: ${reason}`,
    interrupted: (signal) => `afbrudt (${signal})`,
    internalError: (message) => `intern fejl: ${message}`,
    theRecords: (file) => `datafilen ${file}`,
    theRecordsOnStdin: 'data på stdin',
    theRules: (file) => `regelfilen ${file}`,
    theList: (file) => `listen ${file}`,
    theOutput: (file) => `resultatet ${file}`,
    sameFile: (label) => `det er den samme fil som ${label}: --out ville erstatte den; vælg en anden fil til resultatet`,
    notRegular: (kind) =>
      `${kind}, ikke en almindelig fil: --out skriver kun almindelige filer, ved at erstatte dem (udelad --out og omdiriger stdout for at sende resultatet til en enhed eller et rør)`,
    fileKind: {
      directory: 'det er en mappe',
      fifo: 'det er et navngivet rør (FIFO)',
      character: 'det er en tegnenhed',
      block: 'det er en blokenhed',
      socket: 'det er en socket',
      other: 'det er ikke en almindelig fil',
    },
    reasons: {
      ENOENT: 'filen eller mappen findes ikke',
      EACCES: 'adgang nægtet',
      EPERM: 'adgang nægtet',
      EISDIR: 'det er en mappe, her skal stå en fil',
      ENOTDIR: 'en del af stien er ikke en mappe',
      EMFILE: 'for mange åbne filer',
      ENFILE: 'for mange åbne filer',
      ENOSPC: 'der er ikke mere plads på disken',
      EDQUOT: 'diskkvoten er brugt op',
      EFBIG: 'filen er for stor',
      EIO: 'fejl ved læsning eller skrivning',
    },
    writeReasons: {
      ENOSPC: 'der er ikke mere plads på disken',
      EDQUOT: 'diskkvoten er brugt op',
      EFBIG: 'filen er for stor',
      EIO: 'fejl ved læsning eller skrivning',
      EBADF: 'stdout er ikke åben for skrivning',
      EACCES: 'adgang nægtet',
      EPERM: 'handlingen er ikke tilladt',
      EAGAIN: 'ressourcen er midlertidigt utilgængelig',
    },
    referenceDates: (oldDate, newDate) => `skæringsdatoer ${oldDate} (gammel) og ${newDate} (ny)`,
    compared: (records, rows, took) => `sammenlignede ${records} (${rows.toLocaleString('da-DK')} ${rows === 1 ? 'række' : 'rækker'}) på ${took}`,
    programLine: (index, name) => `linje ${index} i program ${name}`,
    entry: (kind, name) => `${kind === 'group' ? 'gruppen' : 'let-værdien'} ${name}`,
    tooLarge: (what, nodes, total, limit, advice) =>
      `${what} ville blive til ${nodes} JSON Logic-knuder og bringe dokumentet op på ${total}, over grænsen på ${limit}: ${advice}`,
    tooLargeInline:
      'inline-layoutet skriver hver gruppe og let-værdi ud, hver gang et udtryk bruger den; brug --layout referenced, som beregner hver én gang og henviser til den ved navn',
    tooLargeReferenced: 'heller ikke når let-værdier og grupper henvises til ved navn',
    notPortable: (source, line, why) => `'${source}' (linje ${line}) kan ikke udtrykkes i JSON Logic: ${why}; SQL-målet kan oversætte det`,
    whyTimeBetween: 'time_between kræver regning med to datoer i posten, og det har JSON Logic ikke',
    whyTimeIn: 'time_in kræver regning med datoer (foreningen af perioder inden for et vindue), og det har JSON Logic ikke',
    whyCompared: (callee) => `${callee}(…) kan kun oversættes til JSON Logic, hvor det sammenlignes`,
    sqlNotAList: (name, lists) => `der er angivet en listetabel for ${name}, som ikke er et listefelt i posten (dens listefelter: ${lists})`,
    sqlNoLists: (name) => `der er angivet en listetabel for ${name}, men posten har ingen listefelter`,
    sqlIdentifierTooLong: (name, bytes) => `navnet ${name} er længere end de ${bytes} bytes, PostgreSQL tillader i et navn`,
    sqlColumnTwice: (name) => `to kolonner i resultatet ville hedde ${name}`,
    sqlListNeedsKey: 'listefelter kræver et nøglefelt at koble deres tabeller på',
    sqlNulInText: 'en tekst med et NUL-tegn kan ikke skrives i SQL',
    sqlAsOfFieldNotDate: (name: string, dates: string): string => `--as-of-field ${name}: ikke et datofelt i posten (dens datofelter: ${dates})`,
    sqlAsOfFieldDated: (names: string): string => `--as-of-field med regler, der har daterede versioner (§13), kan ikke oversættes til SQL endnu (${names}): angiv én --as-of-dato`,
    asOfFieldNeedsSql: '--as-of-field hører til --target sql: JSON Logic har én skæringsdato (angiv --as-of)',
    lspNeedsStdio: 'her skal stå --stdio (sprogserveren taler LSP på stdin/stdout)',
    lspRunHelp: "Skriv 'visit lsp --help' for at se tilvalgene.",
  },
  runHelp: "Skriv 'visit --help' for at se kommandoerne og deres tilvalg.",
  unknownCommand: (found, names) => `ukendt kommando '${found}': her skal stå en af ${names}`,
  expectedCommand: 'her skal stå en kommando: check, test, screen, compile, schema eller lsp',
  help: {
    usage: 'visit <kommando> [tilvalg]\n\nTjek, test og kør Visit-regler (målgrupper og visitationskriterier).',
    epilogue: 'Afslutningskode: 0 gik godt, 1 fejl i reglerne, test, der ikke bestod, eller ugyldige rækker, 2 kunne ikke køre.',
    ruleFile: 'Regelfil (.visit)',
    ruleFiles: 'Regelfiler (.visit)',
    records: 'Data: en .csv- eller .ndjson-fil, eller - for stdin',
    param: "Giv en parameter en anden værdi, skrevet som i filen: --param 'min_ledighed=4 months' (kan gentages)",
    lang: 'Sprog i meddelelserne om reglerne: da eller en (standard: sprogindstillingen, LC_ALL, LC_MESSAGES eller LANG; ellers en)',
    encoding: 'Tegnsæt i datafilen (standard: UTF-8, UTF-16 med BOM, ellers Windows-1252 med en advarsel)',
    inputFormat: 'Datafilens format (standard: ud fra filnavnet; stdin aflæses af indholdet)',
    delimiter: 'Skilletegn mellem felterne i CSV (standard: ud fra overskriftsrækken)',
    dialect: 'Med --target sql: SQL-dialekten',
    table: 'Med --target sql: tabellen med posterne (standard citizens)',
    listTable: 'Med --target sql: tabellen til et listefelt (§12), koblet på nøglen: --list-table forløb=forloeb (kan gentages)',
    check: {
      describe: 'Læs og typetjek regelfiler; vis hver fejl og advarsel med dens placering',
      exampleOne: 'tjek én fil',
      exampleMany: 'tjek flere; afslutningskode 1, hvis en af dem har fejl',
      epilogue:
        'Skriver `fil:linje:kolonne: fejl|advarsel: meddelelse` og kildelinjen med en markering under stedet.\n' +
        'Afslutningskode: 0 ingen fejl (advarsler er tilladt), 1 fejl, 2 en fil kunne ikke læses.',
    },
    test: {
      describe: 'Kør regelfilernes testblokke og vis, hvilke forventninger der ikke holder',
      asOf: 'Skæringsdato for test uden `as of` (standard: i dag)',
      param: "Giv en parameter en anden værdi i alle test (en tests egen `with` går forud): --param 'min_læs=2' (kan gentages)",
      exampleOne: 'kør eksemplets test',
      exampleMany: 'kør testene i flere filer',
      epilogue: 'Sidste linje er `N bestået, N fejlet`. Afslutningskode: 0 alle bestået, 1 mindst én fejlet, 2 en fil kan ikke læses eller har fejl.',
    },
    screen: {
      describe: 'Screen data (CSV, NDJSON eller Parquet) efter reglerne: én række ud for hver række ind',
      inputFormat: 'Datafilens format (standard: ud fra filnavnet; stdin aflæses af indholdet); parquet læses gennem DuckDB (@duckdb/node-api)',
      format: 'Format på resultatet',
      out: 'Skriv resultatet i FIL (helt eller slet ikke) i stedet for på stdout',
      asOf: 'Skæringsdato ÅÅÅÅ-MM-DD (standard: i dag, skrives på stderr)',
      asOfField: 'Screen hver række pr. datoen i dette datofelt i posten (§14) i stedet for én --as-of; rækkerne får asOf efter id',
      list: 'Et listefelt (§12) fra en anden CSV-fil i lang form (nøglekolonnen, så elementernes felter): --list forløb=forloeb.csv (kan gentages)',
      explain: 'Føj en forklaring til hver række',
      engine:
        'Hvem der vurderer reglerne: JavaScript-motoren, reglerne oversat til SQL i DuckDB eller i PostgreSQL på en tabel (--connection, --table; ingen datafil) — §16; samme output; ikke med --explain, og DuckDB ikke fra stdin',
      connection: 'Med --engine postgres: databasen som forbindelses-URI (postgresql://bruger@vært:port/db); skrives aldrig ud',
      table: 'Med --engine postgres: tabellen med posterne (standard citizens)',
      listTable: 'Med --engine postgres: tabellen til et listefelt (§12), koblet på nøglen: --list-table forløb=forloeb (kan gentages)',
      report:
        'Skriv også ligebehandlingsrapporten i FIL: én selvstændig HTML-side med optællinger (ingen personoplysninger; tal under 5 skjules), skrevet helt eller slet ikke',
      by: "Med --report: udfald fordelt på et felts grupper (kan gentages): --by benefit, --by 'age_of(birth_date):10 years', --by 'time_since(unemployed_since):6 months'",
      lang: 'Sprog i meddelelserne, opsummeringen og --report-siden: da eller en (standard: sprogindstillingen — LC_ALL, LC_MESSAGES eller LANG — ellers en)',
      exampleCsv: 'screen et CSV-udtræk',
      examplePostgres: 'screen en tabel inde i PostgreSQL, output til en fil',
      exampleOut: 'resultatet som CSV, skrevet helt eller slet ikke',
      exampleReport: 'screeningen og ligebehandlingsrapporten på dansk',
      exampleStdin: 'NDJSON på stdin, med en anden værdi for en parameter',
      epilogue:
        'Afslutningskode: 0 alle rækker gyldige, 1 nogle rækker ugyldige (de står i resultatet med deres begrundelse), ' +
        '2 kunne ikke køre (forkerte argumenter, en fil, der ikke kan læses, fejl i reglerne; intet skrives).',
    },
    diff: {
      describe: 'Hvordan udfaldene ændrer sig mellem to regelfiler, to sæt parametre eller to datoer, på de samme data',
      first: 'Den GAMLE regelfil (eller den ene regelfil)',
      second: 'Den NYE regelfil (eller data, når der kun er én regelfil)',
      asOf: 'Skæringsdato ÅÅÅÅ-MM-DD for begge sider (standard: i dag)',
      oldAsOf: 'Skæringsdato for den gamle side (går forud for --as-of): med daterede regler (§13) en lovændring',
      newAsOf: 'Skæringsdato for den nye side (går forud for --as-of)',
      param: "Giv en parameter en anden værdi på begge sider: --param 'min_ledighed=4 months' (kan gentages)",
      oldParam: 'Giv en parameter en anden værdi på den gamle side (går forud for --param; kan gentages)',
      newParam: 'Giv en parameter en anden værdi på den nye side (går forud for --param; kan gentages): --new-param min_læs=2',
      list: 'Et listefelt (§12) fra en anden CSV-fil i lang form, til data i CSV: --list forløb=forloeb.csv (kan gentages)',
      by: "Fordel ændringerne på et felt: et felt med faste værdier, ja/nej eller tekst, FELT:BREDDE for tal, 'age_of(birth_date):10 years', 'time_since(unemployed_since):6 months' (kan gentages)",
      lang: 'Sprog i rapporten, fejlene i reglerne og gruppernes navne (år/years, mangler/missing): da eller en (standard: sprogindstillingen — LC_ALL, LC_MESSAGES eller LANG — ellers en)',
      format: 'Rapportens format (kun optællinger; html: én selvstændig side med diagrammer, små tal skjult)',
      rows: 'Skriv de ændrede rækker i FIL som NDJSON (row, id, program, old, new), helt eller slet ikke',
      exampleFiles: 'hvad en ny regelfil betyder for kandidaterne',
      exampleParams: 'én fil, to sæt parametre, fordelt på aldersgrupper',
      exampleDates: 'én fil på to datoer: hvad en lovændring betyder',
      epilogue: 'Afslutningskode: 0 sammenligningen blev lavet, 2 kunne ikke køre (forkerte argumenter, en fil, der ikke kan læses, fejl i en af regelfilerne; intet skrives).',
    },
    doc: {
      describe: 'Skriv reglerne for mennesker: indsatser og krav som sætninger, grupper, parametre, felter og eksempler (HTML eller Markdown)',
      lang: 'Sprog i dokumentet og fejlene i reglerne: da eller en (standard: sprogindstillingen — LC_ALL, LC_MESSAGES eller LANG — ellers en)',
      format: 'html: én selvstændig side, der kan printes (A4; gem den som PDF fra en browser); md: Markdown',
      asOf: 'Skæringsdato ÅÅÅÅ-MM-DD: hvilke daterede versioner der gælder, og værdien af daterede parametre (standard: i dag)',
      out: 'Skriv i FIL (helt eller slet ikke) i stedet for på stdout',
      exampleHtml: 'en side til udvalget',
      exampleMd: 'Markdown, som reglerne gælder på en dag',
      epilogue: 'Afslutningskode: 0 skrevet, 2 reglerne har fejl, et tilvalg er forkert, eller filen kan ikke skrives (intet skrives).',
    },
    compile: {
      describe: 'Oversæt reglerne til flytbar JSON Logic (opfyldt/ikke opfyldt for hver gruppe og programlinje)',
      asOf: 'Skæringsdato ÅÅÅÅ-MM-DD for grænserne i age_of/time_since (standard: i dag)',
      asOfField: 'Med --target sql: hver række pr. datoen i dette datofelt i posten (§14), beregnet i SQL, i stedet for én --as-of',
      layout:
        'inline: hvert udtryk står for sig selv, grupper og let-værdier skrives ud, hvor de bruges (LANGUAGE.md §9); ' +
        'referenced: hver let-værdi og gruppe beregnes én gang, i dokumentets rækkefølge, og læses ved navn, så størrelsen vokser lineært',
      target: 'json-logic (LANGUAGE.md §9) eller sql (§16: én SELECT med nøglen og en kolonne for hver gruppe og hvert program)',
      explainColumns: 'Med --target sql: en kolonne mere for hver programlinje, "<program>.<n>" (TRUE/FALSE/NULL: linjens betingelse, som i --explain), efter programmerne',
      exampleJson: 'skriv JSON Logic',
      exampleSql: 'én SELECT til PostgreSQL',
      exampleParam: 'med en anden værdi for en parameter',
      exampleReferenced: 'grupper, der bruger grupper: hver beregnes én gang',
      epilogue: (nodes) =>
        `Afslutningskode: 0 oversat, 2 reglerne har fejl, et tilvalg er forkert, eller inline-dokumentet ville få over ${nodes} JSON Logic-knuder (intet på stdout).`,
    },
    schema: {
      describe: 'Skriv JSON Schema for filens record (hvordan én NDJSON-linje i data skal se ud) eller dens SQL-tabeller',
      target: 'json-schema (én NDJSON-post) eller sql (CREATE TABLE-sætningerne for posten og dens lister, LANGUAGE.md §16)',
      exampleJson: 'skriv skemaet',
      exampleSql: 'opret tabellerne',
      epilogue: 'Afslutningskode: 0 skrevet, 2 reglerne har fejl, eller et tilvalg er forkert (intet på stdout).',
    },
    lsp: {
      describe: 'Kør Visits sprogserver (LSP) til editorer, over stdio',
      stdio: 'Tal protokollen på stdin/stdout (den eneste mulighed)',
      lang: 'Sprog i kommandolinjens egne meddelelser: da eller en (serveren taler klientens sprog, som editoren oplyser det)',
      asOf: 'Skæringsdato ÅÅÅÅ-MM-DD for indskudte hints ("født efter …") og "fastlås denne test til en dato" (standard: i dag, hver gang)',
      example: 'det, en editor starter; den sender forespørgslerne',
      epilogue:
        'Funktioner: diagnostik, fuldførelse, hover, definition, referencer, symboler, omdøbning, formatering, kodehandlinger,\n' +
        'semantisk farvning, foldning, indskudte hints.\n' +
        'Afslutningskode: 0 efter klientens shutdown og exit, 1 ved exit uden shutdown, 2 kunne ikke starte.',
    },
  },
};

const catalogues: Record<Language, CliWords> = { en, da };

export function cliWords(lang: Language): CliWords {
  return catalogues[lang];
}

/**
 * yargs's own words in Danish (it has no Danish locale): the keys are its English strings
 * (node_modules/yargs/locales/en.json), the values ours; `%s` where yargs fills something in.
 * English is yargs's own.
 */
export const yargsDa: Record<string, string | { one: string; other: string }> = {
  'Commands:': 'Kommandoer:',
  'Options:': 'Tilvalg:',
  'Examples:': 'Eksempler:',
  boolean: 'ja/nej',
  count: 'antal',
  string: 'tekst',
  number: 'tal',
  array: 'liste',
  required: 'påkrævet',
  default: 'standard',
  'default:': 'standard:',
  'choices:': 'valg:',
  'aliases:': 'andre navne:',
  'generated-value': 'beregnet værdi',
  'Not enough non-option arguments: got %s, need at least %s': {
    one: 'For få argumenter: fik %s, skal have mindst %s',
    other: 'For få argumenter: fik %s, skal have mindst %s',
  },
  'Too many non-option arguments: got %s, maximum of %s': {
    one: 'For mange argumenter: fik %s, højst %s',
    other: 'For mange argumenter: fik %s, højst %s',
  },
  'Missing argument value: %s': { one: 'Mangler en værdi til: %s', other: 'Mangler værdier til: %s' },
  'Missing required argument: %s': { one: 'Mangler et påkrævet argument: %s', other: 'Mangler påkrævede argumenter: %s' },
  'Unknown argument: %s': { one: 'Ukendt argument: %s', other: 'Ukendte argumenter: %s' },
  'Unknown command: %s': { one: 'Ukendt kommando: %s', other: 'Ukendte kommandoer: %s' },
  'Invalid values:': 'Ugyldige værdier:',
  'Argument: %s, Given: %s, Choices: %s': 'Argument: %s, angivet: %s, mulige værdier: %s',
  'Argument check failed: %s': 'Argumentet kunne ikke godkendes: %s',
  'Implications failed:': 'Mangler argumenter, som andre argumenter kræver:',
  'Not enough arguments following: %s': 'For få argumenter efter: %s',
  'Invalid JSON config file: %s': 'Ugyldig JSON-konfigurationsfil: %s',
  'Path to JSON config file': 'Sti til JSON-konfigurationsfil',
  'Show help': 'Vis hjælp',
  'Show version number': 'Vis versionsnummer',
  'Did you mean %s?': 'Mente du %s?',
  'Arguments %s and %s are mutually exclusive': 'Argumenterne %s og %s udelukker hinanden',
  'Positionals:': 'Argumenter:',
  command: 'kommando',
  deprecated: 'forældet',
  'deprecated: %s': 'forældet: %s',
};

/**
 * The language of `--help` and of yargs's messages: the locale, or `--lang` when it is on the
 * command line (main.ts sets it once, before the commands are built).
 */
let helpLanguage: Language = 'en';

export function setHelpLanguage(lang: Language): void {
  helpLanguage = lang;
}

/** The `--help` words of the language main.ts chose. */
export function help(): CliWords['help'] {
  return catalogues[helpLanguage].help;
}

/** The command line's words for the language main.ts chose (for what is said before a command runs). */
export function mainWords(): CliWords {
  return catalogues[helpLanguage];
}
