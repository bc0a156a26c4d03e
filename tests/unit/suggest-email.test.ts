import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestEmail } from '@/lib/signatures/suggest-email';

test('a supporter who mistypes a common provider is offered its correct spelling', () => {
  assert.equal(suggestEmail('amira@gmial.com'), 'amira@gmail.com');
  assert.equal(suggestEmail('amira@hotmial.com'), 'amira@hotmail.com');
  assert.equal(suggestEmail('amira@yaho.com'), 'amira@yahoo.com');
  assert.equal(suggestEmail('amira@gmail.con'), 'amira@gmail.com');
  // The part before the @ stays exactly as typed; the domain's case does not matter.
  assert.equal(suggestEmail('  Amira.Haddad+petitions@GMIAL.com '), 'Amira.Haddad+petitions@gmail.com');
});

test('a correct address, a university, a company or an internationalised domain gets no suggestion', () => {
  for (const email of [
    'amira@gmail.com',
    'amira@yahoo.fr',
    'amira@hotmail.co.uk',
    'amira@mit.edu',
    'amira@ox.ac.uk',
    'amira@ut.ac.ir',
    'amira@cu.edu.eg',
    'amira@example.org',
    'amira@xn--mgbh0fb.xn--wgbh1c',
    'amira@مثال.مصر',
    'amira@email.com',
    // Another country's domain of a provider is a real address, not a typo.
    'amira@gmx.at',
    'amira@yahoo.com.eg',
  ]) {
    assert.equal(suggestEmail(email), null, email);
  }
});

test('something that is not an address yet gets no suggestion', () => {
  for (const text of ['', 'amira', 'amira@', '@gmial.com', 'amira@@']) assert.equal(suggestEmail(text), null, JSON.stringify(text));
});
