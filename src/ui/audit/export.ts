// Export of audit results as CSV (plain, or Excel-friendly: `;` and UTF-8 BOM), JSON and .xlsx
// (./export-xlsx.ts, its library loaded only when used). Every export starts with a header that names
// the formation rules' source and the export's date, and carries the source row's cells as columns.
// CSV and JSON rows are appended in batches and flushed into Blob parts, so exporting millions of rows
// never holds one giant string (browsers may keep large Blobs on disk).
export type ExportFormat = 'csv' | 'csv-excel' | 'json' | 'xlsx';

export interface ExportRow {
  file: string;
  row: number;
  id: string;
  verdict: string;
  reasonCode: string;
  reason: string;
  suggestion: string;
  /** The source row's cells, header → value (null for plain text lists). */
  cells?: Record<string, string> | null | undefined;
}

/** Column captions of CSV/xlsx exports, in the user's language; JSON uses the stable keys of ExportRow. */
export type ExportCaptions = Record<Exclude<keyof ExportRow, 'cells'>, string>;

/** What an export says about itself before the rows: caption → value lines (rule source, date …). */
export interface ExportHeader {
  /** Shown lines, in the user's language (CSV/xlsx). */
  lines: [string, string][];
  /** The same facts with stable keys (JSON). */
  data: Record<string, string | null>;
}

export const EXPORT_FIELDS: readonly Exclude<keyof ExportRow, 'cells'>[] = ['file', 'row', 'id', 'verdict', 'reasonCode', 'reason', 'suggestion'];
const FLUSH_CHARS = 4 << 20;

/** Quotes a CSV field when needed (RFC 4180). In Excel mode a cell that Excel would run as a
 *  formula (= + - @ at the start) is prefixed with ' (OWASP CSV injection advice). */
export function csvField(value: string, delimiter: string, excel: boolean): string {
  let v = value;
  if (excel && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  if (v.includes(delimiter) || /["\r\n]/.test(v) || /^\s|\s$/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** The table's captions: the fixed fields, then one column per source column. */
export function exportCaptions(captions: ExportCaptions, cellColumns: readonly string[]): string[] {
  return [...EXPORT_FIELDS.map((f) => captions[f]), ...cellColumns];
}

/** One row as the table's cells (fixed fields, then the chosen source cells; missing cells are ''). */
export function exportCells(r: ExportRow, cellColumns: readonly string[]): string[] {
  return [...EXPORT_FIELDS.map((f) => String(r[f])), ...cellColumns.map((c) => r.cells?.[c] ?? '')];
}

export interface ExportOptions {
  header: ExportHeader;
  /** Source columns to carry (CSV columns after the fixed ones; JSON carries each row's cells whole). */
  cellColumns: readonly string[];
}

export class ExportWriter {
  private parts: BlobPart[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private count = 0;
  private readonly delimiter: string;

  constructor(readonly format: Exclude<ExportFormat, 'xlsx'>, captions: ExportCaptions, private readonly options: ExportOptions) {
    this.delimiter = format === 'csv-excel' ? ';' : ',';
    if (format === 'json') this.push(`{"header":${JSON.stringify(options.header.data)},"rows":[`);
    else {
      if (format === 'csv-excel') this.push('\uFEFF');
      // the header lines, a blank line, then the table (spreadsheets show it as it reads)
      for (const [caption, value] of options.header.lines) this.push(this.line([caption, value], false));
      this.push('\r\n');
      this.push(this.line(exportCaptions(captions, options.cellColumns), false));
    }
  }

  get rows(): number { return this.count; }

  private line(cells: readonly string[], excel: boolean): string {
    return cells.map((c) => csvField(c, this.delimiter, excel)).join(this.delimiter) + '\r\n';
  }

  add(rows: readonly ExportRow[]): void {
    const excel = this.format === 'csv-excel';
    for (const r of rows) {
      if (this.format === 'json') {
        const { cells, ...fields } = r;
        this.push((this.count === 0 ? '\n' : ',\n') + JSON.stringify(cells ? { ...fields, cells } : fields));
      } else {
        this.push(this.line(exportCells(r, this.options.cellColumns), excel));
      }
      this.count++;
    }
  }

  finish(): Blob {
    if (this.format === 'json') this.push(this.count === 0 ? ']}\n' : '\n]}\n');
    this.flush();
    const type = this.format === 'json' ? 'application/json' : 'text/csv;charset=utf-8';
    return new Blob(this.parts, { type });
  }

  private push(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob([this.pending.join('')]));
    this.pending = [];
    this.pendingChars = 0;
  }
}

const EXTENSION: Record<ExportFormat, string> = { csv: 'csv', 'csv-excel': 'csv', json: 'json', xlsx: 'xlsx' };

export function exportFileName(kind: 'findings' | 'all' | 'duplicates', format: ExportFormat, when = new Date()): string {
  const stamp = when.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const name = kind === 'findings' ? 'befunde' : kind === 'all' ? 'ergebnisse' : 'duplikate';
  return `telematik-id-${name}-${stamp}.${EXTENSION[format]}`;
}

/** Offers a Blob as a download (object URL revoked after the click has been handled). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
