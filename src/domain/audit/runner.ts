// Runs a bulk audit on a set of range workers (RangeWorkers: a pool of id workers on the page, see
// workers/audit-runner.ts): text files are split into byte ranges (a worker owns the lines that start
// inside its range), xlsx goes to one worker per file. Merges counters, findings and duplicate
// hashes in file order; reports progress; cancels on the AbortSignal.
//
// CSV/TSV/UTF-16 ranges are read speculatively: each range after the first is assumed to start a
// record outside quotes, after the header. A range that ends inside a quoted field (a line break in
// quotes at the cut) or before the header proves the guess for the next range wrong; both are then
// read again as one range before anything is merged.
import { loadTelematikIdValidator } from '../telematik-id/index.ts';
import { FindingList } from './finding-columns.ts';
import { DuplicateCounter } from './duplicates.ts';
import { isFastPath } from './fast-path.ts';
import { isWholeFileFormat } from '../id-lists/index.ts';
import { addCounts, emptyCounts } from './counts.ts';
import { DuplicateList, type DuplicateListResult } from './duplicate-list.ts';
import { emptyRangeResult, type RangeJob, type RangeResult } from './range-audit.ts';
import type { AuditInput, AuditOptions, AuditResult, AuditSummary } from './types.ts';

const RANGE_BYTES = 16 << 20;
const RANGE_BYTES_ALL = 2 << 20; // smaller ranges when every row comes back (export all)
const RANGE_BYTES_ROWS = 4 << 20; // CSV/TSV/UTF-16: read at ~100 MB/s per worker, so smaller ranges balance better

/** One worker as the runner sees it (workers/audit-runner.ts adapts the Comlink pool to this). */
export interface RangeWorker {
  auditRange(job: RangeJob, onProgress: (bytes: number, rows: number) => void): Promise<RangeResult>;
}

/** Where ranges run: a pool that runs one task per worker at a time and can cancel a job on all of them. */
export interface RangeWorkers {
  run<R>(task: (worker: RangeWorker) => Promise<R>, options?: { first?: boolean }): Promise<R>;
  cancel(jobId: string): void;
}

/** Where runAudit runs, and (tests) the range sizes in bytes: plain text, other text layouts, any text when every row comes back. */
export interface AuditRunnerSetup {
  workers: RangeWorkers;
  rangeBytes?: { text: number; rows: number; all: number };
}

export async function runAudit(inputs: AuditInput[], options: AuditOptions, setup: AuditRunnerSetup): Promise<AuditResult> {
  const started = performance.now();
  const workers = setup.workers;
  const validator = await loadTelematikIdValidator();
  // job IDs name this audit, so that cancelling it never touches another audit on the same workers
  const auditId = globalThis.crypto.randomUUID();
  let jobCount = 0;
  const nextJobId = () => `${auditId}/${jobCount++}`;
  const rangeBytes = setup.rangeBytes ?? { text: RANGE_BYTES, rows: RANGE_BYTES_ROWS, all: RANGE_BYTES_ALL };
  const findingsLimit = options.findingsLimit ?? 1_000_000;
  const all = !!options.onRows;
  const jobs: RangeJob[] = [];
  inputs.forEach((input, fileIndex) => {
    const size = input.file.size;
    if (!isWholeFileFormat(input.format) && size > 0) {
      const step = all ? rangeBytes.all : isFastPath(input.format) ? rangeBytes.text : rangeBytes.rows;
      const first = input.format.bomLength;
      for (let start = first; start < size; start += step) {
        jobs.push({
          jobId: nextJobId(), fileIndex, file: input.file, format: input.format,
          start, end: Math.min(size, start + step), all, findingsLimit,
        });
      }
    } else {
      jobs.push({ jobId: nextJobId(), fileIndex, file: input.file, format: input.format, start: 0, end: size, all, findingsLimit });
    }
  });

  const bytesTotal = inputs.reduce((n, i) => n + i.file.size, 0);
  let bytesDone = 0, rowsDone = 0;
  const progress = () => {
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({
      bytesDone: Math.min(bytesDone, bytesTotal), bytesTotal, rowsDone, rowsPerSecond: seconds > 0 ? rowsDone / seconds : 0,
    });
  };
  const onAbort = () => { for (const j of jobs) workers.cancel(j.jobId); };
  options.signal?.addEventListener('abort', onAbort);

  const results: (RangeResult | undefined)[] = new Array(jobs.length);
  const duplicates = new DuplicateCounter();
  const summary: AuditSummary = {
    ...emptyCounts(), files: inputs.map(() => emptyCounts()), duplicates: 0, duplicatesApproximate: false, bytes: bytesTotal,
  };
  const rowBase = new Map<number, number>(); // fileIndex → lines of the ranges delivered so far
  let delivered = 0;
  const findings = new FindingList(validator, inputs.map((i) => i.format.columns));
  let findingsTruncated = false;
  const fileErrors: AuditResult['fileErrors'] = [];

  // Merge strictly in job order so row numbers and the row stream come out in file order.
  let rereadWithNext: (index: number) => void = () => undefined;
  const deliver = () => {
    while (delivered < jobs.length && results[delivered]) {
      const job = jobs[delivered]!, r = results[delivered]!;
      if (r.carriesOver && !r.cancelled) {
        results[delivered] = undefined;
        rereadWithNext(delivered);
        return;
      }
      results[delivered] = undefined;
      const base = rowBase.get(job.fileIndex) ?? 0;
      addCounts(summary, r.counts);
      addCounts(summary.files[job.fileIndex]!, r.counts);
      for (const h of r.hashes) duplicates.addPartitioned(h);
      if (findings.append(r.findings, job.fileIndex, base, findingsLimit)) findingsTruncated = true;
      if (r.findingsTruncated) findingsTruncated = true;
      if (r.error) fileErrors.push({ fileIndex: job.fileIndex, code: r.error.code, ...(r.error.detail ? { detail: r.error.detail } : {}) });
      if (all && r.rows.length) options.onRows!(base ? r.rows.map((row) => ({ ...row, row: row.row + base })) : r.rows);
      rowBase.set(job.fileIndex, base + r.lines);
      delivered++;
    }
  };

  let cancelled = false;
  const running: Promise<void>[] = [];
  const run = (index: number, first = false) => {
    // The job as queued: if its range is taken into a re-read before this task starts, it is skipped.
    const job = jobs[index]!;
    return workers.run(async (w) => {
      if (jobs[index] !== job) return;
      if (options.signal?.aborted) { cancelled = true; return; }
      // Findings beyond the limit are dropped anyway: a job that starts late collects only what may still fit.
      const limited = { ...job, findingsLimit: Math.max(0, findingsLimit - findings.length) };
      const r = await w.auditRange(limited, (bytes: number, rows: number) => {
        bytesDone += bytes;
        rowsDone += rows;
        progress();
      });
      if (r.cancelled) cancelled = true;
      rowsDone += isFastPath(inputs[job.fileIndex]!.format) ? r.counts.ids : 0;
      if (jobs[index] !== job) return; // a wrong guess: this range is being read again with the one before it
      results[index] = r;
      progress();
      deliver();
    }, { first });
  };
  /**
   * Range `index` carries over (see RangeResult.carriesOver): read it again up to the end of the
   * next range not yet taken in, which then takes no rows. Each re-read takes in one more range, so this ends.
   */
  const absorbed = new Set<number>();
  rereadWithNext = (index: number) => {
    let next = index + 1;
    while (absorbed.has(next)) next++;
    const job = jobs[index]!, end = jobs[next]!.end;
    absorbed.add(next);
    jobs[index] = { ...job, jobId: nextJobId(), end };
    jobs[next] = { ...jobs[next]! }; // a new object: its running guess is dropped when it returns
    results[next] = emptyRangeResult();
    // Everything after it waits for this range to be merged: it goes before the queued ranges.
    running.push(run(index, true));
  };
  running.push(...jobs.map((_, index) => run(index)));
  // A re-read is started from deliver(): wait until none is left.
  do { await Promise.all(running.splice(0)); deliver(); } while (running.length);
  options.signal?.removeEventListener('abort', onAbort);
  summary.duplicates = duplicates.duplicates;
  summary.duplicatesApproximate = duplicates.approximate;
  duplicates.release();
  return {
    summary, findings, findingsTruncated, fileErrors,
    elapsedMs: performance.now() - started,
    cancelled: cancelled || !!options.signal?.aborted,
  };
}

/**
 * The duplicate IDs of the inputs as a list (DuplicateList): reads the files again, every row in
 * file/row order, on the same workers. For the audit page's duplicates view and its export.
 */
export async function listDuplicates(inputs: AuditInput[], options: Omit<AuditOptions, 'onRows'>, setup: AuditRunnerSetup): Promise<DuplicateListResult & { cancelled: boolean }> {
  const list = new DuplicateList();
  const run = await runAudit(inputs, { ...options, findingsLimit: 0, onRows: (rows) => list.add(rows) }, setup);
  return { ...list.result(), cancelled: run.cancelled };
}
