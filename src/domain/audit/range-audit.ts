// Audits one byte range of a list: plain text (one ID per line) is scanned as bytes by the wasm core;
// CSV/TSV/UTF-16 ranges and whole xlsx files are read by the id-lists readers first.
// Returns counters, findings and ID hashes; all rows only go to `onRow` when asked. Runs inside the
// id workers (workers/id-worker.ts) and in the ti-validate CLI — the same code for both.
import type { WasmTelematikIdValidator } from '../telematik-id/index.ts';
import { BulkScanner, type ScanRecord } from '../telematik-id/bulk.ts';
import {
  readListRows, isListError, isWholeFileFormat, createLineDecoder, alignRange, splitRecord, DelimitedReader,
  readerBytes, readerEncoding, bytesDecoder, unquoteField, unquoteLine,
  type LineDecoder, type ListFormat, type ListRow, type RangeEnd, type RecordSink } from '../id-lists/index.ts';
import type { TelematikIdCore } from '../telematik-id/core.ts';
import type { RowResult } from './types.ts';
import type { Verdict } from '../telematik-id/types.ts';
import { addCounts, emptyCounts, type AuditCounts } from './counts.ts';
import { isFastPath } from './fast-path.ts';
import { FindingColumnsBuilder, MAX_CELLS, MAX_CELL_CHARS, cellsByHeader, findingBuffers, shownId, type FindingColumns, type RecordBytes } from './finding-columns.ts';
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
  return [
    ...result.hashes.flatMap((h) => [h.hashes.buffer as ArrayBuffer, h.starts.buffer as ArrayBuffer]),
    ...findingBuffers(result.findings),
  ];
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

export async function auditRange(
  core: TelematikIdCore, validator: WasmTelematikIdValidator, job: RangeJob, hooks: RangeHooks = {},
): Promise<RangeResult> {
  const context: RangeContext = { core, validator, hooks };
  const findings = new FindingColumnsBuilder(job.findingsLimit);
  const result = emptyRangeResult();
  // the wasm core sorts each batch by partition; the views are copied before the next batch
  const keepHashes = (pairs: Uint32Array, starts: Uint32Array | null) => {
    result.hashes.push({ hashes: pairs.slice(), starts: starts!.slice() });
  };
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
    row(row, id, verdict, reason, length = id.length, cellsOfRow) {
      const cells = cellsOfRow && (verdict !== 'valid' || job.rowCells) ? cellsOfRow() : undefined;
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
    else if (isWholeFileFormat(job.format)) await scanRows(context, job, result, out, keepHashes);
    else await scanDelimited(context, job, result, out, findings, keepHashes);
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
  /** `cells`: the source row's cells, asked for only when they are kept. */
  row(row: number, id: string, verdict: Verdict, reason: string | null, length?: number, cells?: () => string[] | undefined): void;
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
  return {
    lines: 0, counts: emptyCounts(), findings: new FindingColumnsBuilder(0).empty(), findingsTruncated: false,
    rows: [], hashes: [], bytes: 0, cancelled: false, carriesOver: false,
  };
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
    const prefetchEnd = Math.min(job.end, chunkEnd + READ_CHUNK, file.size);
    prefetched = chunkEnd < Math.min(job.end, file.size)
      ? { start: chunkEnd, end: prefetchEnd, bytes: readSlice(file, chunkEnd, prefetchEnd) }
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

/** Whole-file formats (xlsx, FHIR, LDIF): rows from the id-lists readers, validated in batches. */
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
  const [start, end] = [0, job.file.size];
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
    for (const p of pending) out.row(p.row, p.id, p.verdict, p.reason, p.id.length, () => cellsOf(p.source, job.format));
    onProgress?.(0, batch.length);
  }
  const { lines: _lines, ...scanned } = scanner.counts();
  result.counts = addCounts(scanned, extra);
  const ended = rangeEnd as RangeEnd | null;
  result.lines = ended ? ended.lines : lastRow;
  result.carriesOver = !!ended && (ended.unterminatedQuote || ended.headerAhead) && end < job.file.size;
  result.bytes = end - start;
}

/** A row checked by the validator one by one, or a finding of the scanner, waiting to go out in row order. */
interface PendingRow { row: number; id: string; verdict: Verdict; reason: string | null; cells: (() => string[] | undefined) | undefined }

/**
 * CSV/TSV/UTF-16 text: DelimitedReader hands each record's ID bytes straight into the wasm scanner's
 * input, one per line as in plain text; no string and no object per valid row. Rows the scanner
 * cannot take as one line (empty ID cell, a line break or non-UTF-8 bytes in it, a quoted line in
 * text mode, LINE_TOO_LONG) are judged as text, as before.
 */
async function scanDelimited({ core, validator, hooks }: RangeContext, job: RangeJob, result: RangeResult, out: Output,
  findings: FindingColumnsBuilder, keepHashes: (pairs: Uint32Array, starts: Uint32Array | null) => void): Promise<void> {
  const { file, format } = job;
  const onProgress = hooks.onProgress;
  const utf8 = readerEncoding(format) === 'utf-8';
  const textMode = format.delimiter === null;
  const decode = bytesDecoder(utf8);
  const idDecoder = createLineDecoder('utf-8'); // the scanner's input is UTF-8
  const encoder = new TextEncoder();
  // Ranges are cut at line starts; the first range (BOM, header) is read from 0.
  const [aligned, end] = await alignRange(file, format, job.start, job.end);
  const start = aligned <= format.bomLength ? 0 : aligned;
  const reader = new DelimitedReader(format, { isFileStart: start === 0 }, utf8);

  // One batch per chunk: the ID of each scanned row, one per line, and where its record is in `data`.
  let ids = new Uint8Array(1 << 16), idBytes = 0;
  let rowLines = new Uint32Array(1 << 12), rowStarts = new Uint32Array(1 << 12), rowEnds = new Uint32Array(1 << 12), rows = 0;
  let data: Uint8Array = new Uint8Array(0);
  let pending: PendingRow[] = [];
  let sideRows = false, batchRows = 0;
  const extra = emptyCounts();
  const cellsAt = (bytes: Uint8Array, from: number, to: number) => () => splitRecord(decode(bytes.subarray(from, to)), format.delimiter!);

  const side = (line: number, field: string, error: boolean, cells: (() => string[] | undefined) | undefined) => {
    const reason = error ? 'TID_TOO_LONG' : field.trim() === '' ? 'TID_EMPTY' : null;
    const res = reason ? null : validator.validate(field);
    const verdict = res ? res.verdict : 'invalid';
    extra.ids++; extra[verdict]++;
    const code = reason ?? res!.reason ?? 'TID_BAD_CHAR';
    if (verdict !== 'valid') extra.byReason[code] = (extra.byReason[code] ?? 0) + 1;
    if (verdict === 'invalid') extra.byRule.none = (extra.byRule.none ?? 0) + 1;
    if (out.wants(verdict)) pending.push({ row: line, id: field, verdict, reason: verdict === 'valid' ? null : code, cells });
    sideRows = true;
  };
  const room = (bytes: number) => {
    if (idBytes + bytes <= ids.length) return;
    const grown = new Uint8Array(Math.max(ids.length * 2, idBytes + bytes));
    grown.set(ids.subarray(0, idBytes));
    ids = grown;
  };
  const addRow = (line: number, from: number, to: number) => {
    if (rows === rowLines.length) {
      const grow = (a: Uint32Array) => { const b = new Uint32Array(a.length * 2); b.set(a); return b; };
      rowLines = grow(rowLines); rowStarts = grow(rowStarts); rowEnds = grow(rowEnds);
    }
    rowLines[rows] = line; rowStarts[rows] = from; rowEnds[rows] = to;
    rows++;
  };
  const sink: RecordSink = {
    record(line, bytes, from, to, idStart, idEnd, idQuoted) {
      data = bytes;
      batchRows++;
      if (idStart < 0) { side(line, '', false, textMode ? undefined : cellsAt(bytes, from, to)); return; }
      let src = bytes, s = idStart, e = idEnd;
      if (idQuoted) { src = unquoteField(bytes, idStart, idEnd); s = 0; e = src.length; }
      const n = e - s;
      if (idBytes + n + 1 > ids.length) room(n + 1);
      // copy, and see whether the scanner can take it as it is
      let printable = false, special = false;
      const target = ids, at = idBytes - s;
      for (let k = s; k < e; k++) {
        const b = src[k]!;
        target[at + k] = b;
        if (b > 32 && b < 127) { if (b === 34 && textMode) special = true; printable = true; }
        else if (b === 10 || b === 13 || b >= 0x80) special = true;
        else if (b !== 32 && (b < 9 || b > 13)) printable = true; // a control character (not whitespace): the validator judges it
      }
      if (!special && !printable) { // only spaces: an empty cell
        side(line, decode(src.subarray(s, e)), false, textMode ? undefined : cellsAt(bytes, from, to));
        return;
      }
      if (special) {
        // judged as text, as the reader's strings are (UTF-8 bytes pass when the text has no line break)
        const field = textMode ? unquoteLine(decode(src.subarray(s, e))) : decode(src.subarray(s, e));
        if (field.trim() === '' || /[\r\n]/.test(field)) { side(line, field, false, textMode ? undefined : cellsAt(bytes, from, to)); return; }
        if (!(utf8 && !textMode)) {
          const encoded = encoder.encode(field);
          room(encoded.length + 1);
          ids.set(encoded, idBytes);
          idBytes += encoded.length;
          ids[idBytes++] = 10;
          addRow(line, from, to);
          return;
        }
      }
      idBytes += n;
      ids[idBytes++] = 10;
      addRow(line, from, to);
    },
    blank() { extra.blankRows++; batchRows++; },
    tooLong(line) { side(line, '', true, undefined); batchRows++; },
  };

  let batchBase = 1;
  let rowsData = data;
  const scanner = new BulkScanner(core, {
    all: job.all,
    onRecord: (rec: ScanRecord) => {
      const k = rec.line - batchBase;
      if (!out.wants(rec.verdict)) return;
      if (direct) {
        // findings only and no row of this batch judged aside: out now, already in row order
        const m = rec.memory;
        let ascii = true;
        for (let b = rec.start; b < rec.end; b++) if (m[b]! >= 0x80) { ascii = false; break; }
        // ASCII (the usual finding): bytes into the columns, no string; its length in bytes is its length in characters
        if (ascii && rec.verdict !== 'valid') {
          if (!textMode) { recordBytes.bytes = rowsData; recordBytes.start = rowStarts[k]!; recordBytes.end = rowEnds[k]!; }
          findings.addScanned(rowLines[k]!, m, rec.start, rec.end, rec.verdict, rec.reason!, idDecoder, textMode ? undefined : recordBytes);
        } else {
          const id = rec.text(idDecoder);
          const cells = textMode ? undefined : cellsAt(rowsData, rowStarts[k]!, rowEnds[k]!);
          out.row(rowLines[k]!, id, rec.verdict, rec.reason, id.length, cells);
        }
        return;
      }
      pending.push({
        row: rowLines[k]!, id: rec.text(idDecoder), verdict: rec.verdict, reason: rec.reason,
        cells: textMode ? undefined : cellsAt(rowsData, rowStarts[k]!, rowEnds[k]!),
      });
    },
    onHashes: keepHashes,
    hashPartitionBits: PARTITION_BITS,
  });
  let direct = false;
  const recordBytes: RecordBytes = { bytes: data, start: 0, end: 0, delimiter: textMode ? -1 : format.delimiter!.charCodeAt(0), decoder: createLineDecoder(utf8 ? 'utf-8' : 'windows-1252') };
  const flush = () => {
    rowsData = data;
    direct = !job.all && !sideRows;
    batchBase = scanner.nextLine;
    if (idBytes) scanner.push(ids.subarray(0, idBytes), true);
    if (sideRows) pending.sort((a, b) => a.row - b.row);
    for (const p of pending) out.row(p.row, p.id, p.verdict, p.reason, p.id.length, p.cells);
    onProgress?.(0, batchRows);
    pending = []; sideRows = false; idBytes = 0; rows = 0; batchRows = 0;
  };
  for await (const { bytes, raw } of readerBytes(file, format, start, end, READ_CHUNK)) {
    if (hooks.isCancelled?.()) { result.cancelled = true; break; }
    reader.push(bytes, sink);
    flush();
    if (raw) onProgress?.(raw, 0);
  }
  if (!result.cancelled) { reader.end(sink); flush(); }
  const { lines: _lines, ...scanned } = scanner.counts();
  result.counts = addCounts(scanned, extra);
  result.lines = reader.lines;
  result.carriesOver = !result.cancelled && (reader.unterminatedQuote || reader.headerAhead) && end < file.size;
  result.bytes = end - start;
}

