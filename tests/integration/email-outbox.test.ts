import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { relaySignatureEmails } from '@/lib/jobs/relay-signature-emails';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { clearQueue, queuedSignatureBatches } from '../support/queue';
import { recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
// The sink turns this address away once (as a greylisting server would), then takes it.
const GREYLISTED = 'greylisted@example.org';
let refused = 0;
before(async () => {
  app = await startBackend({ worker: false, smtpRefuseRecipient: (address) => address === GREYLISTED && refused++ === 0 });
});
after(() => app.stop());

const queuedPayloads = async () => (await queuedSignatureBatches(app.sql)).map((j) => ({ payload: j.signatureIds.map((signatureId) => ({ signatureId })) }));
const count = async (table: string) => Number((await app.sql.unsafe(`select count(*) as n from ${table}`))[0]!.n);

test('a signature commits with its email in the outbox; the relay queues each exactly once, in batches', async () => {
  const petition = await app.createPetition();
  for (let i = 0; i < 7; i++) await signPetition(petition.slug, { name: `Outbox ${i}`, email: `outbox${i}@example.org`, country: 'FR' });
  assert.equal(await count('signature_email_outbox'), 7, 'each new signature waits in the outbox');
  assert.equal(await count('graphile_worker.jobs'), 0, 'signing itself queues no job');

  assert.equal(await relaySignatureEmails(5), 5, 'a batch is bounded');
  assert.equal(await relaySignatureEmails(5), 2);
  assert.equal(await relaySignatureEmails(5), 0);
  assert.equal(await count('signature_email_outbox'), 0);
  // Two relays, two jobs (a job carries up to 25 signatures): every signature in exactly one of them.
  // (The payloads through the one documented test helper: the queue's public view leaves them out.)
  const jobs = await queuedPayloads();
  const ids = await app.sql<{ id: string }[]>`select id from signatures where petition_id = ${petition.id} order by id`;
  assert.equal(jobs.length, 2);
  assert.deepEqual(jobs.flatMap((j) => j.payload.map((e) => e.signatureId)).sort(), ids.map((s) => Number(s.id)).sort());

  // The worker (relay included) sends one confirmation to each signer.
  await app.startWorker();
  for (let i = 0; i < 7; i++) await app.smtp.waitFor((m) => recipientOf(m) === `outbox${i}@example.org`, 20_000);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(app.smtp.messages.length, 7, 'exactly one email each');
});

test('relays racing on several workers queue each signature once, 25 to a job', async () => {
  await app.stopWorker();
  const petition = await app.createPetition();
  await app.sql`truncate signature_email_outbox`;
  await clearQueue(app.sql);
  await app.sql`
    with s as (
      insert into signatures (petition_id, name, email, canonical_email, email_domain, country)
      select ${petition.id}, 'Race ' || g, 'race' || g || '@example.org', 'race' || g || '@example.org', 'example.org', 'FR' from generate_series(1, 300) g
      returning id
    )
    insert into signature_email_outbox (signature_id) select id from s`;
  await app.sealLegacySignatures();
  const moved = await Promise.all([relaySignatureEmails(120), relaySignatureEmails(120), relaySignatureEmails(120), relaySignatureEmails(120)]);
  assert.equal(
    moved.reduce((a, b) => a + b, 0),
    300,
    `moved ${moved.join(' + ')}`,
  );
  const jobs = await queuedPayloads();
  const queued = jobs.flatMap((j) => j.payload.map((e) => e.signatureId));
  assert.equal(queued.length, 300);
  assert.equal(new Set(queued).size, 300, 'no signature queued twice');
  assert.ok(jobs.every((j) => j.payload.length <= 25));
  await clearQueue(app.sql);
});

test('the worker relays a signature made while it runs within a second', async () => {
  await app.startWorker();
  const petition = await app.createPetition();
  const started = Date.now();
  await signPetition(petition.slug, { name: 'Quick', email: 'quick@example.org', country: 'FR' });
  await app.smtp.waitFor((m) => recipientOf(m) === 'quick@example.org', 10_000);
  assert.ok(Date.now() - started < 5_000, `the confirmation went out after ${Date.now() - started} ms`);
  assert.equal(await count('signature_email_outbox'), 0);
});

test('when one email of a batch fails, only that one is retried: nobody else gets theirs twice', async () => {
  await app.stopWorker();
  const petition = await app.createPetition();
  const signers = ['batch1@example.org', 'batch2@example.org', GREYLISTED, 'batch3@example.org'];
  for (const email of signers) await signPetition(petition.slug, { name: 'Batch', email, country: 'FR' });
  assert.equal(await relaySignatureEmails(), 4, 'one job for the four');
  await app.startWorker();
  await app.smtp.waitFor((m) => recipientOf(m) === GREYLISTED, 30_000);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(refused >= 1, true, 'the sink turned the address away first');
  for (const email of signers) {
    assert.equal(app.smtp.messages.filter((m) => recipientOf(m) === email).length, 1, `${email}: exactly one email`);
  }
});
