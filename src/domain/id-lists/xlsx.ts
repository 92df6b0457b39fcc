// .xlsx lists, streamed: the ZIP's central directory is read (zip.ts), the shared strings are loaded
// first, then the sheet's entry is inflated chunk by chunk (DecompressionStream) and tokenized as bytes
// (xml-bytes.ts). Memory is bounded by the shared strings, not by the sheet: a 1,048,576-row sheet is
// never a string or a DOM (read-excel-file built both and needed ~1 GB, then lost every row).
// Header and ID column: the same rules as CSV (chooseColumns). Without a chosen sheet, the first sheet
// with an ID column is taken.
import { chooseColumns, isListError } from './format.ts';
import { MAX_FIELD_LENGTH, type ListError, type ListFormat, type ListRow } from './types.ts';
import type { TextRangeOptions } from './rows.ts';
import { openZipEntry, readZipDirectory, ZipError, type ZipDirectory, type ZipEntry } from './zip.ts';
import { XmlByteTokenizer, attribute, attributeRange, decodeXmlText, type XmlHandler } from './xml-bytes.ts';

/** Records looked at to find header and ID column (as for CSV). */
const SNIFF_ROWS = 200;
/** Workbook, relationship parts: read whole, so capped. */
const MAX_SMALL_PART = 16 << 20;
/** A cell's text is kept up to this many bytes; a longer ID cell becomes a LINE_TOO_LONG row. */
const MAX_CELL_BYTES = MAX_FIELD_LENGTH * 3;

export interface SheetInfo { name: string; path: string }
interface Workbook { dir: ZipDirectory; sheets: SheetInfo[]; sharedStrings: ZipEntry | null }

/** One spreadsheet row: its number and its cells by column ('' for gaps). */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Columns whose text was longer than the cap (kept cut). */
  overflow?: number[];
}

class XlsxError extends Error {
  constructor(readonly code: 'XLSX_INVALID' | 'XLSX_TRUNCATED', message: string) { super(message); }
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

async function readSmallPart(blob: Blob, entry: ZipEntry): Promise<Uint8Array> {
  if (entry.uncompressedSize > MAX_SMALL_PART) throw new XlsxError('XLSX_INVALID', `${entry.name} is too large`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (await openZipEntry(blob, entry)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_SMALL_PART) { await reader.cancel(); throw new XlsxError('XLSX_INVALID', `${entry.name} is too large`); }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let p = 0;
  for (const c of chunks) { out.set(c, p); p += c.length; }
  return out;
}

/** Tags with their attributes (as strings) of a small part. */
async function tagsOf(blob: Blob, entry: ZipEntry, wanted: Set<string>): Promise<{ name: string; attrs: (n: string) => string | null }[]> {
  const bytes = await readSmallPart(blob, entry);
  const out: { name: string; attrs: (n: string) => string | null }[] = [];
  new XmlByteTokenizer({
    open(name, buf, s, e) {
      if (!wanted.has(name)) return;
      const copy = buf.slice(s, e);
      out.push({ name, attrs: (n) => attribute(copy, 0, copy.length, n) });
    },
    close() {},
    text() {},
  }).push(bytes);
  return out;
}

/** Relationship id → target path, for the part at `partPath`. */
async function relationships(blob: Blob, dir: ZipDirectory, partPath: string): Promise<Map<string, { type: string; path: string }>> {
  const slash = partPath.lastIndexOf('/');
  const relsPath = `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
  const entry = dir.entries.get(relsPath);
  const map = new Map<string, { type: string; path: string }>();
  if (!entry) return map;
  for (const t of await tagsOf(blob, entry, new Set(['Relationship']))) {
    const id = t.attrs('Id'), target = t.attrs('Target');
    if (id && target) map.set(id, { type: t.attrs('Type') ?? '', path: resolvePath(partPath, target) });
  }
  return map;
}

/** The workbook's sheets (in tab order) and its shared-strings part. */
export async function openWorkbook(blob: Blob): Promise<Workbook> {
  let dir: ZipDirectory;
  try {
    dir = await readZipDirectory(blob);
  } catch (e) {
    throw new XlsxError(e instanceof ZipError && e.truncated ? 'XLSX_TRUNCATED' : 'XLSX_INVALID', (e as Error).message);
  }
  const root = await relationships(blob, dir, '');
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = office?.path ?? 'xl/workbook.xml';
  const workbookEntry = dir.entries.get(workbookPath);
  if (!workbookEntry) {
    throw new XlsxError(dir.truncated ? 'XLSX_TRUNCATED' : 'XLSX_INVALID', dir.truncated ? 'the file ends before the workbook' : 'not a workbook (no xl/workbook.xml)');
  }
  const rels = await relationships(blob, dir, workbookPath);
  const sheets: SheetInfo[] = [];
  for (const t of await tagsOf(blob, workbookEntry, new Set(['sheet']))) {
    const rid = t.attrs('r:id') ?? t.attrs('relationships:id');
    const rel = rid ? rels.get(rid) : undefined;
    if (rel && rel.type.endsWith('/worksheet')) sheets.push({ name: t.attrs('name') ?? String(sheets.length + 1), path: rel.path });
  }
  if (sheets.length === 0) throw new XlsxError('XLSX_INVALID', 'the workbook has no worksheet');
  const ss = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'));
  return { dir, sheets, sharedStrings: ss ? dir.entries.get(ss.path) ?? null : null };
}

/** Text of every <si> (runs joined, phonetic runs left out); `keep` limits which indices are stored. */
async function readSharedStrings(
  blob: Blob, entry: ZipEntry, keep: Set<number> | null, onCompressed?: (n: number) => void,
): Promise<Map<number, string> | string[]> {
  const all: string[] = [];
  const some = new Map<number, string>();
  let index = -1, depthRPh = 0, capture = false;
  let parts: string[] = [];
  const text = new ByteCollector();
  const tokenizer = new XmlByteTokenizer({
    open(name) {
      if (name === 'si') { index++; parts = []; }
      else if (name === 'rPh') depthRPh++;
      else if (name === 't' && depthRPh === 0) { capture = true; text.reset(); }
    },
    close(name) {
      if (name === 't' && capture) { capture = false; parts.push(text.text()); }
      else if (name === 'rPh') depthRPh--;
      else if (name === 'si') {
        const s = unescapeXstring(parts.length === 1 ? parts[0]! : parts.join(''));
        if (keep) { if (keep.has(index)) some.set(index, s); } else all.push(s);
      }
    },
    text(buf, s, e) { if (capture) text.add(buf, s, e); },
  });
  const progress = entryProgress(entry, onCompressed);
  for await (const chunk of entryChunks(await openZipEntry(blob, entry), entry)) { tokenizer.push(chunk); progress.add(chunk.length); }
  progress.end();
  return keep ? some : all;
}

/** OOXML's `_xHHHH_` escapes (control characters in strings). */
function unescapeXstring(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** The chunks of an entry; a cut or damaged entry becomes an XlsxError. Stopping early cancels the read. */
async function* entryChunks(stream: ReadableStream<Uint8Array>, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        done = true;
        throw new XlsxError(entry.truncated ? 'XLSX_TRUNCATED' : 'XLSX_INVALID', `${entry.name}: ${(e as Error)?.message ?? e}`);
      }
      if (r.done) { done = true; break; }
      yield r.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (entry.truncated) throw new XlsxError('XLSX_TRUNCATED', `${entry.name}: the file ends inside this part`);
}

/**
 * Progress of one entry in compressed bytes, measured at the parser: the inflated bytes consumed so far
 * scaled to the entry's compressed size (the inflater reads ahead, so counting what it reads would run
 * ahead of the rows).
 */
function entryProgress(entry: ZipEntry, onCompressed?: (n: number) => void): { add(inflated: number): void; end(): void } {
  let inflated = 0, told = 0;
  const tell = (upTo: number) => { if (onCompressed && upTo > told) { onCompressed(upTo - told); told = upTo; } };
  return {
    add(n) {
      inflated += n;
      if (entry.uncompressedSize > 0) tell(Math.floor(entry.compressedSize * Math.min(1, inflated / entry.uncompressedSize)));
    },
    end() { tell(entry.compressedSize); },
  };
}

/** A growing byte buffer for one cell's text, capped. */
class ByteCollector {
  private buf = new Uint8Array(256);
  private length = 0;
  overflow = false;
  reset(): void { this.length = 0; this.overflow = false; }
  add(src: Uint8Array, s: number, e: number): void {
    let n = e - s;
    if (this.length + n > MAX_CELL_BYTES) { this.overflow = true; n = MAX_CELL_BYTES - this.length; if (n <= 0) return; }
    if (this.length + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      bigger.set(this.buf.subarray(0, this.length));
      this.buf = bigger;
    }
    this.buf.set(src.subarray(s, s + n), this.length);
    this.length += n;
  }
  text(): string { return decodeXmlText(this.buf, 0, this.length); }
  get empty(): boolean { return this.length === 0; }
}

/** Numbers as written, but Excel's exponent form of a whole number spelt out (1.2E+5 → 120000). */
export function numberText(v: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?[eE]\+?(\d+)$/.exec(v);
  if (!m) return v;
  const [, sign, int, frac = '', exp] = m;
  const shift = Number(exp);
  if (frac.length > shift || shift > 30) return v;
  return `${sign}${(int! + frac + '0'.repeat(shift - frac.length)).replace(/^0+(?=\d)/, '')}`;
}

function columnOf(buf: Uint8Array, s: number, e: number): number {
  let col = 0;
  for (let k = s; k < e; k++) {
    const c = buf[k]! | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col - 1;
}

function intOf(buf: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let k = s; k < e; k++) { const c = buf[k]! - 48; if (c < 0 || c > 9) return -1; n = n * 10 + c; }
  return e > s ? n : -1;
}

/** Turns sheet XML bytes into rows; `resolve` gives a shared string's text. */
class SheetHandler implements XmlHandler {
  rows: SheetRow[] = [];
  ended = false;
  private rowNumber = 0;
  private cells: string[] | null = null;
  private overflow: number[] | undefined;
  private col = -1;
  private nextCol = 0;
  private type = '';
  private inCell = false;
  private inIs = false;
  private depthRPh = 0;
  private capture = false;
  private parts: string[] = [];
  private readonly bytes = new ByteCollector();

  constructor(private readonly resolve: (index: number) => string) {}

  open(name: string, buf: Uint8Array, s: number, e: number): void {
    switch (name) {
      case 'row': {
        const r = attributeRange(buf, s, e, 'r');
        const n = r ? intOf(buf, r[0], r[1]) : -1;
        this.rowNumber = n > 0 ? n : this.rowNumber + 1;
        this.cells = [];
        this.overflow = undefined;
        this.nextCol = 0;
        break;
      }
      case 'c': {
        const r = attributeRange(buf, s, e, 'r');
        const c = r ? columnOf(buf, r[0], r[1]) : -1;
        this.col = c >= 0 ? c : this.nextCol;
        this.nextCol = this.col + 1;
        const t = attributeRange(buf, s, e, 't');
        this.type = t ? String.fromCharCode.apply(null, buf.subarray(t[0], t[1]) as unknown as number[]) : 'n';
        this.inCell = true;
        this.parts = [];
        this.bytes.reset();
        break;
      }
      case 'v': if (this.inCell) { this.capture = true; this.bytes.reset(); } break;
      case 'is': this.inIs = true; break;
      case 'rPh': this.depthRPh++; break;
      case 't': if (this.inIs && this.depthRPh === 0) { this.capture = true; this.bytes.reset(); } break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v': case 't':
        if (this.capture) {
          this.capture = false;
          if (this.bytes.overflow) (this.overflow ??= []).push(this.col);
          this.parts.push(this.bytes.text());
        }
        break;
      case 'is': this.inIs = false; break;
      case 'rPh': this.depthRPh--; break;
      case 'c': {
        this.inCell = false;
        if (!this.cells || this.parts.length === 0) break;
        const raw = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
        let value: string;
        switch (this.type) {
          case 's': {
            const index = Number(raw);
            if (!Number.isInteger(index) || index < 0) throw new XlsxError('XLSX_INVALID', `row ${this.rowNumber}: shared string "${raw.slice(0, 20)}"`);
            value = this.resolve(index);
            break;
          }
          case 'inlineStr': case 'str': value = unescapeXstring(raw); break;
          case 'b': value = raw === '1' ? 'TRUE' : 'FALSE'; break;
          case 'n': value = numberText(raw); break;
          default: value = raw; // e (error text), d (ISO date)
        }
        if (value !== '') this.cells[this.col] = value;
        break;
      }
      case 'row': {
        const cells = this.cells;
        if (!cells) break;
        for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = '';
        this.rows.push(this.overflow ? { row: this.rowNumber, cells, overflow: this.overflow } : { row: this.rowNumber, cells });
        this.cells = null;
        break;
      }
      case 'sheetData': this.ended = true; break;
    }
  }

  text(buf: Uint8Array, s: number, e: number): void {
    if (this.capture) this.bytes.add(buf, s, e);
  }

  get lastRow(): number { return this.rowNumber; }
}

/**
 * The rows of a sheet in batches (one per inflated chunk); leaving the loop early stops the read.
 * Throws XlsxError for a cut or damaged sheet after the rows before the damage were handed out.
 */
async function* sheetRows(blob: Blob, wb: Workbook, sheet: SheetInfo, resolve: (i: number) => string,
  onCompressed?: (n: number) => void): AsyncGenerator<SheetRow[]> {
  const entry = wb.dir.entries.get(sheet.path);
  if (!entry) throw new XlsxError(wb.dir.truncated ? 'XLSX_TRUNCATED' : 'XLSX_INVALID', `sheet "${sheet.name}" (${sheet.path}) is missing`);
  const handler = new SheetHandler(resolve);
  const tokenizer = new XmlByteTokenizer(handler);
  const flush = () => { const rows = handler.rows; handler.rows = []; return rows; };
  try {
    const progress = entryProgress(entry, onCompressed);
    for await (const chunk of entryChunks(await openZipEntry(blob, entry), entry)) {
      tokenizer.push(chunk);
      progress.add(chunk.length);
      if (handler.rows.length) yield flush();
    }
    progress.end();
  } catch (e) {
    if (handler.rows.length) yield flush(); // the rows completed before the damage
    throw e;
  }
  if (!handler.ended) throw new XlsxError(entry.truncated ? 'XLSX_TRUNCATED' : 'XLSX_INVALID', `sheet "${sheet.name}" ends inside row ${handler.lastRow + 1}`);
}

const LOST = '\u0000lost';
const isBlankRow = (cells: string[]) => cells.every((c) => c.trim() === '');

function toListError(e: unknown, rowsRead?: number): ListError {
  const code = e instanceof XlsxError ? e.code : 'XLSX_INVALID';
  const message = String((e as Error)?.message ?? e).slice(0, 300);
  return { error: code, detail: rowsRead === undefined ? message : `${message}; ${rowsRead} rows read` };
}

/** Which sheet the user asked for: a name, or a 1-based number given as text; a number is a 0-based index. */
function findSheet(sheets: SheetInfo[], wanted: number | string): number {
  if (typeof wanted === 'number') return wanted >= 0 && wanted < sheets.length ? wanted : -1;
  const byName = sheets.findIndex((s) => s.name === wanted);
  if (byName >= 0) return byName;
  const folded = sheets.findIndex((s) => s.name.toLowerCase() === wanted.trim().toLowerCase());
  if (folded >= 0) return folded;
  if (/^\d+$/.test(wanted.trim())) { const n = Number(wanted) - 1; return n < sheets.length ? n : -1; }
  return -1;
}

/**
 * The first non-blank rows of a sheet, shared strings resolved. Only the strings those rows use are
 * kept (the sheet's start is read first, then the strings are streamed), so sniffing stays small.
 */
async function sniffRows(blob: Blob, wb: Workbook, sheet: SheetInfo): Promise<string[][]> {
  const needed = new Set<number>();
  const MARK = '\u0000s';
  const records: string[][] = [];
  try {
    scan: for await (const rows of sheetRows(blob, wb, sheet, (i) => { needed.add(i); return MARK + i; })) {
      for (const r of rows) {
        if (!isBlankRow(r.cells)) records.push(r.cells);
        if (records.length >= SNIFF_ROWS) break scan;
      }
    }
  } catch (e) {
    // A cut sheet still shows its header and column; the read reports the damage with its row count.
    if (!(e instanceof XlsxError && e.code === 'XLSX_TRUNCATED' && records.length > 0)) throw e;
  }
  if (needed.size === 0) return records;
  if (!wb.sharedStrings && !wb.dir.truncated) throw new XlsxError('XLSX_INVALID', 'the shared strings are missing');
  // A cut file has lost them (Excel writes them last): detect from the other cells.
  const strings = wb.sharedStrings ? await readSharedStrings(blob, wb.sharedStrings, needed) as Map<number, string> : null;
  if (!strings) return records.map((cells) => cells.map((c) => (c.startsWith(MARK) ? '' : c)));
  return records.map((cells) => cells.map((c) => {
    if (!c.startsWith(MARK)) return c;
    const s = strings.get(Number(c.slice(MARK.length)));
    if (s === undefined) throw new XlsxError('XLSX_INVALID', `shared string ${c.slice(MARK.length)} is missing`);
    return s;
  }));
}

export interface XlsxOverrides { hasHeader?: boolean; idColumn?: number; sheet?: number | string }

/** Header and ID column of an .xlsx list; the sheet is the chosen one or the first with an ID column. */
export async function sniffXlsx(input: Blob | ArrayBuffer, overrides: XlsxOverrides = {}): Promise<ListFormat | ListError> {
  const blob = input instanceof Blob ? input : new Blob([input]);
  try {
    const wb = await openWorkbook(blob);
    const sheetNames = wb.sheets.map((s) => s.name);
    let candidates: number[];
    if (overrides.sheet !== undefined) {
      const index = findSheet(wb.sheets, overrides.sheet);
      if (index < 0) return { error: 'SHEET_NOT_FOUND', detail: `${String(overrides.sheet)} (${sheetNames.join(', ')})` };
      candidates = [index];
    } else candidates = wb.sheets.map((_, i) => i);
    let firstError: ListError | null = null;
    for (const index of candidates) {
      const records = await sniffRows(blob, wb, wb.sheets[index]!);
      const choice: ListError | ReturnType<typeof chooseColumns> = records.length === 0 ? { error: 'EMPTY_FILE' } : chooseColumns(records, overrides);
      if (isListError(choice)) {
        // An empty first sheet is no reason to stop; "no ID column" wins over "empty" in the report.
        if (!firstError || (firstError.error === 'EMPTY_FILE' && choice.error !== 'EMPTY_FILE')) firstError = choice;
        continue;
      }
      return { kind: 'xlsx', encoding: 'utf-8', bomLength: 0, delimiter: null, sheet: index, sheetNames, ...choice };
    }
    if (wb.dir.truncated && !wb.sharedStrings) return { error: 'XLSX_TRUNCATED', detail: 'the file ends early and its shared strings are lost; choose the ID column' };
    return firstError ?? { error: 'EMPTY_FILE' };
  } catch (e) {
    return toListError(e);
  }
}

/**
 * Every data row of the chosen sheet, row = spreadsheet row number, with the row's cells as context.
 * A cut or damaged file ends with a ListError that says how many rows were read; those rows count.
 * `onBytes` hears compressed bytes as they are read (the whole file's size in total, for progress).
 */
export async function* readXlsxRows(input: Blob | ArrayBuffer, format: ListFormat, options: Pick<TextRangeOptions, 'onBytes'> = {}, batch = 10_000): AsyncGenerator<ListRow[] | ListError> {
  const blob = input instanceof Blob ? input : new Blob([input]);
  let reported = 0;
  const onCompressed = options.onBytes ? (n: number) => { reported += n; options.onBytes!(n); } : undefined;
  let rowsRead = 0, lostRows = 0;
  let failure: ListError | null = null;
  let headerPending = format.hasHeader;
  let out: ListRow[] = [];
  try {
    const wb = await openWorkbook(blob);
    const sheet = wb.sheets[format.sheet ?? 0];
    if (!sheet) throw new XlsxError('XLSX_INVALID', `sheet ${(format.sheet ?? 0) + 1} does not exist`);
    let strings: string[] = [];
    if (wb.sharedStrings) strings = await readSharedStrings(blob, wb.sharedStrings, null, onCompressed) as string[];
    // A file cut inside the sheet has lost its shared strings (Excel writes them after the sheets):
    // rows whose ID was such a string are skipped and counted; the final error says how many.
    const lost = !wb.sharedStrings && wb.dir.truncated;
    const resolve = (i: number) => {
      const s = strings[i];
      if (s !== undefined) return s;
      if (lost) return LOST;
      throw new XlsxError('XLSX_INVALID', wb.sharedStrings ? `shared string ${i} does not exist` : 'the shared strings are missing');
    };
    // Rows the sheet leaves out are blank rows too (Excel shows them): one rule for every format.
    let nextRow = 1;
    for await (const rows of sheetRows(blob, wb, sheet, resolve, onCompressed)) {
      for (const r of rows) {
        for (; nextRow < r.row; nextRow++) {
          out.push({ row: nextRow, field: '', padded: false, blank: true });
          if (out.length >= batch) { yield out; out = []; }
        }
        nextRow = r.row + 1;
        // Blank rows are handed on (the audit skips and counts them).
        if (isBlankRow(r.cells)) { out.push({ row: r.row, field: '', padded: false, blank: true }); continue; }
        if (headerPending) { headerPending = false; continue; }
        if (lost && r.cells.includes(LOST)) {
          if (r.cells[format.idColumn] === LOST) { lostRows++; continue; }
          r.cells = r.cells.map((c) => (c === LOST ? '' : c));
        }
        rowsRead++;
        if (r.overflow?.includes(format.idColumn)) out.push({ row: r.row, field: '', padded: false, error: 'LINE_TOO_LONG', cells: r.cells });
        else {
          const field = r.cells[format.idColumn] ?? '';
          out.push({ row: r.row, field, padded: /^\s|\s$/.test(field), cells: r.cells });
        }
        if (out.length >= batch) { yield out; out = []; }
      }
    }
  } catch (e) {
    failure = toListError(e, rowsRead);
    if (lostRows) failure.detail += `; ${lostRows} rows skipped: their ID was in the lost shared strings`;
  }
  if (out.length) yield out;
  if (failure) yield failure;
  if (onCompressed && reported < blob.size) options.onBytes!(blob.size - reported);
}
