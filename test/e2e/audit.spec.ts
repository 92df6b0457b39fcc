// The audit page end to end in Chromium: real files dropped or picked, counts checked against the
// verdicts the seed's formation rules give (see test/fixtures/id-lists/SOURCES.md), exports read back.
import { test, expect, type Page } from '@playwright/test';
import { onAuditPageWithoutErrors } from './audit-page.ts';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { makeXlsx } from '../fixtures/id-lists/make-xlsx.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/id-lists/${name}`, import.meta.url));

/** Drops files on the drop zone the way a browser does (DataTransfer with File objects). */
async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array; type?: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', data: Buffer.from(f.bytes).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const it of items) {
      const bin = atob(it.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], it.name, { type: it.type }));
    }
    return dt;
  }, payload);
  await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}


async function expectCounts(page: Page, counts: { rows: number; valid: number; warning: number; invalid: number }): Promise<void> {
  const results = page.getByTestId('audit-results');
  await expect(results.getByTestId('count-rows')).toHaveText(String(counts.rows));
  await expect(results.getByTestId('count-valid')).toHaveText(String(counts.valid));
  await expect(results.getByTestId('count-warning')).toHaveText(String(counts.warning));
  await expect(results.getByTestId('count-invalid')).toHaveText(String(counts.invalid));
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const stream = await dl.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

onAuditPageWithoutErrors();
test.beforeEach(async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Telematik-ID-Listen prüfen' })).toBeVisible();
});

test('Windows-1252 CSV (;, Telematik-ID in column 3): detected format, counts, findings, Excel CSV export', async ({ page }) => {
  await dropFiles(page, [{ name: 'praxen-cp1252.csv', bytes: fixture('praxen-cp1252.csv'), type: 'text/csv' }]);
  const card = page.getByTestId('audit-file');
  await expect(card.getByTestId('file-format')).toContainText('Windows-1252');
  await expect(card.getByTestId('file-format')).toContainText('„;“');
  await expect(card.getByTestId('file-format')).toContainText('„Telematik-ID“ (per Spaltenname)');
  // 8 seed examples are valid; a test-card ID and prefix 6- are warnings; an en dash and "hallo" are invalid.
  await expectCounts(page, { rows: 12, valid: 8, warning: 2, invalid: 2 });
  await expect(page.getByTestId('by-rule')).toContainText('1-1 Ärztinnen und Ärzte (HBA)');

  const rows = page.getByTestId('finding-row');
  await expect(rows).toHaveCount(4);
  const enDash = rows.filter({ hasText: '1\u201310104242424242' });
  await expect(enDash).toContainText('praxen-cp1252.csv');
  await expect(enDash.locator('.c-row')).toHaveText('14');
  await expect(enDash.locator('.c-suggestion')).toHaveText('1-10104242424242');
  await expect(enDash.locator('.c-reason')).toContainText('Unzulässiges Zeichen „–“ an Stelle 2');
  // The record with a quoted line break starts on line 11, so the next one is on line 13.
  await expect(rows.filter({ hasText: '6-123456' }).locator('.c-row')).toHaveText('13');

  // Filter and search narrow the virtual table.
  await page.getByTestId('filter-verdict').selectOption('invalid');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('filter-search').fill('hallo');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('findings-count')).toHaveText('1 von 4 Befunden');
  await page.getByTestId('filter-verdict').selectOption('');
  await page.getByTestId('filter-search').fill('');

  // Findings as Excel CSV: UTF-8 BOM, `;`, one line per finding with file and row.
  await page.getByTestId('export-format').selectOption('csv-excel');
  const csv = await download(page, 'export-findings');
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // the export header (rule source, date) and a blank line come first, then the table with the source cells
  const [head, table] = csv.toString('utf8').slice(1).split('\r\n\r\n') as [string, string];
  expect(head).toMatch(/^Bildungsregeln;/);
  // a source cell may hold a quoted line break: read it with a CSV parser
  const records = Papa.parse<string[]>(table.trim(), { delimiter: ';' }).data;
  expect(records[0]!.slice(0, 8)).toEqual(['Datei', 'Zeile', 'Telematik-ID', 'Ergebnis', 'Grundcode', 'Grund', 'Vorschlag', 'Praxis']);
  expect(records).toHaveLength(5);
  const byRow = new Map(records.slice(1).map((l) => [l[1], l]));
  expect(byRow.get('11')![8]).toMatch(/^Mehrzeilige\r?\nAdresse; 2\. Stock$/);
  expect([...byRow.keys()].sort()).toEqual(['11', '13', '14', '15']);
  expect(byRow.get('14')!.slice(0, 5)).toEqual(['praxen-cp1252.csv', '14', '1\u201310104242424242', 'ungültig', 'TID_BAD_CHAR']);
  expect(byRow.get('14')![6]).toBe('1-10104242424242');
  expect(byRow.get('13')!.slice(3, 5)).toEqual(['Warnung', 'TID_NO_FORMATION_RULE']);

  // All results as plain CSV (second run streaming every row): 12 rows in file order.
  await page.getByTestId('export-format').selectOption('csv');
  const all = (await download(page, 'export-all')).toString('utf8');
  expect(all.charCodeAt(0)).not.toBe(0xfeff);
  const allRecords = Papa.parse<string[]>(all.split('\r\n\r\n')[1]!.trim(), { delimiter: ',' }).data;
  expect(allRecords[0]!.slice(0, 7)).toEqual(['Datei', 'Zeile', 'Telematik-ID', 'Ergebnis', 'Grundcode', 'Grund', 'Vorschlag']);
  expect(allRecords.slice(1).map((l) => Number(l[1]))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 15]);
  expect(allRecords.filter((l) => l[3] === 'gültig')).toHaveLength(8);
});

test('UTF-16 text and an .xlsx picked together; a bad file afterwards keeps the results', async ({ page }) => {
  const xlsx = makeXlsx([
    ['Einrichtung', 'Ort', 'Telematik-ID'],
    ['Praxis Müller', 'Köln', '1-20014242424'],
    ['Klinikum', 'Bremen', '5-2-123456789-001'], // the seed's example IK fails its check digit: warning
    ['Apotheke', 'Görlitz', '3-02.3.42424242.10.250'],
    [null, null, null],
    ['Kasse', 'Berlin', 'O-01-0000000090'],
  ]);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'ids-utf16le.txt', mimeType: 'text/plain', buffer: fixture('ids-utf16le.txt') },
    { name: 'liste.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(xlsx) },
  ]);
  const cards = page.getByTestId('audit-file');
  await expect(cards.filter({ hasText: 'ids-utf16le.txt' }).getByTestId('file-format')).toContainText('UTF-16 LE');
  await expect(cards.filter({ hasText: 'liste.xlsx' }).getByTestId('file-format')).toContainText('Excel-Arbeitsmappe');
  // UTF-16: 5 valid, 7-abc warning, nicht-eine-id invalid. xlsx: 2 valid, 1 warning, 1 invalid.
  await expectCounts(page, { rows: 11, valid: 7, warning: 2, invalid: 2 });
  const xlsxRow = page.getByTestId('finding-row').filter({ hasText: 'O-01-0000000090' });
  await expect(xlsxRow.locator('.c-file')).toHaveText('liste.xlsx');
  await expect(xlsxRow.locator('.c-row')).toHaveText('6');
  await expect(page.getByTestId('finding-row').filter({ hasText: 'nicht-eine-id' }).locator('.c-row')).toHaveText('8');

  // A PNG and an empty file: each gets its own message; the results above stay.
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  await dropFiles(page, [{ name: 'scan.png', bytes: png, type: 'image/png' }, { name: 'leer.csv', bytes: new Uint8Array(0) }]);
  await expect(cards.filter({ hasText: 'scan.png' }).getByTestId('file-error')).toHaveAttribute('data-code', 'BINARY_FILE');
  await expect(cards.filter({ hasText: 'scan.png' }).getByTestId('file-error')).toContainText('„scan.png“ ist keine Textdatei');
  await expect(cards.filter({ hasText: 'leer.csv' }).getByTestId('file-error')).toContainText('„leer.csv“ ist leer');
  await expectCounts(page, { rows: 11, valid: 7, warning: 2, invalid: 2 });
  await expect(page.getByTestId('finding-row')).toHaveCount(4);
  await expect(page.getByTestId('stale-note')).toBeHidden();

  // No ID column: the user picks it and the file becomes auditable.
  const contacts = new TextEncoder().encode('Name;Kennung\nMüller;abc\nSchmidt;def\n');
  await dropFiles(page, [{ name: 'kontakte.csv', bytes: contacts }]);
  const contactCard = cards.filter({ hasText: 'kontakte.csv' });
  await expect(contactCard.getByTestId('file-error')).toHaveAttribute('data-code', 'NO_ID_COLUMN');
  await contactCard.getByTestId('override-column').selectOption('1');
  await expect(contactCard.getByTestId('file-format')).toContainText('von Ihnen gewählt');
  await contactCard.getByTestId('override-header').check();
  await expect(contactCard.getByTestId('file-format')).toContainText('ID-Spalte „Kennung“');
  await expect(page.getByTestId('stale-note')).toBeVisible();
  await page.getByTestId('run-audit').click();
  await expectCounts(page, { rows: 13, valid: 7, warning: 2, invalid: 4 });
});

test('single ID: validates while typing, explains the parts, applies a suggestion', async ({ page }) => {
  const input = page.getByLabel('Telematik-ID', { exact: true });
  await input.fill('1-10104242424242');
  await expect(page.getByTestId('single-verdict')).toHaveText('gültig');
  const parts = page.getByTestId('single-parts');
  await expect(parts).toContainText('Ärztekammerkennung');
  await expect(parts).toContainText('Ärztekammer Schleswig-Holstein');

  await input.fill('2-2.88.2.1.42424');
  await expect(page.getByTestId('single-verdict')).toHaveText('Warnung');
  await expect(page.getByTestId('single-reason')).toContainText('88');
  await expect(parts.locator('tr.faulty')).toContainText('88');

  await input.fill('1\u201320014242424');
  await expect(page.getByTestId('single-verdict')).toHaveText('ungültig');
  await page.getByTestId('single-apply').click();
  await expect(input).toHaveValue('1-20014242424');
  await expect(page.getByTestId('single-verdict')).toHaveText('gültig');
  await expect(input).toBeFocused();
});
