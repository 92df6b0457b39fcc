// USB descriptor layer: reads the raw configuration descriptor (WebUSB does not expose class
// descriptors) and finds the CCID interface with its class descriptor (USB CCID 1.1 §5.1), which some
// readers (REINER SCT, Oz776) place after the endpoint descriptors instead of before them.
import { readU16le, readU32le } from '../bytes.ts';
import { TransportError } from '../errors.ts';
import { dataViewBytes, type UsbDeviceLike } from './usb-types.ts';

export type ExchangeLevel = 'character' | 'tpdu' | 'short-apdu' | 'extended-apdu';

export interface CcidClassDescriptor {
  bcdCCID: number;
  maxSlotIndex: number;
  voltageSupport: number;
  protocols: number;
  defaultClock: number;
  maximumClock: number;
  numClockSupported: number;
  dataRate: number;
  maxDataRate: number;
  numDataRatesSupported: number;
  maxIFSD: number;
  synchProtocols: number;
  mechanical: number;
  features: number;
  maxCCIDMessageLength: number;
  classGetResponse: number;
  classEnvelope: number;
  lcdLayout: number;
  pinSupport: number;
  maxCCIDBusySlots: number;
}

export interface EndpointDescriptor {
  address: number;
  number: number;
  direction: 'in' | 'out';
  type: 'control' | 'isochronous' | 'bulk' | 'interrupt';
  maxPacketSize: number;
}

export interface InterfaceDescriptor {
  interfaceNumber: number;
  alternateSetting: number;
  interfaceClass: number;
  interfaceSubClass: number;
  interfaceProtocol: number;
  endpoints: EndpointDescriptor[];
  /** The CCID class descriptor, wherever it sat inside this interface's block. */
  ccid?: CcidClassDescriptor;
}

export interface ConfigurationDescriptor {
  configurationValue: number;
  interfaces: InterfaceDescriptor[];
}

export const ccidDescriptorType = 0x21;
export const ccidDescriptorLength = 0x36;

export const features = {
  autoParametersFromAtr: 0x02,
  autoActivation: 0x04,
  autoVoltage: 0x08,
  autoClock: 0x10,
  autoBaud: 0x20,
  autoParameterNegotiation: 0x40,
  autoPps: 0x80,
  autoIfsd: 0x400,
  levelMask: 0x70000,
  levelTpdu: 0x10000,
  levelShortApdu: 0x20000,
  levelExtendedApdu: 0x40000,
} as const;

export function exchangeLevel(descriptor: CcidClassDescriptor): ExchangeLevel {
  switch (descriptor.features & features.levelMask) {
    case features.levelTpdu: return 'tpdu';
    case features.levelShortApdu: return 'short-apdu';
    case features.levelExtendedApdu: return 'extended-apdu';
    default: return 'character';
  }
}

export function parseCcidClassDescriptor(bytes: Uint8Array): CcidClassDescriptor {
  if (bytes.length < ccidDescriptorLength || bytes[0] !== ccidDescriptorLength || bytes[1] !== ccidDescriptorType) {
    throw new TransportError('reader.unsupported', 'CCID class descriptor must be 54 bytes of type 0x21');
  }
  return {
    bcdCCID: readU16le(bytes, 2),
    maxSlotIndex: bytes[4]!,
    voltageSupport: bytes[5]!,
    protocols: readU32le(bytes, 6),
    defaultClock: readU32le(bytes, 10),
    maximumClock: readU32le(bytes, 14),
    numClockSupported: bytes[18]!,
    dataRate: readU32le(bytes, 19),
    maxDataRate: readU32le(bytes, 23),
    numDataRatesSupported: bytes[27]!,
    maxIFSD: readU32le(bytes, 28),
    synchProtocols: readU32le(bytes, 32),
    mechanical: readU32le(bytes, 36),
    features: readU32le(bytes, 40),
    maxCCIDMessageLength: readU32le(bytes, 44),
    classGetResponse: bytes[48]!,
    classEnvelope: bytes[49]!,
    lcdLayout: readU16le(bytes, 50),
    pinSupport: bytes[52]!,
    maxCCIDBusySlots: bytes[53]!,
  };
}

const endpointTypes = ['control', 'isochronous', 'bulk', 'interrupt'] as const;

/** Parses a complete configuration descriptor (all sub-descriptors, wTotalLength bytes). */
export function parseConfigurationDescriptor(bytes: Uint8Array): ConfigurationDescriptor {
  if (bytes.length < 9 || bytes[1] !== 0x02) {
    throw new TransportError('reader.unsupported', 'not a USB configuration descriptor');
  }
  const total = Math.min(readU16le(bytes, 2), bytes.length);
  const result: ConfigurationDescriptor = { configurationValue: bytes[5]!, interfaces: [] };
  let current: InterfaceDescriptor | undefined;
  let at = 0;
  while (at + 2 <= total) {
    const length = bytes[at]!;
    const type = bytes[at + 1]!;
    if (length < 2 || at + length > total) {
      throw new TransportError('reader.unsupported', `broken USB descriptor at offset ${at} (length ${length})`);
    }
    const d = bytes.subarray(at, at + length);
    if (type === 0x04 && length >= 9) {
      current = {
        interfaceNumber: d[2]!,
        alternateSetting: d[3]!,
        interfaceClass: d[5]!,
        interfaceSubClass: d[6]!,
        interfaceProtocol: d[7]!,
        endpoints: [],
      };
      result.interfaces.push(current);
    } else if (type === 0x05 && length >= 7 && current) {
      const address = d[2]!;
      current.endpoints.push({
        address,
        number: address & 0x0f,
        direction: address & 0x80 ? 'in' : 'out',
        type: endpointTypes[d[3]! & 0x03]!,
        maxPacketSize: readU16le(d, 4),
      });
    } else if (type === ccidDescriptorType && length === ccidDescriptorLength && current
      && (current.interfaceClass === 0x0b || current.interfaceClass === 0xff)) {
      current.ccid = parseCcidClassDescriptor(d);
    }
    at += length;
  }
  return result;
}

export interface CcidInterface {
  interface: InterfaceDescriptor;
  ccid: CcidClassDescriptor;
  bulkIn: EndpointDescriptor;
  bulkOut: EndpointDescriptor;
  interruptIn?: EndpointDescriptor;
}

/** Finds the CCID interface: class 0x0B, or vendor class 0xFF carrying a CCID class descriptor. */
export function findCcidInterface(configuration: ConfigurationDescriptor): CcidInterface | undefined {
  for (const itf of configuration.interfaces) {
    if (!itf.ccid || (itf.interfaceClass !== 0x0b && itf.interfaceClass !== 0xff)) continue;
    const bulkIn = itf.endpoints.find((e) => e.type === 'bulk' && e.direction === 'in');
    const bulkOut = itf.endpoints.find((e) => e.type === 'bulk' && e.direction === 'out');
    if (!bulkIn || !bulkOut) continue;
    const interruptIn = itf.endpoints.find((e) => e.type === 'interrupt' && e.direction === 'in');
    return { interface: itf, ccid: itf.ccid, bulkIn, bulkOut, ...(interruptIn ? { interruptIn } : {}) };
  }
  return undefined;
}

/** GET_DESCRIPTOR(CONFIGURATION): first the 9-byte header for wTotalLength, then everything. */
export async function readConfigurationDescriptor(device: UsbDeviceLike, index = 0): Promise<Uint8Array> {
  const setup = { requestType: 'standard', recipient: 'device', request: 6, value: 0x0200 | index, index: 0 } as const;
  const head = await device.controlTransferIn(setup, 9);
  const headBytes = dataViewBytes(head.data);
  if (head.status !== 'ok' || headBytes.length < 4) {
    throw new TransportError('reader.unsupported', 'reader did not return its configuration descriptor');
  }
  const total = readU16le(headBytes, 2);
  const full = await device.controlTransferIn(setup, total);
  const bytes = dataViewBytes(full.data);
  if (full.status !== 'ok' || bytes.length < total) {
    throw new TransportError('reader.unsupported', 'configuration descriptor shorter than wTotalLength');
  }
  return bytes;
}
