import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { after, test } from 'node:test';
import postgres from 'postgres';
import { insertPetition } from '@/db/seed';
import { petitionFixture } from '../support/app';
import { declareLength, sendChunked } from '../support/http-bodies';
import { createTestDatabase } from '../support/database';
import { signOverHttp, startAppProcess, startOwnPostgres, type Proc } from '../support/processes';
import { startSmtpSink } from '../support/smtp-sink';

// Real `npm start` processes: every request body is bounded before the app reads it, and pages
// answer a short 503 in the visitor's language while PostgreSQL is down.
const cleanups: (() => Promise<unknown>)[] = [];
const apps: Proc[] = [];
after(async () => {
  await Promise.all(apps.map((a) => a.kill('SIGKILL')));
  for (const c of cleanups.reverse()) await Promise.race([c().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
});

/** A fresh database and mail sink, and `npm start` on them (stopped after the file's tests). */
async function startFreshApp(extraEnv?: Record<string, string>) {
  const db = await createTestDatabase();
  const smtp = await startSmtpSink();
  cleanups.push(
    () => smtp.stop(),
    () => db.drop(),
  );
  const app = await startAppProcess({ databaseUrl: db.url, smtpUrl: smtp.url, extraEnv });
  apps.push(app);
  return { db, app };
}

/** Peak resident memory of a process so far, in MB (Linux). */
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

test('a 200 MB chunked body is refused with 413 as soon as it passes the limit, by the API, a form route and a page with server actions; the app never holds it', async () => {
  const { db, app } = await startFreshApp();
  const p = petitionFixture();
  await insertPetition(db.sql, p);
  const before = peakRssMb(app.child.pid!);

  const api = await sendChunked(`${app.url}/api/petitions/${p.slug}/signatures`, { 'content-type': 'application/json', 'accept-language': 'ar' }, 200);
  assert.equal(api.status, 413, api.body.slice(0, 200));
  assert.match(api.headers['content-type'] ?? '', /application\/json/);
  assert.equal(JSON.parse(api.body).message, 'الطلب كبير جدًا: الحد الأقصى 64 كيلوبايت.', 'the message in the caller’s language');
  assert.ok(api.sentMb < 20, `answered after ${api.sentMb.toFixed(1)} MB of 200`);

  const form = await sendChunked(`${app.url}/api/petitions/${p.slug}/sign`, { 'content-type': 'application/x-www-form-urlencoded', origin: app.url }, 200);
  assert.equal(form.status, 413);
  assert.match(form.body, /^<!doctype html>/, 'the no-JavaScript form gets a page, not JSON');
  assert.ok(form.sentMb < 20, `answered after ${form.sentMb.toFixed(1)} MB of 200`);

  // A server action is posted to its page; the page's limit holds before Next reads a byte.
  const action = await sendChunked(
    `${app.url}/fa/p/${p.slug}`,
    { 'content-type': 'multipart/form-data; boundary=x', 'next-action': 'x', origin: app.url },
    200,
  );
  assert.equal(action.status, 413);
  assert.match(action.body, /<html lang="fa" dir="rtl">/);
  assert.match(action.body, /درخواست بیش از حد بزرگ است/);
  assert.ok(action.sentMb < 20, `answered after ${action.sentMb.toFixed(1)} MB of 200`);

  // Said up front: refused without reading.
  const declared = await declareLength(`${app.url}/api/petitions/${p.slug}/signatures`, { 'content-type': 'application/json' }, 300 * 1024 * 1024);
  assert.equal(declared.status, 413);
  assert.equal(JSON.parse(declared.body).error, 'too_large');
  const upload = await declareLength(
    `${app.url}/dashboard/petitions/${p.slug}`,
    { 'content-type': 'multipart/form-data; boundary=x', 'next-action': 'x', origin: app.url },
    7 * 1024 * 1024,
  );
  assert.equal(upload.status, 413, 'the cover upload page allows 6 MB, no more');

  assert.ok(peakRssMb(app.child.pid!) - before < 60, `peak memory grew ${(peakRssMb(app.child.pid!) - before).toFixed(0)} MB`);

  // Within the limit, a chunked body is read as usual.
  const small = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${app.url}/api/petitions/${p.slug}/signatures`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-forwarded-for': '10.9.0.1' } },
      (res) => (res.resume(), resolve(res.statusCode!)),
    );
    req.on('error', reject);
    req.write('{"name":"Chunked Signer",');
    req.end('"email":"chunked@example.org","country":"FR"}');
  });
  assert.equal(small, 202);
  assert.equal((await signOverHttp(app.url, p.slug, { name: 'Plain Signer', email: 'plain@example.org', country: 'FR' }, '10.9.0.2')).status, 202);
  assert.equal((await fetch(`${app.url}/api/petitions`)).status, 200, 'the app is still serving');
});

test('an address that is not valid percent-encoding answers 404 in the visitor’s language, never a bare 500', async () => {
  const { app } = await startFreshApp();
  for (const path of ['/p/%ZZ', '/ar/p/%E0%A4%A', '/fa/p/%ZZ/embed']) {
    const res = await fetch(`${app.url}${path}`, { headers: { 'accept-language': 'en' } });
    assert.equal(res.status, 404, path);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/, path);
    const html = await res.text();
    const locale = path.split('/')[1] === 'p' ? 'en' : path.split('/')[1];
    assert.match(html, new RegExp(`<html lang="${locale}" dir="${locale === 'en' ? 'ltr' : 'rtl'}"`), path);
  }
  for (const path of ['/api/petitions/%ZZ/signatures', '/api/petitions/%ZZ/sign', '/api/petitions/%E0%A4%A']) {
    const res = await fetch(`${app.url}${path}`, {
      method: path.endsWith('/sign') || path.endsWith('/signatures') ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', 'accept-language': 'ar' },
      body: path.includes('/sign') ? '{"name":"A","email":"a@example.org","country":"FR"}' : undefined,
    });
    assert.equal(res.status, 404, path);
    const body = (await res.json()) as { error: string; message: string };
    assert.equal(body.error, 'not_found', path);
    assert.match(body.message, /[\u0600-\u06FF]/, `${path}: the message is in Arabic`);
  }
  assert.equal((await fetch(`${app.url}/api/petitions`)).status, 200, 'the app is still serving');
});

test('/privacy states the configured retention periods', async () => {
  const { app } = await startFreshApp({ IP_RETENTION_DAYS: '45', ANONYMISE_AFTER_DAYS: '200', WITHDRAWN_DATA_HOURS: '36', REPORTER_EMAIL_DAYS: '12' });
  const text = (await (await fetch(`${app.url}/privacy`)).text()).replace(/<[^>]+>/g, ' ');
  for (const figure of ['after 45 days', '200 days after a petition closes', 'deleted 36 hours later', 'after 12 days at the latest', 'deleted after 1 day']) {
    assert.ok(text.includes(figure), `/privacy says “${figure}”`);
  }
});

test('with PostgreSQL down, pages answer 503 with Retry-After and a short page in the visitor’s language; the API answers 503 JSON; all is back when it is', async () => {
  const pg = await startOwnPostgres('outage');
  cleanups.push(() => pg.remove());
  const url = pg.url;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const p = petitionFixture();
  await insertPetition(sql, p);
  await sql.end({ timeout: 1 });
  const smtp = await startSmtpSink();
  cleanups.push(() => smtp.stop());
  // Pages rendered for each request, so what is measured is the app, not its 2-second page cache.
  const app = await startAppProcess({ databaseUrl: url, smtpUrl: smtp.url, extraEnv: { PAGE_CACHE_MS: '0' } });
  apps.push(app);
  assert.equal((await fetch(`${app.url}/p/${p.slug}`)).status, 200);

  await pg.stop();
  const page = async (pathname: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}${pathname}`, { headers, redirect: 'manual' });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type'), body: await res.text() };
  };
  // The first request of the outage: its rendering fails; the server answers for it.
  const first = await page(`/p/${p.slug}`);
  assert.equal(first.status, 503, first.body.slice(0, 300));
  assert.ok(Number(first.retryAfter) > 0, 'Retry-After');
  assert.match(first.body, /<html lang="en" dir="ltr">/);
  assert.match(first.body, /Back in a moment/);
  assert.doesNotMatch(first.body, /at \w+ \(|node_modules|ECONNREFUSED/, 'no stack trace, no internals');

  const arabic = await page(`/ar/p/${p.slug}`);
  assert.equal(arabic.status, 503);
  assert.ok(Number(arabic.retryAfter) > 0);
  assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
  assert.match(arabic.body, /سنعود بعد قليل/);

  const persian = await page('/', { 'accept-language': 'fa-IR,fa;q=0.9' });
  assert.equal(persian.status, 503);
  assert.match(persian.body, /<html lang="fa" dir="rtl">/);

  const api = await fetch(`${app.url}/api/petitions/${p.slug}`);
  assert.equal(api.status, 503);
  assert.ok(api.headers.get('retry-after'));
  assert.equal((await api.json()).error, 'unavailable');

  await pg.restart();
  const deadline = Date.now() + 30_000;
  let status = 0;
  while ((status = (await page(`/ar/p/${p.slug}`)).status) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  assert.equal(status, 200, 'pages are back once the database is');
  assert.equal((await fetch(`${app.url}/api/petitions/${p.slug}`)).status, 200);
});
