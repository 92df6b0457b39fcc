// Width-w non-adjacent form of a scalar (little-endian digits, odd digits in (−2^(w−1), 2^(w−1)), at most one
// non-zero digit in any w consecutive positions), so a scalar multiplication needs ~bits/(w+1) additions.
import { MAX_LIMBS, LIMB_BITS } from './field';

const K = memory.data((MAX_LIMBS + 1) * 4);
const LIMB_MASK: u32 = (1 << LIMB_BITS) - 1;

/** Writes the digits of the n-limb scalar at k to out (one i8 each); returns the digit count. w ≤ 8. */
export function wnaf(out: usize, k: usize, n: i32, w: i32): i32 {
  memory.copy(K, k, <usize>n << 2);
  store<u32>(K + (<usize>n << 2), 0);
  const words = n + 1;
  const mask: u32 = (1 << w) - 1;
  const half: i32 = 1 << (w - 1);
  let len = 0;
  let top = words - 1; // highest limb that may be non-zero
  while (true) {
    while (top >= 0 && load<u32>(K + (<usize>top << 2)) == 0) top--;
    if (top < 0) break;
    const low = load<u32>(K);
    let d: i32 = 0;
    if ((low & 1) != 0) {
      d = <i32>(low & mask);
      if (d >= half) d -= 1 << w;
      if (d > 0) {
        store<u32>(K, low - <u32>d); // the low bits equal d: no borrow
      } else {
        let carry: u32 = <u32>(-d);
        for (let j = 0; j < words && carry != 0; j++) {
          const x = load<u32>(K + (<usize>j << 2)) + carry;
          store<u32>(K + (<usize>j << 2), x & LIMB_MASK);
          carry = x >> LIMB_BITS;
        }
        if (top < words - 1 && load<u32>(K + (<usize>(top + 1) << 2)) != 0) top++;
      }
    }
    store<i8>(out + <usize>len, <i8>d);
    len++;
    for (let j = 0; j <= top; j++) {
      const cur = load<u32>(K + (<usize>j << 2));
      const next: u32 = j < words - 1 ? load<u32>(K + (<usize>(j + 1) << 2)) : 0;
      store<u32>(K + (<usize>j << 2), (cur >> 1) | ((next & 1) << (LIMB_BITS - 1)));
    }
  }
  return len;
}
