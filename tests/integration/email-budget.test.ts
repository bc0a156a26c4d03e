import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { requestLoginLink } from '@/lib/auth/login';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { forgetIpLists } from '@/lib/moderation/ip-lists';
import { deleteExpiredRecords } from '@/lib/privacy/retention';
import { queueAnotherSignatureEmail } from '@/lib/signatures/resend';
import { startBackend } from '../support/app';
import { mailSettled } from '../support/mail-settled';
import { recipientOf } from '../support/smtp-sink';

// The platform must not become a way to mail strangers: each test counts the emails a scripted flood
// actually delivers to a real SMTP server.

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ workerConcurrency: 8 });
});
after(() => app.stop());

async function sign(slug: string, ip: string, body: Record<string, unknown>) {
  const res = await signApi(
    new Request(`http://app.test/api/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ name: 'Flood Signer', country: 'FR', ...body }),
    }),
    { params: Promise.resolve({ slug }) },
  );
  return { status: res.status, body: await res.json() };
}

const received = (match: (address: string) => boolean) => app.smtp.messages.filter((m) => match(recipientOf(m)));
const intervalPasses = () => app.sql`update signatures set last_emailed_at = last_emailed_at - interval '1 minute'`;

test('a flood from one /24 across petitions, resends and sign-in links gets exactly the budget of emails; another network is unaffected', async () => {
  const budget = (await app.sql<{ max_count: number }[]>`select max_count from abuse_limits where name = 'email_budget'`)[0]!.max_count;
  assert.equal(budget, 200, 'the default budget: 200 emails an hour per network');
  const petitions = await Promise.all([app.createPetition(), app.createPetition(), app.createPetition()]);
  const flood = (i: number) => `203.0.113.${(i % 250) + 1}`;
  const signer = (i: number) => `flood${i}@mail${i % 7}.example.net`;
  const signFrom = (i: number) => sign(petitions[i % 3]!.slug, flood(i), { email: signer(i) });

  // Below the budget, step by step, so each kind of email is seen to count: 100 confirmations,
  // 50 sign-in links, 40 "send it again" (each kind fired at once, as a flood would).
  const first = await Promise.all(Array.from({ length: 100 }, (_, i) => signFrom(i)));
  assert.ok(first.every((r) => r.status === 202));
  await Promise.all(Array.from({ length: 50 }, (_, i) => requestLoginLink(`organiser${i}@example.org`, { locale: 'en', next: '/dashboard', ip: flood(i) })));
  await intervalPasses();
  await Promise.all(Array.from({ length: 40 }, (_, i) => queueAnotherSignatureEmail({ id: petitions[i % 3]!.id }, signer(i), { ip: flood(i + 1) })));
  await mailSettled(app.sql);
  const fromFlood = (a: string) => a.startsWith('flood') || a.startsWith('organiser');
  assert.equal(received(fromFlood).length, 190);

  // The rest of the flood at once, the budget's edge inside it: 400 more signatures (500 in all),
  // repeats of earlier ones, more resends and sign-in links. Only 10 more emails go out.
  await intervalPasses();
  const rest = await Promise.all([
    ...Array.from({ length: 400 }, (_, i) => signFrom(100 + i)),
    ...Array.from({ length: 30 }, (_, i) => signFrom(50 + i)),
    ...Array.from({ length: 20 }, (_, i) =>
      queueAnotherSignatureEmail({ id: petitions[(60 + i) % 3]!.id }, signer(60 + i), { ip: flood(i) }).then(() => ({ status: 202 })),
    ),
    ...Array.from({ length: 20 }, (_, i) =>
      requestLoginLink(`organiser${50 + i}@example.org`, { locale: 'en', next: '/dashboard', ip: flood(i) }).then(() => ({ status: 202 })),
    ),
  ]);
  assert.ok(
    rest.every((r) => r.status === 202),
    'beyond the budget the answers are the usual ones',
  );
  const stored = (await app.sql<{ n: number }[]>`select count(*)::int as n from signatures where email_host like 'mail%.example.net'`)[0]!.n;
  assert.equal(stored, 500, 'every signature is recorded, mailed or not');

  // Another network signs, asks again and signs in as usual.
  for (let i = 0; i < 5; i++) assert.equal((await sign(petitions[0].slug, `198.51.100.${i + 1}`, { email: `neighbour${i}@example.com` })).status, 202);
  await requestLoginLink('neighbour-organiser@example.com', { locale: 'en', next: '/dashboard', ip: '198.51.100.9' });

  await mailSettled(app.sql);
  assert.equal(received(fromFlood).length, budget, `exactly the budget: ${received(fromFlood).length}`);
  assert.equal(received((a) => a.startsWith('neighbour')).length, 6);
});

test('signatures held by the honeypot or a block list get the usual 202 and no email; rate-limited ones still get theirs', async () => {
  const petition = await app.createPetition();
  await app.sql`insert into blocked_email_domains (pattern) values ('*.burner.example')`;
  await app.sql`insert into blocked_ip_ranges (range) values ('192.0.2.0/25')`;
  forgetIpLists();
  const attempts = () => [
    sign(petition.slug, '198.51.100.30', { email: 'victim1@example.com', website: 'http://bot.example' }),
    sign(petition.slug, '198.51.100.31', { email: 'victim2@mail.burner.example' }),
    sign(petition.slug, '192.0.2.77', { email: 'victim3@example.com' }),
  ];
  for (const r of await Promise.all(attempts())) assert.deepEqual([r.status, r.body], [202, { status: 'pending_confirmation' }]);
  // Nor does signing again, once the resend interval has passed.
  await intervalPasses();
  for (const r of await Promise.all(attempts())) assert.equal(r.status, 202);

  // Eight from one address: the last three are held by the burst limit, and all eight are mailed.
  for (let i = 0; i < 8; i++) await sign(petition.slug, '198.51.100.40', { email: `shared${i}@example.com` });
  const held = await app.sql`select 1 from signatures where petition_id = ${petition.id} and suspect_reason = 'ip_burst'`;
  assert.equal(held.length, 3);

  await mailSettled(app.sql);
  assert.equal(received((a) => a.startsWith('victim')).length, 0);
  assert.equal(received((a) => a.startsWith('shared')).length, 8);
});

test("an allowed shared range is exempt from the email budget; the budget is the admins' to change", async () => {
  const petition = await app.createPetition();
  await app.sql`update abuse_limits set max_count = 3 where name = 'email_budget'`;
  await app.sql`insert into allowed_ip_ranges (range, note) values ('100.64.0.0/10', 'carrier-grade NAT')`;
  forgetIpLists();
  try {
    for (let i = 0; i < 6; i++) await sign(petition.slug, `100.64.9.${i + 1}`, { email: `campus${i}@example.com` });
    for (let i = 0; i < 6; i++) await sign(petition.slug, `2001:db8:5:6::${i + 1}`, { email: `sixer${i}@example.com` });
  } finally {
    await app.sql`update abuse_limits set max_count = 200 where name = 'email_budget'`;
  }
  await mailSettled(app.sql);
  assert.equal(received((a) => a.startsWith('campus')).length, 6);
  assert.equal(received((a) => a.startsWith('sixer')).length, 3, 'one IPv6 /64 is one network for the budget');
});

test("the budget's log keeps only its window: the retention job deletes older records", async () => {
  await app.sql`
    insert into email_budget_events (network_hash, created_at)
    select sha256('retention'::bytea), now() - make_interval(mins => m) from unnest(array[5, 50, 70, 200]) m`;
  await deleteExpiredRecords();
  const left = await app.sql`select 1 from email_budget_events where network_hash = sha256('retention'::bytea)`;
  assert.equal(left.length, 2, 'the two within the hour stay');
});
