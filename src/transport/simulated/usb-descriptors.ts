// Raw USB descriptors of a simulated reader, byte for byte as the real reader would return them to
// GET_DESCRIPTOR: device, configuration (interface, CCID class descriptor, endpoints), strings.
import { writeU16le, writeU32le } from '../bytes.ts';
import type { CcidClassDescriptor } from '../webusb-ccid/descriptors.ts';
import type { ReaderModel } from './reader-models.ts';
import { quirksFor } from '../reader-quirks.ts';

export const endpointAddresses = { bulkOut: 0x02, bulkIn: 0x82, interruptIn: 0x83 } as const;
export const stringIndex = { manufacturer: 1, product: 2, serial: 3, interface: 4 } as const;

export function encodeCcidClassDescriptor(c: CcidClassDescriptor): Uint8Array {
  const d = new Uint8Array(54);
  d[0] = 54;
  d[1] = 0x21;
  writeU16le(d, 2, c.bcdCCID);
  d[4] = c.maxSlotIndex;
  d[5] = c.voltageSupport;
  writeU32le(d, 6, c.protocols);
  writeU32le(d, 10, c.defaultClock);
  writeU32le(d, 14, c.maximumClock);
  d[18] = c.numClockSupported;
  writeU32le(d, 19, c.dataRate);
  writeU32le(d, 23, c.maxDataRate);
  d[27] = c.numDataRatesSupported;
  writeU32le(d, 28, c.maxIFSD);
  writeU32le(d, 32, c.synchProtocols);
  writeU32le(d, 36, c.mechanical);
  writeU32le(d, 40, c.features);
  writeU32le(d, 44, c.maxCCIDMessageLength);
  d[48] = c.classGetResponse;
  d[49] = c.classEnvelope;
  writeU16le(d, 50, c.lcdLayout);
  d[52] = c.pinSupport;
  d[53] = c.maxCCIDBusySlots;
  return d;
}

export function deviceDescriptor(model: ReaderModel): Uint8Array {
  const d = new Uint8Array(18);
  d[0] = 18;
  d[1] = 0x01;
  writeU16le(d, 2, 0x0200); // USB 2.0
  d[4] = 0; // class defined per interface
  d[7] = 64;
  writeU16le(d, 8, model.vendorId);
  writeU16le(d, 10, model.productId);
  writeU16le(d, 12, model.bcdDevice);
  d[14] = stringIndex.manufacturer;
  d[15] = stringIndex.product;
  d[16] = stringIndex.serial;
  d[17] = 1;
  return d;
}

function endpoint(address: number, attributes: number, maxPacket: number, interval: number): number[] {
  return [7, 0x05, address, attributes, maxPacket & 0xff, maxPacket >> 8, interval];
}

export function configurationDescriptor(model: ReaderModel): Uint8Array {
  const ccid = [...encodeCcidClassDescriptor(model.ccid)];
  const endpoints = [
    ...endpoint(endpointAddresses.bulkOut, 0x02, 64, 0),
    ...endpoint(endpointAddresses.bulkIn, 0x02, 64, 0),
    ...endpoint(endpointAddresses.interruptIn, 0x03, 8, 16),
  ];
  const itf = [9, 0x04, 0, 0, 3, model.interfaceClass, 0, 0, model.interfaceName ? stringIndex.interface : 0];
  const body = quirksFor(model.vendorId, model.productId).classDescriptorAfterEndpoints
    ? [...itf, ...endpoints, ...ccid]
    : [...itf, ...ccid, ...endpoints];
  const total = 9 + body.length;
  const config = [9, 0x02, total & 0xff, total >> 8, 1, 1, 0, 0x80, 50];
  return Uint8Array.from([...config, ...body]);
}

export function stringDescriptor(text: string): Uint8Array {
  const d = new Uint8Array(2 + 2 * text.length);
  d[0] = d.length;
  d[1] = 0x03;
  for (let i = 0; i < text.length; i++) writeU16le(d, 2 + 2 * i, text.charCodeAt(i));
  return d;
}
