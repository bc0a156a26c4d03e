import { createTranslator } from 'use-intl/core';
import { catalogues } from './catalogues';
import { defaultLocale, isLocale } from './locales';

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

// One per language, made on first use: a translator holds no request state, so making one (and
// its formatters) for every API call, most of which never show a message, is wasted work.
const translators = new Map<string, Translate>();

/** A translator outside React (API responses, emails, the worker); unknown locales fall back to English. */
export function translatorFor(locale: string): Translate {
  const resolved = isLocale(locale) ? locale : defaultLocale;
  let translate = translators.get(resolved);
  if (!translate) {
    const t = createTranslator({ locale: resolved, messages: catalogues[resolved] });
    translate = (key, values) => (t as unknown as Translate)(key, values);
    translators.set(resolved, translate);
  }
  return translate;
}
