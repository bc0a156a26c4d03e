import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSignatureCount } from '@/lib/petitions/counts';
import { recordMilestones } from '@/lib/petitions/scheduled';
import { confirmSignature } from '@/lib/signatures/confirm';
import { issueConfirmationToken } from '@/lib/signatures/tokens';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

test('milestone emails go out exactly once under concurrent confirmations and concurrent checks', async () => {
  const petition = await app.createPetition({ title: 'Milestones', goal: 150 });
  const organisers = ['m.owner@example.org', 'm.co@example.org'];
  for (const [i, email] of organisers.entries()) {
    const [acc] = await app.sql`insert into accounts (email) values (${email}) returning id`;
    await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${acc!.id}, ${i === 0 ? 'owner' : 'organiser'})`;
  }
  const rows = await app.sql<{ id: number }[]>`
    insert into signatures (petition_id, name, email, canonical_email, country)
    select ${petition.id}, 'S', 'ms' || g || '@example.org', 'ms' || g || '@example.org', 'FR' from generate_series(1, 160) g
    returning id`;
  await app.sealLegacySignatures();
  const tokens = await Promise.all(rows.map((r) => issueConfirmationToken(Number(r.id))));

  // Confirmations and milestone checks (as several workers would run them) interleave.
  await Promise.all([
    ...tokens.map((t) => confirmSignature(t)),
    ...Array.from({ length: 6 }, (_, i) => new Promise((r) => setTimeout(r, i * 40)).then(() => recordMilestones())),
  ]);
  await Promise.all(Array.from({ length: 4 }, () => recordMilestones()));
  assert.equal(await getSignatureCount(petition.id), 160);

  const reached = await app.sql`select milestone from petition_milestones where petition_id = ${petition.id} order by milestone`;
  assert.deepEqual(
    reached.map((r) => r.milestone),
    [1, 100, 150],
  );
  for (const email of organisers) {
    const deadline = Date.now() + 15_000;
    while (app.smtp.messages.filter((m) => recipientOf(m) === email).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1500));
  for (const email of organisers) {
    const subjects = app.smtp.messages
      .filter((m) => recipientOf(m) === email)
      .map((m) => m.subject)
      .sort();
    assert.deepEqual(subjects, ['“Milestones” reached 100 signatures', '“Milestones” reached its first signature', '“Milestones” reached its goal'], email);
  }
  const goalMail = app.smtp.messages.find((m) => m.subject === '“Milestones” reached its goal');
  assert.match(goalMail?.text ?? '', /raise it to 250/);
});
