import { expect, test } from '@playwright/test';
import { confirmationLink, createPetition, database, organiserSession, uniqueEmail, waitForEmail } from '../support/e2e';

test('an organiser adds an Arabic translation; the one link shows Arabic to an Arabic browser and English to an English one, and both signatures count once', async ({
  browser,
  baseURL,
}) => {
  const petition = await createPetition({ title: `Free the May Day 12 ${Date.now()}` });
  const organiser = await organiserSession(`translator-${petition.slug}@example.org`);
  await database()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${organiser.accountId}, 'owner')`;

  // The organiser writes the Arabic text in the dashboard.
  const organiserContext = await browser.newContext({ baseURL });
  await organiserContext.addCookies([organiser.cookie]);
  const dashboard = await organiserContext.newPage();
  await dashboard.goto(`/dashboard/petitions/${petition.slug}`);
  await dashboard.getByRole('link', { name: 'Translations' }).click();
  const arabic = dashboard.getByRole('region', { name: 'Arabic' });
  await arabic.getByLabel('Title').fill('أطلقوا سراح معتقلي عيد العمال');
  await arabic.getByLabel('Summary').fill('اعتُقل أربعة عشر ناشطًا عماليًا.');
  await arabic.getByLabel('Target').fill('وزير العدل');
  await arabic.getByLabel('Demands, one per line, in the original order').fill('الإفراج عنهم\nإسقاط التهم');
  await arabic.getByRole('button', { name: 'Save translation' }).click();
  await expect(arabic.getByText('Translation saved.')).toBeVisible();
  await organiserContext.close();

  const readers = [
    {
      locale: 'ar-EG',
      url: new RegExp(`/ar/p/${petition.slug}$`),
      title: 'أطلقوا سراح معتقلي عيد العمال',
      name: 'الاسم',
      email: 'البريد الإلكتروني',
      country: 'البلد',
      sign: 'وقّع هذه العريضة',
      inbox: 'تفقّد بريدك الوارد',
      confirm: 'أكّد توقيعي',
      thanks: 'شكرًا لك، تم تأكيد توقيعك',
      subject: 'يُرجى تأكيد توقيعك: أطلقوا سراح معتقلي عيد العمال',
    },
    {
      locale: 'en-GB',
      url: new RegExp(`/p/${petition.slug}$`),
      title: petition.title,
      name: 'Name',
      email: 'Email',
      country: 'Country',
      sign: 'Sign this petition',
      inbox: 'Check your inbox',
      confirm: 'Confirm my signature',
      thanks: 'Thank you, your signature is confirmed',
      subject: `Please confirm your signature: ${petition.title}`,
    },
  ];
  for (const r of readers) {
    const context = await browser.newContext({ baseURL, locale: r.locale });
    const page = await context.newPage();
    await page.goto(`/p/${petition.slug}`);
    await expect(page).toHaveURL(r.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(r.title);
    // The petition lists the languages it is written in.
    await expect(page.locator('.petition-languages a')).toHaveText(['English', 'العربية']);
    const email = uniqueEmail(`reader-${r.locale}`);
    await page.getByLabel(r.name, { exact: true }).fill(`Reader ${r.locale}`);
    await page.getByLabel(r.email, { exact: true }).fill(email);
    await page.getByLabel(r.country, { exact: true }).selectOption('EG');
    await page.getByRole('button', { name: r.sign }).click();
    await expect(page.getByRole('heading', { name: r.inbox })).toBeVisible();
    // The confirmation email is in the language the supporter signed in, with the petition's title in it.
    const mail = await waitForEmail(email);
    expect(mail.subject).toBe(r.subject);
    await page.goto(confirmationLink(mail));
    await page.getByRole('button', { name: r.confirm }).click();
    await expect(page.getByRole('heading', { name: r.thanks })).toBeVisible();
    // The thank-you names the petition in the reader's language too, not in its original one.
    await expect(page.locator('.confirm-done > p').first()).toContainText(r.title);
    await context.close();
  }

  const [row] = await database()`select count(*)::int as n from signatures where petition_id = ${petition.id} and status = 'confirmed'`;
  expect(row!.n).toBe(2);
  // The count is shared for a couple of seconds (at most 5 s behind): it reaches 2 within that.
  await expect.poll(async () => (await (await fetch(`${baseURL}/api/petitions/${petition.slug}/count`)).json()).signatureCount, { timeout: 6_000 }).toBe(2);
});
