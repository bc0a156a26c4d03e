import { expect, test } from '@playwright/test';
import { addFiveQuestions, createPetition, uniqueEmail, waitForEmail } from '../support/e2e';
import { FONT_BUDGET, measurePageWeight, PAGE_WEIGHT_BUDGET } from '../support/page-weight';

// Chromium DevTools' "Slow 3G" preset.
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1024 * 0.8) / 8, uploadThroughput: (500 * 1024 * 0.8) / 8 };

test('on Slow 3G, the petition and its form are readable and usable before any script has arrived', async ({ page, context }) => {
  test.setTimeout(120_000);
  const petition = await createPetition();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  // Hold every script back: what the person sees and uses now is what the HTML alone gives.
  const held: (() => void)[] = [];
  await page.route('**/*.js', (route) => new Promise<void>((release) => held.push(() => route.continue().then(release, release))));

  await page.goto(`/p/${petition.slug}`, { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(petition.title);
  await expect(page.getByRole('region', { name: 'What we are asking for' }).getByRole('listitem')).toHaveCount(petition.demands.length);
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
  expect(held.length, 'scripts were requested and are still held').toBeGreaterThan(0);

  // The plain HTML form signs on its own.
  const email = uniqueEmail('slow');
  await page.getByLabel('Name', { exact: true }).fill('Sami Slow');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption('AF');
  await page.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible({ timeout: 60_000 });
  await waitForEmail(email);
  for (const release of held) release();
});

test(`the petition page's first load stays within ${PAGE_WEIGHT_BUDGET / 1024} KB compressed, everything included; Arabic and Persian add only their one font file`, async ({
  browser,
  baseURL,
}) => {
  const plain = await createPetition();
  const petition = await createPetition();
  // And one with the most the sign form can carry: five questions, a data controller and a partner opt-in.
  await addFiveQuestions(petition.id);
  for (const path of [plain, petition].flatMap((p) => [`/p/${p.slug}`, `/ar/p/${p.slug}`, `/fa/p/${p.slug}`])) {
    const weight = await measurePageWeight(browser, baseURL + path);
    const font = weight.byType.Font ?? 0;
    const figure = `${path}${path.includes(petition.slug) ? ' (5 questions)' : ''}: ${(weight.total / 1024).toFixed(1)} KB (font ${(font / 1024).toFixed(1)} KB) in ${weight.requests} requests`;
    test.info().annotations.push({ type: 'page weight', description: figure });
    console.log(`page weight ${figure}`);
    const detail = `${path} transfers ${weight.total} bytes: ${JSON.stringify(weight.byType)}`;
    if (path.startsWith('/p/')) expect(font, 'English pages load no web font').toBe(0);
    expect(weight.total - font, detail).toBeLessThanOrEqual(PAGE_WEIGHT_BUDGET);
    expect(font, `${detail}: one font file at most`).toBeLessThanOrEqual(FONT_BUDGET);
    expect(weight.origins, 'nothing from another origin').toEqual([new URL(baseURL!).origin]);
  }
});
