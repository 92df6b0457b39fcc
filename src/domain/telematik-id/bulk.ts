// Bulk validation over byte streams: feeds chunks of newline-separated IDs through the wasm scanner,
// keeping a carry for lines split across chunks, and reports every non-valid line (or every line,
// for "export all") with its line number. Used by the audit workers and by the ti-validate CLI.
import type { TelematikIdCore } from './core.ts';
import { REASONS, RULE_NONE, VERDICTS, reasonNamesPart } from './codes.ts';
import { HOLDERS } from './program.ts';
import { RULES } from './rules-data.ts';
import type { Verdict } from './types.ts';
import type { AuditCounts } from '../audit/counts.ts';
import {
  TID_COUNT_AT, TID_COUNT_BLOCKS, TID_LIMITS, TID_PACKED, TID_REASON_NUMBERS, TID_RECORD_FIELDS, TID_REPORT,
} from '../wasm-contract.ts';

const CHUNK = 4 << 20;           // bytes fed to one scan call
const MAX_LINE = 1 << 20;        // a longer "line" is reported as too long and skipped
const MAX_RECORDS = 1 << 18;     // validated lines per scan call
const COUNT_SLOTS = TID_COUNT_AT.slots;
const RECORD_U32S = TID_RECORD_FIELDS.length;
const RECORD = Object.fromEntries(TID_RECORD_FIELDS.map((f, i) => [f, i])) as Record<(typeof TID_RECORD_FIELDS)[number], number>;
/** A field of a packed result (layout: the wasm contract). */
const unpack = (packed: number, [shift, bits]: readonly [number, number]) => (packed >>> shift) & ((2 ** bits) - 1);
const [VERDICT_SHIFT, VERDICT_BITS] = TID_PACKED.verdict;
const VERDICT_MASK = (1 << VERDICT_BITS) - 1; // the per-record hot path reads the verdict without unpack()

/**
 * One reported line. The scanner hands the same object to every onRecord call (no allocation per
 * line): read what you need inside the callback, keep copies, never the record itself.
 */
export class ScanRecord {
  /** 1-based line number within the stream (after `firstLine`). */
  line = 0;
  verdict: Verdict = 'valid';
  /** @internal packed result of the core (see asm/telematik-id.ts scan) and span */
  packed = 0;
  /** @internal */
  packedSpan = 0;
  /** Set instead of the packed fields for a line the scanner had to cut off. */
  private override: { reason: string; span: [number, number] } | null = null;

  get reason(): string | null {
    if (this.override) return this.override.reason;
    const n = unpack(this.packed, TID_PACKED.reason);
    return n ? REASONS[n] ?? null : null;
  }
  get rule(): string | null {
    if (this.override) return null;
    const r = unpack(this.packed, TID_PACKED.rule);
    return r === RULE_NONE ? null : RULES[r]?.id ?? null;
  }
  get part(): string | null {
    if (this.override) return null;
    const n = unpack(this.packed, TID_PACKED.reason), r = unpack(this.packed, TID_PACKED.rule);
    const rule = r === RULE_NONE ? null : RULES[r];
    return rule && reasonNamesPart(n) ? rule.parts[unpack(this.packed, TID_PACKED.part)]?.name ?? null : null;
  }
  get holder(): string | null {
    return !this.override && this.verdict === 'valid' ? HOLDERS[unpack(this.packed, TID_PACKED.holder)] || null : null;
  }
  get span(): [number, number] | null {
    if (this.override) return this.override.span;
    return unpack(this.packed, TID_PACKED.reason) ? [this.packedSpan & 0xffff, this.packedSpan >>> 16] : null;
  }
  /** @internal */
  setOverride(value: { reason: string; span: [number, number] } | null): void { this.override = value; }
  /** Where the line's bytes are: memory[start, end) (valid only during the callback). */
  memory: Uint8Array = new Uint8Array();
  start = 0;
  end = 0;

  /** The line's bytes (a view: valid only during the callback). */
  get bytes(): Uint8Array { return this.memory.subarray(this.start, this.end); }
  get length(): number { return this.end - this.start; }

  /** The line as text; ASCII (the usual case) without a TextDecoder round trip. */
  text(decoder: { decode(bytes: Uint8Array): string }): string {
    const m = this.memory;
    let ascii = true;
    for (let i = this.start; i < this.end; i++) if (m[i]! >= 0x80) { ascii = false; break; }
    if (ascii && this.end - this.start <= 256) {
      return String.fromCharCode.apply(null, m.subarray(this.start, this.end) as unknown as number[]);
    }
    return decoder.decode(m.subarray(this.start, this.end));
  }
}

/** The scanner's counts: lines fed (blank ones too) besides the audit counts. */
export interface ScanCounts extends AuditCounts {
  lines: number;
}

export interface BulkScannerOptions {
  /** Report valid lines too. */
  all?: boolean;
  onRecord: (record: ScanRecord) => void;
  /**
   * 64-bit hashes (lo, hi pairs) of every validated line, for duplicate counting (views: valid only
   * during the call). With `hashPartitionBits` the pairs come sorted by their top bits and `starts`
   * tells where each partition begins (2^bits + 1 entries); else `starts` is null.
   */
  onHashes?: (hashes: Uint32Array, starts: Uint32Array | null) => void;
  /** Sort each call's hashes by partition (1–8 bits) in wasm before onHashes. */
  hashPartitionBits?: number;
  /** Line number of the first line fed (default 1). */
  firstLine?: number;
}

interface ScanBuffers { input: number; records: number; hashes: number; sorted: number; starts: number; counts: number }
// wasm memory is never freed (stub runtime): one set of buffers per instance, reused by each scanner.
// An instance therefore runs one BulkScanner at a time (the worker pool and the CLI guarantee it).
const buffersOf = new WeakMap<TelematikIdCore, ScanBuffers>();

function buffers(core: TelematikIdCore): ScanBuffers {
  let b = buffersOf.get(core);
  if (!b) {
    const e = core.exports;
    b = {
      input: e.alloc(CHUNK + MAX_LINE + 64), records: e.alloc(MAX_RECORDS * RECORD_U32S * 4), hashes: e.alloc(MAX_RECORDS * 8),
      sorted: e.alloc(MAX_RECORDS * 8), starts: e.alloc(257 * 4), counts: e.alloc(COUNT_SLOTS * 4),
    };
    buffersOf.set(core, b);
  }
  return b;
}

export class BulkScanner {
  /** False: non-valid lines are only counted, not handed to onRecord (e.g. once the findings list is full). */
  reportFindings = true;
  private readonly record = new ScanRecord();
  private readonly input: number;
  private readonly records: number;
  private readonly hashes: number;
  private readonly sorted: number;
  private readonly starts: number;
  private readonly countsPtr: number;
  private carry = 0;
  private skippingLongLine = false;
  private longLineStart = 0;
  private longLinePreview: Uint8Array | null = null;
  private line: number;
  private ids = 0;

  constructor(private readonly core: TelematikIdCore, private readonly options: BulkScannerOptions) {
    const e = core.exports;
    const b = buffers(core);
    this.input = b.input;
    this.records = b.records;
    this.hashes = b.hashes;
    this.sorted = b.sorted;
    this.starts = b.starts;
    this.countsPtr = b.counts;
    new Uint32Array(e.memory.buffer, this.countsPtr, COUNT_SLOTS).fill(0);
    this.line = options.firstLine ?? 1;
  }

  /** Feeds the next bytes; `final` marks the end of the stream. */
  push(bytes: Uint8Array, final = false): void {
    let offset = 0;
    do {
      const room = CHUNK + MAX_LINE - this.carry;
      const take = Math.min(room, bytes.length - offset);
      if (this.skippingLongLine) {
        offset += this.skipLongLine(bytes.subarray(offset));
        if (this.skippingLongLine) { if (final) this.finishLongLine(); return; }
        continue;
      }
      new Uint8Array(this.core.exports.memory.buffer, this.input + this.carry, take).set(bytes.subarray(offset, offset + take));
      offset += take;
      const available = this.carry + take;
      const last = final && offset >= bytes.length;
      const used = this.scanAvailable(available, last);
      this.carry = available - used;
      if (this.carry > 0) {
        const mem = new Uint8Array(this.core.exports.memory.buffer);
        mem.copyWithin(this.input, this.input + used, this.input + available);
        if (this.carry >= MAX_LINE) this.beginLongLine();
      }
    } while (offset < bytes.length);
    if (final && this.carry > 0) this.scanAvailable(this.carry, true);
  }

  private scanAvailable(available: number, final: boolean): number {
    const e = this.core.exports;
    e.setCounters(this.countsPtr);
    let used = 0;
    for (;;) {
      const report = this.options.all ? TID_REPORT.all : this.reportFindings ? TID_REPORT.findings : TID_REPORT.counts;
      e.scan(this.input + used, available - used, final ? 1 : 0, this.records, MAX_RECORDS, this.hashes, report);
      const consumed = e.scanConsumed();
      this.deliver(this.input + used, e.scanLines(), e.scanRecords(), e.scanIds());
      used += consumed;
      if (consumed === 0 || used >= available || e.scanIds() < MAX_RECORDS) break;
    }
    return used;
  }

  private deliver(base: number, lines: number, records: number, ids: number): void {
    const e = this.core.exports;
    const mem = new Uint8Array(e.memory.buffer);
    const recs = new Uint32Array(e.memory.buffer, this.records, records * RECORD_U32S);
    const rec = this.record;
    rec.memory = mem;
    rec.setOverride(null);
    for (let i = 0; i < records; i++) {
      const r = i * RECORD_U32S;
      const offset = recs[r + RECORD.offset]!;
      rec.line = this.line + recs[r + RECORD.line]!;
      rec.start = base + offset;
      rec.end = base + offset + recs[r + RECORD.length]!;
      rec.packed = recs[r + RECORD.packed]!;
      rec.packedSpan = recs[r + RECORD.span]!;
      rec.verdict = VERDICTS[(rec.packed >>> VERDICT_SHIFT) & VERDICT_MASK]!;
      this.options.onRecord(rec);
    }
    if (this.options.onHashes && ids > 0) {
      const bits = this.options.hashPartitionBits;
      if (bits) {
        e.partitionHashes(this.hashes, ids, this.sorted, this.starts, bits);
        this.options.onHashes(
          new Uint32Array(e.memory.buffer, this.sorted, ids * 2), new Uint32Array(e.memory.buffer, this.starts, (1 << bits) + 1));
      } else {
        this.options.onHashes(new Uint32Array(e.memory.buffer, this.hashes, ids * 2), null);
      }
    }
    this.line += lines;
    this.ids += ids;
  }

  private beginLongLine(): void {
    const mem = new Uint8Array(this.core.exports.memory.buffer);
    this.longLinePreview = mem.slice(this.input, this.input + 200);
    this.longLineStart = this.line;
    this.skippingLongLine = true;
    this.carry = 0;
  }

  /** Drops bytes up to the end of the over-long line; returns how many were used. */
  private skipLongLine(bytes: Uint8Array): number {
    let i = 0;
    while (i < bytes.length && bytes[i] !== 10 && bytes[i] !== 13) i++;
    if (i === bytes.length) return i;
    const next = bytes[i] === 13 && bytes[i + 1] === 10 ? i + 2 : i + 1;
    this.finishLongLine();
    return next;
  }

  private finishLongLine(): void {
    this.skippingLongLine = false;
    const counts = new Uint32Array(this.core.exports.memory.buffer, this.countsPtr, COUNT_SLOTS);
    counts[TID_COUNT_AT.verdict + VERDICTS.indexOf('invalid')]!++;
    counts[TID_COUNT_AT.rule + RULE_NONE]!++;
    counts[TID_COUNT_AT.reason + TID_REASON_NUMBERS.TID_TOO_LONG]!++;
    const rec = this.record;
    rec.line = this.longLineStart; rec.memory = this.longLinePreview ?? new Uint8Array(); rec.start = 0; rec.end = rec.memory.length;
    rec.verdict = 'invalid';
    rec.setOverride({ reason: 'TID_TOO_LONG', span: [TID_LIMITS.idBytes, MAX_LINE] });
    this.options.onRecord(rec);
    rec.setOverride(null);
    this.line = this.longLineStart + 1;
    this.ids++;
  }

  /** True while an unterminated line waits for more bytes. */
  get hasPendingLine(): boolean { return this.carry > 0 || this.skippingLongLine; }

  /** True when the pending bytes end in CR: the line is complete unless an LF follows. */
  get pendingEndsWithCR(): boolean {
    return this.carry > 0 && !this.skippingLongLine && new Uint8Array(this.core.exports.memory.buffer)[this.input + this.carry - 1] === 13;
  }

  /** Line number the next fed line will get. */
  get nextLine(): number { return this.line; }

  counts(): ScanCounts {
    const c = new Uint32Array(this.core.exports.memory.buffer, this.countsPtr, COUNT_SLOTS);
    const byRule: Record<string, number> = {};
    const at = TID_COUNT_AT;
    RULES.forEach((r, i) => { if (c[at.rule + i]) byRule[r.id] = c[at.rule + i]!; });
    // Rows without a rule: invalid ones are no Telematik-ID at all; warnings follow the general form only.
    const [valid, warning, invalid] = [0, 1, 2].map((v) => c[at.verdict + v]!) as [number, number, number];
    const withoutRule = c[at.rule + RULE_NONE]!;
    if (invalid) byRule.none = invalid;
    if (withoutRule > invalid) byRule.general = withoutRule - invalid;
    const byReason: Record<string, number> = {};
    for (const [n, name] of Object.entries(REASONS)) if (c[at.reason + Number(n)]) byReason[name] = c[at.reason + Number(n)]!;
    const byHolder: Record<string, number> = {};
    HOLDERS.forEach((h, i) => { if (h && c[at.holder + i]) byHolder[h] = c[at.holder + i]!; });
    const bySector: Record<string, number> = {};
    const over = TID_COUNT_BLOCKS.sector - 1; // the last slot: sector 100 or more
    for (let n = 0; n <= over; n++) if (c[at.sector + n]) bySector[n === over ? `${over}+` : String(n)] = c[at.sector + n]!;
    const lines = this.line - (this.options.firstLine ?? 1);
    // a line the scanner skipped had nothing but spaces or tabs in it
    return { lines, ids: this.ids, blankRows: lines - this.ids, valid, warning, invalid, byRule, byReason, byHolder, bySector };
  }
}
