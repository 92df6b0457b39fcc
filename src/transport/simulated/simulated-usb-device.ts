// A USB CCID reader in software: implements the WebUSB `USBDevice` surface our driver uses
// (descriptors, open/claim, bulk and interrupt transfers, clearHalt) with the descriptors of a real
// reader model, runs CcidFirmware behind it, and lets tests (and the demo UI) plug cards in and out,
// unplug the reader and inject faults. Chrome's own refusals can be imitated too (protected class,
// OS driver holding the interface, access denied), so the diagnosis is exercised end to end.
import type { SimulatedIcc } from '../simulated-icc.ts';
import { encodeNotifySlotChange } from '../webusb-ccid/messages.ts';
import type {
  UsbAlternateLike, UsbConfigurationLike, UsbControlSetup, UsbDeviceLike, UsbDirection,
  UsbInTransferResultLike, UsbInterfaceLike, UsbOutTransferResultLike,
} from '../webusb-ccid/usb-types.ts';
import { CcidFirmware, timeExtension, type CardFault } from './ccid-firmware.ts';
import { readerModel, type ReaderModel } from './reader-models.ts';
import { configurationDescriptor, deviceDescriptor, endpointAddresses, stringDescriptor, stringIndex } from './usb-descriptors.ts';

export type UsbFault =
  /** The reader vanishes at the n-th bulk transfer from now (0 = the next one). */
  | { kind: 'unplug'; afterBulkTransfers: number }
  /** Before the next reply, a reply carrying an old bSeq arrives. */
  | { kind: 'stale-reply'; count?: number }
  /** The next bulk-IN transfer(s) stall; the reply is lost. */
  | { kind: 'stall'; times?: number }
  /** The replies to the next command arrive only after this many milliseconds. */
  | { kind: 'delay-reply'; ms: number }
  /** The interrupt endpoint fails (the driver must poll GetSlotStatus instead). */
  | { kind: 'interrupt-broken' };

/** How the browser would treat this device (imitates Chrome's refusals). */
export interface BrowserPolicy {
  /** Chrome blocks class 0x0B interfaces outside an IWA with usb-unrestricted. */
  blockProtectedClass?: boolean;
  /** An OS driver (Windows smart-card driver, pcscd) holds the interface. */
  osDriverHoldsInterface?: boolean;
  /** open() is refused (no permission on the device node). */
  accessDenied?: boolean;
}

function domError(name: string, message: string): Error {
  if (typeof DOMException !== 'undefined') return new DOMException(message, name);
  const e = new Error(message);
  e.name = name;
  return e;
}

function view(bytes: Uint8Array): DataView {
  const copy = bytes.slice();
  return new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
}

type Waiter = { resolve: (r: UsbInTransferResultLike) => void; reject: (e: unknown) => void };

let serialCounter = 0;

export class SimulatedUsbDevice implements UsbDeviceLike {
  readonly model: ReaderModel;
  readonly firmware: CcidFirmware;
  readonly serialNumber: string;
  #opened = false;
  #claimed = false;
  #gone = false;
  #bulkIn: Uint8Array[] = [];
  #bulkWaiters: Waiter[] = [];
  #interruptIn: Uint8Array[] = [];
  #interruptWaiters: Waiter[] = [];
  #usbFaults: UsbFault[] = [];
  #lastSeq = 0;
  #configurations: UsbConfigurationLike[];
  readonly policy: BrowserPolicy;
  /** Called when the device disappears (the fake navigator.usb fires `disconnect`). */
  onUnplug: ((device: SimulatedUsbDevice) => void) | undefined;
  /** Every bulk message in both directions (tests assert on them). */
  readonly log: { direction: UsbDirection; bytes: Uint8Array }[] = [];

  constructor(modelOrId: ReaderModel | string, options: { policy?: BrowserPolicy; serialNumber?: string } = {}) {
    const model = typeof modelOrId === 'string' ? readerModel(modelOrId) : modelOrId;
    if (!model) throw new Error(`unknown reader model ${String(modelOrId)}`);
    this.model = model;
    this.policy = options.policy ?? {};
    this.serialNumber = options.serialNumber ?? `SIM${String(++serialCounter).padStart(6, '0')}`;
    this.firmware = new CcidFirmware(model, (slot, present) => this.#notify(slot, present));
    const alternate: UsbAlternateLike = {
      alternateSetting: 0,
      interfaceClass: model.interfaceClass,
      interfaceSubclass: 0,
      interfaceProtocol: 0,
      interfaceName: model.interfaceName,
      endpoints: [
        { endpointNumber: endpointAddresses.bulkOut & 0x0f, direction: 'out', type: 'bulk', packetSize: 64 },
        { endpointNumber: endpointAddresses.bulkIn & 0x0f, direction: 'in', type: 'bulk', packetSize: 64 },
        { endpointNumber: endpointAddresses.interruptIn & 0x0f, direction: 'in', type: 'interrupt', packetSize: 8 },
      ],
    };
    const isClaimed = (): boolean => this.#claimed;
    const itf: UsbInterfaceLike = { interfaceNumber: 0, alternate, alternates: [alternate], get claimed() { return isClaimed(); } };
    this.#configurations = [{ configurationValue: 1, configurationName: null, interfaces: [itf] }];
  }

  get vendorId(): number { return this.model.vendorId; }
  get productId(): number { return this.model.productId; }
  get productName(): string { return this.model.product; }
  get manufacturerName(): string { return this.model.manufacturer; }
  get opened(): boolean { return this.#opened; }
  get configuration(): UsbConfigurationLike | null { return this.#opened ? this.#configurations[0]! : null; }
  get configurations(): UsbConfigurationLike[] { return this.#configurations; }
  get gone(): boolean { return this.#gone; }

  // --- physical world -------------------------------------------------------------------------

  insertCard(icc: SimulatedIcc, slot = 0): void {
    this.firmware.insert(slot, icc);
  }

  removeCard(slot = 0): void {
    this.firmware.remove(slot);
  }

  cardPresent(slot = 0): boolean {
    return this.firmware.slots[slot]?.icc !== undefined;
  }

  injectCardFault(fault: CardFault, slot = 0): void {
    this.firmware.injectCardFault(slot, fault);
  }

  injectUsbFault(fault: UsbFault): void {
    this.#usbFaults.push({ ...fault });
  }

  clearFaults(): void {
    this.#usbFaults = [];
    for (let i = 0; i < this.firmware.slots.length; i++) this.firmware.clearCardFaults(i);
    this.firmware.storming = undefined;
  }

  /** Pulls the USB plug: every pending and later transfer fails like in Chrome. */
  unplug(): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#opened = false;
    this.#claimed = false;
    const error = () => domError('NotFoundError', 'The device was disconnected.');
    for (const w of this.#bulkWaiters.splice(0)) w.reject(error());
    for (const w of this.#interruptWaiters.splice(0)) w.reject(error());
    this.onUnplug?.(this);
  }

  #notify(slot: number, present: boolean): void {
    const slots = this.firmware.slots.map((s, i) => ({ slot: i, present: s.icc !== undefined, changed: i === slot }));
    slots[slot] = { slot, present, changed: true };
    this.#push(this.#interruptIn, this.#interruptWaiters, encodeNotifySlotChange(slots));
  }

  #push(queue: Uint8Array[], waiters: Waiter[], bytes: Uint8Array): void {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve({ status: 'ok', data: view(bytes) });
    else queue.push(bytes);
  }

  // --- USBDevice ------------------------------------------------------------------------------

  #checkAlive(): void {
    if (this.#gone) throw domError('NotFoundError', 'The device was disconnected.');
  }

  #checkOpen(): void {
    this.#checkAlive();
    if (!this.#opened) throw domError('InvalidStateError', 'The device must be opened first.');
  }

  async open(): Promise<void> {
    this.#checkAlive();
    if (this.policy.accessDenied) throw domError('SecurityError', 'Access denied.');
    this.#opened = true;
  }

  async close(): Promise<void> {
    if (this.#gone) return;
    this.#opened = false;
    this.#claimed = false;
    const aborted = () => domError('AbortError', 'The transfer was cancelled.');
    for (const w of this.#bulkWaiters.splice(0)) w.reject(aborted());
    for (const w of this.#interruptWaiters.splice(0)) w.reject(aborted());
  }

  async selectConfiguration(value: number): Promise<void> {
    this.#checkOpen();
    if (value !== 1) throw domError('NotFoundError', 'The configuration value provided is not supported by the device.');
  }

  async claimInterface(interfaceNumber: number): Promise<void> {
    this.#checkOpen();
    if (interfaceNumber !== 0) {
      throw domError('NotFoundError', 'The interface number provided is not supported by the device in its current configuration.');
    }
    if (this.policy.blockProtectedClass && this.model.interfaceClass === 0x0b) {
      throw domError('SecurityError', 'The requested interface implements a protected class.');
    }
    if (this.policy.osDriverHoldsInterface) throw domError('NetworkError', 'Unable to claim interface.');
    this.#claimed = true;
  }

  async releaseInterface(interfaceNumber: number): Promise<void> {
    this.#checkOpen();
    if (interfaceNumber === 0) this.#claimed = false;
  }

  async controlTransferIn(setup: UsbControlSetup, length: number): Promise<UsbInTransferResultLike> {
    this.#checkOpen();
    if (setup.requestType !== 'standard' || setup.request !== 6) return { status: 'stall' };
    const type = setup.value >> 8;
    const index = setup.value & 0xff;
    let bytes: Uint8Array | undefined;
    if (type === 1) bytes = deviceDescriptor(this.model);
    else if (type === 2 && index === 0) bytes = configurationDescriptor(this.model);
    else if (type === 3) {
      const text = index === stringIndex.manufacturer ? this.model.manufacturer
        : index === stringIndex.product ? this.model.product
          : index === stringIndex.serial ? this.serialNumber
            : index === stringIndex.interface ? this.model.interfaceName : undefined;
      bytes = index === 0 ? Uint8Array.of(4, 3, 0x09, 0x04) : text ? stringDescriptor(text) : undefined;
    }
    if (!bytes) return { status: 'stall' };
    return { status: 'ok', data: view(bytes.subarray(0, length)) };
  }

  #bulkTransferStarts(): void {
    const unplug = this.#usbFaults.find((f) => f.kind === 'unplug');
    if (unplug && unplug.kind === 'unplug') {
      if (unplug.afterBulkTransfers <= 0) {
        this.#usbFaults.splice(this.#usbFaults.indexOf(unplug), 1);
        this.unplug();
        this.#checkAlive();
      }
      unplug.afterBulkTransfers--;
    }
  }

  async transferOut(endpointNumber: number, data: Uint8Array): Promise<UsbOutTransferResultLike> {
    this.#checkOpen();
    if (!this.#claimed) {
      throw domError('InvalidStateError', 'The specified endpoint is not part of a claimed and selected alternate interface.');
    }
    if (endpointNumber !== (endpointAddresses.bulkOut & 0x0f)) {
      throw domError('NotFoundError', 'The specified endpoint number is out of range.');
    }
    this.#bulkTransferStarts();
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    this.log.push({ direction: 'out', bytes: message });
    this.firmware.storming = undefined;
    this.#lastSeq = message[6] ?? 0;
    const stale = this.#usbFaults.find((f) => f.kind === 'stale-reply');
    const replies = this.firmware.handle(message);
    if (stale && stale.kind === 'stale-reply') {
      const count = stale.count ?? 1;
      this.#usbFaults.splice(this.#usbFaults.indexOf(stale), 1);
      for (let i = 0; i < count; i++) {
        const old = (replies[0] ?? message).slice();
        old[6] = (this.#lastSeq - 1 - i) & 0xff;
        this.#queueBulk(old);
      }
    }
    // Replies arrive a moment later, like on the wire.
    const delay = this.#usbFaults.find((f) => f.kind === 'delay-reply');
    if (delay && delay.kind === 'delay-reply') {
      this.#usbFaults.splice(this.#usbFaults.indexOf(delay), 1);
      setTimeout(() => { if (!this.#gone) for (const r of replies) this.#queueBulk(r); }, delay.ms);
    } else {
      queueMicrotask(() => { for (const r of replies) this.#queueBulk(r); });
    }
    return { status: 'ok', bytesWritten: message.length };
  }

  #queueBulk(bytes: Uint8Array): void {
    this.log.push({ direction: 'in', bytes });
    this.#push(this.#bulkIn, this.#bulkWaiters, bytes);
  }

  async transferIn(endpointNumber: number, _length: number): Promise<UsbInTransferResultLike> {
    this.#checkOpen();
    if (!this.#claimed) {
      throw domError('InvalidStateError', 'The specified endpoint is not part of a claimed and selected alternate interface.');
    }
    if (endpointNumber === (endpointAddresses.interruptIn & 0x0f)) {
      if (this.#usbFaults.some((f) => f.kind === 'interrupt-broken')) throw domError('NetworkError', 'A transfer error has occurred.');
      const queued = this.#interruptIn.shift();
      if (queued) return { status: 'ok', data: view(queued) };
      return new Promise((resolve, reject) => this.#interruptWaiters.push({ resolve, reject }));
    }
    if (endpointNumber !== (endpointAddresses.bulkIn & 0x0f)) {
      throw domError('NotFoundError', 'The specified endpoint number is out of range.');
    }
    this.#bulkTransferStarts();
    const stall = this.#usbFaults.find((f) => f.kind === 'stall');
    if (stall && stall.kind === 'stall') {
      const left = (stall.times ?? 1) - 1;
      if (left <= 0) this.#usbFaults.splice(this.#usbFaults.indexOf(stall), 1);
      else stall.times = left;
      // The reply that was on its way is lost with the stall.
      await Promise.resolve();
      this.#bulkIn.shift();
      return { status: 'stall' };
    }
    const queued = this.#bulkIn.shift();
    if (queued) return { status: 'ok', data: view(queued) };
    if (this.firmware.storming) {
      const { slot, seq } = this.firmware.storming;
      await new Promise((r) => setTimeout(r, 0));
      const ext = timeExtension(slot, seq);
      this.log.push({ direction: 'in', bytes: ext });
      return { status: 'ok', data: view(ext) };
    }
    return new Promise((resolve, reject) => this.#bulkWaiters.push({ resolve, reject }));
  }

  async clearHalt(_direction: UsbDirection, _endpointNumber: number): Promise<void> {
    this.#checkOpen();
  }
}
