// ECDSA verification on the brainpool curves (entry: compiled to asm/build/ecdsa.wasm). No browser's
// WebCrypto offers brainpoolP256r1/384r1/512r1, yet the TI signs its card and CA certificates with them.
//
// Contract (raw bindings, no exceptions — `throw` would abort the instance):
//   s = staging()                 8 slots of 64 bytes where JS writes big-endian numbers of 4·limbs bytes
//   initCurve(id, limbs)          slots 0..5 = p, a, b, Gx, Gy, n; derives the Montgomery constants and the
//                                 table of G here (the parameters have one source: src/domain/pki/brainpool-curves.ts)
//   verify(id)                    slots 0..4 = Qx, Qy, e (digest as an integer, already truncated), r, s;
//                                 returns a status below.
import {
  ELEMENT_BYTES, L, useModulus, negInverse32, montgomeryConstants, fromBytes, mmul, msqr, madd, minv,
  copy, equal, isZero, geqN, addN, subN, mneg, supportsLimbs,
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
const SLOT = ELEMENT_BYTES;
const stagingArea = memory.data(8 * SLOT);
@inline function slot(i: i32): usize { return stagingArea + <usize>(i * SLOT); }

// Window widths of the wNAF digits: G's odd multiples are computed once per curve (affine, so additions are
// mixed), Q's per verification.
const W_G: i32 = 5;
const W_Q: i32 = 5;
const G_POINTS: i32 = 1 << (W_G - 2);
const Q_POINTS: i32 = 1 << (W_Q - 2);

// Per curve: limbs, −p⁻¹ and −n⁻¹ mod 2^32, then elements.
const E_P = 0, E_PR2 = 1, E_PONE = 2, E_N = 3, E_NR2 = 4, E_NONE = 5, E_A = 6, E_B = 7, E_GTAB = 8;
const CURVE_ELEMENTS = E_GTAB + 2 * G_POINTS;
const CURVE_BYTES = CURVE_ELEMENTS * ELEMENT_BYTES;
const curveData = memory.data(CURVES * CURVE_BYTES);
const curveLimbs = memory.data(CURVES * 4);
const curveP0 = memory.data(CURVES * 4);
const curveN0 = memory.data(CURVES * 4);
@inline function el(id: i32, e: i32): usize { return curveData + <usize>(id * CURVE_BYTES + e * ELEMENT_BYTES); }

export function staging(): usize { return stagingArea; }

// scratch
const e1 = memory.data(ELEMENT_BYTES), e2 = memory.data(ELEMENT_BYTES), e3 = memory.data(ELEMENT_BYTES);
const e4 = memory.data(ELEMENT_BYTES), e5 = memory.data(ELEMENT_BYTES), e6 = memory.data(ELEMENT_BYTES);
const negY = memory.data(ELEMENT_BYTES);
const acc = memory.data(POINT_BYTES);
const tmpPoint = memory.data(POINT_BYTES);
const qTable = memory.data(Q_POINTS * POINT_BYTES);
const MAX_DIGITS: i32 = 16 * 32 + 8;
const nafG = memory.data(MAX_DIGITS);
const nafQ = memory.data(MAX_DIGITS);

function usePrime(id: i32): void {
  useModulus(el(id, E_P), load<u32>(curveP0 + (<usize>id << 2)), load<i32>(curveLimbs + (<usize>id << 2)));
  useCurve(el(id, E_A), el(id, E_PONE));
}
function useOrder(id: i32): void {
  useModulus(el(id, E_N), load<u32>(curveN0 + (<usize>id << 2)), load<i32>(curveLimbs + (<usize>id << 2)));
}

/** Affine (x, y) in Montgomery form of a Jacobian point (field = p; p must not be infinity). */
function toAffine(x: usize, y: usize, p: usize, one: usize): void {
  minv(e5, Z(p), one);      // 1/Z
  msqr(e6, e5);             // 1/Z²
  mmul(x, X(p), e6);
  mmul(e6, e6, e5);         // 1/Z³
  mmul(y, Y(p), e6);
}

export function initCurve(id: i32, limbs: i32): i32 {
  if (id < 0 || id >= CURVES || !supportsLimbs(limbs)) return BAD_PARAMETERS;
  store<i32>(curveLimbs + (<usize>id << 2), limbs);
  useModulus(slot(0), 1, limbs); // only L is used by fromBytes
  fromBytes(el(id, E_P), slot(0));
  fromBytes(el(id, E_N), slot(5));
  if ((load<u32>(el(id, E_P)) & 1) == 0 || (load<u32>(el(id, E_N)) & 1) == 0) return BAD_PARAMETERS;
  store<u32>(curveP0 + (<usize>id << 2), negInverse32(load<u32>(el(id, E_P))));
  store<u32>(curveN0 + (<usize>id << 2), negInverse32(load<u32>(el(id, E_N))));
  useOrder(id);
  montgomeryConstants(el(id, E_NONE), el(id, E_NR2));
  usePrime(id);
  montgomeryConstants(el(id, E_PONE), el(id, E_PR2));
  const r2 = el(id, E_PR2);
  fromBytes(e1, slot(1)); mmul(el(id, E_A), e1, r2);
  fromBytes(e1, slot(2)); mmul(el(id, E_B), e1, r2);
  // G's odd multiples G, 3G, 5G, … in affine form
  const gx = el(id, E_GTAB), gy = gx + <usize>ELEMENT_BYTES;
  fromBytes(e1, slot(3)); mmul(gx, e1, r2);
  fromBytes(e1, slot(4)); mmul(gy, e1, r2);
  if (!onCurve(gx, gy, id)) return BAD_PARAMETERS;
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
  fromBytes(r, slot(3));
  fromBytes(s, slot(4));
  fromBytes(e, slot(2));
  if (isZero(r) || isZero(s) || geqN(r, n, L) || geqN(s, n, L)) return SIGNATURE_OUT_OF_RANGE;
  if (geqN(e, n, L)) subN(e, e, n, L); // the digit is below 2^bits(n) < 2n
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
  fromBytes(X(q), slot(0));
  fromBytes(Y(q), slot(1));
  if (geqN(X(q), p, L) || geqN(Y(q), p, L)) return INVALID_PUBLIC_KEY;
  const r2 = el(id, E_PR2);
  mmul(X(q), X(q), r2);
  mmul(Y(q), Y(q), r2);
  copy(Z(q), el(id, E_PONE));
  if (!onCurve(X(q), Y(q), id)) return INVALID_PUBLIC_KEY;
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
  // x(acc) mod n == r without an inversion: r·Z² == X, or (r + n)·Z² == X when r + n < p
  msqr(e2, Z(acc));
  mmul(e3, r, r2);
  mmul(e3, e3, e2);
  if (equal(e3, X(acc))) return VALID;
  if (addN(e3, r, n, L) == 0 && !geqN(e3, p, L)) {
    mmul(e3, e3, r2);
    mmul(e3, e3, e2);
    if (equal(e3, X(acc))) return VALID;
  }
  return INVALID_SIGNATURE;
}
