import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { Organiser } from '@/lib/auth/session';
import { addWebhook, resendDelivery, setEndpointEnabled } from '@/lib/integrations/endpoints';
import { checkDestination, checkUrl, DestinationRefused, safeRequest } from '@/lib/integrations/safe-request';
import { closePetition } from '@/lib/petitions/lifecycle';
import { deleteExpiredRecords } from '@/lib/privacy/retention';
import { closeDuePetitions } from '@/lib/petitions/scheduled';
import { confirmSignature } from '@/lib/signatures/confirm';
import { withdrawSignature } from '@/lib/signatures/self-service';
import { signPetition } from '@/lib/signatures/sign';
import { issueConfirmationToken, issueManageToken } from '@/lib/signatures/tokens';
import { startBackend } from '../support/app';
import { startReceiver, until, type Received } from '../support/http-receiver';
import { recipientOf } from '../support/smtp-sink';
import { keyOf } from '../support/signers';

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
let seq = 0;

before(async () => {
  // A local receiver over http on 127.0.0.1: allowed in tests by this setting only (refused in production).
  process.env.WEBHOOKS_ALLOW_LOCAL = 'true';
  app = await startBackend();
  const [a] = await app.sql`insert into accounts (email) values ('hooks-owner@example.org') returning id`;
  owner = { id: a!.id, email: 'hooks-owner@example.org', isAdmin: false };
});
after(() => app.stop());

async function ownPetition(overrides: Parameters<typeof app.createPetition>[0] = {}) {
  const p = await app.createPetition(overrides);
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  return p;
}

async function signAndConfirm(p: { slug: string; id: string }, opts: { updates?: boolean; name?: string } = {}) {
  seq += 1;
  const email = `signer${seq}@example.org`;
  await signPetition(
    p.slug,
    { name: opts.name ?? 'Dana Example', email, country: 'FR', postcode: '75011', comment: 'because', updates: opts.updates ?? true },
    { ip: `198.51.100.${seq % 250}` },
  );
  const [row] = await app.sql`select id from signatures where petition_id = ${p.id} and canonical_email = ${keyOf(email)}`;
  const id = Number(row!.id);
  assert.equal((await confirmSignature(await issueConfirmationToken(id))).status, 'confirmed');
  return { id, email };
}

type EventBody = {
  type: string;
  timestamp: string;
  data: { petition: { slug: string; signature_count: number }; signature?: Record<string, unknown>; milestone?: number; reason?: string };
};
const bodyOf = (r: Received) => JSON.parse(r.body) as EventBody;
const ofType = (rs: Received[], type: string) => rs.filter((r) => r.method === 'POST' && bodyOf(r).type === type);

test('a confirmation produces one webhook, signed as Standard Webhooks specifies and verified with its package', async () => {
  const receiver = await startReceiver();
  const p = await ownPetition();
  const created = await addWebhook(owner, p.slug, { url: `${receiver.url}/hook`, events: ['signature.confirmed'] });
  assert.equal(created.status, 'created');
  const secret = created.status === 'created' ? created.secret! : '';
  assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  const stored = await app.sql`select sealed_secret from integration_endpoints where id = ${created.status === 'created' ? created.id : ''}`;
  assert.ok(!Buffer.from(stored[0]!.sealed_secret).toString('latin1').includes(secret.slice(6)), 'the secret is stored sealed, not as given');

  const signer = await signAndConfirm(p);
  await until(() => receiver.received.length >= 1, 20_000, 'the webhook');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(receiver.received.length, 1, 'one request for one confirmation');
  const r = receiver.received[0]!;
  const payload = new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as EventBody;
  assert.equal(payload.type, 'signature.confirmed');
  assert.match(String(r.headers['webhook-id']), /^msg_\d+$/);
  assert.equal(payload.data.petition.slug, p.slug);
  assert.equal(payload.data.petition.signature_count, 1);
  assert.equal(payload.data.signature?.email, signer.email);
  assert.equal(payload.data.signature?.name, 'Dana Example');
  assert.equal(payload.data.signature?.country, 'FR');
  assert.equal(payload.data.signature?.postcode, '75011');
  // Consent per purpose, with the exact text the signer read and when.
  const consents = payload.data.signature?.consents as { updates?: { text: string; givenAt: string } };
  assert.ok(consents.updates?.text && consents.updates.givenAt, JSON.stringify(consents));
  assert.deepEqual(payload.data.signature?.answers, {});
  assert.throws(
    () => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(r.body, r.headers as Record<string, string>),
    'another secret does not verify',
  );
  const [d] = await app.sql`select status, last_status_code, attempts from integration_deliveries where petition_id = ${p.id}`;
  assert.deepEqual({ ...d }, { status: 'delivered', last_status_code: 200, attempts: 1 });
  await receiver.stop();
});

test('a receiver down for a minute gets the events afterwards, once per id, a withdrawal never before its confirmation', async () => {
  const receiver = await startReceiver();
  const p = await ownPetition();
  const created = await addWebhook(owner, p.slug, { url: `${receiver.url}/hook`, events: ['signature.confirmed', 'signature.withdrawn'] });
  assert.equal(created.status, 'created');
  await receiver.down();

  const signer = await signAndConfirm(p);
  await until(
    async () => (await app.sql`select 1 from integration_deliveries where petition_id = ${p.id} and attempts >= 1`).length === 1,
    20_000,
    'a failed attempt',
  );
  // The queue backs off (graphile-worker's exponential backoff): the job waits seconds, then longer.
  const [job] =
    await app.sql`select id, run_at > now() as later, attempts from graphile_worker.jobs where task_identifier = 'deliver_integration_events' and last_error is not null`;
  assert.ok(job?.later, 'the failed job is scheduled for later');
  // The signer withdraws while the receiver is down: that event must wait for the confirmation.
  await withdrawSignature(await issueManageToken(signer.id));
  await until(async () => (await app.sql`select 1 from integration_deliveries where petition_id = ${p.id}`).length === 2, 20_000, 'the withdrawal event');
  // "A minute later": the receiver is back, and the jobs' next tries are brought forward instead of waited for.
  await receiver.up();
  const retry = () =>
    app.sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where task_identifier = 'deliver_integration_events'), run_at := now())`;
  await until(
    async () => {
      await retry();
      return (await app.sql`select 1 from integration_deliveries where petition_id = ${p.id} and status = 'delivered'`).length === 2;
    },
    30_000,
    'both deliveries',
  );
  const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
  assert.equal(new Set(ids).size, 2, 'two events');
  assert.equal(ids.length, 2, 'each delivered once');
  assert.deepEqual(
    receiver.received.map((r) => bodyOf(r).type),
    ['signature.confirmed', 'signature.withdrawn'],
    'the withdrawal after the confirmation',
  );
  await receiver.stop();
});

test("a signer who did not opt in is sent without name or email, and an at-risk petition's signers never with any", async () => {
  const receiver = await startReceiver();
  const p = await ownPetition();
  await addWebhook(owner, p.slug, { url: `${receiver.url}/hook`, events: ['signature.confirmed'] });
  await signAndConfirm(p, { updates: false, name: 'Quiet Person' });
  const risky = await ownPetition();
  await addWebhook(owner, risky.slug, { url: `${receiver.url}/risky`, events: ['signature.confirmed'] });
  await app.sql`update petitions set at_risk_at = now() where id = ${risky.id}`;
  await signAndConfirm(risky, { updates: true, name: 'Hidden Person' });
  await until(() => receiver.received.length >= 2, 20_000, 'both webhooks');
  for (const r of receiver.received) {
    const { data } = bodyOf(r);
    assert.deepEqual(data.signature, { country: 'FR', opted_in: false }, r.path);
    assert.doesNotMatch(r.body, /Quiet|Hidden|@example\.org|75011|because/, 'no personal data anywhere in the body');
  }
  await receiver.stop();
});

test('petition events: a milestone and the closing reach the webhooks that asked for them', async () => {
  const receiver = await startReceiver();
  const p = await ownPetition();
  await addWebhook(owner, p.slug, { url: `${receiver.url}/hook`, events: ['petition.milestone', 'petition.closed'] });
  await signAndConfirm(p);
  const { recordMilestones } = await import('@/lib/petitions/scheduled');
  await recordMilestones();
  await app.sql`update petitions set closes_at = now() - interval '1 minute' where id = ${p.id}`;
  await closeDuePetitions();
  await until(() => receiver.received.length >= 2, 20_000, 'two petition events');
  const types = receiver.received.map((r) => bodyOf(r).type).sort();
  assert.deepEqual(types, ['petition.closed', 'petition.milestone']);
  assert.equal(bodyOf(ofType(receiver.received, 'petition.milestone')[0]!).data.milestone, 1);
  assert.equal(bodyOf(ofType(receiver.received, 'petition.closed')[0]!).data.reason, 'closing_date');
  assert.equal(ofType(receiver.received, 'signature.confirmed').length, 0, 'no event it did not ask for');
  // Closed by its organiser: the same event, once (closing it again changes nothing).
  const other = await ownPetition();
  await addWebhook(owner, other.slug, { url: `${receiver.url}/other`, events: ['petition.closed'] });
  assert.equal((await closePetition(owner, other.slug)).status, 'done');
  await closePetition(owner, other.slug);
  await until(() => receiver.received.some((r) => r.path === '/other'), 20_000, 'the organiser closing');
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(
    receiver.received.filter((r) => r.path === '/other').map((r) => bodyOf(r).data.reason),
    ['organiser'],
  );
  await receiver.stop();
});

test('an organiser resends a delivery under the same id', async () => {
  const receiver = await startReceiver();
  const p = await ownPetition();
  await addWebhook(owner, p.slug, { url: `${receiver.url}/hook`, events: ['signature.confirmed'] });
  await signAndConfirm(p);
  await until(
    async () => (await app.sql`select 1 from integration_deliveries where petition_id = ${p.id} and status = 'delivered'`).length === 1,
    20_000,
    'the webhook',
  );
  const [d] = await app.sql`select id from integration_deliveries where petition_id = ${p.id}`;
  const stranger: Organiser = { id: owner.id.replace(/^.{8}/, '00000000'), email: 'x@example.org', isAdmin: false };
  assert.equal(await resendDelivery(stranger, p.slug, Number(d!.id)), 'not_found');
  assert.equal(await resendDelivery(owner, p.slug, Number(d!.id)), 'queued');
  await until(() => receiver.received.length === 2, 20_000, 'the resend');
  assert.equal(receiver.received[0]!.headers['webhook-id'], receiver.received[1]!.headers['webhook-id']);
  await receiver.stop();
});

test('an endpoint failing for a day is switched off and its organisers are emailed', async () => {
  const receiver = await startReceiver(() => ({ status: 500 }));
  const p = await ownPetition({ title: 'Failing hooks petition' });
  const created = await addWebhook(owner, p.slug, { url: `${receiver.url}/hook`, events: ['signature.confirmed'] });
  const id = created.status === 'created' ? created.id : '';
  await signAndConfirm(p);
  await until(
    async () => (await app.sql`select 1 from integration_endpoints where id = ${id} and failing_since is not null`).length === 1,
    20_000,
    'a failure',
  );
  // A day has passed since the first failure; the next failed attempt switches it off.
  await app.sql`update integration_endpoints set failing_since = now() - interval '25 hours' where id = ${id}`;
  await app.sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where task_identifier = 'deliver_integration_events'), run_at := now())`;
  await until(async () => (await app.sql`select 1 from integration_endpoints where id = ${id} and not enabled`).length === 1, 20_000, 'the switch-off');
  await until(() => app.smtp.messages.some((m) => recipientOf(m) === owner.email && /Failing hooks petition/.test(m.subject ?? '')), 20_000, 'the email');
  const [d] = await app.sql`select status, last_status_code from integration_deliveries where endpoint_id = ${id}`;
  assert.deepEqual({ ...d }, { status: 'failed', last_status_code: 500 });
  // Switched on again by the organiser, it starts a new day.
  assert.equal(await setEndpointEnabled(owner, p.slug, id, true), 'done');
  const [e] = await app.sql`select enabled, failing_since from integration_endpoints where id = ${id}`;
  assert.deepEqual({ ...e }, { enabled: true, failing_since: null });
  await receiver.stop();
});

test('finished deliveries leave the log after 30 days, except pending ones and those holding a receiver’s link', async () => {
  const receiver = await startReceiver();
  const p = await ownPetition();
  const created = await addWebhook(owner, p.slug, { url: `${receiver.url}/hook`, events: ['signature.confirmed'] });
  const endpoint = created.status === 'created' ? created.id : '';
  const row = (label: string, status: string, age: string, remoteRef: string | null) => app.sql`
    insert into integration_deliveries (endpoint_id, petition_id, type, data, occurred_at, status, delivered_at, last_attempt_at, remote_ref)
    values (${endpoint}, ${p.id}, 'petition.milestone', ${app.sql.json({ label })}, now() - ${age}::interval, ${status}::integration_delivery_status,
            case when ${status} = 'delivered' then now() - ${age}::interval end, now() - ${age}::interval, ${remoteRef})`;
  await row('old delivered', 'delivered', '31 days', null);
  await row('old failed', 'failed', '31 days', null);
  await row('old delivered with link', 'delivered', '31 days', 'https://actionnetwork.org/api/v2/petitions/x/signatures/y');
  await row('old pending', 'pending', '31 days', null);
  await row('recent delivered', 'delivered', '29 days', null);
  await deleteExpiredRecords();
  const left = await app.sql<{ label: string }[]>`select data->>'label' as label from integration_deliveries where endpoint_id = ${endpoint} order by id`;
  assert.deepEqual(
    left.map((r) => r.label),
    ['old delivered with link', 'old pending', 'recent delivered'],
  );
  await receiver.stop();
});

test('private and loopback destinations are refused in production settings, after DNS and without following redirects', async () => {
  const production = { allowPrivate: false, body: '{}' };
  const refused = async (url: string, resolve?: (h: string) => Promise<{ address: string; family: 4 | 6 }[]>) => {
    await assert.rejects(safeRequest(url, { ...production, resolve }), DestinationRefused, url);
  };
  await refused('http://hooks.example.org/');
  await refused('https://127.0.0.1/');
  await refused('https://10.1.2.3/');
  await refused('https://169.254.169.254/latest/meta-data');
  await refused('https://[::1]/');
  await refused('https://[fd00::1]/');
  await refused('https://[fe80::1]/');
  await refused('https://[::ffff:127.0.0.1]/');
  await refused('https://[::ffff:7f00:1]/');
  await refused('https://100.64.0.1/');
  await refused('https://user:pass@hooks.example.org/');
  // A name that resolves to loopback (as localtest.me does), and one with a private address among public ones.
  await refused('https://localtest.me/', async () => [{ address: '127.0.0.1', family: 4 }]);
  await refused('https://mixed.example/', async () => [
    { address: '93.184.215.14', family: 4 },
    { address: '192.168.1.10', family: 4 },
  ]);
  await refused('https://v6.example/', async () => [{ address: 'fd12:3456::1', family: 6 }]);
  assert.throws(() => checkUrl('http://hooks.example.org/', false), DestinationRefused);
  assert.equal(checkUrl('https://hooks.example.org/x', false).hostname, 'hooks.example.org');
  // Refused when the organiser adds it, too, after resolving the name: https://localhost/ is never stored.
  await assert.rejects(checkDestination('https://localhost/hook', false), DestinationRefused);
  await assert.rejects(
    checkDestination('https://localtest.me/', false, async () => [{ address: '127.0.0.1', family: 4 }]),
    DestinationRefused,
  );
  await checkDestination('https://hooks.example.org/x', false, async () => [{ address: '93.184.215.14', family: 4 }]);
  await checkDestination('https://not-yet.example/x', false, async () => {
    throw new Error('ENOTFOUND');
  });

  // A receiver that redirects to a private address: the redirect is an answer, never followed.
  const inside = await startReceiver();
  const outside = await startReceiver(() => ({ status: 307, headers: { location: `${inside.url}/metadata` } }));
  const answer = await safeRequest(`${outside.url}/hook`, { allowPrivate: true, body: '{}' });
  assert.equal(answer.status, 307);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(inside.received.length, 0, 'the redirect target was never asked');

  // A slow receiver is given up after the timeout; a huge answer is cut at the limit.
  const { createServer } = await import('node:http');
  const slow = createServer(() => undefined).listen(0, '127.0.0.1');
  await new Promise((r) => slow.once('listening', r));
  const port = (slow.address() as { port: number }).port;
  const started = Date.now();
  await assert.rejects(safeRequest(`http://127.0.0.1:${port}/`, { allowPrivate: true, body: '{}', timeoutMs: 500 }), /timeout|socket hang up/);
  assert.ok(Date.now() - started < 3000);
  slow.closeAllConnections();
  slow.close();
  const big = createServer((_q, res) => {
    res.writeHead(200);
    res.end(Buffer.alloc(5 * 1024 * 1024, 97));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => big.once('listening', r));
  const bigAnswer = await safeRequest(`http://127.0.0.1:${(big.address() as { port: number }).port}/`, { allowPrivate: true, body: '{}' });
  assert.equal(bigAnswer.status, 200);
  assert.ok(bigAnswer.body.length <= 64 * 1024, `answer cut at 64 KB (${bigAnswer.body.length})`);
  big.closeAllConnections();
  big.close();
  await inside.stop();
  await outside.stop();
});

test('the production environment refuses the setting that allows private receivers', async () => {
  const { parseEnv } = await import('@/lib/env');
  const base = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://x@y/z',
    SMTP_URL: 'smtp://a:b@c:587',
    APP_URL: 'https://p.example',
    SECRET: 'x'.repeat(40),
    DATA_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
  };
  assert.throws(() => parseEnv({ ...base, WEBHOOKS_ALLOW_LOCAL: 'true' }), /WEBHOOKS_ALLOW_LOCAL/);
  assert.equal(parseEnv(base).integrationsAllowPrivate, false);
});
