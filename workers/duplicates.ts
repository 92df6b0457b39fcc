// Duplicate counting over 64-bit ID hashes in bounded memory: exact up to MAX_DISTINCT distinct IDs;
// after that new IDs are no longer remembered and the count is flagged approximate (a lower bound).
// Cache-friendly: each batch is first partitioned by the hash's top bits (sequential writes), then
// every partition probes its own small table (128 KiB, stays in the CPU cache). A single 32 MiB table
// cost ~136 ns per ID in cache misses (1.4 s for 10M IDs, measured); partitioned it is a few ns.
const PARTITION_BITS = 8;
const PARTITIONS = 1 << PARTITION_BITS;
const SLOTS = 1 << 14;                         // per partition: 2^14 (lo, hi) pairs = 128 KiB
const MAX_PER_PARTITION = (SLOTS * 3) >> 2;     // load factor 0.75
export const MAX_DISTINCT = PARTITIONS * MAX_PER_PARTITION;

export class DuplicateCounter {
  private tables: Uint32Array[] = [];
  private used = new Uint32Array(PARTITIONS);
  private scratch = new Uint32Array(0);
  private readonly starts = new Uint32Array(PARTITIONS + 1);
  private seenZero = false; // (0, 0) marks an empty slot, so that one hash is tracked apart
  duplicates = 0;
  approximate = false;

  /** hashes: (lo, hi) pairs. */
  add(hashes: Uint32Array): void {
    const n = hashes.length >> 1;
    if (n === 0) return;
    if (this.tables.length === 0) for (let p = 0; p < PARTITIONS; p++) this.tables.push(new Uint32Array(SLOTS * 2));
    if (this.scratch.length < hashes.length) this.scratch = new Uint32Array(hashes.length);
    // counting sort by partition (top bits of hi)
    const starts = this.starts;
    starts.fill(0);
    const shift = 32 - PARTITION_BITS;
    for (let i = 0; i < n; i++) starts[(hashes[i * 2 + 1]! >>> shift) + 1]!++;
    for (let p = 0; p < PARTITIONS; p++) starts[p + 1]! += starts[p]!;
    const fill = starts.slice(0, PARTITIONS);
    const sorted = this.scratch;
    for (let i = 0; i < n; i++) {
      const hi = hashes[i * 2 + 1]!;
      const at = fill[hi >>> shift]!++ * 2;
      sorted[at] = hashes[i * 2]!;
      sorted[at + 1] = hi;
    }
    const mask = SLOTS - 1;
    for (let p = 0; p < PARTITIONS; p++) {
      const table = this.tables[p]!;
      let used = this.used[p]!;
      for (let i = starts[p]! * 2, end = starts[p + 1]! * 2; i < end; i += 2) {
        const lo = sorted[i]!;
        const hi = sorted[i + 1]!;
        if (lo === 0 && hi === 0) {
          if (this.seenZero) this.duplicates++; else this.seenZero = true;
          continue;
        }
        let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
        for (;;) {
          const a = table[slot * 2]!, b = table[slot * 2 + 1]!;
          if (a === 0 && b === 0) {
            if (used < MAX_PER_PARTITION) { table[slot * 2] = lo; table[slot * 2 + 1] = hi; used++; }
            else this.approximate = true;
            break;
          }
          if (a === lo && b === hi) { this.duplicates++; break; }
          slot = (slot + 1) & mask;
        }
      }
      this.used[p] = used;
    }
  }

  release(): void { this.tables = []; this.scratch = new Uint32Array(0); this.used.fill(0); this.seenZero = false; }
}
