// Directory exports and a workbook with several sheets on the audit page in Chromium: detected by
// content, read in the page's workers (the .xlsx through DecompressionStream), counted like the CLI.
// Expected counts: the seed's formation-rule examples are valid, the broken variants invalid
// (test/fixtures/id-lists/SOURCES.md).
import { test, expect } from '@playwright/test';
import { onAuditPageWithoutErrors } from './audit-page.ts';
import { readFileSync } from 'node:fs';
import { workbook } from '../fixtures/id-lists/make-workbook.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/id-lists/${name}`, import.meta.url));

onAuditPageWithoutErrors();

test('FHIR Bundle, LDIF and an .xlsx whose IDs are on its second sheet', async ({ page }) => {
  const xlsx = workbook([
    { name: 'Deckblatt', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Prüfliste</t></is></c></row>' },
    { name: 'Praxen', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>4711</v></c></row>' },
  ], ['<t>Name</t>', '<t>Telematik-ID</t>', '<t>Praxis Müller</t>', '<t>1-20014242424</t>']);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'vzd-bundle.json', mimeType: 'application/fhir+json', buffer: fixture('vzd-bundle.json') },
    { name: 'vzd-export.ldif', mimeType: 'text/plain', buffer: fixture('vzd-export.ldif') },
    { name: 'blaetter.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await xlsx.arrayBuffer()) },
  ]);
  const cards = page.getByTestId('audit-file');
  await expect(cards.filter({ hasText: 'vzd-bundle.json' }).getByTestId('file-format')).toContainText('FHIR-Bundle, Telematik-IDs aus identifier');
  await expect(cards.filter({ hasText: 'vzd-export.ldif' }).getByTestId('file-format')).toContainText('LDIF, Attribut telematikID');
  await expect(cards.filter({ hasText: 'blaetter.xlsx' }).getByTestId('file-format')).toContainText('Excel-Arbeitsmappe');
  const results = page.getByTestId('audit-results');
  // 2 × (12 valid + 3 invalid) + the sheet "Praxen": 1 valid, 4711 invalid
  await expect(results.getByTestId('count-rows')).toHaveText('32');
  await expect(results.getByTestId('count-valid')).toHaveText('25');
  await expect(results.getByTestId('count-invalid')).toHaveText('7');
  const ldifRow = page.getByTestId('finding-row').filter({ hasText: '+1-20014242424' }).filter({ hasText: 'vzd-export.ldif' });
  await expect(ldifRow.locator('.c-row')).toHaveText(String(readFileSync(new URL('../fixtures/id-lists/vzd-export.ldif', import.meta.url), 'utf8').split('\n').findIndex((l) => l.startsWith('dn: uid=p15')) + 1));
  await expect(page.getByTestId('finding-row').filter({ hasText: '4711' }).locator('.c-row')).toHaveText('3');
});
