// Which catalogue messages come from: the language of the call in progress (`check(source, { lang })`,
// `parse(source, { lang })`), else the process's default (English unless `setDefaultLanguage` says
// otherwise: a CLI run or a language server speaks one language). check and parse are synchronous,
// so the language is set for the duration of the call and restored after it.
import { en, type Catalogue } from './messages';
import { da } from './messages.da';

export type Language = 'en' | 'da';

export const LANGUAGES: readonly Language[] = ['en', 'da'];

const catalogues: Record<Language, Catalogue> = { en, da };

let current: Catalogue = en;
let fallback: Catalogue = en;
let currentLang: Language = 'en';

/** The language of the call in progress, else the default. */
export function currentLanguage(): Language {
  return currentLang;
}

/** The catalogue of `lang`, or of the call in progress. */
export function catalogue(lang?: Language): Catalogue {
  return lang === undefined ? current : catalogues[lang];
}

/** The language of messages when a call names none (the CLI and the language server set it once). */
export function setDefaultLanguage(lang: Language): void {
  fallback = catalogues[lang];
  current = fallback;
  currentLang = lang;
}

/** Runs `fn` with the messages of `lang` (when given; else those in use, or the default). */
export function withLanguage<T>(lang: Language | undefined, fn: () => T): T {
  if (lang === undefined) return fn();
  const previous = current;
  const previousLang = currentLang;
  current = catalogues[lang];
  currentLang = lang;
  try {
    return fn();
  } finally {
    current = previous;
    currentLang = previousLang;
  }
}
