// One support/audit session through every page, shared by the offline, privacy and a11y tests.
// Each step uses what the page really offers and asserts that it worked.
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';

const certDir = join(import.meta.dirname, '..', 'fixtures', 'certs', 'gemlibpki');
/** Two real gematik test certificates (see test/fixtures/certs/SOURCES.md): an HBA person and an SMC-B institution. */
export const CERT_FILES = ['GEM.HBA-CA57__BabetteBeyer.pem', 'GEM.SMCB-CA41-RSA__Aschoffsche_Apotheke-AUT-RSA.pem'].map((f) => join(certDir, f));

/** A small ID list: 3 valid, 1 invalid (known from the audit's own tests and the seed's rules). */
export const SMALL_LIST = 'Telematik-ID\n1-10104242424242\n2-2.02.2.1.42424\n5-2-109500969-001\nhallo\n';

export async function dropText(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'text/plain' }));
    return dt;
  }, [name, text] as const);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

export async function auditStep(page: Page): Promise<void> {
  await page.goto('./#/audit');
  await dropText(page, 'ids.txt', SMALL_LIST);
  const results = page.getByTestId('audit-results');
  await expect(results.getByTestId('count-rows')).toHaveText('4');
  await expect(results.getByTestId('count-invalid')).toHaveText('1');
}

export async function certStep(page: Page): Promise<void> {
  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles(CERT_FILES);
  const table = page.getByTestId('cert-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table).toContainText('Beyer');
  await expect(table).toContainText('Aschoffsche Apotheke');
}

/** Demo reader with the SMC-B G2.1 card image: read, shown, exported as JSON without PIN data. */
export async function cardStep(page: Page): Promise<void> {
  await page.goto('./#/card');
  await page.getByTestId('demo-card').selectOption('SMCB_G2_1');
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('card-type')).toContainText('SMC-B', { timeout: 20_000 });
  await expect(page.getByTestId('card-generation')).toContainText('G2.1');
  await expect(page.getByTestId('card-iccsn')).toContainText('80276001011699802021');
  const download = page.waitForEvent('download');
  await page.getByTestId('card-export-json').click();
  const text = await readDownload(await download);
  const json = JSON.parse(text) as Record<string, unknown>;
  expect(json.cardType).toBe('SMC-B');
  // Reports never carry PIN data: per PIN only its name and status as GET PIN STATUS told (no value,
  // no reference data, no APDU bytes).
  const pins = json.pins as Record<string, unknown>[];
  expect(pins.length).toBeGreaterThan(0);
  for (const pin of pins) expect(Object.keys(pin).sort()).toEqual(['action', 'name', 'retriesLeft', 'status']);
  expect(text).not.toMatch(/"(pin|puk|pinValue|verify|apdu|trace)"\s*:/i);
}

async function readDownload(download: import('@playwright/test').Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runSession(page: Page): Promise<void> {
  await auditStep(page);
  await certStep(page);
  await cardStep(page);
  await page.goto('./#/about');
  // A normal tab (not an IWA): the app says class-0x0B readers are blocked here.
  const platform = page.getByTestId('platform-status');
  await expect(platform).toHaveAttribute('data-isolated', 'false');
  await expect(platform).toHaveAttribute('data-reach', 'vendor-class-only');
  await expect(platform).toContainText('0x0B');
}
