import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { hashToken } from '../../lib/security/tokens';
import { E2E_SECRET, createPetition, database, organiserSession, sealSignatures } from '../support/e2e';

// WCAG 2.2 AA, as axe-core knows it: the pages this feature adds, in English and Arabic.
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

  test(`the delivery, document, response and accountability pages pass axe in ${locale}`, async ({ page, context }) => {
    test.setTimeout(180_000);
    const petition = await createPetition();
    const sql = database();
    const organiser = await organiserSession(`axe-delivery-${locale}-${petition.slug}@example.org`);
    await sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${organiser.accountId}, 'owner')`;
    await sql`update petition_targets set email = 'council@example.org', role = 'City hall' where petition_id = ${petition.id}`;
    await sql`insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, show_name)
      values (${petition.id}, 'Axe Signer', ${`axe-d-${locale}-${petition.slug}@example.org`}, ${`axe-d-${locale}-${petition.slug}@example.org`}, 'FR', 'confirmed', now(), true)`;
    await sealSignatures();
    // A delivery with its list and a recipient whose response link is live, made as the app makes them.
    const [delivery] = await sql`insert into deliveries (petition_id, kind, signature_count, country_count, fingerprint)
      values (${petition.id}, 'manual', 1, 1, repeat('a', 64)) returning id`;
    await sql`insert into delivery_signatures (delivery_id, signature_id, confirmed_at, country) select ${delivery!.id}, id, confirmed_at, country from signatures where petition_id = ${petition.id}`;
    const [recipient] = await sql`insert into delivery_recipients (delivery_id, target_id, name, email, language, sent_at)
      select ${delivery!.id}, id, name, email, language, now() from petition_targets where petition_id = ${petition.id} returning id`;
    const token = createHmac('sha256', E2E_SECRET).update(`delivery-response:${recipient!.id}`).digest('base64url');
    await sql`update delivery_recipients set response_token_hash = ${hashToken(token, E2E_SECRET)} where id = ${recipient!.id}`;
    await sql`insert into target_responses (petition_id, target_name, source, body, responded_on, approved_at) values (${petition.id}, 'The City Council', 'organiser', 'We will consider it.', current_date, now())`;
    await sql`insert into target_responses (petition_id, target_name, source, body, responded_on) values (${petition.id}, 'The City Council', 'target', 'Pending answer.', current_date)`;
    await sql`update demands set outcome = 'met', outcome_note = 'Done', outcome_on = current_date where petition_id = ${petition.id} and position = 0`;
    await sql`insert into petition_revisions (petition_id, changes) values (${petition.id}, ${sql.json({ title: { from: 'Old title', to: petition.title }, demands: { from: ['A'], to: ['A', 'B'] } })})`;

    for (const path of [
      `/p/${petition.slug}`,
      `/p/${petition.slug}/embed`,
      `/p/${petition.slug}/deliveries/${delivery!.id}`,
      `/respond/${token}`,
      `/respond/${'x'.repeat(43)}`,
    ]) {
      await page.goto(prefix + path);
      await expectNoViolations(page, prefix + path);
    }
    await context.addCookies([organiser.cookie]);
    await page.goto(`${prefix}/dashboard/petitions/${petition.slug}/delivery`);
    await expectNoViolations(page, 'the delivery dashboard');
    await page.goto(`${prefix}/dashboard/petitions/${petition.slug}/edit`);
    await page.locator('.targets-editor button.button-secondary').click();
    await expectNoViolations(page, 'the editor with two targets');
  });
}
