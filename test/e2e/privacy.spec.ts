// Privacy: "Erase now" drops what the session holds, and nothing is written to browser storage.
import { test, expect } from '@playwright/test';
import { auditStep, certStep, cardStep } from './offline-session.ts';

test('Erase now drops the audit\'s files and results; nothing was stored in the browser', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await auditStep(page);
  await expect(page.getByTestId('audit-results')).toBeVisible();
  await expect(page.getByText('ids.txt').first()).toBeVisible();
  await page.getByTestId('single-id').fill('1-10104242424242');
  await expect(page.getByTestId('single-verdict')).toBeVisible();

  await page.getByTestId('erase-now').click();
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByRole('status').filter({ hasText: 'Alle Sitzungsdaten wurden gelöscht.' })).toBeVisible();
  await expect(page.getByTestId('audit-results')).toHaveCount(0);
  await expect(page.getByText('ids.txt')).toHaveCount(0);
  await expect(page.getByText('hallo')).toHaveCount(0);
  await expect(page.getByTestId('single-id')).toHaveValue('');
  await expect(page.getByTestId('single-verdict')).toHaveCount(0);

  const stores = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    cookies: document.cookie,
  }));
  expect(stores).toEqual({ local: 0, session: 0, idb: 0, cookies: '' });

  // The certificate page's table is dropped too.
  await certStep(page);
  await page.getByTestId('erase-now').click();
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('cert-table')).toHaveCount(0);
  await expect(page.getByText('Beyer')).toHaveCount(0);

  // The card view and the APDU trace (it holds card contents) are dropped too.
  await cardStep(page);
  const traceSummary = page.getByTestId('trace-panel').locator('summary');
  const traced = Number(/\((\d+)\)/.exec((await traceSummary.textContent())!)![1]);
  expect(traced).toBeGreaterThan(5);
  await page.getByTestId('erase-now').click();
  await page.getByTestId('erase-confirm').click();
  await expect(page.getByTestId('card-report')).toHaveCount(0);
  await expect(page.getByText('80276001011699802021')).toHaveCount(0);
  await expect(traceSummary).toContainText('(0)');
  await expect(page.getByTestId('trace-lines')).toHaveCount(0);

  // The page still works after erasing: a new list is audited from scratch.
  await auditStep(page);
  expect(errors).toEqual([]);
});
