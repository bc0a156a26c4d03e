import { RequestCookies } from 'next/dist/server/web/spec-extension/cookies.js';
import { directionOf, isLocale, negotiateLocale, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';
import { escapeHtml } from '@/lib/text/escape-html';

/** Headers of a notice page: nothing to run, nothing to frame, never kept. */
export const NOTICE_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
} as const;

/**
 * The language of a page answered outside the app (an outage, a refused body): the path's
 * language prefix, else the language cookie, else the browser's languages.
 */
export function noticeLocale(pathname: string, headers: Headers): Locale {
  const prefix = /^\/([a-z]{2})(?:\/|$)/.exec(pathname)?.[1];
  if (isLocale(prefix)) return prefix;
  return negotiateLocale(new RequestCookies(headers).get('NEXT_LOCALE')?.value, headers.get('accept-language'));
}

/**
 * A short, self-contained page in `locale` (right-to-left for Arabic and Persian) for answers made
 * outside React: a heading, a paragraph and an optional link, all escaped.
 */
export function noticePage(locale: string, heading: string, body: string, link?: { href: string; text: string }): string {
  const more = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return `<!doctype html><html lang="${escapeHtml(locale)}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(heading)}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.6"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(body)}</p>${more}</body></html>`;
}

/** Seconds a client should wait before asking again while the database is down. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** The page answered (503, with Retry-After) for a page while the database is down; its link asks for `pathname` again. */
export function outagePage(locale: Locale, pathname: string): { status: 503; headers: Record<string, string>; body: string } {
  const t = translatorFor(locale);
  // One leading slash: `//host/…` would be a link to another site.
  const path = `/${pathname.replace(/^[/\\]+/, '')}`;
  return {
    status: 503,
    headers: { ...NOTICE_PAGE_HEADERS, 'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS) },
    body: noticePage(locale, t('outage.title'), t('outage.body'), { href: path, text: t('outage.retry') }),
  };
}
