import { createTranslator } from 'use-intl/core';
import { catalogues } from './catalogues';
import { defaultLocale, isLocale } from './locales';

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

/** A translator outside React (API responses, emails, the worker); unknown locales fall back to English. */
export function translatorFor(locale: string): Translate {
  const resolved = isLocale(locale) ? locale : defaultLocale;
  const t = createTranslator({ locale: resolved, messages: catalogues[resolved] });
  return (key, values) => (t as unknown as Translate)(key, values);
}
