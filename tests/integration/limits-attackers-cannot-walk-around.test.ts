import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { previewBulkRule } from '@/lib/moderation/invalidate';
import { startBackend } from '../support/app';

// An attacker rotating addresses inside one IPv6 /64, or mailboxes across subdomains of one domain,
// is still one signer, one domain.

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

let n = 0;
async function sign(slug: string, ip: string, email = `walker${++n}@example.com`) {
  const res = await signApi(
    new Request(`http://app.test/api/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ name: 'Walker', email, country: 'FR' }),
    }),
    { params: Promise.resolve({ slug }) },
  );
  assert.equal(res.status, 202);
}

const reasons = async (petitionId: string) =>
  (await app.sql`select suspect_reason from signatures where petition_id = ${petitionId} order by id`).map((r) => r.suspect_reason as string | null);

test('addresses inside one IPv6 /64 are one signer for the per-IP limits; the next /64 is someone else', async () => {
  const petition = await app.createPetition();
  for (let i = 1; i <= 8; i++) await sign(petition.slug, `2001:db8:1:2::${i.toString(16)}:${i}`);
  await sign(petition.slug, '2001:db8:1:3::1');
  assert.deepEqual(await reasons(petition.id), [null, null, null, null, null, 'ip_burst', 'ip_burst', 'ip_burst', null]);
});

test('an IPv4 address and its IPv4-mapped IPv6 spelling are one signer', async () => {
  const petition = await app.createPetition();
  for (let i = 0; i < 4; i++) await sign(petition.slug, '198.51.100.7');
  for (let i = 0; i < 4; i++) await sign(petition.slug, '::ffff:198.51.100.7');
  assert.deepEqual((await reasons(petition.id)).filter(Boolean), ['ip_burst', 'ip_burst', 'ip_burst']);
});

test('the per-domain limit counts registrable domains; block lists still match whole domains; big webmail stays exempt', async () => {
  const petition = await app.createPetition();
  await app.sql`update abuse_limits set max_count = 2 where name = 'email_domain'`;
  await app.sql`insert into blocked_email_domains (pattern) values ('*.bad.example.net')`;
  await app.sql`insert into allowed_email_domains (domain) values ('uni.ac.uk')`;
  try {
    let ip = 0;
    const next = () => `198.51.100.${++ip}`;
    await sign(petition.slug, next(), 'x@a1.example.net');
    await sign(petition.slug, next(), 'y@a2.example.net');
    await sign(petition.slug, next(), 'z@a3.example.net');
    await sign(petition.slug, next(), 'w@mail.bad.example.net');
    for (let i = 0; i < 3; i++) await sign(petition.slug, next(), `p${i}@gmail.com`);
    for (let i = 0; i < 3; i++) await sign(petition.slug, next(), `s${i}@student.uni.ac.uk`);
  } finally {
    await app.sql`update abuse_limits set max_count = 50 where name = 'email_domain'`;
  }
  const rows = await app.sql`select email_domain, suspect_reason from signatures where petition_id = ${petition.id} order by id`;
  assert.deepEqual(
    rows.map((r) => [r.email_domain, r.suspect_reason]),
    [
      ['example.net', null],
      ['example.net', null],
      ['example.net', 'email_domain'],
      ['example.net', 'blocked_domain'],
      ['gmail.com', null],
      ['gmail.com', null],
      ['gmail.com', null],
      ['uni.ac.uk', null],
      ['uni.ac.uk', null],
      ['uni.ac.uk', null],
    ],
  );
});

test('bulk rules still match the whole email domain as typed, and IPv6 ranges by /64 and /48', async () => {
  const petition = await app.createPetition();
  const admin = { id: '00000000-0000-0000-0000-000000000001', email: 'admin@undersign.test', isAdmin: true };
  await sign(petition.slug, '2001:db8:9:1::1', 'a@mail.botfarm.example');
  await sign(petition.slug, '2001:db8:9:1::2', 'b@mx.botfarm.example');
  await sign(petition.slug, '2001:db8:9:2::1', 'c@botfarm.example');
  const matching = async (rule: Record<string, string>) => {
    const r = await previewBulkRule(admin, petition.slug, rule);
    return r.status === 'matched' ? r.matching : r;
  };
  assert.equal(await matching({ emailDomain: 'mail.botfarm.example' }), 1);
  assert.equal(await matching({ emailDomain: '*.botfarm.example' }), 2);
  assert.equal(await matching({ emailDomain: 'botfarm.example' }), 1);
  assert.equal(await matching({ ipRange: '2001:db8:9:1::/64' }), 2);
  assert.equal(await matching({ ipRange: '2001:db8:9:1::77' }), 2, 'one address of a /64 is the whole /64');
  assert.equal(await matching({ ipRange: '2001:db8:9::/48' }), 3);
});
