// ECDSA verification on brainpoolP256r1/384r1/512r1 (no browser's WebCrypto has these curves) through our
// wasm core asm/ecdsa.ts. Usable in the page, in workers and in Node (CLI, tests):
//
//   await initBrainpool();                                  // once per realm: compiles + instantiates ecdsa.wasm
//   verifyBrainpoolEcdsa('brainpoolP256r1', point, digest, r, s)  → boolean (synchronous)
//   checkBrainpoolEcdsa(…)                                  → 'valid' | why not (EcdsaCheck)
//   point = 04‖X‖Y (uncompressed, as in SubjectPublicKeyInfo and CV certificates); digest = the hash bytes
//   (SHA-256/384/512 of the signed data); r, s = unsigned big-endian integers (leading zeros allowed).
//   ecdsaSignatureFromDer(tree) decodes an X.509 ECDSA-Sig-Value (strict DER, via the DER walker's tree);
//   CV certificates carry r‖s instead: splitPlainSignature(bytes).
// Workers that already hold the compiled module: createBrainpoolVerifier(module) (synchronous).
// Checks (SEC 1 v2 §4.1.4): the public point lies on the curve (coordinates < p, not infinity: the
// uncompressed form cannot encode it), 1 ≤ r, s ≤ n−1, the digest is cut to the bit length of n.
import { compileWasmOnce } from '../wasm-module.ts';
import { BRAINPOOL_CURVES, type BrainpoolCurveParameters } from './brainpool-curves.ts';
import { childOf, contentOf, endOf, nextOf, startOf, tagOf, type DerTree } from './der.ts';

export type BrainpoolCurveName = BrainpoolCurveParameters['name'];
export type EcdsaCheck = 'valid' | 'invalidSignature' | 'signatureOutOfRange' | 'invalidPublicKey' | 'unsupportedCurve';

export function isBrainpoolCurve(name: string | null | undefined): name is BrainpoolCurveName {
  return BRAINPOOL_CURVES.some((c) => c.name === name);
}

interface EcdsaExports {
  memory: WebAssembly.Memory;
  _initialize?: () => void;
  staging(): number;
  initCurve(id: number, bytes: number): number;
  verify(id: number): number;
}

/** Status codes of asm/ecdsa.ts (VALID = 1 … BAD_PARAMETERS = −4). */
const STATUS: Record<number, EcdsaCheck | 'notReady' | 'badParameters'> = {
  1: 'valid', 0: 'invalidSignature', [-1]: 'signatureOutOfRange', [-2]: 'invalidPublicKey', [-3]: 'notReady', [-4]: 'badParameters',
};

interface CurveLayout {
  id: number;
  /** Byte length of p: the width of every number handed to the wasm. */
  width: number;
  nBits: number;
}

const LAYOUTS = new Map<BrainpoolCurveName, CurveLayout>(BRAINPOOL_CURVES.map((c, id) =>
  [c.name, { id, width: Math.ceil(hexBits(c.p) / 8), nBits: hexBits(c.n) }]));

function hexBits(h: string): number { return BigInt('0x' + h).toString(2).length; }

function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n, b = base % m, e = exp;
  while (e > 0n) { if (e & 1n) result = result * b % m; b = b * b % m; e >>= 1n; }
  return result;
}

/**
 * Z with a·Z⁴ ≡ −3 (mod p): the isomorphism (x, y) ↦ (x·Z², y·Z³) onto the curve with a = −3 whose doubling is
 * cheaper (RFC 5639 §3 publishes such twisted curves). Derived here from a and p (p ≡ 3 mod 4: square roots
 * are powers, and of ±√ exactly one is a square); the wasm checks a·Z⁴ ≡ −3 before it uses it.
 */
function isomorphismZ(c: BrainpoolCurveParameters): bigint {
  const p = BigInt('0x' + c.p), a = BigInt('0x' + c.a);
  if (p % 4n !== 3n) throw new Error(`${c.name}: p ≢ 3 (mod 4)`);
  const target = (p - 3n) * powMod(a, p - 2n, p) % p;
  const sqrt = (v: bigint) => powMod(v, (p + 1n) / 4n, p);
  let root = sqrt(target);
  if (powMod(root, (p - 1n) / 2n, p) !== 1n) root = p - root;
  const z = sqrt(root);
  if (powMod(z, 4n, p) !== target) throw new Error(`${c.name}: −3/a has no fourth root`);
  return z;
}

function hexBytes(h: string, width: number): Uint8Array {
  const out = new Uint8Array(width);
  const padded = h.padStart(width * 2, '0');
  for (let i = 0; i < width; i++) out[i] = parseInt(padded.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export interface BrainpoolVerifier {
  check(curve: BrainpoolCurveName, publicPoint: Uint8Array, digest: Uint8Array, r: Uint8Array, s: Uint8Array): EcdsaCheck;
  verify(curve: BrainpoolCurveName, publicPoint: Uint8Array, digest: Uint8Array, r: Uint8Array, s: Uint8Array): boolean;
}

function instantiate(module: WebAssembly.Module): EcdsaExports {
  const instance = new WebAssembly.Instance(module, { env: { abort() { throw new Error('ecdsa.wasm aborted'); } } });
  const w = instance.exports as unknown as EcdsaExports;
  w._initialize?.();
  return w;
}

/** Hands a curve's parameters to the wasm, which derives its constants and G's table (~1–15 ms, once per curve). */
function initCurve(w: EcdsaExports, curve: BrainpoolCurveName): void {
  const c = BRAINPOOL_CURVES.find((x) => x.name === curve)!;
  const { id, width } = LAYOUTS.get(curve)!;
  const mem = new Uint8Array(w.memory.buffer, w.staging(), 8 * 64);
  [c.p, c.a, c.b, c.gx, c.gy, c.n, isomorphismZ(c).toString(16)].forEach((h, i) => mem.set(hexBytes(h, width), i * 64));
  const status = w.initCurve(id, width);
  if (status !== 1) throw new Error(`ecdsa.wasm: curve ${curve} rejected (${STATUS[status] ?? status})`);
}

/** Big-endian unsigned integer → exactly `width` bytes at `offset`; false when it does not fit. */
function putInteger(mem: Uint8Array, offset: number, width: number, value: Uint8Array): boolean {
  let start = 0;
  while (start < value.length && value[start] === 0) start++;
  const len = value.length - start;
  if (len > width) return false;
  mem.fill(0, offset, offset + width - len);
  mem.set(value.subarray(start), offset + width - len);
  return true;
}

/** SEC 1 §4.1.4 step 5: the leftmost bits(n) bits of the digest as an integer, written as `width` bytes. */
function putDigest(mem: Uint8Array, offset: number, width: number, nBits: number, digest: Uint8Array): void {
  mem.fill(0, offset, offset + width);
  if (digest.length * 8 <= nBits) { mem.set(digest, offset + width - digest.length); return; }
  const keep = Math.ceil(nBits / 8);
  const shift = keep * 8 - nBits;
  const at = offset + width - keep;
  if (shift === 0) { mem.set(digest.subarray(0, keep), at); return; }
  for (let i = keep - 1; i >= 0; i--) mem[at + i] = ((digest[i]! >> shift) | (i > 0 ? digest[i - 1]! << (8 - shift) : 0)) & 0xff;
}

export function createBrainpoolVerifier(module: WebAssembly.Module): BrainpoolVerifier {
  let w = instantiate(module);
  let view = new Uint8Array(0);
  let ready = new Set<BrainpoolCurveName>();
  const check: BrainpoolVerifier['check'] = (curve, point, digest, r, s) => {
    const layout = LAYOUTS.get(curve);
    if (!layout) return 'unsupportedCurve';
    const { id, width, nBits } = layout;
    // only the uncompressed form (what X.509 and CV certificates of the TI carry)
    if (point.length !== 1 + 2 * width || point[0] !== 0x04) return 'invalidPublicKey';
    try {
      if (!ready.has(curve)) { initCurve(w, curve); ready.add(curve); }
      if (view.buffer !== w.memory.buffer) view = new Uint8Array(w.memory.buffer);
      const base = w.staging();
      view.set(point.subarray(1, 1 + width), base);
      view.set(point.subarray(1 + width), base + 64);
      putDigest(view, base + 128, width, nBits, digest);
      if (!putInteger(view, base + 192, width, r) || !putInteger(view, base + 256, width, s)) return 'signatureOutOfRange';
      const status = STATUS[w.verify(id)];
      if (status === 'valid' || status === 'invalidSignature' || status === 'signatureOutOfRange' || status === 'invalidPublicKey') {
        return status;
      }
      throw new Error(`ecdsa.wasm: unexpected status ${status}`);
    } catch (e) {
      // a trap leaves the instance in an unknown state: the next call gets a fresh one
      w = instantiate(module);
      view = new Uint8Array(0);
      ready = new Set();
      throw e;
    }
  };
  return { check, verify: (...args) => check(...args) === 'valid' };
}

const wasmUrl = new URL('../../../asm/build/ecdsa.wasm', import.meta.url);

/** Compiles ecdsa.wasm once per realm (page, worker or Node process); pass the module on to workers. */
export function compileEcdsaModule(): Promise<WebAssembly.Module> {
  return compileWasmOnce(wasmUrl);
}

let shared: BrainpoolVerifier | null = null;

/** One-time async set-up for verifyBrainpoolEcdsa / checkBrainpoolEcdsa (a worker may pass its module). */
export async function initBrainpool(module?: WebAssembly.Module): Promise<BrainpoolVerifier> {
  shared ??= createBrainpoolVerifier(module ?? await compileEcdsaModule());
  return shared;
}

function sharedVerifier(): BrainpoolVerifier {
  if (!shared) throw new Error('brainpool ECDSA: call initBrainpool() first');
  return shared;
}

export function checkBrainpoolEcdsa(
  curve: BrainpoolCurveName, publicPoint: Uint8Array, digest: Uint8Array, r: Uint8Array, s: Uint8Array,
): EcdsaCheck {
  return sharedVerifier().check(curve, publicPoint, digest, r, s);
}

export function verifyBrainpoolEcdsa(
  curve: BrainpoolCurveName, publicPoint: Uint8Array, digest: Uint8Array, r: Uint8Array, s: Uint8Array,
): boolean {
  return sharedVerifier().verify(curve, publicPoint, digest, r, s);
}

export interface EcdsaSignature { r: Uint8Array; s: Uint8Array }

/**
 * ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } from a strict DER walk of the whole signature
 * (walk it with encapsulate: false and without trailing data). Null unless it is exactly that, with
 * non-negative integers (the walker already refuses non-minimal lengths and integers).
 */
export function ecdsaSignatureFromDer(tree: DerTree): EcdsaSignature | null {
  const SEQUENCE = (1 << 29) | 0x10, INTEGER = 0x02;
  if (tree.count < 3 || startOf(tree, 0) !== 0 || endOf(tree, 0) !== tree.bytes.length || tagOf(tree, 0) !== SEQUENCE) return null;
  const r = childOf(tree, 0);
  const s = r >= 0 ? nextOf(tree, r) : -1;
  if (r < 0 || s < 0 || nextOf(tree, s) >= 0) return null;
  const ints: Uint8Array[] = [];
  for (const i of [r, s]) {
    if (tagOf(tree, i) !== INTEGER || (tree.bytes[contentOf(tree, i)]! & 0x80) !== 0) return null;
    ints.push(tree.bytes.subarray(contentOf(tree, i), endOf(tree, i)));
  }
  return { r: ints[0]!, s: ints[1]! };
}

/** CV certificates and the TSL's XML signature carry r‖s as two equal halves. */
export function splitPlainSignature(bytes: Uint8Array): EcdsaSignature | null {
  if (bytes.length === 0 || bytes.length % 2 !== 0) return null;
  const half = bytes.length / 2;
  return { r: bytes.subarray(0, half), s: bytes.subarray(half) };
}
