// Issue 12 layout: the card report fits a 390 px phone; the certificate tables stay readable at 960 px
// (no one-character-wide column); the printed ticket names date, time and reader of the check.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const CERTS = join(import.meta.dirname, '../fixtures/certs/gemlibpki');

async function showCard(page: Page, card: string): Promise<void> {
  await page.goto('./#/card');
  await page.getByTestId('demo-card').selectOption(card);
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 20_000 });
}

test.describe('390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const card of ['HBA_G2_1', 'SMCB_G2_0', 'EGK_G2_1']) {
    test(`${card}: the report fits without scrolling sideways, the certificates included`, async ({ page }) => {
      await showCard(page, card);
      const m = await page.evaluate(() => {
        const report = document.querySelector('[data-testid="card-report"]')!;
        const right = Math.max(...[...report.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right));
        const scrollers = [...report.querySelectorAll('*')].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible').length;
        return { right, scrollers, page: document.documentElement.scrollWidth };
      });
      expect(m.page).toBeLessThanOrEqual(390);
      expect(m.right).toBeLessThanOrEqual(390);
      expect(m.scrollers, 'boxes inside the report that scroll sideways').toBe(0);
      // each certificate line says what it is (the column headers are gone on a phone)
      await expect(page.getByTestId('card-certificates').locator('td[data-label]').first()).toBeVisible();
    });
  }
});

test.describe('960 px', () => {
  test.use({ viewport: { width: 960, height: 900 } });
  test('card report: every certificate column at least 5.5 rem wide', async ({ page }) => {
    await showCard(page, 'HBA_G2_1');
    const widths = await page.locator('.card-certs thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
    expect(widths).toHaveLength(5);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(88);
    expect(widths[4]).toBeGreaterThanOrEqual(180); // light, date and days of the validity column
  });

  test('certificate page: no column narrower than a word, the problems column keeps its sentences', async ({ page }) => {
    const pems = readdirSync(CERTS).filter((f) => f.endsWith('.pem')).sort();
    await page.goto('./#/certs');
    await page.getByTestId('cert-files').setInputFiles(pems.map((f) => ({ name: f, mimeType: 'application/x-pem-file', buffer: readFileSync(join(CERTS, f)) })));
    await expect(page.getByTestId('cert-table').locator('tbody tr:not(.spacer)').first()).toBeVisible({ timeout: 30_000 });
    const cols = await page.getByTestId('cert-table').locator('thead th').evaluateAll((ths) => ths.map((th) => ({ name: th.textContent, width: th.getBoundingClientRect().width })));
    for (const c of cols) expect(c.width, c.name ?? '').toBeGreaterThanOrEqual(72);
    expect(cols.find((c) => c.name === 'Probleme')!.width).toBeGreaterThanOrEqual(100);
    // and it still fits the page: "Ansehen" is not pushed off to the right
    const open = (await page.getByTestId('cert-table').locator('thead th').last().boundingBox())!;
    expect(open.x + open.width).toBeLessThanOrEqual(960);
  });
});

test('print view: date, time and reader of the check', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-12-05T09:07:00'));
  await showCard(page, 'SMCB_G2_1');
  const reader = (await page.getByTestId('reader').locator('strong').textContent())!;
  await page.emulateMedia({ media: 'print' });
  const checked = page.getByTestId('card-checked');
  await expect(checked).toBeVisible();
  await expect(checked).toHaveText(`Geprüft am 05.12.2026 um 09:07 Uhr mit Kartenleser „${reader}“`);
  await expect(page.getByTestId('reader-panel')).toBeHidden();
});
