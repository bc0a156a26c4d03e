import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loginInput } from '@/lib/auth/login';
import { renderAlreadySigned, renderSignatureConfirmation } from '@/lib/mail/templates';
import { abuseSettingsInput, LIMIT_NAMES } from '@/lib/moderation/abuse-settings';
import { bulkRuleInput } from '@/lib/moderation/bulk-rules';
import { reportInput } from '@/lib/moderation/reports';
import { petitionDraftInput } from '@/lib/petitions/schemas';
import { translationInput } from '@/lib/petitions/translations';
import { canonicalizeEmail } from '@/lib/signatures/canonical-email';
import { fieldErrorsOf, signatureInput } from '@/lib/signatures/schemas';
import { asciiDomain } from '@/lib/text/domain';
import { normaliseText, typedLength } from '@/lib/text/normalise';
import { normaliseQuery } from '@/lib/text/query';
import { isStorableText } from '@/lib/text/storable';
import { updateInput } from '@/lib/updates/updates';

const valid = { name: 'Amira Haddad', email: 'amira@example.org', country: 'EG' };

function nameErrors(name: string) {
  const r = signatureInput.safeParse({ ...valid, name });
  return r.success ? null : fieldErrorsOf(r.error).name;
}

test('a name of invisible characters alone is no name: zero-width space, Hangul filler, joiners, direction marks', () => {
  for (const name of ['\u200b', '\u3164', '\u115f\u1160', '\u200d\u200c', '\u200f\u200e', '\u2800', '\u00ad', ' \u200b \ufeff ']) {
    assert.deepEqual(nameErrors(name), ['nameRequired'], JSON.stringify(name));
  }
});

test('a name needs at least one letter, in any script: digits, punctuation or emoji alone are refused', () => {
  for (const name of ['12345', '١٢٣', '...', '😀😀', '\u0301', 'ــ', '\u0640\u0640\u0640']) assert.deepEqual(nameErrors(name), ['nameNoLetters'], name);
  for (const name of ['Amira Haddad', 'علی رضایی', 'مُحَمَّد', '李小龍', 'Zoë', 'Nguyễn Văn A', 'X Æ A-12', "O'Brien-Smith"]) {
    assert.equal(nameErrors(name), null, name);
  }
});

test('names are stored in NFC, without bidirectional controls and without invisible edges', () => {
  const parse = (name: string) => signatureInput.parse({ ...valid, name }).name;
  assert.equal(parse('Zoe\u0308'), 'Zoë', 'decomposed ë becomes one code point');
  assert.equal(parse('Zoë \u202eevil\u202c'), 'Zoë evil', 'a right-to-left override is removed');
  assert.equal(parse('\u2066Amira\u2069'), 'Amira', 'isolates are removed');
  assert.equal(parse('\ufff9Amira\ufffaHidden\ufffb'), 'AmiraHidden', 'interlinear annotation characters are removed');
  assert.equal(parse('\u200bAmira\u00a0 Haddad\u200b\u200f'), 'Amira Haddad');
  // Persian needs the zero-width non-joiner inside words: it stays.
  assert.equal(parse('محمد\u200cرضا'), 'محمد\u200cرضا');
});

test('a name that carries a web address, an email address or angle brackets is refused', () => {
  for (const name of [
    'Your account is locked, unlock at https://evil.example/x',
    'example.com',
    'Visit EXAMPLE.COM now',
    'bit.ly/abc',
    't.co',
    'www.example',
    'go to ｅｘａｍｐｌｅ．ｃｏｍ',
    'example。com',
    'مثال.مصر',
    'see xn--mgbh0fb',
    'Amira 192.168.0.1',
    'ftp://files',
    'mailto:x',
    'amira@example.org',
    'write to amira＠example',
    'Amira <b>Haddad</b>',
    'Amira ＜script＞',
  ]) {
    assert.deepEqual(nameErrors(name), ['nameHasAddress'], name);
  }
});

test('names with initials and titles are not mistaken for addresses', () => {
  for (const name of ['J. R. R. Tolkien', 'J.R.R. Tolkien', 'St. John', 'Mr.Smith', 'Dr. Amira Haddad', 'Jean-Paul Sartre', 'Mary-Kate O. Smith']) {
    assert.equal(nameErrors(name), null, name);
  }
});

test('a comment of 497 letters and 3 line breaks is exactly full, whether the browser sends LF or CRLF', () => {
  const typed = ['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(90), 'd'.repeat(7)].join('\n');
  assert.equal(typed.length, 500);
  assert.equal(typedLength(typed, { multiline: true }), 500, 'the counter shows 0 left');
  const sent = typed.replaceAll('\n', '\r\n');
  const r = signatureInput.safeParse({ ...valid, comment: sent });
  assert.ok(r.success, 'the server takes what the counter allowed');
  assert.equal(r.data.comment, typed, 'stored with \\n line breaks');
  assert.deepEqual(fieldErrorsOf(signatureInput.safeParse({ ...valid, comment: `${sent}e` }).error!), { comment: ['commentTooLong'] });
  assert.equal(normaliseText('a\rb\u2028c\u0085d', { multiline: true }), 'a\nb\nc\nd', 'lone CR, line separator and NEL are one break each');
});

test('limits count code points on both sides: an emoji is one, each Arabic haraka is one', () => {
  const emoji = '😀'.repeat(500);
  assert.equal(typedLength(emoji, { multiline: true }), 500);
  assert.ok(signatureInput.safeParse({ ...valid, comment: emoji }).success, '500 emoji fit a 500 limit');
  assert.ok(!signatureInput.safeParse({ ...valid, comment: `${emoji}😀` }).success);
  const arabic = 'مُحَمَّد'; // 4 letters, 4 harakat
  assert.equal(typedLength(arabic), 8);
  const fits = `${arabic} `.repeat(55).trim(); // 8 × 55 + 54 spaces = 494
  assert.equal(typedLength(fits, { multiline: true }), 494);
  assert.ok(signatureInput.safeParse({ ...valid, comment: fits }).success);
});

test('text nobody can see is no text: an invisible comment or postcode is left out', () => {
  const r = signatureInput.parse({ ...valid, comment: '\u200b\u200b', postcode: '\u2066\u2069' });
  assert.equal(r.comment, undefined);
  assert.equal(r.postcode, undefined);
});

test('the storable check refuses what PostgreSQL cannot store or pages cannot show, and only that', () => {
  for (const bad of ['a\u0000b', 'a\ud800b', '\udfff', 'a\u0007', 'a\u009bb', 'a\rb']) assert.equal(isStorableText(bad), false, JSON.stringify(bad));
  for (const good of ['a\nb\tc', 'علی', '😀', '\u200c', 'Zoë']) assert.equal(isStorableText(good), true, good);
});

// Each schema that stores people's text, with a NUL, a lone surrogate and a bidi override.
const hostile = ['before\u0000after', 'before\ud800after'];

test('every form that stores text refuses NUL and lone surrogates with a field error instead of failing', () => {
  for (const bad of hostile) {
    assert.deepEqual(fieldErrorsOf(signatureInput.safeParse({ ...valid, comment: bad }).error!), { comment: ['invalid'] });
    assert.deepEqual(fieldErrorsOf(signatureInput.safeParse({ ...valid, postcode: bad }).error!), { postcode: ['invalid'] });
    assert.deepEqual(
      reportInput.safeParse({ reason: 'spam', details: bad }).error?.issues.map((i) => [i.path[0], i.message]),
      [['details', 'detailsInvalid']],
    );
    assert.deepEqual(
      reportInput.safeParse({ reason: 'spam', email: `a${bad}@example.org` }).error?.issues.map((i) => i.path[0]),
      ['email'],
    );
    assert.deepEqual(
      updateInput.safeParse({ subject: bad, body: 'Hello' }).error?.issues.map((i) => [i.path[0], i.message]),
      [['subject', 'invalid']],
    );
    assert.deepEqual(
      updateInput.safeParse({ subject: 'Hi', body: bad }).error?.issues.map((i) => [i.path[0], i.message]),
      [['body', 'invalid']],
    );
    for (const field of ['title', 'summary', 'body', 'target']) {
      assert.deepEqual(
        petitionDraftInput.safeParse({ [field]: bad, demands: [] }).error?.issues.map((i) => [i.path[0], i.message]),
        [[field, 'invalid']],
        field,
      );
    }
    assert.deepEqual(
      petitionDraftInput.safeParse({ demands: ['ok', bad] }).error?.issues.map((i) => i.path[0]),
      ['demands'],
    );
    const translation = { language: 'ar', title: 't', summary: 's', target: 'x', body: '', demands: ['d'] };
    for (const field of ['title', 'summary', 'target', 'body'])
      assert.equal(translationInput.safeParse({ ...translation, [field]: bad }).success, false, field);
    assert.equal(translationInput.safeParse({ ...translation, demands: [bad] }).success, false);
    assert.deepEqual(
      bulkRuleInput.safeParse({ namePattern: bad }).error?.issues.map((i) => [i.path[0], i.message]),
      [['namePattern', 'namePattern']],
    );
    assert.equal(loginInput.safeParse({ email: `a${bad}@example.org` }).success, false);
  }
});

test('every form that stores text removes bidirectional controls and stores line breaks as \\n', () => {
  const draft = petitionDraftInput.parse({
    title: '\u202eSave the park\u202c',
    summary: 'One\r\nTwo',
    body: 'A\r\n\r\nB',
    target: 'The \u2067council\u2069',
    demands: ['\u202aClean it\u202c'],
  });
  assert.deepEqual([draft.title, draft.summary, draft.body, draft.target, draft.demands], ['Save the park', 'One\nTwo', 'A\n\nB', 'The council', ['Clean it']]);
  assert.deepEqual(updateInput.parse({ subject: '\u202eNews', body: 'a\r\nb' }), { subject: 'News', body: 'a\nb' });
  assert.equal(reportInput.parse({ reason: 'spam', details: 'x\r\ny\u202e' }).details, 'x\ny');
  assert.equal(bulkRuleInput.parse({ namePattern: ' \u202ebot* ' }).namePattern, 'bot*');
});

test('an email at an internationalised domain is accepted typed in Unicode or in punycode, and is one address', () => {
  const unicode = signatureInput.parse({ ...valid, email: 'amira@مثال.مصر' });
  const puny = signatureInput.parse({ ...valid, email: 'amira@xn--mgbh0fb.xn--wgbh1c' });
  assert.equal(unicode.email, 'amira@xn--mgbh0fb.xn--wgbh1c', 'stored and mailed in punycode');
  assert.equal(puny.email, 'amira@xn--mgbh0fb.xn--wgbh1c');
  assert.equal(canonicalizeEmail(unicode.email), canonicalizeEmail('Amira@XN--MGBH0FB.XN--WGBH1C'));
  assert.equal(canonicalizeEmail('amira@مثال.مصر'), 'amira@xn--mgbh0fb.xn--wgbh1c', 'a search or resend typed in Unicode finds it');
  assert.equal(signatureInput.parse({ ...valid, email: 'reza@ایران.ایران' }).email, 'reza@xn--mgba3a4f16a.xn--mgba3a4f16a');
  assert.equal(signatureInput.parse({ ...valid, email: 'jo@bücher.de' }).email, 'jo@xn--bcher-kva.de');
  // The same schema answers sign-in, invitations and reports.
  assert.equal(loginInput.parse({ email: ' amira@مثال.مصر ' }).email, 'amira@xn--mgbh0fb.xn--wgbh1c');
  assert.equal(reportInput.parse({ reason: 'spam', email: 'amira@مثال.مصر' }).email, 'amira@xn--mgbh0fb.xn--wgbh1c');
});

test('junk addresses are still refused, and local parts stay ASCII', () => {
  for (const email of [
    'amira@',
    '@example.org',
    'amira@example',
    'amira@127.0.0.1',
    'amira@exa mple.com',
    'amira@xn--.com',
    'amira@example.com/x',
    'amira@ex_ample.com',
    'أميرة@مثال.مصر',
    'a..b@example.org',
    'amira@-example.org',
    'amira@example.org.',
  ]) {
    assert.deepEqual(fieldErrorsOf(signatureInput.safeParse({ ...valid, email }).error!), { email: ['emailInvalid'] }, email);
  }
});

test('domain rules for bulk invalidation and the block lists take Unicode domains in their stored ASCII form', () => {
  assert.equal(bulkRuleInput.parse({ emailDomain: '*.مثال.مصر' }).emailDomain, '*.xn--mgbh0fb.xn--wgbh1c');
  assert.equal(bulkRuleInput.parse({ emailDomain: 'spam.xn--wgbh1c' }).emailDomain, 'spam.xn--wgbh1c', 'a punycode top-level domain is a domain');
  assert.equal(bulkRuleInput.safeParse({ emailDomain: 'not a domain' }).success, false);
  const limits = Object.fromEntries(LIMIT_NAMES.map((n) => [n, { maxCount: 1, windowSeconds: 60 }]));
  const settings = abuseSettingsInput.parse({
    limits,
    blockedDomains: 'Spam.Example\r\n*.مثال.مصر\r\n\u200b',
    blockedRanges: '',
    allowedRanges: '',
    allowedDomains: '',
  });
  assert.deepEqual(settings.blockedDomains, ['spam.example', '*.xn--mgbh0fb.xn--wgbh1c']);
  assert.equal(
    abuseSettingsInput.safeParse({ limits, blockedDomains: 'a\u0000b.example', blockedRanges: '', allowedRanges: '', allowedDomains: '' }).success,
    false,
  );
});

test('the dashboard search box takes any text without failing, normalised like what it searches', () => {
  assert.equal(normaliseQuery('  Zoe\u0308\u202e '), 'Zoë');
  assert.equal(normaliseQuery('a\u0000b\ud800c'), 'a b c');
  assert.equal(normaliseQuery('😀'.repeat(200)), '😀'.repeat(100), 'at most 100 code points, no pair cut in half');
  assert.equal(normaliseQuery(['x']), '');
});

test('a name stored before the rule that carries an address is left out of the greeting of an email to an unconfirmed address', async () => {
  const name = 'Your account is locked, unlock at https://evil.example/x';
  const confirmation = await renderSignatureConfirmation({
    locale: 'en',
    name,
    petitionTitle: 'T',
    confirmUrl: 'https://x.test/c',
    manageUrl: 'https://x.test/s/m',
    days: 14,
  });
  const already = await renderAlreadySigned({ locale: 'ar', name, petitionTitle: 'T', petitionUrl: 'https://x.test/p/t', manageUrl: 'https://x.test/s/m' });
  for (const part of [confirmation.text, confirmation.html, already.text, already.html]) assert.ok(!part.includes('evil.example'), part);
  assert.match(confirmation.text, /^Hello,\n/);
  assert.match(already.text, /^مرحبًا،\n/);
  assert.match(
    (
      await renderSignatureConfirmation({
        locale: 'en',
        name: 'Amira',
        petitionTitle: 'T',
        confirmUrl: 'https://x.test/c',
        manageUrl: 'https://x.test/s/m',
        days: 14,
      })
    ).text,
    /^Hello Amira,\n/,
  );
});

test('normalising twice changes nothing, so the counter, the check and the stored text agree (any text, both field kinds)', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(fc.constantFrom('a', ' ', '  ', '\r\n', '\u202e', '\u200b', 'e\u0301', '\t', 'ب'), { maxLength: 20 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(text, fc.boolean(), (v, multiline) => {
      const once = normaliseText(v, { multiline });
      assert.equal(normaliseText(once, { multiline }), once);
      assert.equal(typedLength(v, { multiline }), [...once].length);
    }),
    { numRuns: 3000 },
  );
});

test('a plain ASCII domain gets the same answer as the platform’s IDNA conversion gives its upper-case spelling', () => {
  const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
  fc.assert(
    fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z0-9-]{1,8}$/), (labels, tld) => {
      const domain = [...labels, tld].join('.');
      assert.equal(asciiDomain(domain), asciiDomain(domain.toUpperCase()), domain);
    }),
    { numRuns: 3000 },
  );
});
