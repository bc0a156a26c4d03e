import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, database, startBlog, uniqueEmail, waitForEmail } from '../support/e2e';

test('a reader of another site signs through the embedded widget and confirms by email', async ({ page, baseURL, request }) => {
  const petition = await createPetition();
  const petitionUrl = `${baseURL}/p/${petition.slug}`;

  // A CMS given only the petition address discovers the oEmbed endpoint and gets the widget markup.
  await page.goto(`/p/${petition.slug}`);
  const discovery = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
  const oembed = await (await request.get(discovery!)).json();
  expect(oembed).toMatchObject({ version: '1.0', type: 'rich', title: petition.title });
  expect(oembed.html).toContain(`src="${baseURL}/p/${petition.slug}/embed"`);

  const blog = await startBlog(`<!doctype html><html><head><title>Our blog</title></head><body>
        <h1>Support the May Day 12</h1>
        <div data-undersign-petition="${petitionUrl}"></div>
        <script async src="${baseURL}/embed.js"></script>
      </body></html>`);
  expect(blog.origin).not.toBe(new URL(baseURL!).origin);
  await page.goto(`${blog.origin}/posts/may-day`);
  const iframe = page.locator('iframe[data-undersign-embed]');
  const widget = page.frameLocator('iframe[data-undersign-embed]');
  await expect(widget.getByRole('heading', { level: 1 })).toHaveText(petition.title);
  // The widget tells the loader its height, and the frame takes it (the loader starts at 640px).
  await expect.poll(async () => iframe.evaluate((f: HTMLIFrameElement) => f.style.height)).not.toBe('640px');

  const email = uniqueEmail('embed-reader');
  await widget.getByLabel('Name', { exact: true }).fill('Dana Embed');
  await widget.getByLabel('Email', { exact: true }).fill(email);
  await widget.getByLabel('Country', { exact: true }).selectOption('FR');
  await widget.getByRole('button', { name: /Sign/ }).click();
  await expect(widget.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  const link = confirmationLink(await waitForEmail(email));
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, your signature is confirmed' })).toBeVisible();
  const [row] = await database()`select source, confirmed_at from signatures where petition_id = ${petition.id}`;
  expect(row!.source).toBe('embed');
  expect(row!.confirmed_at).not.toBeNull();
  // The count is shared for a couple of seconds (at most 5 s behind): it reaches 1 within that.
  await expect.poll(async () => (await (await request.get(`/api/petitions/${petition.slug}/count`)).json()).signatureCount, { timeout: 6_000 }).toBe(1);
  await blog.close();
});

test('only the widget may be framed by other sites', async ({ request }) => {
  const petition = await createPetition();
  const embed = await request.get(`/p/${petition.slug}/embed`);
  expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
  expect(embed.headers()['x-frame-options']).toBeUndefined();
  for (const path of [`/p/${petition.slug}`, '/', '/login']) {
    const res = await request.get(path);
    expect(res.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(res.headers()['x-frame-options'], path).toBe('DENY');
  }
});
