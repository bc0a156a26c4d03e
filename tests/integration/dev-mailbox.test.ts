import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listDevMails } from '@/lib/mail/dev-mailbox';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ smtp: false });
});
after(() => app.stop());

test('without SMTP_URL the confirmation email lands in the development mailbox with its link', async () => {
  const petition = await app.createPetition({ title: 'Plant more trees' });
  await signPetition(petition.slug, { name: 'Dev', email: 'dev@example.org', country: 'NL' });
  const deadline = Date.now() + 15_000;
  let mails = await listDevMails();
  while (mails.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    mails = await listDevMails();
  }
  assert.equal(mails.length, 1);
  assert.equal(mails[0]!.to, 'dev@example.org');
  assert.equal(mails[0]!.subject, 'Please confirm your signature: Plant more trees');
  assert.match(mails[0]!.text, new RegExp(`http://app.test/p/${petition.slug}/confirm/[A-Za-z0-9_-]{43}`));
});
