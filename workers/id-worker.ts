// Audit worker: a thin Comlink shell around workers/range-audit.ts with its own wasm instance.
import * as Comlink from 'comlink';
import { findingBuffers } from './finding-columns.ts';
import { instantiateTelematikIdCore, WasmTelematikIdValidator } from '../src/domain/telematik-id/index.ts';
import type { TelematikIdCore } from '../src/domain/telematik-id/core.ts';
import { auditRange, type RangeJob, type RangeResult } from './range-audit.ts';

let core: TelematikIdCore | null = null;
let validator: WasmTelematikIdValidator | null = null;
const cancelled = new Set<number>();

const api = {
  init(module: WebAssembly.Module): void {
    core = instantiateTelematikIdCore(module);
    validator = new WasmTelematikIdValidator(core);
  },

  cancel(jobId: number): void {
    cancelled.add(jobId);
  },

  async auditRange(job: RangeJob, onProgress?: (bytes: number, rows: number) => void): Promise<RangeResult> {
    if (!core || !validator) throw new Error('id-worker: init() first');
    const result = await auditRange(core, validator, job, {
      isCancelled: () => cancelled.has(job.jobId),
      ...(onProgress ? { onProgress } : {}),
    });
    cancelled.delete(job.jobId);
    return Comlink.transfer(result, [...result.hashes.flatMap((h) => [h.hashes.buffer as ArrayBuffer, h.starts.buffer as ArrayBuffer]), ...findingBuffers(result.findings)]);
  },
};

export type IdWorkerApi = typeof api;
Comlink.expose(api);
