import { expect, test, type Page } from '@playwright/test';
import { confirmationLink, createPetition, uniqueEmail, waitForEmail } from '../support/e2e';

/** Presses Tab until the element matching this selector has focus; fails if it is not reachable. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} cannot be reached with the Tab key`);
}

test('a supporter using only the keyboard is taken to the first error, then signs and confirms', async ({ page }) => {
  const petition = await createPetition();
  await page.goto(`/p/${petition.slug}`);

  // The skip link is the first stop and jumps over the header.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Submitting the empty form: the errors are announced and focus lands on the first field to fix.
  await tabTo(page, '#name');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.locator('#name')).toBeFocused();
  await expect(page.locator('#name')).toHaveAttribute('aria-invalid', 'true');

  const email = uniqueEmail('keyboard');
  await page.keyboard.type('Kim Keyboard');
  await page.keyboard.press('Tab');
  await expect(page.locator('#email')).toBeFocused();
  await page.keyboard.type(email);
  await tabTo(page, '#country');
  // Typing on a focused select picks the matching option, as people do with a keyboard.
  await page.keyboard.type('Germany');
  await expect(page.locator('#country')).toHaveValue('DE');
  await tabTo(page, 'form.sign-form button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  await page.goto(confirmationLink(await waitForEmail(email)));
  await tabTo(page, '.press-to-continue button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Thank you, your signature is confirmed' })).toBeVisible();
});
