// One place that knows every piece of session data, so "Erase now" (and the kiosk's return to start)
// can drop it all. Pages keep their results in memory only and register an eraser here:
//
//   import { onErase } from '../privacy/session-data.ts';
//   onErase(() => { setResults([]); setFile(null); });   // inside a component: unregistered on cleanup
//
// Nothing here persists anything; the registry only holds callbacks.
import { getOwner, onCleanup } from 'solid-js';

export type Eraser = () => void;
export type EraseReason = 'user' | 'kiosk-reset' | 'card-removed' | 'idle';

const erasers = new Set<Eraser>();
const listeners = new Set<(reason: EraseReason) => void>();

/** Registers an eraser; returns the function that unregisters it. Inside a Solid owner it unregisters itself. */
export function onErase(eraser: Eraser): () => void {
  erasers.add(eraser);
  const off = () => { erasers.delete(eraser); };
  if (getOwner()) onCleanup(off);
  return off;
}

/** Told after every erase (e.g. to show "erased" or to return to the start screen). */
export function onErased(listener: (reason: EraseReason) => void): () => void {
  listeners.add(listener);
  const off = () => { listeners.delete(listener); };
  if (getOwner()) onCleanup(off);
  return off;
}

/** Runs every registered eraser; one failing eraser does not stop the others. Returns how many ran. */
export function eraseSessionData(reason: EraseReason = 'user'): { erased: number; failed: number } {
  let erased = 0;
  let failed = 0;
  for (const eraser of [...erasers]) {
    try { eraser(); erased++; } catch (error) { failed++; console.error('eraser failed', error); }
  }
  clearBrowserStores();
  for (const listener of [...listeners]) listener(reason);
  return { erased, failed };
}

export function registeredEraserCount(): number { return erasers.size; }

// Belt and braces: the app writes nothing to these, but a browser extension or a future bug might.
// The service worker's precache (app files only) is left alone so the app keeps working offline.
function clearBrowserStores(): void {
  try { globalThis.sessionStorage?.clear(); } catch { /* unavailable: nothing to clear */ }
  try { globalThis.localStorage?.clear(); } catch { /* unavailable: nothing to clear */ }
}
