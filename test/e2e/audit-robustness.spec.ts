// Bad and big input on the audit page: over-long lines and mixed line endings, cancelling a long
// run, accessibility of the page with results, JSON export in English.
import { test, expect, type Page } from '@playwright/test';
import { onAuditPageWithoutErrors } from './audit-page.ts';
import AxeBuilder from '@axe-core/playwright';

onAuditPageWithoutErrors({ consoleErrors: false });

/** Builds files inside the page (no big transfers) and drops them on the drop zone. */
async function dropGenerated(page: Page, files: { name: string; parts: [string, number][] }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((specs) => {
    const dt = new DataTransfer();
    for (const spec of specs) {
      const parts: string[] = [];
      for (const [text, times] of spec.parts) for (let i = 0; i < times; i++) parts.push(text);
      dt.items.add(new File(parts, spec.name, { type: 'text/plain' }));
    }
    return dt;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

test('a line over 1 MiB and mixed line endings: specific message, right rows, nothing lost', async ({ page }) => {
  const long = '1-' + '4'.repeat((1 << 20) + 100);
  await dropGenerated(page, [
    { name: 'lang.txt', parts: [['1-10104242424242\n', 1], [long, 1], ['\r\n2-1.01.1.1.424242\r\r5-2-109500969-001\rhallo\n', 1]] },
    { name: 'lang.csv', parts: [['Name;Telematik-ID\r\nA;1-10104242424242\nB;', 1], [long, 1], ['\rC;2-1.01.1.1.424242\r\n', 1]] },
  ]);
  const results = page.getByTestId('audit-results');
  await expect(results.getByTestId('count-rows')).toHaveText('8');
  await expect(results.getByTestId('count-valid')).toHaveText('5');
  await expect(results.getByTestId('count-invalid')).toHaveText('3');
  const rows = page.getByTestId('finding-row');
  const longInText = rows.filter({ has: page.locator('.c-file', { hasText: 'lang.txt' }) }).filter({ has: page.locator('.c-row', { hasText: /^2$/ }) });
  await expect(longInText.locator('.c-reason')).toHaveText('Zeile länger als 1 MiB – nicht gelesen (fehlendes Anführungszeichen oder keine Liste?).');
  const longInCsv = rows.filter({ has: page.locator('.c-file', { hasText: 'lang.csv' }) });
  await expect(longInCsv.locator('.c-row')).toHaveText('3');
  await expect(longInCsv.locator('.c-reason')).toContainText('1 MiB');
  // CR alone, CRLF and LF all end lines: "hallo" is on line 6.
  await expect(rows.filter({ hasText: 'hallo' }).locator('.c-row')).toHaveText('6');
});

test('a long run shows progress with rows/s and can be cancelled', async ({ page }) => {
  const row = 'Praxis Müller;Köln;1-10104242424242\nPraxis Weiß;Bonn;2-2.02.2.1.42424\nBüro;Aachen;hallo\n';
  await dropGenerated(page, [{ name: 'gross.csv', parts: [['Name;Ort;Telematik-ID\n', 1], [row, 1_000_000]] }]);
  const progress = page.getByTestId('audit-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Zeilen\/s/);
  await expect(progress.getByRole('progressbar')).toBeVisible();
  // progress counts rows: it never says "0 %" while rows go by
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    seen.push(await page.evaluate(() => document.querySelector('[data-testid="progress-text"]')?.textContent ?? ''));
    await page.waitForTimeout(40);
  }
  expect(seen.filter((text) => /^0 %/.test(text))).toEqual([]);
  expect(seen.some((text) => /[1-9][\d.]* Zeilen ·/.test(text))).toBe(true);
  await page.getByTestId('cancel-audit').click();
  await expect(page.getByTestId('audit-status')).toHaveText('Prüfung abgebrochen – die Ergebnisse sind unvollständig.');
  const counted = Number((await page.getByTestId('count-rows').textContent())!.replace(/\./g, ''));
  expect(counted).toBeLessThan(3_000_000);
});

test('a 14 MB CSV whose names hold line breaks is read in parallel ranges with the rows of one pass', async ({ page }) => {
  // Most of each record is a quoted name with a line break, so most range cuts fall inside quotes:
  // those ranges are read again with their neighbour. Every record spans two lines.
  const record = '"Praxis Dr. Müller und Partner\nStandort Nord, Eingang B";Köln;1-20014242424\n';
  const records = 200_000;
  await dropGenerated(page, [{ name: 'praxen.csv', parts: [['Name;Ort;Telematik-ID\n', 1], [record, records], ['"Letzte\nZeile";Bonn;kaputt\n', 1]] }]);
  await expect(page.getByTestId('count-rows')).toHaveText('200.001', { timeout: 30_000 });
  await expect(page.getByTestId('count-valid')).toHaveText('200.000');
  await expect(page.getByTestId('count-invalid')).toHaveText('1');
  const finding = page.getByTestId('finding-row');
  await expect(finding).toHaveCount(1);
  // header on line 1, records from line 2, two lines each: the last record starts on line 2 + 2 × 200,000
  await expect(finding.locator('.c-row')).toHaveText('400002');
});

test('accessibility: no axe violations with results, findings and the single-ID explanation shown', async ({ page }) => {
  await dropGenerated(page, [{ name: 'ids.txt', parts: [['1-10104242424242\n6-123456\nhallo\n1\u201320014242424\n', 1]] }]);
  await expect(page.getByTestId('count-rows')).toHaveText('4');
  await page.getByLabel('Telematik-ID', { exact: true }).fill('2-2.88.2.1.42424');
  await expect(page.getByTestId('single-parts')).toBeVisible();
  const scan = await new AxeBuilder({ page }).include('main').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // Keyboard: the file picker button and the findings scroll area are reachable with Tab.
  await page.getByRole('button', { name: 'Dateien auswählen …' }).focus();
  await expect(page.getByRole('button', { name: 'Dateien auswählen …' })).toBeFocused();
  await expect(page.locator('.findings-body')).toHaveAttribute('tabindex', '0');
});

test('English UI and JSON export of all results', async ({ page }) => {
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Check Telematik-ID lists' })).toBeVisible();
  await dropGenerated(page, [{ name: 'ids.txt', parts: [['1-10104242424242\n\n6-123456\nhallo\n', 1]] }]);
  await expect(page.getByTestId('count-rows')).toHaveText('3');
  await expect(page.getByTestId('finding-row').filter({ hasText: 'hallo' }).locator('.c-verdict')).toHaveText('invalid');
  await page.getByTestId('export-format').selectOption('json');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all').click()]);
  expect(dl.suggestedFilename()).toMatch(/\.json$/);
  const chunks: Buffer[] = [];
  for await (const c of await dl.createReadStream()) chunks.push(c as Buffer);
  const { header, rows } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { header: { rules: string }; rows: { row: number; id: string; verdict: string; reasonCode: string; reason: string }[] };
  expect(header.rules).toContain('Bildungsregeln');
  expect(rows.map((r) => [r.row, r.id, r.verdict, r.reasonCode])).toEqual([
    [1, '1-10104242424242', 'valid', ''],
    [3, '6-123456', 'warning', 'TID_NO_FORMATION_RULE'],
    [4, 'hallo', 'invalid', 'TID_NO_PREFIX'],
  ]);
  expect(rows[2]!.reason).toMatch(/^Does not start|prefix/i);
});
