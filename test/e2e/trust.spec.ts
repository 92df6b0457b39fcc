// Trust on the certificate and card pages: a dropped TSL is verified before use, the certificate table
// shows each chain's verdict, a broken TSL is refused and changes nothing, the kept TSL is removed by its
// control, and a demo test card is named loudly. Expected verdicts: BabetteBeyer-invalid-signature has a
// signature that gematik broke on purpose (its file name says so; `openssl verify` with the TSL's
// GEM.SMCB-CA57 fails it), PraxisBabetteBeyer verifies up to a TEST-ONLY root (openssl verify succeeds).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const X = join(import.meta.dirname, '../fixtures/certs/gemlibpki');
const T = join(import.meta.dirname, '../fixtures/trust/tsl');
const file = (dir: string, name: string, mimeType = 'application/octet-stream') => ({ name, mimeType, buffer: readFileSync(join(dir, name)) });

test('certificate page: drop a TSL and certificates, see verdicts; broken TSL refused; remove after reload', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/certs');
  await expect(page.getByTestId('tsl-none')).toBeVisible();
  await expect(page.getByTestId('trust-scope')).toContainText('OCSP');
  // TSL and certificates dropped together: the TSL is loaded, not listed.
  await page.getByTestId('cert-files').setInputFiles([
    file(T, 'gemlibpki-ecc-TSL_default.xml', 'text/xml'),
    file(X, 'GEM.SMCB-CA57__invalid__BabetteBeyer-invalid-signature.pem'),
    file(X, 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem'),
  ]);
  await expect(page.getByTestId('tsl-loaded')).toContainText('TSL vom', { timeout: 30_000 });
  const table = page.getByTestId('cert-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const row = (name: string) => table.locator('tbody tr').filter({ hasText: name });
  await expect(row('invalid-signature').getByTestId('trust-badge')).toHaveAttribute('data-status', 'signatureInvalid', { timeout: 30_000 });
  await expect(row('PraxisBabetteBeyer').getByTestId('trust-badge')).toHaveAttribute('data-status', 'verified');
  await expect(row('PraxisBabetteBeyer').getByTestId('trust-badge')).toHaveAttribute('data-environment', 'test');
  await expect(row('PraxisBabetteBeyer').getByTestId('trust-badge')).toHaveText('Kette geprüft · Test');
  // Filter by verdict.
  await page.getByTestId('trust-filter').selectOption('signatureInvalid');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('invalid-signature');
  await page.getByTestId('trust-filter').selectOption('');
  // Exports carry trust.
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'JSON exportieren' }).click();
  const parsed = JSON.parse(readFileSync(await (await json).path(), 'utf8')) as { file: string; trust: { status: string; environment: string | null } }[];
  expect(parsed.find((r) => r.file.includes('invalid-signature'))!.trust.status).toBe('signatureInvalid');
  expect(parsed.find((r) => r.file.includes('PraxisBabetteBeyer'))!.trust).toMatchObject({ status: 'verified', environment: 'test' });
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV exportieren' }).click();
  const csvText = readFileSync(await (await csv).path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toContain('trust_status');
  expect(csvText).toContain('signatureInvalid');

  // The viewer's chain view: certificate → CA → root, with the verdict.
  await row('PraxisBabetteBeyer').getByRole('button').click();
  await expect(page.getByTestId('viewer-trust').getByTestId('trust-badge')).toHaveAttribute('data-status', 'verified', { timeout: 20_000 });
  await expect(page.getByTestId('viewer-trust').getByTestId('trust-chain').locator('li')).toHaveCount(3);
  await page.getByRole('tab', { name: 'Zertifikatsprüfung' }).click();

  await page.screenshot({ path: 'test-results/trust-certs-1280.png', fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/trust-certs-390.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The broken TSL: refused, said plainly, and nothing changes.
  const loadedText = await page.getByTestId('tsl-loaded').textContent();
  await page.getByTestId('tsl-file').setInputFiles(file(T, 'gemlibpki-ecc-TSL_invalid_Signature_broken.xml', 'text/xml'));
  await expect(page.getByTestId('tsl-refused')).toContainText('Signatur ist ungültig', { timeout: 30_000 });
  await expect(page.getByTestId('tsl-refused')).toContainText('unverändert');
  await expect(page.getByTestId('tsl-loaded')).toHaveText(loadedText!);
  await expect(row('PraxisBabetteBeyer').getByTestId('trust-badge')).toHaveAttribute('data-status', 'verified');

  // Kept after a reload, removed by its control (and gone after the next reload too).
  await page.reload();
  await expect(page.getByTestId('tsl-loaded')).toContainText('TSL vom', { timeout: 30_000 });
  await page.getByTestId('tsl-remove').click();
  await expect(page.getByTestId('tsl-none')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('tsl-none')).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('tsl-loaded')).toHaveCount(0);
});

test('card page: a demo test card says "Testkarte" loudly in the banner, with chains per certificate', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/card');
  const image = 'HBA_G2_0_80276883110000017289.xml';
  await page.getByTestId('card-image-input').setInputFiles({ name: image, mimeType: 'text/xml', buffer: readFileSync(new URL(`../../src/assets/demo-cards/${image}`, import.meta.url)) });
  await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 30_000 });
  const line = page.getByTestId('verdict-authenticity');
  await expect(line).toHaveAttribute('data-status', 'testCard');
  await expect(line.locator('strong')).toHaveText('Testkarte – nicht für den Produktivbetrieb');
  await expect(page.getByTestId('card-cert-trust').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/trust-card-1280.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/trust-card-390.png' });
});

test('kiosk: the administrator\'s TSL next to the app (tsl=) is used; a foreign URL is refused and never fetched', async ({ page }) => {
  test.setTimeout(90_000);
  const foreign: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(new URL(page.url() || 'http://127.0.0.1').origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
  await page.route('**/deployed/tsl.xml', (route) => route.fulfill({ body: readFileSync(join(T, 'gemlibpki-ecc-TSL_default.xml')), contentType: 'text/xml' }));
  await page.goto('./?kiosk&reader=demo&tsl=deployed/tsl.xml');
  await page.locator('.kiosk-demo-card[data-card="SMCB_G2_1"]').click();
  await expect(page.getByTestId('kiosk-result')).toBeVisible({ timeout: 30_000 });
  // Which TSL is in use is for IT: inside the kiosk's "Technik" fold.
  await page.getByTestId('kiosk-tech').locator('summary').click();
  await expect(page.getByTestId('tsl-loaded')).toContainText('TSL vom');
  await expect(page.getByTestId('verdict-authenticity')).toHaveAttribute('data-status', 'testCard');

  await page.goto('./?kiosk&reader=demo&tsl=https://example.com/tsl.xml');
  await page.getByTestId('kiosk-tech').locator('summary').click();
  await expect(page.getByText('tsl=https://example.com/tsl.xml')).toBeVisible();
  expect(foreign.filter((u) => u.includes('example.com'))).toEqual([]);
});
