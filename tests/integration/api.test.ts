import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GET as listPetitions } from '@/app/api/petitions/route';
import { GET as getPetition } from '@/app/api/petitions/[slug]/route';
import { POST as postSignature } from '@/app/api/petitions/[slug]/signatures/route';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';
import { keyOf, openedSignatures } from '../support/signers';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });
const post = (slug: string, body: unknown, headers: Record<string, string> = {}) =>
  postSignature(
    new Request(`http://app.test/api/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    ctx(slug),
  );

test('POST a valid signature → 202 pending_confirmation, and the email is queued', async () => {
  const p = await app.createPetition();
  const res = await post(p.slug, {
    name: 'Ada',
    email: 'ada@example.org',
    country: 'GB',
    postcode: 'N1',
    comment: 'Yes',
    showName: true,
    updates: true,
    source: 'whatsapp',
    locale: 'en',
  });
  assert.equal(res.status, 202);
  assert.deepEqual(await res.json(), { status: 'pending_confirmation' });
  await app.smtp.waitFor((m) => recipientOf(m) === 'ada@example.org');
  const [row] = await app.sql`select id, source, wants_updates, show_name from signatures where canonical_email = ${keyOf('ada@example.org')}`;
  const { postcode } = (await openedSignatures(p.id)).find((r) => r.id === Number(row!.id))!;
  assert.deepEqual(
    { source: row!.source, wants_updates: row!.wants_updates, show_name: row!.show_name, postcode },
    {
      source: 'whatsapp',
      wants_updates: true,
      show_name: true,
      postcode: 'N1',
    },
  );
});

test('a browser on another site cannot sign through the API; this site, servers and apps can', async () => {
  const p = await app.createPetition();
  const body = (n: number) => ({ name: 'Ori', email: `origin${n}@example.org`, country: 'FR' });
  assert.equal((await post(p.slug, body(1), { origin: 'https://evil.example' })).status, 403);
  assert.equal((await post(p.slug, body(2), { 'sec-fetch-site': 'cross-site' })).status, 403);
  assert.equal((await post(p.slug, body(3), { origin: 'http://app.test' })).status, 202);
  assert.equal((await post(p.slug, body(4))).status, 202);
  const rows = (await openedSignatures(p.id)).sort((a, b) => a.email!.localeCompare(b.email!));
  assert.deepEqual(
    rows.map((r) => r.email),
    ['origin3@example.org', 'origin4@example.org'],
  );
});

test('invalid input → 400 with messages per field, in the requested language', async () => {
  const p = await app.createPetition();
  const res = await post(p.slug, { name: '', email: 'nope', country: 'XX' });
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.deepEqual(Object.keys(body.errors).sort(), ['country', 'email', 'name']);
  assert.equal(body.errors.email[0], 'Please enter a valid email address, like name@example.com.');

  const ar = await post(p.slug, { name: '', email: 'nope', country: 'XX', locale: 'ar' });
  assert.equal((await ar.json()).errors.name[0], 'يُرجى إدخال اسمك.');
  const arHeader = await post(p.slug, { name: '' }, { 'accept-language': 'ar,en;q=0.5' });
  assert.equal((await arHeader.json()).errors.name[0], 'يُرجى إدخال اسمك.');
});

test('bad bodies are 400, never 500', async () => {
  const p = await app.createPetition();
  for (const body of ['not json', '[]', 'null', '"x"', '{"name":', JSON.stringify({ __proto__: { admin: true }, name: { $gt: '' } })]) {
    const res = await post(p.slug, body);
    assert.equal(res.status, 400, body);
  }
  const noType = await postSignature(new Request('http://app.test/x', { method: 'POST', body: '{}' }), ctx(p.slug));
  assert.equal(noType.status, 400);
});

test('unknown petition → 404; closed petition → 409 with a reason', async () => {
  assert.equal((await post('does-not-exist', { name: 'A', email: 'a@example.org', country: 'FR' })).status, 404);
  assert.equal((await post('../../etc', { name: 'A', email: 'a@example.org', country: 'FR' })).status, 404);
  const closed = await app.createPetition({ status: 'closed' });
  const res = await post(closed.slug, { name: 'A', email: 'a@example.org', country: 'FR' });
  assert.equal(res.status, 409);
  assert.equal((await res.json()).message, 'This petition is closed and no longer accepts signatures.');
});

test('GET /api/petitions lists open petitions, paginated; GET one has demands and the count; no personal data', async () => {
  const a = await app.createPetition({ title: 'First' });
  await app.createPetition({ title: 'Second' });
  const draft = await app.createPetition({ title: 'Draft', status: 'draft' });
  await post(a.slug, { name: 'Private Person', email: 'private@example.org', country: 'FR' });

  const page1 = await (await listPetitions(new Request('http://app.test/api/petitions?perPage=1'))).json();
  assert.equal(page1.petitions.length, 1);
  assert.ok(page1.next?.includes('page=2'));
  const all = await (await listPetitions(new Request('http://app.test/api/petitions?perPage=100'))).json();
  const slugs = all.petitions.map((p: { slug: string }) => p.slug);
  assert.ok(slugs.includes(a.slug));
  assert.ok(!slugs.includes(draft.slug), 'drafts are not listed');

  const one = await getPetition(new Request(`http://app.test/api/petitions/${a.slug}`), ctx(a.slug));
  assert.equal(one.status, 200);
  const body = await one.json();
  assert.deepEqual(
    { slug: body.slug, demands: body.demands, target: body.target, goal: body.goal, status: body.status, signatureCount: body.signatureCount },
    { slug: a.slug, demands: a.demands, target: a.target, goal: a.goal, status: 'open', signatureCount: 0 },
  );
  const text = JSON.stringify([all, body]);
  assert.ok(!text.includes('private@example.org') && !text.includes('Private Person') && !/"id"/.test(text));
  assert.equal((await getPetition(new Request('http://app.test/x'), ctx(draft.slug))).status, 404);
});
