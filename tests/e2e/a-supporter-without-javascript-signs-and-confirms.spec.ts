import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, database, signatureKey, uniqueEmail, visitUntil, waitForEmail } from '../support/e2e';

test.use({ javaScriptEnabled: false });

test('with JavaScript off, a supporter signs with the plain form and confirms with the button', async ({ page }) => {
  const petition = await createPetition();
  const email = uniqueEmail('tor');

  await page.goto(`/p/${petition.slug}`);
  await page.getByLabel('Name', { exact: true }).fill('Sam Rivera');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption('MX');
  await page.getByRole('button', { name: /Sign/ }).click();
  // The form answers with a redirect to the "check your inbox" page, which names the address the
  // email went to (it comes in a cookie for that page, never in the URL).
  await expect(page).toHaveURL(new RegExp(`/p/${petition.slug}/signed$`));
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  const first = await waitForEmail(email);
  // Once shown, the address is gone from the page: reloaded, it is the page every signer shares,
  // and asking again the person types the address; the server keeps the interval.
  await page.reload();
  await expect(page.getByText(email)).toHaveCount(0);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Send it again' }).click();
  await expect(page.getByText(/another email is on its way/)).toBeVisible();

  const link = confirmationLink(first);
  await page.goto(link);
  // Nothing is confirmed by opening the link: the count is still zero until the button is pressed.
  const { n } = (await database()`select count(*)::int as n from signatures where canonical_email = ${await signatureKey(email)} and status = 'confirmed'`)[0]!;
  expect(n).toBe(0);
  await page.getByRole('button', { name: 'Confirm my signature' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, your signature is confirmed' })).toBeVisible();

  await visitUntil(page, `/p/${petition.slug}`, () => expect(page.getByText('1 signature', { exact: true })).toBeVisible({ timeout: 500 }));
});

test('with JavaScript off, Arabic validation errors come back from the server next to the fields', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/ar/p/${petition.slug}`);
  await page.getByLabel('الاسم', { exact: true }).fill('نور');
  await page.getByLabel('البريد الإلكتروني', { exact: true }).fill('not-an-email');
  await page.getByLabel(/لماذا توقّع/).fill('من أجل العمال');
  await page.getByRole('button', { name: 'وقّع هذه العريضة' }).click();

  await expect(page.locator('#email-error')).toHaveText(/يُرجى إدخال عنوان بريد إلكتروني صحيح/);
  await expect(page.locator('#country-error')).toHaveText('يُرجى اختيار بلدك.');
  await expect(page.getByLabel('الاسم', { exact: true })).toHaveValue('نور');
  await expect(page.getByLabel('البريد الإلكتروني', { exact: true })).toHaveValue('not-an-email');
  await expect(page.getByLabel(/لماذا توقّع/)).toHaveValue('من أجل العمال');

  // The refused submission comes back once: the next view of the page starts afresh.
  await page.reload();
  await expect(page.locator('#email-error')).toHaveCount(0);
  await expect(page.getByLabel('الاسم', { exact: true })).toHaveValue('');
});

test('a form on another site cannot sign for its visitors', async ({ request }) => {
  const petition = await createPetition();
  const email = uniqueEmail('csrf');
  const res = await request.post(`/api/petitions/${petition.slug}/sign`, {
    form: { name: 'Someone Else', email, country: 'FR', locale: 'en' },
    headers: { origin: 'https://elsewhere.example' },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  const { n } = (await database()`select count(*)::int as n from signatures where canonical_email = ${await signatureKey(email)}`)[0]!;
  expect(n).toBe(0);
});

test('with JavaScript off, an Arabic speaker signs and confirms, all in Arabic', async ({ page }) => {
  const petition = await createPetition({ title: 'أطلقوا سراح معتقلي عيد العمال', language: 'ar' });
  const email = uniqueEmail('noor');
  await page.goto(`/ar/p/${petition.slug}`);
  await page.getByLabel('الاسم', { exact: true }).fill('نور الهدى');
  await page.getByLabel('البريد الإلكتروني', { exact: true }).fill(email);
  await page.getByLabel('البلد', { exact: true }).selectOption('IQ');
  await page.getByRole('button', { name: 'وقّع هذه العريضة' }).click();
  await expect(page.getByRole('heading', { name: 'تفقّد بريدك الوارد' })).toBeVisible();

  const mail = await waitForEmail(email);
  expect(mail.subject).toContain(petition.title);
  await page.goto(confirmationLink(mail));
  await page.getByRole('button', { name: 'أكّد توقيعي' }).click();
  await expect(page.getByRole('heading', { name: 'شكرًا لك، تم تأكيد توقيعك' })).toBeVisible();
});
