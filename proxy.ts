import createMiddleware from 'next-intl/middleware';
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './lib/env';
import { contentSecurityPolicy, HSTS, isEmbedPath } from './lib/security/headers';
import { isHiddenSlug } from './lib/moderation/hidden';
import { routing } from './lib/i18n/routing';

// Picks the language from the URL, then the NEXT_LOCALE cookie, then Accept-Language.
const intl = createMiddleware(routing);

const PETITION_PATH = /^\/(?:(ar)\/)?p\/([a-z0-9-]+)(?:\/|$)/;

const goneNotice: Record<string, string> = {
  en: '<h1>This petition has been removed</h1><p>It was taken down after a report, because it breaks the rules of this site.</p><p><a href="/">See open petitions</a></p>',
  ar: '<h1>أُزيلت هذه العريضة</h1><p>حُذفت بعد بلاغ لأنها تخالف قواعد هذا الموقع.</p><p><a href="/ar">تصفّح العرائض المفتوحة</a></p>',
};

export default async function proxy(request: NextRequest) {
  const match = PETITION_PATH.exec(request.nextUrl.pathname);
  if (match && (await isHiddenSlug(match[2]!))) {
    const locale = match[1] ?? 'en';
    const html = `<!doctype html><html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>410</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.6">${goneNotice[locale]}</body></html>`;
    return new NextResponse(html, { status: 410, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }
  // A fresh nonce per response; Next reads the policy from the request and stamps its scripts with it.
  const nonce = randomBytes(16).toString('base64');
  const https = getEnv().appUrl.startsWith('https:');
  const csp = contentSecurityPolicy({ nonce, embed: isEmbedPath(request.nextUrl.pathname), dev: process.env.NODE_ENV !== 'production', https });
  request.headers.set('x-nonce', nonce);
  request.headers.set('content-security-policy', csp);
  const response = intl(request);
  response.headers.set('content-security-policy', csp);
  if (!isEmbedPath(request.nextUrl.pathname)) response.headers.set('x-frame-options', 'DENY');
  if (https) response.headers.set('strict-transport-security', HSTS);
  return response;
}

export const config = {
  // Pages only: not the API, the dev mailbox, Next's assets or files with an extension.
  matcher: ['/((?!api|dev|_next|_vercel|.*\\..*).*)'],
};
