// Strict DER walker for X.509 and CV certificates (entry: compiled to asm/build/der.wasm).
//
// Why our own instead of a library: measured on this machine class (../shared/reference/performance.md,
// 2,000 gematik-like certificates) the libraries parse 0.45k–11.7k certs/s (pkijs ~0.8k,
// @peculiar/x509 ~0.9k, node:crypto X509Certificate ~4.5k, @lapo/asn1js ~11.7k), while an object-free
// walker that keeps nodes as offsets reaches ~700k certs/s and ~2.6M certs/s for the wasm work alone.
// Building JS strings costs ~5× the parse, so the walker only records offsets in a flat node table;
// JS decodes strings just for the fields it shows. An audit of card folders or a CA dump needs that.
//
// Contract (raw bindings, no exceptions — `throw` would abort the instance):
//   ptr = prepare(inputLength, maxNodes)      0 when the input is larger than MAX_INPUT
//   …JS copies the bytes to memory at ptr…
//   n = walk(inputLength, flags, maxDepth, maxNodes)   n ≥ 0: node count; n < 0: status (generated/der-contract.ts)
//   nodes() → address of n × 8 i32: tag, start, contentStart, end, parent, nextSibling, depth, firstChild
//   tag = class << 30 | constructed << 29 | number; consumed() = end of the first element; errorAt() = offset.
import { walkRange, NODE_BYTES, MAX_DEPTH_CEILING, FLAG_ALLOW_TRAILING } from './lib/der/walker';
import * as w from './lib/der/walker';
import { ERR_EMPTY, ERR_TRAILING_DATA, ERR_INPUT_TOO_LARGE, MAX_INPUT } from './generated/der-contract';

let inputCapacity: i32 = 0;
let nodeCapacity: i32 = 0;
let consumedBytes: i32 = 0;

/** Makes room for the input and the node table; returns where JS must write the input. */
export function prepare(inputLength: i32, maxNodes: i32): usize {
  if (inputLength > MAX_INPUT || inputLength < 0 || maxNodes < 1 || maxNodes > (1 << 22)) return 0;
  if (inputLength > inputCapacity || w.inputBase == 0) {
    // stub runtime never frees: grow geometrically so repeated growth stays bounded
    const cap = max(inputLength, max(inputCapacity * 2, 4096));
    w.inputBase = heap.alloc(<usize>cap);
    inputCapacity = cap;
  }
  if (maxNodes > nodeCapacity || w.nodeBase == 0) {
    const cap = max(maxNodes, max(nodeCapacity * 2, 1024));
    w.nodeBase = heap.alloc(<usize>cap * <usize>NODE_BYTES);
    nodeCapacity = cap;
  }
  return w.inputBase;
}

export function walk(inputLength: i32, flags: i32, maxDepth: i32, maxNodes: i32): i32 {
  w.errorOffset = 0;
  consumedBytes = 0;
  if (inputLength <= 0) return ERR_EMPTY;
  if (inputLength > inputCapacity || maxNodes > nodeCapacity) return ERR_INPUT_TOO_LARGE;
  w.nodeCount = 0;
  w.nodeLimit = maxNodes;
  w.depthLimit = min(max(maxDepth, 1), MAX_DEPTH_CEILING - 1);
  w.flags = flags;
  const r = walkRange(0, inputLength, 0, -1, true);
  if (r < 0) return r;
  consumedBytes = r;
  if (r < inputLength && (flags & FLAG_ALLOW_TRAILING) == 0) { w.errorOffset = r; return ERR_TRAILING_DATA; }
  return w.nodeCount;
}

export function nodes(): usize { return w.nodeBase; }
export function consumed(): i32 { return consumedBytes; }
export function errorAt(): i32 { return w.errorOffset; }
