import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import postgres from 'postgres';
import { postgresDefaults } from '@/db/connection';
import { insertPetition } from '@/db/seed';
import { jobNames } from '@/lib/jobs/jobs';
import { RETENTION_LOCK } from '@/lib/privacy/statements';
import { petitionFixture } from '../support/app';
import { createTestDatabase } from '../support/database';
import { startPgBouncer, type PgBouncer } from '../support/pgbouncer';
import { confirmationTokenIn, confirmOverHttp, inParallel, signOverHttp, startAppProcess, startWorkerProcess, type Proc } from '../support/processes';
import { recipientOf, startSmtpSink, type SmtpSink } from '../support/smtp-sink';

// The production shape behind a transaction pooler: two app instances and a separate worker whose
// DATABASE_URL is Debian's PgBouncer in transaction mode (4 server connections for all of them),
// and whose DATABASE_DIRECT_URL is the database itself, for what needs a session of its own (the
// queue's LISTEN, the retention run's session lock, migrations). The database is in Asia/Tehran.

const POOL_SIZE = 4;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let bouncer: PgBouncer;
let smtp: SmtpSink;
let apps: (Proc & { url: string })[] = [];
let worker: Proc | undefined;
let pooledUrl: string;
// The statement figures' clients, 4 connections each, connected at the start: the machine's PostgreSQL is
// shared (max_connections 100 here), and connecting later could find it full.
let viaPooler: postgres.Sql | undefined;
let viaDirect: postgres.Sql | undefined;

before(async () => {
  db = await createTestDatabase();
  const name = new URL(db.url).pathname.slice(1);
  await db.sql.unsafe(`alter database "${name}" set timezone = 'Asia/Tehran'`);
  const upstream = new URL(db.url);
  bouncer = await startPgBouncer({ upstream: { host: upstream.hostname, port: Number(upstream.port || 5432) }, poolSize: POOL_SIZE });
  pooledUrl = bouncer.pooledUrl(db.url);
  viaPooler = postgres(pooledUrl, { ...postgresDefaults, prepare: false, max: 4 });
  viaDirect = postgres(db.url, { ...postgresDefaults, max: 4 });
  await Promise.all([viaPooler, viaDirect].flatMap((sql) => Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`)));
  smtp = await startSmtpSink();
  const extraEnv = { DATABASE_DIRECT_URL: db.url, DATABASE_POOLER: 'transaction' };
  apps = await Promise.all([0, 1].map(() => startAppProcess({ databaseUrl: pooledUrl, smtpUrl: smtp.url, extraEnv })));
  // 8 jobs at once: graphile-worker's direct pool is then 10 sessions at most (the machine's PostgreSQL is shared).
  worker = startWorkerProcess({ databaseUrl: pooledUrl, smtpUrl: smtp.url, appUrl: apps[0]!.url, extraEnv: { ...extraEnv, WORKER_CONCURRENCY: '8' } });
});
after(async () => {
  await Promise.all([...apps.map((a) => a.kill()), worker?.kill()]);
  await Promise.all([viaPooler?.end({ timeout: 5 }), viaDirect?.end({ timeout: 5 })]);
  await bouncer?.stop();
  await smtp?.stop();
  await db?.drop();
});

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}\n${worker?.output().slice(-2000) ?? ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Client = { addr: string; port: number; database: string };

test('signing and confirming through the pooler on two instances count exactly, one email each, on at most the pool’s server connections', async () => {
  const p = petitionFixture();
  const petitionId = await insertPetition(db.sql, p);
  const N = 200;
  const signers = Array.from({ length: N }, (_, i) => ({ name: `Pooled ${i}`, email: `pooled${i}@p${i}.example`, country: 'FR' }));
  const statuses = await inParallel(signers, 20, async (s, i) => (await signOverHttp(apps[i % 2]!.url, p.slug, s, `10.2.${i & 255}.${(i >> 8) + 1}`)).status);
  assert.deepEqual([...new Set(statuses)], [202]);

  const isOurs = (m: (typeof smtp.messages)[number]) => recipientOf(m).startsWith('pooled');
  await waitFor(`${N} confirmation emails`, () => smtp.messages.filter(isOurs).length >= N);
  const recipients = new Set(smtp.messages.filter(isOurs).map(recipientOf));
  assert.equal(recipients.size, N);
  assert.equal(smtp.messages.filter(isOurs).length, N, 'exactly one confirmation email per signature');

  const tokens = smtp.messages.filter(isOurs).map((m) => confirmationTokenIn(m.text ?? ''));
  const confirmed = await inParallel(tokens, 20, (token, i) => confirmOverHttp(apps[(i + 1) % 2]!.url, token));
  assert.deepEqual([...new Set(confirmed)], ['confirmed']);
  // The public read's prepared query (on a direct pool, prepared once per connection) runs unprepared here.
  for (const app of apps) {
    const count = (await (await fetch(`${app.url}/api/petitions/${p.slug}/count`)).json()) as { signatureCount: number };
    assert.equal(count.signatureCount, N);
  }
  const [row] = await db.sql`select count(*)::int as n from signatures where petition_id = ${petitionId} and status = 'confirmed'`;
  assert.equal(row!.n, N);

  // Every app and worker pool (10 connections each) went through PgBouncer, which used at most its pool's.
  const servers = await bouncer.admin<Client>('SHOW SERVERS');
  const clients = (await bouncer.admin<Client>('SHOW CLIENTS')).filter((c) => c.database !== 'pgbouncer');
  console.log(`PgBouncer: ${clients.length} client connections on ${servers.length} server connections`);
  assert.ok(servers.length <= POOL_SIZE, `${servers.length} server connections`);
  assert.ok(clients.length > POOL_SIZE, `${clients.length} clients shared them`);
});

test('the queue listens on a direct session, not through the pooler', async () => {
  const listeners = await db.sql<{ port: number }[]>`
    select client_port as port from pg_stat_activity where datname = current_database() and query ilike 'listen%'`;
  assert.ok(listeners.length >= 1, 'the worker LISTENs for new jobs');
  const pooled = new Set((await bouncer.admin<{ local_port: number }>('SHOW SERVERS')).map((s) => Number(s.local_port)));
  for (const l of listeners) assert.ok(!pooled.has(Number(l.port)), 'the listening session is not one of PgBouncer’s server connections');
});

test('the retention run holds its session lock on a direct connection: it runs each time and leaves no lock behind', async () => {
  const petitionId = await insertPetition(db.sql, petitionFixture());
  const oldWindows = async () =>
    (await db.sql`select count(*)::int as n from petition_sign_windows where petition_id = ${petitionId} and window_start < now() - interval '1 day'`)[0]!
      .n as number;
  const queue = postgres(pooledUrl, { ...postgresDefaults, prepare: false, max: 1 });
  try {
    for (let run = 0; run < 3; run++) {
      await db.sql`insert into petition_sign_windows (petition_id, window_start, shard, signs) values (${petitionId}, now() - interval '2 days' - ${`${run} minutes`}::interval, 0, 1)`;
      // Queued through the pooler, as the app queues every job.
      await queue`select graphile_worker.add_job(${jobNames.applyRetention}, '{}'::json)`;
      await waitFor(`retention run ${run + 1}`, async () => (await oldWindows()) === 0, 30_000);
      await waitFor(
        `retention run ${run + 1} to finish`,
        async () => (await db.sql`select 1 from graphile_worker.jobs where task_identifier = ${jobNames.applyRetention}`).length === 0,
      );
      const locks = await db.sql`select 1 from pg_locks where locktype = 'advisory' and objid = ${RETENTION_LOCK}`;
      assert.equal(locks.length, 0, 'no retention lock is left held after the run');
    }
  } finally {
    await queue.end({ timeout: 5 });
  }
});

test('sessions through the pooler: an organiser asks for a link on one instance, signs in on the other, and is signed in on both', async () => {
  const organiser = `pooled-organiser-${Date.now()}@example.org`;
  const browser = await chromium.launch(
    existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] } : {},
  );
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${apps[0]!.url}/login`);
    await page.getByLabel('Email', { exact: true }).fill(organiser);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('status').filter({ hasText: 'sign-in link is on its way' }).waitFor();
    const mail = await smtp.waitFor((m) => recipientOf(m) === organiser, 30_000);
    const link = new URL(/https?:\/\/\S+\/login\/[A-Za-z0-9_-]{43}\S*/.exec(mail.text ?? '')![0]);
    await page.goto(`${apps[1]!.url}${link.pathname}${link.search}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Your petitions' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'undersign_session');
    assert.ok(cookie, 'a session cookie');
    for (const app of apps) {
      const res: Response = await fetch(`${app.url}/dashboard`, { headers: { cookie: `undersign_session=${cookie.value}` }, redirect: 'manual' });
      assert.equal(res.status, 200, `${app.url} knows the session`);
    }
  } finally {
    await browser.close();
  }
});

test('behind the pooler every connection of the app is in UTC, while the database and other clients are in Asia/Tehran', async () => {
  // The app's settings travel as a startup parameter, which PgBouncer sets again on whichever server
  // connection each transaction gets; a client without them shares the same server connections.
  const app = postgres(pooledUrl, { ...postgresDefaults, prepare: false, max: 6 });
  const other = postgres(pooledUrl, { onnotice: () => {}, prepare: false, max: 6 });
  try {
    const zones = await Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        const client = i % 2 ? other : app;
        const [r] = await client<{ zone: string; day: string }[]>`
          select current_setting('TimeZone') as zone, ('2026-03-20T21:00:00Z'::timestamptz)::date::text as day, ${i}::int as i`;
        return `${i % 2 ? 'other' : 'app'} ${r!.zone} ${r!.day}`;
      }),
    );
    assert.deepEqual([...new Set(zones)].sort(), ['app UTC 2026-03-20', 'other Asia/Tehran 2026-03-21']);
  } finally {
    await Promise.all([app.end({ timeout: 5 }), other.end({ timeout: 5 })]);
  }
});

test('throughput: signing through the pooler beside signing on a direct connection (figures for docs/scaling.md)', async () => {
  // 4 connections: as many as PgBouncer gives the pooled instances between them.
  const direct = await startAppProcess({ databaseUrl: db.url, smtpUrl: smtp.url, extraEnv: { DB_POOL_MAX: '4' } });
  try {
    const targets = { pooled: { url: apps[0]!.url, ms: 0, n: 0 }, direct: { url: direct.url, ms: 0, n: 0 } };
    const p = petitionFixture();
    await insertPetition(db.sql, p);
    let k = 0;
    const batch = async (url: string, n: number) => {
      const signers = Array.from({ length: n }, () => {
        k += 1;
        return { s: { name: `Rate ${k}`, email: `rate${k}@r${k}.example`, country: 'FR' }, ip: `10.3.${k & 255}.${(k >> 8) + 1}` };
      });
      const started = performance.now();
      const statuses = await inParallel(signers, 20, async ({ s, ip }) => (await signOverHttp(url, p.slug, s, ip)).status);
      assert.deepEqual([...new Set(statuses)], [202]);
      return performance.now() - started;
    };
    // Warm-up (the direct instance's first requests compile and connect), then rounds taken in turn,
    // so that a change in the machine's other load falls on both alike.
    await Promise.all([batch(targets.pooled.url, 20), batch(targets.direct.url, 20)]);
    for (let round = 0; round < 4; round++) {
      for (const t of round % 2 ? [targets.direct, targets.pooled] : [targets.pooled, targets.direct]) {
        t.ms += await batch(t.url, 60);
        t.n += 60;
      }
    }
    const rate = (t: { ms: number; n: number }) => t.n / (t.ms / 1000);
    const [pooled, straight] = [rate(targets.pooled), rate(targets.direct)];
    console.log(`signing, 240 signatures each at 20 at once, in alternating rounds: through PgBouncer ${pooled.toFixed(0)}/s, direct ${straight.toFixed(0)}/s`);
    // The database side alone: a parametrised read by the petition's slug, 20 at once on 4 connections, prepared on a
    // direct pool and unprepared through PgBouncer (as the app's pools run them).
    const statements = async (sql: postgres.Sql, n: number) => {
      let i = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (i++ < n)
            await sql`select p.id, coalesce(sum(c.confirmed), 0)::int as n from petitions p left join petition_counters c on c.petition_id = p.id where p.slug = ${p.slug} group by p.id`;
        }),
      );
      return performance.now() - started;
    };
    const [pooledSql, directSql] = [viaPooler!, viaDirect!];
    await Promise.all([statements(pooledSql, 200), statements(directSql, 200)]); // warm up
    // In alternating rounds, as above.
    const ms = { pooled: 0, direct: 0 };
    for (let round = 0; round < 4; round++) {
      for (const which of round % 2 ? (['direct', 'pooled'] as const) : (['pooled', 'direct'] as const)) {
        ms[which] += await statements(which === 'pooled' ? pooledSql : directSql, 750);
      }
    }
    const [sPooled, sDirect] = [3_000 / (ms.pooled / 1000), 3_000 / (ms.direct / 1000)];
    console.log(
      `one read statement, 3,000 at 20 at once on 4 connections: through PgBouncer unprepared ${sPooled.toFixed(0)}/s, direct prepared ${sDirect.toFixed(0)}/s`,
    );
    // A transaction pooler costs a round trip per statement (no prepared statements); it must stay the same order of magnitude.
    assert.ok(pooled > straight * 0.3, `through the pooler ${pooled.toFixed(0)}/s against ${straight.toFixed(0)}/s direct`);
  } finally {
    await direct.kill();
  }
});
