// Web Smart Card API transport (https://wicg.github.io/web-smart-card/): PC/SC in the browser, for
// Isolated Web Apps. The operating system does CCID; we list readers, follow status changes, connect
// and transmit. Each PC/SC reader becomes a one-slot CardReader.
import { TransportError, type TransportErrorCode } from '../errors.ts';
import {
  noTrace, type CardConnection, type CardReader, type ReaderEvent, type ReaderLimits, type SlotState, type TraceSink,
} from '../types.ts';

// --- the subset of the API we use ----------------------------------------------------------------
export interface SmartCardReaderStateFlagsIn {
  unaware?: boolean; ignore?: boolean; unavailable?: boolean; empty?: boolean; present?: boolean; exclusive?: boolean;
  inuse?: boolean; mute?: boolean; unpowered?: boolean;
}
export interface SmartCardReaderStateIn { readerName: string; currentState: SmartCardReaderStateFlagsIn; currentCount?: number }
export interface SmartCardReaderStateFlagsOut extends SmartCardReaderStateFlagsIn { changed?: boolean; unknown?: boolean }
export interface SmartCardReaderStateOut {
  readerName: string; eventState: SmartCardReaderStateFlagsOut; eventCount?: number; answerToReset?: ArrayBuffer;
}
export interface SmartCardConnectionLike {
  transmit(sendBuffer: Uint8Array, options?: { protocol?: 't0' | 't1' | 'raw' }): Promise<ArrayBuffer>;
  disconnect(disposition?: 'leave' | 'reset' | 'unpower' | 'eject'): Promise<void>;
  status(): Promise<{ readerName: string; state: string; answerToReset?: ArrayBuffer }>;
}
export interface SmartCardContextLike {
  listReaders(): Promise<string[]>;
  getStatusChange(
    readerStates: SmartCardReaderStateIn[], options?: { timeout?: number; signal?: AbortSignal },
  ): Promise<SmartCardReaderStateOut[]>;
  connect(
    readerName: string, accessMode: 'shared' | 'exclusive' | 'direct', options?: { preferredProtocols?: ('t0' | 't1' | 'raw')[] },
  ): Promise<{ connection: SmartCardConnectionLike; activeProtocol?: 't0' | 't1' | 'raw' }>;
}
export interface SmartCardResourceManagerLike {
  establishContext(): Promise<SmartCardContextLike>;
}

export function webSmartCard(nav: unknown = globalThis.navigator): SmartCardResourceManagerLike | undefined {
  const sc = (nav as { smartCard?: SmartCardResourceManagerLike } | undefined)?.smartCard;
  return sc && typeof sc.establishContext === 'function' ? sc : undefined;
}

const responseCodes: Record<string, TransportErrorCode> = {
  'no-smartcard': 'card.absent',
  'removed-card': 'card.removed',
  'reset-card': 'card.disconnected',
  'unpowered-card': 'card.disconnected',
  'unresponsive-card': 'card.mute',
  'unsupported-card': 'card.protocolNotSupported',
  'reader-unavailable': 'reader.unplugged',
  'no-readers-available': 'reader.unplugged',
  'sharing-violation': 'reader.busy',
  'proto-mismatch': 'card.protocolNotSupported',
};

export function smartCardError(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  const responseCode = (e as { responseCode?: string } | undefined)?.responseCode;
  const message = (e as { message?: string } | undefined)?.message ?? String(e);
  const code = responseCode ? responseCodes[responseCode] : undefined;
  const name = responseCode ?? (e as { name?: string })?.name ?? 'error';
  return new TransportError(code ?? 'pcsc.error', `${name}: ${message}`, { detail: responseCode ?? message });
}

const pnpNotification = '\\\\?PnP?\\Notification';

export class SmartCardApiReader implements CardReader {
  readonly kind = 'smartcard-api' as const;
  readonly id: string;
  readonly model = 'PC/SC';
  #present = false;
  #gone = false;
  #listeners = new Set<(event: ReaderEvent) => void>();
  #connection: { alive: boolean } | undefined;

  constructor(
    private readonly context: SmartCardContextLike, readonly name: string,
    private readonly trace: TraceSink, private readonly limits: ReaderLimits,
  ) {
    this.id = `pcsc:${name}`;
  }

  slots(): readonly SlotState[] {
    return [{ index: 0, cardPresent: this.#present }];
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: ReaderEvent): void {
    for (const l of [...this.#listeners]) l(event);
  }

  /** Called by the status watcher. */
  setPresent(present: boolean): void {
    if (present === this.#present) return;
    this.#present = present;
    if (!present && this.#connection) { this.#connection.alive = false; this.#connection = undefined; }
    this.#emit({ type: 'slot-change', slot: 0, cardPresent: present });
  }

  markGone(): void {
    if (this.#gone) return;
    this.#gone = true;
    if (this.#connection) this.#connection.alive = false;
    this.#emit({ type: 'reader-gone', code: 'reader.unplugged' });
  }

  async connect(slot: number): Promise<CardConnection> {
    if (this.#gone) throw new TransportError('reader.unplugged', 'the reader is gone');
    if (slot !== 0) throw new TransportError('card.absent', `PC/SC readers have one slot, not ${slot}`);
    let result;
    try {
      result = await this.context.connect(this.name, 'shared', { preferredProtocols: ['t1', 't0'] });
    } catch (e) {
      throw smartCardError(e);
    }
    const { connection, activeProtocol } = result;
    let atr: Uint8Array;
    try {
      const status = await connection.status();
      atr = new Uint8Array(status.answerToReset ?? new ArrayBuffer(0));
    } catch (e) {
      throw smartCardError(e);
    }
    this.setPresent(true);
    const state = { alive: true };
    if (this.#connection) this.#connection.alive = false;
    this.#connection = state;
    this.trace({ direction: 'note', layer: 'pcsc', note: `connected to ${this.name}, protocol ${activeProtocol ?? '?'}` });
    return {
      atr,
      protocol: activeProtocol === 't1' ? 'T=1' : activeProtocol === 't0' ? 'T=0' : 'unknown',
      limits: this.limits,
      transmit: async (apdu) => {
        if (!state.alive) throw new TransportError(this.#present ? 'card.disconnected' : 'card.removed', 'this card connection is closed');
        try {
          const reply = new Uint8Array(await connection.transmit(apdu));
          return reply;
        } catch (e) {
          const error = smartCardError(e);
          if (error.code === 'card.removed' || error.code === 'card.absent') {
            this.setPresent(false);
            throw new TransportError('card.removed', 'the card was removed while it was being read');
          }
          throw error;
        }
      },
      disconnect: async () => {
        if (!state.alive) return;
        state.alive = false;
        await connection.disconnect('leave').catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.#connection) this.#connection.alive = false;
    this.#listeners.clear();
  }
}

export interface SmartCardReadersOptions {
  onReader: (reader: SmartCardApiReader) => void;
  onError: (error: TransportError) => void;
  trace?: TraceSink;
  /** What the OS stack carries; PC/SC drivers pass extended APDUs for TPDU and extended readers. */
  limits?: ReaderLimits;
  /** getStatusChange timeout before re-listing readers. */
  pollTimeoutMs?: number;
}

/** Lists PC/SC readers and follows card and reader changes until stopped. */
export class SmartCardReaders {
  #context: SmartCardContextLike | undefined;
  #readers = new Map<string, SmartCardApiReader>();
  #abort = new AbortController();
  #stopped = false;

  constructor(private readonly manager: SmartCardResourceManagerLike, private readonly options: SmartCardReadersOptions) {}

  async start(): Promise<void> {
    try {
      this.#context = await this.manager.establishContext();
      await this.#sync();
    } catch (e) {
      this.options.onError(smartCardError(e));
      return;
    }
    void this.#watch();
  }

  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
  }

  readers(): SmartCardApiReader[] {
    return [...this.#readers.values()];
  }

  async #sync(): Promise<void> {
    const context = this.#context!;
    let names: string[];
    try {
      names = await context.listReaders();
    } catch (e) {
      const error = smartCardError(e);
      if (error.code === 'reader.unplugged') names = []; // no readers at all
      else throw e;
    }
    for (const [name, reader] of this.#readers) {
      if (!names.includes(name)) { this.#readers.delete(name); reader.markGone(); }
    }
    const fresh = names.filter((n) => !this.#readers.has(n));
    for (const name of fresh) {
      const reader = new SmartCardApiReader(context, name, this.options.trace ?? noTrace,
        this.options.limits ?? { extendedLength: true, maxCommandLength: 65544, maxResponseLength: 65538 });
      this.#readers.set(name, reader);
    }
    if (fresh.length > 0) {
      const unaware = fresh.map((readerName) => ({ readerName, currentState: { unaware: true } }));
      const states = await context.getStatusChange(unaware, { timeout: 0 });
      for (const s of states) this.#readers.get(s.readerName)?.setPresent(s.eventState.present === true);
      for (const name of fresh) this.options.onReader(this.#readers.get(name)!);
    }
  }

  async #watch(): Promise<void> {
    const context = this.#context!;
    while (!this.#stopped) {
      const known = [...this.#readers.values()];
      const states: SmartCardReaderStateIn[] = [
        { readerName: pnpNotification, currentState: {} },
        ...known.map((r) => {
          const present = r.slots()[0]!.cardPresent;
          return { readerName: r.name, currentState: { present, empty: !present } };
        }),
      ];
      try {
        const changes = await context.getStatusChange(states, { timeout: this.options.pollTimeoutMs ?? 2000, signal: this.#abort.signal });
        for (const change of changes) {
          if (change.readerName === pnpNotification) continue;
          const reader = this.#readers.get(change.readerName);
          if (!reader) continue;
          if (change.eventState.unavailable || change.eventState.unknown) {
            this.#readers.delete(reader.name);
            reader.markGone();
            continue;
          }
          reader.setPresent(change.eventState.present === true);
        }
        if (changes.some((c) => c.readerName === pnpNotification && c.eventState.changed)) await this.#sync();
      } catch (e) {
        if (this.#stopped) return;
        const name = (e as { name?: string }).name;
        const responseCode = (e as { responseCode?: string }).responseCode;
        if (name === 'AbortError') return;
        if (responseCode === 'timeout') { await this.#sync().catch(() => undefined); continue; }
        this.options.onError(smartCardError(e));
        await new Promise((r) => setTimeout(r, 1000));
        await this.#sync().catch(() => undefined);
      }
    }
  }
}
