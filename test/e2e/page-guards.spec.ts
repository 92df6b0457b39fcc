// Issue 12: files dropped outside a drop zone never navigate away and the page says where to drop;
// "Jetzt löschen" asks first and its messages do not move the header; beside "Kartenleser verbinden"
// the page explains why a standard reader may not be reachable in a normal tab.
import { test, expect, type Page } from '@playwright/test';

/** Dispatches a file drop on `selector` like a browser does; returns whether the page cancelled it. */
async function dropOn(page: Page, selector: string): Promise<{ dragoverCancelled: boolean; dropCancelled: boolean }> {
  return page.evaluate((sel) => {
    const target = document.querySelector(sel)!;
    const dt = new DataTransfer();
    dt.items.add(new File(['1-10104242424242\n'], 'ids.txt', { type: 'text/plain' }));
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt });
    target.dispatchEvent(over);
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt });
    target.dispatchEvent(drop);
    return { dragoverCancelled: over.defaultPrevented, dropCancelled: drop.defaultPrevented };
  }, selector);
}

test('a file dropped on the heading of the audit page: cancelled, URL kept, the page says where to drop', async ({ page }) => {
  await page.goto('./#/audit');
  const url = page.url();
  const result = await dropOn(page, 'h2');
  // an uncancelled drop is what makes Chrome open the file instead of the app
  expect(result).toEqual({ dragoverCancelled: true, dropCancelled: true });
  await expect(page.getByTestId('drop-guard')).toContainText('gestrichelte Ablagefeld');
  await expect(page.getByTestId('drop-zone')).toHaveClass(/drop-zone-hint/);
  expect(page.url()).toBe(url);
  // nothing was taken from the stray drop
  await expect(page.getByTestId('audit-results')).toHaveCount(0);
});

test('a drop on the page without a zone names the pages that take files; a drop on a zone still works', async ({ page }) => {
  await page.goto('./#/about');
  expect(await dropOn(page, 'h2')).toEqual({ dragoverCancelled: true, dropCancelled: true });
  await expect(page.getByTestId('drop-guard')).toContainText('Auf dieser Seite kann nichts abgelegt werden');
  await page.goto('./#/audit');
  await page.reload();
  await dropOn(page, '[data-testid="drop-zone"] p');
  await expect(page.getByTestId('drop-guard')).toHaveCount(0);
  await expect(page.getByTestId('audit-results')).toBeVisible({ timeout: 20_000 });
});

test('Jetzt löschen asks first; cancel keeps the data; the question and the note do not move the header', async ({ page }) => {
  await page.goto('./#/audit');
  await page.getByTestId('single-id').fill('1-10104242424242');
  await expect(page.getByTestId('single-verdict')).toBeVisible();
  const header = page.locator('.shell-header');
  const before = await header.boundingBox();

  await page.getByTestId('erase-now').click();
  await expect(page.getByTestId('erase-confirm-box')).toContainText('nicht rückgängig');
  await expect(page.getByTestId('erase-confirm')).toBeFocused();
  expect(await header.boundingBox()).toEqual(before);
  await page.getByTestId('erase-cancel').click();
  await expect(page.getByTestId('erase-confirm-box')).toHaveCount(0);
  await expect(page.getByTestId('single-id')).toHaveValue('1-10104242424242');

  await page.getByTestId('erase-now').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('erase-confirm-box')).toHaveCount(0);
  await expect(page.getByTestId('single-id')).toHaveValue('1-10104242424242');

  await page.getByTestId('erase-now').click();
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByRole('status').filter({ hasText: 'Alle Sitzungsdaten wurden gelöscht.' })).toBeVisible();
  expect(await header.boundingBox()).toEqual(before);
  await expect(page.getByTestId('single-id')).toHaveValue('');
});

test('beside "Kartenleser verbinden": why a standard reader may be missing, details in a fold (normal tab with WebUSB)', async ({ page }) => {
  await page.goto('./#/card');
  const note = page.getByTestId('reach-note');
  await expect(note).toHaveAttribute('data-reach', 'vendor-class-only');
  await expect(note).toContainText('installierten App');
  // next to the button, not somewhere down the page
  const button = (await page.getByTestId('connect-usb').boundingBox())!;
  const box = (await note.boundingBox())!;
  expect(box.y - (button.y + button.height)).toBeLessThan(40);
  const details = page.getByTestId('reach-details');
  await expect(details).not.toHaveAttribute('open');
  await details.locator('summary').click();
  await expect(details).toContainText('0x0B');
  await expect(details).toContainText('IsolatedWebAppInstallForceList');
  // the vendor-class readers come from the reader quirks table
  for (const name of ['Cherry SmartTerminal ST-2xxx', 'SCR3310-NTTCom', 'REINER SCT cyberJack RFID standard']) await expect(details).toContainText(name);
});

test('English: the note is in English', async ({ page }) => {
  await page.goto('./#/card');
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByTestId('reach-note')).toContainText('installed app');
  await expect(page.getByTestId('reach-note')).not.toContainText('Kartenleser');
});
