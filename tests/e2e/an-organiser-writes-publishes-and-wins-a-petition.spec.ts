import { expect, test } from '@playwright/test';
import { confirmationLink, uniqueEmail, waitForEmail } from '../support/e2e';

test('an organiser signs in by email, writes a petition, reorders demands, previews, publishes, closes it and declares victory', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const organiser = uniqueEmail('organiser');
  const title = `Protect the Elm Street trees ${Date.now().toString(36)}`;

  // Sign in with nothing but an email address.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard/);
  await page.getByLabel('Email', { exact: true }).fill(organiser);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('status')).toContainText('sign-in link is on its way');
  const login = await waitForEmail(organiser);
  const link = login.text!.match(/https?:\/\/\S+\/login\/[A-Za-z0-9_-]{43}\S*/)![0];
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your petitions' })).toBeVisible();

  // Write it: every field has a label.
  await page.getByRole('link', { name: 'Start a petition' }).first().click();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await expect(page.getByLabel('Web address')).toHaveValue(/^protect-the-elm-street-trees-/);
  await page.getByLabel('Summary', { exact: true }).fill('The council wants to cut down forty healthy elms.');
  await page.getByLabel('Target', { exact: true }).fill('Springfield City Council');
  await page.getByLabel('Demand 1', { exact: true }).fill('Stop the felling');
  await page.getByRole('button', { name: 'Add demand' }).click();
  await page.getByLabel('Demand 2', { exact: true }).fill('Publish the tree survey');
  await page.getByRole('button', { name: 'Add demand' }).click();
  await page.getByLabel('Demand 3', { exact: true }).fill('Plant two trees for every one lost');
  // Reorder: the survey comes first.
  await page.getByRole('button', { name: 'Move demand 2 up' }).click();
  await expect(page.getByLabel('Demand 1', { exact: true })).toHaveValue('Publish the tree survey');
  await page.getByLabel('Body', { exact: true }).fill('## Why\n\nThese trees are **eighty years old**.');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.locator('.body-preview strong')).toHaveText('eighty years old');
  await page.getByLabel('Goal', { exact: true }).fill('200');

  // Publishing an incomplete petition is refused next to the field; a draft would save.
  await page.getByLabel('Target', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('#target-error')).toHaveText('Say who the petition is addressed to.');
  await page.getByLabel('Target', { exact: true }).fill('Springfield City Council');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.locator('.badge')).toHaveText('Draft');

  // Preview the draft exactly as the public page renders it; the public page does not exist yet.
  const slug = page.url().match(/petitions\/([a-z0-9-]+)/)![1]!;
  await page.getByRole('link', { name: 'Preview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.demand-list li')).toContainText(['Publish the tree survey', 'Stop the felling', 'Plant two trees for every one lost']);
  expect((await page.request.get(`/p/${slug}`)).status()).toBe(404);

  // Publish.
  await page.goto(`/dashboard/petitions/${slug}/edit`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Your petition is published')).toBeVisible();
  await expect(page.locator('.badge')).toHaveText('Open');

  // A supporter signs the public page and confirms.
  const supporter = await browser.newPage();
  await supporter.goto(`/p/${slug}`);
  await expect(supporter.getByRole('heading', { level: 1 })).toHaveText(title);
  const email = uniqueEmail('neighbour');
  await supporter.getByLabel('Name', { exact: true }).fill('Ned Flanders');
  await supporter.getByLabel('Email', { exact: true }).fill(email);
  await supporter.getByLabel('Country', { exact: true }).selectOption('US');
  await supporter.getByRole('button', { name: /Sign/ }).click();
  await expect(supporter.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await supporter.goto(confirmationLink(await waitForEmail(email)));
  await supporter.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(supporter.getByRole('heading', { name: 'Thank you, your signature is confirmed' })).toBeVisible();

  // Close it, then declare victory.
  await page.goto(`/dashboard/petitions/${slug}`);
  await expect(page.getByText('1 signature', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Close the petition' }).click();
  await expect(page.getByText('Closed. It no longer accepts signatures.')).toBeVisible();
  await page.reload();
  await page.getByLabel('What did you win?').fill('The council cancelled the felling!');
  await page.getByRole('button', { name: 'Declare victory' }).click();
  await expect(page.getByText('Victory declared. Congratulations!')).toBeVisible();

  // The public page is shared for PAGE_CACHE_MS (2 s): the supporter read it moments ago, so the victory shows
  // within that bound, on a later load.
  await expect(async () => {
    await supporter.goto(`/p/${slug}`);
    await expect(supporter.getByText('The council cancelled the felling!')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(supporter.getByRole('heading', { name: 'This petition is closed' })).toBeVisible();
  await expect(supporter.getByRole('button', { name: /Sign/ })).toHaveCount(0);

  // Sign out ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login/);
});
