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

export async function runSession(page: Page): Promise<void> {
  await auditStep(page);
  await certStep(page);
  for (const path of ['card', 'about']) {
    await page.goto(`./#/${path}`);
    await expect(page.locator('main')).not.toBeEmpty();
    await expect(page.getByRole('alert').filter({ hasText: /gibt es nicht|does not exist/ })).toHaveCount(0);
  }
}
