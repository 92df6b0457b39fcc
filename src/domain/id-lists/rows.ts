// Streaming RFC 4180 reader that yields only the ID column of each record, with the 1-based line
// the record starts on. Text arrives in chunks cut anywhere (inside quotes, between CR and LF);
// memory stays bounded: a field or line longer than MAX_FIELD_LENGTH becomes a LINE_TOO_LONG row
// and the reader resynchronises at the next line break.
import { decodeBlob } from './decode.ts';
import { MAX_FIELD_LENGTH, type ListFormat, type ListRow } from './types.ts';

export interface RowReaderOptions {
  /** False when the text starts inside the file (a byte range after the first): no header, no BOM. */
  isFileStart?: boolean;
  /** Line number of the first line of the text (default 1). */
  firstLine?: number;
  /** Longest field or record kept, in characters (default MAX_FIELD_LENGTH = 1 MiB). */
  maxFieldLength?: number;
  /** readTextRows/readListRows: called with the bytes of each chunk read (for progress bars). */
  onBytes?: (bytes: number) => void;
  /** Delimited text: each data row also carries its record's text (ListRow.record), for its cells. */
  keepRecords?: boolean;
}

const QUOTE = 34, LF = 10, CR = 13;
const PADDED = /^\s|\s$/;

export class IdRowReader {
  private readonly delimiter: number;
  private readonly idColumn: number;
  private readonly max: number;
  private headerPending: boolean;
  private bomPending: boolean;

  private line: number;
  private recordLine: number;
  private fieldIndex = 0;
  private inQuotes = false;
  private quotePending = false; // saw `"` inside quotes at a chunk end: closing or doubled?
  private atFieldStart = true;
  private pendingCR = false;
  private crInQuotes = false;
  private recordHasContent = false;
  private base = 0; // characters pushed before the current text
  private recordStart = 0; // absolute character index where the current record began
  private midLine = false; // the text so far does not end with a line break
  private skipping = false; // after LINE_TOO_LONG: ignore everything up to the next line break
  private parts: string[] = [];
  private idLength = 0;
  private out: ListRow[] = [];
  private readonly keepRecords: boolean;
  /** The current record's text from earlier chunks (keepRecords). */
  private recordCarry = '';

  /** True when the text ended inside a quoted field (a broken quote, or a range cut inside a record). */
  unterminatedQuote = false;

  /** True while the header (the first record with content) has not come yet. */
  get headerAhead(): boolean {
    return this.headerPending;
  }

  constructor(format: Pick<ListFormat, 'delimiter' | 'idColumn' | 'hasHeader'>, options: RowReaderOptions = {}) {
    this.delimiter = format.delimiter === null ? -1 : format.delimiter.charCodeAt(0);
    this.idColumn = format.idColumn;
    this.max = options.maxFieldLength ?? MAX_FIELD_LENGTH;
    const fileStart = options.isFileStart ?? true;
    this.headerPending = fileStart && format.hasHeader;
    this.bomPending = fileStart;
    this.line = this.firstLine = options.firstLine ?? 1;
    this.recordLine = this.line;
    this.keepRecords = !!options.keepRecords && format.delimiter !== null;
  }

  /** Lines seen so far (the last line counts even without a final line break). */
  get lines(): number {
    return this.line - this.firstLine + (this.midLine ? 1 : 0);
  }
  private readonly firstLine: number;

  /** Feeds the next piece of text; returns the rows completed by it. */
  push(text: string): ListRow[] {
    let i = 0;
    const n = text.length;
    if (this.bomPending && n > 0) {
      this.bomPending = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.pendingCR && i < n) {
      this.pendingCR = false;
      // the LF of a CRLF cut after the CR: part of the line break, not of the record that follows
      if (text.charCodeAt(i) === LF) { i++; this.recordStart++; }
    }
    const d = this.delimiter;
    const collecting = () => this.fieldIndex === this.idColumn;
    let segStart = collecting() && !this.skipping ? i : -1;
    if (this.crInQuotes) {
      // The LF of a CRLF cut after the CR inside quotes: part of the field, but no new line.
      this.crInQuotes = false;
      if (i < n && text.charCodeAt(i) === LF && this.inQuotes && !this.quotePending) i++;
    }

    while (i < n) {
      if (this.skipping) {
        // Look only for the next line break; quotes no longer count.
        let j = i;
        while (j < n) { const c = text.charCodeAt(j); if (c === LF || c === CR) break; j++; }
        if (j === n) break;
        i = this.lineBreak(text, j);
        this.skipping = false;
        this.startRecord(i);
        segStart = collecting() ? i : -1;
        continue;
      }
      // Fast runs: plain characters inside a field need no state change.
      if (!this.quotePending && !this.atFieldStart && this.recordHasContent) {
        if (this.inQuotes) {
          while (i < n) { const c = text.charCodeAt(i); if (c === QUOTE || c === LF || c === CR) break; i++; }
        } else {
          while (i < n) { const c = text.charCodeAt(i); if (c === d || c === LF || c === CR) break; i++; }
        }
        if (i === n) break;
      }
      const c = text.charCodeAt(i);
      if (this.quotePending) {
        this.quotePending = false;
        if (c === QUOTE) { // doubled quote: keep one
          if (collecting()) segStart = i;
          i++;
          continue;
        }
        this.inQuotes = false; // it was the closing quote; fall through to handle c unquoted
        if (collecting()) segStart = i;
      }
      if (this.inQuotes) {
        if (c === QUOTE) {
          if (segStart >= 0) this.take(text, segStart, i);
          segStart = -1;
          this.quotePending = true;
          i++;
          continue;
        }
        if (c === LF || c === CR) {
          // Past the cap: this line break ends the record (the skipping branch takes it), so where the
          // reader starts again does not depend on where the text was cut into chunks or ranges.
          if (this.base + i - this.recordStart > this.max) { this.tooLong(); continue; }
          // A line break inside quotes: part of the field, but it still counts as a line.
          if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
          else if (c === CR && i + 1 === n) { i++; this.pendingCRInQuotes(text, segStart, i); segStart = -1; continue; }
          this.line++;
        }
        i++;
        continue;
      }
      if (c === d) {
        if (segStart >= 0) this.take(text, segStart, i);
        this.endField();
        i++;
        segStart = collecting() ? i : -1;
        continue;
      }
      if (c === LF || c === CR) {
        if (segStart >= 0) this.take(text, segStart, i);
        this.endField();
        if (this.base + i - this.recordStart > this.max) this.tooLong();
        this.endRecord(false, text, i);
        i = this.lineBreak(text, i);
        this.startRecord(i);
        segStart = collecting() ? i : -1;
        continue;
      }
      if (c === QUOTE && this.atFieldStart && d !== -1) {
        this.inQuotes = true;
        this.atFieldStart = false;
        this.recordHasContent = true;
        if (collecting()) segStart = i + 1;
        i++;
        continue;
      }
      if (this.atFieldStart) this.atFieldStart = false;
      if (!this.recordHasContent && c !== 32 && c !== 9) this.recordHasContent = true;
      i++;
    }
    if (segStart >= 0 && segStart < n && !this.skipping) this.take(text, segStart, n);
    // Other fields are not kept, but an endless record (e.g. a quote never closed) must end somewhere.
    // Not between the CR and LF of a line break in quotes: that break was measured at its CR.
    if (!this.skipping && !this.crInQuotes && this.base + n - this.recordStart > this.max) this.tooLong();
    if (n > 0) {
      const last = text.charCodeAt(n - 1);
      this.midLine = last !== LF && last !== CR;
    }
    if (this.keepRecords && !this.skipping) {
      // the record goes on in the next chunk: keep what it has so far
      const from = this.recordStart - this.base;
      this.recordCarry = from >= 0 ? text.slice(from) : this.recordCarry + text;
    }
    this.base += n;
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Ends the text; returns the last rows. */
  end(): ListRow[] {
    if (this.quotePending) { this.quotePending = false; this.inQuotes = false; }
    if (this.inQuotes) { this.unterminatedQuote = true; this.inQuotes = false; }
    if (!this.skipping) this.endField();
    // text that ends with a line break has no last record (a blank one would be counted otherwise)
    this.endRecord(!this.midLine);
    const out = this.out;
    this.out = [];
    return out;
  }

  // A CR as the last character of a chunk inside quotes: the LF (if any) comes with the next chunk.
  private pendingCRInQuotes(text: string, segStart: number, end: number): void {
    if (segStart >= 0) this.take(text, segStart, end);
    this.line++;
    this.crInQuotes = true;
  }

  /** Consumes the line break at `i` (CR, LF or CRLF, CRLF possibly split across chunks); returns the next index. */
  private lineBreak(text: string, i: number): number {
    this.line++;
    if (text.charCodeAt(i) === CR) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      this.pendingCR = true;
    }
    return i + 1;
  }

  private take(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.idLength += to - from;
    if (this.idLength > this.max) { this.tooLong(); return; }
    this.parts.push(text.slice(from, to));
    for (let k = from; k < to && !this.recordHasContent; k++) {
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 9 && c !== LF && c !== CR) this.recordHasContent = true;
    }
  }

  private tooLong(): void {
    if (this.skipping) return;
    this.out.push({ row: this.recordLine, field: '', padded: false, error: 'LINE_TOO_LONG' });
    this.headerPending = false;
    this.parts = [];
    this.idLength = 0;
    this.skipping = true;
    this.inQuotes = false;
    this.quotePending = false;
  }

  private endField(): void {
    this.fieldIndex++;
    this.atFieldStart = true;
  }

  /** Ends the record; `text` and `end`: the chunk it ends in and where (for its text, keepRecords). */
  private endRecord(afterLastLine = false, text = '', end = 0): void {
    if (this.skipping) { this.skipping = false; return; } // its LINE_TOO_LONG row is out already
    if (!this.recordHasContent) {
      // nothing but delimiters, spaces or tabs: a blank row, skipped and counted (every format alike)
      if (!afterLastLine) this.out.push({ row: this.recordLine, field: '', padded: false, blank: true });
    } else {
      if (this.headerPending) this.headerPending = false;
      else {
        let field = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
        if (this.delimiter === -1) field = unquoteLine(field);
        if (this.keepRecords) {
          const from = this.recordStart - this.base;
          const record = from >= 0 ? text.slice(from, end) : this.recordCarry + text.slice(0, end);
          this.out.push({ row: this.recordLine, field, padded: PADDED.test(field), record });
        } else {
          this.out.push({ row: this.recordLine, field, padded: PADDED.test(field) });
        }
      }
    }
  }

  private startRecord(at: number): void {
    // A record starts outside quotes, also after a too-long one cut at a quote.
    this.inQuotes = false;
    this.quotePending = false;
    this.recordStart = this.base + at;
    this.recordLine = this.line;
    this.fieldIndex = 0;
    this.atFieldStart = true;
    this.recordHasContent = false;
    this.parts = [];
    this.idLength = 0;
    this.recordCarry = '';
  }
}

/**
 * The cells of one record's text (RFC 4180: quoted fields, doubled quotes, delimiters and line
 * breaks inside quotes). Used for the few rows that are shown, not on the hot path.
 */
export function splitRecord(record: string, delimiter: string): string[] {
  const d = delimiter.charCodeAt(0);
  const cells: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    let cell = '';
    if (record.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q < 0) { cell += record.slice(i); i = n; break; }
        cell += record.slice(i, q);
        if (record.charCodeAt(q + 1) === QUOTE) { cell += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      // text after the closing quote up to the delimiter belongs to the cell (as the reader keeps it)
      let j = i;
      while (j < n && record.charCodeAt(j) !== d) j++;
      cell += record.slice(i, j);
      i = j;
    } else {
      let j = i;
      while (j < n && record.charCodeAt(j) !== d) j++;
      cell = record.slice(i, j);
      i = j;
    }
    cells.push(cell);
    if (i >= n) break;
    i++; // the delimiter
    if (i === n) { cells.push(''); break; }
  }
  return cells;
}

/** In one-ID-per-line text, a line wrapped in quotes ("…") is unwrapped; anything else stays as is. */
function unquoteLine(line: string): string {
  const t = line.trim();
  if (t.length >= 2 && t.charCodeAt(0) === QUOTE && t.charCodeAt(t.length - 1) === QUOTE) {
    const inner = t.slice(1, -1);
    if (!/"(?!")/.test(inner.replace(/""/g, ''))) return inner.replace(/""/g, '"');
  }
  return line;
}

export interface RangeEnd {
  lines: number;
  /** It ended inside a quoted field. */
  unterminatedQuote: boolean;
  /** It ended before the header: only blank lines so far. */
  headerAhead: boolean;
}

export interface TextRangeOptions extends RowReaderOptions {
  /** Byte range to read; it must start on a line start (alignRange). 0 means the file start (BOM, header). */
  start?: number;
  end?: number;
  /** Called once the range is read: its lines (the next range's row base) and the state it ended in. */
  onEnd?: (end: RangeEnd) => void;
}

/** All rows of a text list (not xlsx), in batches, decoding the Blob chunk by chunk. */
export async function* readTextRows(blob: Blob, format: ListFormat, options: TextRangeOptions = {}): AsyncGenerator<ListRow[]> {
  const start = options.start ?? 0;
  const reader = new IdRowReader(format, { ...options, isFileStart: start === 0 });
  const chunkSize = 1 << 20;
  const end = options.end ?? blob.size;
  let done = start === 0 ? format.bomLength : start;
  for await (const text of decodeBlob(blob, format, start, end, chunkSize)) {
    const rows = reader.push(text);
    if (options.onBytes) { const step = Math.min(chunkSize, end - done); done += step; options.onBytes(step); }
    if (rows.length) yield rows;
  }
  const last = reader.end();
  options.onEnd?.({ lines: reader.lines, unterminatedQuote: reader.unterminatedQuote, headerAhead: reader.headerAhead });
  if (last.length) yield last;
}
