// Character tests shared by the Telematik-ID interpreter (asm/telematik-id.ts) and the generated
// per-rule checks (asm/generated/telematik-id-rules.ts).

// Character classes in one table lookup: 1 digit, 2 letter, 4 '.' or '-', 8 space/tab.
export const CLS_DIGIT: u8 = 1, CLS_ALPHA: u8 = 2, CLS_SEP: u8 = 4, CLS_SPACE: u8 = 8;
const classes = memory.data(256);
function initClasses(): void {
  for (let c = 48; c < 58; c++) store<u8>(classes + <usize>c, CLS_DIGIT);
  for (let c = 65; c < 91; c++) { store<u8>(classes + <usize>c, CLS_ALPHA); store<u8>(classes + <usize>(c + 32), CLS_ALPHA); }
  store<u8>(classes + 45, CLS_SEP); store<u8>(classes + 46, CLS_SEP);
  store<u8>(classes + 32, CLS_SPACE); store<u8>(classes + 9, CLS_SPACE); store<u8>(classes + 11, CLS_SPACE); store<u8>(classes + 12, CLS_SPACE);
}
initClasses();

@inline export function cls(c: u32): u8 { return load<u8>(classes + <usize>c); }
@inline export function classOk(mask: u8, c: u32): bool { return (cls(c) & mask) != 0; }
@inline export function isDigit(c: u32): bool { return c - 48 < 10; }
@inline export function isAlpha(c: u32): bool { return ((c | 32) - 97) < 26; }
@inline export function isAlnum(c: u32): bool { return isDigit(c) || isAlpha(c); }

/** High bit of each byte of `x` set where the byte is not an ASCII digit (SWAR; no carries across bytes). */
@inline function notDigitBits(x: u64): u64 {
  const low = x & 0x7F7F7F7F7F7F7F7F;
  // ≥ 0x3A, < 0x30, or ≥ 0x80
  return ((low + 0x4646464646464646) | ~(low + 0x5050505050505050) | x) & 0x8080808080808080;
}

/** True when the `n` (≤ 16, a constant at the call site) bytes at `q` are digits. Reads 8 or 16 bytes. */
@inline export function allDigits(q: usize, n: i32): bool {
  const first: u64 = n >= 8 ? 0x8080808080808080 : ((<u64>1 << (<u64>n << 3)) - 1) & 0x8080808080808080;
  if (n <= 8) return (notDigitBits(load<u64>(q)) & first) == 0;
  const second: u64 = n >= 16 ? 0x8080808080808080 : ((<u64>1 << (<u64>(n - 8) << 3)) - 1) & 0x8080808080808080;
  return ((notDigitBits(load<u64>(q)) & first) | (notDigitBits(load<u64>(q + 8)) & second)) == 0;
}

/** End of the run of digits from `pos`, at most `stop`; 8 bytes per step. Reads up to 8 bytes past `stop`. */
@inline export function digitRunEnd(p: usize, pos: i32, stop: i32): i32 {
  let e = pos;
  for (;;) {
    const run = <i32>(ctz(notDigitBits(load<u64>(p + <usize>e))) >> 3);
    e += run;
    if (run < 8 || e >= stop) break;
  }
  return e < stop ? e : stop;
}

/** End of the run of bytes of class `mask` from `pos`, at most `stop`. */
@inline export function classRunEnd(p: usize, pos: i32, stop: i32, mask: u8): i32 {
  let e = pos;
  while (e < stop && classOk(mask, <u32>load<u8>(p + <usize>e))) e++;
  return e;
}

/** IK check digit (../shared/reference/pki.md): digits 3–8 weighted 2,1,2,1,2,1, digit sums added, sum mod 10 = digit 9. */
export function ikValid(p: usize): bool {
  let sum: u32 = 0;
  for (let i = 0; i < 6; i++) {
    let v = (<u32>load<u8>(p + 2 + <usize>i) - 48) * ((i & 1) == 0 ? 2 : 1);
    sum += v >= 10 ? v - 9 : v;
  }
  return sum % 10 == <u32>load<u8>(p + 8) - 48;
}
