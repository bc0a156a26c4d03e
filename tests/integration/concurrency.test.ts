import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSignatureCount, recountPetition } from '@/lib/petitions/counts';
import { COUNTER_SHARDS } from '@/lib/petitions/fragments';
import { confirmSignature } from '@/lib/signatures/confirm';
import { signPetition } from '@/lib/signatures/sign';
import { issueConfirmationToken } from '@/lib/signatures/tokens';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  // Email is not under test here; a slow worker keeps the queue out of the way.
  app = await startBackend({ workerConcurrency: 1 });
});
after(() => app.stop());

test('200 concurrent signatures with one email make exactly one row', async () => {
  const petition = await app.createPetition();
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      signPetition(petition.slug, { name: `Same ${i}`, email: i % 2 ? 'Same.Person@gmail.com' : 'sameperson+x@gmail.com', country: 'FR' }),
    ),
  );
  assert.ok(results.every((r) => r.status === 'pending_confirmation'));
  const { n } = (await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id}`)[0]!;
  assert.equal(n, 1);
  // Waiting in the outbox, relayed to the queue, or already sent (the worker may have finished the job:
  // a finished job leaves the queue). A job being sent counts twice at most: the bound allows for it.
  const { queued } = (await app.sql`select (select count(*) from signature_email_outbox) + (select count(*) from graphile_worker.jobs) as queued`)[0]!;
  const sent = app.smtp.messages.length;
  const emails = Number(queued) + sent;
  assert.ok(emails >= 1 && emails <= 5, `emails are capped and coalesced (${queued} queued, ${sent} sent)`);
});

test('500 concurrent confirmations of different signatures on one petition count exactly 500', async () => {
  const petition = await app.createPetition();
  const rows = await app.sql<{ id: number }[]>`
    insert into signatures (petition_id, name, email, canonical_email, country)
    select ${petition.id}, 'Signer ' || g, 's' || g || '@example.org', 's' || g || '@example.org', 'FR'
    from generate_series(1, 500) g
    returning id`;
  await app.sealLegacySignatures();
  const tokens = await Promise.all(rows.map((r) => issueConfirmationToken(Number(r.id))));
  const results = await Promise.all(tokens.map((t) => confirmSignature(t)));
  assert.equal(results.filter((r) => r.status === 'confirmed').length, 500);
  assert.equal(await getSignatureCount(petition.id), 500);
  // Spread over shards rather than one hot row.
  const { shards } = (await app.sql`select count(*)::int as shards from petition_counters where petition_id = ${petition.id}`)[0]!;
  assert.ok(shards > 1, `${shards} counter rows`);
  assert.deepEqual(await recountPetition(petition.id), { stored: 500, actual: 500 });
});

test('one link confirmed many times at once (a double click, a mail scanner beside the person): one counts, every other answer is "already confirmed", none "expired"', async () => {
  const petition = await app.createPetition();
  for (let round = 0; round < 5; round++) {
    const [row] = await app.sql<{ id: number }[]>`
      insert into signatures (petition_id, name, email, canonical_email, country)
      values (${petition.id}, 'Clicker', ${`c${round}@example.org`}, ${`c${round}@example.org`}, 'FR') returning id`;
    await app.sealLegacySignatures();
    const token = await issueConfirmationToken(Number(row!.id));
    // Each waits on the row the first one updates; those that lose must still say what happened.
    const results = await Promise.all(Array.from({ length: 12 }, () => confirmSignature(token)));
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 'confirmed').length, 1, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 'already_confirmed').length, 11, statuses.join(' '));
  }
  assert.equal(await getSignatureCount(petition.id), 5);
});

test('the recount rebuilds a corrupted counter from the signatures table', async () => {
  const petition = await app.createPetition();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at)
    select ${petition.id}, 'S', 'r' || g || '@example.org', 'r' || g || '@example.org', 'FR', 'confirmed', now()
    from generate_series(1, 7) g`;
  await app.sealLegacySignatures();
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${petition.id}, 3, 42)`;
  assert.equal(await getSignatureCount(petition.id), 42);
  assert.deepEqual(await recountPetition(petition.id), { stored: 42, actual: 7 });
  assert.equal(await getSignatureCount(petition.id), 7);
  assert.deepEqual(await recountPetition(petition.id), { stored: 7, actual: 7 });
});

test('signing and confirming write nothing to the petition’s row: no lock taken on it per signature', async () => {
  const petition = await app.createPetition();
  const [breaker] = await app.sql<{ window_seconds: number }[]>`select window_seconds from abuse_limits where name = 'petition_breaker'`;
  const round = async (from: number) => {
    const signed = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signPetition(petition.slug, { name: `Signer ${from + i}`, email: `row-${from + i}@d${from + i}.example`, country: 'FR' }, { ip: `10.9.${from + i}.1` }),
      ),
    );
    assert.ok(signed.every((r) => r.status === 'pending_confirmation'));
    const ids = await app.sql<{ id: number }[]>`select id from signatures where petition_id = ${petition.id} and status = 'pending'`;
    await Promise.all(ids.map(async ({ id }) => confirmSignature(await issueConfirmationToken(Number(id)))));
  };
  try {
    // Rows made once per petition, per breaker window and shard, or per counter shard take a foreign key's
    // lock when they are created: one breaker window for the whole test, every shard made before measuring.
    await app.sql`update abuse_limits set window_seconds = 86400 where name = 'petition_breaker'`;
    await round(0);
    await app.sql`insert into petition_counters (petition_id, shard, confirmed)
      select ${petition.id}, g, 0 from generate_series(0, ${COUNTER_SHARDS - 1}) g on conflict do nothing`;
    await app.sql`insert into petition_sign_windows (petition_id, window_start, shard, signs)
      select ${petition.id}, to_timestamp(floor(extract(epoch from now()) / 86400) * 86400), g, 0 from generate_series(0, 127) g on conflict do nothing`;
    const [before] = await app.sql`select xmin::text, xmax::text from petitions where id = ${petition.id}`;
    await round(30);
    assert.equal(await getSignatureCount(petition.id), 60);
    // A foreign key from signatures would share-lock the row for each signature (its xmax set to the locker,
    // or to a MultiXact of the concurrent ones): the one row every signature of a surge would write to.
    const [afterwards] = await app.sql`select xmin::text, xmax::text from petitions where id = ${petition.id}`;
    assert.deepEqual({ ...afterwards }, { ...before });
  } finally {
    await app.sql`update abuse_limits set window_seconds = ${breaker!.window_seconds} where name = 'petition_breaker'`;
  }
});

test('a petition deleted by hand takes its signatures, their links and its breaker windows with it', async () => {
  const petition = await app.createPetition();
  const other = await app.createPetition();
  await signPetition(petition.slug, { name: 'Gone Soon', email: 'gone@example.org', country: 'FR' });
  await signPetition(other.slug, { name: 'Staying', email: 'stays@example.org', country: 'FR' });
  const [gone] = await app.sql`select id from signatures where petition_id = ${petition.id}`;
  await issueConfirmationToken(Number(gone!.id));
  await app.sql`delete from petitions where id = ${petition.id}`;
  const [left] = await app.sql`
    select (select count(*)::int from signatures where petition_id = ${petition.id}) as signatures,
           (select count(*)::int from signature_tokens where signature_id = ${gone!.id}) as tokens,
           (select count(*)::int from petition_sign_windows where petition_id = ${petition.id}) as windows,
           (select count(*)::int from signatures where petition_id = ${other.id}) as others,
           (select count(*)::int from petition_sign_windows where petition_id = ${other.id}) as other_windows`;
  assert.deepEqual({ ...left }, { signatures: 0, tokens: 0, windows: 0, others: 1, other_windows: 1 });
});
