import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { deliverPetition } from '@/lib/deliveries/deliver';
import { savePetition } from '@/lib/petitions/save';
import { setDemandOutcome } from '@/lib/responses/outcomes';
import { listDemandOutcomes, listPendingResponses, listPublicResponses, listTargetStatuses } from '@/lib/responses/queries';
import { ANNOUNCEMENTS_PER_WEEK } from '@/lib/responses/announce';
import { recordResponse } from '@/lib/responses/record';
import { findResponseLink, respondByLink } from '@/lib/responses/respond-by-link';
import { reviewResponse } from '@/lib/responses/review';
import { sendUpdate } from '@/lib/updates/updates';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ workerConcurrency: 4 });
});
after(() => app.stop());

async function organiserOf(petitionId: string, email: string): Promise<Organiser> {
  const [row] = await app.sql`insert into accounts (email) values (${email}) returning id`;
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petitionId}, ${row!.id}, 'owner')`;
  return { id: row!.id, email, isAdmin: false };
}

/** Signers: two opted in, one who did not ask for updates, one who unsubscribed. */
async function signersOf(petitionId: string, tag: string) {
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, wants_updates, unsubscribed_at)
    values (${petitionId}, 'A', ${`in1-${tag}@example.org`}, ${`in1-${tag}@example.org`}, 'IR', 'confirmed', now(), true, null),
           (${petitionId}, 'B', ${`in2-${tag}@example.org`}, ${`in2-${tag}@example.org`}, 'FR', 'confirmed', now(), true, null),
           (${petitionId}, 'C', ${`out-${tag}@example.org`}, ${`out-${tag}@example.org`}, 'FR', 'confirmed', now(), false, null),
           (${petitionId}, 'D', ${`unsub-${tag}@example.org`}, ${`unsub-${tag}@example.org`}, 'DE', 'confirmed', now(), true, now())`;
  await app.sealLegacySignatures();
}

async function settled(): Promise<void> {
  const end = Date.now() + 20_000;
  for (;;) {
    const [row] =
      await app.sql`select (select count(*) from update_deliveries where sent_at is null) + (select count(*) from delivery_recipients where sent_at is null) as n`;
    if (Number(row!.n) === 0) return;
    if (Date.now() > end) throw new Error('mail still pending');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mailsTo = (address: string, subject: string) => app.smtp.messages.filter((m) => recipientOf(m) === address && m.subject === subject).length;

test('a target answers through its single-use link; it shows only once approved, and reaches exactly the opted-in signers once, outside the weekly cap', async () => {
  const petition = await app.createPetition({ title: 'Answer us' });
  await app.sql`update petition_targets set email = ${`target-${petition.id}@example.org`} where petition_id = ${petition.id}`;
  const owner = await organiserOf(petition.id, 'responses.owner@example.org');
  await signersOf(petition.id, 'r');
  const delivered = await deliverPetition(owner, petition.slug, { mode: 'all', targets: [], message: '' }, 'en');
  assert.equal(delivered.status, 'queued');
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === `target-${petition.id}@example.org`);
  const token = mail.text?.match(/\/respond\/([A-Za-z0-9_-]{43})/)?.[1];
  assert.ok(token, mail.text);
  await settled();
  assert.deepEqual(
    (await listTargetStatuses(petition.id)).map((t) => t.status),
    ['delivered'],
  );

  // Opening the link changes nothing; the POST is what counts, once.
  assert.equal((await findResponseLink(token))?.name, 'The Water Authority');
  assert.equal((await findResponseLink(token))?.name, 'The Water Authority');
  assert.deepEqual(await respondByLink(token, { body: '' }), { status: 'invalid', errors: { body: ['bodyRequired'] } });
  const answers = await Promise.all([
    respondByLink(token, { body: 'We will review the dumping permits.', sourceUrl: 'https://water.example.org/statement' }),
    respondByLink(token, { body: 'We will review the dumping permits.', sourceUrl: 'https://water.example.org/statement' }),
  ]);
  assert.deepEqual(answers.map((a) => a.status).sort(), ['sent', 'used']);
  assert.equal(await findResponseLink(token), null, 'the link is used up');
  assert.deepEqual(await listPublicResponses(petition.id), [], 'nothing shows before approval');
  const [pending, ...more] = await listPendingResponses(petition.id);
  assert.equal(more.length, 0, 'two submissions at once store one');
  assert.equal(pending?.body, 'We will review the dumping permits.');

  const stranger = await organiserOf((await app.createPetition({ title: 'Other' })).id, 'responses.stranger@example.org');
  assert.equal(await reviewResponse(stranger, petition.slug, pending.id, 'approve'), 'not_found');
  assert.equal(await reviewResponse(owner, petition.slug, pending.id, 'approve'), 'done');
  assert.equal(await reviewResponse(owner, petition.slug, pending.id, 'approve'), 'not_found', 'approved once');
  assert.deepEqual(
    (await listPublicResponses(petition.id)).map((r) => [r.targetName, r.body, r.sourceUrl]),
    [['The Water Authority', 'We will review the dumping permits.', 'https://water.example.org/statement']],
  );
  assert.deepEqual(
    (await listTargetStatuses(petition.id)).map((t) => t.status),
    ['responded'],
  );

  await settled();
  await new Promise((r) => setTimeout(r, 300));
  const subject = 'Response from The Water Authority';
  assert.equal(mailsTo('in1-r@example.org', subject), 1);
  assert.equal(mailsTo('in2-r@example.org', subject), 1);
  assert.equal(mailsTo('out-r@example.org', subject), 0);
  assert.equal(mailsTo('unsub-r@example.org', subject), 0);

  // The organiser records another answer (found in the press): shown and announced at once.
  const [target] = await app.sql`select id from petition_targets where petition_id = ${petition.id}`;
  assert.deepEqual(
    await recordResponse(owner, petition.slug, {
      targetId: target!.id,
      body: 'Minister: no comment.',
      respondedOn: '2026-11-03',
      sourceUrl: 'javascript:alert(1)',
    }),
    {
      status: 'invalid',
      errors: { sourceUrl: ['sourceUrlInvalid'] },
    },
  );
  assert.deepEqual(await recordResponse(owner, petition.slug, { targetId: target!.id, body: 'Minister: no comment.', respondedOn: '2026-11-03' }), {
    status: 'done',
  });
  assert.equal((await listPublicResponses(petition.id)).length, 2);

  // Neither announcement counted toward the weekly cap of three.
  for (let i = 0; i < 3; i++) assert.equal((await sendUpdate(owner, petition.slug, { subject: `News ${i}`, body: 'x' })).status, 'queued');
  assert.equal((await sendUpdate(owner, petition.slug, { subject: 'One too many', body: 'x' })).status, 'capped');
});

test('a demand met shows in the progress line, reaches opted-in signers once, and keeps its outcome while its text is unchanged', async () => {
  const petition = await app.createPetition({ title: 'Outcomes', demands: ['Stop the dumping', 'Clean the river', 'Fine the polluter', 'Publish the tests'] });
  const owner = await organiserOf(petition.id, 'outcomes.owner@example.org');
  await signersOf(petition.id, 'o');
  const { demands } = await listDemandOutcomes(petition.id);
  for (const d of demands.slice(0, 2))
    assert.deepEqual(await setDemandOutcome(owner, petition.slug, { demandId: d.id, outcome: 'met', note: 'Announced by the ministry.' }), { status: 'done' });
  await setDemandOutcome(owner, petition.slug, { demandId: demands[0]!.id, outcome: 'met', note: 'Confirmed again.' });
  await setDemandOutcome(owner, petition.slug, { demandId: demands[2]!.id, outcome: 'partly_met' });
  const now = await listDemandOutcomes(petition.id);
  assert.deepEqual([now.met, now.total], [2, 4]);
  assert.deepEqual(
    now.demands.map((d) => d.outcome),
    ['met', 'met', 'partly_met', 'open'],
  );
  await settled();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(mailsTo('in1-o@example.org', 'A demand was met: Stop the dumping'), 1, 'once, though set twice');
  assert.equal(mailsTo('in2-o@example.org', 'A demand was met: Clean the river'), 1);
  assert.equal(mailsTo('out-o@example.org', 'A demand was met: Stop the dumping'), 0);
  assert.equal(
    app.smtp.messages.filter((m) => recipientOf(m) === 'in1-o@example.org' && /partly|Fine the polluter/.test(m.subject ?? '')).length,
    0,
    'partly met is shown, not mailed',
  );

  // Editing the petition: unchanged demands keep their outcome, an edited one starts open.
  const saved = await savePetition(
    owner,
    petition.slug,
    {
      title: 'Outcomes',
      slug: petition.slug,
      summary: 's',
      target: 'The Water Authority',
      goal: '1000',
      demands: ['Clean the river', 'Stop the dumping now', 'Fine the polluter', 'Publish the tests'],
    },
    'draft',
  );
  assert.equal(saved.status, 'saved');
  assert.deepEqual(
    (await listDemandOutcomes(petition.id)).demands.map((d) => [d.text, d.outcome]),
    [
      ['Clean the river', 'met'],
      ['Stop the dumping now', 'open'],
      ['Fine the polluter', 'partly_met'],
      ['Publish the tests', 'open'],
    ],
  );
});

test('announcements cannot mail signers without end: beyond the weekly allowance a response is shown but not announced, nor is a demand met', async () => {
  const petition = await app.createPetition({ title: 'Answered often', goal: 100 });
  await signersOf(petition.id, 'many');
  const owner = await organiserOf(petition.id, 'many-answers@example.org');
  const [target] = await app.sql`select id from petition_targets where petition_id = ${petition.id} limit 1`;
  for (let i = 0; i <= ANNOUNCEMENTS_PER_WEEK; i++) {
    assert.equal((await recordResponse(owner, petition.slug, { targetId: target!.id, body: `Answer ${i}`, respondedOn: '2026-11-03' })).status, 'done');
  }
  assert.equal((await listPublicResponses(petition.id)).length, ANNOUNCEMENTS_PER_WEEK + 1);
  const [row] = await app.sql`select count(*)::int as n from target_responses where petition_id = ${petition.id} and announced_update_id is not null`;
  assert.equal(row!.n, ANNOUNCEMENTS_PER_WEEK);
  const [demand] = await app.sql`select id from demands where petition_id = ${petition.id} order by position limit 1`;
  assert.equal((await setDemandOutcome(owner, petition.slug, { demandId: demand!.id, outcome: 'met', note: '' })).status, 'done');
  const [updates] = await app.sql`select count(*)::int as n from petition_updates where petition_id = ${petition.id}`;
  assert.equal(updates!.n, ANNOUNCEMENTS_PER_WEEK, 'the demand met is not mailed beyond the allowance');
  await settled();
});
