/**
 * Reader store: the one place the UI learns about card readers and gets a card's link for the card
 * session (src/domain/card-session, which builds the guarded APDU channel and reads the card).
 *
 * CONTRACT (used by the card page, src/ui/card/):
 *
 *   import { readerStore } from '../reader/reader-store.ts';
 *
 *   readerStore.readers()          Accessor<readonly ReaderView[]>  – every known reader with its slots.
 *   readerStore.slots()            Accessor<readonly SlotView[]>    – all slots of all readers, flattened.
 *                                  SlotView = { key, readerId, readerName, readerKind, index, cardPresent }.
 *                                  `readerName` is unique among attached readers ("… (2)" for a second of one model).
 *                                  `key` is stable while the reader is attached ("<readerId>#<slot>").
 *   readerStore.selectedSlot()     Accessor<SlotView | undefined>   – the slot the user chose in the reader
 *                                  panel, else the first slot with a card, else the first slot.
 *   readerStore.selectSlot(key)    choose a slot.
 *   readerStore.connect(key?)      Promise<SlotLink> for the given (default: selected) slot with a card:
 *                                  SlotLink = { slotKey, atr, connection, signal, trace, removed, onRemoved,
 *                                  disconnect } — a CardLink for readCardSession(link).
 *                                  - `signal` aborts and `removed()` turns true when the card is pulled or
 *                                    the reader goes away; `onRemoved(cb)` calls back once (returns unsubscribe).
 *                                  - `trace` records the session's APDUs in this store's trace.
 *                                  - Rejects with a TransportError (`code`, see src/transport/errors.ts;
 *                                    show it with `const m = readerErrorMessage(e); t(m.key, m.params)`) when there is no card, the card
 *                                    is mute, the ATR is bad, …
 *                                  Connecting again to the same slot disconnects the previous session first.
 *   readerStore.onCardInserted(cb) / onCardRemoved(cb)
 *                                  (slotKey) => void, for every slot; return unsubscribe functions.
 *   readerStore.cardGeneration(key) Accessor<number> bumping on every insertion into that slot – use it
 *                                  to re-read a card automatically when it is swapped.
 *
 * The reader panel (ReaderPanel.tsx) adds readers: USB via Chrome's chooser, remembered USB devices,
 * the Web Smart Card API, and the Demo reader (simulated). Everything else here is internal.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { CardReader, ReaderKind, TraceEntry } from '../../transport/types.ts';
import { TransportError } from '../../transport/errors.ts';
import type { CardConnection, TraceSink } from '../../transport/types.ts';
import { ApduError } from '../../apdu/types.ts';
import type { CardLink } from '../../domain/card-session/index.ts';
import { CardReadError } from '../../cards/types.ts';
import { codeKey, type MessageKey, type MessageParams } from '../../i18n/index.ts';
import { onErase } from '../privacy/session-data.ts';

export interface SlotView {
  key: string;
  readerId: string;
  readerName: string;
  readerKind: ReaderKind;
  index: number;
  cardPresent: boolean;
}

export interface ReaderView {
  id: string;
  name: string;
  kind: ReaderKind;
  model: string;
  slots: readonly SlotView[];
}

/** A connected slot: the card session's link (connection, removal signal, trace) plus the slot's state. */
export interface SlotLink extends CardLink {
  slotKey: string;
  atr: Uint8Array;
  connection: CardConnection;
  signal: AbortSignal;
  trace: TraceSink;
  /** Turns true once the card is pulled or the reader goes away. */
  removed: Accessor<boolean>;
  /** Called once when the card is removed; returns the unsubscribe function. */
  onRemoved(callback: () => void): () => void;
  disconnect(): Promise<void>;
}

export interface ReaderStore {
  readers: Accessor<readonly ReaderView[]>;
  slots: Accessor<readonly SlotView[]>;
  selectedSlot: Accessor<SlotView | undefined>;
  selectSlot(key: string): void;
  connect(key?: string): Promise<SlotLink>;
  onCardInserted(callback: (slotKey: string) => void): () => void;
  onCardRemoved(callback: (slotKey: string) => void): () => void;
  cardGeneration(key: string): Accessor<number>;
  /** Adds a reader (any transport); returns false when one with this id is already attached. */
  addReader(reader: CardReader): boolean;
  removeReader(id: string): Promise<void>;
  reader(id: string): CardReader | undefined;
  /** APDU/CCID trace (last entries), newest last. */
  trace: Accessor<readonly TraceEntry[]>;
  clearTrace(): void;
  /** Transports write their CCID/T=1/USB lines here (the store adds the time). */
  recordTrace(entry: Omit<TraceEntry, 'time'>): void;
}

export function slotKey(readerId: string, index: number): string {
  return `${readerId}#${index}`;
}

const traceCapacity = 2000;

export function createReaderStore(): ReaderStore {
  const attached = new Map<string, { reader: CardReader; unsubscribe: () => void; shownName: string }>();
  const [readers, setReaders] = createSignal<readonly ReaderView[]>([]);
  const [selectedKey, setSelectedKey] = createSignal<string | undefined>();
  const [trace, setTrace] = createSignal<readonly TraceEntry[]>([]);
  const generations = new Map<string, ReturnType<typeof createSignal<number>>>();
  const insertedListeners = new Set<(key: string) => void>();
  const removedListeners = new Set<(key: string) => void>();
  const sessions = new Map<string, { end: () => void; disconnect: () => Promise<void> }>();
  const traceStart = globalThis.performance?.now() ?? Date.now();

  function generation(key: string) {
    let g = generations.get(key);
    if (!g) { g = createSignal(0); generations.set(key, g); }
    return g;
  }

  function record(entry: Omit<TraceEntry, 'time'>): void {
    const now = globalThis.performance?.now() ?? Date.now();
    setTrace((old) => {
      const next = old.length >= traceCapacity ? old.slice(old.length - traceCapacity + 1) : old.slice();
      next.push({ ...entry, time: now - traceStart });
      return next;
    });
  }

  function refresh(): void {
    setReaders([...attached.values()].map(({ reader, shownName }) => ({
      id: reader.id,
      name: shownName,
      kind: reader.kind,
      model: reader.model,
      slots: reader.slots().map((s) => ({
        key: slotKey(reader.id, s.index),
        readerId: reader.id,
        readerName: shownName,
        readerKind: reader.kind,
        index: s.index,
        cardPresent: s.cardPresent,
      })),
    })));
  }

  const slots = () => readers().flatMap((r) => r.slots);

  const selectedSlot = () => {
    const all = slots();
    const chosen = selectedKey();
    return all.find((s) => s.key === chosen) ?? all.find((s) => s.cardPresent) ?? all[0];
  };

  function endSession(key: string): void {
    const session = sessions.get(key);
    if (session) { sessions.delete(key); session.end(); }
  }

  function addReader(reader: CardReader): boolean {
    if (attached.has(reader.id)) return false;
    const unsubscribe = reader.onEvent((event) => {
      if (event.type === 'slot-change') {
        const key = slotKey(reader.id, event.slot);
        record({ direction: 'note', layer: 'usb', readerId: reader.id, note: `slot ${event.slot}: ${event.cardPresent ? 'card inserted' : 'card removed'}` });
        if (event.cardPresent) {
          const [, set] = generation(key);
          set((n) => n + 1);
          refresh();
          for (const l of insertedListeners) l(key);
        } else {
          endSession(key);
          refresh();
          for (const l of removedListeners) l(key);
        }
      } else {
        record({ direction: 'note', layer: 'usb', readerId: reader.id, note: `reader gone (${event.code})` });
        for (const s of reader.slots()) {
          const key = slotKey(reader.id, s.index);
          if (sessions.has(key)) { endSession(key); for (const l of removedListeners) l(key); }
        }
        attached.get(reader.id)?.unsubscribe();
        attached.delete(reader.id);
        refresh();
      }
    });
    attached.set(reader.id, { reader, unsubscribe, shownName: distinctName(reader.name) });
    for (const s of reader.slots()) if (s.cardPresent) generation(slotKey(reader.id, s.index))[1]((n) => n + 1);
    record({ direction: 'note', layer: 'usb', readerId: reader.id, note: `reader attached: ${reader.name} (${reader.kind}, ${reader.model})` });
    refresh();
    return true;
  }

  /** Two readers of one model get "(2)", "(3)" …, kept while attached, so each slot and printout names one reader. */
  function distinctName(name: string): string {
    const taken = new Set([...attached.values()].map((e) => e.shownName));
    if (!taken.has(name)) return name;
    let n = 2;
    while (taken.has(`${name} (${n})`)) n++;
    return `${name} (${n})`;
  }

  async function removeReader(id: string): Promise<void> {
    const entry = attached.get(id);
    if (!entry) return;
    for (const s of entry.reader.slots()) {
      const key = slotKey(id, s.index);
      if (sessions.has(key)) { endSession(key); for (const l of removedListeners) l(key); }
    }
    entry.unsubscribe();
    attached.delete(id);
    refresh();
    await entry.reader.close();
  }

  async function connect(key?: string): Promise<SlotLink> {
    const slot = key ? slots().find((s) => s.key === key) : selectedSlot();
    if (!slot) throw new TransportError('card.absent', 'no reader slot to connect to');
    const entry = attached.get(slot.readerId);
    if (!entry) throw new TransportError('reader.unplugged', 'reader is no longer attached');
    const previous = sessions.get(slot.key);
    // A new session replaces the old one; the card was not removed, so no removal callbacks fire.
    if (previous) { sessions.delete(slot.key); await previous.disconnect().catch(() => {}); }
    const connection = await entry.reader.connect(slot.index);
    const [removed, setRemoved] = createSignal(false);
    const callbacks = new Set<() => void>();
    const removal = new AbortController();
    const session: SlotLink = {
      slotKey: slot.key,
      atr: connection.atr,
      connection,
      signal: removal.signal,
      trace: (e) => record({ ...e, readerId: slot.readerId }),
      removed,
      onRemoved(callback) {
        if (removed()) { queueMicrotask(callback); return () => {}; }
        callbacks.add(callback);
        return () => callbacks.delete(callback);
      },
      async disconnect() {
        if (sessions.get(slot.key)?.disconnect === session.disconnect) sessions.delete(slot.key);
        await connection.disconnect();
      },
    };
    sessions.set(slot.key, {
      end: () => {
        if (removed()) return;
        setRemoved(true);
        removal.abort();
        for (const cb of callbacks) cb();
        callbacks.clear();
      },
      disconnect: session.disconnect,
    });
    return session;
  }

  return {
    readers,
    slots,
    selectedSlot,
    selectSlot: setSelectedKey,
    connect,
    onCardInserted(callback) { insertedListeners.add(callback); return () => insertedListeners.delete(callback); },
    onCardRemoved(callback) { removedListeners.add(callback); return () => removedListeners.delete(callback); },
    cardGeneration: (key) => generation(key)[0],
    addReader,
    removeReader,
    reader: (id) => attached.get(id)?.reader,
    trace,
    clearTrace: () => setTrace([]),
    recordTrace: record,
  };
}

/** The app-wide store (one per page). */
export const readerStore: ReaderStore = createReaderStore();

// The trace holds card contents (certificates, personal data of an eGK): "Erase now" drops it.
onErase(() => readerStore.clearTrace());

/** i18n key and parameters for any error a reader, transport or the APDU layer throws. */
export function readerErrorMessage(error: unknown): { key: MessageKey; params?: MessageParams } {
  if (error instanceof TransportError || error instanceof ApduError || error instanceof CardReadError) {
    return { key: codeKey('reader.error.', error.code), params: { detail: error.message } };
  }
  return { key: 'reader.error.unknown', params: { detail: error instanceof Error ? error.message : String(error) } };
}
