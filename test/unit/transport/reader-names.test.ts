// Two readers of one model must be told apart in the slot list and on the printed ticket (issue 12):
// the store numbers the second and later ones and keeps a name while its reader stays attached.
import { describe, it, expect } from 'vitest';
import { createReaderStore } from '../../../src/ui/reader/reader-store.ts';
import { CcidReader } from '../../../src/transport/webusb-ccid/reader.ts';
import { SimulatedUsbDevice } from '../../../src/transport/simulated/simulated-usb-device.ts';

const open = (model: string, id: string) => CcidReader.open(new SimulatedUsbDevice(model), { kind: 'simulated', model, id });

describe('reader names', () => {
  it('a second and third reader of one model get (2), (3); a freed number is reused; others keep their own name', async () => {
    const store = createReaderStore();
    const a = await open('ACS_ACR39U_ICC_Reader', 'a');
    const b = await open('ACS_ACR39U_ICC_Reader', 'b');
    const c = await open('ACS_ACR39U_ICC_Reader', 'c');
    const other = await open('Cherry_SmartTerminal_XX44', 'x');
    expect(a.name).toBe(b.name); // the driver reports the same product name for both
    for (const r of [a, b, c, other]) store.addReader(r);
    const names = () => store.readers().map((r) => r.name);
    expect(names()).toEqual([a.name, `${a.name} (2)`, `${a.name} (3)`, other.name]);
    expect(store.slots().map((s) => s.readerName)).toEqual(names());
    await store.removeReader('b');
    expect(names()).toEqual([a.name, `${a.name} (3)`, other.name]);
    store.addReader(await open('ACS_ACR39U_ICC_Reader', 'd'));
    expect(names()).toEqual([a.name, `${a.name} (3)`, other.name, `${a.name} (2)`]);
  });
});
