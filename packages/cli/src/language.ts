// Which language the messages about rules speak: `--lang da|en`, else the locale (LC_ALL, then
// LC_MESSAGES, then LANG, as POSIX orders them), else English. `da`, `da_DK.UTF-8`, `da-DK` are
// Danish; C, POSIX and every other locale are English. A set but empty variable is skipped, as
// POSIX says.

import { problem, UsageError } from './options';

export type Language = 'en' | 'da';

export const LANGUAGES: readonly Language[] = ['en', 'da'];

/** The language of a locale name (`da_DK.UTF-8` → da); undefined for an empty one. */
export function localeLanguage(locale: string | undefined): Language | undefined {
  if (locale === undefined || locale === '') return undefined;
  const language = locale.split(/[_.@-]/)[0]!.toLowerCase();
  return language === 'da' ? 'da' : 'en';
}

/** `--lang` when given (anything but da or en is a usage error, exit 2), else the environment's locale. */
export function languageFrom(lang: string | undefined, env: Record<string, string | undefined>): Language {
  if (lang !== undefined) {
    if (lang === 'da' || lang === 'en') return lang;
    // Quoted only when short and plain: anything else may be a value typed in the wrong place.
    const found = /^[A-Za-z_-]{1,16}$/.test(lang) ? `'${lang}'` : problem().foundSomethingElse;
    throw new UsageError(problem().langExpects(found));
  }
  return localeLanguage(env.LC_ALL) ?? localeLanguage(env.LC_MESSAGES) ?? localeLanguage(env.LANG) ?? 'en';
}
