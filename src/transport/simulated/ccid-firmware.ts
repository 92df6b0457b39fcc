// The firmware of a simulated CCID reader: answers PC_to_RDR messages like the real reader model
// would at its exchange level (TPDU with T=1 to the card, short APDU, extended APDU with
// wLevelParameter chaining), reports card insertion/removal, and can be told to misbehave.
import { hex } from '../bytes.ts';
import type { SimulatedIcc } from '../simulated-icc.ts';
import { exchangeLevel, type ExchangeLevel } from '../webusb-ccid/descriptors.ts';
import { parseAtr } from '../webusb-ccid/atr.ts';
import { CcidError, encodeReply, iccStatusBits, levelParameterOf, PcToRdr, RdrToPc, type IccStatus } from '../webusb-ccid/messages.ts';
import { Chain } from '../webusb-ccid/apdu-level.ts';
import { CardT1, type CardT1Behaviour } from './icc-t1.ts';
import type { ReaderModel } from './reader-models.ts';

export type CardFault =
  /** Card pulled after this many further XfrBlocks. */
  | { kind: 'card-pulled'; afterXfrBlocks: number }
  | { kind: 'mute-card' }
  | { kind: 'bad-atr' }
  /** Card asks for more time forever (S(WTX) at TPDU level, time extensions at APDU level). */
  | { kind: 'wtx-storm' }
  /** Card answers slowly: this many WTX/time extensions before each answer. */
  | { kind: 'slow-card'; extensions: number }
  /** T=1 blocks from the card arrive corrupted this many times. */
  | { kind: 'corrupt-blocks'; count: number };

interface Slot {
  icc?: SimulatedIcc;
  powered: boolean;
  atr?: Uint8Array;
  t1?: CardT1;
  faults: CardFault[];
  commandBuffer: Uint8Array[];
  responseRemainder?: Uint8Array;
  xfrCount: number;
  /** Just powered: a PPS request may come before the first T=1 block. */
  ppsWindow?: boolean;
}

export interface FirmwareOutput {
  /** Bulk-IN replies, in order. */
  replies: Uint8Array[];
  /** Interrupt-IN notifications. */
  notifications: Uint8Array[];
}

export class CcidFirmware {
  readonly level: ExchangeLevel;
  readonly slots: Slot[];
  /** Infinite time extensions for the command in progress (APDU-level wtx storm). */
  storming: { slot: number; seq: number } | undefined;

  constructor(readonly model: ReaderModel, readonly onSlotChange: (slot: number, present: boolean) => void) {
    this.level = exchangeLevel(model.ccid);
    this.slots = Array.from({ length: model.ccid.maxSlotIndex + 1 },
      () => ({ powered: false, faults: [], commandBuffer: [], xfrCount: 0 }));
  }

  insert(slot: number, icc: SimulatedIcc): void {
    const s = this.slots[slot];
    if (!s) throw new Error(`reader ${this.model.id} has no slot ${slot}`);
    if (s.icc) this.remove(slot);
    Object.assign(s, { icc, powered: false, atr: undefined, t1: undefined, commandBuffer: [], responseRemainder: undefined, xfrCount: 0 });
    this.onSlotChange(slot, true);
  }

  remove(slot: number): void {
    const s = this.slots[slot];
    if (!s?.icc) return;
    s.icc = undefined;
    s.powered = false;
    s.t1 = undefined;
    s.faults = [];
    this.onSlotChange(slot, false);
  }

  injectCardFault(slot: number, fault: CardFault): void {
    const s = this.slots[slot];
    if (!s) throw new Error(`no slot ${slot}`);
    s.faults.push(fault);
    if (s.t1) s.t1.behaviour = this.#t1Behaviour(s);
  }

  clearCardFaults(slot: number): void {
    const s = this.slots[slot];
    if (!s) return;
    s.faults = [];
    if (s.t1) s.t1.behaviour = {};
  }

  #t1Behaviour(s: Slot): CardT1Behaviour {
    const b: CardT1Behaviour = {};
    for (const f of s.faults) {
      if (f.kind === 'wtx-storm') b.wtxPerCommand = Number.POSITIVE_INFINITY;
      if (f.kind === 'slow-card') b.wtxPerCommand = f.extensions;
      if (f.kind === 'corrupt-blocks') b.corruptNextBlocks = f.count;
      if (f.kind === 'mute-card') b.mute = true;
    }
    return b;
  }

  #has(s: Slot, kind: CardFault['kind']): CardFault | undefined {
    return s.faults.find((f) => f.kind === kind);
  }

  #iccStatus(s: Slot): IccStatus {
    return !s.icc ? 'absent' : s.powered ? 'active' : 'inactive';
  }

  /** Handles one PC_to_RDR message; returns the bulk-IN replies it causes. */
  handle(message: Uint8Array): Uint8Array[] {
    const type = message[0]!;
    const slotIndex = message[5]!;
    const seq = message[6]!;
    const length = (message[1]! | (message[2]! << 8) | (message[3]! << 16) | (message[4]! << 24)) >>> 0;
    const data = message.subarray(10, 10 + length);
    const replyType = type === PcToRdr.IccPowerOn || type === PcToRdr.XfrBlock ? RdrToPc.DataBlock
      : type === PcToRdr.SetParameters || type === PcToRdr.GetParameters || type === PcToRdr.ResetParameters ? RdrToPc.Parameters
        : type === PcToRdr.Escape ? RdrToPc.Escape : RdrToPc.SlotStatus;
    const s = this.slots[slotIndex];
    const reply = (status: IccStatus, failed: boolean, error: number, specific: number, payload?: Uint8Array) =>
      encodeReply(replyType, slotIndex, seq, iccStatusBits(status) | (failed ? 0x40 : 0), error, specific, payload);
    if (!s) return [reply('absent', true, 5, 0)]; // bError 5: bad bSlot (offset 5)
    if (message.length !== 10 + length) return [reply(this.#iccStatus(s), true, 1, 0)]; // bad dwLength
    const fail = (error: number) => [reply(this.#iccStatus(s), true, error, 0)];

    switch (type) {
      case PcToRdr.GetSlotStatus:
      case PcToRdr.Abort:
        return [reply(this.#iccStatus(s), false, 0, 0)];
      case PcToRdr.IccPowerOff:
        s.powered = false;
        s.t1 = undefined;
        return [reply(this.#iccStatus(s), false, 0, 0)];
      case PcToRdr.IccPowerOn: {
        if (!s.icc) return fail(CcidError.ICC_MUTE);
        if (this.#has(s, 'mute-card')) { s.powered = false; return [reply('inactive', true, CcidError.ICC_MUTE, 0)]; }
        let atr = s.icc.reset();
        if (this.#has(s, 'bad-atr')) {
          atr = atr.slice();
          atr[atr.length - 1]! ^= 0xff; // wrong TCK
        }
        s.powered = true;
        s.atr = atr;
        s.commandBuffer = [];
        s.responseRemainder = undefined;
        s.t1 = undefined;
        s.ppsWindow = true;
        if (this.level === 'tpdu') {
          try {
            const parsed = parseAtr(atr);
            s.t1 = new CardT1(s.icc, parsed.t1.ifsc, parsed.t1.crc, this.#t1Behaviour(s));
          } catch { /* a bad ATR still goes to the host, which must reject it */ }
        }
        return [reply('active', false, 0, 0, atr)];
      }
      case PcToRdr.SetParameters: {
        const protocol = message[7]!;
        const badLength = (protocol === 1 && data.length !== 7) || (protocol === 0 && data.length !== 5);
        if (badLength || protocol > 1) return fail(protocol > 1 ? 7 : 1);
        if (!s.icc) return fail(CcidError.ICC_MUTE);
        return [encodeReply(RdrToPc.Parameters, slotIndex, seq, iccStatusBits(this.#iccStatus(s)), 0, protocol, data)];
      }
      case PcToRdr.GetParameters:
        return [encodeReply(RdrToPc.Parameters, slotIndex, seq, iccStatusBits(this.#iccStatus(s)), 0, 1,
          Uint8Array.of(0x11, 0x10, 0x00, 0x45, 0x00, 0xfe, 0x00))];
      case PcToRdr.XfrBlock:
        return this.#xfr(s, slotIndex, seq, data, levelParameterOf(message), message[7]!);
      default:
        return fail(CcidError.CMD_NOT_SUPPORTED);
    }
  }

  #xfr(s: Slot, slot: number, seq: number, data: Uint8Array, levelParameter: number, _bwi: number): Uint8Array[] {
    const block = (status: IccStatus, failed: boolean, error: number, chain: number, payload?: Uint8Array) =>
      encodeReply(RdrToPc.DataBlock, slot, seq, iccStatusBits(status) | (failed ? 0x40 : 0), error, chain, payload);
    const pulled = this.#has(s, 'card-pulled');
    if (pulled && pulled.kind === 'card-pulled' && s.icc) {
      if (pulled.afterXfrBlocks <= 0) this.remove(slot);
      else pulled.afterXfrBlocks--;
    }
    if (!s.icc) return [block('absent', true, CcidError.ICC_MUTE, 0)];
    if (!s.powered) return [block('inactive', true, CcidError.ICC_MUTE, 0)];
    s.xfrCount++;

    if (this.level === 'tpdu') {
      if (s.ppsWindow && data[0] === 0xff && data.length >= 3) {
        // A G2 card accepts the speed its ATR offers: the PPS response echoes the request.
        s.ppsWindow = false;
        const xor = data.reduce((a, b) => a ^ b, 0);
        return xor === 0 ? [block('active', false, 0, 0, data.slice())] : [block('active', true, CcidError.ICC_MUTE, 0)];
      }
      s.ppsWindow = false;
      if (!s.t1) return [block('active', true, CcidError.ICC_PROTOCOL_NOT_SUPPORTED, 0)];
      const answer = s.t1.receive(data);
      if (!answer) return [block('active', true, CcidError.ICC_MUTE, 0)];
      return [block('active', false, 0, 0, answer)];
    }

    // APDU levels
    if (this.#has(s, 'mute-card')) return [block('active', true, CcidError.ICC_MUTE, 0)];
    const room = this.model.ccid.maxCCIDMessageLength - 10;
    if (levelParameter === Chain.emptyNext) {
      const rest = s.responseRemainder;
      if (!rest || data.length !== 0) return [block('active', true, 8, 0)]; // bad wLevelParameter (offset 8)
      return [this.#chunkResponse(s, rest, room, false, block)];
    }
    let apdu: Uint8Array | undefined;
    if (this.level === 'extended-apdu') {
      switch (levelParameter) {
        case Chain.beginAndEnd: apdu = data; break;
        case Chain.beginMore: s.commandBuffer = [data.slice()]; return [block('active', false, 0, Chain.emptyNext)];
        case Chain.continueMore: s.commandBuffer.push(data.slice()); return [block('active', false, 0, Chain.emptyNext)];
        case Chain.continueEnd: {
          s.commandBuffer.push(data.slice());
          apdu = new Uint8Array(s.commandBuffer.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of s.commandBuffer) { apdu.set(p, at); at += p.length; }
          s.commandBuffer = [];
          break;
        }
        default: return [block('active', true, 8, 0)];
      }
    } else {
      if (levelParameter !== 0 || isExtendedApdu(data) || data.length > 261) return [block('active', true, 1, 0)];
      apdu = data;
    }
    const before: Uint8Array[] = [];
    const slow = this.#has(s, 'slow-card');
    if (slow && slow.kind === 'slow-card') {
      for (let i = 0; i < slow.extensions; i++) before.push(block('active', false, 1, 0).map((b, k) => (k === 7 ? b | 0x80 : b)));
    }
    if (this.#has(s, 'wtx-storm')) {
      this.storming = { slot, seq };
      return [timeExtension(slot, seq)];
    }
    const response = s.icc.transmit(apdu);
    return [...before, this.#chunkResponse(s, response, room, true, block)];
  }

  #chunkResponse(s: Slot, response: Uint8Array, room: number, first: boolean,
    block: (status: IccStatus, failed: boolean, error: number, chain: number, payload?: Uint8Array) => Uint8Array): Uint8Array {
    if (response.length <= room) {
      s.responseRemainder = undefined;
      return block('active', false, 0, first ? Chain.beginAndEnd : Chain.continueEnd, response);
    }
    s.responseRemainder = response.slice(room);
    return block('active', false, 0, first ? Chain.beginMore : Chain.continueMore, response.subarray(0, room));
  }

  describe(): string {
    const slotText = (s: (typeof this.slots)[number]) =>
      (s.icc ? (s.powered ? `ATR ${hex(s.atr ?? new Uint8Array(0))}` : 'card') : 'empty');
    return `${this.model.id} (${this.level}), slots: ${this.slots.map(slotText).join(', ')}`;
  }
}

/** A DataBlock with bmCommandStatus = 2: the card needs more time. */
export function timeExtension(slot: number, seq: number): Uint8Array {
  return encodeReply(RdrToPc.DataBlock, slot, seq, 0x80, 1, 0);
}

function isExtendedApdu(apdu: Uint8Array): boolean {
  return apdu.length >= 7 && apdu[4] === 0;
}
