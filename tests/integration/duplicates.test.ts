import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSignatureCount } from '@/lib/petitions/counts';
import { confirmSignature } from '@/lib/signatures/confirm';
import { MAX_EMAILS_PER_SIGNATURE } from '@/lib/signatures/resend';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { confirmationLinkOf, recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

const mailsTo = (addr: string) => app.smtp.messages.filter((m) => recipientOf(m) === addr.toLowerCase());
const until = async (check: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};
// Repeats within RESEND_INTERVAL_SECONDS of the last email send nothing (double-submit.test.ts);
// these tests are about what a repeat sends once that interval has passed.
const resendIntervalPasses = (petitionId: string) =>
  app.sql`update signatures set last_emailed_at = last_emailed_at - interval '1 minute' where petition_id = ${petitionId}`;

test('signing again while pending: still one signature, the same answer, and a fresh confirmation email', async () => {
  const petition = await app.createPetition();
  const first = await signPetition(petition.slug, { name: 'Jane Doe', email: 'jane.doe@gmail.com', country: 'GB' });
  await until(() => mailsTo('jane.doe@gmail.com').length === 1);
  await resendIntervalPasses(petition.id);
  const second = await signPetition(petition.slug, { name: 'Jane', email: 'Jane.Doe+x@GoogleMail.com', country: 'GB' });
  assert.equal(first.status, 'pending_confirmation');
  assert.equal(second.status, 'pending_confirmation', 'the answer does not reveal the earlier signature');

  const { n } = (await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id}`)[0]!;
  assert.equal(n, 1);
  // Repeat emails go to the address stored with the signature: the same mailbox, never a new one.
  await until(() => mailsTo('jane.doe@gmail.com').length === 2);
  assert.ok(mailsTo('jane.doe@gmail.com').every((m) => /^Please confirm your signature/.test(m.subject ?? '')));
  assert.equal(mailsTo('jane.doe+x@googlemail.com').length, 0);
});

test('signing again once confirmed: no second signature, an "already signed" email instead', async () => {
  const petition = await app.createPetition({ title: 'Light the park' });
  await signPetition(petition.slug, { name: 'Ann Lee', email: 'ann.lee@gmail.com', country: 'US' });
  const link = confirmationLinkOf(await app.smtp.waitFor((m) => recipientOf(m) === 'ann.lee@gmail.com'));
  assert.equal((await confirmSignature(link.split('/confirm/')[1]!)).status, 'confirmed');

  await resendIntervalPasses(petition.id);
  const again = await signPetition(petition.slug, { name: 'Ann', email: 'ANNLEE@gmail.com', country: 'US' });
  assert.equal(again.status, 'pending_confirmation');
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'ann.lee@gmail.com' && m.subject !== undefined && !m.subject.startsWith('Please confirm'));
  assert.equal(mail.subject, 'You have already signed: Light the park');
  assert.ok(!mail.text?.includes('/confirm/'), 'no confirmation link in the "already signed" email');
  assert.equal(await getSignatureCount(petition.id), 1);
  const { n } = (await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id}`)[0]!;
  assert.equal(n, 1);
});

test('repeated signing cannot flood an inbox: emails per signature are capped', async () => {
  const petition = await app.createPetition();
  const email = 'flood@example.org';
  for (let i = 0; i < MAX_EMAILS_PER_SIGNATURE + 5; i++) {
    await resendIntervalPasses(petition.id);
    assert.equal((await signPetition(petition.slug, { name: 'F', email, country: 'FR' })).status, 'pending_confirmation');
    await until(() => mailsTo(email).length >= Math.min(i + 1, MAX_EMAILS_PER_SIGNATURE));
  }
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(mailsTo(email).length, MAX_EMAILS_PER_SIGNATURE);
});
