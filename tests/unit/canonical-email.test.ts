import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalizeEmail } from '@/lib/signatures/canonical-email';

test('lowercases and trims any address', () => {
  assert.equal(canonicalizeEmail('  Jane.Doe@Example.ORG '), 'jane.doe@example.org');
});

test('drops dots and +tags for Gmail, and folds googlemail.com into gmail.com', () => {
  assert.equal(canonicalizeEmail('J.a.n.e+petitions@gmail.com'), 'jane@gmail.com');
  assert.equal(canonicalizeEmail('Jane.Doe@GoogleMail.com'), 'janedoe@gmail.com');
});

test('folds Proton’s domains into one, and drops their +tags', () => {
  for (const address of ['Amira@proton.me', 'amira@protonmail.com', 'amira+petition@protonmail.ch', 'AMIRA@pm.me']) {
    assert.equal(canonicalizeEmail(address), 'amira@proton.me', address);
  }
});

test('drops +tags but keeps dots where only tags are ignored', () => {
  assert.equal(canonicalizeEmail('jane.doe+x@outlook.com'), 'jane.doe@outlook.com');
});

test('keeps dots and plus signs for providers that treat them as part of the address', () => {
  assert.equal(canonicalizeEmail('jane.doe+x@example.org'), 'jane.doe+x@example.org');
});

test('never produces an empty local part', () => {
  assert.equal(canonicalizeEmail('+tag@gmail.com'), '+tag@gmail.com');
  assert.equal(canonicalizeEmail('...@gmail.com'), '...@gmail.com');
});
