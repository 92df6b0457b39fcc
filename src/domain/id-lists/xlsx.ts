// .xlsx lists through read-excel-file (a well-kept reader), loaded only when an .xlsx arrives.
// The package has one entry per environment: `node` for the CLI, `browser` for the page (it parses
// in its own worker), `web-worker` inside our workers. Header and ID column: same rules as CSV.
import { chooseColumns, isListError } from './format.ts';
import type { ListError, ListFormat, ListRow } from './types.ts';

type Cell = string | number | boolean | Date | null | object;
interface ReadExcelFile {
  readSheet(input: Blob | ArrayBuffer, sheet?: number, options?: { trim?: boolean; parseNumber?: (s: string) => unknown }): Promise<Cell[][]>;
}

// Kept in a variable so bundlers leave the Node-only entry out of the browser build.
const NODE_ENTRY = 'read-excel-file/node';

let library: Promise<ReadExcelFile> | null = null;

/** Loads the environment's entry of read-excel-file once. */
export function loadReadExcelFile(): Promise<ReadExcelFile> {
  if (!library) {
    const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';
    if (isNode) library = import(/* @vite-ignore */ NODE_ENTRY) as Promise<ReadExcelFile>;
    else if (typeof document === 'undefined') library = import('read-excel-file/web-worker') as unknown as Promise<ReadExcelFile>;
    else library = import('read-excel-file/browser') as unknown as Promise<ReadExcelFile>;
  }
  return library;
}

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

/** All rows of a sheet as text (spreadsheet row i+1 = index i); empty trailing rows dropped. */
export async function readXlsxSheet(input: Blob | ArrayBuffer, sheet = 0): Promise<string[][] | ListError> {
  const lib = await loadReadExcelFile();
  try {
    // Raw cell text: numbers as written, spaces kept (the validator reports stray spaces).
    const data = await lib.readSheet(input, sheet + 1, { trim: false, parseNumber: (s) => s });
    return data.map((row) => row.map(cellText));
  } catch (e) {
    const name = (e as Error)?.name ?? '';
    const detail = (e as Error)?.message?.slice(0, 200);
    if (name === 'SheetNotFoundError') return { error: 'XLSX_INVALID', detail: `sheet ${sheet + 1}` };
    return { error: 'XLSX_INVALID', ...(detail ? { detail } : {}) };
  }
}

const isBlankRow = (row: string[]) => row.every((c) => c.trim() === '');

/** Header and ID column of an .xlsx list (the whole first sheet is read; spreadsheets are small). */
export async function sniffXlsx(input: Blob | ArrayBuffer, overrides: { hasHeader?: boolean; idColumn?: number; sheet?: number } = {}): Promise<ListFormat | ListError> {
  const sheet = overrides.sheet ?? 0;
  const rows = await readXlsxSheet(input, sheet);
  if (isListError(rows)) return rows;
  const records = rows.filter((r) => !isBlankRow(r)).slice(0, 200);
  if (records.length === 0) return { error: 'EMPTY_FILE' };
  const choice = chooseColumns(records, overrides);
  if (isListError(choice)) return choice;
  return { kind: 'xlsx', encoding: 'utf-8', bomLength: 0, delimiter: null, sheet, ...choice };
}

/** The ID column of every data row, row = spreadsheet row number. */
export async function* readXlsxRows(input: Blob | ArrayBuffer, format: ListFormat, batch = 10_000): AsyncGenerator<ListRow[] | ListError> {
  const rows = await readXlsxSheet(input, format.sheet ?? 0);
  if (isListError(rows)) { yield rows; return; }
  let headerPending = format.hasHeader;
  let out: ListRow[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (isBlankRow(row)) { out.push({ row: r + 1, field: '', padded: false, blank: true }); continue; }
    if (headerPending) { headerPending = false; continue; }
    const field = row[format.idColumn] ?? '';
    out.push({ row: r + 1, field, padded: /^\s|\s$/.test(field), cells: row });
    if (out.length >= batch) { yield out; out = []; }
  }
  if (out.length) yield out;
}
