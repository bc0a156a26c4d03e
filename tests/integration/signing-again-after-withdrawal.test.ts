import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSignatureCount, recountPetition } from '@/lib/petitions/counts';
import { confirmSignature } from '@/lib/signatures/confirm';
import { withdrawSignature } from '@/lib/signatures/self-service';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { mailSettled } from '../support/mail-settled';
import { confirmationLinkOf, recipientOf } from '../support/smtp-sink';
import { openedSignatures } from '../support/signers';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

const mailsTo = (email: string) => app.smtp.messages.filter((m) => recipientOf(m) === email);

/** The links of the `nth` email (1-based) to an address, once it has arrived. */
async function nthEmail(email: string, nth: number) {
  await mailSettled(app.sql);
  const mails = mailsTo(email);
  assert.equal(mails.length, nth, `email ${nth} to ${email}`);
  const mail = mails[nth - 1]!;
  return { confirm: confirmationLinkOf(mail).split('/confirm/')[1]!, manage: mail.text!.match(/\/s\/([A-Za-z0-9_-]+)/)![1]! };
}

const signers = (petitionId: string) =>
  app.sql<{ n: number }[]>`select count(*)::int as n from signatures where petition_id = ${petitionId}`.then((r) => r[0]!.n);

test('a signer who withdrew can sign again: a new confirmation email, and confirming counts them once more, every time', async () => {
  const petition = await app.createPetition();
  const email = 'changed.mind@example.com';
  await signPetition(petition.slug, { name: 'Noor', email, country: 'FR' }, { ip: '198.51.100.5' });
  await signPetition(petition.slug, { name: 'Someone Else', email: 'steady@example.com', country: 'FR' }, { ip: '198.51.100.6' });
  assert.equal((await confirmSignature((await nthEmail('steady@example.com', 1)).confirm)).status, 'confirmed');
  let links = await nthEmail(email, 1);
  assert.equal((await confirmSignature(links.confirm)).status, 'confirmed');
  assert.equal(await getSignatureCount(petition.id), 2);

  for (let round = 2; round <= 3; round++) {
    assert.equal(await withdrawSignature(links.manage), 'withdrawn');
    assert.equal(await getSignatureCount(petition.id), 1);
    const old = links;
    assert.equal(
      (await signPetition(petition.slug, { name: 'Noor A.', email, country: 'DE', comment: `round ${round}` }, { ip: '198.51.100.5' })).status,
      'pending_confirmation',
    );
    links = await nthEmail(email, round);
    assert.equal((await confirmSignature(old.confirm)).status, 'invalid', 'a link from before the withdrawal confirms nothing');
    assert.equal(await getSignatureCount(petition.id), 1, 'not counted before confirming');
    assert.equal((await confirmSignature(links.confirm)).status, 'confirmed');
    assert.equal((await confirmSignature(links.confirm)).status, 'already_confirmed');
    assert.equal(await getSignatureCount(petition.id), 2, `round ${round}: counted exactly once more`);
    const [row] = (await openedSignatures(petition.id)).filter((r) => r.email === email);
    const { status, name, country, comment, withdrawnAt, unsubscribedAt } = row!;
    assert.deepEqual(
      { status, name, country, comment, withdrawnAt, unsubscribedAt },
      { status: 'confirmed', name: 'Noor A.', country: 'DE', comment: `round ${round}`, withdrawnAt: null, unsubscribedAt: null },
    );
  }
  assert.equal(await signers(petition.id), 2, 'the same signature row, signed anew');
  assert.deepEqual(await recountPetition(petition.id), { stored: 2, actual: 2 });
});

test('ten signatures at once after a withdrawal: one confirmation email, counted once', async () => {
  const petition = await app.createPetition();
  const email = 'eager@example.com';
  await signPetition(petition.slug, { name: 'Eager', email, country: 'FR' }, { ip: '198.51.100.7' });
  // Withdrawn while still pending: it was never counted.
  assert.equal(await withdrawSignature((await nthEmail(email, 1)).manage), 'withdrawn');

  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => signPetition(petition.slug, { name: `Eager ${i}`, email, country: 'FR' }, { ip: `198.51.100.${20 + i}` })),
  );
  assert.ok(results.every((r) => r.status === 'pending_confirmation'));
  const links = await nthEmail(email, 2);
  const confirmations = await Promise.all(Array.from({ length: 5 }, () => confirmSignature(links.confirm)));
  assert.equal(confirmations.filter((c) => c.status === 'confirmed').length, 1);
  assert.equal(await getSignatureCount(petition.id), 1);
  assert.deepEqual(await recountPetition(petition.id), { stored: 1, actual: 1 });
});

test('a withdrawal whose personal data was purged: signing again makes a new signature that counts once', async () => {
  const petition = await app.createPetition();
  const email = 'returning@example.com';
  await signPetition(petition.slug, { name: 'Returning', email, country: 'FR' }, { ip: '198.51.100.8' });
  const first = await nthEmail(email, 1);
  assert.equal((await confirmSignature(first.confirm)).status, 'confirmed');
  assert.equal(await withdrawSignature(first.manage), 'withdrawn');
  // The purge a day after a withdrawal frees the address (see lib/privacy/retention.ts).
  await app.sql`update signatures set sealed_name = null, sealed_email = null, canonical_email = 'withdrawn:' || id, sealed_comment = null, sealed_postcode = null
                where petition_id = ${petition.id} and status = 'withdrawn'`;

  await signPetition(petition.slug, { name: 'Returning', email, country: 'FR' }, { ip: '198.51.100.8' });
  assert.equal((await confirmSignature((await nthEmail(email, 2)).confirm)).status, 'confirmed');
  assert.equal(await getSignatureCount(petition.id), 1);
  assert.equal(await signers(petition.id), 2, 'the purged row stays, withdrawn; the new one counts');
  assert.deepEqual(await recountPetition(petition.id), { stored: 1, actual: 1 });
});
