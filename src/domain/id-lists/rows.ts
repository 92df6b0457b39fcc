// One RFC 4180 reader for every delimited format (CSV, TSV, one ID per line), working on bytes:
// UTF-8 and Windows-1252 as they are (both keep ASCII, so delimiters, quotes and line breaks are
// single bytes), UTF-16 transcoded to UTF-8 first (decode.ts). It hands out each record's byte
// ranges, not strings, so the audit's hot path copies the ID bytes straight into the wasm scanner's
// input like plain text lines (range-audit.ts); IdRowReader turns them into ListRows where strings
// are wanted (tests, exports, the few rows shown).
// Why our own and not Papa Parse: Papa Parse works on decoded strings and builds every cell of every
// row; with the same validation behind it, 2M CSV rows cost 3.50 s CPU against 2.27 s with this
// reader (1.5×, bench/RESULTS.md, section csv), and it has no byte ranges that resume inside a
// quoted field, no record cap, no line numbers of records. JS, not wasm (yet): this reader alone
// runs at 200–300 MB/s per thread (3–5 ns a byte, 2M-row CSV, no sink work), while the findings'
// cells and the per-row copy cost as much again; a wasm/SIMD tokenizer is the next step if the
// reader's share (~19 % of the CSV profile) is to go.
// Bytes arrive in chunks cut anywhere; the current record's bytes are carried to the next chunk, so
// a record is always one contiguous range. Memory stays bounded: a record that reaches a line break
// (quoted or not) more than `maxFieldLength` bytes after its start becomes one LINE_TOO_LONG row and
// the reader starts again after that line break, wherever the chunks were cut.
import { createLineDecoder, createUtf8Transcoder, blobChunks } from './decode.ts';
import { MAX_FIELD_LENGTH, type ListFormat, type ListRow } from './types.ts';

const QUOTE = 34, LF = 10, CR = 13, SPACE = 32, TAB = 9;
const EMPTY = new Uint8Array(0);
const PADDED = /^\s|\s$/;

export interface RowReaderOptions {
  /** False when the text starts inside the file (a byte range after the first): no header, no BOM. */
  isFileStart?: boolean;
  /** Line number of the first line of the text (default 1). */
  firstLine?: number;
  /** Longest record kept, in bytes of UTF-8 (or Windows-1252) (default MAX_FIELD_LENGTH = 1 MiB). */
  maxFieldLength?: number;
  /** readTextRows/readListRows: called with the bytes of each chunk read (for progress bars). */
  onBytes?: (bytes: number) => void;
  /** Delimited text: each data row also carries its record's text (ListRow.record), for its cells. */
  keepRecords?: boolean;
}

/** Where DelimitedReader's records go, as byte ranges into `data` (valid only during the call). */
export interface RecordSink {
  /**
   * A record with content: its bytes data[start, end) (line break excluded) and its ID field as it
   * stands, data[idStart, idEnd) (idStart -1: the record has no such column); `idQuoted`: the field
   * starts with a quote (unquoteField gives its content).
   */
  record(line: number, data: Uint8Array, start: number, end: number, idStart: number, idEnd: number, idQuoted: boolean): void;
  /** Nothing but delimiters, spaces or tabs: skipped and counted (every format alike). */
  blank(line: number): void;
  /** A record longer than the cap (LINE_TOO_LONG). */
  tooLong(line: number): void;
}

/** The byte reader (see the header). Bytes handed to push() must not change afterwards. */
export class DelimitedReader {
  private readonly delimiter: number;
  private readonly idColumn: number;
  private readonly max: number;
  private readonly stripBom: boolean;
  private readonly firstLine: number;
  private headerPending: boolean;
  private bomPending: boolean;
  // the current record's bytes, from its start; offsets below are relative to it
  private carry: Uint8Array = EMPTY;
  private pos = 0;
  private recStart = 0;
  private recLine: number;
  private line: number;
  private fieldIndex = 0;
  private fieldStart = 0;
  private fieldQuoted = false;
  private inQuotes = false;
  private hasContent = false;
  private idStart = -1;
  private idEnd = -1;
  private idQuoted = false;
  private skipping = false; // after LINE_TOO_LONG: everything up to the next line break is dropped
  private lastByte = -1;
  /** 1 for the bytes that end an unquoted field (delimiter, CR, LF): one load per byte in the hot loop. */
  private readonly fieldStops = new Uint8Array(256);

  /** True when the text ended inside a quoted field (a broken quote, or a range cut inside a record). */
  unterminatedQuote = false;

  /** `utf8`: the bytes are UTF-8 (a leading BOM is skipped at the file start); else Windows-1252. */
  constructor(format: Pick<ListFormat, 'delimiter' | 'idColumn' | 'hasHeader'>, options: RowReaderOptions = {}, utf8 = true) {
    this.delimiter = format.delimiter === null ? -1 : format.delimiter.charCodeAt(0);
    this.idColumn = format.idColumn;
    this.max = options.maxFieldLength ?? MAX_FIELD_LENGTH;
    const fileStart = options.isFileStart ?? true;
    this.headerPending = fileStart && format.hasHeader;
    this.bomPending = fileStart && utf8;
    this.stripBom = utf8;
    this.fieldStops[LF] = this.fieldStops[CR] = 1;
    if (this.delimiter >= 0) this.fieldStops[this.delimiter] = 1;
    this.line = this.recLine = this.firstLine = options.firstLine ?? 1;
  }

  /** True while the header (the first record with content) has not come yet. */
  get headerAhead(): boolean { return this.headerPending; }

  /** Lines seen so far (the last line counts even without a final line break). */
  get lines(): number {
    return this.line - this.firstLine + (this.lastByte >= 0 && this.lastByte !== LF && this.lastByte !== CR ? 1 : 0);
  }

  push(bytes: Uint8Array, sink: RecordSink): void { this.scan(bytes, sink, false); }

  /** Ends the text: the last record (also one without a line break) goes to `sink`. */
  end(sink: RecordSink): void { this.scan(EMPTY, sink, true); }

  private scan(bytes: Uint8Array, sink: RecordSink, final: boolean): void {
    if (bytes.length) this.lastByte = bytes[bytes.length - 1]!;
    let data: Uint8Array;
    if (this.carry.length === 0) data = bytes;
    else if (bytes.length === 0) data = this.carry;
    else { data = new Uint8Array(this.carry.length + bytes.length); data.set(this.carry); data.set(bytes, this.carry.length); }
    const n = data.length;
    let i = this.pos;
    if (this.bomPending) {
      if (n < 3 && !final) { this.carry = data; return; }
      this.bomPending = false;
      if (n >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) { i = 3; this.recStart = this.fieldStart = 3; }
    }
    const d = this.delimiter, idColumn = this.idColumn, max = this.max, fieldStops = this.fieldStops;
    let recStart = this.recStart, recLine = this.recLine, line = this.line;
    let fieldIndex = this.fieldIndex, fieldStart = this.fieldStart, fieldQuoted = this.fieldQuoted;
    let inQuotes = this.inQuotes, hasContent = this.hasContent, skipping = this.skipping;
    let idStart = this.idStart, idEnd = this.idEnd, idQuoted = this.idQuoted;
    while (i < n) {
      if (skipping) {
        while (i < n) { const c = data[i]!; if (c === LF || c === CR) break; i++; }
        if (i === n) break;
        if (data[i] === CR) {
          if (i + 1 === n && !final) break; // an LF may follow in the next chunk
          i += data[i + 1] === LF ? 2 : 1;
        } else i++;
        line++;
        skipping = false;
        recStart = fieldStart = i; recLine = line; fieldIndex = 0;
        fieldQuoted = inQuotes = hasContent = idQuoted = false; idStart = idEnd = -1;
        continue;
      }
      if (inQuotes) {
        let c = 0;
        while (i < n) { c = data[i]!; if (c === QUOTE || c === LF || c === CR) break; i++; }
        if (i === n) break;
        if (c === QUOTE) {
          if (i + 1 === n && !final) break; // closing or doubled: the next byte tells
          if (data[i + 1] === QUOTE) { i += 2; continue; }
          inQuotes = false;
          i++;
          continue;
        }
        // A line break inside quotes: part of the field and a new line, unless the record is past the cap.
        if (i - recStart > max) { sink.tooLong(recLine); this.headerPending = false; skipping = true; continue; }
        if (c === CR) {
          if (i + 1 === n && !final) break;
          i += data[i + 1] === LF ? 2 : 1;
        } else i++;
        line++;
        continue;
      }
      let c = data[i]!;
      if (i === fieldStart && c === QUOTE && d !== -1) { inQuotes = fieldQuoted = hasContent = true; i++; continue; }
      const runStart = i;
      while (i < n && fieldStops[data[i]!] === 0) i++;
      if (i < n) c = data[i]!;
      if (!hasContent) {
        for (let k = runStart; k < i; k++) {
          const b = data[k]!;
          if (b !== SPACE && b !== TAB) { hasContent = true; break; }
        }
      }
      if (i === n) break;
      if (c === CR && i + 1 === n && !final) break; // CR or CRLF: the next chunk tells
      if (fieldIndex === idColumn) { idStart = fieldStart; idEnd = i; idQuoted = fieldQuoted; }
      i++;
      if (c === d) { fieldIndex++; fieldStart = i; fieldQuoted = false; continue; }
      // the record ends at the line break at i - 1
      this.endRecord(sink, data, recStart, i - 1, recLine, hasContent, idStart, idEnd, idQuoted);
      if (c === CR && data[i] === LF) i++;
      line++;
      recStart = fieldStart = i; recLine = line; fieldIndex = 0; fieldQuoted = hasContent = idQuoted = false; idStart = idEnd = -1;
    }
    if (final) {
      if (!skipping && recStart < n) {
        // the last record, without a line break
        if (inQuotes) { this.unterminatedQuote = true; inQuotes = false; }
        if (fieldIndex === idColumn) { idStart = fieldStart; idEnd = n; idQuoted = fieldQuoted; }
        this.endRecord(sink, data, recStart, n, recLine, hasContent, idStart, idEnd, idQuoted);
      }
      i = recStart = n;
      skipping = false;
    } else if (!skipping) {
      // Bounded memory: once no line break can end the record within the cap, it is too long now.
      const earliestBreak = i < n && data[i] === CR ? i : n;
      if (earliestBreak - recStart > max) { sink.tooLong(recLine); this.headerPending = false; skipping = true; }
    }
    const keep = skipping ? i : recStart;
    this.carry = keep < n ? data.subarray(keep) : EMPTY;
    this.pos = i - keep;
    if (!skipping) {
      this.recStart = 0;
      this.fieldStart = fieldStart - keep;
      this.idStart = idStart < 0 ? -1 : idStart - keep;
      this.idEnd = idEnd < 0 ? -1 : idEnd - keep;
    }
    this.recLine = recLine; this.line = line; this.fieldIndex = fieldIndex; this.fieldQuoted = fieldQuoted;
    this.inQuotes = inQuotes; this.hasContent = hasContent; this.skipping = skipping; this.idQuoted = idQuoted;
  }

  private endRecord(sink: RecordSink, data: Uint8Array, start: number, end: number, line: number, hasContent: boolean,
    idStart: number, idEnd: number, idQuoted: boolean): void {
    if (end - start > this.max) { sink.tooLong(line); this.headerPending = false; }
    else if (!hasContent) sink.blank(line);
    else if (this.headerPending) this.headerPending = false;
    else sink.record(line, data, start, end, idStart, idEnd, idQuoted);
  }
}

/**
 * The content of a field that starts with a quote (data[from] is `"`): doubled quotes become one,
 * text after the closing quote is kept, a quote never closed runs to the end. Returns a view when
 * the content is one piece of `data` (the usual `"…"`), else a copy.
 */
export function unquoteField(data: Uint8Array, from: number, to: number): Uint8Array {
  const q = data.indexOf(QUOTE, from + 1);
  if (q === to - 1 || q < 0 || q >= to) return data.subarray(from + 1, q === to - 1 ? to - 1 : to);
  const out = new Uint8Array(to - from);
  let n = 0, inQuotes = true;
  for (let i = from + 1; i < to; i++) {
    const c = data[i]!;
    if (inQuotes && c === QUOTE) {
      if (i + 1 < to && data[i + 1] === QUOTE) { out[n++] = QUOTE; i++; } else inQuotes = false;
      continue;
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Bytes → string in the reader's byte encoding; short ASCII without a decoder call. */
export function bytesDecoder(utf8: boolean): (bytes: Uint8Array) => string {
  const decoder = createLineDecoder(utf8 ? 'utf-8' : 'windows-1252');
  return (bytes) => {
    if (bytes.length <= 64) {
      let ascii = true;
      for (let k = 0; k < bytes.length; k++) if (bytes[k]! >= 0x80) { ascii = false; break; }
      if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
    }
    return decoder.decode(bytes);
  };
}

/** Collects the reader's records as ListRows (strings). */
class ListRowSink implements RecordSink {
  rows: ListRow[] = [];
  private readonly decode: (bytes: Uint8Array) => string;
  constructor(private readonly textMode: boolean, private readonly keepRecords: boolean, utf8: boolean) {
    this.decode = bytesDecoder(utf8);
  }
  record(line: number, data: Uint8Array, start: number, end: number, idStart: number, idEnd: number, idQuoted: boolean): void {
    let field = idStart < 0 ? '' : this.decode(idQuoted ? unquoteField(data, idStart, idEnd) : data.subarray(idStart, idEnd));
    if (this.textMode) field = unquoteLine(field);
    if (this.keepRecords) this.rows.push({ row: line, field, padded: PADDED.test(field), record: this.decode(data.subarray(start, end)) });
    else this.rows.push({ row: line, field, padded: PADDED.test(field) });
  }
  blank(line: number): void { this.rows.push({ row: line, field: '', padded: false, blank: true }); }
  tooLong(line: number): void { this.rows.push({ row: line, field: '', padded: false, error: 'LINE_TOO_LONG' }); }
  take(): ListRow[] { const rows = this.rows; this.rows = []; return rows; }
}

/**
 * The ID column of each record as ListRows, with the 1-based line the record starts on. Text
 * (push) is read as UTF-8; bytes (pushBytes) in `bytesEncoding` (UTF-8 or Windows-1252).
 */
export class IdRowReader {
  private readonly reader: DelimitedReader;
  private readonly sink: ListRowSink;
  private readonly encoder = new TextEncoder();
  private highSurrogate = '';

  constructor(format: Pick<ListFormat, 'delimiter' | 'idColumn' | 'hasHeader'>, options: RowReaderOptions = {}, bytesEncoding: 'utf-8' | 'windows-1252' = 'utf-8') {
    const utf8 = bytesEncoding === 'utf-8';
    this.reader = new DelimitedReader(format, options, utf8);
    this.sink = new ListRowSink(format.delimiter === null, !!options.keepRecords && format.delimiter !== null, utf8);
  }

  get unterminatedQuote(): boolean { return this.reader.unterminatedQuote; }
  get headerAhead(): boolean { return this.reader.headerAhead; }
  get lines(): number { return this.reader.lines; }

  /** Feeds the next piece of text; returns the rows completed by it. */
  push(text: string): ListRow[] {
    // a surrogate pair cut between two pieces is encoded once both halves are there
    let t = this.highSurrogate + text;
    this.highSurrogate = '';
    const last = t.charCodeAt(t.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) { this.highSurrogate = t.slice(-1); t = t.slice(0, -1); }
    return this.pushBytes(this.encoder.encode(t));
  }

  /** Feeds the next bytes; returns the rows completed by them. */
  pushBytes(bytes: Uint8Array): ListRow[] {
    this.reader.push(bytes, this.sink);
    return this.sink.take();
  }

  /** Ends the text; returns the last rows. */
  end(): ListRow[] {
    if (this.highSurrogate) { this.reader.push(this.encoder.encode(this.highSurrogate), this.sink); this.highSurrogate = ''; }
    this.reader.end(this.sink);
    return this.sink.take();
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
export function unquoteLine(line: string): string {
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

/** The encoding DelimitedReader reads a list's bytes in: UTF-16 is transcoded to UTF-8 (readerBytes). */
export function readerEncoding(format: Pick<ListFormat, 'encoding'>): 'utf-8' | 'windows-1252' {
  return format.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
}

/**
 * The bytes of [start, end) of a text list as DelimitedReader reads them (readerEncoding), chunk by
 * chunk; `raw` of each: how many file bytes it came from (progress). The BOM is skipped at 0.
 */
export async function* readerBytes(blob: Blob, format: Pick<ListFormat, 'encoding' | 'bomLength'>, start = 0, end = blob.size,
  chunkSize = 1 << 20): AsyncGenerator<{ bytes: Uint8Array; raw: number }> {
  const transcoder = format.encoding === 'utf-16le' || format.encoding === 'utf-16be' ? createUtf8Transcoder(format.encoding) : null;
  for await (const chunk of blobChunks(blob, start === 0 ? format.bomLength : start, end, chunkSize)) {
    yield { bytes: transcoder ? transcoder.push(chunk) : chunk, raw: chunk.length };
  }
  const rest = transcoder?.end();
  if (rest?.length) yield { bytes: rest, raw: 0 };
}

/** All rows of a text list (not xlsx), in batches, reading the Blob chunk by chunk. */
export async function* readTextRows(blob: Blob, format: ListFormat, options: TextRangeOptions = {}): AsyncGenerator<ListRow[]> {
  const start = options.start ?? 0;
  const reader = new IdRowReader(format, { ...options, isFileStart: start === 0 }, readerEncoding(format));
  for await (const { bytes, raw } of readerBytes(blob, format, start, options.end ?? blob.size)) {
    const rows = reader.pushBytes(bytes);
    if (raw) options.onBytes?.(raw);
    if (rows.length) yield rows;
  }
  const last = reader.end();
  options.onEnd?.({ lines: reader.lines, unterminatedQuote: reader.unterminatedQuote, headerAhead: reader.headerAhead });
  if (last.length) yield last;
}
