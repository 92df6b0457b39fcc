// Idle timeout of the kiosk: any touch, click, key or wheel restarts it; when it runs out the kiosk
// returns to its start screen (and drops the session's data).

export interface IdleTimer {
  /** Restart the countdown (input, card inserted). */
  poke(): void;
  /** Whole seconds left, for the on-screen countdown. */
  secondsLeft(): number;
  stop(): void;
}

export interface IdleClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: IdleClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function createIdleTimer(
  seconds: number,
  onIdle: () => void,
  options: { target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>; clock?: IdleClock; onTick?: (left: number) => void } = {},
): IdleTimer {
  const clock = options.clock ?? realClock;
  let deadline = clock.now() + seconds * 1000;
  let fired = false;
  const poke = () => { deadline = clock.now() + seconds * 1000; fired = false; };
  const secondsLeft = () => Math.max(0, Math.ceil((deadline - clock.now()) / 1000));
  const handle = clock.setInterval(() => {
    const left = secondsLeft();
    options.onTick?.(left);
    if (left === 0 && !fired) { fired = true; onIdle(); }
  }, 250);
  const target = options.target;
  for (const type of INPUT_EVENTS) target?.addEventListener(type, poke, { passive: true, capture: true });
  return {
    poke,
    secondsLeft,
    stop() {
      clock.clearInterval(handle);
      for (const type of INPUT_EVENTS) target?.removeEventListener(type, poke, { capture: true });
    },
  };
}
