import countries from 'i18n-iso-countries';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';

/** ISO 3166-1 alpha-2 codes, from a maintained data package. */
export const countryCodes: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

const known = new Set(countryCodes);

export function isCountryCode(code: string): boolean {
  return known.has(code);
}

const optionsByLocale = new Map<string, { code: string; name: string }[]>();

/**
 * Country names in the viewer's language (CLDR via Intl), sorted for that language. Computed once
 * per interface language: it costs about a millisecond, on every petition page otherwise.
 */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const key = isLocale(locale) ? locale : defaultLocale;
  let options = optionsByLocale.get(key);
  if (!options) {
    const names = new Intl.DisplayNames([key, 'en'], { type: 'region' });
    const collator = new Intl.Collator([key, 'en']);
    options = countryCodes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
    optionsByLocale.set(key, options);
  }
  return options;
}

export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
