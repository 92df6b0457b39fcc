// Card side of T=1 (ISO/IEC 7816-3 §11) for the simulated reader's TPDU models: assembles chained
// I-blocks into an APDU, asks the SimulatedIcc, returns the response chained at IFSD, answers R- and
// S-blocks, and can misbehave on request (WTX, corrupted blocks, mute) to exercise the host's recovery.
import { decodeBlock, encodeBlock, InvalidBlock, pcbI, pcbR, pcbS, SType } from '../webusb-ccid/t1.ts';
import type { SimulatedIcc } from '../simulated-icc.ts';

export interface CardT1Behaviour {
  /** S(WTX) requests before each answer (Infinity = storm). */
  wtxPerCommand?: number;
  /** Corrupt the EDC of the next n blocks the card sends. */
  corruptNextBlocks?: number;
  /** No answer at all (the reader reports ICC_MUTE). */
  mute?: boolean;
}

export class CardT1 {
  #expectedHostNs = 0;
  #nextCardNs = 0;
  #ifsd = 32;
  #rx: Uint8Array[] = [];
  #txChunks: Uint8Array[] = [];
  #lastSent: Uint8Array | undefined;
  #pendingAfterWtx: Uint8Array | undefined;
  #wtxSent = 0;
  /** APDUs that reached the card (for tests). */
  apduCount = 0;

  constructor(
    private readonly icc: SimulatedIcc, private readonly ifsc: number, private readonly useCrc: boolean,
    public behaviour: CardT1Behaviour = {},
  ) {}

  get ifsd(): number { return this.#ifsd; }

  #emit(pcb: number, inf: Uint8Array = new Uint8Array(0)): Uint8Array {
    const block = encodeBlock(0, pcb, inf, this.useCrc);
    this.#lastSent = block;
    return this.#maybeCorrupt(block);
  }

  #maybeCorrupt(block: Uint8Array): Uint8Array {
    if ((this.behaviour.corruptNextBlocks ?? 0) > 0) {
      this.behaviour.corruptNextBlocks!--;
      const bad = block.slice();
      bad[bad.length - 1]! ^= 0x5a;
      return bad;
    }
    return block;
  }

  #sendNextChunk(): Uint8Array {
    const chunk = this.#txChunks.shift() ?? new Uint8Array(0);
    const ns = this.#nextCardNs;
    this.#nextCardNs ^= 1;
    return this.#emit(pcbI(ns, this.#txChunks.length > 0), chunk);
  }

  #respond(apdu: Uint8Array): Uint8Array {
    this.apduCount++;
    const response = this.icc.transmit(apdu);
    this.#txChunks = [];
    for (let at = 0; at < response.length; at += this.#ifsd) this.#txChunks.push(response.subarray(at, at + this.#ifsd));
    const wtx = this.behaviour.wtxPerCommand ?? 0;
    if (this.#wtxSent < wtx) {
      this.#wtxSent++;
      this.#pendingAfterWtx = new Uint8Array(0);
      return this.#emit(pcbS(SType.WTX, false), Uint8Array.of(1));
    }
    return this.#sendNextChunk();
  }

  /** One block from the host in; the card's block out, or undefined when the card stays mute. */
  receive(block: Uint8Array): Uint8Array | undefined {
    if (this.behaviour.mute) return undefined;
    let decoded;
    try {
      decoded = decodeBlock(block, this.useCrc).block;
    } catch (e) {
      return this.#emit(pcbR(this.#expectedHostNs, e instanceof InvalidBlock && e.edcError ? 1 : 2));
    }
    switch (decoded.kind) {
      case 'I': {
        if (decoded.ns !== this.#expectedHostNs) {
          // Host repeats a block we already took: our answer was lost, send it again.
          return this.#lastSent ? this.#maybeCorrupt(this.#lastSent) : this.#emit(pcbR(this.#expectedHostNs, 2));
        }
        if (decoded.inf.length > this.ifsc) return this.#emit(pcbR(this.#expectedHostNs, 2));
        this.#expectedHostNs ^= 1;
        this.#rx.push(decoded.inf);
        if (decoded.more) return this.#emit(pcbR(this.#expectedHostNs));
        const apdu = new Uint8Array(this.#rx.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of this.#rx) { apdu.set(p, at); at += p.length; }
        this.#rx = [];
        this.#wtxSent = 0;
        return this.#respond(apdu);
      }
      case 'R': {
        if (this.#txChunks.length > 0 && decoded.nr === this.#nextCardNs) return this.#sendNextChunk();
        return this.#lastSent ? this.#maybeCorrupt(this.#lastSent) : this.#emit(pcbR(this.#expectedHostNs, 2));
      }
      case 'S': {
        if (decoded.response) {
          if (decoded.type === SType.WTX && this.#pendingAfterWtx) {
            const wtx = this.behaviour.wtxPerCommand ?? 0;
            if (this.#wtxSent < wtx) {
              this.#wtxSent++;
              return this.#emit(pcbS(SType.WTX, false), Uint8Array.of(1));
            }
            this.#pendingAfterWtx = undefined;
            return this.#sendNextChunk();
          }
          return this.#emit(pcbR(this.#expectedHostNs, 2));
        }
        if (decoded.type === SType.IFS) {
          const ifsd = decoded.inf[0] ?? 0;
          if (decoded.inf.length !== 1 || ifsd < 1 || ifsd > 254) return this.#emit(pcbR(this.#expectedHostNs, 2));
          this.#ifsd = ifsd;
          return this.#emit(pcbS(SType.IFS, true), decoded.inf);
        }
        if (decoded.type === SType.RESYNCH) {
          this.#expectedHostNs = 0;
          this.#nextCardNs = 0;
          this.#ifsd = 32;
          this.#rx = [];
          this.#txChunks = [];
          this.#pendingAfterWtx = undefined;
          return this.#emit(pcbS(SType.RESYNCH, true));
        }
        if (decoded.type === SType.ABORT) {
          this.#rx = [];
          this.#txChunks = [];
          return this.#emit(pcbS(SType.ABORT, true));
        }
        return this.#emit(pcbR(this.#expectedHostNs, 2));
      }
    }
  }
}
