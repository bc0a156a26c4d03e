import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAlreadySigned, renderSignatureConfirmation } from '@/lib/mail/templates';

const base = { name: '<b>Eve</b>', petitionTitle: 'Save "the" <park>\r\nBcc: victim@example.org', confirmUrl: 'https://x.test/p/s/confirm/abc', manageUrl: 'https://x.test/s/managetoken', days: 14 };

test('the confirmation email names the petition, carries the link in both parts and escapes people’s text', () => {
  const m = renderSignatureConfirmation({ locale: 'en', ...base });
  assert.match(m.subject, /^Please confirm your signature: Save "the" <park> Bcc: victim@example.org$/);
  assert.ok(!/[\r\n]/.test(m.subject), 'subject must be one line');
  assert.ok(m.text.includes(base.confirmUrl));
  assert.ok(m.html.includes('href="https://x.test/p/s/confirm/abc"'));
  assert.ok(!m.html.includes('<b>Eve</b>'));
  assert.ok(m.html.includes('&lt;b&gt;Eve&lt;/b&gt;'));
  assert.ok(!m.html.includes('<park>'));
});

test('Arabic emails are right-to-left and isolate an English name', () => {
  const m = renderSignatureConfirmation({ locale: 'ar', ...base, name: 'John Smith', petitionTitle: 'Free them' });
  assert.match(m.html, /<html lang="ar" dir="rtl">/);
  assert.ok(m.html.includes('<bdi>John Smith</bdi>'));
  assert.match(m.subject, /يُرجى تأكيد توقيعك/);
});

test('the "already signed" email points back to the petition and asks for nothing', () => {
  const m = renderAlreadySigned({ locale: 'en', name: 'Eve', petitionTitle: 'Save the park', petitionUrl: 'https://x.test/p/save', manageUrl: 'https://x.test/s/managetoken' });
  assert.equal(m.subject, 'You have already signed: Save the park');
  assert.ok(m.text.includes('https://x.test/p/save'));
  assert.ok(!m.text.includes('/confirm/'));
});

test('every email to a signer links to their own page: withdraw, download their data, stop emails', () => {
  const confirmation = renderSignatureConfirmation({ locale: 'en', ...base });
  const already = renderAlreadySigned({ locale: 'fa', name: 'Eve', petitionTitle: 'T', petitionUrl: 'https://x.test/p/t', manageUrl: 'https://x.test/fa/s/tok' });
  assert.ok(confirmation.text.includes('Withdraw your signature, download your data or stop these emails: https://x.test/s/managetoken'));
  assert.ok(confirmation.html.includes('href="https://x.test/s/managetoken"'));
  assert.ok(already.html.includes('href="https://x.test/fa/s/tok"'));
});
