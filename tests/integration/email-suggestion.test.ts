import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { submitSignatureForm } from '@/lib/signatures/submit-form';
import { startBackend } from '../support/app';
import { openedSignatures } from '../support/signers';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

const emailsOf = async (petitionId: string) => (await openedSignatures(petitionId)).map((r) => r.email);

test('the sign form asks once about a mistyped provider before signing, then signs with the address the person chose', async () => {
  const petition = await app.createPetition();
  const typed = { name: 'Amira Haddad', email: 'amira@gmial.com', country: 'EG', locale: 'ar' };

  const asked = await submitSignatureForm(petition.slug, typed, '10.1.1.1');
  assert.deepEqual(asked, { status: 'suggest', suggestion: 'amira@gmail.com', values: typed });
  assert.deepEqual(await emailsOf(petition.id), [], 'nothing is signed or sent before the person answers');

  // "Use amira@gmail.com" (without JavaScript the button carries the suggestion).
  assert.deepEqual(await submitSignatureForm(petition.slug, { ...typed, emailChecked: typed.email, useEmail: 'amira@gmail.com' }, '10.1.1.1'), {
    status: 'sent',
    email: 'amira@gmail.com',
    slug: petition.slug,
  });
  // "Keep amira@hotmial.com": the suggestion was shown for this address, so it goes through as typed.
  assert.deepEqual(await submitSignatureForm(petition.slug, { ...typed, email: 'amira@hotmial.com', emailChecked: 'amira@hotmial.com' }, '10.1.1.1'), {
    status: 'sent',
    email: 'amira@hotmial.com',
    slug: petition.slug,
  });
  assert.deepEqual(await emailsOf(petition.id), ['amira@gmail.com', 'amira@hotmial.com']);

  // Shown for one address, it is asked again for another; a "Use" that is not the suggestion is ignored.
  assert.equal(
    (await submitSignatureForm(petition.slug, { ...typed, email: 'amira@yaho.com', emailChecked: 'amira@hotmial.com' }, '10.1.1.1')).status,
    'suggest',
  );
  assert.equal((await submitSignatureForm(petition.slug, { ...typed, email: 'amira@yaho.com', useEmail: 'amira@evil.example' }, '10.1.1.1')).status, 'suggest');
  // A correct address is never asked about.
  assert.deepEqual(await submitSignatureForm(petition.slug, { ...typed, email: 'amira@cu.edu.eg' }, '10.1.1.1'), {
    status: 'sent',
    email: 'amira@cu.edu.eg',
    slug: petition.slug,
  });
});

test('the JSON API is never held by the suggestion', async () => {
  const petition = await app.createPetition();
  const res = await signApi(
    new Request(`http://app.test/api/petitions/${petition.slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Amira Haddad', email: 'amira@gmial.com', country: 'EG' }),
    }),
    { params: Promise.resolve({ slug: petition.slug }) },
  );
  assert.equal(res.status, 202);
  assert.deepEqual(await emailsOf(petition.id), ['amira@gmial.com']);
});
