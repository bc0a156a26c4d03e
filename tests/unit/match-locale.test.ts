import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IncomingMessage } from 'node:http';
import createMiddleware from 'next-intl/middleware';
import { NextRequest } from 'next/server';
import { publicReadKey } from '@/lib/http/public-read-cache';
import { matchLocale } from '@/lib/i18n/match-locale';
import { routing } from '@/lib/i18n/routing';

// Headers browsers send, and the edges where a hand-written negotiation used to disagree with
// next-intl (macrolanguages, scripts, a wildcard ranked first, an English tag for a Persian region).
const ACCEPT_LANGUAGES = [
  'ar',
  'AR',
  'ar-ar',
  'ar-SA, fa;q=0.95',
  'fa-IR,fa;q=0.9,en;q=0.5',
  'fr-FR,ar-EG;q=0.8,en;q=0.5',
  'en;q=0.2,ar;q=0.9',
  'en-US,en;q=0.9,fa;q=0.8',
  'EN-gb',
  'de',
  '',
  '*',
  '*, ar;q=0.5',
  'ar;q=0',
  'ar;q=abc',
  'ar;q=1.5,fa',
  'zh-Hant-TW',
  'ps',
  'ku',
  'ur',
  'he',
  'tg',
  'prs',
  'fa-AF',
  'ckb',
  'arz',
  'ary',
  'az-Arab',
  'en-IR, fa',
  'de, ar;q=0.1',
  'fa;q=0.5,ar;q=0.5',
  'ar-Latn',
  'invalid;;;',
  'x-foo',
  'i-klingon',
];

const intl = createMiddleware(routing);

/** The language next-intl's middleware serves an unprefixed petition address in: its redirect's prefix, or the default. */
function middlewareLocale(headers: Record<string, string>): string {
  const location = intl(new NextRequest('http://localhost/p/save-the-river', { headers })).headers.get('location');
  return location ? new URL(location).pathname.split('/')[1]! : routing.defaultLocale;
}

test('the page cache picks the language of an unprefixed address exactly as next-intl’s middleware does', () => {
  for (const header of ACCEPT_LANGUAGES) {
    const headers: Record<string, string> = header ? { 'accept-language': header } : {};
    assert.equal(matchLocale(undefined, header), middlewareLocale(headers), `Accept-Language: ${header}`);
    const shared = publicReadKey({ url: '/p/save-the-river', method: 'GET', headers } as unknown as IncomingMessage) !== null;
    assert.equal(shared, middlewareLocale(headers) === 'en', `shared for Accept-Language: ${header}`);
  }
});

test('a language cookie wins over Accept-Language when it names a supported language, as in the middleware', () => {
  for (const cookie of ['fa', 'ar', 'en', 'xx', 'AR', '']) {
    const headers = { cookie: `NEXT_LOCALE=${cookie}`, 'accept-language': 'ar' };
    assert.equal(matchLocale(cookie, 'ar'), middlewareLocale(headers), `NEXT_LOCALE=${cookie}`);
  }
});

test('cookie headers are parsed as a cookie parser does: spacing, quoting and encoding do not change the decision', () => {
  const key = (cookie: string) => publicReadKey({ url: '/p/save-the-river', method: 'GET', headers: { cookie } } as unknown as IncomingMessage);
  assert.equal(key('NEXT_LOCALE="en"'), '/p/save-the-river');
  assert.equal(key('  NEXT_LOCALE=en ;'), '/p/save-the-river');
  assert.equal(key('NEXT_LOCALE=%66%61'), null, 'an encoded “fa” is Persian');
  assert.equal(key('NEXT_LOCALE=en;undersign_session=x'), null);
  // Next's parser keeps the last of two, the cookie package the first: such a request is not shared.
  assert.equal(middlewareLocale({ cookie: 'NEXT_LOCALE=en; NEXT_LOCALE=fa' }), 'fa');
  assert.equal(key('NEXT_LOCALE=en; NEXT_LOCALE=fa'), null);
});
