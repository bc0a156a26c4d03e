import { expect, test, type Browser } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { confirmationLink, createPetition, database, signatureKey, uniqueEmail, waitForEmail } from '../support/e2e';

// Corporate mail filters open every link of an email in a real, script-running browser before the
// person sees it. Here Chromium plays the filter: it opens each link, runs every script, presses
// nothing, and stays a while. Nothing may change until the person presses the one button.

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };
/** How long the scanner stays on each page: its scripts run meanwhile (the time is the point, not a wait for something). */
const SCANNER_DWELL_MS = 5_000;

/** Every link of this site in the email's text. */
function linksIn(mail: ParsedMail, baseURL: string): string[] {
  return [...new Set(mail.text?.match(/https?:\/\/\S+/g) ?? [])].filter((u) => u.startsWith(baseURL));
}

/** Opens each link in a fresh browser that runs scripts, presses nothing and waits; returns its cookies. */
async function scan(browser: Browser, links: string[]) {
  const scanner = await browser.newContext();
  const page = await scanner.newPage();
  for (const link of links) {
    await page.goto(link, { waitUntil: 'networkidle' });
    await page.waitForTimeout(SCANNER_DWELL_MS);
  }
  const cookies = await scanner.cookies();
  await scanner.close();
  return cookies;
}

test('a mail scanner that opens the confirmation email’s links confirms nothing; the signer’s own press on a phone does', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const petition = await createPetition({ title: 'أوقفوا إغلاق المكتبة العامة', language: 'ar' });
  const email = uniqueEmail('scanned');
  const signed = await request.post(`/api/petitions/${petition.slug}/signatures`, { data: { name: 'ليلى حسن', email, country: 'JO', locale: 'ar' } });
  expect(signed.status()).toBe(202);
  const mail = await waitForEmail(email);
  const link = confirmationLink(mail);
  const links = linksIn(mail, baseURL!);
  expect(links).toContain(link);

  await scan(browser, links);
  const [row] =
    await database()`select status, confirmed_at, withdrawn_at, unsubscribed_at from signatures where canonical_email = ${await signatureKey(email)}`;
  expect(row).toMatchObject({ status: 'pending', confirmed_at: null, withdrawn_at: null, unsubscribed_at: null });
  expect((await (await request.get(`/api/petitions/${petition.slug}/count`)).json()).signatureCount).toBe(0);

  // The person, on a phone: the one button is the first thing on screen, in their language, and
  // the link still works.
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await page.goto(link);
  const button = page.getByRole('button', { name: 'أكّد توقيعي' });
  await expect(button).toBeInViewport({ ratio: 1 });
  await expect(page.locator('main').getByRole('button')).toHaveCount(1);
  await expect(page.getByText('اضغط الزر ليُحتسب توقيعك')).toBeInViewport();
  await button.click();
  await expect(page.getByRole('heading', { name: 'شكرًا لك، تم تأكيد توقيعك' })).toBeVisible();
  const [after] = await database()`select status from signatures where canonical_email = ${await signatureKey(email)}`;
  expect(after!.status).toBe('confirmed');
  // The count is shared for a couple of seconds (at most 5 s behind): it reaches 1 within that.
  await expect.poll(async () => (await (await request.get(`/api/petitions/${petition.slug}/count`)).json()).signatureCount, { timeout: 6_000 }).toBe(1);
  await phone.close();
});

test('a mail scanner that opens the organiser’s sign-in link gets no session and leaves the link working; the organiser’s press signs in', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const organiser = uniqueEmail('scanned-organiser');
  const asking = await browser.newContext();
  const form = await asking.newPage();
  await form.goto('/login');
  await form.getByLabel('Email', { exact: true }).fill(organiser);
  await form.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(form.getByRole('status')).toContainText('sign-in link is on its way');
  await asking.close();
  const mail = await waitForEmail(organiser);
  const link = mail.text!.match(/https?:\/\/\S+\/login\/[A-Za-z0-9_-]{43}\S*/)![0];

  const cookies = await scan(browser, linksIn(mail, baseURL!));
  expect(cookies.map((c) => c.name)).not.toContain('undersign_session');
  const sessions = async () =>
    (await database()`select count(*)::int as n from sessions s join accounts a on a.id = s.account_id where a.email = ${organiser}`)[0]!.n;
  expect(await sessions()).toBe(0);

  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await page.goto(link);
  const button = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(button).toBeInViewport({ ratio: 1 });
  await expect(page.locator('main').getByRole('button')).toHaveCount(1);
  await button.click();
  await expect(page.getByRole('heading', { name: 'Your petitions' })).toBeVisible();
  expect(await sessions()).toBe(1);
  await phone.close();
});
