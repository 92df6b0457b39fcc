// Duplicates as a list: which ID, how often, in which files and rows. The audit itself only counts
// repeats (DuplicateCounter, 64-bit hashes, bounded); the list is made on demand from the row stream
// of a second run (listDuplicates), like "export all". Memory stays bounded: at most MAX_TRACKED
// distinct IDs are remembered (later new IDs make the list incomplete, and it says so) and at most
// MAX_OCCURRENCES places per ID are kept (the count stays exact).
import type { RowResult } from './types.ts';

export const MAX_TRACKED = 1_000_000;
export const MAX_OCCURRENCES = 1000;

export interface DuplicateEntry {
  id: string;
  /** How often the ID occurs (all files). */
  count: number;
  /** Where: the first MAX_OCCURRENCES places in file/row order. */
  places: { fileIndex: number; row: number }[];
}

export interface DuplicateListResult {
  /** IDs occurring more than once: most frequent first, then by first place. */
  entries: DuplicateEntry[];
  /** False when more distinct IDs came than are tracked: IDs first seen after that are missing. */
  complete: boolean;
}

/** Rows the duplicate counter does not see either: empty cells and over-long lines are no IDs to repeat. */
const NOT_COUNTED = new Set(['TID_EMPTY', 'TID_TOO_LONG']);

export class DuplicateList {
  // id → count and places, packed as [count, file, row, file, row, …] (one small array per distinct ID)
  private readonly seen = new Map<string, number[]>();
  private complete = true;

  add(rows: readonly RowResult[]): void {
    for (const r of rows) {
      if (r.reason && NOT_COUNTED.has(r.reason)) continue;
      const known = this.seen.get(r.id);
      if (known) {
        known[0]!++;
        if (known.length < 1 + 2 * MAX_OCCURRENCES) known.push(r.fileIndex, r.row);
      } else if (this.seen.size < MAX_TRACKED) {
        this.seen.set(r.id, [1, r.fileIndex, r.row]);
      } else {
        this.complete = false;
      }
    }
  }

  result(): DuplicateListResult {
    const entries: DuplicateEntry[] = [];
    for (const [id, packed] of this.seen) {
      if (packed[0]! < 2) continue;
      const places: DuplicateEntry['places'] = [];
      for (let k = 1; k < packed.length; k += 2) places.push({ fileIndex: packed[k]!, row: packed[k + 1]! });
      entries.push({ id, count: packed[0]!, places });
    }
    entries.sort((a, b) => b.count - a.count || a.places[0]!.fileIndex - b.places[0]!.fileIndex || a.places[0]!.row - b.places[0]!.row);
    return { entries, complete: this.complete };
  }
}
