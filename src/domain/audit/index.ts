// The audit engine: checks lists of Telematik-IDs (text, CSV/TSV, xlsx) in bounded memory.
//
// API (what the audit page, the workers and the CLI use):
// - runAudit(inputs, options, { workers }) → AuditResult: splits files into byte ranges, runs
//   auditRange on `workers` (workers/audit-runner.ts adapts the Comlink pool), merges in file order.
//   AuditResult.summary: AuditSummary = AuditCounts of all files + duplicates + bytes.
//   AuditResult.findings: Findings — non-valid rows, kept column-wise (FindingList); a Finding object
//   is made only when read (at, iteration, select).
// - auditRange(core, validator, job, hooks) → RangeResult: one byte range (or a whole file) in this
//   thread: counts, finding columns, ID hashes for duplicates, and every row to hooks.onRow when
//   job.all is set (ti-validate and "export all").
// - AuditCounts + addCounts: the one counts type and the one merge (ranges → files → audit).
// - DuplicateCounter: counts repeated IDs over 64-bit hashes in bounded memory (AuditSummary.duplicates).
// - listDuplicates(inputs, options, { workers }) → which IDs repeat, how often, in which files and rows
//   (a second run streaming every row; DuplicateList, bounded).
// - Per-file totals: AuditSummary.files[i]; blank rows: AuditCounts.blankRows (skipped, never checked).
// - Finding.cells / RowResult.cells: the source row's cells, header → value (CSV/TSV/xlsx).
export * from './types.ts';
export { addCounts, emptyCounts, type AuditCounts } from './counts.ts';
export { runAudit, listDuplicates, type AuditRunnerSetup, type RangeWorker, type RangeWorkers } from './runner.ts';
export { auditRange, emptyRangeResult, rangeResultBuffers, type RangeJob, type RangeResult, type RangeHooks } from './range-audit.ts';
export { FindingList, FindingColumnsBuilder, findingCells, cellsByHeader, MAX_CELLS, MAX_CELL_CHARS, findingId, findingReason, findingVerdict, findingBuffers, shownId, MAX_SHOWN_ID, type FindingColumns, type FindingFilter } from './finding-columns.ts';
export { DuplicateCounter, MAX_DISTINCT, PARTITION_BITS, PARTITIONS, type PartitionedHashes } from './duplicates.ts';
export { isFastPath } from './fast-path.ts';
export { DuplicateList, MAX_TRACKED, MAX_OCCURRENCES, type DuplicateEntry, type DuplicateListResult } from './duplicate-list.ts';
