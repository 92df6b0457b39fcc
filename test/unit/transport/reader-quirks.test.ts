// The reader-quirks table against the libccid descriptor dumps (the independent source), and the three
// readers of the table: chooser filters, the WebUSB reader's naming, the simulated descriptors.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readerQuirks, quirksFor, readersWithQuirk, usbIdKey } from '../../../src/transport/reader-quirks.ts';
import { ccidDeviceFilters } from '../../../src/transport/webusb-ccid/webusb.ts';
import { readerModels } from '../../../src/transport/simulated/reader-models.ts';
import { SimulatedUsb } from '../../../src/transport/simulated/simulated-usb.ts';
import { SimulatedUsbDevice } from '../../../src/transport/simulated/simulated-usb-device.ts';

const dir = join(__dirname, '../../fixtures/ccid-readers');
const dumps = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(dir, f), 'latin1'));
const hexField = (t: string, n: string) => parseInt(new RegExp(`^\\s*${n}:\\s*(\\S+)`, 'm').exec(t)![1]!, 16);

describe('reader quirks', () => {
  it('keys are VVVV:PPPP upper-case hex', () => {
    expect(usbIdKey(0x0c4b, 0x500)).toBe('0C4B:0500');
    for (const key of Object.keys(readerQuirks)) expect(key).toMatch(/^[0-9A-F]{4}:[0-9A-F]{4}$/);
  });

  it('vendor-class CCID exactly for the dumps whose CCID interface is class 0xFF', () => {
    const fromDumps = dumps.filter((t) => hexField(t, 'bInterfaceClass') === 0xff)
      .map((t) => usbIdKey(hexField(t, 'idVendor'), hexField(t, 'idProduct'))).sort();
    expect(fromDumps.length).toBeGreaterThan(0);
    expect(readersWithQuirk('vendorClassCcid').map((r) => usbIdKey(r.vendorId, r.productId)).sort()).toEqual(fromDumps);
  });

  it('the chooser filters list every vendor-class reader of the table, and no broad 0xFF filter', () => {
    for (const r of readersWithQuirk('vendorClassCcid')) {
      expect(ccidDeviceFilters).toContainEqual({ vendorId: r.vendorId, productId: r.productId, classCode: 0xff });
    }
    expect(ccidDeviceFilters.filter((f) => f.classCode === 0xff && f.vendorId === undefined)).toEqual([]);
  });

  it('the simulated chooser offers each vendor-class model through those filters', async () => {
    for (const model of readerModels.filter((m) => m.interfaceClass === 0xff)) {
      const usb = new SimulatedUsb();
      usb.plug(new SimulatedUsbDevice(model.id));
      const device = await usb.requestDevice({ filters: ccidDeviceFilters });
      expect(device.productId).toBe(model.productId);
    }
  });

  it('a reader without a row has no quirks', () => {
    expect(quirksFor(0x072f, 0xb100)).toEqual({ name: '' });
  });
});
