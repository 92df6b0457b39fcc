// What the findings table shows: the findings that pass the filters, in the chosen order, as an
// Int32Array of indices into the audit's FindingList. Filtering reads each finding once through the
// list's iterator (its objects are not kept); sorting compares keys gathered once into typed arrays
// (or one string array for text columns), so a million findings are sorted as a million integers,
// never as a million objects.
import type { Finding } from '../../domain/audit/index.ts';

/** The part of Findings this needs (the engine's FindingList, or a plain array in tests). */
export interface FindingSource extends Iterable<Pick<Finding, 'fileIndex' | 'row' | 'id' | 'verdict' | 'reason' | 'cells'>> {
  readonly length: number;
}

export interface ViewFilter {
  verdict?: '' | 'warning' | 'invalid';
  reason?: string;
  /** Input file index, or -1 / undefined for all files. */
  file?: number;
  /** Text the ID or one of the row's cells must contain (any case). */
  query?: string;
}

/** Sort keys: fixed columns, or `cell:<header>` for a chosen source column. */
export type SortKey = 'file' | 'row' | 'id' | 'verdict' | 'reason' | `cell:${string}`;
export interface SortOrder { key: SortKey; descending: boolean }

/** The indices of the findings that match `filter`, in list order. */
export function filterFindings(findings: FindingSource, filter: ViewFilter): Int32Array {
  const verdict = filter.verdict || null, reason = filter.reason || null;
  const file = filter.file !== undefined && filter.file >= 0 ? filter.file : null;
  const query = filter.query?.trim().toLowerCase() || null;
  if (!verdict && !reason && file === null && !query) return allIndices(findings.length);
  const out = new Int32Array(findings.length);
  let n = 0, i = 0;
  for (const f of findings) {
    const index = i++;
    if (verdict && f.verdict !== verdict) continue;
    if (reason && f.reason !== reason) continue;
    if (file !== null && f.fileIndex !== file) continue;
    if (query && !matches(f, query)) continue;
    out[n++] = index;
  }
  return out.slice(0, n);
}

function matches(f: Pick<Finding, 'id' | 'cells'>, query: string): boolean {
  if (f.id.toLowerCase().includes(query)) return true;
  const cells = f.cells;
  if (!cells) return false;
  for (const value of Object.values(cells)) if (value.toLowerCase().includes(query)) return true;
  return false;
}

export function allIndices(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

type Keys = { numbers: Float64Array; strings?: undefined } | { strings: string[]; numbers?: undefined };

/**
 * One pass over the findings gathers the key of every finding: numbers for file, row and verdict,
 * the reason's label rank, text (compared with the locale's collation) for ID and cells.
 */
function gatherKeys(findings: FindingSource, key: SortKey, reasonLabel: (code: string) => string, collator: Intl.Collator): Keys {
  const n = findings.length;
  if (key === 'id' || key.startsWith('cell:')) {
    const header = key.startsWith('cell:') ? key.slice(5) : null;
    const strings: string[] = new Array<string>(n);
    let i = 0;
    for (const f of findings) strings[i++] = header === null ? f.id : (f.cells?.[header] ?? '');
    return { strings };
  }
  const numbers = new Float64Array(n);
  let i = 0;
  if (key === 'reason') {
    // rank each reason code by its label once; findings then compare by rank
    const rank = new Map<string, number>();
    for (const f of findings) {
      let r = rank.get(f.reason);
      if (r === undefined) { r = rank.size; rank.set(f.reason, r); }
      numbers[i++] = r;
    }
    const byLabel = [...rank.keys()].sort((a, b) => collator.compare(reasonLabel(a), reasonLabel(b)));
    const order = new Float64Array(rank.size);
    byLabel.forEach((code, place) => { order[rank.get(code)!] = place; });
    for (let k = 0; k < n; k++) numbers[k] = order[numbers[k]!]!;
    return { numbers };
  }
  for (const f of findings) numbers[i++] = key === 'file' ? f.fileIndex : key === 'row' ? f.row : f.verdict === 'invalid' ? 1 : 0;
  return { numbers };
}

/**
 * `indices` sorted in place by `order` (ties keep list order: file, then row). Returns `indices`.
 * `reasonLabel` gives the shown name of a reason code (reasons sort by what the user reads).
 */
export function sortFindings(findings: FindingSource, indices: Int32Array, order: SortOrder,
  reasonLabel: (code: string) => string = (c) => c, locale = 'de'): Int32Array {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const keys = gatherKeys(findings, order.key, reasonLabel, collator);
  const sign = order.descending ? -1 : 1;
  if (keys.numbers) {
    const k = keys.numbers;
    indices.sort((a, b) => (k[a]! - k[b]!) * sign || a - b);
  } else {
    const s = keys.strings;
    indices.sort((a, b) => collator.compare(s[a]!, s[b]!) * sign || a - b);
  }
  return indices;
}

/**
 * The source columns the findings carry (header → value keys, as the engine names them), in the order
 * met: the first finding with cells of each file gives that file's columns.
 */
export function sourceColumns(findings: FindingSource, fileCount: number): string[] {
  const seen = new Set<string>();
  const filesSeen = new Set<number>();
  for (const f of findings) {
    if (filesSeen.has(f.fileIndex)) continue;
    const cells = f.cells;
    if (!cells) continue;
    filesSeen.add(f.fileIndex);
    for (const h of Object.keys(cells)) seen.add(h);
    if (filesSeen.size >= fileCount) break;
  }
  return [...seen];
}

/**
 * The findings at `indices`, in that order, read through the list's iterator (FindingList.at keeps
 * every object it makes; an export of a million must not). In list order it is one pass; in another
 * order the view is walked in blocks of `block` positions, one pass per block, so no more than a
 * block of findings is alive at once.
 */
export function* inViewOrder<T>(findings: Iterable<T> & { readonly length: number }, indices: Int32Array, block = 65536): Generator<T> {
  const rank = new Int32Array(findings.length).fill(-1);
  let ascending = true;
  for (let p = 0; p < indices.length; p++) {
    rank[indices[p]!] = p;
    if (p > 0 && indices[p]! < indices[p - 1]!) ascending = false;
  }
  if (ascending) {
    let i = 0;
    for (const f of findings) if (rank[i++]! >= 0) yield f;
    return;
  }
  for (let from = 0; from < indices.length; from += block) {
    const to = Math.min(indices.length, from + block);
    const chunk = new Array<T>(to - from);
    let i = 0;
    for (const f of findings) { const r = rank[i++]!; if (r >= from && r < to) chunk[r - from] = f; }
    yield* chunk;
  }
}
