import { expect, test } from '@playwright/test';
import { createPetition, database } from '../support/e2e';

test('the count on an open petition page moves while the supporter reads, without a reload', async ({ page }) => {
  const petition = await createPetition();
  await page.clock.install();
  await page.goto(`/p/${petition.slug}`);
  await expect(page.locator('.progress-count strong')).toHaveText('0 signatures');
  await database()`insert into petition_counters (petition_id, shard, confirmed) values (${petition.id}, 0, 3)`;
  // The public API is cached for 5 s; the page asks every 20 s.
  await page.clock.runFor(26_000);
  await expect(page.locator('.progress-count strong')).toHaveText('3 signatures');
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByRole('button', { name: /Sign/ })).toBeVisible();
});
