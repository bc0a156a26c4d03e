import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { createPetition, database, organiserSession, sealSignatures, uniqueEmail, visitUntil, waitForEmail } from '../support/e2e';

/** How many emails to `to` with exactly this subject the SMTP sink holds. */
function mailsWithSubject(to: string, subject: string): number {
  const dir = process.env.E2E_MAIL_DIR!;
  return readdirSync(dir).filter((f) => {
    const raw = readFileSync(`${dir}/${f}`).toString('utf8');
    return raw.toLowerCase().includes(to.toLowerCase()) && raw.includes(subject);
  }).length;
}

test('an organiser adds two targets, tests and delivers the petition in each one’s language; a target answers, the organiser approves, signers hear once, and a demand met shows', async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(150_000);
  const petition = await createPetition({ title: `Free the detained workers ${Date.now().toString(36)}` });
  const organiser = await organiserSession(uniqueEmail('deliverer'));
  const [account] = await database()`select email from accounts where id = ${organiser.accountId}`;
  const organiserEmail = String(account!.email);
  await database()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${organiser.accountId}, 'owner')`;
  const optedIn = [uniqueEmail('opted-in-a'), uniqueEmail('opted-in-b')];
  const notOptedIn = uniqueEmail('quiet');
  for (const [i, email] of [...optedIn, notOptedIn].entries()) {
    await database()`insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, wants_updates, show_name)
      values (${petition.id}, ${`Signer${i} Lastname`}, ${email}, ${email}, ${['IR', 'FR', 'IR'][i]!}, 'confirmed', now(), ${email !== notOptedIn}, true)`;
  }
  await sealSignatures();
  await context.addCookies([organiser.cookie]);
  const ilo = uniqueEmail('ilo');
  const embassy = uniqueEmail('embassy');

  // Two targets, one written to in Arabic, edited like the demands.
  await page.goto(`/dashboard/petitions/${petition.slug}/edit`);
  await page.getByLabel('Target', { exact: true }).fill('ILO Office');
  await page.getByLabel('Role or body of target 1').fill('Country office');
  await page.getByLabel('Email address of target 1').fill(ilo);
  await page.getByRole('button', { name: 'Add target' }).click();
  await page.getByLabel('Target 2', { exact: true }).fill('سفارة إيران');
  await page.getByLabel('Email address of target 2').fill(embassy);
  await page.getByLabel('Language of target 2').selectOption('ar');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/petitions/${petition.slug}\\?saved=draft`));
  await visitUntil(page, `/p/${petition.slug}`, async () => {
    await expect(page.locator('.target-list')).toContainText('ILO Office');
    await expect(page.locator('.target-list')).toContainText('سفارة إيران');
  });
  expect(await page.content()).not.toContain(ilo);

  // A test delivery reaches the organiser alone.
  await page.goto(`/dashboard/petitions/${petition.slug}`);
  await page.getByRole('link', { name: 'Deliver to the targets' }).click();
  await page.getByLabel('Your message to the targets').fill('We ask you to meet the families.');
  await page.getByRole('button', { name: 'Deliver now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Delivery queued' })).toHaveText('Delivery queued to 1 recipient.');
  const trial = await waitForEmail(organiserEmail);
  expect(trial.subject).toBe(`[Test] Petition: “${petition.title}”`);

  // The real delivery: one email per target, in its language, with the count and the document's link.
  await page.getByLabel('To every target with an email address').check();
  await page.getByRole('button', { name: 'Deliver now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Delivery queued' })).toHaveText('Delivery queued to 2 recipients.');
  const english = await waitForEmail(ilo);
  const arabic = await waitForEmail(embassy);
  expect(english.subject).toBe(`Petition: “${petition.title}”`);
  expect(english.text).toContain('3 confirmed signers from 2 countries');
  expect(english.text).toContain('We ask you to meet the families.');
  expect(english.replyTo?.text).toBe(organiserEmail);
  expect(arabic.subject).toBe(`عريضة: «${petition.title}»`);
  expect(arabic.text).toContain('3 موقّعين مؤكَّدين من بلدين');
  const arabicDocument = arabic.text!.match(/https?:\/\/\S+\/ar\/p\/\S+\/deliveries\/[0-9a-f-]{36}/)![0];
  expect(english.text).toMatch(new RegExp(`/p/${petition.slug}/deliveries/[0-9a-f-]{36}`));

  // The Arabic delivery document reads right to left, with the consenting signers' first names and initials.
  await page.goto(arabicDocument);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('.names li')).toHaveCount(3);
  await expect(page.locator('.names')).toContainText('Signer0 L.');
  await expect(page.locator('.fingerprint code')).toHaveText(/^[0-9a-f]{64}$/);

  // The public page records the delivery without email addresses (/en/ resets the language the Arabic visit chose).
  await visitUntil(page, `/en/p/${petition.slug}`, async () => {
    await expect(page.locator('.deliveries-public')).toContainText('Delivered to ILO Office, سفارة إيران');
  });
  expect(await page.content()).not.toContain(embassy);

  // The ILO answers through the link in its email, without an account; opening it changes nothing.
  const respond = english.text!.match(/https?:\/\/\S+\/respond\/[A-Za-z0-9_-]{43}/)![0];
  const target = await browser.newPage();
  await target.goto(respond);
  await target.goto(respond);
  await target.getByLabel('Your response').fill('The ILO will raise the detentions with the government.');
  await target.getByRole('button', { name: 'Send the response' }).click();
  await expect(target.getByRole('status')).toHaveText('Thank you. Your response was received and will be published once reviewed.');
  await target.goto(respond);
  await expect(target.getByRole('status')).toHaveText('This link has already been used, or it is not valid.');
  await target.close();

  // Not shown until the organiser approves it.
  await page.goto(`/p/${petition.slug}`);
  await expect(page.getByText('The ILO will raise the detentions')).toHaveCount(0);
  await page.goto(`/dashboard/petitions/${petition.slug}/delivery`);
  await page.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(page.getByText('None waiting.')).toBeVisible();
  await visitUntil(page, `/p/${petition.slug}`, async () => {
    await expect(page.locator('.accountability')).toContainText('The ILO will raise the detentions with the government.');
  });

  // Exactly the opted-in signers hear about it, once each.
  for (const email of optedIn) {
    const update = await waitForEmail(email);
    expect(update.subject).toBe('Response from ILO Office');
  }
  await page.waitForTimeout(1500);
  for (const email of optedIn) expect(mailsWithSubject(email, 'Subject: Response from ILO Office')).toBe(1);
  expect(mailsWithSubject(notOptedIn, 'Subject: Response from ILO Office')).toBe(0);

  // A demand met shows in the progress line.
  await page.goto(`/dashboard/petitions/${petition.slug}/delivery`);
  await page.getByLabel('Outcome of demand 1').selectOption('met');
  await page.getByRole('button', { name: 'Save outcome of demand 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' }).first()).toBeVisible();
  await visitUntil(page, `/p/${petition.slug}`, async () => {
    await expect(page.locator('.outcome-progress')).toHaveText('1 of 3 demands met');
  });
});
