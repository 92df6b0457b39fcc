import { describe, it, expect } from 'vitest';
import { parseAtr, chooseProtocol } from '../../../src/transport/webusb-ccid/atr.ts';
import { fromHex, hex } from '../../../src/transport/bytes.ts';

describe('ATR parsing (ISO/IEC 7816-3 §8)', () => {
  it('G2 health card ATR from the field: T=1, IFSC 254, BWI 4 CWI 5, LRC, TC1 FF', () => {
    const atr = parseAtr(fromHex('3B D3 96 FF 81 B1 FE 45 1F 07 80 81 05 2D'));
    expect(atr.convention).toBe('direct');
    expect(atr.protocols).toEqual([1, 15]);
    expect(atr.findexDindex).toBe(0x96);
    expect(atr.extraGuardTime).toBe(0xff);
    expect(atr.t1).toEqual({ ifsc: 254, bwi: 4, cwi: 5, crc: false, waitingIntegers: 0x45 });
    expect(hex(atr.historical)).toBe('80 81 05');
    expect(atr.tck).toBe(0x2d);
    expect(chooseProtocol(atr, 0x3)).toBe(1);
  });

  it('T=0-only ATR needs no TCK; defaults apply (Fd/Dd, WI 10)', () => {
    const atr = parseAtr(fromHex('3B 02 14 50'));
    expect(atr.protocols).toEqual([0]);
    expect(atr.findexDindex).toBe(0x11);
    expect(atr.t0.waitingInteger).toBe(10);
    expect(atr.tck).toBeUndefined();
    expect(chooseProtocol(atr, 0x3)).toBe(0);
    expect(chooseProtocol(atr, 0x2)).toBeUndefined();
  });

  it('T=1 with CRC (TC3 bit 0) and default IFSC 32 when TA3 is absent', () => {
    // TS T0(TD1) TD1(TD2,T=1) TD2(TC3,T=1) TC3=01 TCK
    const body = [0x3b, 0x80, 0x81, 0x41, 0x01];
    const tck = body.slice(1).reduce((a, b) => a ^ b, 0);
    const atr = parseAtr(Uint8Array.from([...body, tck]));
    expect(atr.t1.crc).toBe(true);
    expect(atr.t1.ifsc).toBe(32);
    expect(atr.t1.bwi).toBe(4);
    expect(atr.t1.cwi).toBe(13);
  });

  it('specific mode (TA2) decides the protocol', () => {
    // T0=0x90 (TA1, TD1), TA1 11, TD1 11 (TA2 follows, T=1), TA2 = 01 (specific mode T=1)
    const body = [0x3b, 0x90, 0x11, 0x11, 0x01];
    const atr = parseAtr(Uint8Array.from([...body, body.slice(1).reduce((a, b) => a ^ b, 0)]));
    expect(atr.specificModeProtocol).toBe(1);
    expect(chooseProtocol(atr, 0x3)).toBe(1);
  });

  it.each([
    ['wrong TS', '3C 00'],
    ['TCK mismatch', '3B D3 96 FF 81 B1 FE 45 1F 07 80 81 05 2C'],
    ['truncated interface bytes', '3B D3 96'],
    ['missing historical bytes', '3B 05 01 02'],
    ['missing TCK', '3B 80 01'],
    ['trailing bytes', '3B 00 00'],
    ['reserved IFSC FF', '3B 80 81 31 FF 45 00'],
    ['too short', '3B'],
  ])('rejects a bad ATR: %s', (_why, bytes) => {
    expect(() => parseAtr(fromHex(bytes))).toThrow(expect.objectContaining({ code: 'atr.invalid' }));
  });
});
