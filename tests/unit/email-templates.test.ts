import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement as h } from 'react';
import { EmailLayout, FinePrint, FinePrintLink, Paragraph, renderMail, renderMailShaped, WithPeoplesText } from '@/lib/mail/email-layout';
import { renderLoginLink, renderMilestone, renderOrganiserInvite, renderUpdate } from '@/lib/mail/organiser-templates';
import { renderAlreadySigned, renderSignatureConfirmation } from '@/lib/mail/templates';

const base = {
  name: '<b>Eve</b>',
  petitionTitle: 'Save "the" <park>\r\nBcc: victim@example.org',
  confirmUrl: 'https://x.test/p/s/confirm/abc',
  manageUrl: 'https://x.test/s/managetoken',
  days: 14,
};

test('the confirmation email names the petition, carries the link in both parts and escapes people’s text', async () => {
  const m = await renderSignatureConfirmation({ locale: 'en', ...base });
  assert.match(m.subject, /^Please confirm your signature: Save "the" <park> Bcc: victim@example.org$/);
  assert.ok(!/[\r\n]/.test(m.subject), 'subject must be one line');
  assert.ok(m.text.includes(base.confirmUrl));
  assert.ok(m.html.includes('href="https://x.test/p/s/confirm/abc"'));
  assert.ok(!m.html.includes('<b>Eve</b>'));
  assert.ok(m.html.includes('&lt;b&gt;Eve&lt;/b&gt;'));
  assert.ok(!m.html.includes('<park>'));
});

test('Arabic emails are right-to-left and isolate an English name', async () => {
  const m = await renderSignatureConfirmation({ locale: 'ar', ...base, name: 'John Smith', petitionTitle: 'Free them' });
  assert.match(m.html, /<html lang="ar" dir="rtl">/);
  assert.ok(m.html.includes('<bdi>John Smith</bdi>'));
  assert.match(m.subject, /يُرجى تأكيد توقيعك/);
});

test('the "already signed" email points back to the petition and asks for nothing', async () => {
  const m = await renderAlreadySigned({
    locale: 'en',
    name: 'Eve',
    petitionTitle: 'Save the park',
    petitionUrl: 'https://x.test/p/save',
    manageUrl: 'https://x.test/s/managetoken',
  });
  assert.equal(m.subject, 'You have already signed: Save the park');
  assert.ok(m.text.includes('https://x.test/p/save'));
  assert.ok(!m.text.includes('/confirm/'));
});

test('every email to a signer links to their own page: withdraw, download their data, stop emails', async () => {
  const confirmation = await renderSignatureConfirmation({ locale: 'en', ...base });
  const already = await renderAlreadySigned({
    locale: 'fa',
    name: 'Eve',
    petitionTitle: 'T',
    petitionUrl: 'https://x.test/p/t',
    manageUrl: 'https://x.test/fa/s/tok',
  });
  assert.ok(confirmation.text.includes('Withdraw your signature, download your data or stop these emails: https://x.test/s/managetoken'));
  assert.ok(confirmation.html.includes('href="https://x.test/s/managetoken"'));
  assert.ok(already.html.includes('href="https://x.test/fa/s/tok"'));
});

test('organiser emails escape people’s text by construction and isolate it, in every part', async () => {
  const invite = await renderOrganiserInvite({
    locale: 'en',
    url: 'https://x.test/invites/tok',
    petitionTitle: '<i>Free</i> them',
    inviter: 'Eve <eve@example.org>',
  });
  assert.ok(invite.html.includes('<bdi>Eve &lt;eve@example.org&gt;</bdi>'));
  assert.ok(invite.html.includes('<bdi>&lt;i&gt;Free&lt;/i&gt; them</bdi>'));
  assert.ok(!invite.html.includes('<i>'));
  assert.ok(invite.text.includes('Eve <eve@example.org>'), 'the plain-text part shows the text as typed');
  assert.ok(invite.text.includes('https://x.test/invites/tok'));
  const milestone = await renderMilestone({
    locale: 'ar',
    petitionTitle: 'Free them',
    count: 100,
    goalReached: true,
    nextGoal: 250,
    dashboardUrl: 'https://x.test/ar/dashboard/petitions/t',
  });
  assert.match(milestone.html, /<html lang="ar" dir="rtl">/);
  assert.match(milestone.html, /<table[^>]* dir="rtl"/, 'the column is right-to-left too, for clients that drop <html>');
  assert.ok(milestone.html.includes('<bdi>Free them</bdi>'));
  assert.ok(milestone.text.includes('https://x.test/ar/dashboard/petitions/t'));
});

test('the plain-text part is readable: each button is its label and then its address on a line of its own', async () => {
  const login = await renderLoginLink({ locale: 'fa', url: 'https://x.test/fa/login/tok', minutes: 20 });
  assert.match(login.text, /\nورود\nhttps:\/\/x\.test\/fa\/login\/tok\n/);
  assert.ok(!/[<>]/.test(login.text), login.text);
  for (const mail of [login, await renderSignatureConfirmation({ locale: 'en', ...base })]) assert.ok(!/[\u0000\u0001]/.test(mail.html + mail.text));
});

test('an update carries the sanitised body as HTML, the Markdown as written in the plain text, and both unsubscribe links', async () => {
  const update = await renderUpdate({
    locale: 'en',
    petitionTitle: 'Save the park',
    subject: 'We\r\nwon',
    bodyText: 'We **won**!',
    bodyHtml: '<p>We <strong>won</strong>!</p>',
    petitionUrl: 'https://x.test/p/save',
    unsubscribeUrl: 'https://x.test/unsubscribe/u',
    manageUrl: 'https://x.test/s/m',
  });
  assert.equal(update.subject, 'We won');
  assert.ok(update.html.includes('<p>We <strong>won</strong>!</p>'));
  assert.ok(update.text.startsWith('We **won**!\n'));
  assert.ok(update.html.includes('href="https://x.test/unsubscribe/u"') && update.text.includes('https://x.test/unsubscribe/u'));
  assert.ok(update.html.includes('href="https://x.test/s/m"') && update.text.includes('https://x.test/s/m'));
});

test('an email rendered once per shape and filled in per signer is byte for byte the email rendered afresh for them', async () => {
  const values = ['Amira & <Haddad> "A\'s"', 'https://x.test/ar/p/s/confirm/AAAA?a=1&b=<2>', 'https://x.test/ar/s/B"B'];
  const build = (slot: (i: number) => string) => ({
    subject: 'Subject',
    email: h(EmailLayout, {
      locale: 'ar',
      action: { label: 'أكّد', url: slot(1) },
      footer: h(FinePrint, { children: h(FinePrintLink, { href: slot(2), children: 'manage' }) }),
      children: h(Paragraph, { children: h(WithPeoplesText, { sentence: (v: string) => `مرحبًا ${v}،`, values: [slot(0)] }) }),
    }),
  });
  const fresh = await renderMail('Subject', build((i) => values[i]!).email);
  await renderMailShaped('test-shape', build, ['someone else', 'https://x.test/1', 'https://x.test/2']);
  assert.deepEqual(await renderMailShaped('test-shape', build, values), fresh);
});
