// The worker pool runs one task per worker, waiting tasks in order; `first` jumps the queue (the
// audit runner's re-read of a range holds up every later range, so it must not wait behind them).
import { describe, it, expect } from 'vitest';
import { createWorkerPool } from '../../../workers/pool.ts';

/** A stand-in Worker: one end of a MessageChannel (the pool only wraps it; these tasks never message it). */
function channelWorker(): Worker {
  const { port1 } = new MessageChannel();
  return Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
}

describe('createWorkerPool', () => {
  it('runs waiting tasks in order, a `first` task before them, one task per worker at a time', async () => {
    const pool = createWorkerPool<object>(channelWorker, 1);
    const order: string[] = [];
    let release!: () => void;
    const blocker = pool.run(async () => { order.push('a'); await new Promise<void>((r) => { release = r; }); });
    const tasks = [
      pool.run(async () => { order.push('b'); }),
      pool.run(async () => { order.push('c'); }),
      pool.run(async () => { order.push('urgent'); }, { first: true }),
    ];
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['a']);
    release();
    await Promise.all([blocker, ...tasks]);
    expect(order).toEqual(['a', 'urgent', 'b', 'c']);
    pool.terminate();
  });
});
