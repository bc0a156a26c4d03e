import { petitionLanguages } from './schemas';

/** The petition languages with their names in the viewer's language. */
export function petitionLanguageOptions(locale: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  return petitionLanguages.map((code) => ({ code, name: names.of(code) ?? code }));
}
