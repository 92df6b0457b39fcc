// JS side of the wasm DER walker (asm/der.ts): copies input into wasm memory, runs the walk and
// exposes the flat node table. No strings are built here. A trapped instance (only possible on
// memory exhaustion) is replaced by a fresh one, so one bad input never breaks the next.

import { DER_FLAGS, DER_MAX_INPUT, DER_NODE_FIELDS, DER_STATUS } from '../wasm-contract.ts';

/** Status codes of the walker (the wasm contract), index = -status. */
export { DER_STATUS };
export type DerErrorCode = Exclude<(typeof DER_STATUS)[number], 'OK'> | 'DER_WASM_TRAP';

// Node record layout and flags: the wasm contract (asm/ reads the same, generated).
export const NODE_FIELDS = DER_NODE_FIELDS.length;
const field = (name: (typeof DER_NODE_FIELDS)[number]) => DER_NODE_FIELDS.indexOf(name);
export const F_TAG = field('tag'), F_START = field('start'), F_CONTENT = field('content'), F_END = field('end'),
  F_PARENT = field('parent'), F_NEXT = field('next'), F_DEPTH = field('depth'), F_CHILD = field('child');
export const FLAG_ENCAPSULATE = DER_FLAGS.encapsulate;
export const FLAG_ALLOW_TRAILING = DER_FLAGS.allowTrailing;

export interface WalkOptions {
  /** Descend into OCTET/BIT STRINGs that hold complete DER (extension values, keys). Default true. */
  encapsulate?: boolean;
  /** Accept bytes after the first element (card files are longer than the certificate). */
  allowTrailing?: boolean;
  maxDepth?: number;
  maxNodes?: number;
}

export const DEFAULT_MAX_DEPTH = 32;
export const DEFAULT_MAX_NODES = 4096;
export const MAX_INPUT_BYTES = DER_MAX_INPUT;

/**
 * Result of a walk. `nodes` is a view into wasm memory, valid until the next walk (copy with `detach`); only its
 * first `count * NODE_FIELDS` entries belong to this walk (the view is reused and spans the whole table).
 */
export interface DerTree {
  bytes: Uint8Array;
  nodes: Int32Array;
  count: number;
  /** End of the first element (= bytes.length unless trailing data was allowed). */
  consumed: number;
}

export interface DerError {
  error: DerErrorCode;
  /** Byte offset where the walker stopped. */
  offset: number;
}

interface DerExports {
  memory: WebAssembly.Memory;
  prepare(len: number, maxNodes: number): number;
  walk(len: number, flags: number, maxDepth: number, maxNodes: number): number;
  nodes(): number;
  consumed(): number;
  errorAt(): number;
}

function instantiateSync(module: WebAssembly.Module): DerExports {
  const instance = new WebAssembly.Instance(module, {
    env: { abort() { throw new Error('der.wasm aborted'); } },
  });
  const exports = instance.exports as unknown as DerExports & { _initialize?: () => void };
  exports._initialize?.();
  return exports;
}

export class DerWalker {
  private wasm: DerExports;
  /** Views over the instance's memory, rebuilt only when memory grows or the node table moves. */
  private bytesView = new Uint8Array(0);
  private nodesView = new Int32Array(0);
  private nodesPtr = -1;
  /** Increases with every walk: a tree from an older walk no longer owns the node table. */
  generation = 0;
  constructor(private readonly module: WebAssembly.Module) {
    this.wasm = instantiateSync(module);
  }

  /** Size of the instance's memory (the fuzzer checks it stays bounded). */
  memoryBytes(): number {
    return this.wasm.memory.buffer.byteLength;
  }

  walk(bytes: Uint8Array, options: WalkOptions = {}): DerTree | DerError {
    this.generation++;
    const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
    const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (bytes.length === 0) return { error: 'DER_EMPTY', offset: 0 };
    if (bytes.length > MAX_INPUT_BYTES) return { error: 'DER_INPUT_TOO_LARGE', offset: 0 };
    const flags = (options.encapsulate === false ? 0 : FLAG_ENCAPSULATE) | (options.allowTrailing ? FLAG_ALLOW_TRAILING : 0);
    try {
      const w = this.wasm;
      const ptr = w.prepare(bytes.length, maxNodes) >>> 0;
      if (ptr === 0) return { error: 'DER_INPUT_TOO_LARGE', offset: 0 };
      const buffer = w.memory.buffer;
      if (this.bytesView.buffer !== buffer) { this.bytesView = new Uint8Array(buffer); this.nodesPtr = -1; }
      this.bytesView.set(bytes, ptr);
      const n = w.walk(bytes.length, flags, maxDepth, maxNodes);
      if (n < 0) return { error: (DER_STATUS[-n] ?? 'DER_BAD_TAG') as DerErrorCode, offset: w.errorAt() };
      const nodesPtr = w.nodes() >>> 0;
      if (nodesPtr !== this.nodesPtr || this.nodesView.buffer !== buffer) {
        // the whole reserved table; `count` says how much of it this walk wrote
        this.nodesView = new Int32Array(buffer, nodesPtr, (buffer.byteLength - nodesPtr) >> 2);
        this.nodesPtr = nodesPtr;
      }
      return { bytes, nodes: this.nodesView, count: n, consumed: w.consumed() };
    } catch {
      // A trap leaves the instance in an unknown state: start over with a fresh one.
      this.wasm = instantiateSync(this.module);
      this.bytesView = new Uint8Array(0);
      this.nodesPtr = -1;
      return { error: 'DER_WASM_TRAP', offset: 0 };
    }
  }
}

/** Copies a tree's node table out of wasm memory so it survives the next walk. */
export function detach(tree: DerTree): DerTree {
  return { ...tree, nodes: tree.nodes.slice(0, tree.count * NODE_FIELDS) };
}

export function isDerError(x: DerTree | DerError): x is DerError {
  return (x as DerError).error !== undefined;
}

// Node accessors (i = node index).
export function tagOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_TAG]!; }
export function startOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_START]!; }
export function contentOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_CONTENT]!; }
export function endOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_END]!; }
export function parentOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_PARENT]!; }
export function nextOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_NEXT]!; }
export function depthOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_DEPTH]!; }
export function childOf(t: DerTree, i: number): number { return t.nodes[i * NODE_FIELDS + F_CHILD]!; }

export function tagClass(tag: number): number { return (tag >>> 30) & 3; }
export function tagConstructed(tag: number): boolean { return ((tag >>> 29) & 1) === 1; }
export function tagNumber(tag: number): number { return tag & 0x1fffffff; }
/** Universal tag number, or -1 for non-universal classes. */
export function universal(tag: number): number { return tagClass(tag) === 0 ? tagNumber(tag) : -1; }
/** Context-specific [n], or -1. */
export function contextNumber(tag: number): number { return tagClass(tag) === 2 ? tagNumber(tag) : -1; }

/** Tag as the hex bytes that encode it (e.g. 7F21, 30, A0): how CV certificates name their fields. */
export function tagHex(tag: number): string {
  const cls = tagClass(tag), cons = tagConstructed(tag), num = tagNumber(tag);
  const first = (cls << 6) | (cons ? 0x20 : 0);
  if (num < 31) return (first | num).toString(16).toUpperCase().padStart(2, '0');
  const parts: number[] = [];
  let n = num;
  parts.unshift(n & 0x7f);
  while ((n >>>= 7) > 0) parts.unshift((n & 0x7f) | 0x80);
  return [first | 0x1f, ...parts].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** Children of node i in order. */
export function children(t: DerTree, i: number): number[] {
  const out: number[] = [];
  for (let c = childOf(t, i); c >= 0; c = nextOf(t, c)) out.push(c);
  return out;
}
