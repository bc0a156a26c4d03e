import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hotWriteFor } from '@/lib/http/hot-write-router';

test('server.ts answers exactly the three hot writes itself, and hands everything else to Next', () => {
  for (const url of [
    '/api/petitions/save-the-river/signatures',
    '/api/petitions/save-the-river/sign',
    '/api/confirmations',
    '/api/petitions/save-the-river/signatures?x=1',
  ]) {
    assert.ok(hotWriteFor('POST', url), url);
  }
  for (const [method, url] of [
    ['GET', '/api/petitions/save-the-river/signatures'],
    ['PUT', '/api/confirmations'],
    ['POST', '/api/confirmations/'],
    ['POST', '/api/petitions/save-the-river/signatures/'],
    ['POST', '/api/petitions/save-the-river/signatures-per-hour'],
    ['POST', '/api/petitions/a/b/signatures'],
    // Next redirects a backslash as a slash; the router leaves it to Next.
    ['POST', '/api/petitions/a\\b/signatures'],
    ['POST', '/api/petitions/a\\b/sign'],
    ['POST', '/api/petitions/%E0%A4%A/signatures'],
    ['POST', '/p/save-the-river'],
    ['POST', '/api/my-signature'],
  ] as const) {
    assert.equal(hotWriteFor(method, url), null, `${method} ${url}`);
  }
});
