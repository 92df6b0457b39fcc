// A minimal test card for protocol tests (the real card images are tested elsewhere): a 3000-byte
// transparent file behind READ BINARY, GET PIN STATUS answering 63C3, everything else 6D00.
import type { SimulatedIcc } from '../../../src/transport/simulated-icc.ts';

export const G2_ATR = Uint8Array.of(0x3b, 0xd3, 0x96, 0xff, 0x81, 0xb1, 0xfe, 0x45, 0x1f, 0x07, 0x80, 0x81, 0x05, 0x2d);

export function fileByte(offset: number): number {
  return (offset * 7 + 3) & 0xff;
}

export class TestIcc implements SimulatedIcc {
  readonly received: Uint8Array[] = [];
  constructor(readonly atr: Uint8Array = G2_ATR, readonly fileSize = 3000) {}

  reset(): Uint8Array {
    return this.atr.slice();
  }

  transmit(apdu: Uint8Array): Uint8Array {
    this.received.push(apdu.slice());
    const ins = apdu[1];
    if (ins === 0xa4) return Uint8Array.of(0x90, 0x00);
    if (apdu[0] === 0x80 && ins === 0x20) return Uint8Array.of(0x63, 0xc3);
    if (ins === 0xb0) {
      const offset = (apdu[2]! & 0x7f) * 256 + apdu[3]!;
      let ne: number;
      if (apdu.length === 5) ne = apdu[4] || 256;
      else if (apdu.length === 7 && apdu[4] === 0) ne = ((apdu[5]! << 8) | apdu[6]!) || 65536;
      else return Uint8Array.of(0x67, 0x00);
      if (offset >= this.fileSize) return Uint8Array.of(0x6b, 0x00);
      const n = Math.min(ne, this.fileSize - offset);
      const out = new Uint8Array(n + 2);
      for (let i = 0; i < n; i++) out[i] = fileByte(offset + i);
      out[n] = n < ne ? 0x62 : 0x90;
      out[n + 1] = n < ne ? 0x82 : 0x00;
      return out;
    }
    return Uint8Array.of(0x6d, 0x00);
  }
}
