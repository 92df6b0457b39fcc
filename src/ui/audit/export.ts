// Export of audit results as CSV (plain, or Excel-friendly: `;` and UTF-8 BOM) and JSON. Rows are
// appended in batches and flushed into Blob parts, so exporting millions of rows never holds one
// giant string (browsers may keep large Blobs on disk).
export type ExportFormat = 'csv' | 'csv-excel' | 'json';

export interface ExportRow {
  file: string;
  row: number;
  id: string;
  verdict: string;
  reasonCode: string;
  reason: string;
  suggestion: string;
}

/** Column captions of CSV exports, in the user's language; JSON uses the stable keys of ExportRow. */
export type ExportCaptions = Record<keyof ExportRow, string>;

const FIELDS: (keyof ExportRow)[] = ['file', 'row', 'id', 'verdict', 'reasonCode', 'reason', 'suggestion'];
const FLUSH_CHARS = 4 << 20;

/** Quotes a CSV field when needed (RFC 4180). In Excel mode a cell that Excel would run as a
 *  formula (= + - @ at the start) is prefixed with ' (OWASP CSV injection advice). */
export function csvField(value: string, delimiter: string, excel: boolean): string {
  let v = value;
  if (excel && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  if (v.includes(delimiter) || /["\r\n]/.test(v) || /^\s|\s$/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

export class ExportWriter {
  private parts: BlobPart[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private count = 0;
  private readonly delimiter: string;

  constructor(readonly format: ExportFormat, captions: ExportCaptions) {
    this.delimiter = format === 'csv-excel' ? ';' : ',';
    if (format === 'json') this.push('[');
    else {
      if (format === 'csv-excel') this.push('\uFEFF');
      this.push(FIELDS.map((f) => csvField(captions[f], this.delimiter, false)).join(this.delimiter) + '\r\n');
    }
  }

  get rows(): number { return this.count; }

  add(rows: readonly ExportRow[]): void {
    const excel = this.format === 'csv-excel';
    for (const r of rows) {
      if (this.format === 'json') {
        this.push((this.count === 0 ? '\n' : ',\n') + JSON.stringify(r));
      } else {
        this.push(FIELDS.map((f) => csvField(String(r[f]), this.delimiter, excel)).join(this.delimiter) + '\r\n');
      }
      this.count++;
    }
  }

  finish(): Blob {
    if (this.format === 'json') this.push(this.count === 0 ? ']\n' : '\n]\n');
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

export function exportFileName(kind: 'findings' | 'all', format: ExportFormat, when = new Date()): string {
  const stamp = when.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `telematik-id-${kind === 'findings' ? 'befunde' : 'ergebnisse'}-${stamp}.${format === 'json' ? 'json' : 'csv'}`;
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
