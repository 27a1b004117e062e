// The command line's catalogue (src/words.ts, issue 14): `da` has every key of `en` (the --help
// words too, command by command), each a text in both languages with the same placeholders; the
// Danish yargs strings cover every string of yargs's English locale, with the same `%s`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { da, en, yargsDa, type CliWords } from '../src/words';

/** Every leaf of a catalogue, by its dotted key. */
function leaves(o: object, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}

/** Sample arguments by function key (every function of the catalogue has an entry, checked below). */
const samples: Record<string, unknown[]> = {
  referenceDate: ['2026-11-23', true],
  referenceDateEachRow: ['visiteret'],
  screened: ['citizens.csv', 'rules.visit', '2026-11-23', '7 ms'],
  screenedEachRow: ['citizens.csv', 'rules.visit', 'visiteret', '7 ms', 3],
  wroteReport: ['report.html'],
  removedStale: ['.out.tmp'],
  postgresTable: ['borgere'],
  testsCount: [17, 23],
  expectedLine: ['eligible'],
  actualLine: ['undetermined'],
  onLine: [41],
  couldNotRun: ['REASON'],
  testAsOf: ['2020-01-01', 7],
  targetNotInForce: ['q', '2020-01-02', '2020-01-01'],
  targetUnknown: ['q'],
  coverageLine: ['jobklub', 3, 'literacy >= 3', 'SEEN'],
  coverageTotal: [5, 9],
  unknownCommand: ['chek', 'check, test'],
  'help.compile.epilogue': ['1,000,000'],
  'problem.givenTwice': ['--param', 'min_læs'],
  'problem.postgresNoRecords': ['citizens.csv'],
  'problem.sqlAsOfFieldNotDate': ['"cpr"', 'birth_date, unemployed_since'],
  'problem.sqlAsOfFieldDated': ['max_praktik'],
  'problem.postgresOnly': ['--connection, --table and --list-table'],
  'problem.postgresNotWith': ['--delimiter'],
  'problem.listExpects': ['FOUND'],
  'problem.paramExpects': ['FOUND'],
  'problem.dateExpects': ['--old-as-of', "'2020-13-01'"],
  'problem.langExpects': ["'fr'"],
  'problem.sqlOptionsOnly': ['--dialect'],
  'problem.listFromStdin': ['forløb'],
  'problem.cannotRead': ['borgere.csv', 'REASON'],
  'problem.cannotWrite': ['ud.ndjson', 'REASON'],
  'problem.cannotWriteStdout': ['REASON'],
  'problem.nothingWasRun': ['MESSAGE'],
  'problem.notCompiled': ['regler.visit'],
  'problem.notCompiledBecause': ['MESSAGE', 'regler.visit'],
  'problem.noTables': ['MESSAGE', 'regler.visit'],
  'problem.stopped': [12, 'REASON'],
  'problem.stoppedNotWritten': [12, 'ud.ndjson', 'REASON'],
  'problem.notWritten': ['rapport.html', 'REASON'],
  'problem.interrupted': ['SIGINT'],
  'problem.internalError': ['MESSAGE'],
  'problem.theRecords': ['borgere.csv'],
  'problem.theRules': ['regler.visit'],
  'problem.theList': ['forloeb.csv'],
  'problem.theOutput': ['ud.ndjson'],
  'problem.sameFile': ['LABEL'],
  'problem.notRegular': ['KIND'],
  'problem.referenceDates': ['2026-06-30', '2026-07-01'],
  'problem.compared': ['borgere.csv', 2, '7 ms'],
  'problem.programLine': [3, 'jobklub'],
  'problem.entry': ['let', 'ung'],
  'problem.notPortable': ['time_between(a, b) >= 1 year', 7, 'WHY'],
  'problem.whyCompared': ['count'],
  'problem.sqlNotAList': ['"forløb"', 'kurser'],
  'problem.sqlNoLists': ['"forløb"'],
  'problem.sqlIdentifierTooLong': ['"x"', 63],
  'problem.sqlColumnTwice': ['"jobklub"'],
  'problem.tooLarge': ['WHAT', '2,000', '1,000,001', '1,000,000', 'ADVICE'],
};

const call = (v: unknown, key: string) => (typeof v === 'function' ? (v as (...a: unknown[]) => string)(...(samples[key] ?? [])) : v);

describe('the CLI catalogue', () => {
  const [e, d] = [new Map(leaves(en)), new Map(leaves(da))];

  it('has the same keys in both languages', () => {
    expect([...d.keys()].sort()).toEqual([...e.keys()].sort());
  });

  it('has sample arguments for every function', () => {
    const functions = [...e].filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect(functions.filter((k) => !(k in samples))).toEqual([]);
  });

  it.each([...leaves(en)].map(([k]) => k))('%s: a text in each language with the same placeholders', (key) => {
    const te = call(e.get(key), key) as string;
    const td = call(d.get(key), key) as string;
    expect(typeof te).toBe('string');
    expect(typeof td).toBe('string');
    expect(td.length).toBeGreaterThan(0);
    for (const arg of samples[key] ?? []) {
      if (typeof arg === 'string') {
        expect(te).toContain(arg);
        expect(td).toContain(arg);
      }
      if (typeof arg === 'number' && !key.startsWith('testAsOf')) {
        expect(te).toContain(String(arg));
        expect(td).toContain(String(arg));
      }
    }
    // The same in both: the word stdin and the value words that are written as in the rules.
    if (!['stdin'].includes(key)) expect(td).not.toBe(te);
  });

  it('the Danish test count keeps the shape of the last line: two numbers, nothing else', () => {
    expect(da.testsCount(3, 0)).toMatch(/^3 \S+, 0 \S+$/);
  });
});

describe("yargs's words in Danish", () => {
  const require = createRequire(import.meta.url);
  const yargsDir = dirname(require.resolve('yargs/package.json'));
  const english = JSON.parse(readFileSync(join(yargsDir, 'locales', 'en.json'), 'utf8')) as Record<string, string | { one: string; other: string }>;
  const placeholders = (s: string) => s.match(/%s/g)?.length ?? 0;

  it('covers every string of yargs (and no other)', () => {
    expect(Object.keys(yargsDa).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(Object.keys(english))('%s', (key) => {
    const [en1, da1] = [english[key]!, yargsDa[key]!];
    expect(typeof da1).toBe(typeof en1);
    const forms = (v: string | { one: string; other: string }) => (typeof v === 'string' ? [v] : [v.one, v.other]);
    forms(da1).forEach((text, i) => {
      expect(text.length).toBeGreaterThan(0);
      expect(placeholders(text)).toBe(placeholders(forms(en1)[i]!));
    });
  });
});

// The type of the catalogue is the English object's: a Danish key missing would not compile.
const _typed: CliWords = da;
void _typed;
