// Detects how a list of Telematik-IDs is laid out from its first bytes: encoding, binary or empty,
// delimiter, header and the column holding the IDs. The user can override every choice; the
// overrides go through the same function so that the column captions follow.
import { decodeAll } from './decode.ts';
import type { ListError, ListFormat, TextEncodingName } from './types.ts';
import { FHIR_COLUMNS, looksLikeFhir } from './fhir.ts';
import { LDIF_COLUMNS, looksLikeLdif } from './ldif.ts';

/** How many bytes of a file the sniffer looks at. */
export const SNIFF_BYTES = 64 * 1024;
/** How many records of the sample are used for delimiter, header and column detection. */
const SNIFF_RECORDS = 200;

export type Delimiter = NonNullable<ListFormat['delimiter']>;
export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];

export interface FormatOverrides {
  encoding?: TextEncodingName;
  /** null: one ID per line (no columns). */
  delimiter?: Delimiter | null;
  hasHeader?: boolean;
  /** 0-based column. */
  idColumn?: number;
}

function isError(x: unknown): x is ListError {
  return typeof x === 'object' && x !== null && 'error' in x;
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const startsWith = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);

/** Well-known binary formats, recognised by their first bytes. */
const BINARY_MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // MZ (exe)
];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // old .xls/.doc

/** Encoding and BOM from the first bytes; null when not decidable as text (binary). */
export function sniffEncoding(sample: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without BOM: Latin text has a zero byte in every other position.
  const n = Math.min(sample.length, 4096) & ~1;
  if (n >= 2) {
    let zeroEven = 0, zeroOdd = 0;
    for (let i = 0; i < n; i += 2) {
      if (sample[i] === 0) zeroEven++;
      if (sample[i + 1] === 0) zeroOdd++;
    }
    const pairs = n / 2;
    if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
    if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: isUtf8(sample) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Strict UTF-8 check; a sequence cut off by the sample's end is accepted. */
function isUtf8(b: Uint8Array): boolean {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return false;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true; // truncated at the sample's end
      const cc = b[i + k]!;
      if ((cc & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** Share of characters that text files do not contain (NUL, most C0 controls). */
function looksBinary(text: string): boolean {
  let bad = 0;
  const n = Math.min(text.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 0x1a) bad++;
  }
  return bad > 0 && bad >= Math.max(1, n * 0.01);
}

/** Splits sample text into records (RFC 4180). Quoted newlines stay inside their field. */
export function parseSampleRecords(text: string, delimiter: Delimiter | null, max = SNIFF_RECORDS): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atFieldStart = true;
  const d = delimiter === null ? -1 : delimiter.charCodeAt(0);
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push(fields);
    fields = []; field = ''; atFieldStart = true;
  };
  for (let i = 0; i < text.length && records.length < max; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) { field += '"'; i++; } else inQuotes = false;
      } else field += text[i];
      continue;
    }
    if (c === 34 && atFieldStart && d !== -1) { inQuotes = true; atFieldStart = false; continue; }
    if (c === d) { fields.push(field); field = ''; atFieldStart = true; continue; }
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      endRecord();
      continue;
    }
    field += text[i];
    atFieldStart = false;
  }
  if (records.length < max && (field !== '' || fields.length > 0)) endRecord();
  return records;
}

/** Header captions that name the ID column (compared lower-case without spaces, dashes, dots, underscores). */
const ID_HEADER_NAMES = new Set([
  'telematikid', 'telematikids', 'tiid', 'tid', 'telematikidentifier', 'telematikkennung', 'telematikidentität',
  'registrationnumber', 'telematicid', 'telematikidnummer', 'telematikidentnummer',
]);

export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s\-_.:/()[\]"']+/g, '');
}

export function isIdHeaderName(name: string): boolean {
  const n = normalizeHeader(name);
  return ID_HEADER_NAMES.has(n) || n.includes('telematikid');
}

/** Strong: the whole value has the general Telematik-ID form. Weak: digits, a dash-like sign, something. */
const ID_STRONG = /^\s*\d{1,2}-[0-9A-Za-z.-]{3,}\s*$/;
const ID_WEAK = /^\s*\d{1,2}\s*[-\u2010-\u2015\u2212]\s*\S/;

export function idLikeScore(value: string): number {
  return ID_STRONG.test(value) ? 2 : ID_WEAK.test(value) ? 1 : 0;
}

interface ColumnChoice { hasHeader: boolean; idColumn: number; columns: string[]; idColumnSource: ListFormat['idColumnSource'] }

/**
 * Header and ID column from the first records of a table (CSV or spreadsheet), honouring
 * overrides. Returns NO_ID_COLUMN when neither a header name nor the content points to a column.
 */
export function chooseColumns(records: string[][], overrides: Pick<FormatOverrides, 'hasHeader' | 'idColumn'> = {}): ColumnChoice | ListError {
  const width = records.reduce((w, r) => Math.max(w, r.length), 0);
  const first = records[0] ?? [];
  const headerIdColumn = first.findIndex(isIdHeaderName);

  // Content: which column holds the most ID-like values (excluding a possible header row)?
  const scoreColumns = (from: number) => {
    const scores = new Array<number>(width).fill(0);
    const hits = new Array<number>(width).fill(0);
    for (let r = from; r < records.length; r++) {
      const rec = records[r]!;
      for (let c = 0; c < rec.length; c++) {
        const s = idLikeScore(rec[c]!);
        scores[c]! += s;
        if (s > 0) hits[c]!++;
      }
    }
    let best = -1;
    for (let c = 0; c < width; c++) if (hits[c]! > 0 && (best < 0 || scores[c]! > scores[best]!)) best = c;
    return { best, hits: best < 0 ? 0 : hits[best]!, rows: records.length - from };
  };

  let hasHeader: boolean;
  if (overrides.hasHeader !== undefined) hasHeader = overrides.hasHeader;
  else if (headerIdColumn >= 0) hasHeader = true;
  else {
    // No ID caption: in a table the first row is a header when none of its cells has a digit
    // (captions rarely do) and later rows hold ID-like values. A single column keeps its first
    // line as data: a bad ID there must not vanish as a "caption" (the user can still say header).
    const firstLooksLikeData = first.some((v) => idLikeScore(v) > 0 || /\d/.test(v));
    hasHeader = width > 1 && !firstLooksLikeData && records.length > 1 && scoreColumns(1).best >= 0;
  }

  const columns = hasHeader ? first.map((c) => c.trim()) : [];
  for (let c = columns.length; c < width; c++) columns.push(String(c + 1));

  if (overrides.idColumn !== undefined) {
    return { hasHeader, idColumn: overrides.idColumn, columns, idColumnSource: 'user' };
  }
  if (width <= 1) {
    const content = scoreColumns(hasHeader ? 1 : 0);
    if (headerIdColumn === 0 || content.best === 0) {
      return { hasHeader, idColumn: 0, columns, idColumnSource: headerIdColumn === 0 ? 'header' : 'only' };
    }
    return { error: 'NO_ID_COLUMN' };
  }
  if (hasHeader && headerIdColumn >= 0) return { hasHeader, idColumn: headerIdColumn, columns, idColumnSource: 'header' };
  const content = scoreColumns(hasHeader ? 1 : 0);
  // Most values of the chosen column must look like IDs: a stray match elsewhere is not enough.
  if (content.best >= 0 && content.hits * 3 >= content.rows) {
    return { hasHeader, idColumn: content.best, columns, idColumnSource: 'content' };
  }
  return { error: 'NO_ID_COLUMN' };
}

/** Picks the delimiter whose records have the most consistent field count (at least 2 fields). */
function chooseDelimiter(text: string, ext: string): Delimiter | null {
  let best: Delimiter | null = null;
  let bestScore = 0;
  const preferred: Delimiter | null = ext === 'tsv' || ext === 'tab' ? '\t' : null;
  for (const d of DELIMITERS) {
    const records = parseSampleRecords(text, d);
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1, modeCount = 0;
    for (const [len, count] of counts) if (count > modeCount || (count === modeCount && len > mode)) { mode = len; modeCount = count; }
    if (mode < 2) continue;
    const consistency = modeCount / records.length;
    if (consistency < 0.5) continue;
    const score = consistency + (d === preferred ? 0.01 : 0);
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best;
}

/**
 * Detects the format of a list from its first bytes (up to SNIFF_BYTES) and its file name.
 * For .xlsx this only recognises the container; xlsx.ts's sniffXlsx() finds header and column.
 */
export function sniffListFormat(sample: Uint8Array, fileName: string, overrides: FormatOverrides = {}): ListFormat | ListError {
  const ext = extensionOf(fileName);
  if (sample.length === 0) return { error: 'EMPTY_FILE' };
  if (startsWith(sample, ZIP_MAGIC)) {
    if (ext === 'ods' || ext === 'numbers') return { error: 'UNSUPPORTED_SPREADSHEET', detail: ext };
    return { kind: 'xlsx', encoding: 'utf-8', bomLength: 0, delimiter: null, hasHeader: overrides.hasHeader ?? false,
      idColumn: overrides.idColumn ?? 0, columns: [], idColumnSource: overrides.idColumn !== undefined ? 'user' : 'content', sheet: 0 };
  }
  if (ext === 'xlsx' || ext === 'xlsm') return { error: 'XLSX_INVALID', detail: 'not a zip container' };
  if (startsWith(sample, OLE_MAGIC)) {
    return ext === 'xls' ? { error: 'UNSUPPORTED_SPREADSHEET', detail: 'xls' } : { error: 'BINARY_FILE' };
  }
  if (BINARY_MAGIC.some((m) => startsWith(sample, m))) return { error: 'BINARY_FILE' };

  const detected = sniffEncoding(sample);
  const encoding = overrides.encoding ?? detected.encoding;
  const bomLength = encoding === detected.encoding ? detected.bomLength : 0;
  let text = decodeAll(sample.subarray(bomLength), encoding);
  if (looksBinary(text)) return { error: 'BINARY_FILE' };
  // The sample may end inside a line: drop that partial line.
  if (sample.length >= SNIFF_BYTES) {
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak > 0) text = text.slice(0, lastBreak);
  }
  if (text.trim() === '') return { error: 'EMPTY_FILE' };

  // Directory exports, by content: the ID is a known field, so there is nothing to choose.
  const directory = looksLikeFhir(text) ? { kind: 'fhir' as const, columns: FHIR_COLUMNS } : looksLikeLdif(text) ? { kind: 'ldif' as const, columns: LDIF_COLUMNS } : null;
  if (directory) {
    return { kind: directory.kind, encoding, bomLength, delimiter: null, hasHeader: false, idColumn: 0, columns: [...directory.columns], idColumnSource: 'header' };
  }

  const delimiter = overrides.delimiter !== undefined ? overrides.delimiter : chooseDelimiter(text, ext);
  const records = parseSampleRecords(text, delimiter);
  const choice = chooseColumns(records, overrides);
  if (isError(choice)) return choice;
  return {
    kind: delimiter === null ? 'text' : 'delimited',
    encoding, bomLength, delimiter,
    ...choice,
  };
}

/** The first records of a sample as the reader will see them (for the format preview). */
export function previewRecords(sample: Uint8Array, format: ListFormat, max = 5): string[][] {
  if (format.kind === 'xlsx' || format.kind === 'fhir' || format.kind === 'ldif') return [];
  let text = decodeAll(sample.subarray(format.bomLength), format.encoding);
  if (sample.length >= SNIFF_BYTES) {
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak > 0) text = text.slice(0, lastBreak);
  }
  return parseSampleRecords(text, format.delimiter, max);
}

export { isError as isListError };
