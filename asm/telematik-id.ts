// Telematik-ID validator: the hot path of the bulk audit (scans newline-separated UTF-8 bytes).
// Written by hand in AssemblyScript because the measured figures said so: split+regex JS reaches
// ~30–65 MB/s, byte-level JS ~210 MB/s; this scan ~340 MB/s per worker with the interpreter alone and
// ~450–470 MB/s with the generated fast path (bench/RESULTS.md, section ids).
// The rules are not in this file: the formation rules and code tables of
// src/domain/telematik-id/rules-data.ts are compiled into a byte program and a code lookup table
// (src/domain/telematik-id/program.ts) and written into this module's memory at start. The bulk scan
// first tries the straight-line per-rule checks generated from the same data at build time
// (asm/generated/telematik-id-rules.ts, by src/domain/telematik-id/asm-codegen.ts); only IDs they do
// not accept as valid go through the interpreter below, which finds the reason.
// No exceptions: every outcome is a status code, so bad input never aborts the instance.

import { CLS_DIGIT, CLS_ALPHA, CLS_SEP, CLS_SPACE, cls, classOk, isDigit, isAlnum, ikValid } from './lib/telematik-id-chars';
import { fastValid } from './generated/telematik-id-rules';
// Result codes, layouts and limits: generated from src/domain/wasm-contract.ts (the TypeScript side reads the same).
import {
  V_VALID, V_WARNING, V_INVALID, R_OK, R_EMPTY, R_WHITESPACE, R_BAD_CHAR, R_TOO_LONG, R_NO_PREFIX, R_NO_REST,
  R_NO_FORMATION_RULE, R_RULE_MISMATCH, R_MISSING_SEPARATOR, R_WRONG_SEPARATOR, R_PART_TOO_SHORT, R_PART_TOO_LONG,
  R_PART_CHARS, R_UNKNOWN_CODE, R_CHECK_DIGIT, R_TRAILING, R_FIXED_PART, R_MISSING_PART,
  MAX_ID, KIND_DIGITS, KIND_ALNUM, KIND_EGBR, KIND_LITERAL, FLAG_OPTIONAL, FLAG_IK, NO_TABLE, LUT_STRIDE, MAX_PARTS,
  RULE_NONE, MAX_RULES, MAX_SECTOR, CODE_DIGITS, COUNT_VERDICT, COUNT_RULE, COUNT_REASON, COUNT_HOLDER, COUNT_SECTOR,
  REPORT_FINDINGS, REPORT_ALL, RECORD_U32S, RECORD_LINE, RECORD_OFFSET, RECORD_LENGTH, RECORD_PACKED, RECORD_SPAN,
  PACK_REASON_SHIFT, PACK_RULE_SHIFT, PACK_PART_SHIFT, PACK_HOLDER_SHIFT, PACK_RULE_MASK, PACK_HOLDER_MASK,
} from './generated/telematik-id-contract';

// ---- configuration written by JS ----
let programPtr: usize = 0;
let lutPtr: usize = 0;
let ruleCount: i32 = 0;
// rule index → offset of the rule in the program; sector → first rule and rule count (rules are grouped)
const ruleOffsets = new StaticArray<i32>(MAX_RULES);
const sectorFirst = new StaticArray<i32>(MAX_SECTOR + 1);
const sectorCount = new StaticArray<i32>(MAX_SECTOR + 1);

// ---- last single result (also used per line) ----
let resVerdict: u32 = 0, resReason: u32 = 0, resRule: u32 = RULE_NONE, resPart: u32 = 0, resHolder: u32 = 0;
let resSpanStart: i32 = 0, resSpanEnd: i32 = 0;
// sector prefix of the last ID (the number before the first '-'), -1 when it has none
let resSector: i32 = -1;
// explanation of the last result: part spans and LUT values (filled up to the last parsed part)
const partStart = new StaticArray<i32>(MAX_PARTS);
const partEnd = new StaticArray<i32>(MAX_PARTS);
let partsParsed: i32 = 0;

export function alloc(size: usize): usize {
  return heap.alloc(size);
}

/** Program layout: [ruleCount] then per rule [sector][subLen][sub…][holderLo][holderHi][partCount] + parts
 *  of [sep][kind][min][max][table][flags][litLen][lit…]. */
export function configure(program: usize, lut: usize): i32 {
  programPtr = program;
  lutPtr = lut;
  ruleCount = <i32>load<u8>(program);
  let p = program + 1;
  for (let r = 0; r < ruleCount; r++) {
    unchecked(ruleOffsets[r] = <i32>(p - program));
    const sector = <i32>load<u8>(p);
    if (sector <= MAX_SECTOR) {
      if (unchecked(sectorCount[sector]) == 0) unchecked(sectorFirst[sector] = r);
      unchecked(sectorCount[sector] = sectorCount[sector] + 1);
    }
    const subLen = <usize>load<u8>(p + 1);
    p += 2 + subLen + 2;
    const partCount = <i32>load<u8>(p);
    p += 1;
    for (let i = 0; i < partCount; i++) {
      const litLen = <usize>load<u8>(p + 6);
      p += 7 + litLen;
    }
  }
  return ruleCount;
}

/** Class mask of a part kind: digits, letters+digits, or digits+'.'+'-' (eGBR-ID). */
@inline function kindMask(kind: u8): u8 {
  return kind == KIND_DIGITS ? CLS_DIGIT : kind == KIND_ALNUM ? (CLS_DIGIT | CLS_ALPHA) : kind == KIND_EGBR ? (CLS_DIGIT | CLS_SEP) : 0xFF;
}
@inline function setResult(verdict: u32, reason: u32, start: i32, end: i32): void {
  resVerdict = verdict; resReason = reason; resSpanStart = start; resSpanEnd = end;
}

/** UTF-8 spaces people paste: U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000 (same set as SPACE_LIKE in JS). */
function unicodeSpaceAt(p: usize, i: i32, len: i32): bool {
  const c = <u32>load<u8>(p + <usize>i);
  if (c == 0xC2) return i + 1 < len && load<u8>(p + <usize>(i + 1)) == 0xA0;
  if (i + 2 >= len) return false;
  const b1 = <u32>load<u8>(p + <usize>(i + 1)), b2 = <u32>load<u8>(p + <usize>(i + 2));
  if (c == 0xE2) return (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xAF)) || (b1 == 0x81 && b2 == 0x9F);
  return c == 0xE3 && b1 == 0x80 && b2 == 0x80;
}

/** Validates one ID of `len` bytes at `p`. Sets the res* globals. */
export function validateAt(p: usize, len: i32): u32 {
  if (len == 0) { resRule = RULE_NONE; resPart = 0; resHolder = 0; partsParsed = 0; resSector = -1; setResult(V_INVALID, R_EMPTY, 0, 0); return resVerdict; }
  // Fast path: the structural parse only accepts allowed characters, so a valid result needs no
  // separate character scan. Only a failed parse pays for the general-form checks, which come first.
  if (len <= MAX_ID && parseStructure(p, len) == V_VALID) return V_VALID;
  for (let i = 0; i < len; i++) {
    const k = cls(<u32>load<u8>(p + <usize>i));
    if ((k & (CLS_DIGIT | CLS_ALPHA | CLS_SEP)) != 0) continue;
    resRule = RULE_NONE; resPart = 0; resHolder = 0; partsParsed = 0;
    setResult(V_INVALID, k == CLS_SPACE || unicodeSpaceAt(p, i, len) ? R_WHITESPACE : R_BAD_CHAR, i, i + 1); return resVerdict;
  }
  if (len > MAX_ID) {
    resRule = RULE_NONE; resPart = 0; resHolder = 0; partsParsed = 0;
    setResult(V_INVALID, R_TOO_LONG, MAX_ID, len); return resVerdict;
  }
  return resVerdict; // the structural result stands
}

/** Prefix, rule and parts of an ID of at most 128 bytes; characters are checked only as parsed. */
// A finding that does not stop parsing (the IK check digit): kept until the end, reported before later ones.
let softReason: u32 = 0, softStart: i32 = 0, softEnd: i32 = 0, softPart: u32 = 0;

/** A warning result; an earlier soft finding (wrong check digit) wins over later ones. */
function warn(reason: u32, start: i32, end: i32): void {
  if (softReason != 0) { setResult(V_WARNING, softReason, softStart, softEnd); resPart = softPart; }
  else setResult(V_WARNING, reason, start, end);
}

function parseStructure(p: usize, len: i32): u32 {
  resRule = RULE_NONE; resPart = 0; resHolder = 0; partsParsed = 0; resSector = -1;
  softReason = 0;
  let pos = 0;
  let sector: i32 = 0;
  while (pos < len && isDigit(<u32>load<u8>(p + <usize>pos))) {
    if (sector < 100000) sector = sector * 10 + <i32>(load<u8>(p + <usize>pos) - 48);
    pos++;
  }
  if (pos == 0 || pos >= len || load<u8>(p + <usize>pos) != 45) {
    setResult(V_INVALID, R_NO_PREFIX, 0, pos < len ? pos + 1 : len); return resVerdict;
  }
  const leadingZero = pos > 1 && load<u8>(p) == 48;
  resSector = leadingZero ? -1 : sector;
  pos++; // '-'
  if (pos == len) { setResult(V_INVALID, R_NO_REST, 0, len); return resVerdict; }

  // choose the rule of this sector whose sub-prefix matches
  let sectorHasRules = false;
  let rule: i32 = -1;
  let rp: usize = 0;
  if (!leadingZero && sector <= MAX_SECTOR && unchecked(sectorCount[sector]) > 0) {
    sectorHasRules = true;
    const first = unchecked(sectorFirst[sector]);
    const last = first + unchecked(sectorCount[sector]);
    for (let r = first; r < last; r++) {
      const ro = programPtr + <usize>unchecked(ruleOffsets[r]);
      const subLen = <i32>load<u8>(ro + 1);
      if (pos + subLen > len) continue;
      let same = true;
      for (let k = 0; k < subLen; k++) {
        if (load<u8>(ro + 2 + <usize>k) != load<u8>(p + <usize>(pos + k))) { same = false; break; }
      }
      if (same) { rule = r; rp = ro; break; }
    }
  }
  if (rule < 0) {
    setResult(V_WARNING, sectorHasRules ? R_RULE_MISMATCH : R_NO_FORMATION_RULE, pos, len);
    return resVerdict;
  }
  resRule = <u32>rule;
  const sectorEnd = pos;
  const subLen = <i32>load<u8>(rp + 1);
  pos += subLen;
  let q = rp + 2 + <usize>subLen;
  resHolder = <u32>load<u16>(q);
  q += 2;
  const partCount = <i32>load<u8>(q);
  q += 1;

  for (let i = 0; i < partCount; i++) {
    const sep = <u32>load<u8>(q);
    const kind = load<u8>(q + 1);
    const min = <i32>load<u8>(q + 2);
    const max = <i32>load<u8>(q + 3);
    const table = load<u8>(q + 4);
    const flags = load<u8>(q + 5);
    const litLen = <i32>load<u8>(q + 6);
    const lit = q + 7;
    q += 7 + <usize>litLen;
    resPart = <u32>i;
    const optional = (flags & FLAG_OPTIONAL) != 0;
    const mask = kindMask(kind);

    if (pos == len) {
      if (optional) break;
      warn(R_MISSING_PART, pos, pos); return resVerdict;
    }
    if (sep != 0) {
      const c = <u32>load<u8>(p + <usize>pos);
      if (c != sep) {
        if (optional) break; // leftover is reported as trailing below
        if (c == 45 || c == 46) { warn(R_WRONG_SEPARATOR, pos, pos + 1); return resVerdict; }
        warn(R_MISSING_SEPARATOR, pos, pos); return resVerdict;
      }
      pos++;
    }
    const start = pos;
    let value: i32 = 0;
    if (kind == KIND_LITERAL) {
      for (let k = 0; k < litLen; k++) {
        if (pos + k >= len || load<u8>(lit + <usize>k) != load<u8>(p + <usize>(pos + k))) {
          warn(R_FIXED_PART, start, min32(start + litLen, len)); return resVerdict;
        }
      }
      pos += litLen;
    } else {
      const stop = min32(len, start + max);
      if (kind == KIND_DIGITS) {
        // the value is only needed for code-table parts (≤ 3 digits); computing it always is cheaper than a second pass
        for (;;) {
          if (pos >= stop) break;
          const d = <u32>load<u8>(p + <usize>pos) - 48;
          if (d >= 10) break;
          value = value * 10 + <i32>d;
          pos++;
        }
      } else {
        while (pos < stop && classOk(mask, <u32>load<u8>(p + <usize>pos))) pos++;
      }
      if (pos < len) {
        const c = <u32>load<u8>(p + <usize>pos);
        if (pos - start < max && isAlnum(c) && !classOk(mask, c)) {
          warn(R_PART_CHARS, pos, pos + 1); return resVerdict;
        }
        // a run of the same class beyond max: the part is too long
        if (pos - start == max && classOk(mask, c)) {
          const nextSep: u32 = i + 1 < partCount ? <u32>load<u8>(q) : 0;
          if (i + 1 == partCount || nextSep != 0) {
            let e = pos;
            while (e < len && classOk(mask, <u32>load<u8>(p + <usize>e))) e++;
            warn(R_PART_TOO_LONG, start, e); return resVerdict;
          }
        }
      }
      if (pos - start < min) {
        // nothing of the part at all: right after the rule's prefix the ID simply follows no rule of
        // the sector (4-1-Psycho…); later, the part is missing rather than short
        if (pos == start && i == 0 && sep == 0) { resRule = RULE_NONE; resPart = 0; partsParsed = 0; warn(R_RULE_MISMATCH, sectorEnd, len); return resVerdict; }
        warn(pos == start ? R_MISSING_PART : R_PART_TOO_SHORT, start, pos); return resVerdict;
      }
    }
    if (i < MAX_PARTS) { unchecked(partStart[i] = start); unchecked(partEnd[i] = pos); partsParsed = i + 1; }
    if (table != NO_TABLE) {
      const n = pos - start;
      const key = value + 1000 * (CODE_DIGITS - n);
      const hit = <u32>load<u16>(lutPtr + (<usize>(<i32>table * LUT_STRIDE + key) << 1));
      if (hit == 0) { warn(R_UNKNOWN_CODE, start, pos); return resVerdict; }
      if (hit > 1 && resHolder == 0) resHolder = hit - 1;
    }
    if ((flags & FLAG_IK) != 0 && !ikValid(p + <usize>start) && softReason == 0) {
      // a wrong check digit still lets the rest be parsed (explanations show every part); it is reported first
      softReason = R_CHECK_DIGIT; softStart = start + 8; softEnd = start + 9; softPart = <u32>i;
    }
  }
  if (pos < len) { warn(R_TRAILING, pos, len); return resVerdict; }
  if (softReason != 0) { warn(softReason, softStart, softEnd); return resVerdict; }
  resPart = 0; // a valid result names no part
  setResult(V_VALID, R_OK, 0, 0);
  return resVerdict;
}

@inline function min32(a: i32, b: i32): i32 { return a < b ? a : b; }

export function resultVerdict(): u32 { return resVerdict; }
export function resultReason(): u32 { return resReason; }
export function resultRule(): u32 { return resRule; }
export function resultPart(): u32 { return resPart; }
export function resultHolder(): u32 { return resHolder; }
export function resultSpanStart(): i32 { return resSpanStart; }
export function resultSpanEnd(): i32 { return resSpanEnd; }
export function resultSector(): i32 { return resSector; }
export function resultPartsParsed(): i32 { return partsParsed; }
export function resultPartStart(i: i32): i32 { return i < MAX_PARTS ? unchecked(partStart[i]) : -1; }
export function resultPartEnd(i: i32): i32 { return i < MAX_PARTS ? unchecked(partEnd[i]) : -1; }

/**
 * The generated fast path: `rule | holder << 8 | sector << 24` when the ID is valid, -1 when the
 * interpreter must decide. Exported for the test that holds it to the interpreter; inlined into scan
 * (a call per line cost ~5 %, bench ids).
 */
export function acceptFast(p: usize, len: i32): i32 { return fastPath(p, len); }

@inline function fastPath(p: usize, len: i32): i32 {
  if (len > MAX_ID || len < 3) return -1;
  // a sector of one digit, or two without a leading zero, then '-'
  const d0 = <u32>load<u8>(p) - 48, c1 = <u32>load<u8>(p + 1);
  if (d0 >= 10) return -1;
  let sector: i32, pos: i32;
  if (c1 == 45) { sector = <i32>d0; pos = 2; }
  else if (c1 - 48 < 10 && d0 != 0 && load<u8>(p + 2) == 45) { sector = <i32>(d0 * 10 + c1 - 48); pos = 3; }
  else return -1;
  if (pos >= len) return -1;
  const packed = fastValid(p, len, sector, pos, lutPtr);
  return packed < 0 ? -1 : packed | (sector << 24);
}

// ---- bulk scan ----
// counters (blocks of the contract's TID_COUNT_BLOCKS): verdicts, rules (RULE_NONE = none), reasons, holders,
// sectors of Telematik-IDs (valid or warning; the last slot = sector 100 or more)
let countsPtr: usize = 0;
let consumed: i32 = 0;
let linesSeen: i32 = 0;
let recordsWritten: i32 = 0;
let idsSeen: i32 = 0;

export function setCounters(ptr: usize): void { countsPtr = ptr; }
export function scanConsumed(): i32 { return consumed; }
export function scanLines(): i32 { return linesSeen; }
export function scanRecords(): i32 { return recordsWritten; }
export function scanIds(): i32 { return idsSeen; }

@inline function bump(index: i32): void {
  const a = countsPtr + (<usize>index << 2);
  store<u32>(a, load<u32>(a) + 1);
}

/** 64-bit hash of a line, 8 bytes at a time (duplicate detection only, not cryptographic). */
function hashLine(p: usize, n: i32): u64 {
  let h: u64 = 0x9E3779B97F4A7C15 ^ <u64>n;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ load<u64>(p + <usize>i)) * 0xff51afd7ed558ccd;
    h ^= h >> 32;
  }
  if (i < n) {
    // the last 1–7 bytes in one load; the bytes after the line are masked off (callers leave ≥ 8 bytes of room)
    const tail = load<u64>(p + <usize>i) & ((<u64>1 << (<u64>(n - i) << 3)) - 1);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53;
  }
  h ^= h >> 29;
  h *= 0xff51afd7ed558ccd;
  return h ^ (h >> 32);
}

// cursor per partition for partitionHashes (at most 2^8 partitions)
const partitionCursor = memory.data(256 * 4);

/**
 * Sorts `n` 64-bit hashes at `src` by partition (their top `bits` bits, ≤ 8) into `dst`; `starts`
 * gets 2^bits + 1 u32: partition p is hashes starts[p] … starts[p+1]-1. A counting sort here costs a
 * few ns per hash; the same in the worker's JavaScript cost ~30 ns (bench ids, Chromium).
 */
export function partitionHashes(src: usize, n: i32, dst: usize, starts: usize, bits: i32): void {
  const parts = 1 << bits, shift = <u64>(64 - bits);
  memory.fill(starts, 0, <usize>(parts + 1) << 2);
  for (let i = 0; i < n; i++) {
    const a = starts + ((<usize>(load<u64>(src + (<usize>i << 3)) >> shift) + 1) << 2);
    store<u32>(a, load<u32>(a) + 1);
  }
  for (let p = 0; p < parts; p++) {
    const a = starts + (<usize>p << 2);
    store<u32>(a + 4, load<u32>(a + 4) + load<u32>(a));
    store<u32>(partitionCursor + (<usize>p << 2), load<u32>(a));
  }
  for (let i = 0; i < n; i++) {
    const h = load<u64>(src + (<usize>i << 3));
    const c = partitionCursor + (<usize>(h >> shift) << 2);
    const at = load<u32>(c);
    store<u32>(c, at + 1);
    store<u64>(dst + (<usize>at << 3), h);
  }
}

/**
 * Validates every line of [input, input+len). Lines end at LF, CRLF or a lone CR. Blank lines
 * (empty or only spaces/tabs) are counted as lines but not validated. Records (RECORD_U32S u32, layout in the contract) go to
 * `records` — for every line with `report` = REPORT_ALL (export of all results), for every non-valid
 * line with REPORT_FINDINGS, for none with REPORT_COUNTS: line index, byte offset, byte length, packed result
 * (verdict | reason<<2 | rule<<8 | part<<14 | holder<<18), span (start | end<<16). For every validated
 * line a 64-bit hash (2 u32) goes to `hashes` (duplicate detection).
 * When `final` is 0, an unterminated last line (or a trailing CR) is left for the next call:
 * scanConsumed() tells how many bytes were used. Stops early after `maxRecords` validated lines.
 */
export function scan(input: usize, len: i32, final: i32, records: usize, maxRecords: i32, hashes: usize, report: i32): i32 {
  let pos = 0;
  let lines = 0;
  let recs = 0;
  let ids = 0;
  let lastEnd = 0;
  while (pos < len) {
    // find end of line: 32 bytes at a time (most IDs end within the first 32, so the loop's exit is
    // predictable; with 16 it was a coin toss per line on ~17-byte lines), then byte by byte
    let e = pos;
    const nl = i8x16.splat(10), cr = i8x16.splat(13);
    while (e + 32 <= len) {
      const v0 = v128.load(input + <usize>e), v1 = v128.load(input + <usize>e, 16);
      const m = <u32>i8x16.bitmask(v128.or(i8x16.eq(v0, nl), i8x16.eq(v0, cr)))
        | (<u32>i8x16.bitmask(v128.or(i8x16.eq(v1, nl), i8x16.eq(v1, cr))) << 16);
      if (m != 0) { e += <i32>ctz(m); break; }
      e += 32;
    }
    if (e + 32 > len) {
      while (e < len) {
        const c = load<u8>(input + <usize>e);
        if (c == 10 || c == 13) break;
        e++;
      }
    }
    let next: i32;
    if (e == len) {
      if (final == 0) break;
      next = len;
    } else if (load<u8>(input + <usize>e) == 13) {
      if (e + 1 == len && final == 0) break; // CR at the end: maybe CRLF across chunks
      next = e + 1 < len && load<u8>(input + <usize>(e + 1)) == 10 ? e + 2 : e + 1;
    } else {
      next = e + 1;
    }
    // blank?
    let blank = true;
    for (let k = pos; k < e; k++) {
      const c = <u32>load<u8>(input + <usize>k);
      if (c != 32 && c != 9) { blank = false; break; }
    }
    if (!blank) {
      if (ids >= maxRecords) break;
      let v: u32;
      const fast = fastPath(input + <usize>pos, e - pos);
      if (fast >= 0) {
        v = V_VALID; resRule = <u32>fast & PACK_RULE_MASK; resHolder = (<u32>fast >>> 8) & 0xFFFF; resSector = fast >>> 24;
        resReason = R_OK; resPart = 0; resSpanStart = 0; resSpanEnd = 0;
      } else v = validateAt(input + <usize>pos, e - pos);
      bump(COUNT_VERDICT + <i32>v);
      bump(COUNT_RULE + <i32>resRule);
      if (v == V_VALID) bump(COUNT_HOLDER + <i32>resHolder);
      else bump(COUNT_REASON + <i32>resReason);
      if (v != V_INVALID && resSector >= 0) bump(COUNT_SECTOR + (resSector < 100 ? resSector : 100));
      if (report == REPORT_ALL || (report == REPORT_FINDINGS && v != V_VALID)) {
        const r = records + (<usize>recs * <usize>(RECORD_U32S * 4));
        store<u32>(r + RECORD_LINE, <u32>lines);
        store<u32>(r + RECORD_OFFSET, <u32>pos);
        store<u32>(r + RECORD_LENGTH, <u32>(e - pos));
        store<u32>(r + RECORD_PACKED, v | (resReason << PACK_REASON_SHIFT) | (resRule << PACK_RULE_SHIFT) | (resPart << PACK_PART_SHIFT) | ((resHolder & PACK_HOLDER_MASK) << PACK_HOLDER_SHIFT));
        store<u32>(r + RECORD_SPAN, (<u32>resSpanStart & 0xFFFF) | (<u32>resSpanEnd << 16));
        recs++;
      }
      store<u64>(hashes + (<usize>ids << 3), hashLine(input + <usize>pos, e - pos));
      ids++;
    }
    lines++;
    pos = next;
    lastEnd = next;
  }
  consumed = lastEnd;
  linesSeen = lines;
  recordsWritten = recs;
  idsSeen = ids;
  return lines;
}
