// The one transport interface: "a reader with slots that reports card insertion/removal, powers a
// card and exchanges APDUs". WebUSB+CCID, the Web Smart Card API and the simulated reader all
// implement it, so nothing above this layer cares how APDU bytes travel.

export type ReaderKind = 'webusb-ccid' | 'smartcard-api' | 'simulated';

/** What the reader's exchange level can carry (the card's own limits are applied in src/apdu). */
export interface ReaderLimits {
  /** The reader passes extended-length APDUs (TPDU T=1 and extended-APDU level readers). */
  extendedLength: boolean;
  /** Largest command APDU in bytes the reader accepts. */
  maxCommandLength: number;
  /** Largest response APDU (data + SW) in bytes the reader can return. */
  maxResponseLength: number;
}

export type CardProtocol = 'T=0' | 'T=1' | 'unknown';

/** A powered card in one slot. */
export interface CardConnection {
  readonly atr: Uint8Array;
  readonly protocol: CardProtocol;
  readonly limits: ReaderLimits;
  /** One command APDU (raw bytes) in, one response APDU (data + SW1 SW2) out. */
  transmit(commandApdu: Uint8Array): Promise<Uint8Array>;
  /** Powers the card off; later transmit() calls fail with `card.disconnected`. */
  disconnect(): Promise<void>;
}

export interface SlotState {
  index: number;
  cardPresent: boolean;
}

export type ReaderEvent =
  | { type: 'slot-change'; slot: number; cardPresent: boolean }
  /** The reader is gone (unplugged, closed); every connection on it is dead. */
  | { type: 'reader-gone'; code: string };

export interface CardReader {
  readonly id: string;
  readonly name: string;
  readonly kind: ReaderKind;
  /** Simulated reader model id or USB vid:pid, for the UI and the trace. */
  readonly model: string;
  slots(): readonly SlotState[];
  /** Subscribes to slot and reader events; returns the unsubscribe function. */
  onEvent(listener: (event: ReaderEvent) => void): () => void;
  /** Powers the card in `slot` and returns its connection (ATR parsed and checked). */
  connect(slot: number): Promise<CardConnection>;
  /** Releases the reader (interface, device). Idempotent. */
  close(): Promise<void>;
}

/** One line of the APDU/CCID trace support staff copy into a ticket. */
export interface TraceEntry {
  /** Milliseconds since the trace started (performance.now based). */
  time: number;
  direction: 'out' | 'in' | 'note';
  layer: 'apdu' | 'ccid' | 't1' | 'usb' | 'pcsc';
  bytes?: Uint8Array;
  note?: string;
  readerId?: string;
}

export type TraceSink = (entry: Omit<TraceEntry, 'time'>) => void;

export const noTrace: TraceSink = () => {};
