import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GET as osdiSignatures } from '@/app/api/v1/petitions/[slug]/osdi/signatures/route';
import { POST as recordResponseRoute } from '@/app/api/v1/petitions/[slug]/responses/route';
import { GET as signersRoute } from '@/app/api/v1/petitions/[slug]/signatures/route';
import { POST as updatesRoute } from '@/app/api/v1/petitions/[slug]/updates/route';
import { GET as petitionsRoute } from '@/app/api/v1/petitions/route';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys/keys';
import type { Organiser } from '@/lib/auth/session';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
let stranger: Organiser;

before(async () => {
  app = await startBackend({ worker: false });
  const [a] = await app.sql`insert into accounts (email) values ('api-owner@example.org') returning id`;
  const [b] = await app.sql`insert into accounts (email) values ('api-stranger@example.org') returning id`;
  owner = { id: a!.id, email: 'api-owner@example.org', isAdmin: false };
  stranger = { id: b!.id, email: 'api-stranger@example.org', isAdmin: false };
});
after(() => app.stop());

async function keyFor(actor: Organiser, name = 'CRM sync') {
  const created = await createApiKey(actor, { name });
  assert.equal(created.status, 'created');
  return created.status === 'created' ? created.key : '';
}

async function petitionOf(actor: Organiser, signers: { optedIn: number; notOptedIn?: number }) {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${actor.id}, 'owner')`;
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, postcode, status, confirmed_at, wants_updates)
    select ${p.id}, 'Signer ' || i, 's' || i || '-' || ${p.slug} || '@example.org', 's' || i || '-' || ${p.slug} || '@example.org', 'FR', '7500' || (i % 10), 'confirmed', now(), i <= ${signers.optedIn}
    from generate_series(1, ${signers.optedIn + (signers.notOptedIn ?? 0)}) i`;
  await app.sealLegacySignatures();
  return p;
}

const call = <C>(handler: (req: Request, ctx: C) => Promise<Response>, url: string, key: string | null, ctx: C, init: RequestInit = {}) =>
  handler(new Request(`http://app.test${url}`, { ...init, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.headers ?? {}) } }), ctx);
const slugCtx = (slug: string) => ({ params: Promise.resolve({ slug }) });
const noCtx = { params: Promise.resolve({}) } as never;

test("API keys are scoped to their organiser's petitions, shown once, stored hashed, and revocable", async () => {
  const key = await keyFor(owner);
  assert.match(key, /^usk_[A-Za-z0-9_-]{43}$/);
  const [stored] = await app.sql`select key_hash, prefix from api_keys where account_id = ${owner.id}`;
  assert.notEqual(Buffer.from(stored!.key_hash).toString('utf8'), key, 'only a hash is kept');
  assert.equal(stored!.prefix, key.slice(0, 10));
  const mine = await petitionOf(owner, { optedIn: 2 });
  const theirs = await petitionOf(stranger, { optedIn: 2 });

  const list = await call(petitionsRoute, '/api/v1/petitions', key, noCtx);
  assert.equal(list.status, 200);
  const { petitions } = (await list.json()) as { petitions: { slug: string; signature_count: number }[] };
  assert.deepEqual(
    petitions.map((p) => p.slug),
    [mine.slug],
  );
  assert.equal(petitions[0]!.signature_count, 0, 'the count is the counter shards (the fixture inserts rows directly)');

  assert.equal((await call(signersRoute, `/api/v1/petitions/${mine.slug}/signatures`, key, slugCtx(mine.slug))).status, 200);
  const other = await call(signersRoute, `/api/v1/petitions/${theirs.slug}/signatures`, key, slugCtx(theirs.slug));
  assert.equal(other.status, 404, "another organiser's petition is not found");
  assert.equal((await call(osdiSignatures, `/api/v1/petitions/${theirs.slug}/osdi/signatures`, key, slugCtx(theirs.slug))).status, 404);
  const update = await call(updatesRoute, `/api/v1/petitions/${theirs.slug}/updates`, key, slugCtx(theirs.slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Hijack', body: 'Not yours' }),
  });
  assert.equal(update.status, 404);
  assert.equal((await app.sql`select 1 from petition_updates where petition_id = ${theirs.id}`).length, 0);

  assert.equal((await call(petitionsRoute, '/api/v1/petitions', null, noCtx)).status, 401);
  // One character changed (to another: a key that ends in A would otherwise be itself).
  assert.equal((await call(petitionsRoute, '/api/v1/petitions', `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, noCtx)).status, 401);
  const [k] = await listApiKeys(owner);
  assert.ok(k!.lastUsedAt, 'last use is shown');
  assert.equal(await revokeApiKey(stranger, k!.id), 'not_found', "nobody revokes another's key");
  assert.equal(await revokeApiKey(owner, k!.id), 'done');
  assert.equal((await call(petitionsRoute, '/api/v1/petitions', key, noCtx)).status, 401, 'a revoked key stops working');
});

test('last use is recorded at most once a minute, not per request', async () => {
  const key = await keyFor(owner, 'busy');
  const first = async () => (await app.sql`select last_used_at from api_keys where prefix = ${key.slice(0, 10)}`)[0]!.last_used_at as Date;
  await call(petitionsRoute, '/api/v1/petitions', key, noCtx);
  const t1 = await first();
  for (let i = 0; i < 5; i++) await call(petitionsRoute, '/api/v1/petitions', key, noCtx);
  assert.equal((await first()).getTime(), t1.getTime());
  await app.sql`update api_keys set last_used_at = now() - interval '2 minutes' where prefix = ${key.slice(0, 10)}`;
  await call(petitionsRoute, '/api/v1/petitions', key, noCtx);
  assert.ok((await first()).getTime() > t1.getTime() - 1000);
});

test('the signer list pages by cursor with the CSV fields, consenting signers only', async () => {
  const key = await keyFor(owner, 'pager');
  const p = await petitionOf(owner, { optedIn: 5, notOptedIn: 3 });
  const seen: { email: string; name: string; postcode: string; country: string }[] = [];
  let cursor: string | null = '';
  let pages = 0;
  while (cursor !== null) {
    const res: Response = await call(signersRoute, `/api/v1/petitions/${p.slug}/signatures?limit=2${cursor ? `&cursor=${cursor}` : ''}`, key, slugCtx(p.slug));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { signatures: typeof seen; next_cursor: string | null };
    seen.push(...body.signatures);
    cursor = body.next_cursor;
    pages += 1;
  }
  assert.equal(pages, 3);
  assert.deepEqual(
    seen.map((s) => s.name),
    ['Signer 1', 'Signer 2', 'Signer 3', 'Signer 4', 'Signer 5'],
  );
  assert.ok(seen.every((s) => s.email.endsWith('@example.org') && s.country === 'FR' && s.postcode.startsWith('7500')));
  assert.deepEqual(Object.keys(seen[0]!).sort(), [
    'answers',
    'comment',
    'confirmed_at',
    'consents',
    'country',
    'created_at',
    'email',
    'id',
    'name',
    'opted_in',
    'postcode',
    'source',
    'status',
  ]);
  assert.equal((await call(signersRoute, `/api/v1/petitions/${p.slug}/signatures?limit=abc`, key, slugCtx(p.slug))).status, 400);
});

test('the OSDI signature list pages correctly with HAL links and osdi:person', async () => {
  const key = await keyFor(owner, 'osdi');
  const p = await petitionOf(owner, { optedIn: 7, notOptedIn: 2 });
  type Person = { given_name: string; family_name?: string; email_addresses: { address: string; primary: boolean }[]; postal_addresses: unknown[] };
  type Page = {
    total_records: number;
    total_pages: number;
    per_page: number;
    page: number;
    _links: { self: { href: string }; next?: { href: string }; prev?: { href: string } };
    _embedded: { 'osdi:signatures': { identifiers: string[]; _embedded: { 'osdi:person': Person } }[] };
  };
  const get = async (url: string) => {
    const res = await call(osdiSignatures, url.replace('http://app.test', ''), key, slugCtx(p.slug));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/hal\+json/);
    return (await res.json()) as Page;
  };
  let page = await get(`/api/v1/petitions/${p.slug}/osdi/signatures?per_page=3`);
  assert.equal(page.total_records, 7);
  assert.equal(page.total_pages, 3);
  assert.equal(page.per_page, 3);
  assert.equal(page.page, 1);
  assert.equal(page._links.prev, undefined);
  const people: Person[] = [];
  const pagesSeen = [];
  for (;;) {
    pagesSeen.push(page.page);
    people.push(...page._embedded['osdi:signatures'].map((s) => s._embedded['osdi:person']));
    if (!page._links.next) break;
    const next = await get(page._links.next.href);
    assert.equal(next._links.prev?.href, page._links.self.href, 'prev leads back');
    page = next;
  }
  assert.deepEqual(pagesSeen, [1, 2, 3]);
  assert.equal(people.length, 7);
  assert.deepEqual(people[0], {
    given_name: 'Signer',
    family_name: '1',
    email_addresses: [{ address: `s1-${p.slug}@example.org`, primary: true }],
    postal_addresses: [{ postal_code: '75001', country: 'FR', primary: true }],
  });
  assert.equal(new Set(people.map((x) => x.email_addresses[0]!.address)).size, 7, 'no signer twice, none left out');
});

test("the OSDI list gives answers as custom fields, a choice by its label in the petition's language, as Action Network gets them", async () => {
  const key = await keyFor(owner, 'osdi answers');
  const p = await petitionOf(owner, { optedIn: 1 });
  const questions = [
    {
      id: 'qunion01',
      kind: 'many',
      required: false,
      label: { en: 'Unions' },
      choices: [
        { id: 'cteach01', label: { en: 'Teachers' } },
        { id: 'cdrive01', label: { en: 'Drivers' } },
      ],
    },
    { id: 'qtown001', kind: 'text', required: false, label: { en: 'Town' }, choices: [] },
    { id: 'qyesno01', kind: 'yesno', required: false, label: { en: 'Member?' }, choices: [] },
  ];
  await app.sql`update petitions set questions = ${app.sql.json(questions)} where id = ${p.id}`;
  await app.sql`update signatures set answers = ${app.sql.json({ qunion01: ['cdrive01', 'cteach01'], qtown001: 'Leeds', qyesno01: 'yes' })} where petition_id = ${p.id}`;
  const res = await call(osdiSignatures, `/api/v1/petitions/${p.slug}/osdi/signatures`, key, slugCtx(p.slug));
  assert.equal(res.status, 200);
  const body = (await res.json()) as { _embedded: { 'osdi:signatures': { custom_fields?: Record<string, string> }[] } };
  assert.deepEqual(body._embedded['osdi:signatures'][0]!.custom_fields, {
    undersign_q_qunion01: 'Drivers, Teachers',
    undersign_q_qtown001: 'Leeds',
    undersign_q_qyesno01: 'yes',
  });
});

test('updates and responses through the API call the dashboard functions, with their caps', async () => {
  const key = await keyFor(owner, 'writer');
  const p = await petitionOf(owner, { optedIn: 2 });
  const post = (i: number) =>
    call(updatesRoute, `/api/v1/petitions/${p.slug}/updates`, key, slugCtx(p.slug), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: `News ${i}`, body: 'We met the mayor.' }),
    });
  const first = await post(1);
  assert.equal(first.status, 202);
  assert.deepEqual(await first.json(), { status: 'queued', recipients: 2 });
  assert.equal((await post(2)).status, 202);
  assert.equal((await post(3)).status, 202);
  assert.equal((await post(4)).status, 429, 'the weekly cap of the dashboard holds');
  const invalid = await call(updatesRoute, `/api/v1/petitions/${p.slug}/updates`, key, slugCtx(p.slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ar' },
    body: JSON.stringify({ subject: '' }),
  });
  assert.equal(invalid.status, 422);
  // Codes for programs, and the same errors for people in the caller's language.
  const { translatorFor } = await import('@/lib/i18n/translate');
  const invalidBody = (await invalid.json()) as { error: string; fields: Record<string, string[]>; messages: Record<string, string[]> };
  assert.equal(invalidBody.error, 'invalid');
  assert.deepEqual(invalidBody.fields.subject, ['subjectRequired']);
  assert.deepEqual(invalidBody.messages.subject, [translatorFor('ar')('updates.errors.subjectRequired')]);
  assert.match(invalidBody.messages.subject[0]!, /[\u0600-\u06FF]/, 'in Arabic');
  assert.deepEqual(Object.keys(invalidBody.messages).sort(), Object.keys(invalidBody.fields).sort());
  const noTarget = await call(recordResponseRoute, `/api/v1/petitions/${p.slug}/responses`, key, slugCtx(p.slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ targetId: 'not-a-target', body: 'We will consider it.' }),
  });
  assert.equal(noTarget.status, 422);
  assert.deepEqual(((await noTarget.json()) as { messages: Record<string, string[]> }).messages, { targetId: ['Choose the target who responded.'] });
  // A response cannot be dated in the future: pages and signers' emails would show it as having happened.
  const [aTarget] = await app.sql`select id from petition_targets where petition_id = ${p.id} limit 1`;
  const future = await call(recordResponseRoute, `/api/v1/petitions/${p.slug}/responses`, key, slugCtx(p.slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ targetId: aTarget!.id, body: 'We will consider it.', respondedOn: '2999-01-01' }),
  });
  assert.equal(future.status, 422);
  assert.deepEqual(((await future.json()) as { messages: Record<string, string[]> }).messages, { respondedOn: ['The date cannot be in the future.'] });

  const [target] = await app.sql`select id from petition_targets where petition_id = ${p.id} limit 1`;
  const response = await call(recordResponseRoute, `/api/v1/petitions/${p.slug}/responses`, key, slugCtx(p.slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ targetId: target!.id, body: 'We will consider it.' }),
  });
  assert.equal(response.status, 201);
  const [stored] = await app.sql`select body, source from target_responses where petition_id = ${p.id}`;
  assert.deepEqual({ ...stored }, { body: 'We will consider it.', source: 'organiser' });
});

test('a key beyond its allowance per minute gets 429 with Retry-After', async () => {
  const { API_REQUESTS_PER_MINUTE } = await import('@/lib/api-keys/rate-limit');
  const key = await keyFor(owner, 'flood');
  const answers = await Promise.all(Array.from({ length: API_REQUESTS_PER_MINUTE + 5 }, () => call(petitionsRoute, '/api/v1/petitions', key, noCtx)));
  const statuses = answers.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 200).length, API_REQUESTS_PER_MINUTE);
  const limited = answers.find((r) => r.status === 429)!;
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
});
