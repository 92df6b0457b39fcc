// T=1 block protocol, interface side (ISO/IEC 7816-3 §11): I-blocks with chaining at IFSC, R-blocks
// for acknowledgement and error recovery, S-blocks for IFS, WTX, ABORT and RESYNCH, EDC by LRC or CRC.
// Used at TPDU-level readers; the block bytes travel in CCID XfrBlock messages (see exchange.ts).
import { TransportError, isTransportError } from '../errors.ts';
import { hex } from '../bytes.ts';

export type BlockKind = 'I' | 'R' | 'S';
export const SType = { RESYNCH: 0, IFS: 1, ABORT: 2, WTX: 3 } as const;
const sTypeName = ['RESYNCH', 'IFS', 'ABORT', 'WTX'] as const;

export interface T1Block {
  nad: number;
  pcb: number;
  inf: Uint8Array;
}

export type DecodedBlock =
  | { kind: 'I'; ns: number; more: boolean; inf: Uint8Array }
  | { kind: 'R'; nr: number; error: 0 | 1 | 2 }
  | { kind: 'S'; type: number; response: boolean; inf: Uint8Array };

/** LRC: XOR of all bytes. */
export function lrc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** CRC-16 as libccid/OpenCT compute it for T=1 (reflected polynomial 0x8408, preset 0xFFFF, high byte first on the wire). */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc & 0xffff;
}

export function encodeBlock(nad: number, pcb: number, inf: Uint8Array, useCrc: boolean): Uint8Array {
  if (inf.length > 254) throw new TransportError('t1.protocol', `T=1 INF of ${inf.length} bytes exceeds 254`);
  const prologue = Uint8Array.of(nad, pcb, inf.length);
  const body = new Uint8Array(3 + inf.length + (useCrc ? 2 : 1));
  body.set(prologue);
  body.set(inf, 3);
  const covered = body.subarray(0, 3 + inf.length);
  if (useCrc) {
    const c = crc16(covered);
    body[3 + inf.length] = c >> 8;
    body[4 + inf.length] = c & 0xff;
  } else {
    body[3 + inf.length] = lrc(covered);
  }
  return body;
}

export const pcbI = (ns: number, more: boolean): number => (ns << 6) | (more ? 0x20 : 0);
export const pcbR = (nr: number, error: 0 | 1 | 2 = 0): number => 0x80 | (nr << 4) | error;
export const pcbS = (type: number, response: boolean): number => 0xc0 | (response ? 0x20 : 0) | type;

export class InvalidBlock extends Error {
  constructor(readonly edcError: boolean, message: string) {
    super(message);
  }
}

/** Checks framing and EDC; throws InvalidBlock (→ R-block with error) when the block is unusable. */
export function decodeBlock(bytes: Uint8Array, useCrc: boolean): { nad: number; block: DecodedBlock } {
  const edcLength = useCrc ? 2 : 1;
  if (bytes.length < 3 + edcLength) throw new InvalidBlock(false, `block of ${bytes.length} bytes is too short`);
  const len = bytes[2]!;
  if (len === 0xff) throw new InvalidBlock(false, 'LEN FF is reserved');
  if (bytes.length !== 3 + len + edcLength) {
    throw new InvalidBlock(false, `LEN ${len} does not match ${bytes.length - 3 - edcLength} INF bytes`);
  }
  const covered = bytes.subarray(0, 3 + len);
  if (useCrc) {
    const c = crc16(covered);
    if (bytes[3 + len] !== c >> 8 || bytes[4 + len] !== (c & 0xff)) throw new InvalidBlock(true, 'CRC error');
  } else if (lrc(covered) !== bytes[3 + len]) {
    throw new InvalidBlock(true, 'LRC error');
  }
  const pcb = bytes[1]!;
  const inf = bytes.slice(3, 3 + len);
  if ((pcb & 0x80) === 0) {
    return { nad: bytes[0]!, block: { kind: 'I', ns: (pcb >> 6) & 1, more: (pcb & 0x20) !== 0, inf } };
  }
  if ((pcb & 0xc0) === 0x80) {
    const error = pcb & 0x0f;
    if (len !== 0 || (pcb & 0x20) !== 0 || error > 2) throw new InvalidBlock(false, `malformed R-block PCB ${pcb.toString(16)}`);
    return { nad: bytes[0]!, block: { kind: 'R', nr: (pcb >> 4) & 1, error: error as 0 | 1 | 2 } };
  }
  const type = pcb & 0x1f;
  if (type > 3) throw new InvalidBlock(false, `unknown S-block ${pcb.toString(16)}`);
  return { nad: bytes[0]!, block: { kind: 'S', type, response: (pcb & 0x20) !== 0, inf } };
}

export function describeBlock(bytes: Uint8Array, useCrc: boolean): string {
  try {
    const { block } = decodeBlock(bytes, useCrc);
    if (block.kind === 'I') return `I(${block.ns},${block.more ? 1 : 0})`;
    if (block.kind === 'R') return `R(${block.nr})${block.error ? ` err${block.error}` : ''}`;
    return `S(${sTypeName[block.type]} ${block.response ? 'resp' : 'req'}${block.inf.length ? ` ${hex(block.inf, '')}` : ''})`;
  } catch (e) {
    return `invalid block (${(e as Error).message})`;
  }
}

/** Sends one block to the card (with the BWT multiplier for WTX) and returns the card's block. */
export type BlockExchange = (block: Uint8Array, bwi: number) => Promise<Uint8Array>;

export interface T1Options {
  ifsc: number;
  useCrc: boolean;
  nad?: number;
  /** Retransmissions before RESYNCH (ISO: at least 2; libccid uses 3). */
  maxRetries?: number;
  /** Consecutive S(WTX) requests tolerated for one APDU before giving up (WTX storm). */
  maxWtx?: number;
}

export class T1Protocol {
  #ns = 0;
  #nr = 0;
  #ifsc: number;
  readonly #initialIfsc: number;
  #ifsd = 32;
  readonly #useCrc: boolean;
  readonly #nad: number;
  readonly #maxRetries: number;
  readonly #maxWtx: number;
  #interrupted = false;

  constructor(private readonly exchange: BlockExchange, options: T1Options) {
    this.#ifsc = options.ifsc;
    this.#initialIfsc = options.ifsc;
    this.#useCrc = options.useCrc;
    this.#nad = options.nad ?? 0;
    this.#maxRetries = options.maxRetries ?? 3;
    this.#maxWtx = options.maxWtx ?? 64;
  }

  get ifsc(): number { return this.#ifsc; }
  get ifsd(): number { return this.#ifsd; }

  #block(pcb: number, inf: Uint8Array = new Uint8Array(0)): Uint8Array {
    return encodeBlock(this.#nad, pcb, inf, this.#useCrc);
  }

  /** Exchanges one block; an invalid or missing answer becomes `undefined` (→ error recovery). */
  async #send(block: Uint8Array, bwi: number): Promise<{ block?: DecodedBlock; edcError: boolean; muteError?: TransportError }> {
    let raw: Uint8Array;
    try {
      raw = await this.exchange(block, bwi);
    } catch (e) {
      // BWT exceeded (reader says ICC mute) or a parity error: the block is treated as invalid.
      if (isTransportError(e, 'card.mute')) return { edcError: false, muteError: e };
      if (isTransportError(e, 't1.protocol')) return { edcError: true };
      throw e;
    }
    try {
      return { block: decodeBlock(raw, this.#useCrc).block, edcError: false };
    } catch (e) {
      if (e instanceof InvalidBlock) return { edcError: e.edcError };
      throw e;
    }
  }

  /** S(IFS request) to announce our IFSD (when the reader does not do it itself). */
  async negotiateIfsd(ifsd: number): Promise<void> {
    const inf = Uint8Array.of(ifsd);
    for (let attempt = 0; attempt <= this.#maxRetries; attempt++) {
      const reply = await this.#send(this.#block(pcbS(SType.IFS, false), inf), 0);
      const b = reply.block;
      if (b?.kind === 'S' && b.type === SType.IFS && b.response && b.inf.length === 1 && b.inf[0] === ifsd) {
        this.#ifsd = ifsd;
        return;
      }
    }
    // Cards that ignore S(IFS) keep IFSD 32: still usable, only slower.
  }

  /** S(RESYNCH request): resets sequence numbers and IFSC after an unrecoverable error. */
  async resynchronize(): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const reply = await this.#send(this.#block(pcbS(SType.RESYNCH, false)), 0);
      const b = reply.block;
      if (b?.kind === 'S' && b.type === SType.RESYNCH && b.response) {
        this.#ns = 0;
        this.#nr = 0;
        this.#ifsc = this.#initialIfsc;
        return true;
      }
    }
    return false;
  }

  /** One APDU in, one response APDU out, with chaining and error recovery. */
  async transceive(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.#interrupted) {
      // The last exchange broke off (stall, timeout …): card and host may disagree on N(S)/N(R).
      if (!(await this.resynchronize())) {
        throw new TransportError('t1.protocol', 'T=1 resynchronisation after an interrupted exchange failed');
      }
      this.#interrupted = false;
    }
    try {
      return await this.#transceiveRecovering(apdu);
    } catch (e) {
      this.#interrupted = true;
      throw e;
    }
  }

  async #transceiveRecovering(apdu: Uint8Array): Promise<Uint8Array> {
    try {
      return await this.#transceiveOnce(apdu);
    } catch (e) {
      if (!(e instanceof NeedsResync)) throw e;
      if (await this.resynchronize()) {
        try {
          return await this.#transceiveOnce(apdu);
        } catch (again) {
          if (again instanceof NeedsResync) throw again.toError();
          throw again;
        }
      }
      throw e.toError();
    }
  }

  async #transceiveOnce(apdu: Uint8Array): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < apdu.length; at += this.#ifsc) chunks.push(apdu.subarray(at, Math.min(apdu.length, at + this.#ifsc)));
    if (chunks.length === 0) chunks.push(new Uint8Array(0));
    let chunk = 0;
    const iBlock = () => this.#block(pcbI(this.#ns, chunk < chunks.length - 1), chunks[chunk]);
    let lastI = iBlock();
    let toSend = lastI;
    let bwi = 0;
    let retries = 0;
    let wtx = 0;
    let sending = true; // our chain not yet acknowledged by the card's first I-block
    const received: Uint8Array[] = [];
    let lastMute: TransportError | undefined;

    const retry = (next: Uint8Array) => {
      if (++retries > this.#maxRetries) throw new NeedsResync(lastMute);
      toSend = next;
    };

    for (;;) {
      const reply = await this.#send(toSend, bwi);
      bwi = 0;
      const b = reply.block;
      if (!b) {
        lastMute = reply.muteError;
        retry(this.#block(pcbR(this.#nr, reply.edcError ? 1 : 2)));
        continue;
      }
      if (b.kind === 'S') {
        if (b.response) { retry(this.#block(pcbR(this.#nr, 2))); continue; }
        if (b.type === SType.WTX) {
          if (++wtx > this.#maxWtx) {
            throw new TransportError('t1.wtxStorm', `card asked for more time ${wtx - 1} times without answering`);
          }
          bwi = b.inf[0] ?? 1;
          toSend = this.#block(pcbS(SType.WTX, true), b.inf);
          continue;
        }
        if (b.type === SType.IFS) {
          const ifsc = b.inf[0] ?? 0;
          if (b.inf.length !== 1 || ifsc < 1 || ifsc > 254) { retry(this.#block(pcbR(this.#nr, 2))); continue; }
          this.#ifsc = ifsc;
          toSend = this.#block(pcbS(SType.IFS, true), b.inf);
          continue;
        }
        if (b.type === SType.ABORT) {
          await this.#send(this.#block(pcbS(SType.ABORT, true)), 0).catch(() => undefined);
          throw new TransportError('t1.protocol', 'card aborted the chain (S(ABORT))');
        }
        retry(this.#block(pcbR(this.#nr, 2)));
        continue;
      }
      if (b.kind === 'R') {
        if (sending && chunk < chunks.length - 1 && b.nr !== this.#ns) {
          // Our chained block is acknowledged: send the next one.
          this.#ns ^= 1;
          chunk++;
          lastI = iBlock();
          toSend = lastI;
          retries = 0;
          continue;
        }
        // The card asks for a retransmission (of our last I-block, or of our R-block while receiving).
        retry(sending ? lastI : this.#block(pcbR(this.#nr)));
        continue;
      }
      // I-block from the card
      if (sending && chunk < chunks.length - 1) { retry(this.#block(pcbR(this.#nr, 2))); continue; }
      if (b.ns !== this.#nr) { retry(this.#block(pcbR(this.#nr, 2))); continue; }
      if (sending) { this.#ns ^= 1; sending = false; }
      this.#nr ^= 1;
      received.push(b.inf);
      retries = 0;
      wtx = 0;
      if (!b.more) {
        const out = new Uint8Array(received.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of received) { out.set(p, at); at += p.length; }
        return out;
      }
      toSend = this.#block(pcbR(this.#nr));
    }
  }
}

class NeedsResync extends Error {
  constructor(readonly mute: TransportError | undefined) {
    super('T=1 error recovery failed');
  }
  toError(): TransportError {
    return this.mute
      ? new TransportError('card.mute', 'card does not answer (T=1 retransmissions and RESYNCH failed)')
      : new TransportError('t1.protocol', 'T=1 transmission failed after retransmissions and RESYNCH');
  }
}
