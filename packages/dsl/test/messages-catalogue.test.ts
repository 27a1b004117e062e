// The message catalogues (issue 14 §3): `da` has every message of `en`, with the same code and
// severity and the same placeholders (quoted names and numbers); check and parse in Danish give the
// same diagnostics as in English (code, range, severity, suggestion), worded in Danish.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, da, en, inForce, keywords, parse, type Catalogue, type Diagnostic, type Range, type Type } from '../src/index';
import { citizenRecord, section1Example } from './support/fixtures';

const r: Range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 3, line: 1, column: 4 } };
const num: Type = { kind: 'number', integer: true, unit: 'months' };
const en3: Type = { kind: 'enum', values: ['a', 'b', 'c'] };
const list: Type = { kind: 'list', period: true, fields: new Map([['start', { kind: 'date' }]]) as never };

type FactoryKey = { [K in keyof Catalogue]: Catalogue[K] extends (...a: never[]) => Diagnostic ? K : never }[keyof Catalogue];
type Factories = { [K in FactoryKey]: Parameters<Extract<Catalogue[K], (...a: never[]) => Diagnostic>> };

/** Sample arguments for every factory (TypeScript requires one entry per factory). */
const samples: Factories = {
  duplicateName: [r, 'alder', 3],
  reservedName: [r, 'constructor'],
  reservedColumn: [r, 'group', 'Status', 'status'],
  numberOutOfRange: [r],
  duplicateRecord: [r, 2],
  missingRecord: [r],
  multipleKeys: [r, 'cpr2', 'cpr'],
  duplicateModifier: [r, 'optional'],
  invalidBounds: [r, '5..1', { kind: 'order', min: 5, max: 1 }],
  duplicateEnumValue: [r, 'dagpenge'],
  unknownName: [r, 'literacyy', ['literacy', 'hours']],
  unknownEnumValue: [r, 'dagpengee', 'benefit', ['dagpenge', 'kontanthjaelp']],
  programInExpression: [r, 'jobklub'],
  unknownFunction: [r, 'age_off', ['age_of', 'time_since', 'count']],
  wrongArguments: [r, 'age_of', { kind: 'dates', count: 1 }, { kind: 'value', text: 'hours', type: num }],
  listKey: [r, 'forløb'],
  elementKey: [r, 'kind', 'forløb'],
  nestedList: [r, 'inner', 'forløb'],
  duplicateElementField: [r, 'kind', 'forløb', 4],
  periodStartOptional: [r, 'forløb'],
  listMisplaced: [r, 'forløb'],
  notAList: [r, 'any', 'hours', num],
  notPeriods: [r, 'samtaler'],
  whereMisplaced: [r, 'forløb'],
  lastMisplaced: [r, 'last 3 months'],
  invalidWindow: [r, '0 months'],
  whereReadsRecord: [r, 'hours', 'field', 'forløb', ['kind', 'start', 'end']],
  unknownElementName: [r, 'kindd', 'forløb', ['kind', 'start']],
  timeInUnit: [r, 'time_in(forløb, last 1 years)', '6 months', 6, 'months'],
  givenNotList: [r, 'forløb'],
  givenListForValue: [r, 'hours', num],
  givenUnknownElementField: [r, 'forløb[1]', 'kindd', 'forløb', ['kind']],
  givenMissingElementField: [r, 'forløb[2]', ['start', 'kind']],
  givenPeriodOrder: [r, 'forløb[1]', true],
  typeMismatch: [r, 'literacy', num, '"x"', { kind: 'text' }],
  notOrdered: [r, '<', 'benefit', en3],
  unitMismatch: [r, 'weeks_unemployed', 'weeks', '6 months', 'months', 6, r],
  calendarNeedsUnit: [r, 'age', '30'],
  calendarNeedsConstant: [r, 'age', 'hours'],
  calendarArithmetic: [r, 'age'],
  dateArithmetic: [r, 'birth_date'],
  notNumber: [r, '+', 'motivated', { kind: 'boolean' }],
  notBoolean: [r, { kind: 'side', op: 'and' }, 'hours', list],
  invalidDate: [r, '2025-02-30', { kind: 'days', year: 2025, month: 2, days: 28 }],
  cycle: [r, 'group', ['a', 'b', 'a']],
  paramNotLiteral: [r, 'max_praktik'],
  invalidParamOverride: [r, 'min_ledighed', { kind: 'mismatch', type: num, declared: '6 months' }],
  unknownParam: [r, 'min_ledighd', ['min_ledighed']],
  unknownParamNotAName: [r],
  invalidCount: [r, '-1'],
  inItemNotLiteral: [r, 'hours'],
  givenUnknownField: [r, 'birth_datee', ['birth_date']],
  givenDuplicate: [r, 'hours'],
  givenMismatch: [r, 'hours', num, { kind: 'outside' }, true, { min: 0, max: 37 }],
  personalEnumValue: [r, 'benefit', true],
  unknownTestTarget: [r, 'ungee', ['unge']],
  expectOutcomeMismatch: [r, 'unge', false],
  duplicateAsOf: [r],
  atLeastImpossible: [r, 3, 2],
  emptyBetween: [r, '50 years', '30 years'],
  unusedParam: [r, 'p'],
  unusedLet: [r, 'x'],
  tooDeep: [r, 400],
  versionKind: [r, 'x', 'let', 2, 'group'],
  versionType: [r, 'x', num, 2, { kind: 'text' }],
  validityOrder: [r, 'x', '2020-01-01', '2019-01-01'],
  versionOverlap: [r, 'x', { from: '2015-01-01' }, 2, { until: '2016-12-31' }, [{ from: '2015-01-01', until: '2016-12-31' }]],
  notInForce: [r, 'param', 'max_praktik', [{ until: '2016-12-31' }, { from: '2018-01-01' }]],
};

/** Quoted names ('…', an apostrophe inside a word is not a quote) and numbers: what both languages must say alike. */
function placeholders(message: string): string[] {
  const quoted = [...message.matchAll(/(?<!\p{L})'([^']*)'(?!\p{L})/gu)].map((m) => `'${m[1]}'`);
  const rest = message.replace(/(?<!\p{L})'([^']*)'(?!\p{L})/gu, ' ');
  const numbers = rest.match(/\d+/g) ?? [];
  return [...new Set([...quoted, ...numbers])].sort();
}

/** Words of English sentences that no Danish message has (outside quotes, keywords and names). */
const ENGLISH = /\b(expected|cannot|but found|did you mean|must be|is not|needs|already|the end of the file|written|twice|never)\b/i;
const unquoted = (m: string) => m.replace(/(?<!\p{L})'([^']*)'(?!\p{L})/gu, ' ');

describe('every factory of en has a da twin', () => {
  it('the same keys, the same nested keys', () => {
    expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(da.syntax).sort()).toEqual(Object.keys(en.syntax).sort());
    expect(Object.keys(da.syntax.rules).sort()).toEqual(Object.keys(en.syntax.rules).sort());
    expect(Object.keys(da.frame).sort()).toEqual(Object.keys(en.frame).sort());
    expect(Object.keys(samples).sort()).toEqual(Object.keys(en).filter((k) => !['lang', 'type', 'dateProblem', 'notInForceOn', 'syntax', 'frame'].includes(k)).sort());
  });

  it.each(Object.keys(samples) as (keyof Factories)[])('%s: same code, severity, suggestion and placeholders', (key) => {
    const call = (c: Catalogue) => (c[key] as (...a: unknown[]) => Diagnostic)(...(samples[key] as unknown[]));
    const [e, d] = [call(en), call(da)];
    expect({ code: d.code, severity: d.severity, range: d.range, suggestion: d.suggestion }).toEqual({ code: e.code, severity: e.severity, range: e.range, suggestion: e.suggestion });
    expect(d.message).not.toBe(e.message);
    expect(placeholders(d.message)).toEqual(placeholders(e.message));
    expect(unquoted(d.message)).not.toMatch(ENGLISH);
  });

  const wordings: [string, (c: Catalogue) => string][] = [
    ['syntax.expected', (c: Catalogue) => c.syntax.expected(c.syntax.declaration, { image: 'og' }, c.syntax.keywordHint('og'))],
    ['syntax.expectedAtLeastOne', (c: Catalogue) => c.syntax.expectedAtLeastOne(c.syntax.or(["'{'", "'('"]), { end: true })],
    ['syntax.unknownEscape', (c: Catalogue) => c.syntax.unknownEscape({ char: 'n' })],
    ['syntax.unexpectedCharacter', (c: Catalogue) => c.syntax.unexpectedCharacter('#')],
    ['syntax.tooDeep', (c: Catalogue) => c.syntax.tooDeep(100)],
    ['syntax.validityTwice', (c: Catalogue) => c.syntax.validityTwice('from')],
    ['syntax.validityOrder', (c: Catalogue) => c.syntax.validityOrder],
    ['syntax.unterminatedText', (c: Catalogue) => c.syntax.unterminatedText],
    ['syntax.unterminatedComment', (c: Catalogue) => c.syntax.unterminatedComment],
    ['notInForceOn', (c: Catalogue) => c.notInForceOn('2016-06-01', [{ kind: 'param', name: 'max_praktik', days: [{ from: '2017-01-01' }] }])],
    ['frame.countLine', (c: Catalogue) => c.frame.countLine(2, 1, 1)],
    ['frame.nothingRun', (c: Catalogue) => c.frame.nothingRun('rules.visit', 3)],
    ['dateProblem', (c: Catalogue) => c.dateProblem({ kind: 'month', month: 13 })],
    ['type', (c: Catalogue) => c.type({ kind: 'enum', values: ['ja', 'nej'] })],
    ...Object.keys(en.syntax.rules).map((k): [string, (c: Catalogue) => string] => [`syntax.rules.${k}`, (c) => c.syntax.rules[k]!]),
  ];
  it.each(wordings)('%s: same placeholders, Danish words', (_, words) => {
    expect(placeholders(words(da))).toEqual(placeholders(words(en)));
    expect(unquoted(words(da))).not.toMatch(ENGLISH);
  });
});

const diagnose = (snippet: string, lang: 'da' | 'en' = 'da') =>
  check(citizenRecord + snippet + '\n', { lang }).diagnostics.map((d) => `${d.code} ${d.message}`);

describe('source → Danish message', () => {
  it.each([
    ['unknown name with a suggestion', 'group g = literacyy >= 3',
      "unknown-name ukendt navn 'literacyy': her skal stå et felt, en let-værdi, en parameter eller en gruppe — mente du 'literacy'?"],
    ['unknown enum value', 'group g = benefit = dagpengee',
      "unknown-enum-value 'dagpengee' er ikke en af værdierne for benefit: vælg en af dagpenge, kontanthjaelp, sygedagpenge — mente du 'dagpenge'?"],
    ['type mismatch', 'group g = literacy = "x"', `type-mismatch kan ikke sammenligne 'literacy' (et helt tal) med '"x"' (en tekst)`],
    ['unit mismatch', 'group g = weeks_unemployed >= 6 months',
      "unit-mismatch kan ikke sammenligne 'weeks_unemployed' (uger) med '6 months' (måneder): en måned er ikke et helt antal uger; skriv grænsen i uger, f.eks. 26 uger"],
    ['a keyword as a name', 'group og = motivated', "syntax-error her skal stå et navn, men der står 'og' ('og' er et nøgleord og kan ikke bruges som navn)"],
    ['a condition left open', 'group g = motivated and',
      "syntax-error her skal stå en værdi (et navn, et tal, en dato, en tekst, true, false, '(' eller 'at least'), men der står slutningen af filen"],
    ['no day of the calendar', 'group g = birth_date < 2025-02-30', "invalid-date ugyldig dato '2025-02-30': februar 2025 har 28 dage"],
    ['not in force', 'param max_praktik = 4 weeks from 2017-01-01\ngroup g = weeks_unemployed <= max_praktik\nprogram p { require g }',
      "not-in-force Parameteren 'max_praktik' bruges, men ingen version af den er i kraft til og med 2016-12-31: en kørsel med en sådan dag som skæringsdato afvises"],
  ])('%s', (_, snippet, expected) => {
    expect(diagnose(snippet)).toContain(expected);
  });

  it('English stays the default, and a Danish check leaves it so', () => {
    const snippet = 'group g = literacyy >= 3';
    const english = diagnose(snippet, 'en');
    diagnose(snippet, 'da');
    expect(check(citizenRecord + snippet + '\n').diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(english);
    expect(english[0]).toMatch(/^unknown-name unknown name 'literacyy'/);
  });

  it('parse alone speaks Danish when asked', () => {
    expect(parse('group og = x', { lang: 'da' }).diagnostics[0]?.message).toBe("her skal stå et navn, men der står 'og' ('og' er et nøgleord og kan ikke bruges som navn)");
    expect(parse('group og = x').diagnostics[0]?.message).toBe("expected a name but found 'og' ('og' is a keyword, so it cannot be used as a name)");
  });

  it("a run's refusal speaks the language the file was checked in", () => {
    const src = citizenRecord + 'param max_praktik = 4 weeks from 2017-01-01\ngroup g = weeks_unemployed <= max_praktik\nprogram p { require g }\n';
    const day = (lang: 'da' | 'en') => {
      const v = inForce(check(src, { lang }), '2016-06-01');
      return v.ok ? '' : v.message;
    };
    expect(day('da')).toBe("ikke i kraft den 2016-06-01: parameteren 'max_praktik' (i kraft fra 2017-01-01)");
    expect(day('en')).toBe("not in force on 2016-06-01: param 'max_praktik' (in force from 2017-01-01)");
  });
});

describe('generated broken files: the same diagnostics in both languages', () => {
  const base = citizenRecord + section1Example.replace(/^record[\s\S]*?\n}\n/, '');
  const words = [...keywords, 'og', 'eller', 'måneder', 'ja', '(', ')', '{', '}', '=', '<', '"', '2025-02-30', '13', 'literacyy', 'benefit', ',', '..', '#', '\\n'];
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), insert: fc.constantFrom(...words).map((w) => ` ${w} `) });

  it('code, range, severity and suggestion agree; no English residue in the Danish', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let src = base;
        for (const e of edits) {
          const at = e.at % (src.length + 1);
          src = src.slice(0, at) + e.insert + src.slice(at + e.cut);
        }
        const english = check(src, { lang: 'en' }).diagnostics;
        const danish = check(src, { lang: 'da' }).diagnostics;
        expect(danish.map(({ message: _m, ...d }) => d)).toEqual(english.map(({ message: _m, ...d }) => d));
        danish.forEach((d, i) => {
          expect(unquoted(d.message)).not.toMatch(ENGLISH);
          expect(placeholders(d.message)).toEqual(placeholders(english[i]!.message));
        });
      }),
      { numRuns: 300 },
    );
  });
});
