import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { insertPetition } from '@/db/seed';
import { createTestDatabase } from '../support/database';
import { petitionFixture } from '../support/app';
import { startAppProcess, SYSTEM_SECRET, type Proc } from '../support/processes';

// server.ts answers signing (the JSON API and the form without JavaScript) and confirming itself,
// before Next (lib/http/hot-write-router.ts). Two real app processes on one database: one as
// deployed, one with HOT_WRITE_ROUTER=false, where Next's route handlers answer the same paths.
// Every answer must be the same: status, body, and every header but the date and the connection's.

type App = Proc & { url: string; port: number };
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fast: App;
let next: App;

before(async () => {
  db = await createTestDatabase();
  [fast, next] = await Promise.all([
    startAppProcess({ databaseUrl: db.url, smtpUrl: 'smtp://127.0.0.1:9' }),
    startAppProcess({ databaseUrl: db.url, smtpUrl: 'smtp://127.0.0.1:9', extraEnv: { HOT_WRITE_ROUTER: 'false' } }),
  ]);
});
after(async () => {
  await Promise.all([fast?.kill(), next?.kill()]);
  await db?.drop();
});

type Answer = { status: number; headers: Record<string, string | string[]>; body: string };
type Send = { path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean; own?: 'origin' };

/** One request as sent on the wire (no headers added but Host), and the whole answer. */
function send(app: App, s: Send): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...s.headers };
    if (s.own === 'origin') headers.origin = app.url;
    const body = s.body === undefined ? undefined : Buffer.from(s.body);
    if (body && !s.chunked) headers['content-length'] = String(body.length);
    const req = http.request({ host: '127.0.0.1', port: app.port, path: s.path, method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers as Answer['headers'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body && s.chunked) for (let i = 0; i < body.length; i += 16_384) req.write(body.subarray(i, i + 16_384));
    req.end(body && !s.chunked ? body : undefined);
  });
}

// What legitimately differs between two answers: when, on which connection, how the body is framed
// (Next streams it chunked, the router sends its length), and the app's own address.
const IGNORED = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
function comparable(a: Answer, app: App) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(a.headers)) {
    if (IGNORED.has(name)) continue;
    // A cookie's Expires is now + its Max-Age: the same to the second or two.
    headers[name] = name === 'set-cookie' ? (value as string[]).map((c) => c.replace(/Expires=[^;]+/, 'Expires=…')) : value;
  }
  return { status: a.status, headers, body: a.body.replaceAll(app.url, '<app>') };
}

/** Sends the same request to both apps (`vary` makes what must differ, e.g. the email, differ) and compares the answers. */
async function sameAnswer(name: string, make: (app: App) => Send): Promise<Answer> {
  const viaFast = await send(fast, make(fast));
  const viaNext = await send(next, make(next));
  assert.deepEqual(comparable(viaFast, fast), comparable(viaNext, next), name);
  return viaFast;
}

const unique = () => randomBytes(5).toString('hex');
const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

test('the JSON sign API answers the same through server.ts and through Next: valid, invalid, cross-origin, oversize, wrong type, localized', async () => {
  const p = petitionFixture();
  await insertPetition(db.sql, p);
  const closed = petitionFixture({ status: 'closed' });
  await insertPetition(db.sql, closed);
  const path = `/api/petitions/${p.slug}/signatures`;
  const signer = () => JSON.stringify({ name: 'Ada Lovelace', email: `ada${unique()}@d${unique()}.example`, country: 'FR' });

  const ok = await sameAnswer('a valid signature', () => ({ path, headers: { ...json, 'x-forwarded-for': `10.9.${unique().length}.1` }, body: signer() }));
  assert.equal(ok.status, 202);
  assert.deepEqual(JSON.parse(ok.body), { status: 'pending_confirmation' });
  await sameAnswer('a valid signature from the site itself', () => ({ path, headers: json, body: signer(), own: 'origin' }));
  const invalid = await sameAnswer('invalid fields, in Arabic', () => ({
    path,
    headers: { ...json, 'accept-language': 'ar,en;q=0.5' },
    body: JSON.stringify({ name: '', email: 'not-an-email', country: 'XX' }),
  }));
  assert.equal(invalid.status, 400);
  assert.match(invalid.body, /[\u0600-\u06ff]/, 'Arabic messages');
  await sameAnswer('invalid fields, in Persian by the body locale', () => ({
    path,
    headers: json,
    body: JSON.stringify({ name: 'x', email: '', locale: 'fa' }),
  }));
  const cross = await sameAnswer('from another site, in Persian', () => ({
    path,
    headers: { ...json, origin: 'https://evil.example', 'accept-language': 'fa' },
    body: signer(),
  }));
  assert.equal(cross.status, 403);
  await sameAnswer('cross-site without Origin', () => ({ path, headers: { ...json, 'sec-fetch-site': 'cross-site' }, body: signer() }));
  const big = await sameAnswer('a declared body over 64 KB', () => ({ path, headers: json, body: Buffer.alloc(70_000, 'a') }));
  assert.equal(big.status, 413);
  await sameAnswer('a chunked body over 64 KB', () => ({
    path,
    headers: { ...json, 'accept-language': 'ar' },
    body: Buffer.alloc(200_000, 'a'),
    chunked: true,
  }));
  await sameAnswer('a chunked body under the limit', () => ({ path, headers: json, body: signer(), chunked: true }));
  const wrongType = await sameAnswer('JSON sent as text/plain', () => ({ path, headers: { 'content-type': 'text/plain' }, body: signer() }));
  assert.equal(wrongType.status, 400);
  await sameAnswer('no content type, no body', () => ({ path }));
  await sameAnswer('malformed JSON', () => ({ path, headers: json, body: '{"name":' }));
  await sameAnswer('a JSON array', () => ({ path, headers: json, body: '[1,2]' }));
  await sameAnswer('an unknown petition', () => ({ path: '/api/petitions/no-such-petition/signatures', headers: json, body: signer() }));
  await sameAnswer('an impossible slug', () => ({ path: '/api/petitions/NO%20SUCH/signatures', headers: json, body: signer() }));
  await sameAnswer('a closed petition, in Arabic', () => ({
    path: `/api/petitions/${closed.slug}/signatures`,
    headers: { ...json, 'accept-language': 'ar' },
    body: signer(),
  }));
  await sameAnswer('a query string', () => ({ path: `${path}?utm=x`, headers: json, body: signer() }));
});

test('the sign form without JavaScript answers the same: redirects, flash cookies, localized refusals', async () => {
  const p = petitionFixture();
  await insertPetition(db.sql, p);
  const path = `/api/petitions/${p.slug}/sign`;
  const fields = (o: Record<string, string>) =>
    new URLSearchParams({
      name: 'Ada',
      email: `ada${unique()}@d${unique()}.example`,
      country: 'FR',
      postcode: '',
      comment: '',
      website: '',
      locale: 'en',
      ...o,
    }).toString();

  // The cookie names the address the email went to: the same address through both (the second is a
  // repeat, which answers exactly as a first signature does).
  const email = `ada${unique()}@d${unique()}.example`;
  const signed = await sameAnswer('a signature', (app) => ({ path, headers: { ...form, origin: app.url }, body: fields({ email }) }));
  assert.equal(signed.status, 303);
  assert.equal(signed.headers.location, `/p/${p.slug}/signed`);
  assert.match(String(signed.headers['set-cookie']), /^signed_to=/);
  const arabic = await sameAnswer('a signature from the Arabic page', (app) => ({
    path,
    headers: { ...form, origin: app.url },
    body: fields({ email, locale: 'ar' }),
  }));
  assert.equal(arabic.headers.location, `/ar/p/${p.slug}/signed`);
  // The address differs per request: the same refused values make the same cookie.
  const refused = await sameAnswer('a refused form', (app) => ({
    path,
    headers: { ...form, origin: app.url },
    body: fields({ email: 'not-an-email', name: '', locale: 'fa' }),
  }));
  assert.equal(refused.headers.location, `/fa/p/${p.slug}#sign-title`);
  assert.match(String(refused.headers['set-cookie']), /^sign_form=/);
  await sameAnswer('a suggested email domain', (app) => ({ path, headers: { ...form, origin: app.url }, body: fields({ email: 'someone@gmial.com' }) }));
  const cross = await sameAnswer('a form on another site, in Arabic', () => ({
    path,
    headers: { ...form, origin: 'https://evil.example', 'accept-language': 'ar' },
    body: fields({}),
  }));
  assert.equal(cross.status, 403);
  await sameAnswer('a form over 64 KB', (app) => ({
    path,
    headers: { ...form, origin: app.url, 'accept-language': 'fa' },
    body: fields({ comment: 'x'.repeat(70_000) }),
  }));
  await sameAnswer('JSON posted to the form', (app) => ({ path, headers: { ...json, origin: app.url }, body: '{"name":"x"}' }));
  await sameAnswer('a form for an unknown petition', (app) => ({
    path: '/api/petitions/no-such-petition/sign',
    headers: { ...form, origin: app.url },
    body: fields({}),
  }));
});

test('the JSON confirm API answers the same: confirmed, already confirmed, unknown, missing, cross-origin, wrong type', async () => {
  // Two petitions with one pending signature each, so each app's confirmation counts 1.
  const tokens: string[] = [];
  for (let i = 0; i < 2; i++) {
    const p = petitionFixture({ slug: `confirm-same-${i}-${unique()}` });
    const id = await insertPetition(db.sql, p);
    const [s] = await db.sql`insert into signatures (petition_id, name, email, canonical_email, email_domain, country)
      values (${id}, 'Pending', ${`c${i}@example.org`}, ${`c${i}@example.org`}, 'example.org', 'FR') returning id`;
    const token = randomBytes(32).toString('base64url');
    const hash = createHmac('sha256', SYSTEM_SECRET).update(token, 'utf8').digest();
    await db.sql`insert into signature_tokens (token_hash, signature_id, purpose, expires_at) values (${hash}, ${s!.id}, 'confirm', now() + interval '1 day')`;
    tokens.push(token);
  }
  const path = '/api/confirmations';
  const viaFast = await send(fast, { path, headers: json, body: JSON.stringify({ token: tokens[0] }) });
  const viaNext = await send(next, { path, headers: json, body: JSON.stringify({ token: tokens[1] }) });
  const slugless = (a: Answer) => ({ ...a, body: a.body.replace(/"slug":"[^"]+"/, '"slug":"…"') });
  assert.deepEqual(comparable(slugless(viaFast), fast), comparable(slugless(viaNext), next), 'a confirmation');
  assert.equal(viaFast.status, 200);
  assert.equal(JSON.parse(viaFast.body).signatureCount, 1);
  const again = await sameAnswer('already confirmed', () => ({ path, headers: json, body: JSON.stringify({ token: tokens[0] }) }));
  assert.equal(JSON.parse(again.body).status, 'already_confirmed');
  const unknown = await sameAnswer('an unknown token, in Persian', () => ({
    path,
    headers: { ...json, 'accept-language': 'fa' },
    body: JSON.stringify({ token: 'x'.repeat(43) }),
  }));
  assert.equal(unknown.status, 404);
  await sameAnswer('no token', () => ({ path, headers: json, body: '{}' }));
  await sameAnswer('a token too long', () => ({ path, headers: json, body: JSON.stringify({ token: 'x'.repeat(65) }) }));
  await sameAnswer('from another site', () => ({
    path,
    headers: { ...json, origin: 'https://evil.example', 'accept-language': 'ar' },
    body: JSON.stringify({ token: tokens[0] }),
  }));
  await sameAnswer('as text/plain', () => ({ path, headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ token: tokens[0] }) }));
  await sameAnswer('over 64 KB, chunked', () => ({ path, headers: json, body: Buffer.alloc(100_000, 'a'), chunked: true }));
});

/** CPU time (user + system) the process has used, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

test('server.ts answers the signatures itself: a fraction of the CPU Next spends on the same 400', async (t) => {
  // Next costs ~1.7 ms of CPU per request before a route handler runs; the router answers before
  // Next. CPU time of each process (not wall time: the machine is shared) for the same signatures.
  const p = petitionFixture();
  await insertPetition(db.sql, p);
  const path = `/api/petitions/${p.slug}/signatures`;
  const cpuFor = async (app: App) => {
    const before = cpuMs(app.child.pid!);
    for (let batch = 0; batch < 20; batch++) {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          send(app, {
            path,
            headers: { ...json, 'x-forwarded-for': `10.${batch}.${i}.1` },
            body: JSON.stringify({ name: 'Speed', email: `s${unique()}@d${unique()}.example`, country: 'FR' }),
          }).then((r) => r.status),
        ),
      );
      assert.deepEqual([...new Set(statuses)], [202]);
    }
    return cpuMs(app.child.pid!) - before;
  };
  // The first round warms both (Next compiles the route's code on its first requests).
  await cpuFor(fast);
  await cpuFor(next);
  const fastCpu = await cpuFor(fast);
  const nextCpu = await cpuFor(next);
  t.diagnostic(`CPU for 400 signatures: ${fastCpu} ms through the router, ${nextCpu} ms through Next`);
  assert.ok(fastCpu < nextCpu * 0.6, `400 signatures cost ${fastCpu} ms of CPU through server.ts's router, ${nextCpu} ms through Next's route handler`);
});
