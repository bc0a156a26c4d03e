import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addFiveQuestions, createPetition, database, organiserSession, sealSignatures } from '../support/e2e';
import { issueTokenForE2e } from '../support/tokens';

// WCAG 2.2 AA, as axe-core knows it.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  );
  expect(summary, `${what} has accessibility violations`).toEqual([]);
}

for (const locale of ['en', 'ar'] as const) {
  const prefix = locale === 'en' ? '' : `/${locale}`;

  test(`public pages, the embed and the login page pass axe in ${locale}`, async ({ page }) => {
    // Twelve pages, each scanned in full: a few seconds apiece on a busy 2-core machine.
    test.setTimeout(180_000);
    const petition = await createPetition({ body: '## Why\n\nBecause **it matters**.\n\n- one\n- two' });
    // The sign form with its own questions, a data controller and a partner opt-in (and their errors below).
    await addFiveQuestions(petition.id);
    const [signature] = await database()`insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at)
      values (${petition.id}, 'Axe Signer', ${`axe-${locale}-${petition.slug}@example.org`}, ${`axe-${locale}-${petition.slug}@example.org`}, 'FR', 'confirmed', now()) returning id`;
    const manage = await issueTokenForE2e(Number(signature!.id), 'manage');
    const [pending] = await database()`insert into signatures (petition_id, name, email, canonical_email, country)
      values (${petition.id}, 'Axe Pending', ${`axe-pending-${locale}-${petition.slug}@example.org`}, ${`axe-pending-${locale}-${petition.slug}@example.org`}, 'FR') returning id`;
    await sealSignatures();
    const confirm = await issueTokenForE2e(Number(pending!.id), 'confirm');
    const paths = [
      '/',
      `/p/${petition.slug}`,
      `/p/${petition.slug}/embed`,
      `/p/${petition.slug}/poster`,
      `/p/${petition.slug}/report`,
      `/p/${petition.slug}/signed`,
      `/p/${petition.slug}/confirm/${'x'.repeat(43)}`,
      `/p/${petition.slug}/confirm/${confirm}`,
      `/s/${manage}`,
      '/privacy',
      '/login',
      '/no-such-page',
    ];
    for (const path of paths) {
      await page.goto(prefix + path);
      await expectNoViolations(page, prefix + path);
    }
    // The sign form with its errors showing, and the "check your inbox" state.
    await page.goto(`${prefix}/p/${petition.slug}`);
    await page.locator('form.sign-form button[type="submit"]').click();
    await expect(page.locator('.form-alert')).toBeVisible();
    await expectNoViolations(page, 'the sign form with errors');
    // The suggestion for a mistyped email provider.
    await page.locator('#email').fill('axe@gmial.com');
    await page.locator('#email').press('Tab');
    await expect(page.locator('.email-suggestion')).toBeVisible();
    await expectNoViolations(page, 'the sign form suggesting an email correction');
  });

  test(`organiser pages pass axe in ${locale}`, async ({ page, context }) => {
    test.setTimeout(180_000);
    const petition = await createPetition();
    await addFiveQuestions(petition.id);
    const organiser = await organiserSession(`axe-${locale}-${petition.slug}@example.org`);
    await database()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${organiser.accountId}, 'owner')`;
    await context.addCookies([organiser.cookie]);
    for (const path of [
      '/dashboard',
      '/dashboard/petitions/new',
      `/dashboard/petitions/${petition.slug}`,
      `/dashboard/petitions/${petition.slug}/edit`,
      `/dashboard/petitions/${petition.slug}/preview`,
      `/dashboard/petitions/${petition.slug}/translations`,
      `/dashboard/petitions/${petition.slug}/questions`,
      `/dashboard/petitions/${petition.slug}/invalidate`,
    ]) {
      await page.goto(prefix + path);
      await expectNoViolations(page, prefix + path);
    }
    const admin = await organiserSession('admin@undersign.test');
    await context.addCookies([admin.cookie]);
    for (const path of ['/admin/reports', '/admin/abuse']) {
      await page.goto(prefix + path);
      await expectNoViolations(page, prefix + path);
    }
  });
}
