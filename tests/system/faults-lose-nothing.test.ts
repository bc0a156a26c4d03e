import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import postgres from 'postgres';
import { postgresDefaults } from '@/db/connection';
import { insertPetition } from '@/db/seed';
import { decodeSignFormFlash } from '@/lib/signatures/form-flash';
import { petitionFixture } from '../support/app';
import { createTestDatabase } from '../support/database';
import { freePort, inParallel, signOverHttp, startAppProcess, startOwnPostgres, storedEmails, type Proc } from '../support/processes';
import { queuedSignatureBatches } from '../support/queue';
import { recipientOf, startSmtpSink, type SmtpSink } from '../support/smtp-sink';

// Each test owns its processes and stops them, passed or failed: app processes first (an SMTP
// server waits for its clients to leave before it closes), then servers, then databases.
const cleanups: (() => Promise<unknown>)[] = [];
const apps: Proc[] = [];
after(async () => {
  await Promise.all(apps.map((a) => a.kill('SIGKILL')));
  for (const c of cleanups.reverse()) await Promise.race([c().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
});

// Distinct people: each at a domain of their own (the per-domain limit counts registrable domains).
const signer = (tag: string, i: number) => ({ name: `${tag} ${i}`, email: `${tag}${i}@d${i}.example`, country: 'FR' });

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The stored count matches the signatures table: what the recount job would find. */
async function assertNoCountDrift(sql: postgres.Sql, petitionId: string) {
  const [r] = await sql`
    select (select coalesce(sum(confirmed), 0)::int from petition_counters where petition_id = ${petitionId}) as stored,
           (select count(*)::int from signatures where petition_id = ${petitionId} and status = 'confirmed') as actual`;
  assert.equal(r!.stored, r!.actual, 'no drift between the stored count and the signatures table');
}

async function setup() {
  const db = await createTestDatabase();
  const smtp = await startSmtpSink();
  cleanups.push(
    () => smtp.stop(),
    () => db.drop(),
  );
  const p = petitionFixture();
  const petitionId = await insertPetition(db.sql, p);
  return { db, smtp, slug: p.slug, petitionId };
}

const mailsTo = (smtp: SmtpSink, email: string) => smtp.messages.filter((m) => recipientOf(m) === email).length;

test('the app killed with SIGKILL mid-load: every signature that got a 2xx is stored and gets its email once the app is back', async () => {
  const { db, smtp, slug, petitionId } = await setup();
  const port = await freePort();
  let app: Proc = await startAppProcess({ databaseUrl: db.url, smtpUrl: smtp.url, port, inProcessWorker: true });
  apps.push(app);
  const accepted: string[] = [];
  let done = 0;
  const load = inParallel(
    Array.from({ length: 400 }, (_, i) => signer('kill', i)),
    16,
    async (s, i) => {
      const res = await signOverHttp(`http://127.0.0.1:${port}`, slug, s, `10.2.${i & 255}.${(i >> 8) + 1}`).catch(() => null);
      if (res?.status === 202) accepted.push(s.email);
      if (++done === 120) await app.kill('SIGKILL');
    },
  );
  await load;
  assert.ok(accepted.length >= 100 && accepted.length < 400, `${accepted.length} accepted before the kill`);
  // The jobs the killed worker held (each carries up to 25 signatures): the only emails that may go twice.
  const heldIds = (await queuedSignatureBatches(db.sql)).filter((j) => j.locked).flatMap((j) => j.signatureIds);
  const inFlight = new Set(await storedEmails(db.sql, { ids: heldIds }));

  app = await startAppProcess({ databaseUrl: db.url, smtpUrl: smtp.url, port, inProcessWorker: true });
  apps.push(app);
  const stored = new Set(await storedEmails(db.sql, { petitionId }));
  assert.deepEqual(
    accepted.filter((e) => !stored.has(e)),
    [],
    'every 2xx is in the database',
  );
  // Jobs the killed worker held stay locked until its heartbeat has been silent for 60 s (it is
  // gone), then the restarted app's worker releases and sends them.
  await until(() => accepted.every((e) => mailsTo(smtp, e) >= 1), 'a confirmation email for every accepted signature', 180_000);
  assert.deepEqual(
    accepted.filter((e) => mailsTo(smtp, e) > 1 && !inFlight.has(e)),
    [],
    'only emails of jobs in flight at the kill are sent twice',
  );
  await assertNoCountDrift(db.sql, petitionId);
});

test('PostgreSQL restarted during load: requests fail fast with 503 and Retry-After, and the app recovers by itself', async () => {
  const pg = await startOwnPostgres('faults');
  cleanups.push(() => pg.remove());
  const url = pg.url;
  const sql = postgres(url, { ...postgresDefaults, max: 2 });
  cleanups.push(() => sql.end({ timeout: 1 }));
  const p = petitionFixture();
  const petitionId = await insertPetition(sql, p);
  const smtp = await startSmtpSink();
  cleanups.push(() => smtp.stop());
  const app = await startAppProcess({ databaseUrl: url, smtpUrl: smtp.url, inProcessWorker: true });
  apps.push(app);

  assert.equal((await signOverHttp(app.url, p.slug, signer('pg', 0), '10.3.0.1')).status, 202);
  await sql.end({ timeout: 1 });
  await pg.stop();

  const outage = await inParallel(
    Array.from({ length: 12 }, (_, i) => i + 1),
    4,
    async (i) => {
      const started = Date.now();
      const res = await signOverHttp(app.url, p.slug, signer('pg', i), `10.3.0.${i + 1}`);
      return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started, body: await res.text() };
    },
  );
  for (const r of outage) {
    assert.equal(r.status, 503, `during the outage: ${r.status} ${r.body.slice(0, 200)}`);
    assert.ok(r.retryAfter, 'a retry hint');
    assert.ok(r.ms < 8_000, `answered in ${r.ms} ms, not left hanging`);
    assert.ok(!/at \w+ \(|node_modules/.test(r.body), 'no stack trace');
  }
  // The form without JavaScript: back to the page with what was typed and the outage notice, not a 500.
  const form = await fetch(`${app.url}/api/petitions/${p.slug}/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, 'x-forwarded-for': '10.3.0.99' },
    body: new URLSearchParams({ name: 'Offline Signer', email: 'offline@example.org', country: 'FR', locale: 'en' }),
    redirect: 'manual',
  });
  assert.equal(form.status, 303);
  assert.equal(form.headers.get('location'), `/p/${p.slug}#sign-title`);
  const kept = decodeSignFormFlash(/sign_form=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1]);
  assert.deepEqual(kept && { status: kept.status, name: 'values' in kept ? kept.values.name : null }, { status: 'unavailable', name: 'Offline Signer' });

  await pg.restart();
  let recovered = 0;
  await until(
    async () => (await signOverHttp(app.url, p.slug, signer('pg', 100 + recovered++), `10.3.1.${recovered}`)).status === 202,
    'the app signing again after the database came back',
    30_000,
  );
  const check = postgres(url, { ...postgresDefaults, max: 1 });
  try {
    const [r] = await check`select count(*)::int as n from signatures where petition_id = ${petitionId}`;
    assert.ok(r!.n >= 2, 'signatures before and after the outage are stored');
    await assertNoCountDrift(check, petitionId);
  } finally {
    await check.end({ timeout: 1 });
  }
});

test('the SMTP server down for a minute: nothing is lost, the backlog drains when it returns, nobody gets the same confirmation twice', async () => {
  const { db, smtp, slug, petitionId } = await setup();
  const app = await startAppProcess({ databaseUrl: db.url, smtpUrl: smtp.url, inProcessWorker: true });
  apps.push(app);
  const smtpPort = smtp.port;
  await smtp.stop();
  const outageStarted = Date.now();
  const emails: string[] = [];
  for (let i = 0; i < 30; i++) {
    const s = signer('smtp', i);
    assert.equal((await signOverHttp(app.url, slug, s, `10.4.0.${i + 1}`)).status, 202, 'signing does not wait for mail');
    emails.push(s.email);
  }
  await new Promise((r) => setTimeout(r, Math.max(0, 60_000 - (Date.now() - outageStarted))));
  const back = await startSmtpSink({ port: smtpPort });
  cleanups.push(() => back.stop());
  await until(() => emails.every((e) => mailsTo(back, e) >= 1), 'the backlog drained', 150_000);
  await new Promise((r) => setTimeout(r, 3_000));
  assert.deepEqual(
    emails.filter((e) => mailsTo(back, e) !== 1),
    [],
    'exactly one confirmation email each',
  );
  const [r] = await db.sql`select count(*)::int as n from graphile_worker.jobs`;
  assert.equal(r!.n, 0, 'no job left behind');
  await assertNoCountDrift(db.sql, petitionId);
});

test('SIGTERM lets requests in flight finish and the worker finish its jobs before the process exits', async () => {
  const db = await createTestDatabase();
  // A slow relay, so jobs are mid-send when the signal arrives.
  const smtp = await startSmtpSink({ delayMs: 1_500 });
  cleanups.push(
    () => smtp.stop(),
    () => db.drop(),
  );
  const p = petitionFixture();
  const petitionId = await insertPetition(db.sql, p);
  const app = await startAppProcess({ databaseUrl: db.url, smtpUrl: smtp.url, inProcessWorker: true });
  apps.push(app);

  const first = await inParallel(
    Array.from({ length: 6 }, (_, i) => signer('term', i)),
    6,
    (s, i) => signOverHttp(app.url, p.slug, s, `10.5.0.${i + 1}`),
  );
  assert.ok(first.every((r) => r.status === 202));
  await until(async () => (await db.sql`select 1 from graphile_worker.jobs where locked_at is not null`).length > 0, 'a job being sent', 10_000);

  const inFlight = inParallel(
    Array.from({ length: 40 }, (_, i) => signer('term', 10 + i)),
    40,
    (s, i) =>
      signOverHttp(app.url, p.slug, s, `10.5.1.${i + 1}`).then(
        (r) => r.status,
        (e: Error) => e.message,
      ),
  );
  await new Promise((r) => setTimeout(r, 30));
  const exitCode = app.kill('SIGTERM');
  const statuses = await inFlight;
  // Requests that reached the server before the signal complete; later ones are refused at connect, never cut off half-way.
  assert.ok(
    statuses.every((s) => s === 202 || /ECONNREFUSED|fetch failed/.test(String(s))),
    statuses.join(', '),
  );
  assert.ok(statuses.filter((s) => s === 202).length > 0, 'requests in flight completed');
  assert.equal(await exitCode, 0, 'a clean exit');
  const [locked] = await db.sql`select count(*)::int as n from graphile_worker.jobs where locked_at is not null`;
  assert.equal(locked!.n, 0, 'no job left locked mid-send');
  const sentTo = new Set(smtp.messages.map(recipientOf));
  assert.ok(first.length > 0 && [...sentTo].length >= 1, 'the jobs in flight were sent');
  await assertNoCountDrift(db.sql, petitionId);
});
