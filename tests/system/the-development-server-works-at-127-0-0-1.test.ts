import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { insertPetition } from '@/db/seed';
import { petitionFixture } from '../support/app';
import { sendChunked } from '../support/http-bodies';
import { createTestDatabase } from '../support/database';
import { startDevServer, type Proc } from '../support/processes';

// `npm run dev` opened at http://127.0.0.1 (not localhost): Next's development server must serve
// its scripts there too, or pages render but nothing on them runs.
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await Promise.race([c().catch(() => {}), new Promise((r) => setTimeout(r, 15_000))]);
});

test('the development server opened at 127.0.0.1 runs the page’s scripts (the sign form counts the comment’s characters as they are typed) and bounds bodies as `npm start` does', async () => {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  const p = petitionFixture();
  await insertPetition(db.sql, p);
  const dev: Proc & { url: string } = await startDevServer({ databaseUrl: db.url });
  cleanups.push(() => dev.kill('SIGTERM'));
  const browser: Browser = await chromium.launch(
    existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] } : {},
  );
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${dev.url}/p/${p.slug}`, { timeout: 300_000 });
  const comment = page.getByLabel(/^Why are you signing\?/);
  await page.getByText('500 characters left').waitFor({ timeout: 60_000 });
  // Typed until the page's scripts have started (the first visit compiles them): only they update the counter.
  const deadline = Date.now() + 240_000;
  for (;;) {
    await comment.fill('');
    await comment.fill('Twelve chars');
    if (await page.getByText('488 characters left').isVisible()) break;
    assert.ok(Date.now() < deadline, `the counter never moved: the page's scripts did not run at ${dev.url}\n${dev.output().slice(-2000)}`);
    await page.waitForTimeout(2_000);
  }

  // The same entry as `npm start`: a body over the limit is refused the same way.
  const big = await sendChunked(`${dev.url}/api/petitions/${p.slug}/signatures`, { 'content-type': 'application/json' }, 200);
  assert.equal(big.status, 413);
  assert.ok(big.sentMb < 20, `answered after ${big.sentMb.toFixed(1)} MB of 200`);

  // The hot writes take server.ts's router here too (the page above ran under the same hashed policy as in production).
  const sign = (headers: Record<string, string>, body: string) =>
    fetch(`${dev.url}/api/petitions/${p.slug}/signatures`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = await sign({}, JSON.stringify({ name: 'Dev Signer', email: 'dev.signer@example.org', country: 'FR' }));
  assert.equal(signed.status, 202);
  assert.deepEqual(await signed.json(), { status: 'pending_confirmation' });
  const cross = await sign({ origin: 'https://evil.example', 'accept-language': 'ar' }, '{}');
  assert.equal(cross.status, 403);
  assert.match(((await cross.json()) as { message: string }).message, /[\u0600-\u06ff]/);
  const form = await fetch(`${dev.url}/api/petitions/${p.slug}/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: dev.url },
    body: new URLSearchParams({ name: '', email: 'x', country: 'FR', locale: 'fa' }).toString(),
    redirect: 'manual',
  });
  assert.equal(form.status, 303);
  assert.equal(form.headers.get('location'), `/fa/p/${p.slug}#sign-title`);
  assert.match(form.headers.get('set-cookie') ?? '', /^sign_form=/);
  const confirm = await fetch(`${dev.url}/api/confirmations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":"nope"}' });
  assert.equal(confirm.status, 404);
});
