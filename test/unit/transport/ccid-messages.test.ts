// CCID messages byte-exact (USB CCID 1.1 §6.1–6.3).
import { describe, it, expect } from 'vitest';
import {
  iccPowerOn, iccPowerOff, getSlotStatus, xfrBlock, setParametersT1, setParametersT0, getParameters, abort,
  decodeReply, encodeReply, replyError, decodeNotifySlotChange, encodeNotifySlotChange, CcidError, expectedReplyType,
} from '../../../src/transport/webusb-ccid/messages.ts';
import { fromHex, hex } from '../../../src/transport/bytes.ts';

describe('PC_to_RDR messages', () => {
  it('IccPowerOn / IccPowerOff / GetSlotStatus / GetParameters / Abort headers', () => {
    expect(hex(iccPowerOn(0, 0))).toBe('62 00 00 00 00 00 00 00 00 00');
    expect(hex(iccPowerOn(1, 0x11, 1))).toBe('62 00 00 00 00 01 11 01 00 00');
    expect(hex(iccPowerOff(0, 2))).toBe('63 00 00 00 00 00 02 00 00 00');
    expect(hex(getSlotStatus(2, 0xff))).toBe('65 00 00 00 00 02 FF 00 00 00');
    expect(hex(getParameters(0, 5))).toBe('6C 00 00 00 00 00 05 00 00 00');
    expect(hex(abort(0, 6))).toBe('72 00 00 00 00 00 06 00 00 00');
  });

  it('XfrBlock carries dwLength little-endian, bBWI and wLevelParameter', () => {
    expect(hex(xfrBlock(0, 3, fromHex('00 A4 04 0C')))).toBe('6F 04 00 00 00 00 03 00 00 00 00 A4 04 0C');
    expect(hex(xfrBlock(0, 4, new Uint8Array(0), 2, 0x10))).toBe('6F 00 00 00 00 00 04 02 10 00');
    const big = xfrBlock(0, 0, new Uint8Array(0x1234));
    expect(hex(big.subarray(0, 10))).toBe('6F 34 12 00 00 00 00 00 00 00');
    expect(big.length).toBe(10 + 0x1234);
  });

  it('SetParameters for T=1 and T=0 (protocol data structures)', () => {
    expect(hex(setParametersT1(0, 7,
      { findexDindex: 0x96, crc: false, guardTime: 0xff, waitingIntegers: 0x45, clockStop: 0, ifsc: 0xfe, nad: 0 })))
      .toBe('61 07 00 00 00 00 07 01 00 00 96 10 FF 45 00 FE 00');
    expect(hex(setParametersT1(0, 8,
      { findexDindex: 0x11, crc: true, guardTime: 0, waitingIntegers: 0x4d, clockStop: 0, ifsc: 0x20, nad: 0 }, true)))
      .toBe('61 07 00 00 00 00 08 01 00 00 11 13 00 4D 00 20 00');
    expect(hex(setParametersT0(0, 9, { findexDindex: 0x11, inverseConvention: false, guardTime: 0, waitingInteger: 10, clockStop: 0 })))
      .toBe('61 05 00 00 00 00 09 00 00 00 11 00 00 0A 00');
  });

  it('which reply each command expects', () => {
    expect(expectedReplyType(0x62)).toBe(0x80);
    expect(expectedReplyType(0x6f)).toBe(0x80);
    expect(expectedReplyType(0x61)).toBe(0x82);
    expect(expectedReplyType(0x65)).toBe(0x81);
    expect(expectedReplyType(0x63)).toBe(0x81);
  });
});

describe('RDR_to_PC replies', () => {
  it('DataBlock with ATR', () => {
    const reply = decodeReply(fromHex('80 03 00 00 00 00 05 00 00 00 3B 80 80'));
    expect(reply).toMatchObject({ type: 0x80, slot: 0, seq: 5, iccStatus: 'active', commandStatus: 'ok', error: 0, specific: 0 });
    expect(hex(reply.data)).toBe('3B 80 80');
  });

  it('bStatus: ICC absent + failed, time extension', () => {
    expect(decodeReply(fromHex('81 00 00 00 00 00 01 42 FE 00'))).toMatchObject({ iccStatus: 'absent', commandStatus: 'failed', error: 0xfe });
    expect(decodeReply(fromHex('80 00 00 00 00 00 01 80 01 00'))).toMatchObject({ iccStatus: 'active', commandStatus: 'time-extension', error: 1 });
    expect(decodeReply(fromHex('81 00 00 00 00 00 01 01 00 00'))).toMatchObject({ iccStatus: 'inactive', commandStatus: 'ok' });
  });

  it('refuses truncated replies', () => {
    expect(() => decodeReply(fromHex('80 00 00'))).toThrow(/header/);
    expect(() => decodeReply(fromHex('80 05 00 00 00 00 01 00 00 00 3B'))).toThrow(/announces 5/);
  });

  it('encodeReply is the inverse of decodeReply', () => {
    const bytes = encodeReply(0x80, 1, 9, 0x40, CcidError.ICC_MUTE, 0);
    expect(hex(bytes)).toBe('80 00 00 00 00 01 09 40 FE 00');
  });

  it('maps bError/bStatus to clear codes', () => {
    const code = (status: number, error: number) => replyError(decodeReply(Uint8Array.of(0x80, 0, 0, 0, 0, 0, 0, status, error, 0))).code;
    expect(code(0x42, 0xfe)).toBe('card.absent');
    expect(code(0x41, 0xfe)).toBe('card.mute');
    expect(code(0x40, 0xfe)).toBe('card.mute');
    expect(code(0x40, 0xfd)).toBe('t1.protocol');
    expect(code(0x40, 0xfb)).toBe('reader.hardware');
    expect(code(0x40, 0xf8)).toBe('atr.invalid');
    expect(code(0x40, 0xf6)).toBe('card.protocolNotSupported');
    expect(code(0x40, 0xe0)).toBe('reader.busy');
    expect(code(0x40, 0x00)).toBe('reader.commandNotSupported');
    expect(code(0x40, 0x07)).toBe('reader.protocol');
    expect(replyError(decodeReply(fromHex('80 00 00 00 00 00 00 40 07 00'))).message).toMatch(/bad parameter at offset 7/);
  });
});

describe('interrupt-IN', () => {
  it('NotifySlotChange: two bits a slot (present, changed)', () => {
    expect(decodeNotifySlotChange(fromHex('50 03'), 1)).toEqual([{ slot: 0, present: true, changed: true }]);
    expect(decodeNotifySlotChange(fromHex('50 02'), 1)).toEqual([{ slot: 0, present: false, changed: true }]);
    expect(decodeNotifySlotChange(fromHex('50 0D 02'), 5)).toEqual([
      { slot: 0, present: true, changed: false },
      { slot: 1, present: true, changed: true },
      { slot: 2, present: false, changed: false },
      { slot: 3, present: false, changed: false },
      { slot: 4, present: false, changed: true },
    ]);
    expect(decodeNotifySlotChange(fromHex('51 00 01 FB'), 1)).toBeUndefined();
    expect(hex(encodeNotifySlotChange([{ slot: 0, present: true, changed: false }, { slot: 1, present: true, changed: true }]))).toBe('50 0D');
  });
});
