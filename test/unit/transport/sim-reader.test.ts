import { describe, it, expect } from 'vitest';
import { CcidReader } from '../../../src/transport/webusb-ccid/reader.ts';
import { SimulatedUsbDevice } from '../../../src/transport/simulated/simulated-usb-device.ts';
import { readerModels } from '../../../src/transport/simulated/reader-models.ts';
import { GuardedApduChannel } from '../../../src/apdu/channel.ts';
import { cardLimitsFromEfAtr } from '../../../src/apdu/card-limits.ts';
import { TestIcc, fileByte, G2_ATR } from './test-icc.ts';

const bigCard = { extendedLength: true, maxCommandLength: 1033, maxResponseLength: 32770 };

describe('simulated readers through the real CCID driver', () => {
  for (const model of readerModels) {
    it(`${model.id}: power on, SELECT, READ BINARY (short and, where possible, extended), GET PIN STATUS`, async () => {
      const device = new SimulatedUsbDevice(model);
      const icc = new TestIcc();
      device.insertCard(icc);
      const reader = await CcidReader.open(device, { kind: 'simulated', model: model.id });
      expect(reader.slots()).toEqual([{ index: 0, cardPresent: true }]);
      const connection = await reader.connect(0);
      expect(Array.from(connection.atr)).toEqual(Array.from(G2_ATR));
      const channel = new GuardedApduChannel(connection, { cardLimits: bigCard });
      const select = await channel.transmit({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: Uint8Array.of(0xd2, 0x76, 0, 1, 0x46, 1) });
      expect(select.sw).toBe(0x9000);
      const short = await channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 10, ne: 256 });
      expect(short.sw).toBe(0x9000);
      expect(short.data.length).toBe(256);
      expect(short.data[0]).toBe(fileByte(10));
      expect(short.data[255]).toBe(fileByte(265));
      const extendedExpected = reader.level !== 'short-apdu';
      expect(channel.limits.extendedLength).toBe(extendedExpected);
      if (extendedExpected) {
        const ne = Math.min(65536, channel.limits.maxResponseLength);
        const all = await channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne });
        expect(all.sw).toBe(0x6282);
        expect(all.data.length).toBe(3000);
        expect(all.data.every((b, i) => b === fileByte(i))).toBe(true);
      }
      const pin = await channel.transmit({ cla: 0x80, ins: 0x20, p1: 0, p2: 1 });
      expect(pin.sw).toBe(0x63c3);
      expect(channel.apduCount).toBe(extendedExpected ? 4 : 3);
      await reader.close();
    });
  }
});

describe('card limits from EF.ATR', () => {
  it('reads E0 of the HBA G2.1 image', () => {
    const hex = 'e01102020409020300800202020409020204095f520c806605444573696d739621f3d003040300';
    const body = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    expect(cardLimitsFromEfAtr(body)).toEqual({ maxCommandLength: 0x409, maxResponseLength: 0x8002, extendedLength: true });
  });
});
