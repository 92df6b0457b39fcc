// A small pool of Comlink-wrapped workers sized to the machine. Each worker runs one task at a time;
// further tasks wait in order. Compiling wasm once per page and
// passing the WebAssembly.Module to each worker is the caller's job (see each worker's init()).
import * as Comlink from 'comlink';

export interface WorkerPool<T> {
  readonly size: number;
  readonly workers: readonly Comlink.Remote<T>[];
  /**
   * Runs `task` on a free worker; waits (FIFO) while all are busy, so a worker runs one task at a time.
   * `first`: goes before the tasks already waiting (work that holds up the rest).
   */
  run<R>(task: (worker: Comlink.Remote<T>, index: number) => Promise<R>, options?: { first?: boolean }): Promise<R>;
  terminate(): void;
}

export function defaultPoolSize(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(cores, 8));
}

export function createWorkerPool<T>(spawn: () => Worker, size = defaultPoolSize()): WorkerPool<T> {
  const raw = Array.from({ length: size }, spawn);
  const workers = raw.map((w) => Comlink.wrap<T>(w));
  const free = workers.map((_, i) => i);
  const waiting: ((index: number) => void)[] = [];
  const acquire = (first: boolean) => new Promise<number>((resolve) => {
    const index = free.shift();
    if (index !== undefined) resolve(index);
    else if (first) waiting.unshift(resolve);
    else waiting.push(resolve);
  });
  const release = (index: number) => {
    const next = waiting.shift();
    if (next) next(index); else free.push(index);
  };
  return {
    size,
    workers,
    async run(task, options) {
      const index = await acquire(!!options?.first);
      try { return await task(workers[index]!, index); } finally { release(index); }
    },
    terminate() {
      for (const w of workers) w[Comlink.releaseProxy]();
      for (const w of raw) w.terminate();
    },
  };
}
