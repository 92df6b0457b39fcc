import { describe, it, expect } from 'vitest';
import { makeXlsx, zipStore } from '../../fixtures/id-lists/make-xlsx.ts';
import { sniffFile, readListRows, isListError, type ListRow } from '../../../src/domain/id-lists/index.ts';

async function allRowsOf(blob: Blob, name: string): Promise<ListRow[]> {
  const format = await sniffFile(blob, name);
  if (isListError(format)) throw new Error(format.error);
  const rows: ListRow[] = [];
  for await (const batch of readListRows(blob, format)) {
    if (isListError(batch)) throw new Error(batch.error);
    rows.push(...batch);
  }
  return rows;
}

/** The data rows (blank rows are handed on too, to be counted: see the first test). */
async function rowsOf(blob: Blob, name: string): Promise<ListRow[]> {
  return (await allRowsOf(blob, name)).filter((r) => !r.blank);
}

describe('xlsx lists (streamed reader)', () => {
  it('finds the Telematik-ID header in the third column; rows are spreadsheet rows; raw text kept', async () => {
    const bytes = makeXlsx([
      ['Einrichtung', 'Ort', 'Telematik-ID'],
      ['Praxis Müller', 'Köln', '1-10104242424242'],
      [null, null, null],
      ['Klinikum', 'Bremen', ' 5-2-109500969-001'],
      ['Zahlen', 'Essen', 42],
      ['Kasse', 'Berlin', '8-01-0000000090'],
    ], { rowNumbers: [2, 3, 4, 5, 6, 8] });
    const blob = new Blob([bytes]);
    const format = await sniffFile(blob, 'liste.xlsx');
    expect(format).toMatchObject({ kind: 'xlsx', hasHeader: true, idColumn: 2, idColumnSource: 'header', columns: ['Einrichtung', 'Ort', 'Telematik-ID'] });
    expect(await rowsOf(blob, 'liste.xlsx')).toEqual([
      { row: 3, field: '1-10104242424242', padded: false, cells: ['Praxis Müller', 'Köln', '1-10104242424242'] },
      { row: 5, field: ' 5-2-109500969-001', padded: true, cells: ['Klinikum', 'Bremen', ' 5-2-109500969-001'] },
      { row: 6, field: '42', padded: false, cells: ['Zahlen', 'Essen', '42'] },
      { row: 8, field: '8-01-0000000090', padded: false, cells: ['Kasse', 'Berlin', '8-01-0000000090'] },
    ]);
    // rows 1 and 7 are not in the sheet, row 4 has empty cells: all three are blank rows
    expect((await allRowsOf(blob, 'liste.xlsx')).filter((r) => r.blank).map((r) => r.row)).toEqual([1, 4, 7]);
  });

  it('finds the column by content without a header', async () => {
    const blob = new Blob([makeXlsx([['A', '1-10104242424242'], ['B', '2-2.02.2.1.42424'], ['C', 'kaputt']])]);
    const format = await sniffFile(blob, 'ohne-kopf.xlsx');
    expect(format).toMatchObject({ kind: 'xlsx', hasHeader: false, idColumn: 1, idColumnSource: 'content' });
    expect((await rowsOf(blob, 'ohne-kopf.xlsx')).map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('a ZIP that is not a workbook is XLSX_INVALID; one cut before its workbook part is XLSX_TRUNCATED', async () => {
    const notWorkbook = new Blob([zipStore({ 'readme.txt': 'hallo' })]);
    expect(await sniffFile(notWorkbook, 'x.xlsx')).toMatchObject({ error: 'XLSX_INVALID' });
    const truncated = new Blob([makeXlsx([['Telematik-ID'], ['1-10104242424242']]).subarray(0, 300)]);
    expect(await sniffFile(truncated, 'y.xlsx')).toMatchObject({ error: 'XLSX_TRUNCATED' });
  });

  it('a sheet without any ID-like column is NO_ID_COLUMN; an empty sheet is EMPTY_FILE', async () => {
    expect(await sniffFile(new Blob([makeXlsx([['Name', 'Ort'], ['Müller', 'Köln']])]), 'a.xlsx')).toEqual({ error: 'NO_ID_COLUMN' });
    expect(await sniffFile(new Blob([makeXlsx([])]), 'b.xlsx')).toEqual({ error: 'EMPTY_FILE' });
  });
});
