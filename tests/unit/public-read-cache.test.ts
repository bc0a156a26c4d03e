import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { publicReadKey } from '@/lib/http/public-read-cache';
import { encodeSignedFlash, SIGN_FORM_FLASH_COOKIE, SIGNED_FLASH_COOKIE } from '@/lib/signatures/form-flash';

const req = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ url, method, headers }) as unknown as IncomingMessage;

test('public petition pages and widgets are shared renderings, keyed by address', () => {
  assert.equal(publicReadKey(req('/p/save-the-river')), '/p/save-the-river');
  assert.equal(publicReadKey(req('/ar/p/save-the-river?source=whatsapp&ref=abc')), '/ar/p/save-the-river?source=whatsapp&ref=abc');
  assert.equal(publicReadKey(req('/fa/p/save-the-river/embed')), '/fa/p/save-the-river/embed');
  assert.equal(publicReadKey(req('/ar/p/save-the-river/signed')), '/ar/p/save-the-river/signed');
  // A returning visitor carries the language cookie the first visit set; the address decides.
  assert.equal(publicReadKey(req('/ar/p/save-the-river', { cookie: 'NEXT_LOCALE=fa' })), '/ar/p/save-the-river');
  assert.equal(publicReadKey(req('/p/save-the-river', { cookie: 'NEXT_LOCALE=en' })), '/p/save-the-river');
});

test('the public read API a page polls is shared whatever the caller sends', () => {
  assert.equal(
    publicReadKey(req('/api/petitions/save-the-river/count', { cookie: 'NEXT_LOCALE=ar; undersign_session=x' })),
    '/api/petitions/save-the-river/count',
  );
  assert.equal(publicReadKey(req('/api/petitions/save-the-river')), '/api/petitions/save-the-river');
  assert.equal(publicReadKey(req('/api/petitions/save-the-river/signatures', {}, 'POST')), null);
  assert.equal(publicReadKey(req('/api/petitions/save-the-river/countries')), null);
  assert.equal(publicReadKey(req('/api/my-signature')), null);
});

test('everything personal or not a petition page is rendered for its own request', () => {
  assert.equal(publicReadKey(req('/p/save-the-river', {}, 'POST')), null, 'the no-JavaScript sign form posts here');
  assert.equal(publicReadKey(req('/p/save-the-river', { cookie: 'session=1' })), null);
  assert.equal(publicReadKey(req('/p/save-the-river', { cookie: 'NEXT_LOCALE=en; undersign_session=x' })), null);
  // A language choice redirects the unprefixed address: not shared.
  assert.equal(publicReadKey(req('/p/save-the-river', { cookie: 'NEXT_LOCALE=fa' })), null);
  assert.equal(publicReadKey(req('/p/save-the-river/confirm/abc')), null);
  assert.equal(publicReadKey(req('/p/save-the-river', { rsc: '1' })), null, "the client router's React payload for the page");
  assert.equal(publicReadKey(req('/p/save-the-river', { 'next-router-prefetch': '1', rsc: '1' })), null);
  assert.equal(publicReadKey(req('/dashboard')), null);
  assert.equal(publicReadKey(req('/s/token')), null);
  // The unprefixed address redirects browsers that prefer another language: not shared.
  assert.equal(publicReadKey(req('/p/save-the-river', { 'accept-language': 'ar-EG,ar;q=0.9' })), null);
  assert.equal(publicReadKey(req('/p/save-the-river', { 'accept-language': 'en-GB,en;q=0.9' })), '/p/save-the-river');
  assert.equal(publicReadKey(req('/ar/p/save-the-river', { 'accept-language': 'fa' })), '/ar/p/save-the-river');
});

test('a "check your inbox" page carrying its signer\'s address, or a refused form, is never shared', () => {
  const address = `${SIGNED_FLASH_COOKIE}=${encodeSignedFlash('amira@example.org')}`;
  assert.equal(publicReadKey(req('/p/save-the-river/signed', { cookie: address })), null);
  assert.equal(publicReadKey(req('/ar/p/save-the-river/signed', { cookie: `NEXT_LOCALE=ar; ${address}` })), null);
  assert.equal(publicReadKey(req('/p/save-the-river', { cookie: `${SIGN_FORM_FLASH_COOKIE}=x` })), null);
});
