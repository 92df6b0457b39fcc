import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { onErase, onErased, eraseSessionData, registeredEraserCount } from '../../../src/ui/privacy/session-data.ts';

describe('session data registry ("Erase now")', () => {
  it('runs every eraser, survives a failing one, tells listeners the reason', () => {
    const calls: string[] = [];
    const offA = onErase(() => calls.push('a'));
    const offB = onErase(() => { throw new Error('boom'); });
    const offC = onErase(() => calls.push('c'));
    const reasons: string[] = [];
    const offL = onErased((r) => reasons.push(r));
    const result = eraseSessionData('idle');
    expect(calls).toEqual(['a', 'c']);
    expect(result).toEqual({ erased: 2, failed: 1 });
    expect(reasons).toEqual(['idle']);
    offA(); offB(); offC(); offL();
    expect(registeredEraserCount()).toBe(0);
  });

  it('an eraser registered inside a Solid owner is removed when the owner is disposed', () => {
    const before = registeredEraserCount();
    let ran = 0;
    const dispose = createRoot((d) => { onErase(() => { ran++; }); return d; });
    expect(registeredEraserCount()).toBe(before + 1);
    eraseSessionData();
    expect(ran).toBe(1);
    dispose();
    expect(registeredEraserCount()).toBe(before);
    eraseSessionData();
    expect(ran).toBe(1);
  });
});
