// Iterative strict-DER walker. Writes one fixed-size record per element into a flat node table
// (pre-order), so JS reads offsets and only decodes what it shows. No allocation, no throw:
// every failure is a negative status and the instance stays usable.
import {
  ERR_TRUNCATED, ERR_EXCEEDS_PARENT, ERR_INDEFINITE_LENGTH, ERR_NON_MINIMAL_LENGTH, ERR_LENGTH_TOO_LARGE,
  ERR_BAD_TAG, ERR_DEPTH_LIMIT, ERR_NODE_LIMIT, ERR_WRONG_CONSTRUCTION, ERR_BAD_BOOLEAN, ERR_BAD_INTEGER,
  ERR_BAD_OID, ERR_BAD_BIT_STRING, ERR_BAD_NULL, ERR_BAD_TIME,
  NODE_FIELDS, F_TAG, F_START, F_CONTENT, F_END, F_PARENT, F_NEXT, F_DEPTH, F_CHILD, FLAG_ENCAPSULATE, FLAG_ALLOW_TRAILING,
} from '../../generated/der-contract';
export { NODE_FIELDS, FLAG_ENCAPSULATE, FLAG_ALLOW_TRAILING };

// Status codes, node fields and flags: generated from src/domain/wasm-contract.ts.
export const NODE_BYTES: i32 = NODE_FIELDS * 4;
/** Hard ceiling for nesting; the caller's limit is clamped to it (sizes the static stacks). */
export const MAX_DEPTH_CEILING: i32 = 256;


const levelEnd = memory.data(MAX_DEPTH_CEILING * 4 + 8);
const levelParent = memory.data(MAX_DEPTH_CEILING * 4 + 8);
const levelLast = memory.data(MAX_DEPTH_CEILING * 4 + 8);

export let inputBase: usize = 0;
export let nodeBase: usize = 0;
export let nodeCount: i32 = 0;
export let nodeLimit: i32 = 0;
export let depthLimit: i32 = 0;
export let flags: i32 = 0;
export let errorOffset: i32 = 0;

@inline function byteAt(off: i32): u32 { return <u32>load<u8>(inputBase + <usize>off); }
@inline function nodeAddr(i: i32): usize { return nodeBase + (<usize>i) * <usize>NODE_BYTES; }
@inline function setField(i: i32, f: i32, v: i32): void { store<i32>(nodeAddr(i) + (<usize>f << 2), v); }
@inline function getField(i: i32, f: i32): i32 { return load<i32>(nodeAddr(i) + (<usize>f << 2)); }
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }

function fail(code: i32, at: i32): i32 { errorOffset = at; return code; }

/** Checks the content rules DER puts on universal primitive types. */
@inline function checkUniversal(num: i32, cons: bool, c: i32, e: i32): i32 {
  const len = e - c;
  if (num == 16 || num == 17) return cons ? 0 : ERR_WRONG_CONSTRUCTION;
  if (num == 0) return ERR_BAD_TAG; // end-of-contents only exists in BER indefinite form
  if (num == 8 || num == 11 || num == 29) return 0; // EXTERNAL, EMBEDDED PDV, CHARACTER STRING
  if (cons) return ERR_WRONG_CONSTRUCTION; // DER forbids constructed strings
  switch (num) {
    case 1: return len == 1 && (byteAt(c) == 0 || byteAt(c) == 0xff) ? 0 : ERR_BAD_BOOLEAN;
    case 2: case 10: {
      if (len < 1) return ERR_BAD_INTEGER;
      if (len > 1) {
        const b0 = byteAt(c), b1 = byteAt(c + 1);
        if ((b0 == 0 && b1 < 0x80) || (b0 == 0xff && b1 >= 0x80)) return ERR_BAD_INTEGER;
      }
      return 0;
    }
    case 3: {
      if (len < 1) return ERR_BAD_BIT_STRING;
      const unused = byteAt(c);
      if (unused > 7 || (len == 1 && unused != 0)) return ERR_BAD_BIT_STRING;
      if (unused != 0 && (byteAt(e - 1) & ((1 << unused) - 1)) != 0) return ERR_BAD_BIT_STRING;
      return 0;
    }
    case 5: return len == 0 ? 0 : ERR_BAD_NULL;
    case 6: case 13: {
      if (len < 1 || (byteAt(e - 1) & 0x80) != 0) return ERR_BAD_OID;
      let startOfArc = true;
      for (let p = c; p < e; p++) {
        const b = byteAt(p);
        if (startOfArc && b == 0x80) return ERR_BAD_OID;
        startOfArc = (b & 0x80) == 0;
      }
      return 0;
    }
    case 23: { // UTCTime: YYMMDDHHMMSSZ
      if (len != 13 || byteAt(e - 1) != 0x5a) return ERR_BAD_TIME;
      for (let p = c; p < e - 1; p++) if (!isDigit(byteAt(p))) return ERR_BAD_TIME;
      return 0;
    }
    case 24: { // GeneralizedTime: YYYYMMDDHHMMSSZ
      if (len != 15 || byteAt(e - 1) != 0x5a) return ERR_BAD_TIME;
      for (let p = c; p < e - 1; p++) if (!isDigit(byteAt(p))) return ERR_BAD_TIME;
      return 0;
    }
  }
  return 0;
}

/** True when an OCTET/BIT STRING content plausibly starts a DER element worth a trial walk. */
@inline function looksEncapsulated(num: i32, c: i32, e: i32): bool {
  if (num == 4) {
    if (e - c < 2) return false;
    const t = byteAt(c);
    return t == 0x30 || t == 0x31 || t == 0x03 || t == 0x04 || t == 0x02 || t == 0x06 || t == 0x0c || t == 0x13 || t == 0x16;
  }
  // BIT STRING: no unused bits and a SEQUENCE inside (RSA keys, nested structures)
  return e - c >= 3 && byteAt(c) == 0 && byteAt(c + 1) == 0x30;
}

/**
 * Walks [start, end) as a sequence of elements at nesting `baseDepth`, children of `parent`.
 * With `single`, stops after one element and returns its end; otherwise returns `end`. Negative = error.
 */
export function walkRange(start: i32, end: i32, baseDepth: i32, parent: i32, single: bool): i32 {
  let level = baseDepth;
  store<i32>(levelEnd + (<usize>level << 2), end);
  store<i32>(levelParent + (<usize>level << 2), parent);
  store<i32>(levelLast + (<usize>level << 2), -1);
  let pos = start;
  while (true) {
    const limit = load<i32>(levelEnd + (<usize>level << 2));
    if (pos >= limit) {
      if (level == baseDepth) return pos;
      level--;
      continue;
    }
    if (single && level == baseDepth && load<i32>(levelLast + (<usize>level << 2)) >= 0) return pos;
    const tagStart = pos;
    // identifier octets
    let b = byteAt(pos++);
    const cls = <i32>(b >> 6);
    const cons = (b & 0x20) != 0;
    let num = <i32>(b & 0x1f);
    if (num == 0x1f) {
      num = 0;
      let count = 0;
      while (true) {
        if (pos >= limit) return fail(limit == end && level == baseDepth ? ERR_TRUNCATED : ERR_EXCEEDS_PARENT, tagStart);
        b = byteAt(pos++);
        if (count == 0 && b == 0x80) return fail(ERR_BAD_TAG, tagStart);
        if (++count > 4) return fail(ERR_BAD_TAG, tagStart);
        num = (num << 7) | <i32>(b & 0x7f);
        if ((b & 0x80) == 0) break;
      }
      if (num < 0x1f || num > 0x1fffffff) return fail(ERR_BAD_TAG, tagStart);
    }
    // length octets
    if (pos >= limit) return fail(ERR_TRUNCATED, tagStart);
    b = byteAt(pos++);
    let len: u64 = 0;
    if (b < 0x80) len = b;
    else if (b == 0x80) return fail(ERR_INDEFINITE_LENGTH, tagStart);
    else {
      const n = <i32>(b & 0x7f);
      if (n > 4) return fail(ERR_LENGTH_TOO_LARGE, tagStart);
      if (pos + n > limit) return fail(ERR_TRUNCATED, tagStart);
      if (byteAt(pos) == 0) return fail(ERR_NON_MINIMAL_LENGTH, tagStart);
      for (let k = 0; k < n; k++) len = (len << 8) | <u64>byteAt(pos++);
      if (len < 0x80) return fail(ERR_NON_MINIMAL_LENGTH, tagStart);
    }
    const contentStart = pos;
    if (<u64>contentStart + len > <u64>limit) {
      return fail(level == 0 ? ERR_TRUNCATED : ERR_EXCEEDS_PARENT, tagStart);
    }
    const contentEnd = contentStart + <i32>len;
    if (cls == 0) {
      const r = checkUniversal(num, cons, contentStart, contentEnd);
      if (r != 0) return fail(r, tagStart);
    }
    if (nodeCount >= nodeLimit) return fail(ERR_NODE_LIMIT, tagStart);
    const idx = nodeCount++;
    const levelSlot = <usize>level << 2;
    const parentIdx = load<i32>(levelParent + levelSlot);
    // one base address, field offsets as store immediates
    const a = nodeAddr(idx);
    store<i32>(a, (cls << 30) | (cons ? 1 << 29 : 0) | num, F_TAG << 2);
    store<i32>(a, tagStart, F_START << 2);
    store<i32>(a, contentStart, F_CONTENT << 2);
    store<i32>(a, contentEnd, F_END << 2);
    store<i32>(a, parentIdx, F_PARENT << 2);
    store<i32>(a, -1, F_NEXT << 2);
    store<i32>(a, level, F_DEPTH << 2);
    store<i32>(a, -1, F_CHILD << 2);
    const last = load<i32>(levelLast + levelSlot);
    if (last >= 0) store<i32>(nodeAddr(last), idx, F_NEXT << 2);
    else if (parentIdx >= 0) store<i32>(nodeAddr(parentIdx), idx, F_CHILD << 2);
    store<i32>(levelLast + levelSlot, idx);
    if (cons) {
      if (contentEnd > contentStart) {
        if (level + 1 >= depthLimit) return fail(ERR_DEPTH_LIMIT, tagStart);
        level++;
        store<i32>(levelEnd + (<usize>level << 2), contentEnd);
        store<i32>(levelParent + (<usize>level << 2), idx);
        store<i32>(levelLast + (<usize>level << 2), -1);
      }
      pos = contentEnd;
      if (contentEnd > contentStart) pos = contentStart;
      continue;
    }
    pos = contentEnd;
    if ((flags & FLAG_ENCAPSULATE) != 0 && cls == 0 && (num == 4 || num == 3)
      && level + 1 < depthLimit && looksEncapsulated(num, contentStart, contentEnd)) {
      const saved = nodeCount;
      const savedError = errorOffset;
      const innerStart = num == 3 ? contentStart + 1 : contentStart;
      const r = walkRange(innerStart, contentEnd, level + 1, idx, false);
      if (r < 0) { // not DER inside after all: keep it as a plain string
        nodeCount = saved;
        errorOffset = savedError;
        setField(idx, F_CHILD, -1);
      }
    }
  }
  return pos;
}
