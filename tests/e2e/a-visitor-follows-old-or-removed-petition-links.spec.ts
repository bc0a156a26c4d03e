import { expect, test } from '@playwright/test';
import { createPetition, database, openedSignatures, signatureKey, startBlog, uniqueEmail, waitForEmail } from '../support/e2e';

/** What an organiser's change of address does: the petition takes the new slug, the old one redirects. */
async function rename(petition: { id: string; slug: string }): Promise<string> {
  const newSlug = `${petition.slug}-renamed`;
  await database()`update petitions set slug = ${newSlug} where id = ${petition.id}`;
  await database()`insert into petition_slug_redirects (old_slug, petition_id) values (${petition.slug}, ${petition.id})`;
  return newSlug;
}

test('a link to a renamed petition redirects permanently to its new address', async ({ page, request }) => {
  const petition = await createPetition();
  const newSlug = await rename(petition);
  const res = await request.get(`/p/${petition.slug}`, { maxRedirects: 0 });
  expect(res.status()).toBe(308);
  expect(res.headers().location).toBe(`/p/${newSlug}`);
  await page.goto(`/ar/p/${petition.slug}`);
  await expect(page).toHaveURL(new RegExp(`/ar/p/${newSlug}$`));
});

test('every page of a renamed petition redirects to the same page at the new address, keeping the language and the query', async ({ request }) => {
  const petition = await createPetition();
  const newSlug = await rename(petition);
  const token = 'A'.repeat(43);
  // Unprefixed addresses first: a visit under /fa or /ar sets the language cookie, after which the
  // unprefixed ones would redirect to that language first.
  for (const [from, to] of [
    [`/p/${petition.slug}?source=poster&ref=ab12cd34`, `/p/${newSlug}?source=poster&ref=ab12cd34`],
    [`/p/${petition.slug}/poster`, `/p/${newSlug}/poster`],
    [`/p/${petition.slug}/report`, `/p/${newSlug}/report`],
    [`/p/${petition.slug}/signed`, `/p/${newSlug}/signed`],
    [`/p/${petition.slug}/confirm/${token}`, `/p/${newSlug}/confirm/${token}`],
    [`/fa/p/${petition.slug}?source=whatsapp`, `/fa/p/${newSlug}?source=whatsapp`],
    [`/ar/p/${petition.slug}/embed`, `/ar/p/${newSlug}/embed`],
  ] as [string, string][]) {
    const res = await request.get(from, { maxRedirects: 0 });
    expect(res.status(), from).toBe(308);
    expect(res.headers().location, from).toBe(to);
  }
  // Reads answer for the renamed petition at the old address, for sites that read them (CORS).
  const count = await request.get(`/api/petitions/${petition.slug}/count`, { headers: { origin: 'https://blog.example' } });
  expect(count.status()).toBe(200);
  expect(count.headers()['access-control-allow-origin']).toBe('*');
  expect((await count.json()).slug).toBe(newSlug);
});

test('a blog embedding the widget at the old address still shows the petition and signs it', async ({ page, baseURL }) => {
  const petition = await createPetition();
  const newSlug = await rename(petition);
  const blog = await startBlog(`<!doctype html><html><head><title>Blog</title></head><body>
      <div data-undersign-petition="${baseURL}/p/${petition.slug}"></div><script async src="${baseURL}/embed.js"></script></body></html>`);
  try {
    await page.goto(`${blog.origin}/`);
    const widget = page.frameLocator('iframe[data-undersign-embed]');
    await expect(widget.getByRole('heading', { level: 1 })).toHaveText(petition.title);
    await expect
      .poll(() =>
        page
          .frames()
          .find((f) => f.url().includes('/embed'))
          ?.url(),
      )
      .toBe(`${baseURL}/p/${newSlug}/embed`);

    const email = uniqueEmail('old-widget');
    await widget.getByLabel('Name', { exact: true }).fill('Wren Widget');
    await widget.getByLabel('Email', { exact: true }).fill(email);
    await widget.getByLabel('Country', { exact: true }).selectOption('FR');
    await widget.getByRole('button', { name: /Sign/ }).click();
    await expect(widget.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await waitForEmail(email);
    const [row] = await database()`select petition_id, source from signatures where canonical_email = ${await signatureKey(email)}`;
    expect(row).toMatchObject({ petition_id: petition.id, source: 'embed' });
  } finally {
    await blog.close();
  }
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a form opened before the petition was renamed and sent after signs it, with what was typed', async ({ page }) => {
    const petition = await createPetition();
    const email = uniqueEmail('old-tab');
    await page.goto(`/p/${petition.slug}?source=poster`);
    await page.getByLabel('Name', { exact: true }).fill('Tal Oldtab');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Country', { exact: true }).selectOption('DE');
    await page.getByLabel(/Why are you signing/).fill('Typed before the rename');
    const newSlug = await rename(petition);

    await page.getByRole('button', { name: /Sign/ }).click();
    await expect(page).toHaveURL(new RegExp(`/p/${newSlug}/signed$`));
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await waitForEmail(email);
    const [row] = await openedSignatures({ emails: [email] });
    expect(row).toMatchObject({ petition_id: petition.id, name: 'Tal Oldtab', country: 'DE', comment: 'Typed before the rename', source: 'poster' });
  });
});

test('with JavaScript, a form opened before the petition was renamed and sent after signs it', async ({ page }) => {
  const petition = await createPetition();
  const email = uniqueEmail('old-tab-js');
  await page.goto(`/p/${petition.slug}`);
  await page.getByLabel('Name', { exact: true }).fill('Jo Oldtab');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption('DE');
  await rename(petition);

  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await waitForEmail(email);
  const [row] = await database()`select petition_id from signatures where canonical_email = ${await signatureKey(email)}`;
  expect(row!.petition_id).toBe(petition.id);
});

test('a petition hidden by moderators answers 410 Gone with a short notice, and cannot be signed', async ({ request }) => {
  const petition = await createPetition();
  await database()`update petitions set hidden_at = now() where id = ${petition.id}`;
  // The hidden list is refreshed every 15 s per instance.
  await expect.poll(async () => (await request.get(`/p/${petition.slug}`)).status(), { timeout: 20_000, intervals: [500] }).toBe(410);
  const res = await request.get(`/ar/p/${petition.slug}`);
  expect(res.status()).toBe(410);
  expect(await res.text()).toContain('أُزيلت هذه العريضة');
  const sign = await request.post(`/api/petitions/${petition.slug}/signatures`, { data: { name: 'A', email: 'a@example.org', country: 'FR' } });
  expect(sign.status()).toBe(404);
});
