// The language service's own words (code-action titles, inlay hints), in English and Danish: the
// language of the call in progress (the language server speaks its client's, withLanguage).
// Typed, so that both languages have every entry with the same arguments.
import { currentLanguage, type Language } from '../check/language';

export interface ServiceWords {
  /** Quick fix: the replacement only, never the text it replaces. */
  changeTo(text: string): string;
  /** `as of` is a keyword: it stays as written. */
  pinTest(date: string): string;
  /** The subject of an inlay hint: age_of(x) is about a birth date, time_since(x) about a start. */
  born: string;
  since: string;
  after(date: string): string;
  onOrBefore(date: string): string;
}

const en: ServiceWords = {
  changeTo: (text) => `Change to ${text}`,
  pinTest: (date) => `Pin this test to a date: as of ${date}`,
  born: 'born',
  since: 'since',
  after: (date) => `after ${date}`,
  onOrBefore: (date) => `on or before ${date}`,
};

const da: ServiceWords = {
  changeTo: (text) => `Ret til ${text}`,
  pinTest: (date) => `Fastlås testen til en dato: as of ${date}`,
  born: 'født',
  since: 'siden',
  after: (date) => `efter ${date}`,
  onOrBefore: (date) => `senest ${date}`,
};

export const SERVICE_WORDS: Record<Language, ServiceWords> = { en, da };

export function words(): ServiceWords {
  return SERVICE_WORDS[currentLanguage()];
}
