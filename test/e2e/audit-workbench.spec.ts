// The auditor's workbench in Chromium: findings with their source cells through search, sort, the
// file filter and all three exports (the .xlsx read back with read-excel-file), the duplicates list
// against a brute-force count, per-file totals, the sheet picker, and the printed report (every
// finding on paper: the PDF's text counted with pdftotext).
// Oracle: the seed's example 1-10104242424242 is valid (seed 004, rule 1-1); every other ID here is
// built broken (no sector prefix, an en dash): invalid. Counts come from the generated data below.
import { test, expect, type Page } from '@playwright/test';
import { onAuditPageWithoutErrors } from './audit-page.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import Papa from 'papaparse';
import { workbook } from '../fixtures/id-lists/make-workbook.ts';

const VALID = '1-10104242424242';
const named: string[][] = [
  ['Praxis Müller', 'Köln', 'K-001', VALID],
  ['Praxis Schmidt', 'Bonn', 'K-002', 'abc'],
  ['Dr. Müller-Lüdenscheidt', 'Düsseldorf', 'K-003', '1\u201310104242424242'],
  ['Zahnarztpraxis Weber', 'Köln', 'K-004', 'abc'],
];
const generated = Array.from({ length: 45 }, (_, i) => [`Praxis Nr. ${i + 1}`, i % 2 ? 'Aachen' : 'Essen', `K-${101 + i}`, `kaputt-${String(i + 1).padStart(3, '0')}`]);
const csvRows = [...named, ...generated];
const CSV = `Name;Ort;Kundennummer;Telematik-ID\n${csvRows.map((r) => r.join(';')).join('\n')}\n`;
const txtIds = [VALID, 'abc', 'kaputt-001', VALID];
const TXT = `${txtIds.join('\n')}\n`;

interface Expected { file: string; row: number; id: string; cells: Record<string, string> | null }
// every row that is not the valid example is a finding; CSV rows start at line 2 (after the header)
const findings: Expected[] = [
  ...csvRows.flatMap((r, i) => (r[3] === VALID ? [] : [{ file: 'praxen.csv', row: i + 2, id: r[3]!, cells: { Name: r[0]!, Ort: r[1]!, Kundennummer: r[2]!, 'Telematik-ID': r[3]! } }])),
  ...txtIds.flatMap((id, i) => (id === VALID ? [] : [{ file: 'liste.txt', row: i + 1, id, cells: null }])),
];

onAuditPageWithoutErrors();

async function load(page: Page): Promise<void> {
  await page.getByTestId('file-input').setInputFiles([
    { name: 'praxen.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) },
    { name: 'liste.txt', mimeType: 'text/plain', buffer: Buffer.from(TXT) },
  ]);
  await expect(page.getByTestId('count-rows')).toHaveText(String(csvRows.length + txtIds.length));
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const chunks: Buffer[] = [];
  for await (const c of await dl.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const count = (page: Page) => page.getByTestId('findings-count');
const countText = (shown: number, total: number) => `${shown} von ${total} Befunden`;

test('findings carry their source cells through columns, search, file filter, sort and the three exports', async ({ page }) => {
  // the .xlsx library is a chunk of its own, fetched only for an .xlsx export
  const scripts: Promise<string>[] = [];
  page.on('response', (r) => { if (r.url().endsWith('.js')) scripts.push(r.text().catch(() => '')); });
  const excelLibraryLoaded = async () => (await Promise.all(scripts)).some((body) => body.includes('write-excel-file'));
  await load(page);
  // per-file totals, against the generated rows
  const perFile = page.getByTestId('per-file-row');
  await expect(perFile.filter({ hasText: 'praxen.csv' }).locator('[data-col="rows"]')).toHaveText(String(csvRows.length));
  await expect(perFile.filter({ hasText: 'praxen.csv' }).locator('[data-col="invalid"]')).toHaveText(String(findings.filter((f) => f.file === 'praxen.csv').length));
  await expect(perFile.filter({ hasText: 'liste.txt' }).locator('[data-col="invalid"]')).toHaveText(String(findings.filter((f) => f.file === 'liste.txt').length));
  // legend and the rules' source next to the counts
  await expect(page.getByTestId('verdict-legend')).toContainText('ungültig');
  await expect(page.getByTestId('rules-source')).toContainText('Bildungsregeln der Telematik-ID');
  await expect(page.getByTestId('rules-source')).toContainText('Datum: im Dokument nicht angegeben');

  await expect(count(page)).toHaveText(countText(findings.length, findings.length));
  // choose source columns: the rows show the practice's name and city
  const picker = page.getByTestId('column-picker');
  await picker.getByLabel('Name', { exact: true }).check();
  await picker.getByLabel('Ort', { exact: true }).check();
  const k3 = page.getByTestId('finding-row').filter({ hasText: 'K-003' });
  await expect(k3).toHaveCount(0); // Kundennummer is not shown …
  const dr = page.getByTestId('finding-row').filter({ hasText: 'Dr. Müller-Lüdenscheidt' });
  await expect(dr.locator('[data-column="Ort"]')).toHaveText('Düsseldorf'); // … Name and Ort are

  // search covers the cells: "müller" finds the invalid Müller row, not the valid one (no finding)
  await page.getByTestId('filter-search').fill('müller');
  const muellerFindings = findings.filter((f) => Object.values(f.cells ?? {}).some((v) => v.toLowerCase().includes('müller')) || f.id.toLowerCase().includes('müller'));
  await expect(count(page)).toHaveText(countText(muellerFindings.length, findings.length));
  // search for a cell that is not shown (customer number) finds it too
  await page.getByTestId('filter-search').fill('K-145');
  await expect(count(page)).toHaveText(countText(1, findings.length));
  await page.getByTestId('filter-search').fill('');
  await expect(count(page)).toHaveText(countText(findings.length, findings.length));

  // file filter
  await page.getByTestId('filter-file').selectOption({ label: 'liste.txt' });
  await expect(count(page)).toHaveText(countText(findings.filter((f) => f.file === 'liste.txt').length, findings.length));
  await page.getByTestId('filter-file').selectOption({ label: 'alle' });

  // sort by the Name cell: the first rows are what a collation sort of the expected findings gives
  const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
  const byName = findings.map((f, i) => ({ name: f.cells?.Name ?? '', i })).sort((a, b) => collator.compare(a.name, b.name) || a.i - b.i);
  await page.getByTestId('sort-cell:Name').click();
  const firstNames = () => page.getByTestId('finding-row').locator('[data-column="Name"]').allTextContents();
  await expect.poll(async () => (await firstNames()).slice(0, 5)).toEqual(byName.slice(0, 5).map((x) => x.name));
  await page.getByTestId('sort-cell:Name').click(); // descending
  const desc = [...byName].sort((a, b) => -collator.compare(a.name, b.name) || a.i - b.i);
  await expect.poll(async () => (await firstNames()).slice(0, 3)).toEqual(desc.slice(0, 3).map((x) => x.name));
  // sort by row number, descending: the largest row first
  await page.getByTestId('sort-row').click();
  await page.getByTestId('sort-row').click();
  await expect(page.getByTestId('finding-row').first().locator('.c-row')).toHaveText(String(Math.max(...findings.map((f) => f.row))));
  await expect(page.locator('[role="columnheader"][aria-sort="descending"]')).toHaveCount(1);

  // exports follow the view: search "müller", then all three formats carry the cells and the header
  await page.getByTestId('filter-search').fill('müller');
  await expect(count(page)).toHaveText(countText(muellerFindings.length, findings.length));
  const want = muellerFindings.map((f) => ({ file: f.file, row: f.row, id: f.id, Name: f.cells?.Name ?? '', Ort: f.cells?.Ort ?? '', Kundennummer: f.cells?.Kundennummer ?? '' }));
  const sortRows = <T extends { row: number; file: string }>(list: T[]) =>
    [...list].sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);

  await page.getByTestId('export-format').selectOption('csv');
  const csv = (await download(page, 'export-findings')).toString('utf8');
  const [head, table] = csv.split('\r\n\r\n') as [string, string];
  expect(head).toContain('Bildungsregeln,');
  expect(head).toContain('Datum der Regeln,im Dokument nicht angegeben');
  const lines = Papa.parse<string[]>(table.trim(), { delimiter: ',' }).data;
  expect(lines[0]).toEqual(['Datei', 'Zeile', 'Telematik-ID', 'Ergebnis', 'Grundcode', 'Grund', 'Vorschlag', 'Name', 'Ort', 'Kundennummer', 'Telematik-ID']);
  const col = (name: string) => lines[0]!.indexOf(name);
  expect(sortRows(lines.slice(1).map((l) => ({ file: l[0]!, row: Number(l[1]), id: l[2]!, Name: l[col('Name')]!, Ort: l[col('Ort')]!, Kundennummer: l[col('Kundennummer')]! })))).toEqual(sortRows(want));

  await page.getByTestId('export-format').selectOption('json');
  const json = JSON.parse((await download(page, 'export-findings')).toString('utf8')) as { header: Record<string, string | null>; rows: { file: string; row: number; id: string; cells?: Record<string, string> }[] };
  expect(json.header.rules).toContain('Bildungsregeln der Telematik-ID');
  expect(json.header.rulesDate).toBeNull();
  const exported = json.rows.map((r) => ({ file: r.file, row: r.row, id: r.id, cells: r.cells ?? null }));
  expect(sortRows(exported)).toEqual(sortRows(muellerFindings));

  expect(await excelLibraryLoaded()).toBe(false);
  await page.getByTestId('export-format').selectOption('xlsx');
  const xlsx = await download(page, 'export-findings');
  expect(await excelLibraryLoaded()).toBe(true);
  const sheet = await readSheet(xlsx);
  expect(String(sheet[0]![0])).toBe('Bildungsregeln');
  const headerAt = sheet.findIndex((r) => r[0] === 'Datei');
  const caps = sheet[headerAt]!.map(String);
  const xcol = (name: string) => caps.indexOf(name);
  const xrows = sheet.slice(headerAt + 1).map((r) => ({ file: String(r[0]), row: Number(r[1]), id: String(r[2]), Name: String(r[xcol('Name')] ?? ''), Ort: String(r[xcol('Ort')] ?? ''), Kundennummer: String(r[xcol('Kundennummer')] ?? '') }));
  expect(sortRows(xrows)).toEqual(sortRows(want));
  expect(typeof sheet[headerAt + 1]![1]).toBe('number'); // row numbers stay numbers
});

test('duplicates as a list match a brute-force count; filter and export', async ({ page }) => {
  await load(page);
  const all = [...csvRows.map((r, i) => ({ id: r[3]!, file: 'praxen.csv', row: i + 2 })), ...txtIds.map((id, i) => ({ id, file: 'liste.txt', row: i + 1 }))];
  const brute = new Map<string, { file: string; row: number }[]>();
  for (const r of all) brute.set(r.id, [...(brute.get(r.id) ?? []), { file: r.file, row: r.row }]);
  const repeated = [...brute].filter(([, places]) => places.length > 1);
  expect(repeated.length).toBeGreaterThan(1);
  // the audit's duplicate count: every occurrence after the first
  await expect(page.getByTestId('count-duplicates')).toHaveText(String(repeated.reduce((n, [, p]) => n + p.length - 1, 0)));

  await page.getByTestId('list-duplicates').click();
  const rows = page.getByTestId('duplicate-row');
  await expect(rows).toHaveCount(repeated.length);
  for (const [id, places] of repeated) {
    const row = rows.filter({ has: page.locator('th', { hasText: new RegExp(`^${id.replace(/[-–]/g, '.')}$`) }) });
    await expect(row.locator('[data-col="count"]')).toHaveText(String(places.length));
    await expect(row.locator('[data-col="places"]')).toHaveText(places.map((p) => `${p.file}:${p.row}`).join(', '));
  }
  await page.getByTestId('duplicates-filter').fill('liste');
  await expect(rows).toHaveCount(repeated.filter(([, p]) => p.some((x) => x.file === 'liste.txt')).length);
  await page.getByTestId('duplicates-filter').fill('');

  await page.getByTestId('export-format').selectOption('json');
  const json = JSON.parse((await download(page, 'export-duplicates')).toString('utf8')) as { header: { rules: string }; duplicates: { id: string; count: number; places: { file: string; row: number }[] }[] };
  expect(json.header.rules).toContain('Bildungsregeln');
  expect(new Map(json.duplicates.map((d) => [d.id, d.places]))).toEqual(new Map(repeated));
  expect(json.duplicates.every((d) => d.count === d.places.length)).toBe(true);

  await page.getByTestId('export-format').selectOption('xlsx');
  const sheet = await readSheet(await download(page, 'export-duplicates'));
  const headerAt = sheet.findIndex((r) => r[0] === 'Telematik-ID');
  const counts = new Map(sheet.slice(headerAt + 1).map((r) => [String(r[0]), Number(r[1])]));
  expect(counts).toEqual(new Map(repeated.map(([id, p]) => [id, p.length])));
});

test('sheet picker: the first sheet with IDs is chosen, another can be picked', async ({ page }) => {
  const xlsx = workbook([
    { name: 'Deckblatt', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Prüfliste</t></is></c></row>' },
    { name: 'Praxen', data: `<row r="1"><c r="A1" t="inlineStr"><is><t>Telematik-ID</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${VALID}</t></is></c></row>` },
    { name: 'Alt', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Telematik-ID</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>abc</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>kaputt</t></is></c></row>' },
  ]);
  await page.getByTestId('file-input').setInputFiles([{ name: 'mappe.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await xlsx.arrayBuffer()) }]);
  const sheetPicker = page.getByTestId('override-sheet');
  await expect(sheetPicker).toHaveValue('1');
  await expect(page.getByTestId('count-valid')).toHaveText('1');
  await sheetPicker.selectOption({ label: 'Alt' });
  await page.getByTestId('run-audit').click();
  await expect(page.getByTestId('count-invalid')).toHaveText('2');
  await expect(page.getByTestId('count-valid')).toHaveText('0');
  // a sheet without IDs says so, and the picker stays to go back
  await sheetPicker.selectOption({ label: 'Deckblatt' });
  await expect(page.getByTestId('file-error')).toHaveAttribute('data-code', 'NO_ID_COLUMN');
  await sheetPicker.selectOption({ label: 'Praxen' });
  await expect(page.getByTestId('file-format')).toBeVisible();
});

test('the printed report lists every finding, grouped by reason, with page numbers and date', async ({ page }) => {
  let pdftotext = true;
  try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); } catch { pdftotext = false; }
  test.skip(!pdftotext, 'pdftotext (poppler-utils) is not installed: apt-get install -y poppler-utils');
  await load(page);
  await page.evaluate(() => { window.print = () => undefined; });
  await page.getByTestId('print-report-button').click();
  await expect(page.getByTestId('print-coverage')).toHaveText(`Alle ${findings.length} Befunde sind aufgeführt.`);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const dir = mkdtempSync(join(tmpdir(), 'audit-print-'));
  writeFileSync(join(dir, 'report.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  // every finding's ID once on paper (the screen's virtual list would print only what is scrolled in)
  const printed = (id: string) => text.split(/\s+/).filter((w) => w === id).length;
  for (const id of new Set(findings.map((f) => f.id))) expect(printed(id), id).toBe(findings.filter((f) => f.id === id).length);
  const total = [...new Set(findings.map((f) => f.id))].reduce((n, id) => n + printed(id), 0);
  expect(total).toBe(findings.length);
  expect(findings.length).toBeGreaterThan(41);
  const pages = (text.match(/\f/g) ?? []).length + (text.endsWith('\f') ? 0 : 1);
  expect(pages).toBeGreaterThan(1);
  for (let n = 1; n <= pages; n++) expect(text).toMatch(new RegExp(`\\b${n}\\s*/\\s*${pages}\\b`));
  expect(text).toContain('Prüfbericht');
  expect(text).toContain('Befunde nach Grund');
  expect(text).toMatch(/Erstellt am \d{2}\.\d{2}\.\d{4}/);
  // the controls are not printed
  expect(text).not.toContain('Dateien auswählen');
});

test('screenshots of the workbench at 1280×800 and 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await load(page);
  await page.getByTestId('column-picker').getByLabel('Name', { exact: true }).check();
  await page.getByTestId('list-duplicates').click();
  await expect(page.getByTestId('duplicate-row').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('workbench-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('workbench-390.png'), fullPage: true });
  await page.locator('.audit-findings').screenshot({ path: test.info().outputPath('findings-390.png') });
  await page.locator('.audit-duplicates').screenshot({ path: test.info().outputPath('duplicates-390.png') });
  // nothing wider than the phone's screen on the page itself (tables scroll inside their box)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
