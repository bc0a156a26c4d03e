import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { hashPageScripts, inlineScriptHashes, pendingHashHeaders, PERSONAL_PAGE_CACHE_CONTROL, SHARED_PAGE_CACHE_CONTROL, withVary } from '@/lib/http/page-csp';
import { isPublicPagePath } from '@/lib/http/public-pages';
import { publicReadKey } from '@/lib/http/public-read-cache';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('every inline script is hashed as the browser hashes it (its exact text), scripts with src are not', () => {
  const page =
    '<html><head><script src="/_next/a.js" async=""></script><script>(self.__next_f=self.__next_f||[]).push([0])</script></head>' +
    '<body><script id="_R_">self.__next_f.push([1,"é \\u003c/script"])</script><SCRIPT type="application/ld+json">{"a":1}</SCRIPT>' +
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>';
  assert.deepEqual(inlineScriptHashes(page), [
    sha('(self.__next_f=self.__next_f||[]).push([0])'),
    sha('self.__next_f.push([1,"é \\u003c/script"])'),
    sha('{"a":1}'),
  ]);
  assert.deepEqual(inlineScriptHashes('<p>no scripts</p>'), []);
});

test('the pages served without a nonce are exactly the pages the page cache may share', () => {
  for (const path of ['/p/a-b', '/ar/p/a-b', '/fa/p/a-b/embed', '/p/a-b/signed', '/p/a-b/']) {
    assert.ok(isPublicPagePath(path), path);
    assert.equal(publicReadKey({ url: path, method: 'GET', headers: {} } as unknown as http.IncomingMessage), path);
  }
  for (const path of ['/p/a-b/poster', '/p/a-b/report', '/dashboard', '/', '/de/p/a-b', '/p/A_B', '/p/a-b/confirm/x']) {
    assert.ok(!isPublicPagePath(path), path);
    assert.equal(publicReadKey({ url: path, method: 'GET', headers: {} } as unknown as http.IncomingMessage), null, path);
  }
});

async function serve(handler: http.RequestListener): Promise<{ url: string; close(): void }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

test('a marked page is held until complete, then sent with its scripts’ hashes and the Cache-Control it may have', async () => {
  const html = ['<html><body><script>one()</script>', '<p>streamed</p><script>two()</script>', '</body></html>'];
  const server = await serve((req, res) => {
    hashPageScripts(res, req.headers['x-shareable'] === '1');
    for (const [name, value] of Object.entries(pendingHashHeaders({ embed: false, dev: false, https: false }))) res.setHeader(name, value);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'private, no-cache, no-store, max-age=0, must-revalidate');
    if (req.headers['x-set-cookie']) res.setHeader('set-cookie', String(req.headers['x-set-cookie']));
    // Written as Next streams a page: the head, then chunks.
    res.writeHead(200);
    res.write(html[0]);
    res.write(Buffer.from(html[1]!));
    res.end(html[2]);
  });
  try {
    const shared = await fetch(server.url, { headers: { 'x-shareable': '1' } });
    assert.equal(await shared.text(), html.join(''));
    assert.equal(shared.headers.get('cache-control'), SHARED_PAGE_CACHE_CONTROL);
    const csp = shared.headers.get('content-security-policy')!;
    assert.match(csp, new RegExp(`script-src 'self' ${sha('one()')} ${sha('two()')};`.replace(/[+/]/g, '\\$&')));
    assert.doesNotMatch(
      csp.split(';').find((d) => d.trim().startsWith('script-src'))!,
      /unsafe-inline|nonce-/,
    );
    assert.equal(shared.headers.get('x-undersign-script-hashes'), null, 'the marker does not leave the server');

    const personal = await fetch(server.url);
    assert.equal(personal.headers.get('cache-control'), PERSONAL_PAGE_CACHE_CONTROL);
    // A page that sets a cookie (a form's outcome being deleted) is never shared, whoever asked.
    const withCookie = await fetch(server.url, { headers: { 'x-shareable': '1', 'x-set-cookie': 'sign_form=; Max-Age=0' } });
    assert.equal(withCookie.headers.get('cache-control'), PERSONAL_PAGE_CACHE_CONTROL);
    const withLanguage = await fetch(server.url, { headers: { 'x-shareable': '1', 'x-set-cookie': 'NEXT_LOCALE=ar; Path=/' } });
    assert.equal(withLanguage.headers.get('cache-control'), SHARED_PAGE_CACHE_CONTROL);
    assert.equal(withLanguage.headers.get('set-cookie'), null, 'a shared answer sets no cookie, not even the language one');
    assert.equal(withLanguage.headers.get('vary'), 'Cookie', 'a request with a cookie gets a private answer: not this one');

    // The address without a language prefix answers in the language the cookie or the browser picks:
    // a shared cache must key it by both; a prefixed address is one language whoever asks, but a
    // request with a cookie (a refused form, a session) is answered privately there too.
    const unprefixed = await fetch(`${server.url}/p/save-the-river`, { headers: { 'x-shareable': '1' } });
    assert.equal(unprefixed.headers.get('cache-control'), SHARED_PAGE_CACHE_CONTROL);
    assert.equal(unprefixed.headers.get('vary'), 'Accept-Language, Cookie');
    const arabic = await fetch(`${server.url}/ar/p/save-the-river`, { headers: { 'x-shareable': '1' } });
    assert.equal(arabic.headers.get('vary'), 'Cookie');
    const personalUnprefixed = await fetch(`${server.url}/p/save-the-river`);
    assert.equal(personalUnprefixed.headers.get('cache-control'), PERSONAL_PAGE_CACHE_CONTROL);
  } finally {
    server.close();
  }
});

test('a response not marked passes through untouched', async () => {
  const server = await serve((_req, res) => {
    hashPageScripts(res, true);
    res.writeHead(410, { 'content-type': 'text/html', 'content-security-policy': "script-src 'none'", 'cache-control': 'no-store' });
    res.end('<p>gone</p>');
  });
  try {
    const answer = await fetch(server.url);
    assert.equal(answer.status, 410);
    assert.equal(answer.headers.get('content-security-policy'), "script-src 'none'");
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(await answer.text(), '<p>gone</p>');
  } finally {
    server.close();
  }
});

test('Vary names are added once each, whatever their case, beside the ones already there', () => {
  assert.equal(withVary(undefined, ['Accept-Encoding']), 'Accept-Encoding');
  assert.equal(withVary('RSC, Next-Router-State-Tree', ['Accept-Encoding']), 'RSC, Next-Router-State-Tree, Accept-Encoding');
  assert.equal(withVary(['rsc', 'accept-encoding'], ['Accept-Encoding', 'Cookie']), 'rsc, accept-encoding, Cookie');
});
