import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileTelematikIdModule, instantiateTelematikIdCore } from '../../../src/domain/telematik-id/core.ts';
import { BulkScanner } from '../../../src/domain/telematik-id/bulk.ts';
import { DuplicateCounter, MAX_DISTINCT, PARTITION_BITS, PARTITIONS, type PartitionedHashes } from '../../../src/domain/audit/index.ts';

// deterministic pseudo-random 64-bit hashes
function hashes(values: number[]): Uint32Array {
  const out = new Uint32Array(values.length * 2);
  values.forEach((v, i) => {
    out[i * 2] = Math.imul(v, 0x9e3779b1) ^ (v >>> 3);
    out[i * 2 + 1] = Math.imul(v ^ 0x5bd1e995, 0x85ebca6b) >>> 0;
  });
  return out;
}

// Reference partitioning in plain JavaScript (the audit sorts in the wasm core, bulk.ts hashPartitionBits):
// a counting sort by the top PARTITION_BITS bits of hi.
function partitionHashes(batches: Uint32Array[]): PartitionedHashes {
  const n = batches.reduce((k, b) => k + (b.length >> 1), 0);
  const starts = new Uint32Array(PARTITIONS + 1);
  const shift = 32 - PARTITION_BITS;
  for (const b of batches) for (let i = 1; i < b.length; i += 2) starts[(b[i]! >>> shift) + 1]!++;
  for (let p = 0; p < PARTITIONS; p++) starts[p + 1]! += starts[p]!;
  const fill = starts.slice(0, PARTITIONS);
  const hashes = new Uint32Array(n * 2);
  for (const b of batches) {
    for (let i = 0; i < b.length; i += 2) {
      const hi = b[i + 1]!;
      const at = fill[hi >>> shift]!++ * 2;
      hashes[at] = b[i]!;
      hashes[at + 1] = hi;
    }
  }
  return { hashes, starts };
}

const add = (d: DuplicateCounter, h: Uint32Array) => { if (h.length) d.addPartitioned(partitionHashes([h])); };

describe('DuplicateCounter', () => {
  it('counts every repeat exactly, within and across batches', () => {
    const d = new DuplicateCounter();
    add(d, hashes([1, 2, 3, 2, 2]));        // 2 repeats
    add(d, hashes([3, 4, 1, 5]));           // 2 more (3 and 1 seen before)
    add(d, new Uint32Array());
    expect(d.duplicates).toBe(4);
    expect(d.approximate).toBe(false);
  });

  it('treats the all-zero hash like any other value', () => {
    const d = new DuplicateCounter();
    add(d, new Uint32Array([0, 0, 0, 0, 1, 0]));
    expect(d.duplicates).toBe(1);
  });

  it('stays exact up to its capacity, then says the count is a lower bound', () => {
    const d = new DuplicateCounter();
    const values = Array.from({ length: MAX_DISTINCT + 5000 }, (_, i) => i + 10);
    add(d, hashes(values));
    expect(d.duplicates).toBe(0);
    expect(d.approximate).toBe(true);
    add(d, hashes([10, 11, 12]));           // remembered ones are still found
    expect(d.duplicates).toBe(3);
  });

  it('fills evenly enough that far below capacity nothing is dropped', () => {
    const d = new DuplicateCounter();
    const values = Array.from({ length: MAX_DISTINCT / 2 }, (_, i) => i * 7 + 1);
    add(d, hashes(values));
    add(d, hashes(values));
    expect(d.approximate).toBe(false);
    expect(d.duplicates).toBe(values.length);
  });

  it('partitionHashes keeps every pair and groups them by partition', () => {
    const a = hashes([1, 2, 3, 4, 5, 6, 7]), b = hashes([8, 9, 1]);
    const { hashes: sorted, starts } = partitionHashes([a, b]);
    expect(starts.length).toBe(PARTITIONS + 1);
    expect(starts[PARTITIONS]).toBe(10);
    const pairs = (h: Uint32Array) => Array.from({ length: h.length / 2 }, (_, i) => `${h[i * 2]}:${h[i * 2 + 1]}`).sort();
    expect(pairs(sorted)).toEqual([...pairs(a), ...pairs(b)].sort());
    for (let p = 0; p < PARTITIONS; p++) {
      for (let i = starts[p]!; i < starts[p + 1]!; i++) expect(sorted[i * 2 + 1]! >>> 24).toBe(p);
    }
  });

  it('counts total minus distinct however the hashes are split into queued ranges', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 200 }), { maxLength: 8 }), (ranges) => {
      const d = new DuplicateCounter();
      for (const r of ranges) d.addPartitioned(partitionHashes([hashes(r)]));
      const all = ranges.flat();
      expect(d.duplicates).toBe(all.length - new Set(all).size);
      expect(d.approximate).toBe(false);
    }), { numRuns: 200 });
  });

  it('probes queued ranges once 4M IDs are waiting, and later ranges still see them', () => {
    const d = new DuplicateCounter();
    const big = Array.from({ length: 2_200_000 }, (_, i) => i + 1);
    d.addPartitioned(partitionHashes([hashes(big.slice(0, 1_100_000))]));
    d.addPartitioned(partitionHashes([hashes(big.slice(1_100_000))]));
    d.addPartitioned(partitionHashes([hashes(big.slice(0, 2_000_000))])); // queue passes 4M: flushed here
    d.addPartitioned(partitionHashes([hashes([5, 6, 7])]));
    expect(d.duplicates).toBe(2_000_003);
    expect(d.approximate).toBe(false);
  });

  it('the wasm core\'s partitioned hashes equal the unsorted ones regrouped, and count duplicates exactly', async () => {
    const core = instantiateTelematikIdCore(await compileTelematikIdModule());
    const lines = Array.from({ length: 600_000 }, (_, i) => `1-2001${String((i * 7919) % 400_000).padStart(7, '0')}`);
    const text = new TextEncoder().encode(lines.join('\n'));
    const plain: Uint32Array[] = [];
    const sorted: { hashes: Uint32Array; starts: Uint32Array }[] = [];
    const scan = (bits: number | undefined) => {
      const s = new BulkScanner(core, {
        onRecord: () => {}, ...(bits ? { hashPartitionBits: bits } : {}),
        onHashes: (h, starts) => { if (starts) sorted.push({ hashes: h.slice(), starts: starts.slice() }); else plain.push(h.slice()); },
      });
      s.push(text, true);
    };
    scan(undefined);
    scan(PARTITION_BITS);
    expect(sorted.length).toBeGreaterThan(1); // more than one scan call, so chunks are merged too
    const reference = partitionHashes(plain);
    const pairs = (h: Uint32Array, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${h[(from + i) * 2]}:${h[(from + i) * 2 + 1]}`).sort();
    for (let p = 0; p < PARTITIONS; p += 17) {
      const got = sorted.flatMap((c) => pairs(c.hashes, c.starts[p]!, c.starts[p + 1]!)).sort();
      expect(got).toEqual(pairs(reference.hashes, reference.starts[p]!, reference.starts[p + 1]!));
    }
    const d = new DuplicateCounter();
    for (const c of sorted) d.addPartitioned(c);
    expect(d.duplicates).toBe(lines.length - new Set(lines).size);
  });
});
