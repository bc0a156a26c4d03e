import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { releaseStaleLocks } from '@/lib/jobs/stale-locks';
import { listPublicUpdates, sendUpdate, UPDATES_PER_WEEK } from '@/lib/updates/updates';
import { POST as oneClickUnsubscribe } from '@/app/api/unsubscribe/[token]/route';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
before(async () => {
  // A slow SMTP relay so a send can be caught half-way; the worker starts when a test says so.
  app = await startBackend({ worker: false, smtpDelayMs: 60 });
  const [a] = await app.sql`insert into accounts (email) values ('updates-owner@example.org') returning id`;
  owner = { id: a!.id, email: 'updates-owner@example.org', isAdmin: false };
});
after(() => app.stop());

async function petitionWithSigners(prefix: string, optedInConfirmed: number) {
  const p = await app.createPetition({ title: `Update test ${prefix}` });
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  const add = (email: string, status: string, wants: boolean, unsubscribed = false) => app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, wants_updates, unsubscribed_at)
    values (${p.id}, 'S', ${email}, ${email}, 'FR', ${status}::signature_status, now(), ${wants}, ${unsubscribed ? new Date() : null})`;
  for (let i = 0; i < optedInConfirmed; i++) await add(`${prefix}-yes${i}@example.org`, 'confirmed', true);
  await add(`${prefix}-no-optin@example.org`, 'confirmed', false);
  await add(`${prefix}-pending@example.org`, 'pending', true);
  await add(`${prefix}-withdrawn@example.org`, 'withdrawn', true);
  await add(`${prefix}-unsubscribed@example.org`, 'confirmed', true, true);
  await app.sealLegacySignatures();
  return p;
}

const mailsTo = (addr: string) => app.smtp.messages.filter((m) => recipientOf(m) === addr);
async function until(check: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an update reaches exactly the confirmed signers who opted in, with working one-click unsubscribe headers', async () => {
  const p = await petitionWithSigners('a', 4);
  const result = await sendUpdate(owner, p.slug, { subject: 'We met the mayor', body: 'She **listened**. [Read more](https://example.org/news)' });
  assert.deepEqual(result, { status: 'queued', recipients: 4 });
  await app.startWorker();
  await until(() => app.smtp.messages.filter((m) => m.subject === 'We met the mayor').length === 4);
  await new Promise((r) => setTimeout(r, 500));
  const got = app.smtp.messages
    .filter((m) => m.subject === 'We met the mayor')
    .map(recipientOf)
    .sort();
  assert.deepEqual(got, ['a-yes0@example.org', 'a-yes1@example.org', 'a-yes2@example.org', 'a-yes3@example.org']);

  const mail = mailsTo('a-yes0@example.org')[0]!;
  assert.match(mail.html || '', /<strong>listened<\/strong>/);
  const post = mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line ?? '';
  assert.match(post, /List-Unsubscribe=One-Click/);
  const listUnsubscribe = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
  const url = listUnsubscribe.match(/<(https?:\/\/[^>]+)>/)?.[1];
  assert.ok(url?.startsWith('http://app.test/api/unsubscribe/'), listUnsubscribe);
  assert.match(mail.text ?? '', /http:\/\/app\.test\/unsubscribe\//, 'a visible unsubscribe link too');

  // The one-click POST works without a session, and the next update skips that signer.
  const token = url!.split('/').pop()!;
  const res = await oneClickUnsubscribe(new Request(url!, { method: 'POST', body: 'List-Unsubscribe=One-Click' }), { params: Promise.resolve({ token }) });
  assert.equal(res.status, 200);
  const forged = await oneClickUnsubscribe(new Request(url!, { method: 'POST' }), {
    params: Promise.resolve({ token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }),
  });
  assert.equal(forged.status, 404);
  assert.deepEqual(await sendUpdate(owner, p.slug, { subject: 'Second update', body: 'More news' }), { status: 'queued', recipients: 3 });
  assert.equal((await listPublicUpdates(p.id))[0]?.subject, 'Second update', 'updates are listed on the public page, newest first');
  await until(() => app.smtp.messages.filter((m) => m.subject === 'Second update').length === 3);
});

test('a send whose worker is killed half-way resumes: each recipient gets one message, at most the one in flight is retried, under the same Message-ID', async () => {
  const p = await petitionWithSigners('k', 24);
  // The in-process worker is stopped first, so only the separate worker process below sends.
  await app.stopWorker();
  assert.deepEqual(await sendUpdate(owner, p.slug, { subject: 'Killed half-way', body: 'Still arrives once' }), { status: 'queued', recipients: 24 });
  const [{ n: running }] = (await app.sql`select count(*)::int as n from graphile_worker.jobs`) as unknown as [{ n: number }];
  assert.ok(running >= 24);

  const worker = spawn(process.execPath, ['--import', './scripts/server-only.mjs', '--import', 'tsx', 'scripts/worker.ts'], {
    env: { ...process.env, DATABASE_URL: app.url, WORKER_CONCURRENCY: '2' },
    stdio: 'ignore',
  });
  const sent = async () =>
    (
      await app.sql`select count(*)::int as n from update_deliveries where sent_at is not null and update_id = (select id from petition_updates where subject = 'Killed half-way')`
    )[0]!.n as number;
  try {
    await until(async () => (await sent()) >= 5);
  } finally {
    worker.kill('SIGKILL');
  }
  await new Promise((r) => (worker.exitCode !== null || worker.signalCode ? r(null) : worker.once('exit', r)));
  const atKill = await sent();
  assert.ok(atKill < 24, `killed half-way (${atKill} of 24 sent)`);

  // A restarted worker releases the dead one's locks and finishes the send.
  await releaseStaleLocks(0);
  await app.startWorker();
  await until(async () => (await sent()) === 24);
  await until(() => app.smtp.messages.filter((m) => m.subject === 'Killed half-way').length >= 24);
  await new Promise((r) => setTimeout(r, 800));
  // SMTP cannot tell a client killed between the relay's spooling and its "250" whether the message
  // went out, so the one message in flight on the serial queue may be sent again; it carries the
  // same Message-ID, so the mailbox shows it once. Nobody is skipped, and nothing else repeats.
  let copies = 0;
  for (let i = 0; i < 24; i++) {
    const got = mailsTo(`k-yes${i}@example.org`).filter((m) => m.subject === 'Killed half-way');
    assert.ok(got.length >= 1, `k-yes${i} was skipped`);
    assert.equal(new Set(got.map((m) => m.messageId)).size, 1, `k-yes${i} got two different messages`);
    assert.match(got[0]!.messageId ?? '', /^<update-[0-9a-f-]+-\d+@app\.test>$/);
    copies += got.length;
  }
  assert.ok(copies <= 25, `${copies - 24} repeated sends; at most the one in flight may repeat`);
});

test(`no more than ${UPDATES_PER_WEEK} updates a week per petition, and strangers cannot send`, async () => {
  const p = await petitionWithSigners('c', 1);
  for (let i = 0; i < UPDATES_PER_WEEK; i++) assert.equal((await sendUpdate(owner, p.slug, { subject: `Cap ${i}`, body: 'x' })).status, 'queued');
  assert.deepEqual(await sendUpdate(owner, p.slug, { subject: 'One too many', body: 'x' }), { status: 'capped' });
  assert.equal((await sendUpdate(owner, p.slug, { subject: '', body: '' })).status, 'invalid');
  const [b] = await app.sql`insert into accounts (email) values ('updates-stranger@example.org') returning id`;
  assert.deepEqual(await sendUpdate({ id: b!.id, email: 'updates-stranger@example.org', isAdmin: false }, p.slug, { subject: 'Spam', body: 'x' }), {
    status: 'not_found',
  });
});
