import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSignatureCount } from '@/lib/petitions/counts';
import { retentionPeriods } from '@/lib/privacy/periods';
import { applyRetention } from '@/lib/privacy/retention';
import { confirmSignature } from '@/lib/signatures/confirm';
import { withdrawSignature } from '@/lib/signatures/self-service';
import { signPetition } from '@/lib/signatures/sign';
import { issueConfirmationToken, issueManageToken } from '@/lib/signatures/tokens';
import { startBackend } from '../support/app';
import { keyOf, openedSignatures } from '../support/signers';

// Periods other than the defaults, so each purge is shown to follow the configuration.
process.env.WITHDRAWN_DATA_HOURS = '36';
process.env.REPORTER_EMAIL_DAYS = '10';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false, smtp: false });
});
after(() => app.stop());

async function signedAndConfirmed(petition: { slug: string; id: string }, email: string) {
  await signPetition(petition.slug, { name: 'Dana Example', email, country: 'FR', postcode: '75011', comment: 'because' }, { ip: '198.51.100.7' });
  const [row] = await app.sql`select id from signatures where petition_id = ${petition.id} and canonical_email = ${keyOf(email)}`;
  const id = Number(row!.id);
  await confirmSignature(await issueConfirmationToken(id));
  return id;
}

test('the configured periods are the ones applied', () => {
  const p = retentionPeriods();
  assert.equal(p.withdrawnDataHours, 36);
  assert.equal(p.reporterEmailDays, 10);
});

test('a signature withdrawn longer ago than WITHDRAWN_DATA_HOURS keeps no name, email, postcode or comment; a newer one keeps them; the address can sign again and counts once', async () => {
  const petition = await app.createPetition();
  const old = await signedAndConfirmed(petition, 'old-withdrawal@example.org');
  const recent = await signedAndConfirmed(petition, 'recent-withdrawal@example.org');
  await signedAndConfirmed(petition, 'stays@example.org');
  assert.equal(await withdrawSignature(await issueManageToken(old)), 'withdrawn');
  assert.equal(await withdrawSignature(await issueManageToken(recent)), 'withdrawn');
  await app.sql`update signatures set withdrawn_at = now() - interval '37 hours' where id = ${old}`;
  await app.sql`update signatures set withdrawn_at = now() - interval '35 hours' where id = ${recent}`;
  assert.equal(await getSignatureCount(petition.id), 1);

  assert.equal(await applyRetention(), true);
  const rows = await app.sql`
    select id, sealed_name as name, sealed_email as email, canonical_email, sealed_postcode as postcode, sealed_comment as comment, name_words, email_hash,
           email_domain, ip_hash, status, country, withdrawn_at is not null as withdrawn,
           (select count(*)::int from signature_tokens t where t.signature_id = s.id) as tokens
    from signatures s where id in (${old}, ${recent}) order by id`;
  const [purged, kept] = rows;
  assert.deepEqual(
    {
      name: purged!.name,
      email: purged!.email,
      canonical: purged!.canonical_email,
      postcode: purged!.postcode,
      comment: purged!.comment,
      domain: purged!.email_domain,
      ip: purged!.ip_hash,
      words: purged!.name_words,
      hash: purged!.email_hash,
      tokens: purged!.tokens,
    },
    { name: null, email: null, canonical: `withdrawn:${old}`, postcode: null, comment: null, domain: null, ip: null, words: null, hash: null, tokens: 0 },
  );
  assert.deepEqual(
    { status: purged!.status, country: purged!.country, withdrawn: purged!.withdrawn },
    { status: 'withdrawn', country: 'FR', withdrawn: true },
    'what the counts need stays',
  );
  const keptOpened = (await openedSignatures(petition.id)).find((r) => r.id === Number(kept!.id))!;
  assert.deepEqual(
    { name: keptOpened.name, email: keptOpened.email, postcode: keptOpened.postcode, comment: keptOpened.comment },
    { name: 'Dana Example', email: 'recent-withdrawal@example.org', postcode: '75011', comment: 'because' },
  );
  assert.equal(await getSignatureCount(petition.id), 1, 'the purge changes no count');

  // The same address signs again: a new signature, counted once when confirmed.
  const again = await signedAndConfirmed(petition, 'old-withdrawal@example.org');
  assert.notEqual(again, old);
  assert.equal(await getSignatureCount(petition.id), 2);
  const [{ n }] = (await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id} and status = 'confirmed'`) as unknown as [
    { n: number },
  ];
  assert.equal(n, 2);
});

test('reporters’ emails go once the report is dealt with, and after REPORTER_EMAIL_DAYS at the latest', async () => {
  const petition = await app.createPetition();
  const report = async (email: string, age: string, dismissed: boolean) =>
    Number(
      (
        await app.sql`insert into petition_reports (petition_id, reason, email, created_at, dismissed_at)
        values (${petition.id}, 'spam', ${email}, now() - ${age}::interval, ${dismissed ? new Date() : null}) returning id`
      )[0]!.id,
    );
  const open = await report('open@example.org', '9 days', false);
  const old = await report('old@example.org', '11 days', false);
  const dealtWith = await report('dismissed@example.org', '1 hour', true);
  await applyRetention();
  const rows = await app.sql`select id, email from petition_reports where id in (${open}, ${old}, ${dealtWith}) order by id`;
  assert.deepEqual(
    rows.map((r) => r.email),
    ['open@example.org', null, null],
  );
});

test('sign-in requests and links, expired sessions and spent invitations are deleted after their period; live ones stay', async () => {
  const { accountRecordDays } = retentionPeriods();
  const past = `${accountRecordDays * 24 + 1} hours`;
  const [account] = await app.sql`insert into accounts (email) values ('records@example.org') returning id`;
  const petition = await app.createPetition();
  const token = (label: string) => app.sql`select decode(md5(${label}), 'hex') as h`.then((r) => r[0]!.h as Buffer);

  await app.sql`insert into login_link_requests (email, requested_at) values ('records@example.org', now() - ${past}::interval), ('records@example.org', now() - interval '1 hour')`;
  await app.sql`insert into login_tokens (token_hash, email, created_at, expires_at, used_at) values
    (${await token('expired')}, 'records@example.org', now() - ${past}::interval, now() - ${past}::interval, null),
    (${await token('used-long-ago')}, 'records@example.org', now() - ${past}::interval, now() + interval '10 minutes', now() - ${past}::interval),
    (${await token('used-recently')}, 'records@example.org', now() - interval '5 minutes', now() + interval '15 minutes', now() - interval '1 minute'),
    (${await token('fresh')}, 'records@example.org', now(), now() + interval '20 minutes', null)`;
  await app.sql`insert into sessions (token_hash, account_id, expires_at) values
    (${await token('session-expired')}, ${account!.id}, now() - interval '1 minute'),
    (${await token('session-live')}, ${account!.id}, now() + interval '30 days')`;
  await app.sql`insert into organiser_invites (petition_id, email, expires_at, accepted_at, revoked_at) values
    (${petition.id}, 'accepted-long-ago@example.org', now() + interval '1 day', now() - ${past}::interval, null),
    (${petition.id}, 'revoked-long-ago@example.org', now() + interval '1 day', null, now() - ${past}::interval),
    (${petition.id}, 'expired-long-ago@example.org', now() - ${past}::interval, null, null),
    (${petition.id}, 'accepted-recently@example.org', now() + interval '1 day', now() - interval '1 hour', null),
    (${petition.id}, 'pending@example.org', now() + interval '14 days', null, null)`;

  await applyRetention();
  const requests = await app.sql`select requested_at > now() - interval '2 hours' as recent from login_link_requests where email = 'records@example.org'`;
  assert.deepEqual(
    requests.map((r) => r.recent),
    [true],
  );
  const links = await app.sql`select token_hash from login_tokens where email = 'records@example.org'`;
  assert.deepEqual(
    links.map((r) => (r.token_hash as Buffer).toString('hex')).sort(),
    [(await token('used-recently')).toString('hex'), (await token('fresh')).toString('hex')].sort(),
  );
  const sessions = await app.sql`select token_hash from sessions where account_id = ${account!.id}`;
  assert.deepEqual(
    sessions.map((r) => (r.token_hash as Buffer).toString('hex')),
    [(await token('session-live')).toString('hex')],
  );
  const invites = await app.sql`select email from organiser_invites where petition_id = ${petition.id} order by email`;
  assert.deepEqual(
    invites.map((r) => r.email),
    ['accepted-recently@example.org', 'pending@example.org'],
  );
});
