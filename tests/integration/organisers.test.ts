import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { consumeLoginToken, requestLoginLink } from '@/lib/auth/login';
import { createSession, deleteSession, findSessionAccount, type Organiser } from '@/lib/auth/session';
import { acceptInvite, inviteOrganiser, listOrganisers, removeOrganiser } from '@/lib/organisers/invites';
import { closePetition, declareVictory, raiseGoal } from '@/lib/petitions/lifecycle';
import { findCurrentSlug, getPublicPetition } from '@/lib/petitions/queries';
import { savePetition } from '@/lib/petitions/save';
import { closeDuePetitions } from '@/lib/petitions/scheduled';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

const linkToken = (text: string | undefined, path: string) => text?.match(new RegExp(`${path}/([A-Za-z0-9_-]{43})`))?.[1];

async function organiser(email: string): Promise<Organiser> {
  const [row] = await app.sql`insert into accounts (email) values (${email}) on conflict (email) do update set email = excluded.email returning id`;
  return { id: row!.id, email, isAdmin: false };
}

const complete = {
  title: 'Fund the river clean-up',
  summary: 'The river is full of waste.',
  body: 'It **must** be cleaned.',
  target: 'The Mayor',
  goal: '500',
  language: 'en',
  demands: ['Fund the clean-up', 'Ban dumping'],
};

test('magic-link sign-in over SMTP: single-use, creates the account on first use, and the session ends server-side', async () => {
  await requestLoginLink('New.Organiser@Example.org', { locale: 'en', next: '/dashboard' });
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'new.organiser@example.org');
  assert.equal(mail.subject, 'Your sign-in link for Undersign');
  const token = linkToken(mail.text, '/login');
  assert.ok(token, mail.text);
  const { n: before } = (await app.sql`select count(*)::int as n from accounts where email = 'new.organiser@example.org'`)[0]!;
  assert.equal(before, 0, 'requesting a link creates no account');

  const first = await consumeLoginToken(token);
  assert.ok(first, 'the link signs in');
  assert.equal(await consumeLoginToken(token), null, 'a second use fails');
  const { n: after } = (await app.sql`select count(*)::int as n from accounts where email = 'new.organiser@example.org'`)[0]!;
  assert.equal(after, 1);

  const session = await createSession(first.accountId);
  assert.equal((await findSessionAccount(session))?.email, 'new.organiser@example.org');
  const stored = await app.sql`select encode(token_hash, 'hex') as h from sessions`;
  assert.ok(
    stored.every((r) => !String(r.h).includes(session)),
    'session tokens are stored hashed',
  );
  await deleteSession(session);
  assert.equal(await findSessionAccount(session), null, 'signed out means signed out on the server');
});

test('sign-in links expire, and requests are capped per address without saying so', async () => {
  await Promise.all(Array.from({ length: 12 }, () => requestLoginLink('Capped@example.org', { locale: 'en', next: '/dashboard' })));
  const deadline = Date.now() + 15_000;
  while (app.smtp.messages.filter((m) => recipientOf(m) === 'capped@example.org').length < 5 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const mails = app.smtp.messages.filter((m) => recipientOf(m) === 'capped@example.org');
  assert.equal(mails.length, 5, 'at most five links an hour, even when asked for all at once');
  const token = linkToken(mails[0]!.text, '/login')!;
  await app.sql`update login_tokens set expires_at = now() - interval '1 second' where email = 'capped@example.org'`;
  assert.equal(await consumeLoginToken(token), null);
});

test('a draft saves incomplete; publishing needs every field; the owner is recorded', async () => {
  const owner = await organiser('owner1@example.org');
  const draft = await savePetition(owner, null, { title: 'Half an idea', demands: [] }, 'draft');
  assert.equal(draft.status, 'saved');
  const slug = draft.status === 'saved' ? draft.slug : '';
  assert.equal(slug, 'half-an-idea');
  assert.equal(await getPublicPetition(slug), null, 'drafts are not public');

  const refused = await savePetition(owner, slug, { title: 'Half an idea', demands: [] }, 'publish');
  assert.equal(refused.status, 'invalid');
  assert.deepEqual(Object.keys(refused.status === 'invalid' ? refused.errors : {}).sort(), ['demands', 'goal', 'summary', 'target']);

  const published = await savePetition(owner, slug, { ...complete, slug }, 'publish');
  assert.deepEqual(published, { status: 'saved', slug, published: true });
  const page = await getPublicPetition(slug);
  assert.deepEqual(page?.demands, complete.demands);
  assert.equal(page?.status, 'open');
  assert.equal((await listOrganisers(owner, slug))?.members[0]?.role, 'owner');
});

test('renaming a published petition keeps the old address working as a redirect', async () => {
  const owner = await organiser('renamer@example.org');
  const created = await savePetition(owner, null, { ...complete, title: 'Save the pool' }, 'publish');
  const oldSlug = created.status === 'saved' ? created.slug : '';
  const renamed = await savePetition(owner, oldSlug, { ...complete, title: 'Save the pool', slug: 'save-the-public-pool' }, 'draft');
  assert.equal(renamed.status === 'saved' && renamed.slug, 'save-the-public-pool');
  assert.equal(await findCurrentSlug(oldSlug), 'save-the-public-pool');
  assert.equal((await getPublicPetition(oldSlug))?.slug, 'save-the-public-pool', 'the old address answers for the renamed petition');

  const other = await organiser('squatter@example.org');
  const squat = await savePetition(other, null, { ...complete, slug: oldSlug }, 'draft');
  assert.deepEqual(squat, { status: 'invalid', errors: { slug: ['slugTaken'] } }, 'an old slug cannot be taken over');
});

test('another organiser can neither read nor change a petition; co-organisers can, once invited and accepted', async () => {
  const owner = await organiser('alice@example.org');
  const intruder = await organiser('mallory@example.org');
  const created = await savePetition(owner, null, { ...complete, title: 'Alice petition' }, 'publish');
  const slug = created.status === 'saved' ? created.slug : '';

  assert.deepEqual(await savePetition(intruder, slug, { ...complete, title: 'Taken over' }, 'draft'), { status: 'not_found' });
  assert.deepEqual(await closePetition(intruder, slug), { status: 'not_found' });
  assert.deepEqual(await declareVictory(intruder, slug, 'We won'), { status: 'not_found' });
  assert.equal((await raiseGoal(intruder, slug, 5000)).status, 'invalid');
  assert.equal(await inviteOrganiser(intruder, slug, 'friend@example.org', 'en'), 'not_found');
  assert.equal(await listOrganisers(intruder, slug), null);
  const page = await getPublicPetition(slug);
  assert.equal(page?.title, 'Alice petition');
  assert.equal(page?.goal, 500);

  assert.equal(await inviteOrganiser(owner, slug, 'Bob@Example.org', 'en'), 'invited');
  const invite = await app.smtp.waitFor((m) => recipientOf(m) === 'bob@example.org');
  assert.match(invite.subject ?? '', /invited to organise “Alice petition”/);
  const token = linkToken(invite.text, '/invites')!;
  assert.equal((await acceptInvite(intruder, token)).status, 'wrong_account', 'only the invited address can accept');
  const bob = await organiser('bob@example.org');
  assert.deepEqual(await acceptInvite(bob, token), { status: 'accepted', slug });
  assert.equal((await acceptInvite(bob, token)).status, 'invalid', 'single use');
  assert.deepEqual(await closePetition(bob, slug), { status: 'done' }, 'a co-organiser may act');
  assert.equal(await removeOrganiser(bob, slug, { accountId: owner.id }), 'not_found', 'only the owner removes, and never the owner');
  assert.equal(await removeOrganiser(owner, slug, { accountId: bob.id }), 'removed');
  assert.equal(await listOrganisers(bob, slug), null);
});

test('closing, the closing date and victory', async () => {
  const owner = await organiser('closer@example.org');
  const created = await savePetition(owner, null, { ...complete, title: 'Closing soon' }, 'publish');
  const slug = created.status === 'saved' ? created.slug : '';
  await app.sql`update petitions set closes_at = now() - interval '1 minute' where slug = ${slug}`;
  assert.equal(
    (await signPetition(slug, { name: 'Late', email: 'late@example.org', country: 'FR' })).status,
    'closed',
    'refused from the closing date, before any job runs',
  );
  assert.ok((await closeDuePetitions()) >= 1);
  assert.equal((await getPublicPetition(slug))?.status, 'closed');
  assert.deepEqual(await declareVictory(owner, slug, 'The council agreed!'), { status: 'done' });
  assert.equal((await getPublicPetition(slug))?.victoryMessage, 'The council agreed!');
  assert.equal((await declareVictory(owner, slug, 'x'.repeat(281))).status, 'invalid');
});
