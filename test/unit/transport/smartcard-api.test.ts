import { describe, it, expect } from 'vitest';
import { SmartCardReaders, SmartCardApiReader, smartCardError } from '../../../src/transport/smartcard-api/smartcard-readers.ts';
import { GuardedApduChannel } from '../../../src/apdu/channel.ts';
import type { ReaderEvent } from '../../../src/transport/types.ts';
import { SimulatedSmartCard as FakeSmartCard } from '../../../src/transport/simulated/simulated-smartcard.ts';
import { TestIcc, G2_ATR, fileByte } from './test-icc.ts';
import { hex } from '../../../src/transport/bytes.ts';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
};

describe('Web Smart Card API transport (fake navigator.smartCard)', () => {
  it('lists readers, reports card presence, connects, transmits through the guarded channel', async () => {
    const fake = new FakeSmartCard();
    fake.addReader('Cherry SmartTerminal ST-2xxx 00 00', new TestIcc());
    fake.addReader('REINER SCT cyberJack one 00 00');
    const found: SmartCardApiReader[] = [];
    const manager = new SmartCardReaders(fake, { onReader: (r) => found.push(r), onError: (e) => { throw e; }, pollTimeoutMs: 50 });
    await manager.start();
    expect(found.map((r) => r.name)).toEqual(['Cherry SmartTerminal ST-2xxx 00 00', 'REINER SCT cyberJack one 00 00']);
    expect(found.map((r) => r.slots()[0]!.cardPresent)).toEqual([true, false]);
    const connection = await found[0]!.connect(0);
    expect(hex(connection.atr)).toBe(hex(G2_ATR));
    expect(connection.protocol).toBe('T=1');
    const channel = new GuardedApduChannel(connection,
      { cardLimits: { extendedLength: true, maxCommandLength: 1033, maxResponseLength: 32770 } });
    const r = await channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 3000 });
    expect(r.data.length).toBe(3000);
    expect(r.data[2999]).toBe(fileByte(2999));
    // VERIFY never reaches PC/SC
    await expect(channel.transmit({ cla: 0, ins: 0x20, p1: 0, p2: 1, data: Uint8Array.of(0x26, 0x12, 0x34) })).rejects.toMatchObject({ code: 'apdu.refused' });
    expect(fake.transmitted.length).toBe(1);
    await expect(found[1]!.connect(0)).rejects.toMatchObject({ code: 'card.absent' });
    manager.stop();
  });

  it('follows insertion, removal and reader unplugging', async () => {
    const fake = new FakeSmartCard();
    fake.addReader('R1');
    const found: SmartCardApiReader[] = [];
    const manager = new SmartCardReaders(fake, { onReader: (r) => found.push(r), onError: () => {}, pollTimeoutMs: 50 });
    await manager.start();
    const reader = found[0]!;
    const events: ReaderEvent[] = [];
    reader.onEvent((e) => events.push(e));
    fake.insert('R1', new TestIcc());
    await until(() => reader.slots()[0]!.cardPresent);
    const connection = await reader.connect(0);
    fake.remove('R1');
    await expect(connection.transmit(Uint8Array.of(0x80, 0x20, 0, 1))).rejects.toMatchObject({ code: 'card.removed' });
    expect(reader.slots()[0]!.cardPresent).toBe(false);
    fake.addReader('R2', new TestIcc());
    await until(() => found.length === 2);
    fake.removeReader('R1');
    await until(() => events.some((e) => e.type === 'reader-gone'));
    expect(events).toContainEqual({ type: 'slot-change', slot: 0, cardPresent: true });
    expect(events).toContainEqual({ type: 'slot-change', slot: 0, cardPresent: false });
    manager.stop();
  });

  it('maps PC/SC response codes to transport codes', () => {
    const e = (responseCode: string) => smartCardError(Object.assign(new Error('x'), { responseCode })).code;
    expect(e('removed-card')).toBe('card.removed');
    expect(e('no-smartcard')).toBe('card.absent');
    expect(e('unresponsive-card')).toBe('card.mute');
    expect(e('reader-unavailable')).toBe('reader.unplugged');
    expect(e('sharing-violation')).toBe('reader.busy');
    expect(e('server-too-busy')).toBe('pcsc.error');
  });
});
