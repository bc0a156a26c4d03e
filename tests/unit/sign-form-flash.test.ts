import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeSignedFlash, decodeSignFormFlash, encodeSignedFlash, encodeSignFormFlash } from '@/lib/signatures/form-flash';

test('a refused submission comes back with its errors and everything typed, in any script', () => {
  const state = {
    status: 'invalid' as const,
    errors: { email: ['emailInvalid'], country: ['countryRequired'] },
    values: { name: 'نور الهدى', email: 'not-an-email', comment: 'برای کارگران', showName: 'on', locale: 'fa', ref: 'abc123' },
  };
  assert.deepEqual(decodeSignFormFlash(encodeSignFormFlash(state)), state);
  assert.deepEqual(decodeSignFormFlash(encodeSignFormFlash({ status: 'unavailable', values: { name: 'Sam' } })), {
    status: 'unavailable',
    values: { name: 'Sam' },
  });
  assert.deepEqual(decodeSignFormFlash(encodeSignFormFlash({ status: 'closed' })), { status: 'closed' });
  const suggest = { status: 'suggest' as const, suggestion: 'amira@gmail.com', values: { name: 'أميرة', email: 'amira@gmial.com', country: 'EG' } };
  assert.deepEqual(decodeSignFormFlash(encodeSignFormFlash(suggest)), suggest);
  // The address a signature's email went to travels to the "check your inbox" page the same way,
  // in a cookie of its own: the form never starts from it, nor that page from a refused form.
  assert.equal(decodeSignedFlash(encodeSignedFlash('amira@gmail.com')), 'amira@gmail.com');
  assert.equal(decodeSignFormFlash(encodeSignedFlash('amira@gmail.com')), null);
  assert.equal(decodeSignedFlash(encodeSignFormFlash(suggest)), null);
});

test("the cookie stays under the browsers' 4 KB limit, shortening only the comment", () => {
  // 2,000 Persian characters of varied text: 4 KB of UTF-8 before compression.
  const letters = 'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی ';
  let seed = 7;
  const comment = Array.from({ length: 2_000 }, () => letters[(seed = (seed * 48_271) % 2_147_483_647) % letters.length]).join('');
  const values = { name: 'Sam Rivera', email: 'sam@example.org', comment };
  const cookie = encodeSignFormFlash({ status: 'invalid', errors: { comment: ['commentTooLong'] }, values });
  assert.ok(cookie.length <= 3_800, `cookie of ${cookie.length} bytes`);
  const back = decodeSignFormFlash(cookie);
  assert.equal(back?.status, 'invalid');
  if (back?.status !== 'invalid') return;
  assert.equal(back.values.name, 'Sam Rivera');
  assert.equal(back.values.email, 'sam@example.org');
  assert.ok(comment.startsWith(back.values.comment!) && back.values.comment!.length > 500, 'the comment is shortened, not dropped');
});

test('a cookie that is not one of ours starts the form empty', () => {
  assert.equal(decodeSignFormFlash(undefined), null);
  assert.equal(decodeSignFormFlash('not base64 deflate'), null);
  const forged = (v: unknown) => deflateRawSync(Buffer.from(JSON.stringify(v))).toString('base64url');
  assert.equal(decodeSignFormFlash(forged({ status: 'sent', email: 'someone@example.org' })), null);
  assert.equal(decodeSignFormFlash(forged({ status: 'invalid', errors: { email: ['<script>'] }, values: {} })), null);
  assert.equal(decodeSignFormFlash(forged({ status: 'invalid', errors: { password: ['required'] }, values: {} })), null);
});

test("a refused form's answers to the petition's questions come back with their errors; other field names do not", () => {
  const state = {
    status: 'invalid' as const,
    errors: { 'answers.qa1b2c3d4': ['answerRequired'], answers: ['answersUnknown'] },
    values: { name: 'Sam', 'answers.qworkplace': 'Depot 4', 'answers.qshifts01': 'cnight,cearly', partner: 'on' },
  };
  assert.deepEqual(decodeSignFormFlash(encodeSignFormFlash(state)), state);
  assert.equal(decodeSignFormFlash(encodeSignFormFlash({ ...state, errors: { 'answers.__proto__': ['answerRequired'] } })), null);
  assert.equal(decodeSignFormFlash(encodeSignFormFlash({ ...state, errors: { website: ['invalid'] } as never })), null);
});
