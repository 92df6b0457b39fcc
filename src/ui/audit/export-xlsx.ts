// .xlsx exports through write-excel-file, imported dynamically: its code is a separate chunk that is
// fetched only when someone exports to Excel. The sheet starts with the export header (rule source,
// date), a blank row, then the table. A sheet holds at most 1,048,576 rows (Excel's limit): rows past
// that are left out, and the caller is told how many were written.
import type { ExportHeader } from './export.ts';

export const XLSX_MAX_ROWS = 1_048_576;

export interface XlsxTable {
  header: ExportHeader;
  captions: readonly string[];
  /** Data rows (numbers stay numbers, e.g. row numbers and counts). */
  rows: Iterable<readonly (string | number)[]>;
  sheetName: string;
}

export async function writeXlsx(table: XlsxTable): Promise<{ blob: Blob; written: number; left: number }> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  type Cell = { value: string | number; fontWeight?: 'bold' } | null;
  const data: Cell[][] = [];
  for (const [caption, value] of table.header.lines) data.push([{ value: caption, fontWeight: 'bold' }, { value }]);
  data.push([null]);
  data.push(table.captions.map((c) => ({ value: c, fontWeight: 'bold' as const })));
  const room = XLSX_MAX_ROWS - data.length;
  let written = 0, left = 0;
  for (const row of table.rows) {
    if (written >= room) { left++; continue; }
    // an empty string is written as an empty cell (null), as Excel itself would store it
    data.push(row.map((v) => (v === '' ? null : { value: v })));
    written++;
  }
  const width = Math.max(...data.map((r) => r.length));
  const blob = await writeXlsxFile(data, {
    sheet: table.sheetName.slice(0, 31),
    columns: Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 28 : 18 })),
  }).toBlob();
  return { blob, written, left };
}
