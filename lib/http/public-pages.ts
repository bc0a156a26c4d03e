import { defaultLocale, locales } from '@/lib/i18n/locales';

const prefixed = locales.filter((l) => l !== defaultLocale).join('|');
// The public petition page, its widget and the page a sign form without JavaScript lands on, in
// every language: the same for every visitor of one address and language.
const PUBLIC_PAGE_PATH = new RegExp(`^/(?:(?:${prefixed})/)?p/[a-z0-9-]+(?:/embed|/signed)?/?$`);

/** Whether a path (no query) is a public petition page: served without a per-request nonce, shareable by caches. */
export function isPublicPagePath(pathname: string): boolean {
  return PUBLIC_PAGE_PATH.test(pathname);
}

/** Whether a path (no query) is a public petition page's address without a language prefix, whose language is negotiated per request. */
export function negotiatesLanguage(pathname: string): boolean {
  const path = pathname.split('?')[0]!;
  return isPublicPagePath(path) && path.startsWith('/p/');
}
