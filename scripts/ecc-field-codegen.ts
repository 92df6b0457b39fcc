// Generates straight-line Montgomery arithmetic for asm/lib/ecc/field.ts (written to asm/generated/ecc-field.ts
// by scripts/generate-asm.ts): one multiply, square, add and subtract per limb count that the curve data
// (src/domain/pki/brainpool-curves.ts) needs. Unrolled code keeps the accumulators in wasm locals and has no
// loop or index arithmetic; measured on brainpoolP256r1 it is what brings verification to OpenSSL's speed
// (bench/RESULTS.md, section verify).
//
// Multiplication is product scanning with Montgomery reduction per column (Koç, Acar, Kaliski 1996, "FIPS"):
// a column's 32×32-bit products are summed as separate low and high halves (lo, hi), so no carry chain runs
// through the products and the 64-bit sums cannot overflow (≤ 2·16 products per column).
import { BRAINPOOL_CURVES } from '../src/domain/pki/brainpool-curves.ts';

const M32 = '0xffffffff';

function limbCounts(): number[] {
  return [...new Set(BRAINPOOL_CURVES.map((c) => Math.ceil(BigInt('0x' + c.p).toString(2).length / 32)))].sort((a, b) => a - b);
}

const ld = (p: string, i: number) => `<u64>load<u32>(${p}, ${4 * i})`;

/** Column-wise Montgomery product (or square when `square`), result < m stored at r. */
function montgomery(n: number, square: boolean): string {
  const name = square ? `sqr${n}` : `mul${n}`;
  const out: string[] = [];
  out.push(square
    ? `export function ${name}(r: usize, a: usize, m: usize, m0inv: u32): void {`
    : `export function ${name}(r: usize, a: usize, b: usize, m: usize, m0inv: u32): void {`);
  out.push(`  let lo: u64 = 0, hi: u64 = 0, p: u64 = 0, w: u32 = 0;`);
  out.push(`  let ${Array.from({ length: n }, (_, i) => `q${i}: u64 = 0`).join(', ')};`);
  out.push(`  let ${Array.from({ length: n }, (_, i) => `r${i}: u64 = 0`).join(', ')};`);
  const addProduct = (x: string, y: string, twice = false) => {
    out.push(`  p = ${x} * ${y};`);
    out.push(twice ? `  lo += (p & ${M32}) << 1; hi += (p >> 32) << 1;` : `  lo += p & ${M32}; hi += p >> 32;`);
  };
  const products = (k: number) => {
    const from = Math.max(0, k - n + 1), to = Math.min(k, n - 1);
    if (square) {
      for (let i = from; i <= to; i++) {
        const j = k - i;
        if (i < j) addProduct(ld('a', i), ld('a', j), true);
        else if (i === j) addProduct(ld('a', i), ld('a', i));
      }
    } else {
      for (let i = from; i <= to; i++) addProduct(ld('a', i), ld('b', k - i));
    }
    for (let i = from; i <= to; i++) if (i < k && i < n) addProduct(`q${i}`, ld('m', k - i));
  };
  for (let k = 0; k < 2 * n - 1; k++) {
    out.push(`  // column ${k}`);
    products(k);
    if (k < n) {
      out.push(`  w = <u32>lo * m0inv;`);
      out.push(`  q${k} = <u64>w;`);
      addProduct(`q${k}`, ld('m', 0));
    } else {
      out.push(`  r${k - n} = lo & ${M32};`);
    }
    out.push(`  lo = hi + (lo >> 32); hi = 0;`);
  }
  out.push(`  r${n - 1} = lo & ${M32};`);
  out.push(`  const top = lo >> 32;`);
  // r − m; keep it when there was a carry out of the top limb or no borrow
  out.push(`  let borrow: u64 = 0, d: u64 = 0;`);
  for (let i = 0; i < n; i++) out.push(`  d = r${i} - ${ld('m', i)} - borrow; const s${i} = d & ${M32}; borrow = d >> 63;`);
  out.push(`  if (top != 0 || borrow == 0) {`);
  for (let i = 0; i < n; i++) out.push(`    store<u32>(r, <u32>s${i}, ${4 * i});`);
  out.push(`  } else {`);
  for (let i = 0; i < n; i++) out.push(`    store<u32>(r, <u32>r${i}, ${4 * i});`);
  out.push(`  }`);
  out.push(`}`);
  return out.join('\n');
}

/** (a + b) mod m for a, b < m. */
function addition(n: number): string {
  const out = [`export function add${n}(r: usize, a: usize, b: usize, m: usize): void {`, `  let c: u64 = 0, d: u64 = 0, borrow: u64 = 0;`];
  for (let i = 0; i < n; i++) out.push(`  c = ${ld('a', i)} + ${ld('b', i)} + (c >> 32); const x${i} = c & ${M32};`);
  out.push(`  const top = c >> 32;`);
  for (let i = 0; i < n; i++) out.push(`  d = x${i} - ${ld('m', i)} - borrow; const s${i} = d & ${M32}; borrow = d >> 63;`);
  out.push(`  if (top != 0 || borrow == 0) {`);
  for (let i = 0; i < n; i++) out.push(`    store<u32>(r, <u32>s${i}, ${4 * i});`);
  out.push(`  } else {`);
  for (let i = 0; i < n; i++) out.push(`    store<u32>(r, <u32>x${i}, ${4 * i});`);
  out.push(`  }`, `}`);
  return out.join('\n');
}

/** (a − b) mod m for a, b < m. */
function subtraction(n: number): string {
  const out = [`export function sub${n}(r: usize, a: usize, b: usize, m: usize): void {`, `  let d: u64 = 0, borrow: u64 = 0, c: u64 = 0;`];
  for (let i = 0; i < n; i++) out.push(`  d = ${ld('a', i)} - ${ld('b', i)} - borrow; const x${i} = d & ${M32}; borrow = d >> 63;`);
  out.push(`  if (borrow != 0) {`);
  for (let i = 0; i < n; i++) out.push(`    c = x${i} + ${ld('m', i)} + (c >> 32); store<u32>(r, <u32>c, ${4 * i});`);
  out.push(`  } else {`);
  for (let i = 0; i < n; i++) out.push(`    store<u32>(r, <u32>x${i}, ${4 * i});`);
  out.push(`  }`, `}`);
  return out.join('\n');
}

export function generateEccFieldAsm(): string {
  const sizes = limbCounts();
  const dispatch = (sig: string, call: (n: number) => string) =>
    `${sig} {\n${sizes.map((n, i) => `  ${i ? 'else ' : ''}if (n == ${n}) ${call(n)};`).join('\n')}\n}`;
  return [
    '// GENERATED by scripts/ecc-field-codegen.ts from src/domain/pki/brainpool-curves.ts — do not edit.',
    '// Straight-line Montgomery multiply/square (product scanning), add and subtract for each limb count.',
    '/* eslint-disable */',
    `export const LIMB_COUNTS: StaticArray<i32> = [${sizes.join(', ')}];`,
    ...sizes.flatMap((n) => [montgomery(n, false), montgomery(n, true), addition(n), subtraction(n)]),
    dispatch('@inline export function mulN(n: i32, r: usize, a: usize, b: usize, m: usize, m0inv: u32): void', (n) => `mul${n}(r, a, b, m, m0inv)`),
    dispatch('@inline export function sqrN(n: i32, r: usize, a: usize, m: usize, m0inv: u32): void', (n) => `sqr${n}(r, a, m, m0inv)`),
    dispatch('@inline export function addModN(n: i32, r: usize, a: usize, b: usize, m: usize): void', (n) => `add${n}(r, a, b, m)`),
    dispatch('@inline export function subModN(n: i32, r: usize, a: usize, b: usize, m: usize): void', (n) => `sub${n}(r, a, b, m)`),
    `export function supportsLimbs(n: i32): bool { return ${sizes.map((n) => `n == ${n}`).join(' || ')}; }`,
    '',
  ].join('\n\n');
}
