import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameWordHashes, nameWords, purposeKey } from '@/lib/privacy/keyed-hashes';
import { createDataKey, open, seal, SEAL_OVERHEAD, unwrapDataKey, wrapDataKey } from '@/lib/privacy/seal';
import { openSignerField, sealSigner, sealSignerField } from '@/lib/privacy/signer-fields';

const SECRET = 'unit-test-secret-that-is-at-least-32-characters';
const appKey = Buffer.alloc(32, 5);
const petitionId = '11111111-2222-4333-8444-555555555555';

test('nonces drawn in blocks are never used twice: 2,000 seals (several draws), 2,000 different nonces', () => {
  const key = createDataKey();
  const seen = new Set(Array.from({ length: 2000 }, (_, i) => seal(key, `value ${i}`, 'aad').subarray(1, 13).toString('hex')));
  assert.equal(seen.size, 2000);
});

test('a sealed value opens only with its key and its associated data, and never twice alike', () => {
  const key = createDataKey();
  const a = seal(key, 'Roxana Farahani', 'row-1:name');
  const b = seal(key, 'Roxana Farahani', 'row-1:name');
  assert.notDeepEqual(a, b, 'a fresh random nonce each time');
  assert.equal(a.length, Buffer.byteLength('Roxana Farahani') + SEAL_OVERHEAD);
  assert.ok(!a.includes(Buffer.from('Roxana')), 'no clear text inside');
  assert.equal(open(key, a, 'row-1:name').toString(), 'Roxana Farahani');
  assert.throws(() => open(key, a, 'row-2:name'), /unable to authenticate/);
  assert.throws(() => open(createDataKey(), a, 'row-1:name'), /unable to authenticate/);
  const flipped = Buffer.from(a);
  flipped[20] = flipped[20]! ^ 1;
  assert.throws(() => open(key, flipped, 'row-1:name'), /unable to authenticate/);
  assert.throws(() => open(key, a.subarray(0, 10), 'row-1:name'), /not a sealed value/);
  assert.throws(() => seal(Buffer.alloc(16), 'x', 'y'), /32 bytes/);
});

test("a petition's data key unwraps only under its application key, key id and petition", () => {
  const dataKey = createDataKey();
  const wrapped = wrapDataKey(appKey, 'k1', petitionId, dataKey);
  assert.deepEqual(unwrapDataKey(appKey, 'k1', petitionId, wrapped), dataKey);
  assert.throws(() => unwrapDataKey(appKey, 'k2', petitionId, wrapped));
  assert.throws(() => unwrapDataKey(appKey, 'k1', '99999999-2222-4333-8444-555555555555', wrapped));
  assert.throws(() => unwrapDataKey(Buffer.alloc(32, 6), 'k1', petitionId, wrapped));
});

test("a signer's fields are bound to their signature and column: moved anywhere else they do not open", () => {
  const key = createDataKey();
  const one = { petitionId, signatureKey: 'h:aa' };
  const other = { petitionId, signatureKey: 'h:bb' };
  const sealed = sealSigner(key, one, { name: 'مریم کاظمی', email: 'maryam@example.org', postcode: null, comment: 'برای کارگران' });
  assert.equal(sealed.sealedPostcode, null, 'nothing typed, nothing stored');
  assert.equal(openSignerField(key, one, 'name', sealed.sealedName), 'مریم کاظمی');
  assert.equal(openSignerField(key, one, 'comment', sealed.sealedComment), 'برای کارگران');
  assert.equal(openSignerField(key, one, 'postcode', null), null);
  assert.throws(() => openSignerField(key, other, 'name', sealed.sealedName), 'another signature');
  assert.throws(() => openSignerField(key, one, 'comment', sealed.sealedName), 'another column');
  assert.throws(() => openSignerField(key, { ...one, petitionId: '99999999-2222-4333-8444-555555555555' }, 'name', sealed.sealedName), 'another petition');
  assert.equal(sealSignerField(key, one, 'comment', undefined), null);
});

test('names are searched by keyed hashes of their whole folded words, one key per purpose', () => {
  assert.deepEqual(nameWords('  Roxana   FARAHANI-Smith '), ['roxana', 'farahani', 'smith']);
  assert.deepEqual(nameWords('علي كريمي'), nameWords('علی کریمی'), 'Arabic and Persian keyboards fold alike');
  assert.deepEqual(nameWords('Roxana roxana'), ['roxana'], 'each word once');
  const [roxana, farahani] = nameWordHashes('Roxana Farahani', SECRET);
  assert.match(roxana!, /^[0-9a-f]{24}$/);
  assert.deepEqual(nameWordHashes('farahani', SECRET), [farahani]);
  assert.notDeepEqual(nameWordHashes('farah', SECRET), [farahani], 'a word’s start is another word');
  assert.notDeepEqual(nameWordHashes('farahani', 'another-secret-that-is-at-least-32-chars'), [farahani], 'keyed: without SECRET, no dictionary');
  assert.notDeepEqual(purposeKey(SECRET, 'name-word'), purposeKey(SECRET, 'email'), 'separated per purpose');
});
