// A simulated `navigator.smartCard` with the shape of the Web Smart Card API, backed by simulated
// cards: the OS PC/SC stack would do CCID, so this one hands APDUs straight to the card. Used by the
// unit tests and by the app's test hook (end-to-end tests of the Smart Card transport in Chromium).
import type { SimulatedIcc } from '../simulated-icc.ts';
import type {
  SmartCardContextLike, SmartCardReaderStateIn, SmartCardReaderStateOut, SmartCardResourceManagerLike, SmartCardConnectionLike,
} from '../smartcard-api/smartcard-readers.ts';

class SmartCardError extends Error {
  override name = 'SmartCardError';
  constructor(readonly responseCode: string, message = responseCode) { super(message); }
}

export class SimulatedSmartCard implements SmartCardResourceManagerLike {
  readonly readers = new Map<string, { icc?: SimulatedIcc; count: number }>();
  #waiters: (() => void)[] = [];
  readonly transmitted: Uint8Array[] = [];

  addReader(name: string, icc?: SimulatedIcc): void {
    this.readers.set(name, { ...(icc ? { icc } : {}), count: 0 });
    this.#wake();
  }
  removeReader(name: string): void { this.readers.delete(name); this.#wake(); }
  insert(name: string, icc: SimulatedIcc): void { const r = this.readers.get(name)!; r.icc = icc; r.count++; this.#wake(); }
  remove(name: string): void { const r = this.readers.get(name)!; delete r.icc; r.count++; this.#wake(); }
  #wake(): void { for (const w of this.#waiters.splice(0)) w(); }

  async establishContext(): Promise<SmartCardContextLike> {
    const stateOf = (name: string): SmartCardReaderStateOut => {
      const r = this.readers.get(name);
      if (!r) return { readerName: name, eventState: { unknown: true, changed: true } };
      return { readerName: name, eventState: { present: !!r.icc, empty: !r.icc }, eventCount: r.count };
    };
    // arrow functions: the context's methods read this simulator's readers
    return {
      listReaders: async () => {
        if (this.readers.size === 0) throw new SmartCardError('no-readers-available');
        return [...this.readers.keys()];
      },
      getStatusChange: async (states: SmartCardReaderStateIn[], options?: { timeout?: number; signal?: AbortSignal }) => {
        for (;;) {
          const changed = states.flatMap((s) => {
            if (s.readerName === '\\\\?PnP?\\Notification') return [];
            const now = stateOf(s.readerName);
            const differs = s.currentState.unaware || now.eventState.unknown || !!now.eventState.present !== !!s.currentState.present;
            return differs ? [{ ...now, eventState: { ...now.eventState, changed: true } }] : [];
          });
          const known = states.filter((s) => s.readerName !== '\\\\?PnP?\\Notification').map((s) => s.readerName);
          const added = [...this.readers.keys()].some((n) => !known.includes(n));
          if (added && states.some((s) => s.readerName === '\\\\?PnP?\\Notification')) {
            changed.push({ readerName: '\\\\?PnP?\\Notification', eventState: { changed: true } });
          }
          if (changed.length > 0 || options?.timeout === 0) return changed;
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new SmartCardError('timeout')), options?.timeout ?? 60_000);
            options?.signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); });
            this.#waiters.push(() => { clearTimeout(timer); resolve(); });
          });
        }
      },
      connect: async (readerName: string) => {
        const r = this.readers.get(readerName);
        if (!r) throw new SmartCardError('reader-unavailable');
        if (!r.icc) throw new SmartCardError('no-smartcard');
        const icc = r.icc;
        const atr = icc.reset();
        const connection: SmartCardConnectionLike = {
          transmit: async (apdu: Uint8Array) => {
            if (r.icc !== icc) throw new SmartCardError('removed-card');
            this.transmitted.push(apdu.slice());
            const out = icc.transmit(apdu);
            return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
          },
          async disconnect() {},
          async status() { return { readerName, state: 'specific', answerToReset: atr.slice().buffer as ArrayBuffer }; },
        };
        return { connection, activeProtocol: 't1' as const };
      },
    };
  }
}
