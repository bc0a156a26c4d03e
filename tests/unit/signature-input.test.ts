import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translatorFor } from '@/lib/i18n/translate';
import { translateFieldErrors } from '@/lib/signatures/messages';
import { fieldErrorsOf, signatureFormValues, signatureInput } from '@/lib/signatures/schemas';

const valid = { name: 'Amira Haddad', email: 'amira@example.org', country: 'eg' };

function errorsFor(input: unknown) {
  const r = signatureInput.safeParse(input);
  assert.equal(r.success, false, 'expected the input to be rejected');
  return fieldErrorsOf(r.error);
}

test('accepts a minimal signature and normalises it', () => {
  const r = signatureInput.parse({ ...valid, name: '  Amira   Haddad ' });
  assert.deepEqual(r, { name: 'Amira Haddad', email: 'amira@example.org', country: 'EG', showName: false, updates: false, partner: false, locale: 'en' });
});

test('reads checkboxes and hidden fields as a browser form sends them', () => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...valid, showName: 'on', updates: 'on', source: 'WhatsApp', locale: 'ar', postcode: '' })) form.set(k, v);
  const r = signatureInput.parse(signatureFormValues(form));
  assert.equal(r.showName, true);
  assert.equal(r.updates, true);
  assert.equal(r.source, 'whatsapp');
  assert.equal(r.locale, 'ar');
  assert.equal(r.postcode, undefined);
});

test('names each missing field with a message key of its own', () => {
  assert.deepEqual(errorsFor({}), { name: ['nameRequired'], email: ['emailRequired'], country: ['countryRequired'] });
  assert.deepEqual(errorsFor({ name: ' ', email: '', country: '' }), { name: ['nameRequired'], email: ['emailRequired'], country: ['countryRequired'] });
});

test('rejects a malformed email, an unknown country and over-long text', () => {
  const errors = errorsFor({ name: 'x'.repeat(101), email: 'not-an-email', country: 'ZZ', comment: 'y'.repeat(501) });
  assert.deepEqual(errors, { name: ['nameTooLong'], email: ['emailInvalid'], country: ['countryInvalid'], comment: ['commentTooLong'] });
});

test('rejects control characters and wrong types without throwing', () => {
  assert.deepEqual(errorsFor({ ...valid, name: 'a\u0000b' }), { name: ['nameInvalid'] });
  assert.deepEqual(errorsFor({ ...valid, comment: 'a\u0007' }), { comment: ['invalid'] });
  assert.deepEqual(errorsFor({ ...valid, showName: 5 }), { showName: ['invalid'] });
  assert.deepEqual(errorsFor({ name: 1, email: ['x'], country: null }), {
    name: ['nameRequired'],
    email: ['emailRequired'],
    country: ['countryRequired'],
  });
});

test('drops a bad source or locale instead of refusing the signature', () => {
  const r = signatureInput.parse({ ...valid, source: '<script>', locale: 'xx' });
  assert.equal(r.source, undefined);
  assert.equal(r.locale, 'en');
});

test('messages read as sentences in English and Arabic, with the limit filled in', () => {
  const errors = errorsFor({ name: 'x'.repeat(101), email: 'bad', country: '' });
  const en = translateFieldErrors(errors, translatorFor('en'));
  assert.equal(en.name?.[0], 'Please shorten your name to 100 characters or fewer.');
  assert.equal(en.email?.[0], 'Please enter a valid email address, like name@example.com.');
  const ar = translateFieldErrors(errors, translatorFor('ar'));
  assert.equal(ar.country?.[0], 'يُرجى اختيار بلدك.');
  assert.match(ar.name?.[0] ?? '', /100/);
});
