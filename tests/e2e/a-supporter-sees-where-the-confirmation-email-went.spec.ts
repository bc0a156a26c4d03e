import { expect, test } from '@playwright/test';
import { createPetition, database, signatureKey, uniqueEmail, waitForEmail } from '../support/e2e';

test('the “check your inbox” step names the address, and a wrong one can be corrected with everything else kept', async ({ page }) => {
  const petition = await createPetition();
  const typo = uniqueEmail('ines').replace('@example.org', '@example.orgg');
  const email = uniqueEmail('ines');

  await page.goto(`/p/${petition.slug}`);
  await page.getByLabel('Name', { exact: true }).fill('Inès Moreau');
  await page.getByLabel('Email', { exact: true }).fill(typo);
  await page.getByLabel('Country', { exact: true }).selectOption('FR');
  await page.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByText(`We have sent an email to ${typo}.`)).toBeVisible();

  await page.getByRole('button', { name: 'Wrong address? Correct it' }).click();
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(typo);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Inès Moreau');
  await expect(page.getByLabel('Country', { exact: true })).toHaveValue('FR');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(page.getByText(`We have sent an email to ${email}.`)).toBeVisible();
  await waitForEmail(email);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an Arabic speaker lands on a page naming the address, the same for a new, a pending and a confirmed signature', async ({ page }) => {
    const petition = await createPetition({ title: 'أنقذوا حديقة الحيّ', language: 'ar' });
    const email = uniqueEmail('salma');
    const sign = async () => {
      await page.goto(`/ar/p/${petition.slug}`);
      await page.getByLabel('الاسم', { exact: true }).fill('سلمى');
      await page.getByLabel('البريد الإلكتروني', { exact: true }).fill(email);
      await page.getByLabel('البلد', { exact: true }).selectOption('MA');
      await page.getByRole('button', { name: 'وقّع هذه العريضة' }).click();
      await expect(page).toHaveURL(new RegExp(`/ar/p/${petition.slug}/signed$`));
      await expect(page.getByRole('heading', { name: 'تفقّد بريدك الوارد' })).toBeVisible();
      return page.locator('main').innerText();
    };

    const asNew = await sign();
    expect(asNew).toContain(email);
    expect(page.url()).not.toContain(email.split('@')[0]!);
    await waitForEmail(email);
    const asPending = await sign();
    await database()`update signatures set status = 'confirmed', confirmed_at = now() where canonical_email = ${await signatureKey(email)}`;
    const asConfirmed = await sign();
    expect(asPending).toBe(asNew);
    expect(asConfirmed).toBe(asNew);

    // "Wrong address?" goes back to the form.
    await page.getByRole('link', { name: 'العنوان خاطئ؟ صحّحه' }).click();
    await expect(page).toHaveURL(new RegExp(`/ar/p/${petition.slug}#sign-title$`));
    await expect(page.getByLabel('البريد الإلكتروني', { exact: true })).toBeVisible();
  });

  test('the address reaches only its own signer: the shared copy of the page never carries one', async ({ page, request }) => {
    const petition = await createPetition();
    const email = uniqueEmail('private');
    const signedPath = `/p/${petition.slug}/signed`;
    // Someone else's visit first, so a shared copy of the page exists while the signer arrives.
    const before = await request.get(signedPath);
    expect(before.status()).toBe(200);

    await page.goto(`/p/${petition.slug}`);
    await page.getByLabel('Name', { exact: true }).fill('Pat Private');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Country', { exact: true }).selectOption('DE');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === signedPath),
      page.getByRole('button', { name: 'Sign this petition' }).click(),
    ]);
    await expect(page.getByText(email)).toBeVisible();
    // Rendered for this request alone, never from or into the shared cache.
    expect(answer.headers()['x-undersign-cache']).toBeUndefined();
    expect(answer.headers()['cache-control']).toContain('no-store');

    // Everyone else, at once and afterwards, gets the page without any address.
    for (let i = 0; i < 3; i++) {
      const other = await request.get(signedPath);
      expect(['hit', 'miss'], 'answered through the shared cache').toContain(other.headers()['x-undersign-cache']);
      const html = await other.text();
      expect(html).not.toContain(email);
      expect(html).not.toContain(email.split('@')[0]!);
      expect(html).toContain('Check your inbox');
    }
  });
});
