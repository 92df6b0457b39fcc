// A software `navigator.usb`: holds simulated readers, answers requestDevice() with the filters
// Chrome would apply (the chooser picks the first match, or the one the test names), remembers
// granted devices for getDevices(), and fires connect/disconnect events on plug/unplug.
import type { UsbDeviceFilterLike, UsbDeviceLike, UsbLike } from '../webusb-ccid/usb-types.ts';
import { SimulatedUsbDevice } from './simulated-usb-device.ts';

function domError(name: string, message: string): Error {
  if (typeof DOMException !== 'undefined') return new DOMException(message, name);
  const e = new Error(message);
  e.name = name;
  return e;
}

class UsbConnectionEvent extends Event {
  constructor(type: string, readonly device: UsbDeviceLike) {
    super(type);
  }
}

export function matchesFilter(device: SimulatedUsbDevice, filter: UsbDeviceFilterLike): boolean {
  if (filter.vendorId !== undefined && filter.vendorId !== device.vendorId) return false;
  if (filter.productId !== undefined && filter.productId !== device.productId) return false;
  if (filter.serialNumber !== undefined && filter.serialNumber !== device.serialNumber) return false;
  if (filter.classCode !== undefined) {
    const alt = device.configurations[0]?.interfaces[0]?.alternate;
    if (!alt || alt.interfaceClass !== filter.classCode) return false;
    if (filter.subclassCode !== undefined && alt.interfaceSubclass !== filter.subclassCode) return false;
    if (filter.protocolCode !== undefined && alt.interfaceProtocol !== filter.protocolCode) return false;
  }
  return true;
}

export class SimulatedUsb extends EventTarget implements UsbLike {
  readonly #attached = new Set<SimulatedUsbDevice>();
  readonly #granted = new Set<SimulatedUsbDevice>();
  /** What the user picks in the chooser: a device, or undefined to cancel. Default: first match. */
  chooser: ((candidates: SimulatedUsbDevice[]) => SimulatedUsbDevice | undefined) | undefined;

  plug(device: SimulatedUsbDevice, options: { granted?: boolean } = {}): SimulatedUsbDevice {
    this.#attached.add(device);
    if (options.granted) this.#granted.add(device);
    device.onUnplug = (d) => {
      this.#attached.delete(d);
      this.#granted.delete(d);
      this.dispatchEvent(new UsbConnectionEvent('disconnect', d));
    };
    if (this.#granted.has(device)) this.dispatchEvent(new UsbConnectionEvent('connect', device));
    return device;
  }

  devices(): SimulatedUsbDevice[] {
    return [...this.#attached];
  }

  async getDevices(): Promise<UsbDeviceLike[]> {
    return [...this.#granted].filter((d) => this.#attached.has(d));
  }

  async requestDevice(options: { filters: UsbDeviceFilterLike[]; exclusionFilters?: UsbDeviceFilterLike[] }): Promise<UsbDeviceLike> {
    if (!options || !Array.isArray(options.filters)) {
      throw new TypeError("Failed to execute 'requestDevice' on 'USB': required member filters is undefined.");
    }
    const candidates = this.devices().filter((d) =>
      (options.filters.length === 0 || options.filters.some((f) => matchesFilter(d, f)))
      && !(options.exclusionFilters ?? []).some((f) => matchesFilter(d, f)));
    const chosen = this.chooser ? this.chooser(candidates) : candidates[0];
    if (!chosen) throw domError('NotFoundError', 'No device selected.');
    this.#granted.add(chosen);
    return chosen;
  }
}
