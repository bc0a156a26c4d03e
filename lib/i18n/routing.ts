import { defineRouting } from 'next-intl/routing';
import { defaultLocale, locales } from './locales';

// English keeps its unprefixed URLs (/p/<slug>); other languages live under /<locale>/….
export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: 'as-needed',
  // Pages that have language versions declare them in their own <head> (petition pages do);
  // a Link header on every response would only add bytes.
  alternateLinks: false,
});
