import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { defaultLocale, isLocale, locales, type Locale } from './locales';

// next-intl's own workaround (formatjs/formatjs#4469): longer tags first, so a region tag is not shadowed.
const ordered = [...locales].sort((a, b) => b.length - a.length);

/**
 * The interface language next-intl's middleware chooses for an address without a language prefix:
 * the language cookie when it names a supported language, else the best match of Accept-Language
 * (negotiator's ranking, @formatjs/intl-localematcher's best-fit matching, as next-intl 4.15 does
 * in its resolveLocale), else the default. next-intl exports no function for this; a unit test
 * holds this one to the middleware's answers.
 */
export function matchLocale(cookieLocale: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookieLocale)) return cookieLocale;
  const languages = new Negotiator({ headers: { 'accept-language': acceptLanguage || undefined } }).languages();
  try {
    const matched = match(languages, ordered, defaultLocale);
    const locale = locales.find((l) => l.toLowerCase() === matched.toLowerCase());
    if (locale) return locale;
  } catch {
    // A malformed language tag: next-intl falls back to the default too.
  }
  return defaultLocale;
}
