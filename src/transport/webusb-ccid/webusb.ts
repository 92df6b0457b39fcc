// navigator.usb glue: the chooser filters for CCID readers, remembered devices (getDevices), hot-plug
// (connect/disconnect events). Each opened device becomes a CcidReader.
import { TransportError } from '../errors.ts';
import { readersWithQuirk } from '../reader-quirks.ts';
import { noTrace, type TraceSink } from '../types.ts';
import { CcidReader, usbOpenError, type CcidReaderOptions } from './reader.ts';
import type { UsbConnectionEventLike, UsbDeviceFilterLike, UsbDeviceLike, UsbLike } from './usb-types.ts';

/**
 * Chooser filters: every class-0x0B (CCID) interface, plus the readers the quirks table lists as
 * exposing CCID as vendor class 0xFF (a broad 0xFF filter would list phones and dongles).
 */
export const ccidDeviceFilters: UsbDeviceFilterLike[] = [
  { classCode: 0x0b },
  ...readersWithQuirk('vendorClassCcid').map(({ vendorId, productId }) => ({ vendorId, productId, classCode: 0xff })),
];

export function webUsb(nav: unknown = globalThis.navigator): UsbLike | undefined {
  const usb = (nav as { usb?: UsbLike } | undefined)?.usb;
  return usb && typeof usb.requestDevice === 'function' ? usb : undefined;
}

export interface WebUsbReadersOptions extends CcidReaderOptions {
  /** A reader became available (chooser, remembered device, or plugged in again). */
  onReader: (reader: CcidReader) => void;
  /** A device could not be used (with the device, for the diagnosis). */
  onError: (error: TransportError, device: UsbDeviceLike | undefined) => void;
  trace?: TraceSink;
}

export class WebUsbReaders {
  readonly #readers = new Map<UsbDeviceLike, CcidReader>();
  readonly #opening = new Map<UsbDeviceLike, Promise<CcidReader | undefined>>();
  #watching = false;

  constructor(readonly usb: UsbLike, private readonly options: WebUsbReadersOptions) {}

  /** Opens Chrome's chooser (must run in a user gesture). */
  async request(): Promise<CcidReader | undefined> {
    let device: UsbDeviceLike;
    try {
      device = await this.usb.requestDevice({ filters: ccidDeviceFilters });
    } catch (e) {
      const name = (e as { name?: string }).name;
      const error = name === 'NotFoundError'
        ? new TransportError('usb.notFound', 'no reader chosen')
        : name === 'SecurityError' ? new TransportError('usb.accessDenied', (e as Error).message) : usbOpenError(e);
      this.options.onError(error, undefined);
      return undefined;
    }
    return this.#open(device);
  }

  /** Opens every device the user granted before. */
  async restore(): Promise<CcidReader[]> {
    const devices = await this.usb.getDevices();
    const opened: CcidReader[] = [];
    for (const device of devices) {
      const reader = await this.#open(device);
      if (reader) opened.push(reader);
    }
    return opened;
  }

  /** Follows plugging: re-opens granted readers, ends readers that were pulled. */
  watch(): void {
    if (this.#watching) return;
    this.#watching = true;
    this.usb.addEventListener('connect', (event) => {
      void this.#open((event as UsbConnectionEventLike).device);
    });
    this.usb.addEventListener('disconnect', (event) => {
      const device = (event as UsbConnectionEventLike).device;
      const reader = this.#readers.get(device);
      this.#readers.delete(device);
      reader?.handleDisconnect('reader.unplugged');
    });
  }

  #open(device: UsbDeviceLike): Promise<CcidReader | undefined> {
    const existing = this.#readers.get(device);
    if (existing) return Promise.resolve(existing);
    const pending = this.#opening.get(device);
    if (pending) return pending;
    const opening = this.#openNow(device).finally(() => this.#opening.delete(device));
    this.#opening.set(device, opening);
    return opening;
  }

  async #openNow(device: UsbDeviceLike): Promise<CcidReader | undefined> {
    try {
      const reader = await CcidReader.open(device, { ...this.options, trace: this.options.trace ?? noTrace });
      this.#readers.set(device, reader);
      reader.onEvent((e) => { if (e.type === 'reader-gone') this.#readers.delete(device); });
      this.options.onReader(reader);
      return reader;
    } catch (e) {
      this.options.onError(e instanceof TransportError ? e : usbOpenError(e), device);
      return undefined;
    }
  }
}
