// Short-Weierstrass points y² = x³ + a·x + b in Jacobian coordinates (x = X/Z², y = Y/Z³), coordinates in
// Montgomery form modulo p (field.ts must be set to p). Infinity is Z = 0. Formulas from the Explicit-Formulas
// Database: dbl-2001-b (a = −3), add-2007-bl, madd-2007-bl; the additions fall back to doubling when both
// inputs are the same point and give infinity for P + (−P), so adversarial inputs cannot derail them.
import { ELEMENT_BYTES, L, mmul, msqr, madd, msub, copy, isZero, setZero } from './field';

/** A Jacobian point takes 3 elements: X, Y, Z. An affine point 2: x, y. */
export const POINT_BYTES: i32 = 3 * ELEMENT_BYTES;
@inline export function X(p: usize): usize { return p; }
@inline export function Y(p: usize): usize { return p + <usize>ELEMENT_BYTES; }
@inline export function Z(p: usize): usize { return p + <usize>(2 * ELEMENT_BYTES); }

/** R mod p (Montgomery one) of the current curve. */
export let ONE: usize = 0;

const t0 = memory.data(ELEMENT_BYTES), t1 = memory.data(ELEMENT_BYTES), t2 = memory.data(ELEMENT_BYTES);
const t3 = memory.data(ELEMENT_BYTES), t4 = memory.data(ELEMENT_BYTES), t5 = memory.data(ELEMENT_BYTES);
const t6 = memory.data(ELEMENT_BYTES), t7 = memory.data(ELEMENT_BYTES), t8 = memory.data(ELEMENT_BYTES);

export function useCurve(one: usize): void { ONE = one; }

export function setInfinity(r: usize): void { setZero(X(r)); setZero(Y(r)); setZero(Z(r)); }
export function isInfinity(p: usize): bool { return isZero(Z(p)); }
export function copyPoint(r: usize, p: usize): void { copy(X(r), X(p)); copy(Y(r), Y(p)); copy(Z(r), Z(p)); }

/** r = 2p on a curve with a = −3 (dbl-2001-b: 3M + 5S; r may alias p). The brainpool curves are used in
 *  their isomorphic a = −3 form (RFC 5639 §3: (x, y) ↦ (x·Z², y·Z³)), set up by asm/ecdsa.ts. */
export function dbl(r: usize, p: usize): void {
  msqr(t0, Z(p));            // delta
  msqr(t1, Y(p));            // gamma
  mmul(t2, X(p), t1);        // beta
  msub(t3, X(p), t0);
  madd(t4, X(p), t0);
  mmul(t3, t3, t4);
  madd(t4, t3, t3);
  madd(t3, t4, t3);          // alpha = 3(X − delta)(X + delta)
  madd(t5, Y(p), Z(p));
  msqr(t5, t5);
  msub(t5, t5, t1);
  msub(Z(r), t5, t0);        // Z3 = (Y + Z)² − gamma − delta
  madd(t2, t2, t2);
  madd(t2, t2, t2);          // 4·beta
  msqr(t5, t3);
  msub(t5, t5, t2);
  msub(t5, t5, t2);          // X3 = alpha² − 8·beta
  msub(t2, t2, t5);
  mmul(t2, t2, t3);
  msqr(t1, t1);
  madd(t1, t1, t1);
  madd(t1, t1, t1);
  madd(t1, t1, t1);          // 8·gamma²
  msub(Y(r), t2, t1);        // Y3 = alpha(4·beta − X3) − 8·gamma²
  copy(X(r), t5);
}

/** r = p + q, both Jacobian (r may alias p or q). */
export function add(r: usize, p: usize, q: usize): void {
  if (isInfinity(p)) { copyPoint(r, q); return; }
  if (isInfinity(q)) { copyPoint(r, p); return; }
  msqr(t0, Z(p));            // Z1Z1
  msqr(t1, Z(q));            // Z2Z2
  mmul(t2, X(p), t1);        // U1
  mmul(t3, X(q), t0);        // U2
  mmul(t4, Y(p), Z(q));
  mmul(t4, t4, t1);          // S1
  mmul(t5, Y(q), Z(p));
  mmul(t5, t5, t0);          // S2
  msub(t3, t3, t2);          // H
  msub(t5, t5, t4);          // S2 − S1
  if (isZero(t3)) {
    if (isZero(t5)) dbl(r, p); else setInfinity(r);
    return;
  }
  madd(t6, Z(p), Z(q));
  msqr(t6, t6);
  msub(t6, t6, t0);
  msub(t6, t6, t1);
  mmul(t6, t6, t3);          // Z3 (written last: r may alias p or q)
  madd(t7, t3, t3);
  msqr(t7, t7);              // I = (2H)²
  mmul(t8, t3, t7);          // J = H·I
  madd(t5, t5, t5);          // rr = 2(S2 − S1)
  mmul(t2, t2, t7);          // V = U1·I
  msqr(t0, t5);
  msub(t0, t0, t8);
  msub(t0, t0, t2);
  msub(t0, t0, t2);          // X3 = rr² − J − 2V
  msub(t2, t2, t0);
  mmul(t2, t2, t5);
  mmul(t4, t4, t8);
  madd(t4, t4, t4);
  msub(Y(r), t2, t4);        // Y3 = rr(V − X3) − 2·S1·J
  copy(X(r), t0);
  copy(Z(r), t6);
}

/** r = p + (x, y) with an affine second point (y given separately so a negated copy can be passed). */
export function addAffine(r: usize, p: usize, x: usize, y: usize): void {
  if (isInfinity(p)) { copy(X(r), x); copy(Y(r), y); copy(Z(r), ONE); return; }
  msqr(t0, Z(p));            // Z1Z1
  mmul(t1, x, t0);           // U2
  mmul(t2, y, Z(p));
  mmul(t2, t2, t0);          // S2
  msub(t1, t1, X(p));        // H
  msub(t2, t2, Y(p));        // S2 − Y1
  if (isZero(t1)) {
    if (isZero(t2)) dbl(r, p); else setInfinity(r);
    return;
  }
  msqr(t3, t1);              // HH
  madd(t4, t3, t3);
  madd(t4, t4, t4);          // I = 4HH
  mmul(t5, t1, t4);          // J
  madd(t2, t2, t2);          // rr
  mmul(t6, X(p), t4);        // V
  madd(t7, Z(p), t1);
  msqr(t7, t7);
  msub(t7, t7, t0);
  msub(Z(r), t7, t3);        // Z3 = (Z1 + H)² − Z1Z1 − HH
  msqr(t0, t2);
  msub(t0, t0, t5);
  msub(t0, t0, t6);
  msub(t0, t0, t6);          // X3
  msub(t6, t6, t0);
  mmul(t6, t6, t2);
  mmul(t5, t5, Y(p));
  madd(t5, t5, t5);
  msub(Y(r), t6, t5);        // Y3 = rr(V − X3) − 2·Y1·J
  copy(X(r), t0);
}
