import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, database, organiserSession, uniqueEmail, waitForEmail } from '../support/e2e';

test('an organiser switches a petition to at-risk mode after the warning; a Persian speaker sees the notice, signs and confirms, and nothing names her', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const petition = await createPetition({
    title: 'آزادی رانندگان بازداشت‌شدهٔ اتوبوسرانی',
    summary: 'رانندگان به خاطر اعتصاب بازداشت شدند.',
    target: 'رئیس قوه قضاییه',
    language: 'fa',
    demands: ['آزادی فوری همهٔ بازداشت‌شدگان'],
  });
  const owner = await organiserSession(`at-risk-${petition.slug}@example.org`);
  await database()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.accountId}, 'owner')`;

  // The organiser: the warning says what is lost and that it is for good; the switch needs the box ticked.
  const organiser = await browser.newContext();
  await organiser.addCookies([owner.cookie]);
  const dashboard = await organiser.newPage();
  await dashboard.goto(`/dashboard/petitions/${petition.slug}`);
  const card = dashboard.locator('section').filter({ has: dashboard.getByRole('heading', { name: 'At-risk mode' }) });
  await expect(card).toContainText('Updates: you can no longer email signers');
  await expect(card).toContainText('At-risk mode can never be switched off.');
  await card.getByLabel('I understand that this removes signers’ personal data and can never be undone.').check();
  await card.getByRole('button', { name: 'Switch to at-risk mode' }).click();
  // The form's answer, or (once the dashboard has refreshed itself) the card saying since when.
  await expect(card).toContainText(/The petition is now in at-risk mode\.|has been in at-risk mode since/);
  expect((await database()`select at_risk_at from petitions where id = ${petition.id}`)[0]!.at_risk_at).not.toBeNull();
  await organiser.close();

  // The supporter, in Persian: the notice before the form, no public-name or updates box.
  const supporter = await browser.newContext({ locale: 'fa-IR' });
  const page = await supporter.newPage();
  const email = uniqueEmail('mina');
  await page.goto(`/p/${petition.slug}`);
  await expect(page).toHaveURL(new RegExp(`/fa/p/${petition.slug}$`));
  await expect(page.getByRole('heading', { name: 'این دادخواست از امضاکنندگانش محافظت می‌کند' })).toBeVisible();
  await expect(page.locator('#showName')).toHaveCount(0);
  await expect(page.locator('#updates')).toHaveCount(0);
  await page.getByLabel('نام', { exact: true }).fill('مینا رضایی');
  await page.getByLabel('ایمیل', { exact: true }).fill(email);
  await page.getByLabel('کشور', { exact: true }).selectOption('IR');
  await page.getByRole('button', { name: 'این دادخواست را امضا کنید' }).click();
  await expect(page.getByRole('heading', { name: 'صندوق ایمیل خود را ببینید' })).toBeVisible();

  const mail = await waitForEmail(email);
  expect(mail.subject).toBe('نشانی ایمیل خود را تأیید کنید');
  expect(mail.text).not.toContain(petition.title);
  expect(mail.text).not.toContain('مینا');
  // The link names no petition either (its address is made from the title).
  expect(confirmationLink(mail)).toMatch(/\/fa\/confirm\/[A-Za-z0-9_-]+$/);
  await page.goto(confirmationLink(mail));
  await page.getByRole('button', { name: 'امضایم را تأیید کن' }).click();
  await expect(page.getByRole('heading', { name: 'سپاس، امضای شما تأیید شد' })).toBeVisible();

  const [row] = await database()`select sealed_name, sealed_email, country from signatures where petition_id = ${petition.id}`;
  expect(row).toEqual({ sealed_name: null, sealed_email: null, country: 'IR' });
  await supporter.close();

  // Another, with JavaScript off: the confirming form posts, the links are gone with her data, and the page
  // answers with the thanks all the same (not "this link does not work").
  const noScript = await browser.newContext({ locale: 'fa-IR', javaScriptEnabled: false });
  const second = await noScript.newPage();
  const email2 = uniqueEmail('sara');
  await second.goto(`/fa/p/${petition.slug}`);
  await second.getByLabel('نام', { exact: true }).fill('سارا موسوی');
  await second.getByLabel('ایمیل', { exact: true }).fill(email2);
  await second.getByLabel('کشور', { exact: true }).selectOption('IR');
  await second.getByRole('button', { name: 'این دادخواست را امضا کنید' }).click();
  await expect(second.getByRole('heading', { name: 'صندوق ایمیل خود را ببینید' })).toBeVisible();
  await second.goto(confirmationLink(await waitForEmail(email2)));
  await second.getByRole('button', { name: 'امضایم را تأیید کن' }).click();
  await expect(second.getByRole('heading', { name: 'سپاس، امضای شما تأیید شد' })).toBeVisible();
  await expect(second.getByRole('heading', { name: 'این پیوند دیگر کار نمی‌کند' })).toHaveCount(0);
  const confirmed = await database()`select count(*)::int as n from signatures where petition_id = ${petition.id} and status = 'confirmed'`;
  expect(confirmed[0]!.n).toBe(2);
  await noScript.close();
});
