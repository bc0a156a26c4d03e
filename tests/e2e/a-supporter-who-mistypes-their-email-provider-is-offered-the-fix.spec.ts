import { expect, test, type Page } from '@playwright/test';
import { createPetition, database, openedSignatures, waitForEmail } from '../support/e2e';

/** A unique address at a given (possibly mistyped) domain. */
const at = (name: string, domain: string) => `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@${domain}`;

async function fillForm(page: Page, labels: { name: string; email: string; country: string }, email: string) {
  await page.getByLabel(labels.name, { exact: true }).fill('Amira Haddad');
  await page.getByLabel(labels.country, { exact: true }).selectOption('EG');
  await page.getByLabel(labels.email, { exact: true }).fill(email);
}
const ENGLISH = { name: 'Name', email: 'Email', country: 'Country' };
const ARABIC = { name: 'الاسم', email: 'البريد الإلكتروني', country: 'البلد' };

const storedEmail = async (slug: string) =>
  (await openedSignatures({ petitionId: (await database()`select id from petitions where slug = ${slug}`)[0]!.id as string })).map((r) => r.email as string);

test('leaving the email field with a mistyped provider offers the fix, and one press fills it in', async ({ page }) => {
  const petition = await createPetition();
  const typo = at('amira', 'gmial.com');
  const fixed = typo.replace('@gmial.com', '@gmail.com');
  await page.goto(`/p/${petition.slug}`);
  await fillForm(page, ENGLISH, typo);
  await page.keyboard.press('Tab');
  await expect(page.getByText(`Did you mean ${fixed}?`)).toBeVisible();
  await page.getByRole('button', { name: `Use ${fixed}` }).click();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(fixed);
  await expect(page.getByText(/Did you mean/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(page.getByText(`We have sent an email to ${fixed}.`)).toBeVisible();
  await waitForEmail(fixed);
  expect(await storedEmail(petition.slug)).toEqual([fixed]);
});

test('the suggestion never blocks: a person who keeps the address as typed signs with it', async ({ page }) => {
  const petition = await createPetition();
  // Seen on leaving the field, then signed as typed.
  const kept = at('amira', 'hotmial.com');
  await page.goto(`/p/${petition.slug}`);
  await fillForm(page, ENGLISH, kept);
  await page.keyboard.press('Tab');
  await expect(page.getByText(`Did you mean ${kept.replace('hotmial', 'hotmail')}?`)).toBeVisible();
  await page.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(page.getByText(`We have sent an email to ${kept}.`)).toBeVisible();
  expect(await storedEmail(petition.slug)).toEqual([kept]);

  // Pressing Enter in the field asks once, then "Keep" signs as typed.
  const other = await createPetition();
  const yaho = at('amira', 'yaho.com');
  await page.goto(`/p/${other.slug}`);
  await fillForm(page, ENGLISH, yaho);
  await page.getByLabel('Email', { exact: true }).press('Enter');
  await expect(page.getByText(`Did you mean ${yaho.replace('yaho', 'yahoo')}?`)).toBeVisible();
  await expect(page.getByRole('button', { name: `Use ${yaho.replace('yaho', 'yahoo')}` })).toBeFocused();
  await page.getByRole('button', { name: `Keep ${yaho}` }).click();
  await expect(page.getByText(`We have sent an email to ${yaho}.`)).toBeVisible();
  expect(await storedEmail(other.slug)).toEqual([yaho]);
});

test('an address at a real provider, a university or an internationalised domain gets no suggestion', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);
  for (const domain of ['gmail.com', 'cu.edu.eg', 'xn--mgbh0fb.xn--wgbh1c']) {
    await page.getByLabel('Email', { exact: true }).fill(at('amira', domain));
    await page.keyboard.press('Tab');
    // The check runs in the browser once its code has arrived; a typo right after shows it ran.
    await page.getByLabel('Email', { exact: true }).fill(at('probe', 'gmial.com'));
    await page.keyboard.press('Tab');
    await expect(page.getByText(/Did you mean probe\./)).toBeVisible();
    await page.getByLabel('Email', { exact: true }).fill(at('amira', domain));
    await page.keyboard.press('Tab');
    await expect(page.getByText(/Did you mean/)).toHaveCount(0);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an Arabic speaker is asked once, in Arabic, and the corrected address is used', async ({ page }) => {
    const petition = await createPetition({ title: 'أنقذوا المكتبة', language: 'ar' });
    const typo = at('amira', 'gmial.com');
    const fixed = typo.replace('@gmial.com', '@gmail.com');
    await page.goto(`/ar/p/${petition.slug}`);
    await fillForm(page, ARABIC, typo);
    await page.getByRole('button', { name: 'وقّع هذه العريضة' }).click();
    await expect(page).toHaveURL(new RegExp(`/ar/p/${petition.slug}#sign-title$`));
    await expect(page.getByText(`هل تقصد ${fixed}؟`)).toBeVisible();
    // Nothing was signed or sent yet, and everything typed is still there.
    expect(await storedEmail(petition.slug)).toEqual([]);
    await expect(page.getByLabel('الاسم', { exact: true })).toHaveValue('Amira Haddad');
    await expect(page.getByLabel('البريد الإلكتروني', { exact: true })).toHaveValue(typo);
    await page.getByRole('button', { name: `استخدم ${fixed}` }).click();
    await expect(page.getByRole('heading', { name: 'تفقّد بريدك الوارد' })).toBeVisible();
    await expect(page.getByText(fixed)).toBeVisible();
    expect(await storedEmail(petition.slug)).toEqual([fixed]);
  });

  test('a person who keeps the address as typed signs with it', async ({ page }) => {
    const petition = await createPetition();
    const typo = at('amira', 'hotmial.com');
    await page.goto(`/p/${petition.slug}`);
    await fillForm(page, ENGLISH, typo);
    await page.getByRole('button', { name: 'Sign this petition' }).click();
    await expect(page.getByText(`Did you mean ${typo.replace('hotmial', 'hotmail')}?`)).toBeVisible();
    await page.getByRole('button', { name: `Keep ${typo}` }).click();
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await expect(page.getByText(typo)).toBeVisible();
    expect(await storedEmail(petition.slug)).toEqual([typo]);
  });
});
