// The simulated readers are the real ones: every field of reader-models.ts is checked against the
// libccid descriptor dumps, and the raw descriptors we build parse back to the same values.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readerModels } from '../../../src/transport/simulated/reader-models.ts';
import { quirksFor } from '../../../src/transport/reader-quirks.ts';
import { configurationDescriptor, encodeCcidClassDescriptor } from '../../../src/transport/simulated/usb-descriptors.ts';
import { parseConfigurationDescriptor, findCcidInterface, exchangeLevel, parseCcidClassDescriptor } from '../../../src/transport/webusb-ccid/descriptors.ts';

const dir = join(__dirname, '../../fixtures/ccid-readers');
const dumps = readdirSync(dir).filter((f) => f.endsWith('.txt'));

function field(text: string, name: string): string {
  const m = new RegExp(`^\\s*${name}:\\s*(.*)$`, 'm').exec(text);
  if (!m) throw new Error(`${name} missing`);
  return m[1]!.trim();
}
const hexField = (t: string, n: string) => parseInt(field(t, n).split(/\s/)[0]!, 16);
const intField = (t: string, n: string) => parseInt(field(t, n).split(/\s/)[0]!, 10);
const bcd = (s: string) => { const [a, b] = s.split(/\s/)[0]!.split('.'); return parseInt(a!, 16) * 256 + parseInt(b!, 16); };
const clock = (s: string) => Math.round(parseFloat(s) * 1000);

describe('reader models = libccid descriptor dumps', () => {
  it('one model per dump, ids are the file names', () => {
    expect(readerModels.map((m) => m.id).sort()).toEqual(dumps.map((f) => f.replace(/\.txt$/, '')).sort());
  });

  for (const file of dumps) {
    it(`${file}: every descriptor field matches`, () => {
      const t = readFileSync(join(dir, file), 'latin1');
      const model = readerModels.find((m) => `${m.id}.txt` === file)!;
      expect(model.vendorId).toBe(hexField(t, 'idVendor'));
      expect(model.productId).toBe(hexField(t, 'idProduct'));
      expect(model.product).toBe(field(t, 'iProduct'));
      expect(model.manufacturer).toBe(field(t, 'iManufacturer'));
      expect(model.bcdDevice).toBe(bcd(field(t, 'bcdDevice')));
      expect(model.interfaceClass).toBe(hexField(t, 'bInterfaceClass'));
      const [hi, lo] = field(t, 'dwProtocols').split(/\s+/);
      const c = model.ccid;
      expect(c).toEqual({
        bcdCCID: bcd(field(t, 'bcdCCID')),
        maxSlotIndex: hexField(t, 'bMaxSlotIndex'),
        voltageSupport: hexField(t, 'bVoltageSupport'),
        protocols: (parseInt(hi!, 16) << 16) | parseInt(lo!, 16),
        defaultClock: clock(field(t, 'dwDefaultClock')),
        maximumClock: clock(field(t, 'dwMaximumClock')),
        numClockSupported: intField(t, 'bNumClockSupported'),
        dataRate: intField(t, 'dwDataRate'),
        maxDataRate: intField(t, 'dwMaxDataRate'),
        numDataRatesSupported: intField(t, 'bNumDataRatesSupported'),
        maxIFSD: intField(t, 'dwMaxIFSD'),
        synchProtocols: hexField(t, 'dwSynchProtocols'),
        mechanical: hexField(t, 'dwMechanical'),
        features: hexField(t, 'dwFeatures'),
        maxCCIDMessageLength: intField(t, 'dwMaxCCIDMessageLength'),
        classGetResponse: hexField(t, 'bClassGetResponse'),
        classEnvelope: hexField(t, 'bClassEnvelope'),
        lcdLayout: hexField(t, 'wLcdLayout'),
        pinSupport: hexField(t, 'bPINSupport'),
        maxCCIDBusySlots: intField(t, 'bMaxCCIDBusySlots'),
      });
      // The dump's own reading of dwFeatures names the exchange level.
      const level = exchangeLevel(c);
      if (/TPDU level exchange/.test(t)) expect(level).toBe('tpdu');
      if (/Short APDU level exchange/.test(t)) expect(level).toBe('short-apdu');
      if (/Short and Extended APDU level exchange/.test(t)) expect(level).toBe('extended-apdu');
    });
  }
});

describe('USB descriptor parsing', () => {
  for (const model of readerModels) {
    it(`${model.id}: raw configuration descriptor parses back to the model (class descriptor ${quirksFor(model.vendorId, model.productId).classDescriptorAfterEndpoints ? 'after' : 'before'} the endpoints)`, () => {
      const raw = configurationDescriptor(model);
      expect(raw[2]! | (raw[3]! << 8)).toBe(raw.length);
      const found = findCcidInterface(parseConfigurationDescriptor(raw));
      expect(found).toBeDefined();
      expect(found!.ccid).toEqual(model.ccid);
      expect(found!.interface.interfaceClass).toBe(model.interfaceClass);
      expect(found!.bulkIn.number).toBe(2);
      expect(found!.bulkOut.number).toBe(2);
      expect(found!.interruptIn?.number).toBe(3);
      const ccidAt = Array.from(raw).findIndex((b, i) => b === 0x36 && raw[i + 1] === 0x21);
      const lastEndpointAt = Array.from(raw).findLastIndex((b, i) => b === 7 && raw[i + 1] === 5);
      expect(ccidAt > lastEndpointAt).toBe(quirksFor(model.vendorId, model.productId).classDescriptorAfterEndpoints === true);
    });
  }

  it('class descriptor offsets (little-endian) per CCID §5.1', () => {
    const model = readerModels.find((m) => m.id === 'ReinerSCT_cyberJack_RFID_standard')!;
    const d = encodeCcidClassDescriptor(model.ccid);
    expect(d.length).toBe(54);
    expect([d[0], d[1]]).toEqual([0x36, 0x21]);
    expect([d[2], d[3]]).toEqual([0x00, 0x10]); // bcdCCID 10.00
    expect([d[40], d[41], d[42], d[43]]).toEqual([0x30, 0x00, 0x01, 0x00]); // dwFeatures 0x00010030
    expect([d[44], d[45], d[46], d[47]]).toEqual([0x0a, 0x14, 0x00, 0x00]); // 5130
    expect(parseCcidClassDescriptor(d)).toEqual(model.ccid);
  });

  it('ignores a HID descriptor (also type 0x21) and interfaces without bulk endpoints', () => {
    const hidInterface = [9, 4, 0, 0, 1, 0x03, 0, 0, 0, 9, 0x21, 0x11, 0x01, 0, 1, 0x22, 0x40, 0, 7, 5, 0x81, 3, 8, 0, 10];
    const total = 9 + hidInterface.length;
    const raw = Uint8Array.from([9, 2, total, 0, 1, 1, 0, 0x80, 50, ...hidInterface]);
    expect(findCcidInterface(parseConfigurationDescriptor(raw))).toBeUndefined();
  });

  it('rejects a broken descriptor with a clear code', () => {
    expect(() => parseConfigurationDescriptor(Uint8Array.of(9, 2, 20, 0, 1, 1, 0, 0x80, 50, 0, 4))).toThrow(expect.objectContaining({ code: 'reader.unsupported' }));
    expect(() => parseConfigurationDescriptor(Uint8Array.of(1, 2, 3))).toThrow(/configuration descriptor/);
  });
});
