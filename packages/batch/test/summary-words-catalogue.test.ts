// The summary's catalogue (summary/words.ts, issue 14): `da` has every key of `en`, each text in
// both languages, with the same placeholders (every sample argument's value appears in both texts);
// English is the default. The CSV header's warnings, worded by the engine in English, are reworded
// whole in Danish (summary/header.ts), and the dsl's days of a version (`inForceDays`) too.
import { describe, expect, it } from 'vitest';
import { compile } from '@visit/engine';
import { headerWarning, inForceDays, summaryWords, type SummaryWords } from '../src/index';
import { da, en } from '../src/summary/words';

type Args = { [K in keyof SummaryWords]: SummaryWords[K] extends (...a: infer A) => string ? A : never };
type FnKey = { [K in keyof SummaryWords]: SummaryWords[K] extends (...a: never[]) => string ? K : never }[keyof SummaryWords];

/** Sample arguments for every function of the catalogue (TypeScript asks for one entry per function). */
const samples: { [K in FnKey]: Args[K] } = {
  number: [12345],
  rulesAsOf: ['2026-11-23'],
  rulesEachRow: ['visiteret'],
  params: ['min_læs=2'],
  notInForceOn: ['2017-03-01', 'hovedvej3, X'],
  notInForceItem: ['hovedvej3', '2015-11-01 – 2016-12-31'],
  notInForceNever: ['hovedvej3'],
  daysSingle: ['2016-01-01'],
  daysRange: ['2015-11-01', '2016-12-31'],
  daysUntil: ['2016-12-31'],
  daysFrom: ['2017-01-01'],
  failedLine: [7, 'require', 'literacy >= 3', 24],
  missingField: ['literacy', 21],
  multiLineOne: [17, 18, 19],
  multiLineMany: [23, 17, 18, 19],
  unknownKeys: [27, false, '"foo", "bar"', 13],
  listUnkeyed: ['forloeb.csv', 31, 47],
  listUnmatched: ['forloeb.csv', 31, 'forløb', 29],
  workerNotStarted: ['ERR_WORKER_X'],
  oneThread: ['ERR_WORKER_X'],
  noHeader: ['cpr, literacy', 37],
  unknownColumns: [37, '"foo"'],
  repeatedColumn: ['"literacy"'],
  listColumnIgnored: ['"forløb"', 'forløb'],
  noListFileOptional: ['"forløb"', 'forløb'],
  noListFileRequired: ['"forløb"', 'forløb'],
  noColumnOptional: ['"literacy"'],
  noColumnRequired: ['"literacy"'],
};

/** What a sample argument looks like in a text (numbers as each language writes them). */
const shown = (v: unknown, lang: 'en' | 'da') => (typeof v === 'number' ? v.toLocaleString(lang === 'da' ? 'da-DK' : 'en-US') : typeof v === 'string' ? v : undefined);

describe('the summary catalogue', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof SummaryWords)[])('%s: a text in each language, not the same, with the same placeholders', (key) => {
    const call = (w: SummaryWords) => {
      const v = w[key];
      return typeof v === 'function' ? (v as (...a: unknown[]) => string)(...(samples[key as FnKey] as unknown[])) : v;
    };
    const [e, d] = [call(en), call(da)];
    expect(e.length).toBeGreaterThan(0);
    expect(d.length).toBeGreaterThan(0);
    if (typeof en[key] === 'function') {
      for (const arg of samples[key as FnKey] as unknown[]) {
        const [inE, inD] = [shown(arg, 'en'), shown(arg, 'da')];
        if (inE !== undefined) expect(e).toContain(inE);
        if (inD !== undefined) expect(d).toContain(inD);
      }
    }
    // Words that are the same in both: the dates' dash, names, and the header's dates.
    const same = ['number', 'daysSingle', 'daysRange', 'stdin'];
    if (!same.includes(key)) expect(d).not.toBe(e);
  });

  it('is English by default', () => {
    expect(summaryWords()).toBe(en);
    expect(summaryWords('en')).toBe(en);
    expect(summaryWords('da')).toBe(da);
  });
});

describe('inForceDays: the days of a version in Danish', () => {
  it.each([
    ['2015-11-01 – 2016-12-31', '2015-11-01 – 2016-12-31'],
    ['until 2015-12-31', 'til og med 2015-12-31'],
    ['from 2016-02-01', 'fra 2016-02-01'],
    ['until 2015-12-31, from 2016-02-01', 'til og med 2015-12-31, fra 2016-02-01'],
    ['2016-01-01', 'den 2016-01-01'],
    ['every day', 'alle dage'],
  ])('%s → %s', (english, danish) => {
    expect(inForceDays(english, 'da')).toBe(danish);
    expect(inForceDays(english, 'en')).toBe(english);
    expect(inForceDays(english)).toBe(english);
  });
});

const RECORD = `record R {
  cpr: text key personal
  literacy: integer optional
  benefit: one of (dagpenge, kontanthjaelp)
  forløb: list of { kind: text, start: date } optional
  samtaler: list of { dato: date }
}
`;

describe("the CSV header's warnings in Danish", () => {
  const compiled = compile(RECORD, { asOf: '2026-11-23' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const screener = compiled.screener;
  const danish = (header: string[]) => screener.csvReader(header, { joinedLists: ['samtaler'] }).warnings.map((w) => headerWarning(w, 'da'));

  it.each([
    [['cpr', 'literacy', 'benefit', 'extra'], ['ser bort fra en kolonne, der ikke står i record-erklæringen: "extra"']],
    [['cpr', 'literacy', 'benefit', 'x', 'y'], ['ser bort fra 2 kolonner, der ikke står i record-erklæringen: "x", "y"']],
    [['cpr', 'literacy', 'benefit', '0101701234'], ['ser bort fra en kolonne, der ikke står i record-erklæringen: (et navn, der ligner et CPR-nummer, vises ikke)']],
    [['cpr', 'literacy', 'benefit', 'literacy'], ['kolonnen "literacy" står der flere gange; den første læses']],
    [['cpr', 'benefit'], ['ingen kolonne til det valgfrie felt "literacy": det mangler i alle rækker']],
    [['cpr', 'literacy'], ['ingen kolonne til det krævede felt "benefit": alle rækker er ugyldige']],
    [['cpr', 'literacy', 'benefit', 'forløb'], ['der ses bort fra kolonnen "forløb": et listefelt læses fra en anden CSV-fil (--list forløb=FIL), ikke fra en kolonne']],
    [['a', 'b'], ['ingen kolonne i overskriftsrækken hedder som et felt i record-erklæringen (forventede en overskriftsrække med cpr, literacy, benefit, forløb, samtaler); ser bort fra 2 kolonner']],
  ])('%j', (header, expected) => {
    // The optional list forløb has no list file in every case: its warning comes first or last.
    const got = danish(header).filter((w) => !w.startsWith('ingen listefil til det valgfrie listefelt "forløb"'));
    for (const w of expected) expect(got).toContain(w);
    for (const w of got) expect(w).not.toMatch(/\b(ignoring|column|field|every row|missing|record declaration)\b/);
  });

  it('a list field without its file, optional and required', () => {
    const warnings = screener.csvReader(['cpr', 'literacy', 'benefit'], {}).warnings.map((w) => headerWarning(w, 'da'));
    expect(warnings).toContain('ingen listefil til det valgfrie listefelt "forløb" (--list forløb=FIL): det mangler i alle rækker');
    expect(warnings).toContain('ingen listefil til det krævede listefelt "samtaler" (--list samtaler=FIL): alle rækker er ugyldige');
  });

  it('English stays as the engine words it; an unknown shape is kept', () => {
    const english = screener.csvReader(['cpr', 'literacy', 'benefit', 'extra'], {}).warnings;
    expect(english.map((w) => headerWarning(w))).toEqual(english);
    expect(english.map((w) => headerWarning(w, 'en'))).toEqual(english);
    expect(headerWarning('something else entirely', 'da')).toBe('something else entirely');
  });
});
