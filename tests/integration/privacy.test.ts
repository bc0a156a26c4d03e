import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { POST as downloadData } from '@/app/api/my-signature/route';
import { getSignatureCount, recountActivePetitions } from '@/lib/petitions/counts';
import { signaturesByCountry } from '@/lib/petitions/open-data';
import { anonymiseClosedPetitions, clearExpiredIpHashes } from '@/lib/privacy/retention';
import { confirmSignature } from '@/lib/signatures/confirm';
import { describeSignatureForSigner, withdrawSignature } from '@/lib/signatures/self-service';
import { issueConfirmationToken, issueManageToken } from '@/lib/signatures/tokens';
import { signPetition } from '@/lib/signatures/sign';
import { APP_URL, startBackend } from '../support/app';
import { keyOf } from '../support/signers';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

async function signedAndConfirmed(petition: { slug: string; id: string }, email: string, ip = '198.51.100.77') {
  await signPetition(petition.slug, { name: 'Dana Example', email, country: 'FR', comment: 'because' }, { ip });
  const [row] = await app.sql`select id from signatures where petition_id = ${petition.id} and canonical_email = ${keyOf(email)}`;
  const id = Number(row!.id);
  await confirmSignature(await issueConfirmationToken(id));
  return id;
}

test('withdrawing from the emailed link takes the signature off the count, once', async () => {
  const petition = await app.createPetition();
  const id = await signedAndConfirmed(petition, 'withdraw@example.org');
  await signedAndConfirmed(petition, 'stays@example.org');
  assert.equal(await getSignatureCount(petition.id), 2);
  const token = await issueManageToken(id);
  assert.equal((await describeSignatureForSigner(token))?.status, 'confirmed');
  assert.equal(await withdrawSignature(token), 'withdrawn');
  assert.equal(await withdrawSignature(token), 'withdrawn', 'idempotent');
  assert.equal(await getSignatureCount(petition.id), 1);
  assert.equal((await describeSignatureForSigner(token))?.status, 'withdrawn');
  assert.equal(await withdrawSignature('x'.repeat(43)), 'invalid');
  const [row] = await app.sql`select status, unsubscribed_at from signatures where id = ${id}`;
  assert.equal(row!.status, 'withdrawn');
  assert.ok(row!.unsubscribed_at, 'a withdrawn signer gets no more email');
});

test('a signer downloads their data as JSON from their page; another site cannot post the form', async () => {
  const petition = await app.createPetition();
  const id = await signedAndConfirmed(petition, 'mydata@example.org');
  const token = await issueManageToken(id);
  const post = (origin: string) => {
    const form = new FormData();
    form.set('token', token);
    return downloadData(new Request(`${APP_URL}/api/my-signature`, { method: 'POST', body: form, headers: { origin } }));
  };
  const res = await post(APP_URL);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition')!, /attachment/);
  const data = await res.json();
  assert.equal(data.email, 'mydata@example.org');
  assert.equal(data.comment, 'because');
  assert.equal(data.keyedIpHashStored, true);
  assert.equal((await post('https://evil.example')).status, 403);
});

test('keyed IP hashes are cleared after the review window; newer ones stay', async () => {
  const petition = await app.createPetition();
  const old = await signedAndConfirmed(petition, 'old@example.org');
  const recent = await signedAndConfirmed(petition, 'recent@example.org');
  await app.sql`update signatures set created_at = now() - interval '31 days' where id = ${old}`;
  assert.ok((await clearExpiredIpHashes()) >= 1);
  const rows =
    await app.sql`select id, ip_hash is null as cleared, ip_network_hash is null as net_cleared from signatures where id in (${old}, ${recent}) order by id`;
  assert.deepEqual(
    rows.map((r) => [Number(r.id), r.cleared, r.net_cleared]),
    [
      [old, true, true],
      [recent, false, false],
    ],
  );
});

test('anonymisation of a long-closed petition removes names and emails but keeps its totals and countries', async () => {
  const petition = await app.createPetition();
  for (let i = 0; i < 4; i++) await signedAndConfirmed(petition, `anon${i}@example.org`, `198.51.100.${i}`);
  const countriesBefore = await signaturesByCountry(petition.slug);
  await app.sql`update petitions set status = 'closed', closed_at = now() - interval '400 days' where id = ${petition.id}`;
  assert.ok((await anonymiseClosedPetitions()) >= 4);
  const rows =
    await app.sql`select sealed_name, sealed_email, sealed_comment, sealed_postcode, name_words, email_hash, ip_hash, anonymised_at from signatures where petition_id = ${petition.id}`;
  assert.ok(
    rows.every(
      (r) =>
        r.sealed_name === null &&
        r.sealed_email === null &&
        r.sealed_comment === null &&
        r.sealed_postcode === null &&
        r.name_words === null &&
        r.email_hash === null &&
        r.ip_hash === null &&
        r.anonymised_at,
    ),
  );
  assert.equal(await getSignatureCount(petition.id), 4);
  assert.deepEqual(await signaturesByCountry(petition.slug), countriesBefore);
  assert.equal(await anonymiseClosedPetitions(), 0, 'nothing left to do');
});

test('the periodic recount finds a corrupted counter and repairs it, and leaves correct ones alone', async () => {
  const good = await app.createPetition();
  const bad = await app.createPetition();
  await signedAndConfirmed(good, 'good@example.org');
  await signedAndConfirmed(bad, 'bad@example.org');
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${bad.id}, 5, 99)
    on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + 99`;
  const repaired = await recountActivePetitions();
  assert.deepEqual(
    repaired.filter((r) => r.petitionId === bad.id || r.petitionId === good.id),
    [{ petitionId: bad.id, stored: 100, actual: 1 }],
  );
  assert.equal(await getSignatureCount(bad.id), 1);
  assert.equal(await getSignatureCount(good.id), 1);
});
