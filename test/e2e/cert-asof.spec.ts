import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const X = join(import.meta.dirname, '../fixtures/certs/gemlibpki');
// openssl x509 -dates: notBefore=Nov 18 23:00:00 2024 GMT, notAfter=Nov 18 22:59:59 2029 GMT
const PEM = 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem';

test('certificate page: "Stand am" judges validity for the chosen day', async ({ page }) => {
  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles([{ name: PEM, mimeType: 'application/octet-stream', buffer: readFileSync(join(X, PEM)) }]);
  const table = page.getByTestId('cert-table');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('[data-code="EXPIRED"]')).toHaveCount(0);
  const field = page.getByTestId('cert-asof');
  await field.fill('01.01.2030');
  await field.press('Enter');
  await expect(table.locator('[data-code="EXPIRED"]')).toHaveCount(1);
  await expect(page.getByTestId('cert-expiry')).toHaveClass(/cert-expired/);
  await expect(page.getByTestId('cert-expiry')).toHaveText('18.11.2029');
  await page.screenshot({ path: 'test-results/cert-asof-1280.png' });
  await field.fill('01.11.2024');
  await field.press('Enter');
  await expect(table.locator('[data-code="NOT_YET_VALID"]')).toHaveCount(1);
  await expect(table.locator('[data-code="EXPIRED"]')).toHaveCount(0);
  await field.fill('31.02.2027');
  await field.press('Enter');
  await expect(page.getByTestId('cert-asof-error')).toBeVisible();
  await expect(table.locator('[data-code="NOT_YET_VALID"]')).toHaveCount(1); // a bad day keeps the last one
  await page.getByTestId('cert-asof-today').click();
  await expect(table.locator('[data-code="NOT_YET_VALID"]')).toHaveCount(0);
  await expect(table.locator('tbody tr')).toHaveCount(1);
});

test('certificate page "Stand am" at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles([{ name: PEM, mimeType: 'application/octet-stream', buffer: readFileSync(join(X, PEM)) }]);
  await page.getByTestId('cert-asof').fill('01.01.2030');
  await page.getByTestId('cert-asof').press('Enter');
  await expect(page.getByTestId('cert-table').locator('[data-code="EXPIRED"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/cert-asof-390.png', fullPage: true });
});
