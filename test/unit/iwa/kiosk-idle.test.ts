import { describe, it, expect, vi, afterEach } from 'vitest';
import { createIdleTimer } from '../../../src/ui/kiosk/idle.ts';

afterEach(() => { vi.useRealTimers(); });

describe('kiosk idle timer', () => {
  it('fires once after the idle time, and input restarts the countdown', () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    let idle = 0;
    const timer = createIdleTimer(10, () => { idle++; }, { target, clock: {
      now: () => Date.now(), setInterval: (f, ms) => setInterval(f, ms), clearInterval: (h) => clearInterval(h as never),
    } });
    vi.advanceTimersByTime(8000);
    expect(timer.secondsLeft()).toBe(2);
    target.dispatchEvent(new Event('pointerdown'));
    expect(timer.secondsLeft()).toBe(10);
    vi.advanceTimersByTime(9000);
    expect(idle).toBe(0);
    vi.advanceTimersByTime(1500);
    expect(idle).toBe(1);
    vi.advanceTimersByTime(30_000);
    expect(idle).toBe(1);
    timer.poke();
    vi.advanceTimersByTime(10_500);
    expect(idle).toBe(2);
    timer.stop();
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(60_000);
    expect(idle).toBe(2);
  });
});
