import createMiddleware from 'next-intl/middleware';
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './lib/env';
import { defaultLocale, directionOf, locales } from './lib/i18n/locales';
import { localizedPath } from './lib/i18n/paths';
import { translatorFor } from './lib/i18n/translate';
import { escapeHtml } from './lib/text/escape-html';
import { contentSecurityPolicy, HSTS, isEmbedPath } from './lib/security/headers';
import { isHiddenSlug } from './lib/moderation/hidden';
import { routing } from './lib/i18n/routing';
import { SIGN_FORM_FLASH_COOKIE, SIGN_FORM_FLASH_HEADER, SIGNED_FLASH_COOKIE } from './lib/signatures/form-flash';

// Picks the language from the URL, then the NEXT_LOCALE cookie, then Accept-Language.
const intl = createMiddleware(routing);

const prefixed = locales.filter((l) => l !== defaultLocale).join('|');
const PETITION_PATH = new RegExp(`^/(?:(${prefixed})/)?p/([a-z0-9-]+)(?:/|$)`);

function goneNotice(locale: string): string {
  const t = translatorFor(locale);
  return `<h1>${escapeHtml(t('notFound.goneTitle'))}</h1><p>${escapeHtml(t('notFound.goneBody'))}</p><p><a href="${localizedPath(locale, '/')}">${escapeHtml(t('notFound.back'))}</a></p>`;
}

export default async function proxy(request: NextRequest) {
  const match = PETITION_PATH.exec(request.nextUrl.pathname);
  if (match && (await isHiddenSlug(match[2]!))) {
    const locale = match[1] ?? defaultLocale;
    const html = `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>410</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.6">${goneNotice(locale)}</body></html>`;
    return new NextResponse(html, { status: 410, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }
  // A fresh nonce per response; Next reads the policy from the request and stamps its scripts with it.
  const nonce = randomBytes(16).toString('base64');
  const https = getEnv().appUrl.startsWith('https:');
  const embed = isEmbedPath(request.nextUrl.pathname);
  const csp = contentSecurityPolicy({ nonce, embed, dev: process.env.NODE_ENV !== 'production', https });
  request.headers.set('x-nonce', nonce);
  request.headers.set('content-security-policy', csp);
  // A no-JavaScript sign form's outcome comes back once to the page it was sent to (a refused form to
  // the petition page, a signature's address to the "check your inbox" page): this view shows it
  // (handed to the page in a request header, since a cookie deleted here is already gone for the
  // page), the next does not.
  const petitionPage = match && request.method === 'GET' ? localizedPath(match[1] ?? defaultLocale, `/p/${match[2]}`) : null;
  const path = request.nextUrl.pathname.replace(/\/$/, '');
  const cookie = path === petitionPage ? SIGN_FORM_FLASH_COOKIE : petitionPage && path === `${petitionPage}/signed` ? SIGNED_FLASH_COOKIE : null;
  const flash = cookie ? request.cookies.get(cookie)?.value : undefined;
  if (flash) request.headers.set(SIGN_FORM_FLASH_HEADER, flash);
  else request.headers.delete(SIGN_FORM_FLASH_HEADER);
  const response = intl(request);
  response.headers.set('content-security-policy', csp);
  if (!embed) response.headers.set('x-frame-options', 'DENY');
  if (https) response.headers.set('strict-transport-security', HSTS);
  if (flash && cookie && !response.headers.has('location')) response.cookies.set(cookie, '', { path, maxAge: 0 });
  return response;
}

export const config = {
  // Pages only: not the API, the dev mailbox, Next's assets or files with an extension.
  matcher: ['/((?!api|dev|_next|_vercel|.*\\..*).*)'],
};
