import countries from 'i18n-iso-countries';

/** ISO 3166-1 alpha-2 codes, from a maintained data package. */
export const countryCodes: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

const known = new Set(countryCodes);

export function isCountryCode(code: string): boolean {
  return known.has(code);
}

/** Country names in the viewer's language (CLDR via Intl), sorted for that language. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  const collator = new Intl.Collator([locale, 'en']);
  return countryCodes
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
