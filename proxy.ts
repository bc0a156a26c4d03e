import createMiddleware from 'next-intl/middleware';
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { isDatabaseDown } from './db/health';
import { getEnv } from './lib/env';
import { NOTICE_PAGE_HEADERS, noticeLocale, noticePage, outagePage } from './lib/http/notice-page';
import { defaultLocale, locales } from './lib/i18n/locales';
import { localizedPath } from './lib/i18n/paths';
import { translatorFor } from './lib/i18n/translate';
import { contentSecurityPolicy, HSTS, isEmbedPath } from './lib/security/headers';
import { pendingHashHeaders } from './lib/http/page-csp';
import { isPublicPagePath } from './lib/http/public-pages';
import { isHiddenSlug } from './lib/moderation/hidden';
import { routing } from './lib/i18n/routing';
import { SIGN_FORM_FLASH_COOKIE, SIGN_FORM_FLASH_HEADER, SIGNED_FLASH_COOKIE } from './lib/signatures/form-flash';

// Picks the language from the URL, then the NEXT_LOCALE cookie, then Accept-Language.
const intl = createMiddleware(routing);

const prefixed = locales.filter((l) => l !== defaultLocale).join('|');
const PETITION_PATH = new RegExp(`^/(?:(${prefixed})/)?p/([a-z0-9-]+)(?:/|$)`);

export default async function proxy(request: NextRequest) {
  // While the database is unreachable (the flag db/health.ts keeps), pages answer at once with a
  // short 503 in the visitor's language instead of failing to render. Forms (server actions) still
  // reach their action, which keeps what was typed.
  if ((request.method === 'GET' || request.method === 'HEAD') && isDatabaseDown()) {
    const page = outagePage(noticeLocale(request.nextUrl.pathname, request.headers), request.nextUrl.pathname);
    return new NextResponse(request.method === 'HEAD' ? null : page.body, { status: page.status, headers: page.headers });
  }
  const match = PETITION_PATH.exec(request.nextUrl.pathname);
  if (match && (await isHiddenSlug(match[2]!))) {
    const locale = match[1] ?? defaultLocale;
    const t = translatorFor(locale);
    const html = noticePage(locale, t('notFound.goneTitle'), t('notFound.goneBody'), { href: localizedPath(locale, '/'), text: t('notFound.back') });
    return new NextResponse(html, { status: 410, headers: NOTICE_PAGE_HEADERS });
  }
  const https = getEnv().appUrl.startsWith('https:');
  const embed = isEmbedPath(request.nextUrl.pathname);
  const dev = process.env.NODE_ENV !== 'production';
  // Public petition pages are made without a nonce, so that one rendering can be shared (by
  // server.ts's page cache and by a CDN): server.ts lists their inline scripts' hashes in the policy
  // once the page is rendered (lib/http/page-csp.ts). Until then their policy allows no inline script.
  // Every other page: a fresh nonce per response; Next reads the policy from the request and stamps its scripts with it.
  const hashed = isPublicPagePath(request.nextUrl.pathname);
  const nonce = hashed ? undefined : randomBytes(16).toString('base64');
  const csp = contentSecurityPolicy({ nonce, embed, dev, https });
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
  if (hashed) for (const [name, value] of Object.entries(pendingHashHeaders({ embed, dev, https }))) response.headers.set(name, value);
  if (!embed) response.headers.set('x-frame-options', 'DENY');
  if (https) response.headers.set('strict-transport-security', HSTS);
  if (flash && cookie && !response.headers.has('location')) response.cookies.set(cookie, '', { path, maxAge: 0 });
  return response;
}

export const config = {
  // Pages only: not the API, the dev mailbox, Next's assets or files with an extension.
  matcher: ['/((?!api|dev|_next|_vercel|.*\\..*).*)'],
};
