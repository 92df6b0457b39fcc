// ECDSA verification on the brainpool curves (entry: compiled to asm/build/ecdsa.wasm). No browser's
// WebCrypto offers brainpoolP256r1/384r1/512r1, yet the TI signs its card and CA certificates with them.
//
// Why our own instead of @noble/curves (the only library that has these curves in the browser): measured by
// `npm run bench -- verify` (bench/RESULTS.md) on real gematik certificate signatures, brainpoolP256r1:
// @noble/curves 2.4 (pure JS BigInt) ~180–320 verifications/s of CPU, node:crypto (OpenSSL 3.0) ~1.4–2.5k/s,
// this module ~1.8–2.6k/s: 8.6× @noble/curves and 1.4× OpenSSL in the same run (the first, plain version with
// 32-bit limb loops: 4.1× and 0.51×). Dropping a folder of 10,000 card certificates needs that.
// How: Montgomery arithmetic on 29-bit limbs, generated straight-line per limb count (lib/ecc/field.ts,
// scripts/ecc-field-codegen.ts); Jacobian coordinates on the isomorphic a = −3 curve; u1·G + u2·Q in one chain
// of doublings (Shamir) with wNAF digits, G's 64 odd multiples affine and precomputed per curve; r is compared
// with X/Z² without an inversion; s⁻¹ by a 4-bit-window Fermat power.
//
// Contract (raw bindings, no exceptions — `throw` would abort the instance):
//   s = staging()                 8 slots of 64 bytes where JS writes big-endian numbers of `bytes` bytes
//   initCurve(id, bytes)          slots 0..6 = p, a, b, Gx, Gy, n, Z (with a·Z⁴ = −3, derived by the JS side);
//                                 bytes = p's byte length (p's and n's bit lengths are equal for brainpool).
//                                 Derives the Montgomery constants and G's table here (the parameters have one
//                                 source: src/domain/pki/brainpool-curves.ts)
//   verify(id)                    slots 0..4 = Qx, Qy, e (digest as an integer, already truncated), r, s;
//                                 returns a status below.
import {
  ELEMENT_BYTES, L, useModulus, negInverseLimb, montgomeryConstants, fromBytes, mmul, msqr, madd, minv,
  copy, equal, isZero, geqN, addN, subN, mneg, supportsLimbs, limbsForBytes,
} from './lib/ecc/field';
import { POINT_BYTES, X, Y, Z, useCurve, dbl, add, addAffine, setInfinity, isInfinity, copyPoint } from './lib/ecc/point';
import { wnaf } from './lib/ecc/wnaf';

export const VALID: i32 = 1;
export const INVALID_SIGNATURE: i32 = 0;
export const SIGNATURE_OUT_OF_RANGE: i32 = -1;
export const INVALID_PUBLIC_KEY: i32 = -2;
export const CURVE_NOT_READY: i32 = -3;
export const BAD_PARAMETERS: i32 = -4;

const CURVES: i32 = 3;
const SLOT: i32 = 64; // bytes per staged number (the JS side writes at i·64)
const stagingArea = memory.data(8 * SLOT);
@inline function slot(i: i32): usize { return stagingArea + <usize>(i * SLOT); }

// Window widths of the wNAF digits: G's odd multiples are computed once per curve (affine, so additions are
// mixed), Q's per verification.
const W_G: i32 = 8;
const W_Q: i32 = 5;
const G_POINTS: i32 = 1 << (W_G - 2);
const Q_POINTS: i32 = 1 << (W_Q - 2);

// Per curve: limbs, −p⁻¹ and −n⁻¹ mod 2^32, then elements.
const E_P = 0, E_PR2 = 1, E_PONE = 2, E_N = 3, E_NR2 = 4, E_NONE = 5, E_A = 6, E_B = 7, E_Z2 = 8, E_Z3 = 9, E_GTAB = 10;
const CURVE_ELEMENTS = E_GTAB + 2 * G_POINTS;
const CURVE_BYTES = CURVE_ELEMENTS * ELEMENT_BYTES;
const curveData = memory.data(CURVES * CURVE_BYTES);
const curveLimbs = memory.data(CURVES * 4);
const curveBytes = memory.data(CURVES * 4);
const curveP0 = memory.data(CURVES * 8);
const curveN0 = memory.data(CURVES * 8);
@inline function el(id: i32, e: i32): usize { return curveData + <usize>(id * CURVE_BYTES + e * ELEMENT_BYTES); }

export function staging(): usize { return stagingArea; }

// scratch
const e1 = memory.data(ELEMENT_BYTES), e2 = memory.data(ELEMENT_BYTES), e3 = memory.data(ELEMENT_BYTES);
const e4 = memory.data(ELEMENT_BYTES), e5 = memory.data(ELEMENT_BYTES), e6 = memory.data(ELEMENT_BYTES);
const negY = memory.data(ELEMENT_BYTES);
const acc = memory.data(POINT_BYTES);
const tmpPoint = memory.data(POINT_BYTES);
const qTable = memory.data(Q_POINTS * POINT_BYTES);
const MAX_DIGITS: i32 = 64 * 8 + 8;
const nafG = memory.data(MAX_DIGITS);
const nafQ = memory.data(MAX_DIGITS);

function usePrime(id: i32): void {
  useModulus(el(id, E_P), load<u64>(curveP0 + (<usize>id << 3)), load<i32>(curveLimbs + (<usize>id << 2)));
  useCurve(el(id, E_PONE));
}
function useOrder(id: i32): void {
  useModulus(el(id, E_N), load<u64>(curveN0 + (<usize>id << 3)), load<i32>(curveLimbs + (<usize>id << 2)));
}

/** Affine (x, y) in Montgomery form of a Jacobian point (field = p; p must not be infinity). */
function toAffine(x: usize, y: usize, p: usize, one: usize): void {
  minv(e5, Z(p), one);      // 1/Z
  msqr(e6, e5);             // 1/Z²
  mmul(x, X(p), e6);
  mmul(e6, e6, e5);         // 1/Z³
  mmul(y, Y(p), e6);
}

export function initCurve(id: i32, bytes: i32): i32 {
  if (id < 0 || id >= CURVES || bytes < 1 || bytes > SLOT) return BAD_PARAMETERS;
  const limbs = limbsForBytes(bytes);
  if (!supportsLimbs(limbs)) return BAD_PARAMETERS;
  store<i32>(curveLimbs + (<usize>id << 2), limbs);
  store<i32>(curveBytes + (<usize>id << 2), bytes);
  useModulus(slot(0), 1, limbs); // only L is used by fromBytes
  fromBytes(el(id, E_P), slot(0), bytes);
  fromBytes(el(id, E_N), slot(5), bytes);
  if ((load<u32>(el(id, E_P)) & 1) == 0 || (load<u32>(el(id, E_N)) & 1) == 0) return BAD_PARAMETERS;
  store<u64>(curveP0 + (<usize>id << 3), negInverseLimb(load<u32>(el(id, E_P))));
  store<u64>(curveN0 + (<usize>id << 3), negInverseLimb(load<u32>(el(id, E_N))));
  useOrder(id);
  montgomeryConstants(el(id, E_NONE), el(id, E_NR2));
  usePrime(id);
  montgomeryConstants(el(id, E_PONE), el(id, E_PR2));
  const r2 = el(id, E_PR2);
  fromBytes(e1, slot(1), bytes); mmul(el(id, E_A), e1, r2);
  fromBytes(e1, slot(2), bytes); mmul(el(id, E_B), e1, r2);
  // G's odd multiples G, 3G, 5G, … in affine form
  const gx = el(id, E_GTAB), gy = gx + <usize>ELEMENT_BYTES;
  fromBytes(e1, slot(3), bytes); mmul(gx, e1, r2);
  fromBytes(e1, slot(4), bytes); mmul(gy, e1, r2);
  if (!onCurve(gx, gy, id)) return BAD_PARAMETERS;
  // the isomorphism to a = −3: a·Z⁴ must be −3
  const z2 = el(id, E_Z2), z3 = el(id, E_Z3);
  fromBytes(e1, slot(6), bytes); mmul(e1, e1, r2);
  msqr(z2, e1);
  mmul(z3, z2, e1);
  msqr(e2, z2);
  mmul(e2, e2, el(id, E_A));
  madd(e2, e2, el(id, E_PONE)); madd(e2, e2, el(id, E_PONE)); madd(e2, e2, el(id, E_PONE));
  if (!isZero(e2)) return BAD_PARAMETERS;
  mmul(gx, gx, z2);
  mmul(gy, gy, z3);
  copy(X(acc), gx); copy(Y(acc), gy); copy(Z(acc), el(id, E_PONE));
  dbl(tmpPoint, acc); // 2G
  for (let i = 1; i < G_POINTS; i++) {
    add(acc, acc, tmpPoint);
    const x = el(id, E_GTAB + 2 * i);
    toAffine(x, x + <usize>ELEMENT_BYTES, acc, el(id, E_PONE));
  }
  return 1;
}

/** y² = x³ + ax + b with Montgomery-form coordinates (field = p). */
function onCurve(x: usize, y: usize, id: i32): bool {
  msqr(e2, y);
  msqr(e3, x);
  madd(e3, e3, el(id, E_A));
  mmul(e3, e3, x);
  madd(e3, e3, el(id, E_B));
  return equal(e2, e3);
}

export function verify(id: i32): i32 {
  if (id < 0 || id >= CURVES || load<i32>(curveLimbs + (<usize>id << 2)) == 0) return CURVE_NOT_READY;
  // scalars modulo n
  useOrder(id);
  const n = el(id, E_N);
  const r = e1, s = e2, e = e3, w = e4;
  const bytes = load<i32>(curveBytes + (<usize>id << 2));
  fromBytes(r, slot(3), bytes);
  fromBytes(s, slot(4), bytes);
  fromBytes(e, slot(2), bytes);
  if (isZero(r) || isZero(s) || geqN(r, n, L) || geqN(s, n, L)) return SIGNATURE_OUT_OF_RANGE;
  if (geqN(e, n, L)) subN(e, e, n, L); // the digest's integer is below 2^bits(n) < 2n
  mmul(w, s, el(id, E_NR2));          // s·R
  minv(w, w, el(id, E_NONE));         // s⁻¹·R
  const u1 = e5, u2 = e6;
  mmul(u1, e, w);                     // e·s⁻¹ (plain)
  mmul(u2, r, w);                     // r·s⁻¹ (plain)
  const limbs = L;
  const lenG = wnaf(nafG, u1, limbs, W_G);
  const lenQ = wnaf(nafQ, u2, limbs, W_Q);
  // public point modulo p
  usePrime(id);
  const p = el(id, E_P);
  const q = qTable;
  fromBytes(X(q), slot(0), bytes);
  fromBytes(Y(q), slot(1), bytes);
  if (geqN(X(q), p, L) || geqN(Y(q), p, L)) return INVALID_PUBLIC_KEY;
  const r2 = el(id, E_PR2);
  mmul(X(q), X(q), r2);
  mmul(Y(q), Y(q), r2);
  copy(Z(q), el(id, E_PONE));
  if (!onCurve(X(q), Y(q), id)) return INVALID_PUBLIC_KEY;
  mmul(X(q), X(q), el(id, E_Z2));     // to the a = −3 curve
  mmul(Y(q), Y(q), el(id, E_Z3));
  dbl(tmpPoint, q);
  for (let i = 1; i < Q_POINTS; i++) add(q + <usize>(i * POINT_BYTES), q + <usize>((i - 1) * POINT_BYTES), tmpPoint);
  // Shamir: u1·G + u2·Q with one chain of doublings
  setInfinity(acc);
  for (let i = max(lenG, lenQ) - 1; i >= 0; i--) {
    dbl(acc, acc);
    if (i < lenG) {
      const d = <i32>load<i8>(nafG + <usize>i);
      if (d != 0) {
        const gx = el(id, E_GTAB + 2 * ((abs(d) - 1) >> 1));
        const gy = gx + <usize>ELEMENT_BYTES;
        if (d > 0) addAffine(acc, acc, gx, gy);
        else { mneg(negY, gy); addAffine(acc, acc, gx, negY); }
      }
    }
    if (i < lenQ) {
      const d = <i32>load<i8>(nafQ + <usize>i);
      if (d != 0) {
        const t = q + <usize>(((abs(d) - 1) >> 1) * POINT_BYTES);
        if (d > 0) add(acc, acc, t);
        else { copyPoint(tmpPoint, t); mneg(Y(tmpPoint), Y(t)); add(acc, acc, tmpPoint); }
      }
    }
  }
  if (isInfinity(acc)) return INVALID_SIGNATURE;
  // x(acc) mod n == r without an inversion: r·Z² == X, or (r + n)·Z² == X when r + n < p; x on the a = −3
  // curve is x·Zi² (Zi the isomorphism's Z), so Z² here is Zi²·Z(acc)²
  msqr(e2, Z(acc));
  mmul(e2, e2, el(id, E_Z2));
  mmul(e3, r, r2);
  mmul(e3, e3, e2);
  if (equal(e3, X(acc))) return VALID;
  addN(e3, r, n, L); // < 2^(bits+1): fits the limbs
  if (!geqN(e3, p, L)) {
    mmul(e3, e3, r2);
    mmul(e3, e3, e2);
    if (equal(e3, X(acc))) return VALID;
  }
  return INVALID_SIGNATURE;
}
