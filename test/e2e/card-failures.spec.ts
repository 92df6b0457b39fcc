// Issue 12, "what must not happen again": a card image that fails to load clears the old card and says
// in German what the file is; the demo reader's controls follow what is really inserted; two dropped
// files name the one taken; two demo readers of one model can be told apart.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO = join(import.meta.dirname, '../../src/assets/demo-cards');
const FIXTURES = join(import.meta.dirname, '../fixtures');
const HBA21 = 'HBA_G2_1_80276883110000220885.xml';
const EGK = 'EGK_G2_1_80276883110000095711.xml';
const TLK = join(FIXTURES, 'cardimages/TLK_COS_image_kontaktlos128.xml');
const PEM = join(FIXTURES, 'cardimages/certs/GEM.SMCB-CA58__Beyer-Zahnarzt.pem');
const CSV = join(FIXTURES, 'id-lists/praxen-cp1252.csv');

/** Drops files on the card image zone the way a browser does (one DataTransfer holding File objects). */
async function dropFiles(page: Page, files: { name: string; path: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, bytes: [...readFileSync(f.path)] }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, payload);
  await page.getByTestId('card-image-drop').dispatchEvent('drop', { dataTransfer });
}

async function plugWithCard(page: Page, card: string): Promise<void> {
  await page.getByTestId('demo-card').selectOption(card);
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 20_000 });
}

async function expectOldCardGone(page: Page): Promise<void> {
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false');
  await expect(page.getByTestId('card-report')).toHaveCount(0);
  await expect(page.locator('.slot-present')).toHaveCount(0);
  await expect(page.getByTestId('demo-slot-card')).toHaveValue('');
}

async function expectErrorStyled(page: Page): Promise<void> {
  const status = page.getByTestId('demo-status');
  await expect(status).toHaveAttribute('role', 'alert');
  await expect(status).toHaveAttribute('data-ok', 'false');
  // red text on a red-tinted box, not the neutral text of a success note
  const { color, border } = await status.evaluate((el) => ({
    color: getComputedStyle(el).color,
    border: getComputedStyle(el).borderLeftColor,
  }));
  expect(border).toBe('rgb(176, 0, 32)');
  expect(color).toBe('rgb(139, 0, 22)');
}

test.beforeEach(async ({ page }) => { await page.goto('./#/card'); });

test('contactless test image (unknown access condition AUTC) clears the SMC-B shown before and is named as contactless', async ({ page }) => {
  await plugWithCard(page, 'SMCB_G2_1');
  await expect(page.getByTestId('card-iccsn')).toContainText('80276001011699802021');
  await dropFiles(page, [{ name: 'TLK_COS_image_kontaktlos128.xml', path: TLK }]);
  await expect(page.getByTestId('demo-status')).toContainText('„TLK_COS_image_kontaktlos128.xml“ nicht geladen: Kontaktlose Karte (PACE/CAN) – nicht unterstützt');
  await expect(page.getByTestId('demo-status')).toContainText('vorher gesteckte Karte wurde gezogen');
  await expectOldCardGone(page);
  await expect(page.getByText('80276001011699802021')).toHaveCount(0);
  await expectErrorStyled(page);
});

test('a PEM certificate and a CSV list dropped on the card zone: "kein Kartenabbild", old card cleared', async ({ page }) => {
  await plugWithCard(page, 'HBA_G2_1');
  await dropFiles(page, [{ name: 'zertifikat.pem', path: PEM }]);
  await expect(page.getByTestId('demo-status')).toContainText('Zertifikat oder Schlüssel (PEM) – kein Kartenabbild');
  await expectOldCardGone(page);
  await expectErrorStyled(page);

  await page.getByTestId('demo-slot-card').selectOption('EGK_G2_1');
  await expect(page.getByTestId('card-type')).toHaveText(/Gesundheitskarte/, { timeout: 20_000 });
  await page.getByTestId('card-image-input').setInputFiles(CSV);
  await expect(page.getByTestId('demo-status')).toContainText('Tabelle oder Liste (CSV/Text) – kein Kartenabbild');
  await expectOldCardGone(page);
});

test('English UI: the failure is said in English', async ({ page }) => {
  await page.getByLabel('Sprache').selectOption('en');
  await plugWithCard(page, 'SMCB_G2_1');
  await dropFiles(page, [{ name: 'tlk.xml', path: TLK }]);
  await expect(page.getByTestId('demo-status')).toContainText('“tlk.xml” not loaded: Contactless card (PACE/CAN) – not supported');
  await expectOldCardGone(page);
});

test('the card select and "loaded and inserted" follow what is really in the reader', async ({ page }) => {
  await plugWithCard(page, 'SMCB_G2_1');
  const held = page.getByTestId('demo-slot-card');
  await expect(held).toHaveValue('SMCB_G2_1');
  // choosing another card in the reader's select swaps the card
  await held.selectOption('EGK_G2_1');
  await expect(page.getByTestId('card-type')).toHaveText(/Gesundheitskarte/, { timeout: 20_000 });
  await expect(held).toHaveValue('EGK_G2_1');
  // a dropped image: the select names the file, the status names file and reader
  await page.getByTestId('card-image-input').setInputFiles(join(DEMO, HBA21));
  await expect(page.getByTestId('card-type')).toHaveText(/Heilberufsausweis/, { timeout: 20_000 });
  await expect(held).toHaveValue('file');
  await expect(held.locator('option:checked')).toHaveText(`Kartenabbild „${HBA21}“`);
  const readerName = (await page.getByTestId('reader').locator('strong').textContent())!;
  await expect(page.getByTestId('demo-status')).toHaveText(`Kartenabbild „${HBA21}“ geladen und in „${readerName}“ gesteckt.`);
  // pulled: neither the select nor the status claims a card any more
  await page.getByTestId('demo-remove').click();
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false');
  await expect(held).toHaveValue('');
  await expect(page.getByTestId('demo-status')).toHaveCount(0);
  await expect(page.getByText('geladen und')).toHaveCount(0);
});

test('two images dropped at once: the status says which one was taken', async ({ page }) => {
  await plugWithCard(page, 'SMCB_G2_1');
  await dropFiles(page, [{ name: HBA21, path: join(DEMO, HBA21) }, { name: EGK, path: join(DEMO, EGK) }]);
  await expect(page.getByTestId('card-type')).toHaveText(/Heilberufsausweis/, { timeout: 20_000 });
  await expect(page.getByTestId('demo-status')).toContainText(`genommen wurde nur „${HBA21}“, nicht „${EGK}“`);
  await expect(page.getByTestId('demo-slot-card').locator('option:checked')).toHaveText(`Kartenabbild „${HBA21}“`);
});

test('two demo readers of one model have different names, each with its own card', async ({ page }) => {
  await page.getByTestId('demo-model').selectOption('ACS_ACR39U_ICC_Reader');
  await plugWithCard(page, 'SMCB_G2_1');
  await page.getByTestId('demo-card').selectOption('');
  await page.getByTestId('demo-plug').click();
  const readers = page.getByTestId('reader');
  await expect(readers).toHaveCount(2);
  const names = await readers.locator('strong').allTextContents();
  expect(new Set(names).size).toBe(2);
  expect(names[1]).toBe(`${names[0]} (2)`);
  await expect(readers.nth(0).getByTestId('demo-slot-card')).toHaveValue('SMCB_G2_1');
  await expect(readers.nth(1).getByTestId('demo-slot-card')).toHaveValue('');
});
