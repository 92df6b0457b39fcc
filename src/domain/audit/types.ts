// Types of the bulk audit (see ./index.ts for the engine's API). Memory stays bounded: only findings
// (non-valid rows, capped) and counters come back, never all rows.
import type { ListFormat } from '../id-lists/types.ts';
import type { Verdict } from '../telematik-id/types.ts';
import type { AuditCounts } from './counts.ts';

export interface AuditInput {
  file: Blob;
  name: string;
  format: ListFormat;
}

export interface Finding {
  /** Index into the inputs array. */
  fileIndex: number;
  /** 1-based line number in the file (header included, like a spreadsheet row). */
  row: number;
  id: string;
  verdict: Exclude<Verdict, 'valid'>;
  reason: string;
  span: [number, number] | null;
  suggestion: string | null;
  /** The source row's cells, header → value (capped: MAX_CELLS cells of MAX_CELL_CHARS); null for plain text lists. */
  readonly cells: Record<string, string> | null;
}

/** The findings of an audit; Finding objects are made on demand (see ./finding-columns.ts FindingList). */
export interface Findings extends Iterable<Finding> {
  readonly length: number;
  at(index: number): Finding | undefined;
  /** Count per reason code. */
  reasonCounts(): Map<string, number>;
  /** Matches of a filter, in order (verdict, reason code, lower-case text in the ID or a cell). */
  select(filter: { verdict?: Exclude<Verdict, 'valid'> | ''; reason?: string; query?: string }): Finding[];
}

/** The whole audit's counts (all files) and what only the whole audit knows. */
export interface AuditSummary extends AuditCounts {
  /** The counts of each input file, by input index. */
  files: AuditCounts[];
  /** Rows whose ID occurred earlier in the same audit (all files). */
  duplicates: number;
  /** True when duplicate counting stopped being exact (more distinct IDs than the counter holds). */
  duplicatesApproximate: boolean;
  bytes: number;
}

export interface AuditProgress {
  bytesDone: number;
  bytesTotal: number;
  rowsDone: number;
  rowsPerSecond: number;
}

export interface AuditResult {
  summary: AuditSummary;
  /** Non-valid rows in file/row order; at most `findingsLimit`, the rest only counted. */
  findings: Findings;
  findingsTruncated: boolean;
  /** Per-file problems that stopped a file (others still run). */
  fileErrors: { fileIndex: number; code: string; detail?: string }[];
  elapsedMs: number;
  cancelled: boolean;
}

export interface AuditOptions {
  onProgress?: (p: AuditProgress) => void;
  signal?: AbortSignal;
  /** Default 1,000,000. */
  findingsLimit?: number;
  /**
   * When given, every data row's result is delivered in file/row order in batches (used by
   * "export all results", which re-runs the audit streaming into the export instead of keeping rows).
   */
  onRows?: (rows: RowResult[]) => void;
}

export interface RowResult {
  fileIndex: number;
  row: number;
  id: string;
  verdict: Verdict;
  reason: string | null;
  /** The source row's cells, header → value (capped as in Finding); absent for plain text lists. */
  cells?: Record<string, string>;
}
