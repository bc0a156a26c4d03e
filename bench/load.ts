import autocannon from 'autocannon';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import postgres from 'postgres';
import { postgresDefaults } from '../db/connection';
import { insertPetition } from '../db/seed';
import { freePort, startAppProcess, SYSTEM_SECRET } from '../tests/support/processes';
import { queuedSignatureBatches } from '../tests/support/queue';
import { benchDatabase } from './database';

// Load benchmarks against `npm start` on 127.0.0.1: each app path and its baseline in the same run,
// on the same build and database, with autocannon in this process (so the load generator shares the
// machine's cores, as the field notes' baselines did). Every run stops by itself.

export type LoadRow = { name: string; rps: number; p99: number; baseline?: string; baselineRps?: number; errors: number; note?: string };

const DURATION = Number(process.env.BENCH_SECONDS ?? 30);
const BASELINE_DURATION = Math.min(DURATION, 15);

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: 50, pipelining: 1, ...opts }, (err, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

// The worker's relay, run here until the outbox is empty (the benchmark's app runs no worker).
async function relayAll(): Promise<number> {
  const { relaySignatureEmails } = await import('../lib/jobs/relay-signature-emails');
  let total = 0;
  for (let n = -1; n !== 0; total += n) n = await relaySignatureEmails();
  return total;
}

/** Whether the build in .next is one made for benchmarks: compiled server, and the baseline routes in its manifest. */
function hasBaselineRoutes(): boolean {
  const manifest = '.next/server/app-paths-manifest.json';
  if (!existsSync('.next/undersign-server.mjs') || !existsSync(manifest)) return false;
  const routes = Object.keys(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>);
  return ['/api/bench/insert/route', '/api/bench/static/route'].every((r) => routes.includes(r));
}

const ok = (r: autocannon.Result) => r['2xx'] / (r.duration || 1);

// The app's pool for the benchmark, and the bare server's: the same settings for both.
const POOL_MAX = '20';

/** The bare Node.js baseline (bench/bare-insert-server.ts) as its own process, like the app. */
async function startBareServer(databaseUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-insert-server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DB_POOL_MAX: POOL_MAX },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bare baseline server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))),
  };
}

export async function benchLoad(): Promise<{ rows: LoadRow[]; server: string; checks: string[] }> {
  if (!hasBaselineRoutes()) {
    // A production build leaves the baseline routes out (next.config.ts): build one with them.
    console.log('Building the app with the benchmark baselines (BENCH_BASELINES=1 npm run build); rebuild before deploying.');
    const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', BENCH_BASELINES: '1' } });
    if (built.status !== 0 || !hasBaselineRoutes()) throw new Error('The benchmark build failed or lacks the baseline routes.');
  }
  const db = await benchDatabase();
  const sql = postgres(db.url, { ...postgresDefaults, max: 4 });
  const rows: LoadRow[] = [];
  const checks: string[] = [];
  const app = await startAppProcess({
    databaseUrl: db.url,
    smtpUrl: 'smtp://127.0.0.1:9',
    inProcessWorker: false,
    extraEnv: { BENCH_BASELINES: '1', DB_POOL_MAX: POOL_MAX },
  });
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    // Each request speaks for its own client through the one trusted proxy hop (as behind a load
    // balancer), so the per-IP and per-domain limits run as in production. Only the petition-wide
    // breaker, a per-deployment emergency setting (60,000 a minute by default), is lifted.
    await sql`update abuse_limits set max_count = 100000000 where name = 'petition_breaker'`;
    await sql`create table bench_baseline (id bigserial primary key, name text, email text, created_at timestamptz default now())`;
    bare = await startBareServer(db.url);
    const slug = 'bench-load';
    // A platform that has been running: 200,000 signatures on earlier petitions, with the planner's
    // statistics, so the surge does not also pay for a brand-new table's first vacuums and analyses.
    const history = await insertPetition(sql, {
      slug: 'bench-history',
      title: 'Earlier petition',
      summary: 'Signed before the surge.',
      body: '',
      target: 'Everyone',
      goal: 1_000_000,
      demands: ['One'],
    });
    await sql`insert into signatures (petition_id, name, email, canonical_email, email_domain, country, status, confirmed_at, created_at)
      select ${history}, 'Earlier ' || g, 'e' || g || '@d' || (g % 5000) || '.example.org', 'e' || g || '@d' || (g % 5000) || '.example.org',
             'd' || (g % 5000) || '.example.org', 'FR', 'confirmed', now() - interval '2 days', now() - interval '3 days'
      from generate_series(1, 200000) g`;
    await sql`vacuum analyze signatures`;
    const petitionId = await insertPetition(sql, {
      slug,
      title: 'Load test petition',
      summary: 'For the benchmark.',
      body: 'Some **body** text.',
      target: 'Everyone',
      goal: 1_000_000,
      demands: ['One', 'Two', 'Three'],
    });
    const unique = () => randomBytes(6).toString('hex');
    // Each signer at a registrable domain of its own (`d<random>.example`), as in a surge of real people:
    // the per-domain limit counts registrable domains (every `d<random>.example.org` is example.org).
    const client = () => ({ 'x-forwarded-for': `10.${randomBytes(3).join('.')}` });
    // Warm-up: the first requests of each route load and compile its code.
    await run({
      url: `${app.url}/api/bench/insert`,
      duration: 2,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"w","email":"w@example.org"}',
    });
    await run({ url: bare.url, duration: 2, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"w","email":"w@example.org"}' });
    await run({
      url: `${app.url}/api/petitions/${slug}/signatures`,
      duration: 2,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            headers: { ...r.headers, ...client() },
            body: JSON.stringify({ name: 'Warm Up', email: `w${unique()}@d${unique()}.example`, country: 'FR' }),
          }),
        },
      ],
    });
    // Requests still in flight when a load stops: wait until nothing more arrives.
    const settled = async () => {
      for (let last = -1, now = 0; now !== last; await new Promise((r) => setTimeout(r, 500))) {
        last = now;
        now = (await sql`select count(*)::int as n from signatures where petition_id = ${petitionId}`)[0]!.n;
      }
    };
    await settled();
    await sql`delete from signatures where petition_id = ${petitionId}`;
    await sql`truncate signature_email_outbox, bench_baseline`;

    // 1. Sign (JSON API) against (a) one INSERT in a minimal Next route handler and (b) one INSERT in
    // a bare Node.js server. Each baseline runs before the writes and after them (half as long each)
    // and its mean is the reference: the machine's speed drifts over a run by more than the
    // differences being measured (and it is shared with other work: the ratios are what to read).
    const insertBody = () => JSON.stringify({ name: 'Base Line', email: `${unique()}@example.org` });
    const baseline = (url: string) =>
      run({
        url,
        duration: BASELINE_DURATION / 2,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (r) => ({ ...r, body: insertBody() }) }],
      });
    const nextBefore = await baseline(`${app.url}/api/bench/insert`);
    const bareBefore = await baseline(bare.url);
    const sign = await run({
      url: `${app.url}/api/petitions/${slug}/signatures`,
      duration: DURATION,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            headers: { ...r.headers, ...client() },
            body: JSON.stringify({ name: 'Load Signer', email: `s${unique()}@d${unique()}.example`, country: 'FR' }),
          }),
        },
      ],
    });
    // The worker is off here: each email waits in the outbox; relaying it is the worker's batch job.
    await settled();
    const [outbox] = await sql`select count(*)::int as n from signature_email_outbox`;
    const relayStart = performance.now();
    const relayed = await relayAll();
    const relaySeconds = (performance.now() - relayStart) / 1000;
    const queuedIds = (await queuedSignatureBatches(sql)).flatMap((j) => j.signatureIds);
    const [stored] = await sql`select count(*)::int as n, count(*) filter (where suspected_at is not null)::int as held,
        count(*) filter (where s.id not in (select unnest(${queuedIds}::bigint[])))::int as unqueued
      from signatures s where petition_id = ${petitionId}`;
    checks.push(
      `sign: ${sign['2xx']} accepted, ${stored!.n} stored (${stored!.held} held by a limit), ${outbox!.n} emails in the outbox, ` +
        `relayed to the queue in ${relaySeconds.toFixed(1)} s (${Math.round(relayed / relaySeconds)} signatures/s, 25 to a job); signatures without a queued email: ${stored!.unqueued}`,
    );

    // 2. The browser's sign form without JavaScript: the form post a browser sends to /api/petitions/<slug>/sign.
    const formBody = (email: string) =>
      new URLSearchParams({ name: 'Form Signer', email, country: 'FR', postcode: '', comment: '', website: '', locale: 'en' }).toString();
    // Names are sealed: the form's signatures are those stored after the API's.
    const [beforeForm] = await sql`select count(*)::int as n from signatures where petition_id = ${petitionId}`;
    const form = await run({
      url: `${app.url}/api/petitions/${slug}/sign`,
      duration: Math.min(DURATION, 20),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      requests: [{ setupRequest: (r) => ({ ...r, headers: { ...r.headers, ...client() }, body: formBody(`f${unique()}@d${unique()}.example`) }) }],
    });
    // Accepted = stored: a refused form is also a 303 (back to the form), so the database tells them apart.
    await settled();
    const [formStored] = await sql`select count(*)::int - ${beforeForm!.n} as n from signatures where petition_id = ${petitionId}`;
    rows.push({
      name: 'sign: the form POST as a browser without JavaScript sends it (303)',
      rps: formStored!.n / (form.duration || 1),
      p99: form.latency.p99,
      errors: form.non2xx - form['3xx'] + form.errors,
    });
    checks.push(`form: ${form['3xx']} answered 303, ${formStored!.n} signatures stored`);

    // 3. Confirm: distinct pending signatures on the one petition, each confirmed once.
    const n = Number(process.env.BENCH_CONFIRM_TOKENS ?? 150_000);
    const tokens = Array.from({ length: n }, () => randomBytes(32).toString('base64url'));
    await sql`insert into signatures (petition_id, name, email, canonical_email, email_domain, country)
      select ${petitionId}, 'Pending', 'c' || g || '@example.org', 'c' || g || '@example.org', 'example.org', 'FR' from generate_series(1, ${n}) g`;
    const ids = await sql`select id from signatures where petition_id = ${petitionId} and email like 'c%@example.org' order by id`;
    const hashes = tokens.map((t) => createHmac('sha256', SYSTEM_SECRET).update(t, 'utf8').digest());
    for (let i = 0; i < n; i += 5000) {
      const slice = ids.slice(i, i + 5000);
      await sql`insert into signature_tokens (token_hash, signature_id, purpose, expires_at)
        select u.h, u.s, 'confirm', now() + interval '1 day'
        from unnest(${sql.array(hashes.slice(i, i + 5000).map((h) => '\\x' + h.toString('hex')))}::bytea[], ${sql.array(slice.map((r) => Number(r.id)))}::bigint[]) as u(h, s)`;
    }
    const [before] = await sql`select coalesce(sum(confirmed), 0)::int as n from petition_counters where petition_id = ${petitionId}`;
    let next = 0;
    const confirm = await run({
      url: `${app.url}/api/confirmations`,
      duration: DURATION,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (r) => ({ ...r, body: JSON.stringify({ token: tokens[next++ % n] }) }) }],
    });
    const [after] =
      await sql`select coalesce(sum(confirmed), 0)::int as n, (select count(*)::int from signatures where petition_id = ${petitionId} and status = 'confirmed') as actual from petition_counters where petition_id = ${petitionId}`;
    const nextAfter = await baseline(`${app.url}/api/bench/insert`);
    const bareAfter = await baseline(bare.url);
    // Done with the bare server: its connections go back before the reads.
    await bare.stop();
    const nextRps = (ok(nextBefore) + ok(nextAfter)) / 2;
    const bareRps = (ok(bareBefore) + ok(bareAfter)) / 2;
    rows.push({ name: 'baseline (a): Next route handler + one INSERT', rps: nextRps, p99: Math.max(nextBefore.latency.p99, nextAfter.latency.p99), errors: 0 });
    rows.push({ name: 'baseline (b): bare Node.js http + one INSERT', rps: bareRps, p99: Math.max(bareBefore.latency.p99, bareAfter.latency.p99), errors: 0 });
    const signRow = {
      name: 'sign: POST /api/petitions/<slug>/signatures',
      rps: ok(sign),
      p99: sign.latency.p99,
      baseline: '(a) Next route + INSERT',
      baselineRps: nextRps,
      errors: sign.non2xx + sign.errors,
    };
    rows.push(signRow, { ...signRow, baseline: '(b) bare Node + INSERT', baselineRps: bareRps });
    const confirmRow = {
      name: 'confirm: POST /api/confirmations, one petition',
      rps: ok(confirm),
      p99: confirm.latency.p99,
      baseline: '(a) Next route + INSERT',
      baselineRps: nextRps,
      errors: confirm.non2xx + confirm.errors,
    };
    rows.push(confirmRow, { ...confirmRow, baseline: '(b) bare Node + INSERT', baselineRps: bareRps });
    checks.push(
      `confirm: ${confirm['2xx']} answered 200 (${confirm.non2xx} others), count went ${before!.n} → ${after!.n}; ${after!.actual} confirmed rows; exact: ${after!.n === after!.actual}; tokens used ${Math.min(next, n)} of ${n}`,
    );
    checks.push(
      `targets: sign ${(ok(sign) / nextRps).toFixed(2)}× (a) (≥ 2), ${Math.round((ok(sign) / bareRps) * 100)} % of (b) (≥ 30 %); confirm ${(ok(confirm) / nextRps).toFixed(2)}× (a) (≥ 2); p99 sign ${sign.latency.p99} ms, confirm ${confirm.latency.p99} ms (< 100)`,
    );

    // 4. Reads against a static page of the same build.
    const staticPage = await run({ url: `${app.url}/api/bench/static`, duration: BASELINE_DURATION });
    const page = await run({ url: `${app.url}/p/${slug}`, duration: BASELINE_DURATION, headers: { 'accept-encoding': 'br' } });
    const apiRead = await run({ url: `${app.url}/api/petitions/${slug}`, duration: BASELINE_DURATION });
    rows.push({
      name: 'read: the petition page',
      rps: ok(page),
      p99: page.latency.p99,
      baseline: 'static page, same build',
      baselineRps: ok(staticPage),
      errors: page.non2xx + page.errors,
    });
    rows.push({
      name: 'read: GET /api/petitions/<slug>',
      rps: ok(apiRead),
      p99: apiRead.latency.p99,
      baseline: 'static page, same build',
      baselineRps: ok(staticPage),
      errors: apiRead.non2xx + apiRead.errors,
    });
    const rss = (await import('node:fs')).readFileSync(`/proc/${app.child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1];
    checks.push(`app process peak RSS over the whole run: ${Math.round(Number(rss) / 1024)} MB`);
  } finally {
    await bare?.stop();
    await app.kill();
    await sql.end();
    await db.drop();
  }
  return { rows, server: db.server, checks };
}
