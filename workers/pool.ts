// A small pool of Comlink-wrapped workers sized to the machine. Work is handed to the least-busy
// worker; callers that need ordering use the returned index. Compiling wasm once per page and
// passing the WebAssembly.Module to each worker is the caller's job (see each worker's init()).
import * as Comlink from 'comlink';

export interface WorkerPool<T> {
  readonly size: number;
  readonly workers: readonly Comlink.Remote<T>[];
  /** Runs `task` on the worker with the fewest tasks in flight. */
  run<R>(task: (worker: Comlink.Remote<T>, index: number) => Promise<R>): Promise<R>;
  terminate(): void;
}

export function defaultPoolSize(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(cores, 8));
}

export function createWorkerPool<T>(spawn: () => Worker, size = defaultPoolSize()): WorkerPool<T> {
  const raw = Array.from({ length: size }, spawn);
  const workers = raw.map((w) => Comlink.wrap<T>(w));
  const inFlight = new Array<number>(size).fill(0);
  return {
    size,
    workers,
    async run(task) {
      let best = 0;
      for (let i = 1; i < size; i++) if (inFlight[i]! < inFlight[best]!) best = i;
      inFlight[best]!++;
      try { return await task(workers[best]!, best); } finally { inFlight[best]!--; }
    },
    terminate() {
      for (const w of workers) w[Comlink.releaseProxy]();
      for (const w of raw) w.terminate();
    },
  };
}
