import { test, expect } from '@playwright/test';

test('app shell: German by default, English switch, navigation, about with privacy statement', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('link', { name: 'Kartenleser' })).toBeVisible();
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('link', { name: 'Card reader' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'About' }).click();
  await expect(page.getByTestId('privacy-statement')).toContainText('No data leaves this machine');
  await expect(page.getByTestId('app-version')).toHaveText(/Version \d+\.\d+\.\d+/);
});
