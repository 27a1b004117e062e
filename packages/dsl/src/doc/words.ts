// The words of `visit doc` in Danish and English: units, dates, numbers, outcomes, headings.
import type { ExpectedOutcome, Unit } from '../ast';

export type DocLang = 'da' | 'en';

const UNITS: Record<DocLang, Record<Unit, [string, string]>> = {
  da: { days: ['dag', 'dage'], weeks: ['uge', 'uger'], months: ['måned', 'måneder'], years: ['år', 'år'] },
  en: { days: ['day', 'days'], weeks: ['week', 'weeks'], months: ['month', 'months'], years: ['year', 'years'] },
};

const MONTHS: Record<DocLang, string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export function unitWord(lang: DocLang, amount: number, unit: Unit): string {
  return UNITS[lang][unit][amount === 1 ? 0 : 1];
}

/** 2.5 → "2,5" in Danish. */
export function numberText(lang: DocLang, n: number): string {
  const s = String(n);
  return lang === 'da' ? s.replace('.', ',') : s;
}

export function durationText(lang: DocLang, amount: number, unit: Unit): string {
  return `${numberText(lang, amount)} ${unitWord(lang, amount, unit)}`;
}

/** "2025-07-01" → "1. juli 2025" / "1 July 2025"; anything else as written. */
export function dateText(lang: DocLang, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[lang][Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  const day = Number(m[3]);
  const year = String(Number(m[1]));
  return lang === 'da' ? `${day}. ${month} ${year}` : `${day} ${month} ${year}`;
}

export function outcomeText(lang: DocLang, o: ExpectedOutcome): string {
  const da: Record<ExpectedOutcome, string> = { true: 'ja', false: 'nej', unknown: 'ukendt', eligible: 'kan visiteres', ineligible: 'kan ikke visiteres', undetermined: 'uafklaret' };
  const en: Record<ExpectedOutcome, string> = { true: 'yes', false: 'no', unknown: 'unknown', eligible: 'eligible', ineligible: 'ineligible', undetermined: 'undetermined' };
  return (lang === 'da' ? da : en)[o];
}

/** "a, b og c" / "a, b and c". */
export function joinWords(items: readonly string[], word: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

export const TEXT = {
  da: {
    title: 'Regler',
    asOf: (d: string) => `Gældende pr. ${d}.`,
    generated: 'Skrevet ud fra regelfilen af visit doc. Hvor en linje har en tekst i filen, er teksten kravet, og reglen står i ord ved siden af.',
    programs: 'Tilbud',
    programIntro: 'Borgeren kan visiteres, når alle krav er opfyldt, og ingen udelukkelse gælder. Er et krav ikke opfyldt, eller gælder en udelukkelse, kan borgeren ikke visiteres; mangler der oplysninger til at afgøre det, er visitationen uafklaret.',
    line: 'Nr.',
    requirement: 'Krav',
    inWords: 'Reglen i ord',
    rule: 'Regel',
    excludes: 'Udelukker',
    groups: 'Målgrupper og definitioner',
    groupIntro: (s: string) => `Borgeren er i gruppen, når ${s}.`,
    lets: 'Beregnede værdier',
    name: 'Navn',
    meaning: 'Betydning',
    params: 'Parametre',
    value: 'Værdi',
    valid: 'Gælder',
    current: (d: string) => `Gælder pr. ${d}`,
    always: 'altid',
    yes: 'ja',
    no: 'nej',
    record: 'Oplysninger om borgeren',
    field: 'Felt',
    type: 'Type',
    optional: 'Kan mangle',
    personal: 'personoplysning',
    key: 'nøgle',
    tests: 'Eksempler',
    example: 'Eksempel',
    date: 'Dato',
    given: 'Oplysninger',
    overrides: 'Parametre ændret',
    expected: 'Forventet udfald',
    none: 'ingen',
    validity: (s: string) => `Gælder ${s}.`,
    notInForce: (d: string) => `Ikke i kraft pr. ${d}.`,
    versionInForce: (d: string) => `i kraft pr. ${d}`,
    from: (d: string) => `fra ${d}`,
    until: (d: string) => `til og med ${d}`,
    fromUntil: (f: string, u: string) => `fra ${f} til og med ${u}`,
    everyDay: 'alle dage',
    otherwise: 'når ingen anden udgave gælder',
    runDate: 'kørslens dato',
    noLines: 'Tilbuddet har ingen krav.',
    entries: (n: number) => (n === 1 ? '1 post' : `${n} poster`),
  },
  en: {
    title: 'Rules',
    asOf: (d: string) => `As in force on ${d}.`,
    generated: 'Written from the rule file by visit doc. Where a line has a text in the file, that text is the requirement, and the rule is given in words beside it.',
    programs: 'Programmes',
    programIntro: 'A citizen is eligible when every requirement is met and no exclusion applies. If a requirement is not met, or an exclusion applies, the citizen is ineligible; where data is missing to decide it, the outcome is undetermined.',
    line: 'No.',
    requirement: 'Requirement',
    inWords: 'The rule in words',
    rule: 'Rule',
    excludes: 'Excludes',
    groups: 'Target groups and definitions',
    groupIntro: (s: string) => `A citizen is in the group when ${s}.`,
    lets: 'Computed values',
    name: 'Name',
    meaning: 'Meaning',
    params: 'Parameters',
    value: 'Value',
    valid: 'In force',
    current: (d: string) => `In force on ${d}`,
    always: 'always',
    yes: 'yes',
    no: 'no',
    record: 'Data about the citizen',
    field: 'Field',
    type: 'Type',
    optional: 'May be missing',
    personal: 'personal data',
    key: 'key',
    tests: 'Examples',
    example: 'Example',
    date: 'Date',
    given: 'Data',
    overrides: 'Parameters changed',
    expected: 'Expected outcome',
    none: 'none',
    validity: (s: string) => `In force ${s}.`,
    notInForce: (d: string) => `Not in force on ${d}.`,
    versionInForce: (d: string) => `in force on ${d}`,
    from: (d: string) => `from ${d}`,
    until: (d: string) => `until ${d} inclusive`,
    fromUntil: (f: string, u: string) => `from ${f} to ${u} inclusive`,
    everyDay: 'every day',
    otherwise: 'when no other version is in force',
    runDate: 'the run date',
    noLines: 'The programme has no requirements.',
    entries: (n: number) => (n === 1 ? '1 entry' : `${n} entries`),
  },
} as const;
