import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { connectActionNetwork } from '@/lib/integrations/endpoints';
import { saveSignForm } from '@/lib/questions/save';
import { confirmSignature } from '@/lib/signatures/confirm';
import { withdrawSignature } from '@/lib/signatures/self-service';
import { signPetition } from '@/lib/signatures/sign';
import { issueConfirmationToken, issueManageToken } from '@/lib/signatures/tokens';
import { startBackend } from '../support/app';
import { startReceiver, until, type Received } from '../support/http-receiver';
import { keyOf } from '../support/signers';

// A local server standing in for Action Network (unreachable here), checking each request as the
// OSDI documentation of the record signature helper describes it: POST to
// /petitions/{id}/signatures with OSDI-API-Token, a JSON body whose `person` has given_name,
// family_name, email_addresses [{ address }] and postal_addresses [{ postal_code, country }], and
// custom_fields; the answer is the signature resource with its self link.

const API_KEY = 'an-api-key-0123456789abcdef';
const AN_PETITION = 'c7a9f0e2-1111-4222-8333-944455556666';
let app: Awaited<ReturnType<typeof startBackend>>;
let an: Awaited<ReturnType<typeof startReceiver>>;
let owner: Organiser;
const problems: string[] = [];

function check(r: Received): { status: number; body?: unknown } {
  const base = '/api/v2';
  if (r.headers['osdi-api-token'] !== API_KEY) return (problems.push(`token: ${String(r.headers['osdi-api-token'])}`), { status: 401 });
  if (!String(r.headers['content-type']).startsWith('application/json')) return (problems.push('content-type'), { status: 415 });
  const body = JSON.parse(r.body) as {
    person?: { given_name?: unknown; email_addresses?: { address?: unknown }[]; postal_addresses?: { country?: unknown }[] };
  };
  if (r.method === 'POST' && r.path === `${base}/petitions/${AN_PETITION}/signatures`) {
    const p = body.person;
    if (typeof p?.given_name !== 'string' || !Array.isArray(p.email_addresses) || typeof p.email_addresses[0]?.address !== 'string')
      return (problems.push('person'), { status: 400 });
    if (!Array.isArray(p.postal_addresses) || typeof p.postal_addresses[0]?.country !== 'string') return (problems.push('postal'), { status: 400 });
    return {
      status: 200,
      body: { identifiers: ['action_network:sig-1'], _links: { self: { href: `${an.url}${base}/petitions/${AN_PETITION}/signatures/sig-1` } } },
    };
  }
  if (r.method === 'PUT' && r.path === `${base}/petitions/${AN_PETITION}/signatures/sig-1`) return { status: 200, body: {} };
  problems.push(`unexpected ${r.method} ${r.path}`);
  return { status: 404 };
}

before(async () => {
  an = await startReceiver((r) => check(r));
  process.env.WEBHOOKS_ALLOW_LOCAL = 'true';
  process.env.ACTION_NETWORK_URL = `${an.url}/api/v2`;
  app = await startBackend();
  const [a] = await app.sql`insert into accounts (email) values ('an-owner@example.org') returning id`;
  owner = { id: a!.id, email: 'an-owner@example.org', isAdmin: false };
});
after(async () => {
  await app.stop();
  await an.stop();
});

async function signAndConfirm(slug: string, petitionId: string, email: string, updates: boolean, answers?: Record<string, string>) {
  await signPetition(slug, { name: 'Rosa Luxemburg', email, country: 'DE', postcode: '10117', comment: 'Solidarity', updates, answers }, { ip: '203.0.113.9' });
  const [row] = await app.sql`select id from signatures where petition_id = ${petitionId} and canonical_email = ${keyOf(email)}`;
  const id = Number(row!.id);
  await confirmSignature(await issueConfirmationToken(id));
  return id;
}

test('a consenting signer reaches Action Network through the record signature helper, with custom fields; a withdrawal marks it', async () => {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  const connected = await connectActionNetwork(owner, p.slug, { petitionId: `https://actionnetwork.org/api/v2/petitions/${AN_PETITION}`, apiKey: API_KEY });
  assert.equal(connected.status, 'created');
  const [stored] = await app.sql`select target, sealed_secret from integration_endpoints where petition_id = ${p.id}`;
  assert.equal(stored!.target, AN_PETITION, 'the id is taken from the pasted API address');
  assert.ok(!Buffer.from(stored!.sealed_secret).includes(API_KEY), 'the key is stored sealed');

  // The organiser's own question: its answer goes as a custom field.
  assert.deepEqual(
    await saveSignForm(owner, p.slug, {
      questions: [
        { kind: 'text', required: false, label: { en: 'Your workplace' }, choices: [] },
        { kind: 'one', required: false, label: { en: 'Your union' }, choices: [{ label: { en: 'Teachers' } }, { label: { en: 'Drivers' } }] },
      ],
      dataController: null,
      partnerOptIn: null,
    }),
    {
      status: 'done',
    },
  );
  const [q] = await app.sql<{ questions: { id: string; choices: { id: string }[] }[] }[]>`select questions from petitions where id = ${p.id}`;
  const questionId = q!.questions[0]!.id;
  const union = q!.questions[1]!;
  const id = await signAndConfirm(p.slug, p.id, 'rosa@example.org', true, { [questionId]: 'Tram depot', [union.id]: union.choices[1]!.id });
  await signAndConfirm(p.slug, p.id, 'quiet@example.org', false);
  await until(
    async () => (await app.sql`select 1 from integration_deliveries where petition_id = ${p.id} and status = 'delivered'`).length === 2,
    20_000,
    'both handled',
  );
  const posts = an.received.filter((r) => r.method === 'POST');
  assert.equal(posts.length, 1, 'only the consenting signer is pushed');
  const body = JSON.parse(posts[0]!.body) as { person: unknown; custom_fields: Record<string, string> };
  assert.deepEqual(body.person, {
    given_name: 'Rosa',
    family_name: 'Luxemburg',
    email_addresses: [{ address: 'rosa@example.org' }],
    postal_addresses: [{ postal_code: '10117', country: 'DE' }],
  });
  assert.equal(body.custom_fields.undersign_petition, p.slug);
  assert.equal(body.custom_fields.undersign_signature_id, String(id));
  assert.equal(body.custom_fields.comment, 'Solidarity');
  assert.equal(body.custom_fields[`undersign_q_${questionId}`], 'Tram depot');
  // A choice goes by its label, not its id: the id means nothing in the organiser's CRM.
  assert.equal(body.custom_fields[`undersign_q_${union.id}`], 'Drivers');
  assert.deepEqual(problems, []);

  await withdrawSignature(await issueManageToken(id));
  await until(() => an.received.some((r) => r.method === 'PUT'), 20_000, 'the withdrawal');
  const put = an.received.find((r) => r.method === 'PUT')!;
  assert.match((JSON.parse(put.body) as { custom_fields: { undersign_withdrawn: string } }).custom_fields.undersign_withdrawn, /^\d{4}-\d\d-\d\dT/);
  assert.doesNotMatch(put.body, /rosa@example\.org|Rosa/, 'the withdrawal carries no personal data');
  assert.deepEqual(problems, []);
});

test('an Action Network that is down gets the signer later, as webhooks do', async () => {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  await connectActionNetwork(owner, p.slug, { petitionId: AN_PETITION, apiKey: API_KEY });
  an.answer(() => ({ status: 503 }));
  await signAndConfirm(p.slug, p.id, 'later@example.org', true);
  await until(
    async () => (await app.sql`select 1 from integration_deliveries where petition_id = ${p.id} and last_status_code = 503`).length === 1,
    20_000,
    'a failure',
  );
  an.answer((r) => check(r));
  await until(
    async () => {
      await app.sql`select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where task_identifier = 'deliver_integration_events'), run_at := now())`;
      return (await app.sql`select 1 from integration_deliveries where petition_id = ${p.id} and status = 'delivered'`).length === 1;
    },
    20_000,
    'the retry',
  );
  assert.ok(an.received.some((r) => r.method === 'POST' && r.body.includes('later@example.org')));
});
