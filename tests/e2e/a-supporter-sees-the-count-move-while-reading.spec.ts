import { expect, test } from '@playwright/test';
import { createPetition, database } from '../support/e2e';

test('the count on an open petition page moves while the supporter reads, without a reload', async ({ page }) => {
  const petition = await createPetition();
  await page.clock.install();
  await page.goto(`/p/${petition.slug}`);
  await expect(page.locator('.progress-count strong')).toHaveText('0 signatures');
  await database()`insert into petition_counters (petition_id, shard, confirmed) values (${petition.id}, 0, 3)`;
  // The page asks every 20 s (the answer is shared for 2 s on the server, 5 s at a CDN). Time moves
  // on a poll at a time until the new count shows, so a page still hydrating when the clock first
  // jumps (its timer not yet set) is not mistaken for a page that never updates.
  await expect(async () => {
    await page.clock.runFor(20_000);
    await expect(page.locator('.progress-count strong')).toHaveText('3 signatures', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByRole('button', { name: /Sign/ })).toBeVisible();
});
