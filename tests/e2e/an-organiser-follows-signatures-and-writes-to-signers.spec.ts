import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createPetition, database, organiserSession, sealSignatures, waitForEmail } from '../support/e2e';

test('an organiser watches a signature arrive without reloading, filters the list, downloads the CSV and sends an update', async ({ page, context }) => {
  test.setTimeout(90_000);
  const petition = await createPetition();
  const owner = await organiserSession(`follow-${petition.slug}@example.org`);
  await database()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.accountId}, 'owner')`;
  const add = (name: string, email: string, wants: boolean) =>
    database()`
    insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, wants_updates, source)
    values (${petition.id}, ${name}, ${email}, ${email}, 'FR', 'confirmed', now(), ${wants}, 'whatsapp')`.then(sealSignatures);
  await add('Hana Sato', `hana-${petition.slug}@example.org`, true);
  await context.addCookies([owner.cookie]);

  await page.goto(`/dashboard/petitions/${petition.slug}`);
  const confirmed = page.locator('.figure').filter({ hasText: 'Confirmed' }).locator('dd');
  await expect(confirmed).toHaveText('1');
  await expect(page.getByRole('table', { name: 'By source' })).toContainText('whatsapp');

  // A new signature appears while the page stays open.
  await add('Ivan Petrov', `ivan-${petition.slug}@example.org`, false);
  await expect(confirmed).toHaveText('2', { timeout: 20_000 });
  await expect(page.getByRole('cell', { name: 'Ivan Petrov' })).toBeVisible();

  // Filter the list by a whole word of a name.
  await page.getByLabel('Search confirmed signers by whole words of a name, or by email').fill('hana');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'Hana Sato' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Ivan Petrov' })).toHaveCount(0);
  // What was typed is nowhere in the page's address (history, access logs, Referer).
  expect(page.url()).not.toContain('hana');
  // Searched again with nothing, the list is whole again.
  await page.getByLabel('Search confirmed signers by whole words of a name, or by email').fill('');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'Ivan Petrov' })).toBeVisible();

  // Download the CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download confirmed (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFFname,email,country,city_or_postcode,comment,status,created_at,confirmed_at,source,opted_in_to_updates,consent_updates,consent_partner',
  );
  expect(csv).toContain(`Hana Sato,hana-${petition.slug}@example.org,FR`);
  expect(csv).toContain('Ivan Petrov,,FR');

  // Send an update to the one signer who asked for them.
  await page.getByLabel('Subject', { exact: true }).fill('We delivered the petition');
  await page.getByLabel('Message', { exact: true }).fill('The council received **every** signature.');
  await page.getByRole('button', { name: 'Preview', exact: true }).last().click();
  await expect(page.locator('.update-form .body-preview strong')).toHaveText('every');
  await page.getByRole('button', { name: 'Send the update' }).click();
  await expect(page.getByText('The update is on its way to 1 signer')).toBeVisible();
  const mail = await waitForEmail(`hana-${petition.slug}@example.org`);
  expect(mail.subject).toBe('We delivered the petition');
  expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

  await page.goto(`/p/${petition.slug}`);
  await expect(page.getByRole('heading', { name: 'We delivered the petition' })).toBeVisible();
});
