import { expect, test } from '@playwright/test';
import { createPetition, database, openedSignatures, uniqueEmail } from '../support/e2e';

test('errors appear next to each field, focus moves to the first, and everything typed is kept', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);

  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct' })).toHaveText('Please correct the highlighted fields and sign again.');
  await expect(page.locator('#name-error')).toHaveText('Please enter your name.');
  await expect(page.locator('#email-error')).toHaveText('Please enter your email address.');
  await expect(page.locator('#country-error')).toHaveText('Please choose your country.');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-describedby', /name-error/);

  await page.getByLabel('Name', { exact: true }).fill('Priya Nair');
  await page.getByLabel('Email', { exact: true }).fill('priya@');
  await page.getByLabel(/^Why are you signing\?/).fill('My mother works nights.');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.locator('#name-error')).toHaveCount(0);
  await expect(page.locator('#email-error')).toHaveText('Please enter a valid email address, like name@example.com.');
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Priya Nair');
  await expect(page.getByLabel(/^Why are you signing\?/)).toHaveValue('My mother works nights.');

  const email = uniqueEmail('priya');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Country', { exact: true }).selectOption('IN');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const rows = await openedSignatures({ emails: [email] });
  expect(rows.map((r) => ({ name: r.name, comment: r.comment, country: r.country }))).toEqual([
    { name: 'Priya Nair', comment: 'My mother works nights.', country: 'IN' },
  ]);
});

test('the comment field shows how many characters are left', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);
  await expect(page.getByText('500 characters left')).toBeVisible();
  await page.getByLabel(/^Why are you signing\?/).fill('Twelve chars');
  await expect(page.getByText('488 characters left')).toBeVisible();
});

test('a comment the counter says fits is taken, line breaks and emoji counted as the server counts them, with JavaScript and without', async ({
  page,
  browser,
  baseURL,
}) => {
  const petition = await createPetition();
  // 497 letters and 3 line breaks: the counter says 0 left; the browser sends the breaks as CRLF.
  const comment = ['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(90), 'd'.repeat(7)].join('\n');
  await page.goto(`/p/${petition.slug}`);
  const field = page.getByLabel(/^Why are you signing\?/);
  await field.fill('😀'.repeat(10));
  await expect(page.getByText('490 characters left', { exact: true })).toBeVisible();
  await field.fill(comment);
  await expect(page.getByText('0 characters left', { exact: true })).toBeVisible();
  const withScript = uniqueEmail('lines-js');
  await page.getByLabel('Name', { exact: true }).fill('Ines Duarte');
  await page.getByLabel('Email', { exact: true }).fill(withScript);
  await page.getByLabel('Country', { exact: true }).selectOption('PT');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  const plain = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const noScript = await plain.newPage();
  const withoutScript = uniqueEmail('lines-plain');
  await noScript.goto(`/p/${petition.slug}`);
  await noScript.getByLabel(/^Why are you signing\?/).fill(comment);
  await noScript.getByLabel('Name', { exact: true }).fill('Ines Duarte');
  await noScript.getByLabel('Email', { exact: true }).fill(withoutScript);
  await noScript.getByLabel('Country', { exact: true }).selectOption('PT');
  await noScript.getByRole('button', { name: /Sign/ }).click();
  await expect(noScript.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await plain.close();

  const rows = await openedSignatures({ emails: [withScript, withoutScript] });
  expect(rows.map((r) => r.comment)).toEqual([comment, comment]);
});

test('a name that shows nothing or carries a web address is refused next to the field, with JavaScript and without, in Arabic too', async ({
  page,
  browser,
  baseURL,
}) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);
  const name = page.getByLabel('Name', { exact: true });
  await name.focus();
  await page.getByLabel('Email', { exact: true }).fill(uniqueEmail('zw'));
  await page.getByLabel('Country', { exact: true }).selectOption('FR');
  await name.fill('\u200b');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.locator('#name-error')).toHaveText('Please enter your name.');
  await name.fill('Your account is locked, unlock at https://evil.example/unlock');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.locator('#name-error')).toHaveText('Please enter only your name, without a web address, an email address or the signs < and >.');
  await expect(name).toBeFocused();

  const plain = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await noScript.goto(`/ar/p/${petition.slug}`);
  await noScript.getByLabel('الاسم', { exact: true }).fill('example.com');
  await noScript.getByLabel('البريد الإلكتروني', { exact: true }).fill(uniqueEmail('link'));
  await noScript.getByRole('button', { name: 'وقّع هذه العريضة' }).click();
  await expect(noScript.locator('#name-error')).toHaveText('يُرجى إدخال اسمك فقط، دون عنوان موقع أو عنوان بريد إلكتروني أو العلامتين < و >.');
  await expect(noScript.getByLabel('الاسم', { exact: true })).toHaveValue('example.com');
  await plain.close();
  const { n } = (await database()`select count(*)::int as n from signatures where petition_id = ${petition.id}`)[0]!;
  expect(n).toBe(0);
});

test('a supporter whose address is at an internationalised domain signs with it as they type it', async ({ page }) => {
  const petition = await createPetition();
  const local = `amira.${Date.now().toString(36)}`;
  await page.goto(`/p/${petition.slug}`);
  await page.getByLabel('Name', { exact: true }).fill('Amira Haddad');
  await page.getByLabel('Email', { exact: true }).fill(`${local}@مثال.مصر`);
  await page.getByLabel('Country', { exact: true }).selectOption('EG');
  await page.getByRole('button', { name: /Sign/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const rows = await openedSignatures({ petitionId: petition.id });
  expect(rows.map((r) => r.email)).toEqual([`${local}@xn--mgbh0fb.xn--wgbh1c`]);
});
