// The ISO 7816 model: each builder against the byte string written by hand from ISO/IEC 7816-4 §5.1
// (header, Lc, data, Le) and gemSpec_COS (GET PIN STATUS); every builder passes the allow-list, VERIFY
// does not; the simulated card and the reader share the one status-word table.
import { describe, it, expect } from 'vitest';
import {
  getPinStatus, getResponse, readBinaryAt, readBinarySfi, readRecordSfi, selectAid, selectRoot, SW, retriesOf, swRetriesLeft, swLength,
} from '../../../src/transport/iso7816.ts';
import { encodeCommand } from '../../../src/apdu/codec.ts';
import { checkAllowed } from '../../../src/apdu/allow-list.ts';
import { SW as simulatorSw } from '../../../src/transport/simulated/card-image/icc.ts';

const bytes = (h: string) => Uint8Array.from(h.replace(/\s/g, '').match(/../g)!.map((b) => parseInt(b, 16)));

describe('ISO 7816 command builders', () => {
  const cases: [string, ReturnType<typeof selectRoot>, string, string][] = [
    ['SELECT root with FCP', selectRoot(), '00 A4 04 04 00', 'SELECT'],
    ['SELECT DF by AID', selectAid(bytes('D27600014601')), '00 A4 04 0C 06 D2 76 00 01 46 01', 'SELECT'],
    ['READ BINARY by SFI 1D', readBinarySfi(0x1d, 256), '00 B0 9D 00 00', 'READ BINARY'],
    ['READ BINARY at offset 0123', readBinaryAt(0x0123, 0x10), '00 B0 01 23 10', 'READ BINARY'],
    ['READ RECORD 2 of SFI 1E', readRecordSfi(2, 0x1e, 256), '00 B2 02 F4 00', 'READ RECORD'],
    ['GET RESPONSE', getResponse(0x20), '00 C0 00 00 20', 'GET RESPONSE'],
    ['GET PIN STATUS 81', getPinStatus(0x81), '80 20 00 81', 'GET PIN STATUS'],
  ];
  for (const [label, command, wire, name] of cases) {
    it(`${label} = ${wire}, allowed as ${name}`, () => {
      expect(encodeCommand(command, { allowExtended: false })).toEqual(bytes(wire));
      expect(checkAllowed(command)).toEqual({ allowed: true, name });
    });
  }

  it('refuses what the encoding cannot carry', () => {
    expect(() => readBinarySfi(31, 256)).toThrow(RangeError);
    expect(() => readBinarySfi(0, 256)).toThrow(RangeError);
    expect(() => readBinaryAt(0x8000, 1)).toThrow(RangeError);
    expect(() => readRecordSfi(1, 31, 256)).toThrow(RangeError);
  });

  it('VERIFY (00 20 with a PIN) is not GET PIN STATUS and is refused', () => {
    expect(checkAllowed({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x81, data: bytes('2612345FFFFFFFFF') }).allowed).toBe(false);
    expect(checkAllowed({ ...getPinStatus(0x01), data: bytes('2612345FFFFFFFFF') }).allowed).toBe(false);
  });
});

describe('status words', () => {
  it('the simulated card answers with the same table the reader interprets', () => {
    expect(simulatorSw).toBe(SW);
  });
  it('named values are ISO 7816-4 / gemSpec_COS values', () => {
    expect(SW.SECURITY_STATUS_NOT_SATISFIED).toBe(0x6982);
    expect(SW.FILE_NOT_FOUND).toBe(0x6a82);
    expect(SW.TRANSPORT_PIN).toBe(0x62c1);
    expect(SW.OFFSET_TOO_BIG).toBe(0x6b00);
  });
  it('63Cx and 61xx/6Cxx carry numbers', () => {
    expect(swRetriesLeft(2)).toBe(0x63c2);
    expect(retriesOf(0x63c2)).toBe(2);
    expect(retriesOf(0x63c0)).toBe(0);
    expect(retriesOf(0x6982)).toBeNull();
    expect(swLength(0x6100)).toBe(256);
    expect(swLength(0x6c1f)).toBe(31);
  });
});
