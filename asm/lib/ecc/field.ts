// Montgomery arithmetic modulo an odd number on little-endian 32-bit limbs with 64-bit products. The
// multiply, square, add and subtract are generated straight-line code per limb count (asm/generated/ecc-field.ts,
// from scripts/ecc-field-codegen.ts). Every result is fully reduced (< m), so "equal" and "zero" are plain limb
// comparisons. The current modulus is a global: the curve code switches between p (coordinates) and n
// (scalars) with useModulus.
import { mulN, sqrN, addModN, subModN } from '../../generated/ecc-field';
export { supportsLimbs } from '../../generated/ecc-field';

export const MAX_LIMBS: i32 = 16;
export const ELEMENT_BYTES: i32 = MAX_LIMBS * 4;

export let L: i32 = 8;
export let M: usize = 0;
export let M0INV: u32 = 0;

@inline export function ld(p: usize, i: i32): u64 { return <u64>load<u32>(p + (<usize>i << 2)); }
@inline export function st(p: usize, i: i32, v: u64): void { store<u32>(p + (<usize>i << 2), <u32>v); }

export function useModulus(m: usize, m0inv: u32, limbs: i32): void {
  M = m; M0INV = m0inv; L = limbs;
}

/** −m⁻¹ mod 2^32 by Newton iteration (m odd). */
export function negInverse32(m0: u32): u32 {
  let x: u32 = 1;
  for (let i = 0; i < 5; i++) x = x * (2 - m0 * x);
  return 0 - x;
}

export function copy(r: usize, a: usize): void { memory.copy(r, a, <usize>L << 2); }
export function setZero(r: usize): void { memory.fill(r, 0, <usize>L << 2); }
export function setSmall(r: usize, v: u32): void { setZero(r); store<u32>(r, v); }

export function isZero(a: usize): bool {
  let acc: u32 = 0;
  for (let i = 0; i < L; i++) acc |= load<u32>(a + (<usize>i << 2));
  return acc == 0;
}

export function equal(a: usize, b: usize): bool {
  for (let i = 0; i < L; i++) if (load<u32>(a + (<usize>i << 2)) != load<u32>(b + (<usize>i << 2))) return false;
  return true;
}

/** a ≥ b over n limbs. */
export function geqN(a: usize, b: usize, n: i32): bool {
  for (let i = n - 1; i >= 0; i--) {
    const x = load<u32>(a + (<usize>i << 2)), y = load<u32>(b + (<usize>i << 2));
    if (x != y) return x > y;
  }
  return true;
}

/** r = a − b over n limbs; returns the borrow. */
export function subN(r: usize, a: usize, b: usize, n: i32): u64 {
  let borrow: u64 = 0;
  for (let j = 0; j < n; j++) {
    const x = ld(a, j) - ld(b, j) - borrow;
    st(r, j, x);
    borrow = x >> 63;
  }
  return borrow;
}

/** r = a + b over n limbs; returns the carry. */
export function addN(r: usize, a: usize, b: usize, n: i32): u64 {
  let carry: u64 = 0;
  for (let j = 0; j < n; j++) {
    const x = ld(a, j) + ld(b, j) + carry;
    st(r, j, x);
    carry = x >> 32;
  }
  return carry;
}

/** r = a·b·R⁻¹ mod m (a, b < m; r may alias either). */
export function mmul(r: usize, a: usize, b: usize): void { mulN(L, r, a, b, M, M0INV); }
export function msqr(r: usize, a: usize): void { sqrN(L, r, a, M, M0INV); }
export function madd(r: usize, a: usize, b: usize): void { addModN(L, r, a, b, M); }
export function msub(r: usize, a: usize, b: usize): void { subModN(L, r, a, b, M); }

export function mneg(r: usize, a: usize): void {
  if (isZero(a)) setZero(r);
  else subN(r, M, a, L);
}

const E = memory.data(ELEMENT_BYTES);
const ACC = memory.data(ELEMENT_BYTES);

/** r = a^(m−2) (Fermat inverse for prime m), a and r in Montgomery form; one = R mod m. */
export function minv(r: usize, a: usize, one: usize): void {
  const n = L;
  // exponent m − 2 (m is odd and > 2, so only the lowest limb can borrow into the next)
  memory.copy(E, M, <usize>n << 2);
  let borrow: u64 = 2;
  for (let j = 0; j < n && borrow != 0; j++) {
    const x = ld(E, j) - borrow;
    st(E, j, x);
    borrow = x >> 63;
  }
  copy(ACC, one);
  for (let bit = n * 32 - 1; bit >= 0; bit--) {
    msqr(ACC, ACC);
    if (((load<u32>(E + (<usize>(bit >> 5) << 2)) >> (bit & 31)) & 1) != 0) mmul(ACC, ACC, a);
  }
  copy(r, ACC);
}

/** R mod m and R² mod m by doubling (init only). */
export function montgomeryConstants(rModM: usize, r2ModM: usize): void {
  const n = L;
  setSmall(rModM, 1);
  for (let i = 0; i < 32 * n; i++) madd(rModM, rModM, rModM);
  copy(r2ModM, rModM);
  for (let i = 0; i < 32 * n; i++) madd(r2ModM, r2ModM, r2ModM);
}

/** Big-endian bytes (exactly 4·L) → limbs. */
export function fromBytes(r: usize, src: usize): void {
  const n = L;
  for (let i = 0; i < n; i++) {
    const o = src + (<usize>(n - 1 - i) << 2);
    store<u32>(r + (<usize>i << 2), bswap<u32>(load<u32>(o)));
  }
}
