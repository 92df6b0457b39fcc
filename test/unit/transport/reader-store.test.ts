// The reader store contract the card page relies on (src/ui/reader/reader-store.ts), over a
// simulated reader and the real CCID driver.
import { describe, it, expect } from 'vitest';
import { createReaderStore, readerErrorMessage } from '../../../src/ui/reader/reader-store.ts';
import { CcidReader } from '../../../src/transport/webusb-ccid/reader.ts';
import { SimulatedUsbDevice } from '../../../src/transport/simulated/simulated-usb-device.ts';
import { TransportError } from '../../../src/transport/errors.ts';
import { ApduError } from '../../../src/apdu/types.ts';
import { translate } from '../../../src/i18n/index.ts';
import { TestIcc } from './test-icc.ts';
import { openCardChannel } from '../../../src/domain/card-session/index.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

async function storeWithReader(model = 'ACS_ACR39U_ICC_Reader') {
  const store = createReaderStore();
  const device = new SimulatedUsbDevice(model);
  device.insertCard(new TestIcc());
  const reader = await CcidReader.open(device, { kind: 'simulated', model, id: 'r1', trace: (e) => store.recordTrace(e) });
  expect(store.addReader(reader)).toBe(true);
  expect(store.addReader(reader)).toBe(false);
  return { store, device, reader };
}

describe('reader store', () => {
  it('lists readers and slots, selects the slot with a card, connects; the card session channel over it is guarded and traced', async () => {
    const { store } = await storeWithReader();
    expect(store.readers().map((r) => [r.id, r.kind, r.model])).toEqual([['r1', 'simulated', 'ACS_ACR39U_ICC_Reader']]);
    expect(store.slots()).toMatchObject([{ key: 'r1#0', cardPresent: true, index: 0 }]);
    expect(store.selectedSlot()?.key).toBe('r1#0');
    const session = await store.connect();
    expect(session.atr[0]).toBe(0x3b);
    const channel = openCardChannel(session);
    expect((await channel.transmit({ cla: 0x80, ins: 0x20, p1: 0, p2: 1 })).sw).toBe(0x63c3);
    await expect(channel.transmit({ cla: 0, ins: 0x20, p1: 0, p2: 1, data: Uint8Array.of(1) })).rejects.toMatchObject({ code: 'apdu.refused' });
    expect(session.removed()).toBe(false);
    expect(store.trace().some((e) => e.layer === 'apdu' && e.note === 'GET PIN STATUS')).toBe(true);
    expect(store.trace().some((e) => e.layer === 'ccid')).toBe(true);
  });

  it('card removal: session.removed() turns true, onRemoved and onCardRemoved fire, slot shows empty; insertion bumps the generation', async () => {
    const { store, device } = await storeWithReader();
    const session = await store.connect('r1#0');
    let callback = 0;
    session.onRemoved(() => callback++);
    const removedKeys: string[] = [];
    const insertedKeys: string[] = [];
    store.onCardRemoved((k) => removedKeys.push(k));
    store.onCardInserted((k) => insertedKeys.push(k));
    const generation = store.cardGeneration('r1#0');
    const before = generation();
    device.removeCard();
    await tick();
    expect(session.removed()).toBe(true);
    expect(session.signal.aborted).toBe(true);
    expect(callback).toBe(1);
    expect(removedKeys).toEqual(['r1#0']);
    expect(store.slots()[0]!.cardPresent).toBe(false);
    await expect(store.connect('r1#0')).rejects.toMatchObject({ code: 'card.absent' });
    device.insertCard(new TestIcc());
    await tick();
    expect(insertedKeys).toEqual(['r1#0']);
    expect(generation()).toBe(before + 1);
    const again = await store.connect('r1#0');
    expect(again.removed()).toBe(false);
  });

  it('reconnecting replaces the session without reporting a removal', async () => {
    const { store } = await storeWithReader('Cherry_SmartTerminal_XX44');
    const first = await store.connect();
    let removed = 0;
    first.onRemoved(() => removed++);
    const second = await store.connect();
    expect(removed).toBe(0);
    expect(first.signal.aborted).toBe(false);
    await expect(openCardChannel(first).transmit({ cla: 0x80, ins: 0x20, p1: 0, p2: 1 })).rejects.toMatchObject({ code: 'card.disconnected' });
    expect((await openCardChannel(second).transmit({ cla: 0x80, ins: 0x20, p1: 0, p2: 1 })).sw).toBe(0x63c3);
  });

  it('reader unplugged: reader leaves the list, open sessions end as removed', async () => {
    const { store, device, reader } = await storeWithReader();
    device.onUnplug = () => reader.handleDisconnect('reader.unplugged');
    const session = await store.connect();
    device.unplug();
    await tick();
    expect(store.readers()).toEqual([]);
    expect(session.removed()).toBe(true);
  });

  it('every error becomes an i18n key with text in both languages', () => {
    for (const error of [new TransportError('card.mute', 'x'), new ApduError('apdu.refused', 'y'), new Error('boom')]) {
      const m = readerErrorMessage(error);
      for (const locale of ['de', 'en'] as const) {
        const text = translate(locale, m.key, m.params);
        expect(text).not.toBe(m.key);
        expect(text).not.toMatch(/\{\{/);
      }
    }
    expect(readerErrorMessage(new Error('boom')).key).toBe('reader.error.unknown');
  });
});
