import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, openedSignatures, uniqueEmail, waitForEmail } from '../support/e2e';

async function signAndConfirm(page: import('@playwright/test').Page, url: string, name: string, email: string) {
  await page.goto(url);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption('DE');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const link = confirmationLink(await waitForEmail(email));
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, your signature is confirmed' })).toBeVisible();
  return link;
}

test('after confirming, a supporter gets a personal share link, and a signature made through it is credited to them', async ({ page, browser }) => {
  const petition = await createPetition();
  const alice = uniqueEmail('alice');
  const aliceLink = await signAndConfirm(page, `/p/${petition.slug}`, 'Alice Weber', alice);

  await expect(page.getByText('Nobody has signed through your link yet.')).toBeVisible();
  const personal = await page.getByLabel('Link to the petition').inputValue();
  expect(personal).toMatch(new RegExp(`/p/${petition.slug}\\?ref=[a-f0-9]{16}$`));
  // Each app's link is a plain link carrying its channel and the same code.
  const whatsapp = await page.getByRole('link', { name: 'WhatsApp' }).getAttribute('href');
  expect(decodeURIComponent(whatsapp!)).toContain(`/p/${petition.slug}?source=whatsapp&ref=${personal.split('ref=')[1]}`);

  const friend = await browser.newPage();
  await signAndConfirm(friend, personal, 'Bruno Keller', uniqueEmail('bruno'));

  await page.goto(aliceLink);
  await expect(page.getByText('1 person signed through your link. Thank you!')).toBeVisible();
  const [row] = (await openedSignatures({ petitionId: petition.id })).filter((r) => r.name === 'Bruno Keller');
  expect(row!.referred_by).toBe(personal.split('ref=')[1]);
});

test('the petition page offers share links tagged by channel, a QR code and a printable poster', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);
  const telegram = await page.getByRole('link', { name: 'Telegram' }).getAttribute('href');
  expect(new URL(telegram!).searchParams.get('url')).toMatch(new RegExp(`/p/${petition.slug}\\?source=telegram$`));
  await expect(page.getByRole('img', { name: 'QR code for this petition' }).locator('svg')).toBeVisible();
  await page.getByRole('link', { name: 'Printable poster with QR code' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(petition.title);
  await expect(page.locator('.poster-demands li')).toHaveText(petition.demands);
  // Nothing on the page is loaded from another origin.
  const origins = new Set<string>();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  await page.goto(`/p/${petition.slug}`);
  await page.waitForLoadState('networkidle');
  expect([...origins]).toEqual([new URL(page.url()).origin]);
});

test('a shared link with tracking parameters names one canonical page, with language versions and schema.org data', async ({ page }) => {
  const petition = await createPetition({ title: 'Canonical </script><script>alert(1)</script> test' });
  page.on('dialog', () => {
    throw new Error('a script from the title ran');
  });
  await page.goto(`/p/${petition.slug}?source=whatsapp&ref=0123456789`);
  const origin = new URL(page.url()).origin;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${origin}/p/${petition.slug}`);
  await expect(page.locator('link[rel="alternate"][hreflang="ar"]')).toHaveAttribute('href', `${origin}/ar/p/${petition.slug}`);
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data).toMatchObject({
    '@type': 'WebPage',
    name: petition.title,
    url: `${origin}/p/${petition.slug}`,
    interactionStatistic: { userInteractionCount: 0 },
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(petition.title);
});
