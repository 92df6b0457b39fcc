// One test per injected fault: each ends in a clear state (reader/slot state, next command) and a
// clear message (an i18n text exists for the error code).
import { describe, it, expect } from 'vitest';
import { CcidReader, type CcidReaderOptions } from '../../../src/transport/webusb-ccid/reader.ts';
import { SimulatedUsbDevice } from '../../../src/transport/simulated/simulated-usb-device.ts';
import { GuardedApduChannel } from '../../../src/apdu/channel.ts';
import type { ReaderEvent } from '../../../src/transport/types.ts';
import { dictionaries } from '../../../src/i18n/index.ts';
import { TestIcc } from './test-icc.ts';

const readBinary = { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 } as const;

async function setup(model: string, options: CcidReaderOptions = {}) {
  const device = new SimulatedUsbDevice(model);
  const icc = new TestIcc();
  device.insertCard(icc);
  const events: ReaderEvent[] = [];
  const reader = await CcidReader.open(device, { replyTimeoutMs: 2000, ...options });
  reader.onEvent((e) => events.push(e));
  return { device, icc, reader, events };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
  const de = dictionaries.de as Record<string, string>;
  const en = dictionaries.en as Record<string, string>;
  expect(de[`reader.error.${code}`], `German text for ${code}`).toBeTruthy();
  expect(en[`reader.error.${code}`], `English text for ${code}`).toBeTruthy();
}

describe('fault: card pulled mid-read', () => {
  for (const model of ['ACS_ACR39U_ICC_Reader', 'Cherry_SmartTerminal_XX44', 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader']) {
    it(`${model}: read loop stops with card.removed, slot shows empty, event fired, connection stays dead`, async () => {
      const { device, reader, events } = await setup(model);
      const channel = new GuardedApduChannel(await reader.connect(0));
      device.injectCardFault({ kind: 'card-pulled', afterXfrBlocks: 3 });
      const read = (async () => { for (let i = 0; i < 50; i++) await channel.transmit({ ...readBinary, p2: i }); })();
      await expectCode(read, 'card.removed');
      expect(reader.slots()[0]!.cardPresent).toBe(false);
      expect(events).toContainEqual({ type: 'slot-change', slot: 0, cardPresent: false });
      await expectCode(channel.transmit(readBinary), 'card.removed');
      await expectCode(reader.connect(0), 'card.absent');
      // Put it back: the reader works again.
      device.insertCard(new TestIcc());
      await new Promise((r) => setTimeout(r, 0));
      expect(reader.slots()[0]!.cardPresent).toBe(true);
      const again = new GuardedApduChannel(await reader.connect(0));
      expect((await again.transmit(readBinary)).sw).toBe(0x9000);
      await reader.close();
    });
  }
});

describe('fault: reader unplugged mid-transfer', () => {
  it('pending transfer fails with reader.unplugged, reader-gone event, every later call fails the same way', async () => {
    const { device, reader, events } = await setup('ACS_ACR39U_ICC_Reader');
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectUsbFault({ kind: 'unplug', afterBulkTransfers: 1 });
    await expectCode(channel.transmit(readBinary), 'reader.unplugged');
    expect(events).toContainEqual({ type: 'reader-gone', code: 'reader.unplugged' });
    await expectCode(channel.transmit(readBinary), 'reader.unplugged');
    await expectCode(reader.connect(0), 'reader.unplugged');
    await reader.close(); // must not throw on a vanished device
  });
});

describe('fault: stale replies', () => {
  it('replies with an old bSeq are dropped; the right reply is used', async () => {
    const { device, reader } = await setup('SCR3310-NTTCom');
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectUsbFault({ kind: 'stale-reply', count: 2 });
    const r = await channel.transmit(readBinary);
    expect(r.sw).toBe(0x9000);
    expect(r.data.length).toBe(256);
    expect(reader.pipe.staleDropped).toBe(2);
    expect((await channel.transmit({ ...readBinary, p2: 1 })).data[0]).toBe((1 * 7 + 3) & 0xff);
    await reader.close();
  });

  it('a reply that comes after the timeout is drained by the next command (the transferIn is not forgotten)', async () => {
    const { device, reader } = await setup('Cherry_SmartTerminal_XX44', { replyTimeoutMs: 40 });
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectUsbFault({ kind: 'delay-reply', ms: 80 });
    await expectCode(channel.transmit(readBinary), 'reader.timeout');
    await new Promise((r) => setTimeout(r, 100));
    const r = await channel.transmit({ ...readBinary, p2: 5 });
    expect(r.data[0]).toBe((5 * 7 + 3) & 0xff);
    expect(reader.pipe.staleDropped).toBe(1);
    await reader.close();
  });
});

describe('fault: endpoint stall', () => {
  it('bulk-IN stall: halt cleared, reader.stall reported, the next command works (T=1 resynchronised)', async () => {
    const { device, reader } = await setup('ACS_ACR39U_ICC_Reader');
    const channel = new GuardedApduChannel(await reader.connect(0));
    expect((await channel.transmit(readBinary)).sw).toBe(0x9000);
    device.injectUsbFault({ kind: 'stall' });
    await expectCode(channel.transmit({ ...readBinary, p2: 1 }), 'reader.stall');
    const r = await channel.transmit({ ...readBinary, p2: 2 });
    expect(r.data[0]).toBe((2 * 7 + 3) & 0xff);
    // The recovery went through S(RESYNCH): its block is in the USB log.
    expect(device.log.some((m) => m.direction === 'out' && m.bytes[0] === 0x6f && m.bytes[11] === 0xc0)).toBe(true);
    await reader.close();
  });
});

describe('fault: time-extension storm', () => {
  it('TPDU reader, card sends S(WTX) forever: t1.wtxStorm, then the card answers again after RESYNCH', async () => {
    const { device, reader } = await setup('Gemalto_IDBridge_CT30', { t1: { maxWtx: 5 } });
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectCardFault({ kind: 'wtx-storm' });
    await expectCode(channel.transmit(readBinary), 't1.wtxStorm');
    device.clearFaults();
    expect((await channel.transmit(readBinary)).sw).toBe(0x9000);
    await reader.close();
  });

  it('APDU-level reader sends time extensions forever: ccid.timeExtensionStorm, next command works', async () => {
    const { device, reader } = await setup('HID_Global_OMNIKEY_3x21_Smart_Card_Reader', { maxTimeExtensions: 5 });
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectCardFault({ kind: 'wtx-storm' });
    await expectCode(channel.transmit(readBinary), 'ccid.timeExtensionStorm');
    device.clearFaults();
    expect((await channel.transmit(readBinary)).sw).toBe(0x9000);
    await reader.close();
  });

  it('a slow card (a few time extensions) is simply waited for', async () => {
    const { device, reader } = await setup('Cherry_Smart_Card_Reader_USB');
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectCardFault({ kind: 'slow-card', extensions: 3 });
    expect((await channel.transmit(readBinary)).sw).toBe(0x9000);
    expect(reader.pipe.timeExtensions).toBe(3);
    await reader.close();
  });
});

describe('fault: mute card', () => {
  it('power-on fails with card.mute; the slot still shows a card', async () => {
    const { device, reader } = await setup('ACS_ACR39U_ICC_Reader');
    device.injectCardFault({ kind: 'mute-card' });
    await expectCode(reader.connect(0), 'card.mute');
    expect(reader.slots()[0]!.cardPresent).toBe(true);
    await reader.close();
  });

  it('card goes mute mid-session at TPDU level: retransmissions and RESYNCH, then card.mute', async () => {
    const { device, reader } = await setup('SCR3310');
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectCardFault({ kind: 'mute-card' });
    await expectCode(channel.transmit(readBinary), 'card.mute');
    await reader.close();
  });
});

describe('fault: bad ATR', () => {
  it('ATR with a wrong TCK: atr.invalid, card powered off again', async () => {
    const { device, reader } = await setup('ACS_ACR39U_ICC_Reader');
    device.injectCardFault({ kind: 'bad-atr' });
    await expectCode(reader.connect(0), 'atr.invalid');
    const last = device.log.filter((m) => m.direction === 'out').at(-1)!;
    expect(last.bytes[0]).toBe(0x63); // IccPowerOff
    await reader.close();
  });
});

describe('fault: corrupted T=1 blocks', () => {
  it('two corrupted blocks from the card are recovered by R-blocks without the caller noticing', async () => {
    const { device, reader, icc } = await setup('ACS_ACR39U_ICC_Reader');
    const channel = new GuardedApduChannel(await reader.connect(0));
    device.injectCardFault({ kind: 'corrupt-blocks', count: 2 });
    expect((await channel.transmit(readBinary)).data.length).toBe(256);
    expect(icc.received.length).toBe(1); // the card executed the command once
    await reader.close();
  });
});
