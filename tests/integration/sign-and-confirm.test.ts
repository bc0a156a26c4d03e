import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSignatureCount } from '@/lib/petitions/counts';
import { confirmSignature, describeConfirmationLink } from '@/lib/signatures/confirm';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { confirmationLinkOf, recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

const tokenOf = (link: string) => link.split('/confirm/')[1]!;

test('sign → confirmation email over SMTP → confirm → the count is 1', async () => {
  const petition = await app.createPetition({ title: 'Save the old library' });
  const result = await signPetition(petition.slug, { name: 'Lena Park', email: 'lena@example.org', country: 'DE', showName: true });
  assert.deepEqual(result, { status: 'pending_confirmation', email: 'lena@example.org', slug: petition.slug });
  assert.equal(await getSignatureCount(petition.id), 0, 'a signature counts only once confirmed');

  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'lena@example.org');
  assert.equal(mail.subject, 'Please confirm your signature: Save the old library');
  assert.ok(mail.html, 'has an HTML part');
  const link = confirmationLinkOf(mail);
  assert.ok(link.startsWith(`http://app.test/p/${petition.slug}/confirm/`), link);

  // Looking at the link (what a mail scanner does) changes nothing.
  assert.equal((await describeConfirmationLink(tokenOf(link))).status, 'pending');
  assert.equal(await getSignatureCount(petition.id), 0);

  const confirmed = await confirmSignature(tokenOf(link));
  assert.equal(confirmed.status, 'confirmed');
  assert.equal(confirmed.status === 'confirmed' && confirmed.petition.signatureCount, 1);
  assert.equal(await getSignatureCount(petition.id), 1);

  const again = await confirmSignature(tokenOf(link));
  assert.equal(again.status, 'already_confirmed');
  assert.equal(await getSignatureCount(petition.id), 1, 'confirming twice is harmless');
});

test("the confirmation answers with the new count and the signer's referrals, its own confirmation included once", async () => {
  const petition = await app.createPetition();
  const sign = async (email: string, ref?: string) => {
    await signPetition(petition.slug, { name: 'Ref Erral', email, country: 'FR', ref });
    return tokenOf(confirmationLinkOf(await app.smtp.waitFor((m) => recipientOf(m) === email)));
  };
  const sharerToken = await sign('sharer@example.org');
  const first = await confirmSignature(sharerToken);
  assert.ok(first.status === 'confirmed');
  assert.equal(first.petition.signatureCount, 1);
  assert.equal(first.referral.count, 0);
  const friend = await confirmSignature(await sign('friend@example.org', first.referral.code!));
  assert.ok(friend.status === 'confirmed');
  assert.equal(friend.petition.signatureCount, 2);
  assert.equal(friend.referral.count, 0, 'a signer is not their own referral');
  // The sharer opens their link again later: the friend who came through it is credited.
  const later = await confirmSignature(sharerToken);
  assert.ok(later.status === 'already_confirmed');
  assert.deepEqual([later.petition.signatureCount, later.referral.count], [2, 1]);
});

test('the confirmation email is in the language the supporter signed in', async () => {
  const petition = await app.createPetition();
  await signPetition(petition.slug, { name: 'سارة', email: 'sara@example.org', country: 'JO', locale: 'ar' });
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'sara@example.org');
  assert.match(mail.subject ?? '', /يُرجى تأكيد توقيعك/);
  assert.ok(confirmationLinkOf(mail).includes(`/ar/p/${petition.slug}/confirm/`));
});

test('a token stores only its hash, and unknown, malformed or expired tokens confirm nothing', async () => {
  const petition = await app.createPetition();
  await signPetition(petition.slug, { name: 'Omar', email: 'omar@example.org', country: 'MA' });
  const link = confirmationLinkOf(await app.smtp.waitFor((m) => recipientOf(m) === 'omar@example.org'));
  const token = tokenOf(link);
  const stored = await app.sql`select encode(token_hash, 'base64') as h from signature_tokens`;
  assert.ok(stored.length > 0 && stored.every((r) => !String(r.h).includes(token)), 'no token in clear');

  assert.equal((await confirmSignature('x'.repeat(43))).status, 'invalid');
  assert.equal((await confirmSignature("' or 1=1 --")).status, 'invalid');
  await app.sql`update signature_tokens set expires_at = now() - interval '1 second'`;
  assert.equal((await describeConfirmationLink(token)).status, 'invalid');
  assert.equal((await confirmSignature(token)).status, 'invalid');
  assert.equal(await getSignatureCount(petition.id), 0);
});

test('unknown, draft and closed petitions refuse signatures; closed ones still confirm for a day', async () => {
  assert.equal((await signPetition('no-such-petition', { name: 'A', email: 'a@example.org', country: 'FR' })).status, 'not_found');
  const draft = await app.createPetition({ status: 'draft' });
  assert.equal((await signPetition(draft.slug, { name: 'A', email: 'a@example.org', country: 'FR' })).status, 'not_found');

  const petition = await app.createPetition();
  await signPetition(petition.slug, { name: 'Kofi', email: 'kofi@example.org', country: 'GH' });
  const link = confirmationLinkOf(await app.smtp.waitFor((m) => recipientOf(m) === 'kofi@example.org'));
  await app.sql`update petitions set status = 'closed', closed_at = now() where id = ${petition.id}`;
  assert.equal((await signPetition(petition.slug, { name: 'B', email: 'b@example.org', country: 'FR' })).status, 'closed');
  assert.equal((await confirmSignature(tokenOf(link))).status, 'confirmed');
  assert.equal(await getSignatureCount(petition.id), 1);
});
