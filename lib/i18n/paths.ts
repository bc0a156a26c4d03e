import { defaultLocale, type Locale } from './locales';

/** An app path in a language: English unprefixed, others under /<locale>. */
export function localizedPath(locale: Locale | string, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (locale === defaultLocale) return clean;
  return clean === '/' ? `/${locale}` : `/${locale}${clean}`;
}
