import { describe, it, expect } from 'vitest';
import type { CommandApdu } from '../../../src/apdu/types.ts';
import { encodeCommand, decodeCommand, decodeResponse, apduCase } from '../../../src/apdu/codec.ts';
import { fromHex, hex } from '../../../src/transport/bytes.ts';

const head = { cla: 0x00, ins: 0xb0, p1: 0x81, p2: 0x00 };

describe('command APDU encoding (ISO/IEC 7816-3 §12.1.3)', () => {
  it.each([
    ['case 1', { ...head }, '00 B0 81 00', false],
    ['case 2S Ne 16', { ...head, ne: 16 }, '00 B0 81 00 10', false],
    ['case 2S Ne 256 → Le 00', { ...head, ne: 256 }, '00 B0 81 00 00', false],
    ['case 3S', { ...head, data: fromHex('3F00') }, '00 B0 81 00 02 3F 00', false],
    ['case 4S', { ...head, data: fromHex('3F00'), ne: 256 }, '00 B0 81 00 02 3F 00 00', false],
    ['case 2E Ne 65536 → Le 00 00 00', { ...head, ne: 65536 }, '00 B0 81 00 00 00 00', true],
    ['case 2E Ne 1000', { ...head, ne: 1000 }, '00 B0 81 00 00 03 E8', true],
    ['case 3E', { ...head, data: new Uint8Array(300) }, `00 B0 81 00 00 01 2C ${Array(300).fill('00').join(' ')}`, true],
    ['case 4E', { ...head, data: fromHex('01'), ne: 65536 }, '00 B0 81 00 00 00 01 01 00 00', 'forced'],
  ] as [string, CommandApdu, string, boolean | 'forced'][])('%s', (_name, command, expected, extended) => {
    const bytes = encodeCommand(command, extended === 'forced' ? { extended: true } : { allowExtended: extended });
    expect(hex(bytes)).toBe(expected);
    const back = decodeCommand(bytes);
    expect(back.extended).toBe(extended !== false);
    expect(back.command.ne).toBe(command.ne);
    expect(hex(back.command.data ?? new Uint8Array(0))).toBe(hex(command.data ?? new Uint8Array(0)));
  });

  it('needs permission for extended length', () => {
    expect(() => encodeCommand({ ...head, ne: 257 })).toThrow(expect.objectContaining({ code: 'apdu.extendedNotAvailable' }));
    expect(() => encodeCommand({ ...head, data: new Uint8Array(256) })).toThrow(expect.objectContaining({ code: 'apdu.extendedNotAvailable' }));
  });

  it('refuses bad header bytes and Ne', () => {
    expect(() => encodeCommand({ ...head, cla: 256 })).toThrow(expect.objectContaining({ code: 'apdu.malformed' }));
    expect(() => encodeCommand({ ...head, ne: 0 })).toThrow(/Ne/);
    expect(() => encodeCommand({ ...head, ne: 65537 }, { allowExtended: true })).toThrow(/Ne/);
  });

  it('apduCase', () => {
    expect(apduCase(head)).toBe(1);
    expect(apduCase({ ...head, ne: 1 })).toBe(2);
    expect(apduCase({ ...head, data: fromHex('01') })).toBe(3);
    expect(apduCase({ ...head, data: fromHex('01'), ne: 1 })).toBe(4);
  });

  it.each([
    ['too short', '00 B0 00'],
    ['Lc longer than data', '00 A4 04 0C 05 01 02'],
    ['extended Lc 0', '00 A4 04 0C 00 00 00 01'],
    ['truncated extended', '00 B0 00 00 00 01'],
  ])('decode refuses malformed command: %s', (_n, bytes) => {
    expect(() => decodeCommand(fromHex(bytes))).toThrow(expect.objectContaining({ code: 'apdu.malformed' }));
  });
});

describe('response APDU', () => {
  it('splits data and SW', () => {
    expect(decodeResponse(fromHex('01 02 90 00'))).toEqual({ data: fromHex('0102'), sw: 0x9000 });
    expect(decodeResponse(fromHex('6A 82'))).toEqual({ data: new Uint8Array(0), sw: 0x6a82 });
    expect(() => decodeResponse(fromHex('90'))).toThrow(expect.objectContaining({ code: 'apdu.responseMalformed' }));
  });
});
