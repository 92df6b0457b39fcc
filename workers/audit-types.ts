// Contract of the bulk audit: the UI (src/ui/audit) calls runAudit() (workers/audit-runner.ts);
// the runner splits files into byte ranges, hands them to the id workers (workers/id-worker.ts),
// merges their partial results and reports progress. Memory stays bounded: only findings (non-valid
// rows, capped) and counters come back, never all rows.
import type { ListFormat } from '../src/domain/id-lists/types.ts';
import type { Verdict } from '../src/domain/telematik-id/types.ts';

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
}

/** The findings of an audit; Finding objects are made on demand (see workers/finding-columns.ts FindingList). */
export interface Findings extends Iterable<Finding> {
  readonly length: number;
  at(index: number): Finding | undefined;
  /** Count per reason code. */
  reasonCounts(): Map<string, number>;
  /** Matches of a filter, in order (verdict, reason code, lower-case text in the ID). */
  select(filter: { verdict?: Exclude<Verdict, 'valid'> | ''; reason?: string; query?: string }): Finding[];
}

export interface AuditSummary {
  rows: number;
  valid: number;
  warning: number;
  invalid: number;
  /** Count by formation rule / sector prefix (e.g. "1-1", "5-2", "general", "none"). */
  byRule: Record<string, number>;
  /** Count by issuer/holder code of valid and decodable IDs (e.g. "aekno", "kvwl"). */
  byHolder: Record<string, number>;
  /** Telematik-IDs (valid or warning) by sector prefix: "1" physicians … "11" health crafts. */
  bySector: Record<string, number>;
  /** Count by reason code of non-valid rows. */
  byReason: Record<string, number>;
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
}
