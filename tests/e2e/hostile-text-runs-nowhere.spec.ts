import { expect, test, type Page } from '@playwright/test';
import { createPetition, database, organiserSession, sealSignatures } from '../support/e2e';
import { issueTokenForE2e } from '../support/tokens';

// Markup and script in every field people type: organisers' text and signers' names and comments.
const CORPUS = [
  '<script>alert("xss-1")</script>',
  '"><img src=x onerror=alert("xss-2")>',
  "'-alert('xss-3')-'",
  '<svg onload=alert("xss-4")>',
  '</title><script>alert("xss-5")</script>',
  '<iframe src="javascript:alert(`xss-6`)"></iframe>',
  '{{constructor.constructor("alert(`xss-7`)")()}}',
  '<a href="javascript:alert(`xss-8`)">click</a>',
  '[link](javascript:alert("xss-9")) ![img](javascript:alert("xss-10"))',
  '<style>body{display:none}</style><b onmouseover=alert("xss-11")>hover</b>',
];
const text = (i: number) => `${CORPUS[i % CORPUS.length]} ${i}`;

/** Fails the test on any dialog, uncaught error or console error (a CSP block of injected script is one). */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

test('hostile text in every organiser field and in signers’ names and comments executes nothing on any page that shows it', async ({ page, context }) => {
  test.setTimeout(120_000);
  const petition = await createPetition({
    title: text(0),
    summary: text(1),
    body: CORPUS.join('\n\n'),
    target: text(3),
    demands: CORPUS.map((_, i) => text(i)),
  });
  const db = database();
  await db`update petitions set victory_message = ${text(4)} where id = ${petition.id}`;
  await db`insert into petition_updates (petition_id, subject, body) values (${petition.id}, ${text(5)}, ${CORPUS.join('\n\n')})`;
  await db`insert into petition_translations (petition_id, language, title, summary, body, target, demands)
    values (${petition.id}, 'ar', ${text(6)}, ${text(7)}, ${CORPUS.join('\n\n')}, ${text(8)}, ${CORPUS})`;
  const signatureIds: number[] = [];
  for (let i = 0; i < CORPUS.length; i++) {
    const [row] = await db`insert into signatures (petition_id, name, email, canonical_email, email_domain, country, comment, show_name, status, confirmed_at)
      values (${petition.id}, ${text(i)}, ${`xss${i}@example.org`}, ${`xss${i}@example.org`}, 'example.org', 'FR', ${text(i + 1)}, true, 'confirmed', now()) returning id`;
    signatureIds.push(Number(row!.id));
  }
  await sealSignatures();
  const organiser = await organiserSession(`xss-owner-${petition.slug}@example.org`);
  await db`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${organiser.accountId}, 'owner')`;

  const problems = watch(page);
  const publicPages = [
    `/p/${petition.slug}`,
    `/ar/p/${petition.slug}`,
    `/p/${petition.slug}/embed`,
    `/p/${petition.slug}/poster`,
    `/p/${petition.slug}/report`,
    '/',
    `/s/${await issueTokenForE2e(signatureIds[0]!, 'manage')}`,
  ];
  for (const path of publicPages) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(200);
    // Petition pages and the widget are shared by caches: their inline scripts are allowed by hash, not by a per-request nonce.
    const shared = /\/p\/[^/]+(?:\/embed)?$/.test(path);
    expect(res!.headers()['content-security-policy'], `${path} has a CSP`).toMatch(
      shared ? /script-src 'self' 'sha256-[^']+'/ : /script-src 'self' 'nonce-[^']+'/,
    );
    await page.locator('body').hover();
  }
  // The text is shown as text, not as markup (/en/ resets the language the Arabic visit chose).
  await page.goto(`/en/p/${petition.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(0));
  await expect(page.locator('img[src="x"], iframe, svg[onload]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);

  await context.addCookies([organiser.cookie]);
  for (const path of [
    `/dashboard`,
    `/dashboard/petitions/${petition.slug}`,
    `/dashboard/petitions/${petition.slug}/edit`,
    `/dashboard/petitions/${petition.slug}/preview`,
    `/dashboard/petitions/${petition.slug}/translations`,
    `/dashboard/petitions/${petition.slug}/invalidate`,
  ]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(200);
    await page.locator('body').hover();
  }
  expect(problems).toEqual([]);
});

test('the page works under its CSP: with JavaScript on, a supporter can sign, and no policy violation is reported', async ({ page }) => {
  const petition = await createPetition();
  const problems = watch(page);
  const res = await page.goto(`/p/${petition.slug}`);
  const csp = res!.headers()['content-security-policy']!;
  expect(csp).toContain("default-src 'self'");
  expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  expect(res!.headers()['x-content-type-options']).toBe('nosniff');
  expect(res!.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(res!.headers()['permissions-policy']).toContain('camera=()');
  // Hydrated: the live count component runs (it needs script) and the form validates in the browser.
  await page.getByLabel('Name', { exact: true }).focus();
  await page.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(page.locator('#name')).toBeFocused();
  await page.getByLabel('Name', { exact: true }).fill('Csp Tester');
  await page.getByLabel('Email', { exact: true }).fill(`csp-${Date.now()}@example.org`);
  await page.getByLabel('Country', { exact: true }).selectOption('FR');
  await page.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  expect(problems).toEqual([]);
});
