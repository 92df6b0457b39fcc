// The readers the simulated reader can be: every libccid descriptor dump we have
// (LudovicRousseau/CCID readers/*.txt, LGPL-2.1 data), as data. Reader ids are the dump file names
// without .txt. test/unit/transport/reader-models.test.ts checks every field against the dumps.
// Behaviour the descriptors do not announce (descriptor order, vendor class) is in src/transport/reader-quirks.ts.
import type { CcidClassDescriptor } from '../webusb-ccid/descriptors.ts';

export interface ReaderModel {
  id: string;
  vendorId: number;
  productId: number;
  bcdDevice: number;
  manufacturer: string;
  product: string;
  interfaceName: string | null;
  /** 0x0B CCID, or 0xFF vendor class carrying a CCID class descriptor. */
  interfaceClass: number;
  ccid: CcidClassDescriptor;
}

export const readerModels: readonly ReaderModel[] = [
  {
    id: 'ACS_ACR3901U_ICC_Reader',
    vendorId: 0x072F, productId: 0xB000, bcdDevice: 0x0132,
    manufacturer: "ACS", product: "ACR3901U ICC Reader", interfaceName: "ACR3901U ICC Reader",
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0110, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4800, maximumClock: 4800, numClockSupported: 0,
      dataRate: 12903, maxDataRate: 600000, numDataRatesSupported: 0,
      maxIFSD: 247, synchProtocols: 0x00000000, mechanical: 0x00000000, features: 0x000200BA,
      maxCCIDMessageLength: 271, classGetResponse: 0x00, classEnvelope: 0x00,
      lcdLayout: 0x0000, pinSupport: 0x00, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'ACS_ACR39U_ICC_Reader',
    vendorId: 0x072F, productId: 0xB100, bcdDevice: 0x0216,
    manufacturer: "ACS", product: "ACR39U ICC Reader", interfaceName: null,
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0110, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4800, maximumClock: 16000, numClockSupported: 0,
      dataRate: 12903, maxDataRate: 826000, numDataRatesSupported: 0,
      maxIFSD: 247, synchProtocols: 0x00000000, mechanical: 0x00000000, features: 0x000100B2,
      maxCCIDMessageLength: 271, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x00, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'CherrySmartTerminalST2XXX',
    vendorId: 0x046A, productId: 0x003E, bcdDevice: 0x0601,
    manufacturer: "Cherry GmbH", product: "SmartTerminal ST-2xxx", interfaceName: "Vendor Interface",
    interfaceClass: 0xFF,
    ccid: {
      bcdCCID: 0x0100, maxSlotIndex: 0, voltageSupport: 0x01, protocols: 0x00000003,
      defaultClock: 4000, maximumClock: 8000, numClockSupported: 0,
      dataRate: 10753, maxDataRate: 344105, numDataRatesSupported: 0,
      maxIFSD: 254, synchProtocols: 0x00000000, mechanical: 0x00000000, features: 0x000100BA,
      maxCCIDMessageLength: 270, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x03, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'Cherry_SmartTerminal_XX44',
    vendorId: 0x046A, productId: 0x00A7, bcdDevice: 0x0103,
    manufacturer: "Cherry", product: "SmartTerminal XX44", interfaceName: "Cherry Smart Terminal XX44",
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0110, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4800, maximumClock: 8000, numClockSupported: 4,
      dataRate: 10752, maxDataRate: 412903, numDataRatesSupported: 96,
      maxIFSD: 254, synchProtocols: 0x00000007, mechanical: 0x00000000, features: 0x000207B8,
      maxCCIDMessageLength: 271, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x03, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'Cherry_Smart_Card_Reader_USB',
    vendorId: 0x046A, productId: 0x0090, bcdDevice: 0x0203,
    manufacturer: "Cherry", product: "Smart Card Reader USB", interfaceName: null,
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0100, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4800, maximumClock: 8000, numClockSupported: 4,
      dataRate: 10752, maxDataRate: 412903, numDataRatesSupported: 106,
      maxIFSD: 254, synchProtocols: 0x00000007, mechanical: 0x00000000, features: 0x000207B2,
      maxCCIDMessageLength: 271, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x00, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'Gemalto_IDBridge_CT30',
    vendorId: 0x08E6, productId: 0x3437, bcdDevice: 0x0201,
    manufacturer: "Gemalto", product: "USB SmartCard Reader", interfaceName: null,
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0101, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4800, maximumClock: 4800, numClockSupported: 0,
      dataRate: 12903, maxDataRate: 825806, numDataRatesSupported: 53,
      maxIFSD: 254, synchProtocols: 0x00000000, mechanical: 0x00000000, features: 0x00010230,
      maxCCIDMessageLength: 271, classGetResponse: 0x00, classEnvelope: 0x00,
      lcdLayout: 0x0000, pinSupport: 0x00, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader',
    vendorId: 0x076B, productId: 0x3031, bcdDevice: 0x0106,
    manufacturer: "HID Global", product: "OMNIKEY 3x21 Smart Card Reader", interfaceName: "OMNIKEY 3x21 Smart Card Reader",
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0110, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4800, maximumClock: 4800, numClockSupported: 1,
      dataRate: 10752, maxDataRate: 412903, numDataRatesSupported: 106,
      maxIFSD: 254, synchProtocols: 0x00000007, mechanical: 0x00000000, features: 0x000407BA,
      maxCCIDMessageLength: 271, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x00, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'ReinerSCT_cyberJack_RFID_standard',
    vendorId: 0x0C4B, productId: 0x0500, bcdDevice: 0x0001,
    manufacturer: "REINER SCT", product: "cyberJack RFID standard", interfaceName: null,
    interfaceClass: 0xFF,
    ccid: {
      bcdCCID: 0x1000, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4000, maximumClock: 8000, numClockSupported: 0,
      dataRate: 10072, maxDataRate: 250000, numDataRatesSupported: 0,
      maxIFSD: 254, synchProtocols: 0x00000007, mechanical: 0x00000000, features: 0x00010030,
      maxCCIDMessageLength: 5130, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x03, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'ReinerSCT_cyberJack_one',
    vendorId: 0x0C4B, productId: 0x0580, bcdDevice: 0x0001,
    manufacturer: "REINER SCT", product: "cyberJack one", interfaceName: null,
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0110, maxSlotIndex: 0, voltageSupport: 0x02, protocols: 0x00000003,
      defaultClock: 1000, maximumClock: 1000, numClockSupported: 1,
      dataRate: 2688, maxDataRate: 2688, numDataRatesSupported: 1,
      maxIFSD: 254, synchProtocols: 0x00000000, mechanical: 0x00000000, features: 0x000404B0,
      maxCCIDMessageLength: 1014, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0310, pinSupport: 0x03, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'SCR3310-NTTCom',
    vendorId: 0x04E6, productId: 0x511A, bcdDevice: 0x0203,
    manufacturer: "NTT Communications Corp.", product: "SCR3310-NTTCom USB SmartCard Reader", interfaceName: "Vendor Interface",
    interfaceClass: 0xFF,
    ccid: {
      bcdCCID: 0x0110, maxSlotIndex: 0, voltageSupport: 0x07, protocols: 0x00000003,
      defaultClock: 4800, maximumClock: 8000, numClockSupported: 0,
      dataRate: 12903, maxDataRate: 412903, numDataRatesSupported: 0,
      maxIFSD: 252, synchProtocols: 0x00000000, mechanical: 0x00000000, features: 0x000101BA,
      maxCCIDMessageLength: 271, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x00, maxCCIDBusySlots: 1,
    },
  },
  {
    id: 'SCR3310',
    vendorId: 0x04E6, productId: 0x5116, bcdDevice: 0x0523,
    manufacturer: "SCM Microsystems Inc.", product: "SCR3310 USB Smart Card Reader", interfaceName: null,
    interfaceClass: 0x0B,
    ccid: {
      bcdCCID: 0x0110, maxSlotIndex: 0, voltageSupport: 0x01, protocols: 0x00000003,
      defaultClock: 4000, maximumClock: 8000, numClockSupported: 0,
      dataRate: 10753, maxDataRate: 344105, numDataRatesSupported: 0,
      maxIFSD: 252, synchProtocols: 0x00000000, mechanical: 0x00000000, features: 0x000100BA,
      maxCCIDMessageLength: 271, classGetResponse: 0xFF, classEnvelope: 0xFF,
      lcdLayout: 0x0000, pinSupport: 0x00, maxCCIDBusySlots: 1,
    },
  },
];

export function readerModel(id: string): ReaderModel | undefined {
  return readerModels.find((m) => m.id === id);
}

export const defaultReaderModelId = 'ACS_ACR39U_ICC_Reader';
