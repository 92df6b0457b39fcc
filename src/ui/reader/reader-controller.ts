// Wires the transports into the reader store: USB readers through Chrome's chooser (and remembered
// ones), PC/SC readers through the Web Smart Card API, and the Demo reader (a simulated USB reader
// driven by the same CCID driver). Holds the diagnosis shown when a reader cannot be used.
//
// Test hook: when `globalThis.__TI_SIMULATED_USB__ = { readers: [{ model, card?, policy?, granted? }] }`
// is set before the app loads (Playwright addInitScript), `navigator.usb` is replaced by a simulated
// USB with those readers, so end-to-end tests drive the real WebUSB code path. The hook then exposes
// `__TI_SIMULATED_USB__.devices` (SimulatedUsbDevice[]) and `.insertCard(index, cardId)`.
// Likewise `globalThis.__TI_SIMULATED_SMARTCARD__ = { readers: [{ name, card? }] }` installs a simulated
// `navigator.smartCard` (Web Smart Card API shape) and exposes `.insert(name, cardId)` / `.remove(name)`.
import { createSignal } from 'solid-js';
import { readerStore } from './reader-store.ts';
import { demoCards, defaultDemoCardId, loadBuiltInCard, loadDemoIcc } from './demo-cards.ts';
import { CcidReader } from '../../transport/webusb-ccid/reader.ts';
import { WebUsbReaders, webUsb } from '../../transport/webusb-ccid/webusb.ts';
import { SmartCardReaders, webSmartCard } from '../../transport/smartcard-api/smartcard-readers.ts';
import { SimulatedUsbDevice, type BrowserPolicy } from '../../transport/simulated/simulated-usb-device.ts';
import { SimulatedUsb } from '../../transport/simulated/simulated-usb.ts';
import { SimulatedSmartCard } from '../../transport/simulated/simulated-smartcard.ts';
import { defaultReaderModelId } from '../../transport/simulated/reader-models.ts';
import { diagnose, detectPlatform, type Diagnosis } from '../../transport/diagnosis.ts';
import { TransportError } from '../../transport/errors.ts';
import type { TraceSink } from '../../transport/types.ts';
import type { UsbDeviceLike } from '../../transport/webusb-ccid/usb-types.ts';
import type { SimulatedIcc } from '../../transport/simulated-icc.ts';

export interface ProblemView {
  diagnosis?: Diagnosis;
  /** Fallback when no diagnosis applies: the raw error. */
  error?: TransportError;
  at: number;
}

const [problem, setProblem] = createSignal<ProblemView | undefined>();
export { problem };
export const clearProblem = () => setProblem(undefined);

const trace: TraceSink = (entry) => readerStore.recordTrace(entry);

function report(error: TransportError, device?: UsbDeviceLike): void {
  const usbDevice = device
    ? { vendorId: device.vendorId, productId: device.productId, ...(device.productName ? { name: device.productName } : {}) }
    : undefined;
  const diagnosis = diagnose(error, detectPlatform(globalThis.navigator as never), usbDevice);
  setProblem({ ...(diagnosis ? { diagnosis } : { error }), at: Date.now() });
  trace({ direction: 'note', layer: 'usb', note: `${error.code}: ${error.message}` });
}

// --- test hook ------------------------------------------------------------------------------------
interface HookConfig {
  readers: { model: string; card?: string; policy?: BrowserPolicy; granted?: boolean }[];
  devices?: SimulatedUsbDevice[];
  insertCard?: (index: number, cardId: string) => Promise<void>;
  ready?: Promise<void>;
}

function installTestHook(): void {
  const config = (globalThis as { __TI_SIMULATED_USB__?: HookConfig }).__TI_SIMULATED_USB__;
  if (!config || !Array.isArray(config.readers)) return;
  const usb = new SimulatedUsb();
  const devices = config.readers.map((r) => new SimulatedUsbDevice(r.model, r.policy ? { policy: r.policy } : {}));
  config.devices = devices;
  config.insertCard = async (index, cardId) => devices[index]!.insertCard(await loadBuiltInCard(cardId));
  config.ready = (async () => {
    for (const [i, r] of config.readers.entries()) {
      if (r.card) devices[i]!.insertCard(await loadBuiltInCard(r.card));
      usb.plug(devices[i]!, { granted: r.granted === true });
    }
  })();
  Object.defineProperty(globalThis.navigator, 'usb', { value: usb, configurable: true });
}

interface SmartCardHookConfig {
  readers: { name: string; card?: string }[];
  insert?: (name: string, cardId: string) => Promise<void>;
  remove?: (name: string) => void;
  ready?: Promise<void>;
}

function installSmartCardHook(): void {
  const config = (globalThis as { __TI_SIMULATED_SMARTCARD__?: SmartCardHookConfig }).__TI_SIMULATED_SMARTCARD__;
  if (!config || !Array.isArray(config.readers)) return;
  const pcsc = new SimulatedSmartCard();
  config.insert = async (name, cardId) => pcsc.insert(name, await loadBuiltInCard(cardId));
  config.remove = (name) => pcsc.remove(name);
  config.ready = (async () => {
    for (const r of config.readers) pcsc.addReader(r.name, r.card ? await loadBuiltInCard(r.card) : undefined);
  })();
  Object.defineProperty(globalThis.navigator, 'smartCard', { value: pcsc, configurable: true });
}

// --- USB and PC/SC --------------------------------------------------------------------------------
let usbReaders: WebUsbReaders | undefined;
let started = false;

/** Starts discovery once: remembered USB readers, hot-plug, PC/SC readers when the API exists. */
export function startReaders(): void {
  if (started) return;
  started = true;
  installTestHook();
  installSmartCardHook();
  const usb = webUsb();
  if (usb) {
    usbReaders = new WebUsbReaders(usb, { trace, onReader: (r) => readerStore.addReader(r), onError: report });
    usbReaders.watch();
    void usbReaders.restore();
  }
  const smartCard = webSmartCard();
  if (smartCard) {
    void new SmartCardReaders(smartCard, { trace, onReader: (r) => readerStore.addReader(r), onError: (e) => report(e) }).start();
  }
}

export const usbAvailable = () => webUsb() !== undefined;
export const smartCardAvailable = () => webSmartCard() !== undefined;

/** "Connect reader": Chrome's chooser with the CCID filters. */
export async function connectUsbReader(): Promise<void> {
  startReaders();
  if (!usbReaders) {
    report(new TransportError('usb.unavailable', 'navigator.usb is missing'));
    return;
  }
  const reader = await usbReaders.request();
  if (reader) setProblem(undefined);
}

// --- Demo reader ----------------------------------------------------------------------------------
const demoDevices = new Map<string, SimulatedUsbDevice>();
const [demoReaderIds, setDemoReaderIds] = createSignal<readonly string[]>([]);
export { demoReaderIds };
let demoCounter = 0;

/** What a demo reader holds, as the user put it in: a built-in card or a dropped file (by name). */
export type DemoInserted = { kind: 'builtIn'; id: string } | { kind: 'file'; name: string };
const [demoInserted, setDemoInserted] = createSignal<Readonly<Record<string, DemoInserted>>>({});
export { demoInserted };
const holding = (readerId: string, card: DemoInserted | undefined): void => {
  setDemoInserted((old) => {
    const next = { ...old };
    if (card) next[readerId] = card; else delete next[readerId];
    return next;
  });
};

/** Plugs in a simulated reader of the given model, with a built-in card, or empty when `cardId` is null. */
export async function plugDemoReader(modelId = defaultReaderModelId, cardId: string | null = defaultDemoCardId): Promise<string> {
  const device = new SimulatedUsbDevice(modelId, { serialNumber: `DEMO${++demoCounter}` });
  if (cardId) device.insertCard(await loadBuiltInCard(cardId));
  const reader = await CcidReader.open(device, { kind: 'simulated', model: modelId, id: `demo-${demoCounter}`, trace });
  device.onUnplug = () => reader.handleDisconnect('reader.unplugged');
  demoDevices.set(reader.id, device);
  if (cardId) holding(reader.id, { kind: 'builtIn', id: cardId });
  reader.onEvent((e) => {
    if (e.type === 'reader-gone') {
      demoDevices.delete(reader.id);
      holding(reader.id, undefined);
      setDemoReaderIds([...demoDevices.keys()]);
    }
    // However the card left (button, another page, a test), the reader no longer holds it.
    else if (!e.cardPresent && !device.cardPresent()) holding(reader.id, undefined);
  });
  readerStore.addReader(reader);
  setDemoReaderIds([...demoDevices.keys()]);
  return reader.id;
}

export function demoDevice(readerId: string): SimulatedUsbDevice | undefined {
  return demoDevices.get(readerId);
}

export async function demoInsertBuiltIn(readerId: string, cardId: string): Promise<void> {
  const device = demoDevices.get(readerId);
  if (!device) return;
  const icc = await loadBuiltInCard(cardId);
  holding(readerId, { kind: 'builtIn', id: cardId });
  device.insertCard(icc);
}

/**
 * Card image dropped by the user into `readerId` (a new demo reader when there is none). A file that is
 * no usable image throws CardImageError and pulls the card that reader held, so no report of the old
 * card stays on screen as if the new one had been read.
 */
export async function demoInsertImage(readerId: string | undefined, xml: string, fileName = ''): Promise<string> {
  let icc: SimulatedIcc;
  try {
    icc = await loadDemoIcc(xml);
  } catch (e) {
    if (readerId) demoRemoveCard(readerId);
    throw e;
  }
  let id = readerId && demoDevices.has(readerId) ? readerId : undefined;
  if (!id) id = await plugDemoReader(defaultReaderModelId, null);
  holding(id, { kind: 'file', name: fileName });
  demoDevices.get(id)!.insertCard(icc);
  return id;
}

export function demoRemoveCard(readerId: string): void {
  holding(readerId, undefined);
  demoDevices.get(readerId)?.removeCard();
}

export function demoUnplug(readerId: string): void {
  demoDevices.get(readerId)?.unplug();
}

export { demoCards };
