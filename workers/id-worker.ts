// Audit worker: a thin Comlink shell around the engine's range audit (src/domain/audit) with its own wasm instance.
import * as Comlink from 'comlink';
import { instantiateTelematikIdCore, WasmTelematikIdValidator } from '../src/domain/telematik-id/index.ts';
import type { TelematikIdCore } from '../src/domain/telematik-id/core.ts';
import { auditRange, rangeResultBuffers, type RangeJob, type RangeResult } from '../src/domain/audit/index.ts';

let core: TelematikIdCore | null = null;
let validator: WasmTelematikIdValidator | null = null;
const cancelled = new Set<string>();

const api = {
  init(module: WebAssembly.Module): void {
    core = instantiateTelematikIdCore(module);
    validator = new WasmTelematikIdValidator(core);
  },

  cancel(jobId: string): void {
    cancelled.add(jobId);
  },

  async auditRange(job: RangeJob, onProgress?: (bytes: number, rows: number) => void): Promise<RangeResult> {
    if (!core || !validator) throw new Error('id-worker: init() first');
    const result = await auditRange(core, validator, job, {
      isCancelled: () => cancelled.has(job.jobId),
      ...(onProgress ? { onProgress } : {}),
    });
    cancelled.delete(job.jobId);
    return Comlink.transfer(result, rangeResultBuffers(result));
  },
};

export type IdWorkerApi = typeof api;
Comlink.expose(api);
