// Findings travel column-wise: row numbers, one code byte (verdict and reason) and all IDs in one
// string with offsets. Building and cloning a few typed arrays is far cheaper than a million objects;
// the main thread turns them into Finding objects whose span and suggestion are worked out on demand.
import { REASON_CODES } from '../telematik-id/codes.ts';
import { TID_LIMITS } from '../wasm-contract.ts';
import type { Verdict } from '../telematik-id/types.ts';
import type { LineDecoder } from '../id-lists/index.ts';

export const FINDING_REASONS: readonly string[] = REASON_CODES;
const VERDICT_BITS: Record<Exclude<Verdict, 'valid'>, number> = { warning: 0x40, invalid: 0x80 };

export interface FindingColumns {
  count: number;
  rows: Uint32Array;
  /** verdict (0x40 warning, 0x80 invalid) | index into FINDING_REASONS */
  codes: Uint8Array;
  /** Length of each ID as found (the shown ID may be cut short). */
  lengths: Uint32Array;
  /** All shown IDs as UTF-16 code units, one after the other (a transferable buffer, not a string). */
  chars: Uint16Array;
  /** count + 1 offsets into `chars`. */
  offsets: Uint32Array;
  /** The source row's cells of each finding (capped, see MAX_CELLS), joined by U+001F, one after the other. */
  cellChars: Uint16Array;
  /** count + 1 offsets into `cellChars`; equal neighbours: the row has no cells kept (plain text). */
  cellOffsets: Uint32Array;
}

/** The buffers of a FindingColumns, for postMessage's transfer list. */
export function findingBuffers(c: FindingColumns): ArrayBuffer[] {
  return [
    c.rows.buffer, c.codes.buffer, c.lengths.buffer, c.chars.buffer, c.offsets.buffer, c.cellChars.buffer, c.cellOffsets.buffer,
  ] as ArrayBuffer[];
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true }); // a leading U+FEFF is part of an ID here
const decodedIds = new WeakMap<FindingColumns, string>();

/** The text of finding `i`. The columns' IDs become one string on first use (then slices of it). */
export function findingId(c: FindingColumns, i: number): string {
  let all = decodedIds.get(c);
  if (all === undefined) {
    // a lone surrogate (from a cut at 300 characters) becomes U+FFFD: same length, offsets hold
    all = utf16.decode(c.chars.subarray(0, c.offsets[c.count]));
    decodedIds.set(c, all);
  }
  return all.slice(c.offsets[i], c.offsets[i + 1]);
}

const decodedCells = new WeakMap<FindingColumns, string>();
const CELL_SEPARATOR = 0x1f;

/** A CSV record's bytes, for the cells of a finding (FindingColumnsBuilder.addScanned). */
export interface RecordBytes {
  bytes: Uint8Array;
  start: number;
  end: number;
  /** The delimiter's byte. */
  delimiter: number;
  decoder: Pick<LineDecoder, 'decodeInto'>;
}
/** Cells kept per finding, and characters per cell (then cut with '…'): context, not a copy of the file. */
export const MAX_CELLS = 64;
export const MAX_CELL_CHARS = 200;

/** The source row's cells of finding `i` (as kept: capped), or null when none were kept. */
export function findingCells(c: FindingColumns, i: number): string[] | null {
  const from = c.cellOffsets[i]!, to = c.cellOffsets[i + 1]!;
  if (from === to) return null;
  let all = decodedCells.get(c);
  if (all === undefined) {
    all = utf16.decode(c.cellChars.subarray(0, c.cellOffsets[c.count]));
    decodedCells.set(c, all);
  }
  // one character more than the cells: a leading separator marks "cells kept" even for one empty cell
  return all.slice(from + 1, to).split('\u001f');
}

/** Header → value for the kept cells (a repeated header gets " (2)", " (3)" …; cells past the header: "#n"). */
export function cellsByHeader(headers: readonly string[], cells: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  // Every header gets a value: readers may leave out trailing empty cells (xlsx stores no empty cells).
  const width = Math.min(Math.max(headers.length, cells.length), MAX_CELLS);
  for (let k = 0; k < width; k++) {
    const base = headers[k] || `#${k + 1}`;
    let key = base;
    for (let n = 2; key in out; n++) key = `${base} (${n})`;
    out[key] = cells[k] ?? '';
  }
  return out;
}

const REASON_INDEX = new Map(FINDING_REASONS.map((r, i) => [r, i]));
/** IDs are shown and kept up to this many characters, then cut with '…'. */
export const MAX_SHOWN_ID = 300;

export function shownId(id: string): string {
  return id.length > MAX_SHOWN_ID ? `${id.slice(0, MAX_SHOWN_ID)}…` : id;
}

/** A copy of `a` with room for `size` items. */
function resized<T extends Uint8Array | Uint16Array | Uint32Array>(a: T, size: number, make: (n: number) => T): T {
  const b = make(size);
  b.set(a);
  return b;
}

/**
 * Collects findings straight into typed columns; IDs go in as UTF-16 code units, so a finding read
 * from the wasm scanner costs a byte copy, not a string (measured: ~350 ns → far less per finding,
 * bench ids, Chromium), and the columns travel to the page as transferred buffers.
 */
export class FindingColumnsBuilder {
  private kept = 0;
  /** Findings kept so far. */
  get count(): number { return this.kept; }
  private rows = new Uint32Array(32768);
  private codes = new Uint8Array(32768);
  private lengths = new Uint32Array(32768);
  private offsets = new Uint32Array(32769);
  private chars = new Uint16Array(1 << 19);
  private cellOffsets = new Uint32Array(32769);
  private cellChars = new Uint16Array(1 << 16);
  truncated = false;

  constructor(private readonly limit: number) {}

  get full(): boolean { return this.kept >= this.limit; }

  /** Reserves room for one more finding of up to `units` code units; false when the limit is reached. */
  private reserve(units: number): boolean {
    if (this.kept >= this.limit) { this.truncated = true; return false; }
    if (this.kept === this.rows.length) {
      // all per-finding columns grow together (offsets has one more slot than findings)
      const size = this.rows.length * 2;
      this.rows = resized(this.rows, size, (k) => new Uint32Array(k));
      this.codes = resized(this.codes, size, (k) => new Uint8Array(k));
      this.lengths = resized(this.lengths, size, (k) => new Uint32Array(k));
      this.offsets = resized(this.offsets, size + 1, (k) => new Uint32Array(k));
      this.cellOffsets = resized(this.cellOffsets, size + 1, (k) => new Uint32Array(k));
    }
    const need = this.offsets[this.kept]! + units;
    if (need > this.chars.length) this.chars = resized(this.chars, Math.max(need, this.chars.length * 2), (k) => new Uint16Array(k));
    return true;
  }

  private finish(row: number, verdict: Exclude<Verdict, 'valid'>, reason: string, length: number, end: number, cells?: readonly string[]): void {
    const i = this.kept;
    this.cellOffsets[i + 1] = cells ? this.putCells(this.cellOffsets[i]!, cells) : this.cellOffsets[i]!;
    this.kept++;
    const index = REASON_INDEX.get(reason);
    this.rows[i] = row;
    this.codes[i] = VERDICT_BITS[verdict] | (index === undefined ? 0x3f : index);
    this.lengths[i] = length;
    this.offsets[i + 1] = end;
  }

  /** Writes the capped cells at `at` (a separator before each); returns where they end. */
  private putCells(at: number, cells: readonly string[]): number {
    const n = Math.min(cells.length, MAX_CELLS);
    let need = at;
    for (let k = 0; k < n; k++) need += 1 + Math.min(cells[k]!.length, MAX_CELL_CHARS + 1);
    if (need > this.cellChars.length) {
      this.cellChars = resized(this.cellChars, Math.max(need, this.cellChars.length * 2), (k) => new Uint16Array(k));
    }
    const out = this.cellChars;
    for (let k = 0; k < n; k++) {
      const cell = cells[k]!;
      out[at++] = CELL_SEPARATOR;
      const m = Math.min(cell.length, MAX_CELL_CHARS);
      for (let j = 0; j < m; j++) { const u = cell.charCodeAt(j); out[at++] = u === CELL_SEPARATOR ? 0x20 : u; }
      if (cell.length > MAX_CELL_CHARS) out[at++] = 0x2026;
    }
    return at;
  }

  /** A finding given as text (IDs from the CSV/xlsx readers); `id` is shown as is; `cells`: its source row. */
  add(row: number, id: string, verdict: Verdict, reason: string, length: number, cells?: readonly string[]): void {
    if (verdict === 'valid' || !this.reserve(id.length)) return;
    const at = this.offsets[this.kept]!;
    for (let k = 0; k < id.length; k++) this.chars[at + k] = id.charCodeAt(k);
    this.finish(row, verdict, reason, length, at + id.length, cells);
  }

  /**
   * A finding straight from the wasm scanner: ASCII bytes are copied as they are, anything else is
   * decoded by `decoder` into the columns; IDs longer than 300 characters are cut with '…'.
   * `cells`: its source row (CSV).
   */
  addScanned(row: number, bytes: Uint8Array, start: number, end: number, verdict: Exclude<Verdict, 'valid'>,
    reason: string, decoder: Pick<LineDecoder, 'decodeInto'>, record?: RecordBytes): void {
    const n = Math.min(end - start, MAX_SHOWN_ID);
    if (!this.reserve(n + 1)) return;
    const at = this.offsets[this.kept]!;
    const chars = this.chars;
    let k = 0;
    for (; k < n; k++) { const b = bytes[start + k]!; if (b >= 0x80) break; chars[at + k] = b; }
    let units = k;
    if (k < n) {
      // not ASCII: decode (UTF-16 units never outnumber the bytes, so the room reserved suffices)
      const written = decoder.decodeInto(bytes, start, end, chars, at, MAX_SHOWN_ID);
      units = written < 0 ? MAX_SHOWN_ID : written;
      if (written < 0) chars[at + units++] = 0x2026;
    } else if (n < end - start) {
      chars[at + units++] = 0x2026; // '…': cut, all ASCII up to here
    }
    this.finish(row, verdict, reason, end - start, at + units);
    if (record) this.cellOffsets[this.kept] = this.putRecordCells(this.cellOffsets[this.kept - 1]!, record);
  }

  /**
   * Writes the cells of a CSV record given as bytes (RFC 4180, as splitRecord splits its text), capped
   * like putCells, without a string per record or cell: a finding's cells were the CSV path's largest
   * cost (bench csv).
   */
  private putRecordCells(at: number, { bytes, start, end, delimiter, decoder }: RecordBytes): number {
    const need = at + (end - start) + 2 * MAX_CELLS + 1;
    if (need > this.cellChars.length) {
      this.cellChars = resized(this.cellChars, Math.max(need, this.cellChars.length * 2), (k) => new Uint16Array(k));
    }
    const out = this.cellChars;
    let i = start, cells = 0;
    for (;;) {
      let from = i, to: number, src = bytes;
      if (bytes[i] === 0x22 && i < end) {
        // quoted: the content without its quotes, doubled quotes as one, text after the closing quote kept
        let j = i + 1, n = 0;
        const scratch = this.scratch.length >= end - i ? this.scratch : (this.scratch = new Uint8Array(end - i));
        let inQuotes = true;
        for (; j < end; j++) {
          const c = bytes[j]!;
          if (inQuotes && c === 0x22) {
            if (j + 1 < end && bytes[j + 1] === 0x22) { scratch[n++] = 0x22; j++; } else inQuotes = false;
            continue;
          }
          if (!inQuotes && c === delimiter) break;
          scratch[n++] = c;
        }
        src = scratch; from = 0; to = n; i = j;
      } else {
        let j = i;
        while (j < end && bytes[j] !== delimiter) j++;
        to = j; i = j;
      }
      if (cells < MAX_CELLS) {
        out[at++] = CELL_SEPARATOR;
        cells++;
        let k = from, units = 0;
        for (; k < to && units < MAX_CELL_CHARS; k++) {
          const b = src[k]!;
          if (b >= 0x80) break;
          out[at++] = b === CELL_SEPARATOR ? 0x20 : b;
          units++;
        }
        if (k < to && units < MAX_CELL_CHARS) {
          // not ASCII: the rest decoded (UTF-16 units never outnumber the bytes)
          const written = decoder.decodeInto(src, k, to, out, at, MAX_CELL_CHARS - units);
          const n = written < 0 ? MAX_CELL_CHARS - units : written;
          for (let u = at; u < at + n; u++) if (out[u] === CELL_SEPARATOR) out[u] = 0x20;
          at += n;
          if (written < 0) out[at++] = 0x2026;
        } else if (k < to) out[at++] = 0x2026;
      }
      if (i >= end) break;
      i++; // the delimiter
      if (i === end) { if (cells < MAX_CELLS) out[at++] = CELL_SEPARATOR; break; }
    }
    return at;
  }
  private scratch = new Uint8Array(256);

  empty(): FindingColumns {
    return {
      count: 0, rows: new Uint32Array(), codes: new Uint8Array(), lengths: new Uint32Array(), chars: new Uint16Array(),
      offsets: new Uint32Array(1), cellChars: new Uint16Array(), cellOffsets: new Uint32Array(1),
    };
  }

  build(): FindingColumns {
    const n = this.kept;
    return {
      count: n, rows: this.rows.slice(0, n), codes: this.codes.slice(0, n), lengths: this.lengths.slice(0, n),
      chars: this.chars.slice(0, this.offsets[n]), offsets: this.offsets.slice(0, n + 1),
      cellChars: this.cellChars.slice(0, this.cellOffsets[n]), cellOffsets: this.cellOffsets.slice(0, n + 1),
    };
  }
}

export function findingVerdict(code: number): Exclude<Verdict, 'valid'> {
  return code & 0x80 ? 'invalid' : 'warning';
}

export function findingReason(code: number): string {
  return FINDING_REASONS[code & 0x3f] ?? 'TID_UNKNOWN';
}

interface FindingValidator {
  validate(id: string): { span: [number, number] | null; suggestion: string | null };
}

/** A finding read from the columns: the ID text, span and suggestion are worked out when first read. */
export class LazyFinding {
  private detail: { span: [number, number] | null; suggestion: string | null } | undefined;

  constructor(
    private readonly validator: FindingValidator,
    private readonly columns: FindingColumns,
    private readonly index: number,
    readonly fileIndex: number,
    readonly row: number,
    private readonly headers: readonly string[] = [],
  ) {}

  /** The source row's cells, header → value (capped), or null for plain text lists. */
  get cells(): Record<string, string> | null {
    const cells = findingCells(this.columns, this.index);
    return cells && cellsByHeader(this.headers, cells);
  }

  get id(): string { return findingId(this.columns, this.index); }
  get verdict(): Exclude<Verdict, 'valid'> { return findingVerdict(this.columns.codes[this.index]!); }
  get reason(): string { return findingReason(this.columns.codes[this.index]!); }

  private resolve(): { span: [number, number] | null; suggestion: string | null } {
    if (!this.detail) {
      // An over-long ID is kept cut short (300 characters and '…'); its span still tells how long it really was.
      const id = this.id;
      const length = this.columns.lengths[this.index]!;
      this.detail = this.reason === 'TID_TOO_LONG' && length > MAX_SHOWN_ID
        ? { span: [TID_LIMITS.idBytes, length], suggestion: null }
        : this.validator.validate(id);
    }
    return this.detail;
  }

  get span(): [number, number] | null { return this.resolve().span; }
  get suggestion(): string | null { return this.resolve().suggestion; }
}

export interface FindingFilter {
  verdict?: Exclude<Verdict, 'valid'> | '';
  /** Reason code, e.g. TID_CHECK_DIGIT. */
  reason?: string;
  /** Lower-case text the ID or one of the row's cells must contain. */
  query?: string;
}

interface FindingChunk { columns: FindingColumns; fileIndex: number; rowBase: number; first: number; count: number }

/**
 * All findings of an audit, kept as the workers' columns. A Finding object is made only when one is
 * read (a visible row, a filter match, an export line): a million findings are not a million objects
 * for the page's heap and garbage collector (measured: ~0.2 s of GC per 10M-line audit, bench ids).
 */
export class FindingList implements Iterable<LazyFinding> {
  private readonly chunks: FindingChunk[] = [];
  private readonly made: (LazyFinding | undefined)[] = [];
  length = 0;

  /** `headers`: each input file's column captions (ListFormat.columns), for the findings' cells. */
  constructor(private readonly validator: FindingValidator, private readonly headers: readonly (readonly string[])[] = []) {}

  /** Appends the findings of one range, rows moved by `rowBase`, up to `limit` in all; true when some did not fit. */
  append(columns: FindingColumns, fileIndex: number, rowBase: number, limit: number): boolean {
    const count = Math.min(columns.count, Math.max(0, limit - this.length));
    if (count > 0) this.chunks.push({ columns, fileIndex, rowBase, first: this.length, count });
    this.length += count;
    return count < columns.count;
  }

  private chunkOf(index: number): FindingChunk | undefined {
    let lo = 0, hi = this.chunks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1, c = this.chunks[mid]!;
      if (index < c.first) hi = mid - 1;
      else if (index >= c.first + c.count) lo = mid + 1;
      else return c;
    }
    return undefined;
  }

  at(index: number): LazyFinding | undefined {
    if (index < 0 || index >= this.length) return undefined;
    let f = this.made[index];
    if (!f) {
      const c = this.chunkOf(index)!, i = index - c.first;
      f = new LazyFinding(this.validator, c.columns, i, c.fileIndex, c.columns.rows[i]! + c.rowBase, this.headers[c.fileIndex]);
      this.made[index] = f;
    }
    return f;
  }

  /** All findings in order; objects made here are not kept (an export of a million stays a stream). */
  *[Symbol.iterator](): Iterator<LazyFinding> {
    for (const c of this.chunks) for (let i = 0; i < c.count; i++) {
      yield this.made[c.first + i]
        ?? new LazyFinding(this.validator, c.columns, i, c.fileIndex, c.columns.rows[i]! + c.rowBase, this.headers[c.fileIndex]);
    }
  }

  /** How many findings have each reason, read from the columns. */
  reasonCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of this.chunks) for (let i = 0; i < c.count; i++) {
      const reason = findingReason(c.columns.codes[i]!);
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    return counts;
  }

  /** The findings that match, in order; objects are made for matches only. */
  select(filter: FindingFilter): LazyFinding[] {
    const out: LazyFinding[] = [];
    const wantVerdict = filter.verdict || null, wantReason = filter.reason || null, query = filter.query || null;
    for (const c of this.chunks) for (let i = 0; i < c.count; i++) {
      const code = c.columns.codes[i]!;
      if (wantVerdict && findingVerdict(code) !== wantVerdict) continue;
      if (wantReason && findingReason(code) !== wantReason) continue;
      if (query && !findingId(c.columns, i).toLowerCase().includes(query)
        && !(findingCells(c.columns, i)?.some((cell) => cell.toLowerCase().includes(query)))) continue;
      out.push(this.at(c.first + i)!);
    }
    return out;
  }
}
