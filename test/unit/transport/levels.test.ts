// Exchange levels byte-exact: extended-APDU chaining with wLevelParameter/bChainParameter, T=0
// TPDUs with 61xx/6Cxx, multi-slot readers, GetSlotStatus polling when interrupt-IN fails.
import { describe, it, expect } from 'vitest';
import { CcidReader } from '../../../src/transport/webusb-ccid/reader.ts';
import { SimulatedUsbDevice } from '../../../src/transport/simulated/simulated-usb-device.ts';
import { readerModel } from '../../../src/transport/simulated/reader-models.ts';
import { transceiveT0 } from '../../../src/transport/webusb-ccid/t0.ts';
import { fromHex, hex } from '../../../src/transport/bytes.ts';
import { TestIcc, fileByte } from './test-icc.ts';

const level = (m: Uint8Array) => m[8]! | (m[9]! << 8);

describe('extended APDU level (REINER SCT cyberJack one, dwMaxCCIDMessageLength 1014)', () => {
  it('a 3000-byte response arrives in chained DataBlocks (bChainParameter 01, 03, 02) fetched with wLevelParameter 0010', async () => {
    const device = new SimulatedUsbDevice('ReinerSCT_cyberJack_one');
    device.insertCard(new TestIcc());
    const reader = await CcidReader.open(device);
    expect(reader.level).toBe('extended-apdu');
    const connection = await reader.connect(0);
    device.log.length = 0;
    const response = await connection.transmit(fromHex('00 B0 00 00 00 00 00'));
    expect(response.length).toBe(3002);
    expect(response.subarray(0, 3000).every((b, i) => b === fileByte(i))).toBe(true);
    const out = device.log.filter((m) => m.direction === 'out').map((m) => m.bytes);
    const inn = device.log.filter((m) => m.direction === 'in').map((m) => m.bytes);
    expect(out.map(level)).toEqual([0x0000, 0x0010, 0x0010]);
    expect(out.slice(1).every((m) => m.length === 10)).toBe(true);
    expect(inn.map((m) => m[9])).toEqual([0x01, 0x03, 0x02]);
    expect(inn.map((m) => m.length - 10)).toEqual([1004, 1004, 994]);
    await reader.close();
  });

  it('a 2007-byte command is sent in two XfrBlocks (wLevelParameter 0001 then 0002)', async () => {
    const device = new SimulatedUsbDevice('ReinerSCT_cyberJack_one');
    const icc = new TestIcc();
    device.insertCard(icc);
    const reader = await CcidReader.open(device);
    const connection = await reader.connect(0);
    device.log.length = 0;
    const data = new Uint8Array(2000).map((_, i) => i & 0xff);
    const apdu = Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x00, 0x07, 0xd0, ...data]);
    expect(hex(await connection.transmit(apdu))).toBe('90 00');
    const out = device.log.filter((m) => m.direction === 'out').map((m) => m.bytes);
    expect(out.map(level)).toEqual([0x0001, 0x0002]);
    expect(out.map((m) => m.length - 10)).toEqual([1004, 1003]);
    expect(device.log.filter((m) => m.direction === 'in')[0]!.bytes[9]).toBe(0x10);
    expect(hex(icc.received.at(-1)!)).toBe(hex(apdu));
    await reader.close();
  });
});

describe('short APDU level', () => {
  it('refuses extended APDUs before they reach the reader', async () => {
    const device = new SimulatedUsbDevice('Cherry_SmartTerminal_XX44');
    device.insertCard(new TestIcc());
    const reader = await CcidReader.open(device);
    const connection = await reader.connect(0);
    expect(connection.limits.extendedLength).toBe(false);
    await expect(connection.transmit(new Uint8Array(300))).rejects.toMatchObject({ code: 'apdu.tooLong' });
    await reader.close();
  });
});

describe('TPDU level with T=1', () => {
  it('SetParameters from the ATR, S(IFS) with IFSD = dwMaxIFSD when the reader lacks automatic IFSD', async () => {
    const device = new SimulatedUsbDevice('ACS_ACR39U_ICC_Reader');
    device.insertCard(new TestIcc());
    const reader = await CcidReader.open(device);
    device.log.length = 0;
    await reader.connect(0);
    const out = device.log.filter((m) => m.direction === 'out').map((m) => hex(m.bytes));
    expect(out[0]).toBe('62 00 00 00 00 00 01 01 00 00'); // IccPowerOn seq 1 (after GetSlotStatus), 5 V: no automatic voltage selection
    expect(out[1]).toBe('61 07 00 00 00 00 02 01 00 00 96 10 FF 45 00 FE 00');
    expect(out[2]).toBe('6F 05 00 00 00 00 03 00 00 00 00 C1 01 F7 37'); // S(IFS request 247)
  });
});

describe('T=0 TPDUs', () => {
  function script(pairs: [string, string][]) {
    const queue = [...pairs];
    return async (tpdu: Uint8Array) => {
      const [expectTpdu, answer] = queue.shift()!;
      expect(hex(tpdu)).toBe(hex(fromHex(expectTpdu)));
      return fromHex(answer);
    };
  }
  it('case 1 sends P3 = 00', async () => {
    expect(hex(await transceiveT0(fromHex('80 20 00 01'), script([['80 20 00 01 00', '63 C3']])))).toBe('63 C3');
  });
  it('case 2 with 6Cxx: repeated with the corrected P3', async () => {
    expect(hex(await transceiveT0(fromHex('00 B0 00 00 00'), script([['00 B0 00 00 00', '6C 02'], ['00 B0 00 00 02', 'AA BB 90 00']])))).toBe('AA BB 90 00');
  });
  it('case 4: Le not sent, 61xx answered by GET RESPONSE (class echoed)', async () => {
    const r = await transceiveT0(fromHex('00 A4 04 04 02 3F 00 00'), script([['00 A4 04 04 02 3F 00', '61 03'], ['00 C0 00 00 03', '62 01 82 90 00']]));
    expect(hex(r)).toBe('62 01 82 90 00');
  });
  it('bClassGetResponse overrides the class of GET RESPONSE', async () => {
    await transceiveT0(fromHex('80 CA 00 00 00'), script([['80 CA 00 00 00', '61 01'], ['00 C0 00 00 01', '01 90 00']]), 0x00);
  });
  it('extended APDUs cannot travel over T=0', async () => {
    await expect(transceiveT0(fromHex('00 B0 00 00 00 01 00'), script([]))).rejects.toMatchObject({ code: 'apdu.tooLong' });
  });
});

describe('slots', () => {
  it('multi-slot reader: presence per slot from GetSlotStatus and NotifySlotChange', async () => {
    const base = readerModel('Gemalto_IDBridge_CT30')!;
    const device = new SimulatedUsbDevice({ ...base, id: 'two-slot', ccid: { ...base.ccid, maxSlotIndex: 1 } });
    device.insertCard(new TestIcc(), 1);
    const reader = await CcidReader.open(device);
    expect(reader.slots()).toEqual([{ index: 0, cardPresent: false }, { index: 1, cardPresent: true }]);
    const events: unknown[] = [];
    reader.onEvent((e) => events.push(e));
    device.insertCard(new TestIcc(), 0);
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual([{ type: 'slot-change', slot: 0, cardPresent: true }]);
    const c1 = await reader.connect(1);
    const c0 = await reader.connect(0);
    expect(hex(await c1.transmit(fromHex('80 20 00 01')))).toBe('63 C3');
    expect(hex(await c0.transmit(fromHex('80 20 00 01')))).toBe('63 C3');
    device.removeCard(1);
    await new Promise((r) => setTimeout(r, 0));
    await expect(c1.transmit(fromHex('80 20 00 01'))).rejects.toMatchObject({ code: 'card.removed' });
    expect(hex(await c0.transmit(fromHex('80 20 00 01')))).toBe('63 C3');
    await reader.close();
  });

  it('interrupt-IN broken: GetSlotStatus polling notices insertion and removal', async () => {
    const device = new SimulatedUsbDevice('SCR3310');
    device.injectUsbFault({ kind: 'interrupt-broken' });
    const reader = await CcidReader.open(device, { pollIntervalMs: 5 });
    expect(reader.slots()[0]!.cardPresent).toBe(false);
    const seen = new Promise((resolve) => reader.onEvent((e) => { if (e.type === 'slot-change' && e.cardPresent) resolve(e); }));
    device.insertCard(new TestIcc());
    await seen;
    expect(reader.slots()[0]!.cardPresent).toBe(true);
    await reader.close();
  });
});

describe('speed negotiation', () => {
  it('reader without automatic PPS (Gemalto IDBridge CT30): we send PPS FF 11 96 78, the card echoes, SetParameters uses TA1', async () => {
    const device = new SimulatedUsbDevice('Gemalto_IDBridge_CT30');
    device.insertCard(new TestIcc());
    const reader = await CcidReader.open(device);
    device.log.length = 0;
    await reader.connect(0);
    const out = device.log.filter((m) => m.direction === 'out').map((m) => hex(m.bytes));
    expect(out[1]).toBe('6F 04 00 00 00 00 02 00 00 00 FF 11 96 78');
    expect(out[2]).toBe('61 07 00 00 00 00 03 01 00 00 96 10 FF 45 00 FE 00');
  });

  it('reader with automatic PPS (ACR39U): no PPS from us', async () => {
    const device = new SimulatedUsbDevice('ACS_ACR39U_ICC_Reader');
    device.insertCard(new TestIcc());
    const reader = await CcidReader.open(device);
    device.log.length = 0;
    await reader.connect(0);
    expect(device.log.some((m) => m.direction === 'out' && m.bytes[10] === 0xff && m.bytes[0] === 0x6f)).toBe(false);
  });
});
