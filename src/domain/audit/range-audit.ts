// Audits one byte range of a list: plain text (one ID per line) is scanned as bytes by the wasm core;
// CSV/TSV/UTF-16 ranges and whole xlsx files are read by the id-lists readers first.
// Returns counters, findings and ID hashes; all rows only go to `onRow` when asked. Runs inside the
// id workers (workers/id-worker.ts) and in the ti-validate CLI — the same code for both.
import type { WasmTelematikIdValidator } from '../telematik-id/index.ts';
import { BulkScanner, type ScanRecord } from '../telematik-id/bulk.ts';
import { readListRows, isListError, isWholeFileFormat, createLineDecoder, alignRange, splitRecord, type LineDecoder, type ListFormat, type ListRow, type RangeEnd } from '../id-lists/index.ts';
import type { TelematikIdCore } from '../telematik-id/core.ts';
import type { RowResult } from './types.ts';
import type { Verdict } from '../telematik-id/types.ts';
import { addCounts, emptyCounts, type AuditCounts } from './counts.ts';
import { isFastPath } from './fast-path.ts';
import { FindingColumnsBuilder, MAX_CELLS, MAX_CELL_CHARS, cellsByHeader, findingBuffers, shownId, type FindingColumns } from './finding-columns.ts';
import { PARTITION_BITS, type PartitionedHashes } from './duplicates.ts';

export interface RangeJob {
  jobId: string;
  fileIndex: number;
  file: Blob;
  format: ListFormat;
  /** Byte range; the job owns the records that START inside it (xlsx: always the whole file, 0..size). */
  start: number;
  end: number;
  all: boolean;
  /** With `all`: every row also carries its cells (RowResult.cells); findings always keep theirs. */
  rowCells?: boolean;
  findingsLimit: number;
}

export interface RangeResult {
  /** Lines owned by the range (for text ranges: the next range's row base). */
  lines: number;
  counts: AuditCounts;
  /** Non-valid rows, column-wise (cheap to build and to transfer); rows are local to the range. */
  findings: FindingColumns;
  findingsTruncated: boolean;
  rows: RowResult[];
  /** Hashes of every validated row, in chunks sorted by partition (./duplicates.ts). */
  hashes: PartitionedHashes[];
  bytes: number;
  error?: { code: string; detail?: string };
  cancelled: boolean;
  /**
   * The next range was read on the guess that it starts a record outside quotes, after the header;
   * this range, not the file's last, ended inside a quoted field or before the header, so the
   * guess was wrong (audit-runner then reads both as one).
   */
  carriesOver: boolean;
}

/** The buffers of a result, for postMessage's transfer list (a worker hands them over, not copies). */
export function rangeResultBuffers(result: RangeResult): ArrayBuffer[] {
  return [...result.hashes.flatMap((h) => [h.hashes.buffer as ArrayBuffer, h.starts.buffer as ArrayBuffer]), ...findingBuffers(result.findings)];
}

const READ_CHUNK = 4 << 20;


export interface RangeHooks {
  isCancelled?: () => boolean;
  onProgress?: (bytes: number, rows: number) => void;
  /** Every row's result, in order, when job.all is set; else rows are collected into result.rows. */
  onRow?: (row: RowResult) => void;
}

/** What one range audit works with (one wasm instance runs one range at a time: see bulk.ts). */
interface RangeContext {
  core: TelematikIdCore;
  validator: WasmTelematikIdValidator;
  hooks: RangeHooks;
}

export async function auditRange(core: TelematikIdCore, validator: WasmTelematikIdValidator, job: RangeJob, hooks: RangeHooks = {}): Promise<RangeResult> {
  const context: RangeContext = { core, validator, hooks };
  const findings = new FindingColumnsBuilder(job.findingsLimit);
  const result = emptyRangeResult();
  // the wasm core sorts each batch by partition; the views are copied before the next batch
  const keepHashes = (pairs: Uint32Array, starts: Uint32Array | null) => { result.hashes.push({ hashes: pairs.slice(), starts: starts!.slice() }); };
  const emitRow = hooks.onRow ?? ((row: RowResult) => result.rows.push(row));
  // Keeps a U+FEFF at the start of an ID (the file's own BOM is skipped by bomLength); Windows-1252 0x80–0x9F as in browsers.
  const decoder = createLineDecoder(job.format.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
  const out: Output = {
    wants(verdict) {
      if (job.all) return true;
      if (verdict === 'valid') return false;
      if (findings.full) { findings.truncated = true; return false; }
      return true;
    },
    row(row, id, verdict, reason, length = id.length, source) {
      const cells = source && (verdict !== 'valid' || job.rowCells) ? cellsOf(source, job.format) : undefined;
      if (verdict !== 'valid') findings.add(row, shownId(id), verdict, reason!, length, cells);
      if (job.all) {
        emitRow(cells && job.rowCells
          ? { fileIndex: job.fileIndex, row, id: shownId(id), verdict, reason, cells: cellsByHeader(job.format.columns, capCells(cells)) }
          : { fileIndex: job.fileIndex, row, id: shownId(id), verdict, reason });
      }
    },
  };
  try {
    if (isFastPath(job.format)) await scanTextRange(context, job, result, decoder, out, findings, keepHashes);
    else await scanRows(context, job, result, out, keepHashes);
  } catch (e) {
    result.error = { code: 'UNREADABLE', detail: String((e as Error)?.message ?? e) };
  }
  result.findings = findings.build();
  result.findingsTruncated = findings.truncated;
  return result;
}

/** Where every validated row goes, in row order. */
interface Output {
  /** False when a row of this verdict would be dropped anyway (findings full, no row stream). */
  wants(verdict: Verdict): boolean;
  row(row: number, id: string, verdict: Verdict, reason: string | null, length?: number, source?: ListRow): void;
}

/** A delimited or spreadsheet row's cells (plain text lists have none: the ID is the row). */
function cellsOf(source: ListRow, format: ListFormat): string[] | undefined {
  if (source.cells) return source.cells;
  if (source.record !== undefined && format.delimiter !== null) return splitRecord(source.record, format.delimiter);
  return undefined;
}

/** The cells as the finding columns keep them (at most MAX_CELLS of MAX_CELL_CHARS). */
function capCells(cells: readonly string[]): string[] {
  return cells.slice(0, MAX_CELLS).map((c) => (c.length > MAX_CELL_CHARS ? `${c.slice(0, MAX_CELL_CHARS)}…` : c));
}

/** A range with nothing in it (also what audit-runner merges for a range a re-read took in). */
export function emptyRangeResult(): RangeResult {
  return { lines: 0, counts: emptyCounts(), findings: new FindingColumnsBuilder(0).empty(), findingsTruncated: false, rows: [], hashes: [], bytes: 0, cancelled: false, carriesOver: false };
}


async function readSlice(file: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

/** Fast path: raw bytes of one range, lines split by the wasm scanner. */
async function scanTextRange({ core, hooks }: RangeContext, job: RangeJob, result: RangeResult, decoder: LineDecoder, out: Output,
  findings: FindingColumnsBuilder, keepHashes: (pairs: Uint32Array, starts: Uint32Array | null) => void): Promise<void> {
  const onProgress = hooks.onProgress;
  const { file, format } = job;
  let pos = Math.max(job.start, format.bomLength);
  // Not the file's first range: the first owned line starts after the first line break at or after start-1.
  if (job.start > format.bomLength) {
    pos = job.start - 1;
    for (;;) {
      const probe = await readSlice(file, pos, Math.min(pos + 65536, file.size));
      if (probe.length === 0) { pos = file.size; break; }
      const i = probe.findIndex((b) => b === 10 || b === 13);
      if (i < 0) { pos += probe.length; continue; }
      pos += i + (probe[i] === 13 && probe[i + 1] === 10 ? 2 : 1);
      // CR at the very end of the probe followed by LF in the next bytes
      if (probe[i] === 13 && i === probe.length - 1 && pos < file.size && (await readSlice(file, pos, pos + 1))[0] === 10) pos++;
      break;
    }
  }
  let firstLine = 1;
  if (job.start <= format.bomLength && format.hasHeader) {
    // drop the header line; it still counts as line 1
    const head = await readSlice(file, pos, Math.min(pos + (1 << 20) + 2, file.size));
    const i = head.findIndex((b) => b === 10 || b === 13);
    pos += i < 0 ? head.length : i + (head[i] === 13 && head[i + 1] === 10 ? 2 : 1);
    firstLine = 2;
  }
  const scanner = new BulkScanner(core, {
    all: job.all,
    firstLine,
    // Findings only (the usual audit): bytes go straight into the finding columns, no string per row.
    onRecord: job.all
      ? (rec: ScanRecord) => out.row(rec.line, rec.text(decoder), rec.verdict, rec.reason, rec.length)
      : (rec: ScanRecord) => {
        if (rec.verdict === 'valid') return;
        findings.addScanned(rec.line, rec.memory, rec.start, rec.end, rec.verdict, rec.reason!, decoder);
        // full: from the next chunk on the scanner only counts (what it leaves out is noted below)
        if (findings.full) scanner.reportFindings = false;
      },
    onHashes: keepHashes,
    hashPartitionBits: PARTITION_BITS,
  });
  const startPos = pos;
  // Read until the range end, then on to the end of the last owned line.
  let prefetched: { start: number; end: number; bytes: Promise<Uint8Array> } | null = null;
  while (pos < file.size) {
    if (hooks.isCancelled?.()) { result.cancelled = true; break; }
    const inRange = pos < job.end;
    // Past the range end only a line that started inside it is finished; none is pending → done.
    if (!inRange && !scanner.hasPendingLine) break;
    const chunkEnd = Math.min(inRange ? Math.min(job.end, pos + READ_CHUNK) : pos + 65536, file.size);
    // Read ahead: the next in-range chunk loads while this one is scanned.
    const chunk = await (prefetched?.start === pos && prefetched.end === chunkEnd ? prefetched.bytes : readSlice(file, pos, chunkEnd));
    prefetched = chunkEnd < Math.min(job.end, file.size)
      ? { start: chunkEnd, end: Math.min(job.end, chunkEnd + READ_CHUNK, file.size), bytes: readSlice(file, chunkEnd, Math.min(job.end, chunkEnd + READ_CHUNK, file.size)) }
      : null;
    prefetched?.bytes.catch(() => undefined); // a read-ahead nobody awaits (cancel) must not go unhandled
    if (!inRange && scanner.pendingEndsWithCR) {
      // a CR ended the last owned line; an LF right after it belongs to it too
      scanner.push(chunk[0] === 10 ? chunk.subarray(0, 1) : new Uint8Array(), true);
      break;
    }
    if (!inRange) {
      // past the range: only complete the line that started inside it
      const i = chunk.findIndex((b) => b === 10 || b === 13);
      if (i >= 0) {
        const crlf = chunk[i] === 13 && chunk[i + 1] === 10;
        scanner.push(chunk.subarray(0, i + (crlf ? 2 : 1)), true);
        pos += i + 1;
        break;
      }
    }
    const last = pos + chunk.length >= file.size;
    scanner.push(chunk, last);
    pos += chunk.length;
    onProgress?.(chunk.length, 0);
    if (last) break;
  }
  if (pos >= file.size || result.cancelled) scanner.push(new Uint8Array(), true);
  const { lines: _lines, ...counts } = scanner.counts();
  result.counts = counts;
  if (result.counts.warning + result.counts.invalid > findings.count) findings.truncated = true;
  result.lines = scanner.nextLine - 1;
  result.bytes = Math.max(0, Math.min(job.end, file.size) - startPos);
}

/** Generic path: rows from the id-lists readers (CSV/TSV/xlsx/UTF-16), validated in batches. */
async function scanRows({ core, validator, hooks }: RangeContext, job: RangeJob, result: RangeResult, out: Output,
  keepHashes: (pairs: Uint32Array, starts: Uint32Array | null) => void): Promise<void> {
  const onProgress = hooks.onProgress;
  const encoder = new TextEncoder();
  // Results of one batch, put back into row order before they go out (side-path rows come first).
  let pending: { row: number; id: string; verdict: Verdict; reason: string | null; source: ListRow }[] = [];
  let batchRows: ListRow[] = [];
  let batchBase = 1;
  const scanner = new BulkScanner(core, {
    // valid rows only matter when every row goes out; otherwise the scanner reports findings alone
    all: job.all,
    onRecord: (rec: ScanRecord) => {
      const r = batchRows[rec.line - batchBase]!;
      pending.push({ row: r.row, id: r.field, verdict: rec.verdict, reason: rec.reason, source: r });
    },
    onHashes: keepHashes,
    hashPartitionBits: PARTITION_BITS,
  });
  // rows checked here, not by the scanner
  const extra = emptyCounts();
  let lastRow = 0;
  // Text layouts are read in byte ranges cut at line starts; the first range (BOM, header) is read from 0.
  const [alignedStart, end] = isWholeFileFormat(job.format)
    ? [0, job.file.size] : await alignRange(job.file, job.format, job.start, job.end);
  const start = alignedStart <= job.format.bomLength ? 0 : alignedStart;
  let rangeEnd: RangeEnd | null = null;
  for await (const batch of readListRows(job.file, job.format, {
    start, end, keepRecords: true, onEnd: (e) => { rangeEnd = e; }, ...(onProgress ? { onBytes: (n: number) => onProgress(n, 0) } : {}),
  })) {
    if (hooks.isCancelled?.()) { result.cancelled = true; break; }
    if (isListError(batch)) { result.error = { code: batch.error, ...(batch.detail ? { detail: batch.detail } : {}) }; break; }
    // Rows the byte scanner cannot see as one line: empty ID cells, unreadable rows, fields with line breaks.
    const plain: ListRow[] = [];
    pending = [];
    let sideRows = false;
    for (const r of batch) {
      lastRow = r.row;
      if (r.blank) { extra.blankRows++; continue; }
      if (r.error || r.field.trim() === '' || /[\r\n]/.test(r.field)) {
        const reason = r.error ? 'TID_TOO_LONG' : r.field.trim() === '' ? 'TID_EMPTY' : null;
        const res = reason ? null : validator.validate(r.field);
        const verdict = res ? res.verdict : 'invalid';
        extra.ids++; extra[verdict]++;
        const code = reason ?? res!.reason ?? 'TID_BAD_CHAR';
        if (verdict !== 'valid') extra.byReason[code] = (extra.byReason[code] ?? 0) + 1;
        if (verdict === 'invalid') extra.byRule.none = (extra.byRule.none ?? 0) + 1;
        pending.push({ row: r.row, id: r.field, verdict, reason: verdict === 'valid' ? null : code, source: r });
        sideRows = true;
        continue;
      }
      plain.push(r);
    }
    batchRows = plain;
    batchBase = scanner.nextLine;
    if (plain.length) scanner.push(encoder.encode(plain.map((r) => r.field).join('\n')), true);
    if (sideRows) pending.sort((a, b) => a.row - b.row);
    for (const p of pending) out.row(p.row, p.id, p.verdict, p.reason, p.id.length, p.source);
    onProgress?.(0, batch.length);
  }
  const { lines: _lines, ...scanned } = scanner.counts();
  result.counts = addCounts(scanned, extra);
  const ended = rangeEnd as RangeEnd | null;
  result.lines = ended ? ended.lines : lastRow;
  result.carriesOver = !!ended && (ended.unterminatedQuote || ended.headerAhead) && end < job.file.size;
  result.bytes = end - start;
}
