import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, uniqueEmail, waitForEmail } from '../support/e2e';

test.use({ locale: 'fa-IR' });

test('a Persian speaker is served Persian, right to left with Persian digits, signs and confirms', async ({ page }) => {
  const petition = await createPetition({
    title: 'آزادی فعالان کارگری بازداشت‌شده در روز کارگر',
    summary: 'چهارده فعال کارگری به خاطر شرکت در یک تجمع مسالمت‌آمیز بازداشت شدند.',
    target: 'رئیس قوه قضاییه',
    language: 'fa',
    demands: ['آزادی فوری همهٔ بازداشت‌شدگان', 'لغو همهٔ اتهام‌ها'],
  });
  const email = uniqueEmail('shirin');

  await page.goto(`/p/${petition.slug}`);
  await expect(page).toHaveURL(new RegExp(`/fa/p/${petition.slug}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(petition.title);
  // Numbers are written with Persian digits: the demands are numbered ۱ and ۲.
  await expect(page.locator('.demand-number')).toHaveText(['۱', '۲']);

  await page.getByLabel('نام', { exact: true }).fill('شیرین احمدی');
  await page.getByLabel('ایمیل', { exact: true }).fill(email);
  await page.getByLabel('کشور', { exact: true }).selectOption('IR');
  // Country names are in Persian.
  await expect(page.getByLabel('کشور', { exact: true }).locator('option[value="IR"]')).toHaveText('ایران');
  await page.getByRole('button', { name: 'این دادخواست را امضا کنید' }).click();
  await expect(page.getByRole('heading', { name: 'صندوق ایمیل خود را ببینید' })).toBeVisible();

  const mail = await waitForEmail(email);
  expect(mail.subject).toBe(`لطفاً امضای خود را تأیید کنید: ${petition.title}`);
  expect(mail.html).toContain('dir="rtl"');
  const link = confirmationLink(mail);
  expect(link).toContain(`/fa/p/${petition.slug}/confirm/`);

  await page.goto(link);
  await page.getByRole('button', { name: 'امضایم را تأیید کن' }).click();
  await expect(page.getByRole('heading', { name: 'سپاس، امضای شما تأیید شد' })).toBeVisible();
  await expect(page.getByText('«' + petition.title + '» اکنون ۱ امضا دارد', { exact: false })).toBeVisible();
});
