import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse } from 'cookie';
import { POST as search } from '@/app/api/dashboard/petitions/[slug]/search/route';
import { getEnv } from '@/lib/env';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

// The organiser's signer search is posted and kept in a cookie on the dashboard page's own path: what
// was typed (a name, an address) never appears in an address, a log line or a Referer.

const post = (slug: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  search(
    new Request(`${getEnv().appUrl}/api/dashboard/petitions/${slug}/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(getEnv().appUrl).origin, ...headers },
      body: new URLSearchParams(body).toString(),
    }),
    { params: Promise.resolve({ slug }) },
  );

test('a search is answered with a 303 to the dashboard page, the query in a cookie scoped to that page and nowhere in the address', async () => {
  const res = await post('free-the-drivers', { q: '  Maryam.Kazemi@mail.example  ', locale: 'fa' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/fa/dashboard/petitions/free-the-drivers#signers-title');
  const cookie = res.headers.get('set-cookie')!;
  assert.equal(parse(cookie).signer_search, 'Maryam.Kazemi@mail.example');
  assert.match(cookie, /Path=\/fa\/dashboard\/petitions\/free-the-drivers/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.ok(!res.headers.get('location')!.includes('Kazemi'));
});

test('an empty search clears the cookie; another site cannot set one', async () => {
  const cleared = await post('free-the-drivers', { q: '', locale: 'en' });
  assert.equal(cleared.headers.get('location'), '/dashboard/petitions/free-the-drivers#signers-title');
  assert.match(cleared.headers.get('set-cookie')!, /Max-Age=0/);
  const forged = await post('free-the-drivers', { q: 'x', locale: 'en' }, { origin: 'https://evil.example' });
  assert.equal(forged.status, 403);
  assert.equal(forged.headers.get('set-cookie'), null);
});
