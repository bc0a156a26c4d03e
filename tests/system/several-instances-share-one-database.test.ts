import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import postgres from 'postgres';
import { postgresDefaults } from '@/db/connection';
import { insertPetition } from '@/db/seed';
import { inlineScriptHashes } from '@/lib/http/page-csp';
import { createTestDatabase } from '../support/database';
import { petitionFixture } from '../support/app';
import {
  confirmationTokenIn,
  confirmOverHttp,
  inParallel,
  signOverHttp,
  startAppProcess,
  startWorkerProcess,
  SYSTEM_SECRET,
  type Proc,
} from '../support/processes';
import { recipientOf, startSmtpSink, type SmtpSink } from '../support/smtp-sink';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: SmtpSink;
let apps: (Proc & { url: string })[] = [];
let worker: Proc;

before(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpSink();
  // Two app instances with no worker of their own, and one worker process: the production shape.
  apps = await Promise.all([0, 1].map(() => startAppProcess({ databaseUrl: db.url, smtpUrl: smtp.url })));
  worker = startWorkerProcess({ databaseUrl: db.url, smtpUrl: smtp.url, appUrl: apps[0]!.url });
});
after(async () => {
  await Promise.all([...apps.map((a) => a.kill()), worker?.kill()]);
  await smtp?.stop();
  await db?.drop();
});

async function waitForMail(count: (m: typeof smtp.messages) => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!count(smtp.messages)) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what} (${smtp.messages.length} messages)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('two instances and a separate worker: concurrent signing and confirming count exactly, with one confirmation email per signature', async () => {
  const p = petitionFixture();
  const petitionId = await insertPetition(db.sql, p);
  const N = 200;
  // Distinct people: each at a domain of their own (the per-domain limit counts registrable domains) and
  // in a network of their own (the email budget counts per /24).
  const signers = Array.from({ length: N }, (_, i) => ({ name: `Signer ${i}`, email: `multi${i}@d${i}.example`, country: 'FR' }));
  const statuses = await inParallel(signers, 20, async (s, i) => (await signOverHttp(apps[i % 2]!.url, p.slug, s, `10.1.${i & 255}.${(i >> 8) + 1}`)).status);
  assert.deepEqual([...new Set(statuses)], [202]);

  const isOurs = (m: (typeof smtp.messages)[number]) => recipientOf(m).startsWith('multi');
  await waitForMail((ms) => ms.filter(isOurs).length >= N, `${N} confirmation emails`);
  const perRecipient = new Map<string, number>();
  for (const m of smtp.messages.filter(isOurs)) perRecipient.set(recipientOf(m), (perRecipient.get(recipientOf(m)) ?? 0) + 1);
  assert.equal(perRecipient.size, N);
  assert.ok(
    [...perRecipient.values()].every((n) => n === 1),
    'exactly one confirmation email per signature',
  );

  const tokens = smtp.messages.filter(isOurs).map((m) => confirmationTokenIn(m.text ?? ''));
  const confirmed = await inParallel(tokens, 20, (token, i) => confirmOverHttp(apps[(i + 1) % 2]!.url, token));
  assert.deepEqual([...new Set(confirmed)], ['confirmed']);

  for (const app of apps) {
    const count = (await (await fetch(`${app.url}/api/petitions/${p.slug}/count`)).json()) as { signatureCount: number };
    assert.equal(count.signatureCount, N, 'both instances read the same exact count');
  }
  const [row] = await db.sql`select count(*)::int as n from signatures where petition_id = ${petitionId} and status = 'confirmed'`;
  assert.equal(row!.n, N);
  // A second confirmation of the same link, through the other instance, changes nothing.
  assert.equal(await confirmOverHttp(apps[1]!.url, tokens[0]!), 'already_confirmed');
});

test('rate limits hold across instances: a burst from one address split between them is held all the same', async () => {
  const p = petitionFixture();
  const petitionId = await insertPetition(db.sql, p);
  for (let i = 0; i < 8; i++) {
    const res = await signOverHttp(apps[i % 2]!.url, p.slug, { name: `Burst ${i}`, email: `burst${i}@example.org`, country: 'FR' }, '203.0.113.50');
    assert.equal(res.status, 202);
  }
  const rows = await db.sql`select suspect_reason from signatures where petition_id = ${petitionId} order by id`;
  assert.deepEqual(
    rows.map((r) => r.suspect_reason),
    [null, null, null, null, null, 'ip_burst', 'ip_burst', 'ip_burst'],
  );
});

test('sessions live in the database: a sign-in made through one instance is valid on the other', async () => {
  const sql = postgres(db.url, { ...postgresDefaults, max: 1 });
  try {
    const { createHmac, randomBytes } = await import('node:crypto');
    const [account] = await sql`insert into accounts (email) values ('both@example.org') returning id`;
    const token = randomBytes(32).toString('base64url');
    const hash = createHmac('sha256', SYSTEM_SECRET).update(token, 'utf8').digest();
    await sql`insert into sessions (token_hash, account_id, expires_at) values (${hash}, ${account!.id}, now() + interval '1 hour')`;
    for (const app of apps) {
      const res = await fetch(`${app.url}/dashboard`, { headers: { cookie: `undersign_session=${token}` }, redirect: 'manual' });
      assert.equal(res.status, 200, `${app.url} knows the session`);
    }
  } finally {
    await sql.end();
  }
});

test('a surge of viewers of one petition page costs one rendering per interval, and the count shown is at most that old', async () => {
  const p = petitionFixture();
  const petitionId = await insertPetition(db.sql, p);
  const url = `${apps[0]!.url}/p/${p.slug}`;

  const responses = await Promise.all(Array.from({ length: 40 }, () => fetch(url)));
  const bodies = await Promise.all(responses.map((r) => r.text()));
  assert.deepEqual([...new Set(responses.map((r) => r.status))], [200]);
  assert.equal(responses.filter((r) => r.headers.get('x-undersign-cache') === 'miss').length, 1, 'one rendering for 40 viewers at once');
  assert.equal(new Set(bodies).size, 1);
  // The policy and the page it protects travel together: the header lists the hashes of exactly the page's inline scripts.
  const policies = new Set(responses.map((r) => r.headers.get('content-security-policy')));
  assert.equal(policies.size, 1);
  const listed = [...policies][0]!.match(/'sha256-[^']+'/g) ?? [];
  assert.deepEqual(listed, inlineScriptHashes(bodies[0]!));
  assert.ok(listed.length > 0);

  // Anyone carrying a cookie (a signed-in organiser) gets their own rendering.
  const own = await fetch(url, { headers: { cookie: 'undersign_session=x' } });
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('x-undersign-cache'), null);

  // The count moves; the page follows within the interval (2 s) plus one rendering.
  await db.sql`insert into petition_counters (petition_id, shard, confirmed) values (${petitionId}, 0, 4321)`;
  const moved = Date.now();
  for (;;) {
    const html = await (await fetch(url)).text();
    if (html.includes('4,321')) break;
    assert.ok(Date.now() - moved < 3_000, 'the page showed the new count within 3 s');
    await new Promise((r) => setTimeout(r, 100));
  }
});
