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
  // by sector: 1-2001… ×3, 9-1… ×1, 6-1 ×3 (general format); "abc" is no Telematik-ID
  const bySector = results.getByTestId('by-sector');
  await expect(bySector.getByRole('row', { name: /^1- Ärztinnen/ })).toContainText('3');
  await expect(bySector.getByRole('row', { name: /^6- reserviert/ })).toContainText('3');
  await expect(bySector.getByRole('row', { name: /^9- / })).toContainText('1');
});

test('JSON exports carry the stable verdict codes in the German UI too; CSV the German words', async ({ page }) => {
  await page.goto('./#/audit');
  await page.getByTestId('file-input').setInputFiles([{ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('6-1\nabc\n1–20014242424\n') }]);
  await expect(page.getByTestId('count-rows')).toHaveText('3');
  const read = async (button: string) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await dl.createReadStream()) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  await page.getByTestId('export-format').selectOption('json');
  const findings = (JSON.parse(await read('export-findings')) as { rows: { verdict: string; suggestion: string; id: string }[] }).rows;
  expect(findings.map((f) => f.verdict)).toEqual(['warning', 'invalid', 'invalid']);
  // an obvious fix is offered even when it only makes the ID better, not valid
  expect(findings.find((f) => f.id === '1–20014242424')?.suggestion).toBe('1-20014242424');
  await page.getByTestId('export-format').selectOption('csv');
  expect(await read('export-findings')).toContain('ungültig');
});
