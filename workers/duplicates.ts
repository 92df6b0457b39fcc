// Duplicate counting over 64-bit ID hashes in a fixed-size open-addressing table: memory does not grow
// with the input. Exact up to MAX_DISTINCT distinct IDs; after that new IDs are no longer remembered
// and the count is flagged approximate (a lower bound).
const SLOTS = 1 << 22;                 // 32 MiB of (lo, hi) pairs
const MAX_DISTINCT = (SLOTS * 3) >> 2; // keep the load factor at 0.75

export class DuplicateCounter {
  private table: Uint32Array | null = null;
  private distinct = 0;
  duplicates = 0;
  approximate = false;

  add(hashes: Uint32Array): void {
    const table = (this.table ??= new Uint32Array(SLOTS * 2));
    const mask = SLOTS - 1;
    for (let i = 0; i < hashes.length; i += 2) {
      let lo = hashes[i]!, hi = hashes[i + 1]!;
      if (lo === 0 && hi === 0) lo = 1; // 0,0 marks an empty slot
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      for (;;) {
        const a = table[slot * 2]!, b = table[slot * 2 + 1]!;
        if (a === 0 && b === 0) {
          if (this.distinct < MAX_DISTINCT) { table[slot * 2] = lo; table[slot * 2 + 1] = hi; this.distinct++; }
          else this.approximate = true;
          break;
        }
        if (a === lo && b === hi) { this.duplicates++; break; }
        slot = (slot + 1) & mask;
      }
    }
  }

  release(): void { this.table = null; }
}
