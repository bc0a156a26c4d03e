import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { relaySignatureEmails } from '@/lib/jobs/relay-signature-emails';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

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
  const jobs = await app.sql<{ key: string }[]>`select key from graphile_worker.jobs order by id`;
  const ids = await app.sql<{ id: number }[]>`select id from signatures where petition_id = ${petition.id} order by id`;
  assert.deepEqual(jobs.map((j) => j.key).sort(), ids.map((s) => `signature-email:${s.id}`).sort());

  // A signature relayed twice (two workers racing, a retry) still has one job waiting.
  await app.sql`insert into signature_email_outbox (signature_id) values (${ids[0]!.id})`;
  assert.equal(await relaySignatureEmails(), 1);
  assert.equal(await count('graphile_worker.jobs'), 7);

  // The worker (relay included) sends one confirmation to each signer.
  await app.startWorker();
  for (let i = 0; i < 7; i++) await app.smtp.waitFor((m) => recipientOf(m) === `outbox${i}@example.org`, 20_000);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(app.smtp.messages.length, 7, 'exactly one email each');
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
