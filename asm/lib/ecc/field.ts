// Montgomery arithmetic modulo an odd number on little-endian 29-bit limbs (one per u32, see
// scripts/ecc-field-codegen.ts for why 29). The multiply, square, add and subtract are generated straight-line
// code per limb count (asm/generated/ecc-field.ts). Every result is fully reduced (< m), so "equal" and "zero"
// are plain limb comparisons. The current modulus is a global: the curve code switches between p
// (coordinates) and n (scalars) with useModulus.
import { mulN, sqrN, addModN, subModN, LIMB_BITS, LIMB_MASK, MAX_LIMBS as GENERATED_MAX_LIMBS } from '../../generated/ecc-field';
export { supportsLimbs, limbsForBytes, LIMB_BITS } from '../../generated/ecc-field';

export const MAX_LIMBS: i32 = GENERATED_MAX_LIMBS;
export const ELEMENT_BYTES: i32 = MAX_LIMBS * 4;

export let L: i32 = 8;
export let M: usize = 0;
export let M0INV: u64 = 0;

@inline export function ld(p: usize, i: i32): u64 { return <u64>load<u32>(p + (<usize>i << 2)); }
@inline export function st(p: usize, i: i32, v: u64): void { store<u32>(p + (<usize>i << 2), <u32>v); }

export function useModulus(m: usize, m0inv: u64, limbs: i32): void {
  M = m; M0INV = m0inv; L = limbs;
}

/** −m⁻¹ mod 2^LIMB_BITS by Newton iteration (m odd; the lowest limb decides). */
export function negInverseLimb(m0: u32): u64 {
  let x: u32 = 1;
  for (let i = 0; i < 5; i++) x = x * (2 - m0 * x);
  return <u64>((0 - x) & LIMB_MASK);
}

export function copy(r: usize, a: usize): void { memory.copy(r, a, <usize>L << 2); }
export function setZero(r: usize): void { memory.fill(r, 0, <usize>L << 2); }

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

/** r = a − b over n limbs (plain integers); returns true on borrow. */
export function subN(r: usize, a: usize, b: usize, n: i32): bool {
  let d: i64 = 0;
  for (let j = 0; j < n; j++) {
    d = <i64>ld(a, j) - <i64>ld(b, j) + (d >> LIMB_BITS);
    st(r, j, <u64>d & LIMB_MASK);
  }
  return d < 0;
}

/** r = a + b over n limbs (plain integers); returns the carry out of the top limb. */
export function addN(r: usize, a: usize, b: usize, n: i32): u64 {
  let c: u64 = 0;
  for (let j = 0; j < n; j++) {
    c = ld(a, j) + ld(b, j) + (c >> LIMB_BITS);
    st(r, j, c & LIMB_MASK);
  }
  return c >> LIMB_BITS;
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

@inline function bitAt(a: usize, bit: i32): u32 {
  return (load<u32>(a + (<usize>(bit / LIMB_BITS) << 2)) >> <u32>(bit % LIMB_BITS)) & 1;
}

const E = memory.data(ELEMENT_BYTES);
const ACC = memory.data(ELEMENT_BYTES);
const TWO = memory.data(ELEMENT_BYTES);
const WINDOW = memory.data(16 * ELEMENT_BYTES);

/** r = a^(m−2) (Fermat inverse for prime m), a and r in Montgomery form; one = R mod m. 4-bit fixed window. */
export function minv(r: usize, a: usize, one: usize): void {
  const n = L;
  setZero(TWO); store<u32>(TWO, 2);
  subN(E, M, TWO, n);
  // a^0 … a^15
  copy(WINDOW, one);
  for (let i = 1; i < 16; i++) mmul(WINDOW + <usize>(i * ELEMENT_BYTES), WINDOW + <usize>((i - 1) * ELEMENT_BYTES), a);
  let top = n * LIMB_BITS - 1;
  while (top > 0 && bitAt(E, top) == 0) top--;
  const windows = (top + 4) >> 2;
  copy(ACC, one);
  for (let w = windows - 1; w >= 0; w--) {
    msqr(ACC, ACC); msqr(ACC, ACC); msqr(ACC, ACC); msqr(ACC, ACC);
    let digit = 0;
    for (let b = 3; b >= 0; b--) {
      const bit = 4 * w + b;
      digit = (digit << 1) | (bit < n * LIMB_BITS ? <i32>bitAt(E, bit) : 0);
    }
    if (digit != 0) mmul(ACC, ACC, WINDOW + <usize>(digit * ELEMENT_BYTES));
  }
  copy(r, ACC);
}

/** R mod m and R² mod m by doubling (init only). */
export function montgomeryConstants(rModM: usize, r2ModM: usize): void {
  const n = L;
  setZero(rModM); store<u32>(rModM, 1);
  for (let i = 0; i < LIMB_BITS * n; i++) madd(rModM, rModM, rModM);
  copy(r2ModM, rModM);
  for (let i = 0; i < LIMB_BITS * n; i++) madd(r2ModM, r2ModM, r2ModM);
}

/** Big-endian bytes → L limbs (the bytes must fit: 8·bytes ≤ LIMB_BITS·L). */
export function fromBytes(r: usize, src: usize, bytes: i32): void {
  setZero(r);
  let acc: u64 = 0, bits: i32 = 0, limb = 0;
  for (let i = bytes - 1; i >= 0; i--) {
    acc |= <u64>load<u8>(src + <usize>i) << <u64>bits;
    bits += 8;
    if (bits >= LIMB_BITS) {
      st(r, limb++, acc & LIMB_MASK);
      acc >>= LIMB_BITS;
      bits -= LIMB_BITS;
    }
  }
  if (bits > 0 && limb < L) st(r, limb, acc);
}
