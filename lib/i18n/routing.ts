import { defineRouting } from 'next-intl/routing';
import { defaultLocale, locales } from './locales';

// English keeps its unprefixed URLs (/p/<slug>); other languages live under /<locale>/….
export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: 'as-needed',
});
