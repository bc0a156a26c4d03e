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

test('the count shown never goes down while the page is open, nor after a reload', async ({ page }) => {
  const petition = await createPetition();
  await database()`insert into petition_counters (petition_id, shard, confirmed) values (${petition.id}, 0, 5)`;
  const shown = page.locator('.progress-count strong');
  await page.clock.install();
  await page.goto(`/p/${petition.slug}`);
  await expect(shown).toHaveText('5 signatures');
  // Every number the page shows from now on, however briefly.
  await page.evaluate(() => {
    const count = document.querySelector('.progress-count strong')!;
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => seen.push(count.textContent ?? '')).observe(count, { subtree: true, childList: true, characterData: true });
  });

  // A cache somewhere on the way answers the poll with an older, lower count, then a newer one.
  let answer = 2;
  let polls = 0;
  await page.route(`**/api/petitions/${petition.slug}/count`, (route) => {
    polls++;
    return route.fulfill({ json: { slug: petition.slug, signatureCount: answer, goal: petition.goal, status: 'open', at: new Date().toISOString() } });
  });
  const nextPoll = async () => {
    const before = polls;
    await expect(async () => {
      await page.clock.runFor(20_000);
      expect(polls).toBeGreaterThan(before);
    }).toPass({ timeout: 15_000 });
  };
  await nextPoll();
  await nextPoll();
  await expect(shown).toHaveText('5 signatures');
  answer = 9;
  await nextPoll();
  await expect(shown).toHaveText('9 signatures');
  expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).not.toContain('2 signatures');

  // Reloaded, the page itself says 5 (the database's count): the tab shows no less than it did.
  await page.unroute(`**/api/petitions/${petition.slug}/count`);
  await page.reload();
  await expect(shown).toHaveText('9 signatures');
});

test('the poll is checked with the server each time, never answered by an older copy in the browser', async ({ page, request }) => {
  const petition = await createPetition();
  const count = `/api/petitions/${petition.slug}/count`;
  const shown = page.locator('.progress-count strong');
  let polls = 0;
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === count) polls++;
  });
  const nextPoll = async () => {
    const before = polls;
    await expect(async () => {
      await page.clock.runFor(20_000);
      expect(polls).toBeGreaterThan(before);
    }).toPass({ timeout: 15_000 });
  };
  await page.clock.install();
  await page.goto(`/p/${petition.slug}`);
  await nextPoll(); // The browser now holds an answer of 0, which it may keep for up to 35 s.
  await database()`insert into petition_counters (petition_id, shard, confirmed) values (${petition.id}, 0, 3)`;
  // Once the server answers 3 (its own shared copy lasts 2 s), the page's very next poll shows 3.
  await expect.poll(async () => (await (await request.get(count)).json()).signatureCount, { intervals: [250] }).toBe(3);
  await nextPoll();
  await expect(shown).toHaveText('3 signatures', { timeout: 1_000 });
});
