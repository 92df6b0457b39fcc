// A card image inserted into a simulated USB reader of a real model and driven by our own CCID driver:
// the path the app's Demo reader takes, for the CLI, the tests and the APDU benchmark.
import { CcidReader } from '../../webusb-ccid/reader.ts';
import { exchangeLevel, type ExchangeLevel } from '../../webusb-ccid/descriptors.ts';
import { SimulatedUsbDevice } from '../simulated-usb-device.ts';
import { readerModel, readerModels } from '../reader-models.ts';
import type { CardConnection } from '../../types.ts';
import type { SimulatedIcc } from '../../simulated-icc.ts';

/** Default for the CLI: an extended-APDU reader. */
export const DEFAULT_CARD_READER_ID = 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader';

export function simulatedReaderIds(): string[] {
  return readerModels.map((m) => m.id);
}

export function readerLevel(id: string): ExchangeLevel | null {
  const model = readerModel(id);
  return model ? exchangeLevel(model.ccid) : null;
}

export interface ReaderSession {
  connection: CardConnection;
  level: ExchangeLevel;
  device: SimulatedUsbDevice;
  close(): Promise<void>;
}

export async function connectThroughSimulatedReader(icc: SimulatedIcc, readerId: string = DEFAULT_CARD_READER_ID): Promise<ReaderSession> {
  if (!readerModel(readerId)) throw new Error(`unknown simulated reader ${readerId}`);
  const device = new SimulatedUsbDevice(readerId);
  device.insertCard(icc);
  const reader = await CcidReader.open(device);
  const connection = await reader.connect(0);
  return { connection, level: reader.level, device, close: () => reader.close() };
}
