// The page's side of the bulk audit: the shared pool of id workers (the wasm module is compiled
// once on this thread and handed to every worker) and runAudit on it. The engine itself (ranges,
// re-reads, merging) is src/domain/audit.
import * as Comlink from 'comlink';
import { compileTelematikIdModule } from '../src/domain/telematik-id/core.ts';
import {
  runAudit as runAuditOn, listDuplicates,
  type AuditInput, type AuditOptions, type AuditResult, type DuplicateListResult, type RangeWorkers,
} from '../src/domain/audit/index.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';
import type { IdWorkerApi } from './id-worker.ts';

/** The shared pool, created on first use: one per page, like the compiled module. */
const shared: { pool: Promise<WorkerPool<IdWorkerApi>> | null } = { pool: null };

export function getIdWorkerPool(): Promise<WorkerPool<IdWorkerApi>> {
  shared.pool ??= (async () => {
    const module = await compileTelematikIdModule();
    const p = createWorkerPool<IdWorkerApi>(() => new Worker(new URL('./id-worker.ts', import.meta.url), { type: 'module' }));
    await Promise.all(p.workers.map((w) => w.init(module)));
    return p;
  })();
  return shared.pool;
}

/** The engine's view of a Comlink pool: progress callbacks cross to the worker as proxies. */
export function rangeWorkersOf(pool: WorkerPool<IdWorkerApi>): RangeWorkers {
  return {
    run: (task, options) => pool.run(
      (w) => task({ auditRange: (job, onProgress) => w.auditRange(job, Comlink.proxy(onProgress)) }), options),
    cancel: (jobId) => { for (const w of pool.workers) void w.cancel(jobId); },
  };
}

/** Runs an audit on the shared pool (tests: on `setup.pool`, with small ranges). */
export async function runAudit(inputs: AuditInput[], options: AuditOptions = {},
  setup: { pool?: Promise<WorkerPool<IdWorkerApi>>; rangeBytes?: { text: number; rows: number; all: number } } = {}): Promise<AuditResult> {
  const pool = await (setup.pool ?? getIdWorkerPool());
  return runAuditOn(inputs, options, { workers: rangeWorkersOf(pool), ...(setup.rangeBytes ? { rangeBytes: setup.rangeBytes } : {}) });
}

/** Duplicates as a list, on the shared pool (see listDuplicates in src/domain/audit). */
export async function listDuplicatesInWorkers(inputs: AuditInput[], options: Omit<AuditOptions, 'onRows'> = {},
  setup: { pool?: Promise<WorkerPool<IdWorkerApi>> } = {}): Promise<DuplicateListResult & { cancelled: boolean }> {
  return listDuplicates(inputs, options, { workers: rangeWorkersOf(await (setup.pool ?? getIdWorkerPool())) });
}
