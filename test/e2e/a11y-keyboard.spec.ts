// Keyboard alone: the audit (pick a file, run, filter, search, export, single ID) and the certificate
// table are operated with Tab, Enter, Space and arrow keys only — no mouse, no programmatic clicks.
import { test, expect, type Page, type Locator, type FileChooser } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMALL_LIST, CERT_FILES } from './offline-session.ts';

/** Presses Tab until `target` has focus; fails when it is not reachable in `max` steps. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

/** File choosers are intercepted only once a listener is registered: do it before the page loads. */
function collectFileChoosers(page: Page): () => Promise<FileChooser> {
  const choosers: FileChooser[] = [];
  page.on('filechooser', (c) => choosers.push(c));
  return async () => {
    await expect.poll(() => choosers.length, { timeout: 10_000 }).toBeGreaterThan(0);
    return choosers.shift()!;
  };
}

async function expectVisibleFocus(page: Page): Promise<void> {
  // A focus indicator must be drawn (outline or box-shadow), not suppressed.
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    return { outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), shadow: cs.boxShadow };
  });
  expect(style.outline !== 'none' && style.width > 0 || style.shadow !== 'none', JSON.stringify(style)).toBe(true);
}

test('audit page with the keyboard alone: pick, results, filter, search, export, single ID', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ti-kbd-'));
  const file = join(dir, 'ids.txt');
  writeFileSync(file, SMALL_LIST);
  const nextChooser = collectFileChoosers(page);
  await page.goto('./#/audit');
  await page.locator('body').focus();

  const pick = page.getByRole('button', { name: 'Dateien auswählen …' });
  await tabTo(page, pick);
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await (await nextChooser()).setFiles(file);

  const results = page.getByTestId('audit-results');
  await expect(results.getByTestId('count-rows')).toHaveText('4');

  const verdictFilter = page.getByTestId('filter-verdict');
  await tabTo(page, verdictFilter);
  await expectVisibleFocus(page);
  const before = await verdictFilter.inputValue();
  await page.keyboard.press('ArrowDown');
  await expect(verdictFilter).not.toHaveValue(before);
  await page.keyboard.press('ArrowUp');
  await expect(verdictFilter).toHaveValue(before);

  const search = page.getByTestId('filter-search');
  await tabTo(page, search);
  await page.keyboard.type('hallo');
  await expect(page.getByTestId('finding-row')).toHaveCount(1);
  await expect(page.getByTestId('finding-row')).toContainText('hallo');

  const exportButton = page.getByTestId('export-findings');
  await tabTo(page, exportButton);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.(csv|json)$/);

  const single = page.getByTestId('single-id');
  await tabTo(page, single);
  await page.keyboard.type('1-1010424242424X');
  await expect(page.getByTestId('single-verdict')).toBeVisible();
});

test('certificate page with the keyboard alone: pick files, tabs switch with Enter', async ({ page }) => {
  const nextChooser = collectFileChoosers(page);
  await page.goto('./#/certs');
  await page.locator('body').focus();
  const input = page.getByTestId('cert-files');
  // The visible control is the label wrapping the hidden input: Tab reaches the input itself.
  await tabTo(page, input);
  await page.keyboard.press('Space');
  await (await nextChooser()).setFiles(CERT_FILES);
  await expect(page.getByTestId('cert-table').locator('tbody tr')).toHaveCount(2);
  const viewerTab = page.getByRole('tab', { name: /ASN\.1/ });
  await tabTo(page, viewerTab);
  await page.keyboard.press('Enter');
  await expect(viewerTab).toHaveAttribute('aria-selected', 'true');
});

test('card page with the keyboard alone: plug the demo reader, read the card, export the report', async ({ page }) => {
  await page.goto('./#/card');
  await page.locator('body').focus();
  const cardSelect = page.getByTestId('demo-card');
  await tabTo(page, cardSelect);
  await expectVisibleFocus(page);
  await page.keyboard.press('ArrowDown');
  const plug = page.getByTestId('demo-plug');
  await tabTo(page, plug);
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('card-type')).not.toBeEmpty({ timeout: 20_000 });
  const exportButton = page.getByTestId('card-export-json');
  await tabTo(page, exportButton);
  await expectVisibleFocus(page);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  const search = page.getByTestId('support-search');
  await tabTo(page, search);
  await page.keyboard.type('4001');
  await expect(page.getByTestId('support-results')).toContainText('4001');
});
