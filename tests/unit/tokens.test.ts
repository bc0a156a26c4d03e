import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createToken, hashesMatch, hashToken, looksLikeToken } from '@/lib/security/tokens';

test('tokens carry 256 random bits in URL-safe form and never repeat', () => {
  const tokens = new Set(Array.from({ length: 1000 }, createToken));
  assert.equal(tokens.size, 1000);
  for (const t of tokens) {
    assert.ok(looksLikeToken(t), t);
    assert.equal(Buffer.from(t, 'base64url').length, 32);
  }
});

test('the stored hash depends on the secret and is not the token', () => {
  const token = createToken();
  const a = hashToken(token, 'secret-one-secret-one-secret-one-!');
  const b = hashToken(token, 'secret-two-secret-two-secret-two-!');
  assert.equal(a.length, 32);
  assert.ok(!hashesMatch(a, b));
  assert.ok(hashesMatch(a, hashToken(token, 'secret-one-secret-one-secret-one-!')));
  assert.ok(!a.toString('base64url').includes(token));
});

test('anything that is not shaped like a token is rejected before any lookup', () => {
  for (const bad of ['', 'abc', `${createToken()}x`, "' or 1=1 --", 'a'.repeat(43).replace(/a$/, '/')]) {
    assert.equal(looksLikeToken(bad), false, bad);
  }
});
