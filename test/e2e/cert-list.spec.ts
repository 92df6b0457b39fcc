// Certificate audit at scale (virtual list + text filter), cross-file key-identifier check, and the
// SHA-256 fingerprint in the viewer summary. Data: the real GemLibPki test certificates; expectations
// from OpenSSL's reading of their bytes.
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const X = join(import.meta.dirname, '../fixtures/certs/gemlibpki');
const openssl = (args: string[], input: Buffer) => {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

test('many certificates: only the rows in view are in the DOM, scrolling reaches the end, the filter narrows', async ({ page }) => {
  const pems = readdirSync(X).filter((f) => f.endsWith('.pem')).sort().map((f) => readFileSync(join(X, f)));
  const COPIES = 40;
  const many = Buffer.concat(Array.from({ length: COPIES }, () => pems).flat());
  const total = pems.length * COPIES;
  const id = '1-2-Psycho-BabetteBeyer01';
  const withId = pems.filter((p) => openssl(['x509', '-noout', '-text'], p).includes(`registrationNumber: ${id}`)).length;
  expect(withId).toBeGreaterThan(0);

  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles({ name: 'many.pem', mimeType: 'application/x-pem-file', buffer: many });
  await expect(page.getByTestId('cert-summary')).toContainText(`${total} Zertifikate aus 1 Dateien`, { timeout: 30_000 });
  await expect(page.getByTestId('cert-shown')).toHaveText(`${total} von ${total} Zeilen angezeigt`);
  const table = page.getByTestId('cert-table');
  const rendered = await table.locator('tbody tr:not(.spacer)').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));

  // scroll to the end: the last certificate's row appears, the first leaves the DOM
  await page.locator('.table-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(table.locator(`tbody tr[aria-rowindex="${total + 1}"]`)).toContainText(`many.pem #${total}`);
  await expect(table.locator('tbody tr[aria-rowindex="2"]')).toHaveCount(0);

  await page.getByTestId('cert-filter').fill(id);
  await expect(page.getByTestId('cert-shown')).toHaveText(`${withId * COPIES} von ${total} Zeilen angezeigt`);
  await expect(table.locator('tbody tr:not(.spacer)').first()).toContainText(id);
  await page.getByTestId('cert-filter').fill('');
  await expect(page.getByTestId('cert-shown')).toHaveText(`${total} von ${total} Zeilen angezeigt`);
});

test('a changed authority key identifier is flagged once its issuer is dropped too', async ({ page }) => {
  const leaf = readFileSync(join(X, 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.der'));
  const aki = /keyid:([0-9A-F:]+)|Authority Key Identifier: *\n\s*([0-9A-F:]+)/.exec(openssl(['x509', '-inform', 'DER', '-noout', '-text'], leaf))!;
  const akiBytes = Buffer.from((aki[1] ?? aki[2])!.replace(/:/g, ''), 'hex');
  const changed = Buffer.from(leaf);
  const at = changed.indexOf(Buffer.concat([Buffer.from([0x80, 0x14]), akiBytes]));
  expect(at).toBeGreaterThan(0);
  changed[at + 21] = changed[at + 21]! ^ 0xff;

  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles({ name: 'leaf.der', mimeType: 'application/octet-stream', buffer: changed });
  const table = page.getByTestId('cert-table');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('[data-code="AUTHORITY_KEY_ID_MISMATCH"]')).toHaveCount(0);
  await page.getByTestId('cert-files').setInputFiles(join(X, 'GEM.SMCB-CA57__GEM.SMCB-CA57-TEST-ONLY.pem'));
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first().locator('[data-code="AUTHORITY_KEY_ID_MISMATCH"]')).toHaveCount(1);
});

test('viewer summary shows the SHA-256 fingerprint of the certificate bytes', async ({ page }) => {
  const file = join(X, 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem');
  const fp = /Fingerprint=([0-9A-F:]+)/.exec(openssl(['x509', '-noout', '-fingerprint', '-sha256'], readFileSync(file)))![1]!;
  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles(file);
  await page.getByRole('button', { name: /In der ASN.1-Ansicht öffnen/ }).click();
  await expect(page.getByTestId('cert-summary-panel')).toContainText(fp);
});
