import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, uniqueEmail, waitForEmail } from '../support/e2e';

test.use({ locale: 'ar-EG', viewport: { width: 1200, height: 900 } });

test('an Arabic speaker is served Arabic, signs and confirms in a right-to-left page', async ({ page }) => {
  const petition = await createPetition({
    title: 'أطلقوا سراح معتقلي عيد العمال',
    summary: 'اعتُقل أربعة عشر ناشطًا عماليًا لمشاركتهم في تجمع سلمي.',
    target: 'وزير العدل',
    language: 'ar',
    demands: ['الإفراج الفوري عن جميع المعتقلين', 'إسقاط جميع التهم', 'السماح للمحامين بزيارتهم'],
  });
  const email = uniqueEmail('layla');

  // The English URL, asked for by a browser that prefers Arabic, leads to the Arabic page.
  await page.goto(`/p/${petition.slug}`);
  await expect(page).toHaveURL(new RegExp(`/ar/p/${petition.slug}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(petition.title);
  await expect(page.getByRole('region', { name: 'مطالبنا' }).getByRole('listitem')).toContainText(petition.demands);

  // The layout mirrors: the sign card sits to the left of the text.
  const text = await page.locator('.petition-header').boundingBox();
  const aside = await page.locator('.petition-aside').boundingBox();
  expect(aside!.x).toBeLessThan(text!.x);

  await page.getByLabel('الاسم', { exact: true }).fill('Layla Mansour');
  await page.getByLabel('البريد الإلكتروني', { exact: true }).fill(email);
  await page.getByLabel('البلد', { exact: true }).selectOption('EG');
  await page.getByRole('button', { name: 'وقّع هذه العريضة' }).click();
  await expect(page.getByRole('heading', { name: 'تفقّد بريدك الوارد' })).toBeVisible();

  const mail = await waitForEmail(email);
  expect(mail.subject).toBe(`يُرجى تأكيد توقيعك: ${petition.title}`);
  expect(mail.html).toContain('dir="rtl"');
  const link = confirmationLink(mail);
  expect(link).toContain(`/ar/p/${petition.slug}/confirm/`);

  await page.goto(link);
  await page.getByRole('button', { name: 'أكّد توقيعي' }).click();
  await expect(page.getByRole('heading', { name: 'شكرًا لك، تم تأكيد توقيعك' })).toBeVisible();
  await expect(page.getByText('توقيع واحد')).toBeVisible();
});

test('the language switcher keeps the page and changes the language', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/ar/p/${petition.slug}`);
  await page.getByRole('navigation', { name: 'اللغة' }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(new RegExp(`/p/${petition.slug}$`));
  await expect(page.getByRole('button', { name: /Sign/ })).toBeVisible();
});
