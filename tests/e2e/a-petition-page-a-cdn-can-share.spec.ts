import { expect, test } from '@playwright/test';
import { createPetition, organiserSession } from '../support/e2e';

// Public petition pages carry no per-request nonce: their inline scripts are allowed by hash, so
// one rendering can be served to everyone by a CDN, and a script that is not in the rendering
// still does not run. Organisers' pages, and any page rendered for a request with cookies, stay private.

const scriptSources = (csp: string) =>
  csp
    .split(';')
    .find((d) => d.trim().startsWith('script-src'))!
    .trim();

test('every public petition page, in each language and as a widget, may be kept by a CDN for a few seconds, with hashed scripts', async ({ request }) => {
  const petition = await createPetition();
  // Unprefixed (English) first: a language cookie the prefixed pages may set would send the unprefixed ones elsewhere.
  for (const path of [`/p/${petition.slug}`, `/p/${petition.slug}/embed`, `/ar/p/${petition.slug}`, `/fa/p/${petition.slug}`, `/ar/p/${petition.slug}/embed`]) {
    const first = await request.get(path, { headers: { 'accept-language': path.startsWith('/p/') ? 'en' : 'ar' } });
    expect(first.status(), path).toBe(200);
    const cacheControl = first.headers()['cache-control']!;
    expect(cacheControl, path).toMatch(/^public, /);
    // A shared cache keeps it s-maxage, then serves it stale while it refreshes: together at most 5 s,
    // so the count shown is never more than 5 s old; and stale while the origin is failing.
    const directive = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(cacheControl)?.[1]);
    expect(directive('s-maxage') + directive('stale-while-revalidate'), path).toBeLessThanOrEqual(5);
    expect(directive('stale-if-error'), path).toBeGreaterThan(0);
    const csp = first.headers()['content-security-policy']!;
    const scripts = scriptSources(csp);
    expect(scripts, path).toMatch(/'sha256-[A-Za-z0-9+/]+=*'/);
    expect(scripts, path).not.toContain('nonce-');
    expect(scripts, path).not.toContain("'unsafe-inline'");
    const html = await first.text();
    expect(html, path).not.toMatch(/\snonce="/);
    // Every inline script of the page is one of the hashes: the policy was made from this very page.
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs]) => !/\ssrc=/.test(attrs!));
    expect(inline.length, path).toBeGreaterThan(0);
    // The next visitor gets the same page and policy: nothing in it is made per request.
    const second = await request.get(path, { headers: { 'accept-language': path.startsWith('/p/') ? 'en' : 'ar' } });
    expect(second.headers()['content-security-policy'], path).toBe(csp);
    expect(await second.text(), path).toBe(html);
    // The address without a prefix answers in the language picked per request: a shared cache keys it by that.
    if (path.startsWith('/p/')) expect(first.headers()['vary'], path).toMatch(/Accept-Language.*Cookie/);
    // Every address, prefixed or not, answers a request with a cookie privately: the shared copy is keyed by it.
    expect(first.headers()['vary'], path).toMatch(/\bCookie\b/);
  }
  // A browser asking for English on the Arabic page: the page is shared as it is, without the language
  // cookie next-intl would set (a CDN does not keep an answer that sets a cookie, or gives it to everyone).
  const english = await request.get(`/ar/p/${petition.slug}`, { headers: { 'accept-language': 'en' } });
  expect(english.headers()['cache-control']).toMatch(/^public, /);
  expect(english.headers()['set-cookie']).toBeUndefined();
});

test('the page still hydrates under its hashed policy, and a script injected into it is blocked', async ({ page }) => {
  const petition = await createPetition();
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.sample}`),
    );
  });
  const response = await page.goto(`/p/${petition.slug}`);
  expect(scriptSources(response!.headers()['content-security-policy']!)).toMatch(/'sha256-/);
  // Hydrated: with JavaScript the sign form calls its server action (a Next-Action POST), not the no-JavaScript route.
  const action = page.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined);
  await page.getByLabel('Name', { exact: true }).fill('Hash Policy');
  await page.getByLabel('Email', { exact: true }).fill(`hash.${Date.now()}@example.org`);
  await page.getByLabel('Country', { exact: true }).selectOption('FR');
  await page.getByRole('button', { name: /Sign/ }).first().click();
  await action;
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);

  // An inline script that was not in the rendering: refused by the policy, reported as a violation.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations.length)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  expect((await page.evaluate(() => (window as unknown as { violations: string[] }).violations))[0]).toMatch(/^script-src/);
});

test('organisers’ pages, and a petition page asked with a session or a form’s outcome, are private', async ({ request, baseURL }) => {
  const petition = await createPetition();
  const { cookie } = await organiserSession(`cdn-${Date.now()}@example.org`);
  const session = `${cookie.name}=${cookie.value}`;
  const dashboard = await request.get('/dashboard', { headers: { cookie: session }, maxRedirects: 0 });
  expect(dashboard.status()).toBe(200);
  expect(dashboard.headers()['cache-control']).toMatch(/private|no-store/);
  expect(dashboard.headers()['cache-control']).not.toMatch(/public/);
  const signedIn = await request.get(`/p/${petition.slug}`, { headers: { cookie: session } });
  expect(signedIn.headers()['cache-control']).toBe('private, no-store');

  // A refused form without JavaScript comes back to the page in a cookie: that view is the person's own.
  const refused = await request.post(`/api/petitions/${petition.slug}/sign`, {
    form: { name: '', email: 'not-an-email', country: 'FR', locale: 'en' },
    headers: { origin: baseURL! },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(303);
  const flash = /^(sign_form=[^;]+)/.exec(refused.headers()['set-cookie']!)![1]!;
  const withFlash = await request.get(`/p/${petition.slug}`, { headers: { cookie: flash } });
  expect(withFlash.headers()['cache-control']).toBe('private, no-store');
  expect(await withFlash.text()).toContain('not-an-email');
  // The same page without the cookie is the shared one again.
  const anonymous = await request.get(`/p/${petition.slug}`);
  expect(anonymous.headers()['cache-control']).toMatch(/^public, /);
});
