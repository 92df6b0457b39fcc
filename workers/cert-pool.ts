// Pool of certificate workers sharing one compiled der.wasm module.
import * as Comlink from 'comlink';
import { createWorkerPool, type WorkerPool } from './pool.ts';
import { compileDerModule, type CertificateEntry } from '../src/domain/pki/index.ts';
import type { CertWorkerApi } from './cert-worker.ts';

let poolPromise: Promise<WorkerPool<CertWorkerApi>> | null = null;

export function certPool(): Promise<WorkerPool<CertWorkerApi>> {
  poolPromise ??= (async () => {
    const module = await compileDerModule();
    const pool = createWorkerPool<CertWorkerApi>(
      () => new Worker(new URL('./cert-worker.ts', import.meta.url), { type: 'module' }), Math.min(4, navigator.hardwareConcurrency || 2));
    await Promise.all(pool.workers.map((w) => w.init(module)));
    return pool;
  })();
  return poolPromise;
}

export async function analyseInWorkers(name: string, bytes: Uint8Array, now = Date.now()): Promise<CertificateEntry[]> {
  const pool = await certPool();
  return pool.run((w) => w.analyse(name, Comlink.transfer(bytes, [bytes.buffer]), now));
}
