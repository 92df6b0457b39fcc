// CCID message layer (USB CCID 1.1 §6): byte-exact encoding of PC_to_RDR messages, decoding of
// RDR_to_PC replies and interrupt-IN notifications, and the meaning of bStatus/bError.
import { readU16le, readU32le, writeU32le } from '../bytes.ts';
import { TransportError, type TransportErrorCode } from '../errors.ts';

export const PcToRdr = {
  SetParameters: 0x61,
  IccPowerOn: 0x62,
  IccPowerOff: 0x63,
  GetSlotStatus: 0x65,
  Escape: 0x6b,
  GetParameters: 0x6c,
  ResetParameters: 0x6d,
  XfrBlock: 0x6f,
  Abort: 0x72,
} as const;

export const RdrToPc = {
  DataBlock: 0x80,
  SlotStatus: 0x81,
  Parameters: 0x82,
  Escape: 0x83,
} as const;

export const Interrupt = { NotifySlotChange: 0x50, HardwareError: 0x51 } as const;

export const headerLength = 10;

/** Which reply type each command gets (CCID §6.2). */
export function expectedReplyType(commandType: number): number {
  switch (commandType) {
    case PcToRdr.IccPowerOn:
    case PcToRdr.XfrBlock:
      return RdrToPc.DataBlock;
    case PcToRdr.GetParameters:
    case PcToRdr.ResetParameters:
    case PcToRdr.SetParameters:
      return RdrToPc.Parameters;
    case PcToRdr.Escape:
      return RdrToPc.Escape;
    default:
      return RdrToPc.SlotStatus;
  }
}

export function encodeMessage(
  type: number, slot: number, seq: number, specific: [number, number, number], data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const out = new Uint8Array(headerLength + data.length);
  out[0] = type;
  writeU32le(out, 1, data.length);
  out[5] = slot;
  out[6] = seq & 0xff;
  out[7] = specific[0];
  out[8] = specific[1];
  out[9] = specific[2];
  out.set(data, headerLength);
  return out;
}

export const PowerSelect = { auto: 0, v5: 1, v3: 2, v1_8: 3 } as const;

export function iccPowerOn(slot: number, seq: number, powerSelect: number = PowerSelect.auto): Uint8Array {
  return encodeMessage(PcToRdr.IccPowerOn, slot, seq, [powerSelect, 0, 0]);
}

export function iccPowerOff(slot: number, seq: number): Uint8Array {
  return encodeMessage(PcToRdr.IccPowerOff, slot, seq, [0, 0, 0]);
}

export function getSlotStatus(slot: number, seq: number): Uint8Array {
  return encodeMessage(PcToRdr.GetSlotStatus, slot, seq, [0, 0, 0]);
}

export function getParameters(slot: number, seq: number): Uint8Array {
  return encodeMessage(PcToRdr.GetParameters, slot, seq, [0, 0, 0]);
}

export function abort(slot: number, seq: number): Uint8Array {
  return encodeMessage(PcToRdr.Abort, slot, seq, [0, 0, 0]);
}

/** XfrBlock: bBWI extends the block waiting time (T=1 WTX), wLevelParameter chains extended APDUs. */
export function xfrBlock(slot: number, seq: number, data: Uint8Array, bwi = 0, levelParameter = 0): Uint8Array {
  return encodeMessage(PcToRdr.XfrBlock, slot, seq, [bwi, levelParameter & 0xff, levelParameter >> 8], data);
}

/** Protocol data structure for T=1 (CCID Table 6.1-10). */
export interface T1Parameters {
  /** TA1: Fi (high nibble) / Di (low nibble); 0x11 when absent. */
  findexDindex: number;
  /** true: CRC as EDC, false: LRC. */
  crc: boolean;
  /** TC1 extra guard time. */
  guardTime: number;
  /** TB3: BWI (high nibble), CWI (low nibble). */
  waitingIntegers: number;
  clockStop: number;
  ifsc: number;
  nad: number;
}

/** Protocol data structure for T=0 (CCID Table 6.1-9). */
export interface T0Parameters {
  findexDindex: number;
  /** bit 1: convention (0 direct, 1 inverse). */
  inverseConvention: boolean;
  guardTime: number;
  waitingInteger: number;
  clockStop: number;
}

export function setParametersT1(slot: number, seq: number, p: T1Parameters, inverseConvention = false): Uint8Array {
  const data = Uint8Array.of(
    p.findexDindex,
    0x10 | (inverseConvention ? 0x02 : 0) | (p.crc ? 0x01 : 0),
    p.guardTime,
    p.waitingIntegers,
    p.clockStop,
    p.ifsc,
    p.nad,
  );
  return encodeMessage(PcToRdr.SetParameters, slot, seq, [1, 0, 0], data);
}

export function setParametersT0(slot: number, seq: number, p: T0Parameters): Uint8Array {
  const data = Uint8Array.of(p.findexDindex, p.inverseConvention ? 0x02 : 0x00, p.guardTime, p.waitingInteger, p.clockStop);
  return encodeMessage(PcToRdr.SetParameters, slot, seq, [0, 0, 0], data);
}

export type IccStatus = 'active' | 'inactive' | 'absent';
export type CommandStatus = 'ok' | 'failed' | 'time-extension';

export interface CcidReply {
  type: number;
  slot: number;
  seq: number;
  status: number;
  iccStatus: IccStatus;
  commandStatus: CommandStatus;
  error: number;
  /** bChainParameter (DataBlock), bClockStatus (SlotStatus) or bProtocolNum (Parameters). */
  specific: number;
  data: Uint8Array;
}

export function decodeReply(bytes: Uint8Array): CcidReply {
  if (bytes.length < headerLength) {
    throw new TransportError('reader.protocol', `CCID reply shorter than its 10-byte header (${bytes.length})`);
  }
  const length = readU32le(bytes, 1);
  if (bytes.length < headerLength + length) {
    throw new TransportError('reader.protocol', `CCID reply announces ${length} data bytes but carries ${bytes.length - headerLength}`);
  }
  const status = bytes[7]!;
  const icc = status & 0x03;
  const cmd = (status >> 6) & 0x03;
  return {
    type: bytes[0]!,
    slot: bytes[5]!,
    seq: bytes[6]!,
    status,
    iccStatus: icc === 0 ? 'active' : icc === 1 ? 'inactive' : 'absent',
    commandStatus: cmd === 0 ? 'ok' : cmd === 2 ? 'time-extension' : 'failed',
    error: bytes[8]!,
    specific: bytes[9]!,
    data: bytes.slice(headerLength, headerLength + length),
  };
}

/** Reader-side encoding of a reply (used by the simulated reader). */
export function encodeReply(
  type: number, slot: number, seq: number, status: number, error: number, specific: number, data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return encodeMessage(type, slot, seq, [status, error, specific], data);
}

export function iccStatusBits(status: IccStatus): number {
  return status === 'active' ? 0 : status === 'inactive' ? 1 : 2;
}

export const CcidError = {
  CMD_ABORTED: 0xff,
  ICC_MUTE: 0xfe,
  XFR_PARITY_ERROR: 0xfd,
  XFR_OVERRUN: 0xfc,
  HW_ERROR: 0xfb,
  BAD_ATR_TS: 0xf8,
  BAD_ATR_TCK: 0xf7,
  ICC_PROTOCOL_NOT_SUPPORTED: 0xf6,
  ICC_CLASS_NOT_SUPPORTED: 0xf5,
  PROCEDURE_BYTE_CONFLICT: 0xf4,
  DEACTIVATED_PROTOCOL: 0xf3,
  BUSY_WITH_AUTO_SEQUENCE: 0xf2,
  PIN_TIMEOUT: 0xf0,
  PIN_CANCELLED: 0xef,
  CMD_SLOT_BUSY: 0xe0,
  CMD_NOT_SUPPORTED: 0x00,
} as const;

const errorNames: Record<number, string> = Object.fromEntries(Object.entries(CcidError).map(([k, v]) => [v, k]));

export function ccidErrorName(error: number): string {
  return errorNames[error] ?? (error >= 0x01 && error <= 0x7f ? `bad parameter at offset ${error}` : `0x${error.toString(16)}`);
}

/** Maps a failed reply (bmCommandStatus = 1) to a transport error with a clear code. */
export function replyError(reply: CcidReply): TransportError {
  const name = ccidErrorName(reply.error);
  let code: TransportErrorCode;
  if (reply.iccStatus === 'absent') code = 'card.absent';
  else {
    switch (reply.error) {
      case CcidError.ICC_MUTE: code = 'card.mute'; break;
      case CcidError.XFR_PARITY_ERROR:
      case CcidError.XFR_OVERRUN: code = 't1.protocol'; break;
      case CcidError.HW_ERROR: code = 'reader.hardware'; break;
      case CcidError.BAD_ATR_TS:
      case CcidError.BAD_ATR_TCK: code = 'atr.invalid'; break;
      case CcidError.ICC_PROTOCOL_NOT_SUPPORTED:
      case CcidError.ICC_CLASS_NOT_SUPPORTED:
      case CcidError.DEACTIVATED_PROTOCOL: code = 'card.protocolNotSupported'; break;
      case CcidError.CMD_SLOT_BUSY:
      case CcidError.BUSY_WITH_AUTO_SEQUENCE: code = 'reader.busy'; break;
      case CcidError.CMD_NOT_SUPPORTED: code = 'reader.commandNotSupported'; break;
      default: code = 'reader.protocol';
    }
  }
  const hex2 = (n: number) => n.toString(16).padStart(2, '0');
  return new TransportError(code, `reader reports ${name} (bStatus 0x${hex2(reply.status)}, bError 0x${hex2(reply.error)})`,
    { bError: reply.error, bStatus: reply.status });
}

export interface SlotChange {
  slot: number;
  present: boolean;
  changed: boolean;
}

/** RDR_to_PC_NotifySlotChange: two bits a slot, bit 0 present, bit 1 changed. */
export function decodeNotifySlotChange(bytes: Uint8Array, slotCount: number): SlotChange[] | undefined {
  if (bytes[0] !== Interrupt.NotifySlotChange) return undefined;
  const out: SlotChange[] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    const byte = bytes[1 + (slot >> 2)];
    if (byte === undefined) break;
    const bits = (byte >> ((slot & 3) * 2)) & 0x03;
    out.push({ slot, present: (bits & 1) !== 0, changed: (bits & 2) !== 0 });
  }
  return out;
}

export function encodeNotifySlotChange(slots: readonly SlotChange[]): Uint8Array {
  const out = new Uint8Array(1 + Math.ceil(slots.length / 4));
  out[0] = Interrupt.NotifySlotChange;
  for (const s of slots) {
    out[1 + (s.slot >> 2)]! |= ((s.present ? 1 : 0) | (s.changed ? 2 : 0)) << ((s.slot & 3) * 2);
  }
  return out;
}

export function levelParameterOf(message: Uint8Array): number {
  return readU16le(message, 8);
}

export function messageDataLength(message: Uint8Array): number {
  return readU32le(message, 1);
}
