import { describe, it, expect } from 'vitest';
import { DuplicateCounter, MAX_DISTINCT } from '../../../workers/duplicates.ts';

// deterministic pseudo-random 64-bit hashes
function hashes(values: number[]): Uint32Array {
  const out = new Uint32Array(values.length * 2);
  values.forEach((v, i) => { out[i * 2] = Math.imul(v, 0x9e3779b1) ^ (v >>> 3); out[i * 2 + 1] = Math.imul(v ^ 0x5bd1e995, 0x85ebca6b) >>> 0; });
  return out;
}

describe('DuplicateCounter', () => {
  it('counts every repeat exactly, within and across batches', () => {
    const d = new DuplicateCounter();
    d.add(hashes([1, 2, 3, 2, 2]));        // 2 repeats
    d.add(hashes([3, 4, 1, 5]));           // 2 more (3 and 1 seen before)
    d.add(new Uint32Array());
    expect(d.duplicates).toBe(4);
    expect(d.approximate).toBe(false);
  });

  it('treats the all-zero hash like any other value', () => {
    const d = new DuplicateCounter();
    d.add(new Uint32Array([0, 0, 0, 0, 1, 0]));
    expect(d.duplicates).toBe(1);
  });

  it('stays exact up to its capacity, then says the count is a lower bound', () => {
    const d = new DuplicateCounter();
    const values = Array.from({ length: MAX_DISTINCT + 5000 }, (_, i) => i + 10);
    d.add(hashes(values));
    expect(d.duplicates).toBe(0);
    expect(d.approximate).toBe(true);
    d.add(hashes([10, 11, 12]));           // remembered ones are still found
    expect(d.duplicates).toBe(3);
  });

  it('fills evenly enough that far below capacity nothing is dropped', () => {
    const d = new DuplicateCounter();
    const values = Array.from({ length: MAX_DISTINCT / 2 }, (_, i) => i * 7 + 1);
    d.add(hashes(values));
    d.add(hashes(values));
    expect(d.approximate).toBe(false);
    expect(d.duplicates).toBe(values.length);
  });
});
