import { getRequestConfig } from 'next-intl/server';
import { catalogues } from './catalogues';
import { defaultLocale, isLocale } from './locales';

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : defaultLocale;
  return { locale, messages: catalogues[locale] };
});
