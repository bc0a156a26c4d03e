import { expect, test } from '@playwright/test';
import { createPetition, database, uniqueEmail } from '../support/e2e';

test('errors appear next to each field, focus moves to the first, and everything typed is kept', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);

  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct' })).toHaveText('Please correct the highlighted fields and sign again.');
  await expect(page.locator('#name-error')).toHaveText('Please enter your name.');
  await expect(page.locator('#email-error')).toHaveText('Please enter your email address.');
  await expect(page.locator('#country-error')).toHaveText('Please choose your country.');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-describedby', /name-error/);

  await page.getByLabel('Name', { exact: true }).fill('Priya Nair');
  await page.getByLabel('Email', { exact: true }).fill('priya@');
  await page.getByLabel(/^Why are you signing\?/).fill('My mother works nights.');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.locator('#name-error')).toHaveCount(0);
  await expect(page.locator('#email-error')).toHaveText('Please enter a valid email address, like name@example.com.');
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Priya Nair');
  await expect(page.getByLabel(/^Why are you signing\?/)).toHaveValue('My mother works nights.');

  const email = uniqueEmail('priya');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption('IN');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const rows = await database()`select name, comment, country from signatures where email = ${email}`;
  expect(rows.map((r) => ({ ...r }))).toEqual([{ name: 'Priya Nair', comment: 'My mother works nights.', country: 'IN' }]);
});

test('the comment field shows how many characters are left', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);
  await expect(page.getByText('500 characters left')).toBeVisible();
  await page.getByLabel(/^Why are you signing\?/).fill('Twelve chars');
  await expect(page.getByText('488 characters left')).toBeVisible();
});
