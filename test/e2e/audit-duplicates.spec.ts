import { test, expect } from '@playwright/test';

test('duplicates are counted across rows and files; blank lines are not rows', async ({ page }) => {
  await page.goto('./#/audit');
  await page.getByTestId('file-input').setInputFiles([
    { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('1-20014242424\n1-20014242424\n\n6-1\r\n6-1\r\n6-1\r\nabc\n') },
    { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from('abc\n9-1.34.12345678\n1-20014242424\n') },
  ]);
  const results = page.getByTestId('audit-results');
  await expect(results.getByTestId('count-rows')).toHaveText('9');
  // repeats: 1-2001… ×2 (second in a, one in b), 6-1 ×2, abc ×1 (in b)
  await expect(results.getByTestId('count-duplicates')).toHaveText('5');
});
