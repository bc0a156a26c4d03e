import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { getSignatureCount } from '@/lib/petitions/counts';
import { confirmSignature } from '@/lib/signatures/confirm';
import { issueConfirmationToken } from '@/lib/signatures/tokens';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { forgetIpLists } from '@/lib/moderation/ip-lists';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

let n = 0;
async function sign(slug: string, ip: string, extra: Record<string, unknown> = {}) {
  n++;
  const res = await signApi(
    new Request(`http://app.test/api/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ name: `Signer ${n}`, email: `signer${n}@example.org`, country: 'FR', ...extra }),
    }),
    { params: Promise.resolve({ slug }) },
  );
  return { status: res.status, body: await res.json(), email: `signer${n}@example.org` };
}

async function confirmAll(petitionId: string) {
  const rows = await app.sql<{ id: number }[]>`select id from signatures where petition_id = ${petitionId} and status = 'pending'`;
  for (const r of rows) await confirmSignature(await issueConfirmationToken(Number(r.id)));
}

test('a burst from one IP is answered like any other, held back and never counted, while another IP signs normally', async () => {
  const petition = await app.createPetition();
  const burst = [];
  for (let i = 0; i < 8; i++) burst.push(await sign(petition.slug, '203.0.113.7'));
  const other = [];
  for (let i = 0; i < 3; i++) other.push(await sign(petition.slug, '198.51.100.20'));
  // Every answer is the same success: nothing tells a bot a limit exists.
  for (const r of [...burst, ...other]) assert.deepEqual([r.status, r.body], [202, { status: 'pending_confirmation' }]);

  const held = await app.sql`select suspect_reason from signatures where petition_id = ${petition.id} and suspected_at is not null`;
  assert.equal(held.length, 3, 'the 6th, 7th and 8th from one address in a minute are held (burst limit 5)');
  assert.ok(held.every((r) => r.suspect_reason === 'ip_burst'));

  // The held signers still get their email and can confirm; they are not counted until reviewed.
  await confirmAll(petition.id);
  assert.equal(await getSignatureCount(petition.id), 8);
  const { held: heldCount } = (await app.sql`select count(*)::int as held from signatures where petition_id = ${petition.id} and status = 'held'`)[0]!;
  assert.equal(heldCount, 3);
  // Stored IPs are keyed hashes, never addresses.
  const { ip_hash } = (await app.sql`select ip_hash from signatures where petition_id = ${petition.id} limit 1`)[0]!;
  assert.equal(ip_hash.length, 32);
  assert.ok(!ip_hash.toString('latin1').includes('203.0.113.7'));
});

test('a limit changed in the database applies to the next signature, with no restart', async () => {
  const petition = await app.createPetition();
  await app.sql`update abuse_limits set max_count = 1 where name = 'ip_burst'`;
  try {
    await sign(petition.slug, '192.0.2.50');
    await sign(petition.slug, '192.0.2.50');
    const rows = await app.sql`select suspect_reason from signatures where petition_id = ${petition.id} order by id`;
    assert.deepEqual(
      rows.map((r) => r.suspect_reason),
      [null, 'ip_burst'],
    );
  } finally {
    await app.sql`update abuse_limits set max_count = 5 where name = 'ip_burst'`;
  }
});

test('an allow-listed shared address is exempt from the per-IP limits', async () => {
  const petition = await app.createPetition();
  await app.sql`insert into allowed_ip_ranges (range, note) values ('100.64.0.0/10', 'carrier-grade NAT')`;
  // The app matches ranges from a copy it reads again every 15 s (see raw-ip-never-reaches-postgres.test.ts); here at once.
  forgetIpLists();
  for (let i = 0; i < 8; i++) await sign(petition.slug, '100.64.1.1');
  const { held } = (await app.sql`select count(*)::int as held from signatures where petition_id = ${petition.id} and suspected_at is not null`)[0]!;
  assert.equal(held, 0);
});

test('block lists (domain wildcards, IP ranges), the per-domain limit and the honeypot hold signatures silently', async () => {
  const petition = await app.createPetition();
  await app.sql`insert into blocked_email_domains (pattern) values ('*.spam.example'), ('bad.example')`;
  await app.sql`insert into blocked_ip_ranges (range) values ('192.0.2.128/25')`;
  forgetIpLists();
  const cases = [
    await sign(petition.slug, '198.51.100.1', { email: 'a@mail.spam.example' }),
    await sign(petition.slug, '198.51.100.2', { email: 'b@bad.example' }),
    await sign(petition.slug, '192.0.2.200'),
    await sign(petition.slug, '198.51.100.3', { website: 'http://bot.example' }),
    await sign(petition.slug, '198.51.100.4', { email: 'fine@spam.example.org' }),
  ];
  assert.ok(cases.every((c) => c.status === 202));
  const rows = await app.sql`select email, suspect_reason from signatures where petition_id = ${petition.id} order by id`;
  assert.deepEqual(
    rows.map((r) => r.suspect_reason),
    ['blocked_domain', 'blocked_domain', 'blocked_ip', 'honeypot', null],
  );

  await app.sql`update abuse_limits set max_count = 2 where name = 'email_domain'`;
  try {
    for (let i = 0; i < 3; i++) await sign(petition.slug, `198.51.100.${10 + i}`, { email: `p${i}@small-college.example` });
    for (let i = 0; i < 3; i++) await sign(petition.slug, `198.51.100.${20 + i}`, { email: `p${i}@gmail.com` });
  } finally {
    await app.sql`update abuse_limits set max_count = 50 where name = 'email_domain'`;
  }
  const byDomain =
    await app.sql`select email_domain, count(*) filter (where suspect_reason = 'email_domain')::int as held from signatures where petition_id = ${petition.id} and email_domain in ('small-college.example', 'gmail.com') group by 1 order by 1`;
  assert.deepEqual(
    byDomain.map((r) => [r.email_domain, r.held]),
    [
      ['gmail.com', 0],
      ['small-college.example', 1],
    ],
  );
});

test('the petition-wide circuit breaker holds everything above its rate, across IPs', async () => {
  const petition = await app.createPetition();
  await app.sql`update abuse_limits set max_count = 3 where name = 'petition_breaker'`;
  try {
    for (let i = 0; i < 5; i++) await sign(petition.slug, `198.18.0.${i + 1}`);
  } finally {
    await app.sql`update abuse_limits set max_count = 60000 where name = 'petition_breaker'`;
  }
  const rows = await app.sql`select suspect_reason from signatures where petition_id = ${petition.id} order by id`;
  // A window boundary may fall inside the burst; at least the signatures beyond the third are held.
  assert.ok(rows.filter((r) => r.suspect_reason === 'petition_breaker').length >= 1);
  assert.equal(rows.slice(0, 3).filter((r) => r.suspect_reason).length, 0);
});

test('admins edit the limits and lists from the app; others cannot; the next signature obeys them', async () => {
  const { getAbuseSettings, saveAbuseSettings } = await import('@/lib/moderation/abuse-settings');
  const admin = { id: '00000000-0000-0000-0000-000000000001', email: 'admin@undersign.test', isAdmin: true };
  const organiser = { ...admin, isAdmin: false };
  const current = (await getAbuseSettings(admin))!;
  const form = {
    limits: Object.fromEntries(current.limits.map((l) => [l.name, { maxCount: String(l.maxCount), windowSeconds: String(l.windowSeconds) }])),
    blockedDomains: 'throwaway.example\n*.burner.example',
    blockedRanges: '192.0.2.77',
    allowedRanges: current.lists.allowedRanges.join('\n'),
    allowedDomains: current.lists.allowedDomains.join('\n'),
  };
  assert.equal(await saveAbuseSettings(organiser, form), 'not_allowed');
  assert.equal(await getAbuseSettings(organiser), null);
  assert.equal(await saveAbuseSettings(admin, { ...form, blockedRanges: 'not-an-ip' }), 'invalid');
  assert.equal(await saveAbuseSettings(admin, form), 'saved');
  const after = (await getAbuseSettings(admin))!;
  assert.deepEqual(after.lists.blockedDomains, ['*.burner.example', 'throwaway.example']);
  assert.deepEqual(after.lists.blockedRanges, ['192.0.2.77/32']);
  const petition = await app.createPetition();
  await sign(petition.slug, '192.0.2.77');
  await sign(petition.slug, '198.51.100.99', { email: 'x@a.burner.example' });
  const rows = await app.sql`select suspect_reason from signatures where petition_id = ${petition.id} order by id`;
  assert.deepEqual(
    rows.map((r) => r.suspect_reason),
    ['blocked_ip', 'blocked_domain'],
  );
});
