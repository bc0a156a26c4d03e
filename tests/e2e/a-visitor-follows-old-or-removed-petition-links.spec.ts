import { expect, test } from '@playwright/test';
import { createPetition, database } from '../support/e2e';

test('a link to a renamed petition redirects permanently to its new address', async ({ page, request }) => {
  const petition = await createPetition();
  const newSlug = `${petition.slug}-renamed`;
  await database()`update petitions set slug = ${newSlug} where id = ${petition.id}`;
  await database()`insert into petition_slug_redirects (old_slug, petition_id) values (${petition.slug}, ${petition.id})`;
  const res = await request.get(`/p/${petition.slug}`, { maxRedirects: 0 });
  expect(res.status()).toBe(308);
  expect(res.headers().location).toBe(`/p/${newSlug}`);
  await page.goto(`/ar/p/${petition.slug}`);
  await expect(page).toHaveURL(new RegExp(`/ar/p/${newSlug}$`));
});

test('a petition hidden by moderators answers 410 Gone with a short notice, and cannot be signed', async ({ request }) => {
  const petition = await createPetition();
  await database()`update petitions set hidden_at = now() where id = ${petition.id}`;
  // The hidden list is refreshed every 15 s per instance.
  await expect
    .poll(async () => (await request.get(`/p/${petition.slug}`)).status(), { timeout: 20_000, intervals: [500] })
    .toBe(410);
  const res = await request.get(`/ar/p/${petition.slug}`);
  expect(res.status()).toBe(410);
  expect(await res.text()).toContain('أُزيلت هذه العريضة');
  const sign = await request.post(`/api/petitions/${petition.slug}/signatures`, { data: { name: 'A', email: 'a@example.org', country: 'FR' } });
  expect(sign.status()).toBe(404);
});
