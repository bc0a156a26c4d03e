import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { INVITES_PER_ACCOUNT_PER_DAY, INVITES_PER_ADDRESS_PER_DAY, inviteOrganiser } from '@/lib/organisers/invites';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';

// Co-organiser invitations go to addresses nobody has verified: the platform must not become a way to
// mail strangers in bulk, nor carry an organiser's unchecked words to them.

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

async function organiserWithPetition(email: string, petition: { status?: 'draft' | 'open'; title?: string } = {}) {
  const [row] = await app.sql`insert into accounts (email) values (${email}) returning id`;
  const actor: Organiser = { id: row!.id, email, isAdmin: false };
  const p = await app.createPetition(petition);
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${actor.id}, 'owner')`;
  return { actor, petition: p };
}

/** Waits until the worker has sent (or given up on) every invitation queued so far. */
async function queueDrained() {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [{ n }] = (await app.sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'send_organiser_invite'`) as unknown as [
      { n: number },
    ];
    if (n === 0) return;
    assert.ok(Date.now() < deadline, `${n} invitation jobs still queued`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mailsTo = (match: (address: string) => boolean) => app.smtp.messages.filter((m) => match(recipientOf(m)));

test('a scripted flood of invitations sends at most the daily caps in emails, per inviting account and per address', async () => {
  const { actor, petition } = await organiserWithPetition('flooder@example.org');
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => inviteOrganiser(actor, petition.slug, `stranger${i}@example.net`, 'en')));
  assert.equal(results.filter((r) => r === 'invited').length, INVITES_PER_ACCOUNT_PER_DAY);
  assert.equal(results.filter((r) => r === 'capped').length, 30 - INVITES_PER_ACCOUNT_PER_DAY);
  const second = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${second.id}, ${actor.id}, 'owner')`;
  assert.equal(await inviteOrganiser(actor, second.slug, 'one-more@example.net', 'en'), 'capped', 'the cap is per account, over all its petitions');

  // Six organisers at once, each inviting the same person.
  const many = await Promise.all(Array.from({ length: 6 }, (_, i) => organiserWithPetition(`team${i}@example.org`)));
  const toVictim = await Promise.all(many.map(({ actor: a, petition: p }) => inviteOrganiser(a, p.slug, 'Victim@Example.net', 'en')));
  assert.equal(toVictim.filter((r) => r === 'invited').length, INVITES_PER_ADDRESS_PER_DAY);

  await queueDrained();
  assert.equal(mailsTo((a) => /^stranger\d+@example\.net$/.test(a)).length, INVITES_PER_ACCOUNT_PER_DAY, 'emails to the flooded strangers');
  assert.equal(mailsTo((a) => a === 'one-more@example.net').length, 0);
  assert.equal(mailsTo((a) => a === 'victim@example.net').length, INVITES_PER_ADDRESS_PER_DAY, 'emails to the one address');
});

test('an invitation names the petition only once it is published; a draft’s title never reaches the invited address', async () => {
  const lure = 'Your account is locked, unlock at https://evil.example';
  const { actor, petition: draft } = await organiserWithPetition('drafter@example.org', { status: 'draft', title: lure });
  assert.equal(await inviteOrganiser(actor, draft.slug, 'draft-invitee@example.net', 'en'), 'invited');
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'draft-invitee@example.net');
  assert.equal(mail.subject, 'You are invited to co-organise a petition on Undersign');
  assert.ok(mail.text?.includes('a draft petition'), mail.text);
  assert.ok(!`${mail.subject} ${mail.text} ${mail.html}`.includes('evil.example'), 'no word of the draft’s title');
  assert.ok(mail.text?.includes('drafter@example.org'), 'the inviter’s verified address is given');

  const { actor: publisher, petition: open } = await organiserWithPetition('publisher@example.org', { title: 'Clean the river' });
  assert.equal(await inviteOrganiser(publisher, open.slug, 'open-invitee@example.net', 'ar'), 'invited');
  const published = await app.smtp.waitFor((m) => recipientOf(m) === 'open-invitee@example.net');
  assert.ok(published.subject?.includes('Clean the river'), published.subject);

  await app.sql`update petitions set hidden_at = now() where id = ${open.id}`;
  assert.equal(await inviteOrganiser(publisher, open.slug, 'hidden-invitee@example.net', 'fa'), 'invited');
  const hidden = await app.smtp.waitFor((m) => recipientOf(m) === 'hidden-invitee@example.net');
  assert.ok(!`${hidden.subject} ${hidden.text}`.includes('Clean the river'), 'a petition hidden by the platform is not named either');
});
