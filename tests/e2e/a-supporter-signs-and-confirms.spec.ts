import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, uniqueEmail, visitUntil, waitForEmail } from '../support/e2e';

test('a supporter finds a petition, signs it, confirms by email and sees the count go up', async ({ page }) => {
  const petition = await createPetition();
  const email = uniqueEmail('zoe');

  await page.goto('/');
  await page.getByRole('link', { name: petition.title }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${petition.slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(petition.title);
  await expect(page.getByText(petition.target)).toBeVisible();
  const demands = page.getByRole('region', { name: 'What we are asking for' }).getByRole('listitem');
  await expect(demands).toContainText(petition.demands);
  await expect(page.getByText('0 signatures')).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Zoe Keller');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption({ label: 'France' });
  await page.getByLabel(/^City or postcode/).fill('Lyon');
  await page.getByLabel(/^Why are you signing\?/).fill('Night buses got me home safely for years.');
  await page.getByLabel('Show my name on this petition', { exact: true }).check();
  await page.getByRole('button', { name: /Sign/ }).click();

  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  const mail = await waitForEmail(email);
  expect(mail.subject).toBe(`Please confirm your signature: ${petition.title}`);
  expect(mail.html).toBeTruthy();

  // "Send it again" is held back for the resend interval, then mails a fresh link.
  const resend = page.getByRole('button', { name: 'Send it again' });
  await expect(resend).toBeDisabled();
  await expect(resend).toBeEnabled({ timeout: 20_000 });
  await resend.click();
  await expect(page.getByRole('status').filter({ hasText: 'another email is on its way' })).toBeVisible();
  await waitForEmail(email, { nth: 2 });

  await page.goto(confirmationLink(mail));
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, your signature is confirmed' })).toBeVisible();
  await expect(page.getByText(`“${petition.title}” now has 1 signature.`)).toBeVisible();
  await expect(page.getByLabel('Link to the petition', { exact: true })).toHaveValue(new RegExp(`/p/${petition.slug}\\?ref=[a-f0-9]{16}$`));

  await visitUntil(page, `/p/${petition.slug}`, () => expect(page.getByText('1 signature', { exact: true })).toBeVisible({ timeout: 500 }));
  const recent = page.getByRole('region', { name: 'Recent signatures' });
  await expect(recent.getByText('Zoe K.')).toBeVisible();
  await expect(recent.getByText('France')).toBeVisible();
  expect(await page.content()).not.toContain(email);

  // Opening the link again is harmless.
  await page.goto(confirmationLink(mail));
  await expect(page.getByRole('heading', { name: 'Already confirmed' })).toBeVisible();
});

test('a confirmation link that no longer works explains itself and offers a fresh one', async ({ page }) => {
  const petition = await createPetition();
  const response = await page.goto(`/p/${petition.slug}/confirm/${'A'.repeat(43)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'This link does not work any more' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible();
});

test('an unknown petition is a real 404 page, and a closed one shows its final count and no form', async ({ page }) => {
  const response = await page.goto('/p/no-such-petition-here');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();

  const closed = await createPetition({ status: 'closed' });
  await page.goto(`/p/${closed.slug}`);
  await expect(page.getByRole('heading', { name: 'This petition is closed' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Sign/ })).toHaveCount(0);
});
