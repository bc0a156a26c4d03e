import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPetition, database, organiserSession, uniqueEmail, visitUntil } from '../support/e2e';

const ar = JSON.parse(readFileSync(path.join(process.cwd(), 'lib/i18n/messages/ar.json'), 'utf8')) as {
  checkInbox: { title: string };
  validation: { answerRequired: string };
};

test('an organiser adds two questions in English and Arabic; supporters answer them with and without JavaScript; the answers are in the dashboard and the CSV', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const petition = await createPetition();
  await database()`insert into petition_translations (petition_id, language, title, summary, target, demands)
    values (${petition.id}, 'ar', 'أبقوا حافلات الليل', 'المجلس يريد إلغاء حافلات الليل.', 'مجلس المدينة', ${['أبقوا كل الخطوط الليلية']})`;
  const owner = await organiserSession(`questions-${petition.slug}@example.org`);
  await database()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.accountId}, 'owner')`;

  // The organiser writes the two questions, each in both of the petition's languages.
  const organiser = await browser.newContext({ baseURL });
  await organiser.addCookies([owner.cookie]);
  const page = await organiser.newPage();
  await page.goto(`/dashboard/petitions/${petition.slug}`);
  await page.getByRole('link', { name: 'Questions and consent' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Questions and consent' })).toBeVisible();
  await page.locator('#q0-kind').selectOption('one');
  await page.locator('#q0-required').check();
  await page.locator('#q0-label-en').fill('How do you get to work?');
  await page.locator('#q0-label-ar').fill('كيف تذهب إلى العمل؟');
  await page.locator('#q0-choices-en').fill('Night bus\nWalking');
  await page.locator('#q0-choices-ar').fill('حافلة ليلية\nمشيًا');
  await page.locator('#q1-kind').selectOption('text');
  await page.locator('#q1-label-en').fill('Your workplace');
  await page.locator('#q1-label-ar').fill('مكان عملك');
  await page.getByRole('button', { name: 'Save questions' }).click();
  await expect(page.getByText('Questions saved.')).toBeVisible();

  // Without JavaScript: the required question left unanswered comes back with its error, the rest kept.
  const plain = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await visitUntil(noJs, `/p/${petition.slug}`, () => expect(noJs.getByRole('group', { name: 'How do you get to work?' })).toBeVisible({ timeout: 500 }));
  const plainEmail = uniqueEmail('nojs-answers');
  await noJs.getByLabel('Name', { exact: true }).fill('Sam Rivera');
  await noJs.getByLabel('Email', { exact: true }).fill(plainEmail);
  await noJs.getByLabel('Country', { exact: true }).selectOption('GB');
  await noJs.getByLabel('Your workplace').fill('Depot 4');
  await noJs.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(noJs.getByRole('group', { name: 'How do you get to work?' }).locator('.field-error')).toHaveText('Please answer this question.');
  await expect(noJs.getByLabel('Your workplace')).toHaveValue('Depot 4');
  await expect(noJs.getByLabel('Name', { exact: true })).toHaveValue('Sam Rivera');
  await noJs.getByLabel('Night bus').check();
  await noJs.getByRole('button', { name: 'Sign this petition' }).click();
  await expect(noJs.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  // With JavaScript, in Arabic: the browser checks with the same schema, then the action signs.
  const scripted = await browser.newContext({ baseURL });
  const js = await scripted.newPage();
  await visitUntil(js, `/ar/p/${petition.slug}`, () => expect(js.getByRole('group', { name: 'كيف تذهب إلى العمل؟' })).toBeVisible({ timeout: 500 }));
  const arabicEmail = uniqueEmail('js-answers');
  await js.getByLabel('الاسم', { exact: true }).fill('نور الهدى');
  await js.getByLabel('البريد الإلكتروني', { exact: true }).fill(arabicEmail);
  await js.getByLabel('البلد', { exact: true }).selectOption('IQ');
  await js.getByLabel('مكان عملك').fill('المستودع الشمالي');
  await js.getByRole('button', { name: 'وقّع هذه العريضة' }).click();
  await expect(js.getByRole('group', { name: 'كيف تذهب إلى العمل؟' }).locator('.field-error')).toHaveText(ar.validation.answerRequired);
  await js.getByLabel('مشيًا').check();
  await js.getByRole('button', { name: 'وقّع هذه العريضة' }).click();
  await expect(js.getByRole('heading', { name: ar.checkInbox.title })).toBeVisible();

  // Both answers are stored, and the organiser reads them in the list and the CSV (in the petition's language).
  await page.goto(`/dashboard/petitions/${petition.slug}`);
  const signers = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'How do you get to work?' }) });
  await expect(signers.getByRole('row').filter({ hasText: 'Sam Rivera' })).toContainText('Night bus');
  await expect(signers.getByRole('row').filter({ hasText: 'Sam Rivera' })).toContainText('Depot 4');
  await expect(signers.getByRole('row').filter({ hasText: 'نور الهدى' })).toContainText('Walking');
  await expect(signers.getByRole('row').filter({ hasText: 'نور الهدى' })).toContainText('المستودع الشمالي');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download all with status (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/,consent_updates,consent_partner,How do you get to work\?,Your workplace$/);
  expect(csv).toMatch(/Sam Rivera,.*,Night bus,Depot 4\r\n/);
  expect(csv).toMatch(/نور الهدى,.*,Walking,المستودع الشمالي\r\n/);

  await Promise.all([organiser.close(), plain.close(), scripted.close()]);
});
