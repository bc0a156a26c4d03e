import { expect, test } from '@playwright/test';
import { createPetition, database, organiserSession, sealSignatures } from '../support/e2e';

test('an organiser removes fake signatures by rule, cannot remove everyone or count held ones, and restores a genuine signer', async ({ page, context }) => {
  const petition = await createPetition();
  const owner = await organiserSession(`moderator-${petition.slug}@example.org`);
  await database()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.accountId}, 'owner')`;
  const add = (name: string, local: string, status: 'confirmed' | 'held') =>
    database()`
    insert into signatures (petition_id, name, email, canonical_email, email_domain, country, status, confirmed_at, suspected_at)
    values (${petition.id}, ${name}, ${`${local}-${petition.slug}@example.org`}, ${`${local}-${petition.slug}@example.org`}, 'example.org', 'FR',
            ${status}, now(), ${status === 'held' ? new Date() : null})`.then(sealSignatures);
  await add('کریم بات ۱', 'bot1', 'confirmed');
  await add('كريم بوت ۲', 'bot2', 'confirmed');
  await add('Karim Genuine', 'karim', 'confirmed');
  await add('Held Person', 'held', 'held');
  await database()`insert into petition_counters (petition_id, shard, confirmed) values (${petition.id}, 0, 3)`;
  await context.addCookies([owner.cookie]);

  await page.goto(`/dashboard/petitions/${petition.slug}/invalidate`);
  const name = page.getByLabel('Name', { exact: true });
  const status = page.locator('form.bulk-rule [role=status]');
  await expect(page.getByText("counted only after the platform's moderators review them")).toBeVisible();

  // A pattern of wildcards alone, then a rule that happens to match everyone: both refused.
  await name.fill('*');
  await page.getByRole('button', { name: 'Show how many match' }).click();
  await expect(status).toHaveText(
    'Give part of a name of at most 100 characters, without control characters; not only *: a pattern of wildcards alone matches everyone.',
  );
  await name.fill('');
  await page.getByLabel('Country code').fill('FR');
  await page.getByRole('button', { name: 'Show how many match' }).click();
  await expect(status).toContainText('matches every live signature of the petition (4)');
  await expect(page.getByRole('button', { name: /^Invalidate/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /held for review/ })).toHaveCount(0);

  // The Arabic-keyboard spelling finds the Persian one too.
  await page.getByLabel('Country code').fill('');
  await name.fill('*كريم*');
  await page.getByRole('button', { name: 'Show how many match' }).click();
  await expect(status).toHaveText('2 signatures match (2 counted, 0 held for review).');
  await page.getByRole('button', { name: 'Invalidate these 2 signatures' }).click();
  await expect(status).toHaveText('2 signatures invalidated.');

  // One of them was genuine after all.
  await name.fill('كريم بوت*');
  await page.getByRole('button', { name: 'Show how many match' }).click();
  await expect(status).toContainText('1 invalidated signature matches and can be restored.');
  await page.getByRole('button', { name: 'Restore 1 invalidated signature' }).click();
  await expect(status).toHaveText('1 signature restored.');
  const [count] = await database()`select coalesce(sum(confirmed), 0)::int as n from petition_counters where petition_id = ${petition.id}`;
  expect(count!.n, 'the genuine signer counts again').toBe(2);
});
