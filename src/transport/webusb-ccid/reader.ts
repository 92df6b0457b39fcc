// CCID reader (top of the WebUSB driver): opens and claims the CCID interface, tracks slots via
// NotifySlotChange on interrupt-IN (GetSlotStatus polling when there is none), powers cards, parses
// the ATR, sets T=1/T=0 parameters and picks the exchange level the reader offers.
import { TransportError, isTransportError } from '../errors.ts';
import { hex } from '../bytes.ts';
import { quirksFor } from '../reader-quirks.ts';
import {
  noTrace, type CardConnection, type CardProtocol, type CardReader, type ReaderEvent, type ReaderKind, type ReaderLimits,
  type SlotState, type TraceSink,
} from '../types.ts';
import { chooseProtocol, parseAtr, type ParsedAtr } from './atr.ts';
import { transceiveApduLevel } from './apdu-level.ts';
import {
  exchangeLevel, features, findCcidInterface, parseConfigurationDescriptor, readConfigurationDescriptor,
  type CcidInterface, type ExchangeLevel,
} from './descriptors.ts';
import {
  decodeNotifySlotChange, getSlotStatus, iccPowerOff, iccPowerOn, Interrupt, PowerSelect, replyError,
  setParametersT0, setParametersT1, xfrBlock, type CcidReply,
} from './messages.ts';
import { CcidPipe, usbTransferError, type PipeOptions } from './pipe.ts';
import { T1Protocol, describeBlock } from './t1.ts';
import { transceiveT0 } from './t0.ts';
import { dataViewBytes, type UsbDeviceLike } from './usb-types.ts';

export interface CcidReaderOptions extends PipeOptions {
  id?: string;
  kind?: ReaderKind;
  model?: string;
  trace?: TraceSink;
  /** GetSlotStatus polling period when the reader has no interrupt endpoint (or it fails). */
  pollIntervalMs?: number;
  t1?: { maxRetries?: number; maxWtx?: number };
}

/** Maps errors of open()/claimInterface() to the codes the diagnosis explains. */
export function usbOpenError(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  const name = (e as { name?: string } | undefined)?.name ?? '';
  const message = (e as { message?: string } | undefined)?.message ?? String(e);
  if (name === 'SecurityError' && /protected/i.test(message)) {
    return new TransportError('usb.protectedClass', message);
  }
  if (name === 'SecurityError' || /access denied/i.test(message)) return new TransportError('usb.accessDenied', message);
  if (name === 'NetworkError' || /unable to claim/i.test(message)) return new TransportError('usb.claimFailed', message);
  return usbTransferError(e);
}

let readerCounter = 0;

export class CcidReader implements CardReader {
  readonly kind: ReaderKind;
  readonly id: string;
  readonly name: string;
  readonly model: string;
  readonly level: ExchangeLevel;
  #slots: SlotState[];
  #listeners = new Set<(event: ReaderEvent) => void>();
  #connections = new Map<number, { alive: boolean }>();
  #closed = false;
  #poll: ReturnType<typeof setInterval> | undefined;
  readonly #trace: TraceSink;
  readonly #options: CcidReaderOptions;

  private constructor(
    readonly device: UsbDeviceLike,
    readonly ccidInterface: CcidInterface,
    readonly pipe: CcidPipe,
    options: CcidReaderOptions,
  ) {
    this.kind = options.kind ?? 'webusb-ccid';
    const hex4 = (n: number) => n.toString(16).padStart(4, '0');
    this.id = options.id ?? `usb-${hex4(device.vendorId)}-${hex4(device.productId)}-${device.serialNumber || ++readerCounter}`;
    this.name = [device.manufacturerName, device.productName].filter(Boolean).join(' ')
      || quirksFor(device.vendorId, device.productId).name || `USB ${device.vendorId.toString(16)}:${device.productId.toString(16)}`;
    this.model = options.model ?? `${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}`;
    this.level = exchangeLevel(ccidInterface.ccid);
    this.#slots = Array.from({ length: ccidInterface.ccid.maxSlotIndex + 1 }, (_, index) => ({ index, cardPresent: false }));
    this.#trace = options.trace ?? noTrace;
    this.#options = options;
  }

  /** Opens the device, finds and claims its CCID interface, reads the slot states. */
  static async open(device: UsbDeviceLike, options: CcidReaderOptions = {}): Promise<CcidReader> {
    const trace = options.trace ?? noTrace;
    try {
      if (!device.opened) await device.open();
      if (!device.configuration) await device.selectConfiguration(device.configurations[0]?.configurationValue ?? 1);
    } catch (e) {
      throw usbOpenError(e);
    }
    let raw: Uint8Array;
    try {
      raw = await readConfigurationDescriptor(device);
    } catch (e) {
      await device.close().catch(() => undefined);
      throw e instanceof TransportError ? e : usbOpenError(e);
    }
    trace({ direction: 'in', layer: 'usb', bytes: raw, note: 'configuration descriptor' });
    const found = findCcidInterface(parseConfigurationDescriptor(raw));
    if (!found) {
      await device.close().catch(() => undefined);
      throw new TransportError('reader.unsupported', 'the device has no CCID interface (class 0x0B, or 0xFF with a CCID class descriptor)');
    }
    if (exchangeLevel(found.ccid) === 'character') {
      await device.close().catch(() => undefined);
      throw new TransportError('reader.unsupported', 'character-level CCID readers are not supported');
    }
    try {
      await device.claimInterface(found.interface.interfaceNumber);
    } catch (e) {
      await device.close().catch(() => undefined);
      throw usbOpenError(e);
    }
    const pipe = new CcidPipe(device, found.bulkOut.number, found.bulkIn.number, found.ccid.maxCCIDMessageLength, trace, options);
    const reader = new CcidReader(device, found, pipe, options);
    const quirks = quirksFor(device.vendorId, device.productId);
    const known = Object.keys(quirks).filter((q) => q !== 'name');
    const usbClass = found.interface.interfaceClass === 0xff ? 'vendor class 0xFF' : 'class 0x0B';
    const quirkList = known.length ? `quirks ${known.join('+')}, ` : '';
    trace({
      direction: 'note', layer: 'usb',
      note: `CCID ${usbClass}, ${reader.level}, ${quirkList}dwFeatures ${found.ccid.features.toString(16).padStart(8, '0')}, `
        + `dwMaxCCIDMessageLength ${found.ccid.maxCCIDMessageLength}, ${reader.#slots.length} slot(s)`,
    });
    await reader.#refreshAllSlots();
    reader.#startSlotWatch();
    return reader;
  }

  slots(): readonly SlotState[] {
    return this.#slots.map((s) => ({ ...s }));
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: ReaderEvent): void {
    for (const l of [...this.#listeners]) l(event);
  }

  #setPresence(slot: number, present: boolean): void {
    const state = this.#slots[slot];
    if (!state || state.cardPresent === present) return;
    state.cardPresent = present;
    if (!present) {
      const c = this.#connections.get(slot);
      if (c) c.alive = false;
      this.#connections.delete(slot);
    }
    this.#emit({ type: 'slot-change', slot, cardPresent: present });
  }

  /** The device went away (USB disconnect event or a failed transfer). */
  handleDisconnect(code: 'reader.unplugged' | 'reader.closed' = 'reader.unplugged'): void {
    if (this.#closed) return;
    this.#closed = true;
    this.pipe.markGone(new TransportError(code, code === 'reader.unplugged' ? 'the reader was unplugged' : 'the reader was closed'));
    this.#stopSlotWatch();
    for (const c of this.#connections.values()) c.alive = false;
    this.#connections.clear();
    this.#emit({ type: 'reader-gone', code });
  }

  #noteFailure(e: unknown): void {
    if (isTransportError(e, 'reader.unplugged')) this.handleDisconnect('reader.unplugged');
  }

  async #refreshAllSlots(quiet = false): Promise<void> {
    for (const s of this.#slots) {
      try {
        const reply = await this.pipe.command((seq) => getSlotStatus(s.index, seq), { quiet });
        this.#setPresence(s.index, reply.iccStatus !== 'absent');
      } catch (e) {
        this.#noteFailure(e);
        if (isTransportError(e, 'reader.unplugged')) throw e;
      }
    }
  }

  #startSlotWatch(): void {
    const interrupt = this.ccidInterface.interruptIn;
    if (interrupt) void this.#listenInterrupt(interrupt.number, Math.max(interrupt.maxPacketSize, 8));
    else this.#startPolling();
  }

  #startPolling(): void {
    if (this.#poll || this.#closed) return;
    this.#poll = setInterval(() => {
      // Polling stays out of the trace; presence changes show up there as events.
      if (!this.#closed) void this.#refreshAllSlots(true).catch(() => undefined);
    }, this.#options.pollIntervalMs ?? 1000);
  }

  #stopSlotWatch(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = undefined;
  }

  async #listenInterrupt(endpoint: number, length: number): Promise<void> {
    while (!this.#closed) {
      let bytes: Uint8Array;
      try {
        const result = await this.device.transferIn(endpoint, length);
        if (this.#closed) return;
        if (result.status === 'stall') {
          await this.device.clearHalt('in', endpoint).catch(() => undefined);
          continue;
        }
        bytes = dataViewBytes(result.data);
      } catch (e) {
        if (this.#closed) return;
        const error = usbTransferError(e);
        if (error.code === 'reader.unplugged') { this.handleDisconnect('reader.unplugged'); return; }
        // Interrupt pipe unusable: fall back to polling.
        this.#trace({ direction: 'note', layer: 'usb', note: `interrupt-IN failed (${error.message}), polling GetSlotStatus instead` });
        this.#startPolling();
        return;
      }
      if (bytes[0] === Interrupt.NotifySlotChange) {
        this.#trace({ direction: 'in', layer: 'ccid', bytes, note: 'NotifySlotChange' });
        for (const change of decodeNotifySlotChange(bytes, this.#slots.length) ?? []) {
          if (change.changed && change.present && this.#slots[change.slot]?.cardPresent) {
            // Swapped between two notifications: report the removal, then the insertion.
            this.#setPresence(change.slot, false);
          }
          this.#setPresence(change.slot, change.present);
        }
      } else if (bytes[0] === Interrupt.HardwareError) {
        this.#trace({
          direction: 'in', layer: 'ccid', bytes, note: `HardwareError on slot ${bytes[1]}: code 0x${(bytes[3] ?? 0).toString(16)}`,
        });
      }
    }
  }

  get readerLimits(): ReaderLimits {
    const room = this.ccidInterface.ccid.maxCCIDMessageLength - 10;
    if (this.level === 'short-apdu') {
      return { extendedLength: false, maxCommandLength: Math.min(261, room), maxResponseLength: Math.min(258, room) };
    }
    return { extendedLength: true, maxCommandLength: 65544, maxResponseLength: 65538 };
  }

  async #powerOn(slot: number): Promise<CcidReply> {
    const ccid = this.ccidInterface.ccid;
    const voltages: [number, number][] = [[PowerSelect.v5, 1], [PowerSelect.v3, 2], [PowerSelect.v1_8, 4]];
    const selections: number[] = ccid.features & features.autoVoltage
      ? [PowerSelect.auto]
      : voltages.filter(([, bit]) => ccid.voltageSupport & bit).map(([v]) => v);
    if (selections.length === 0) selections.push(PowerSelect.auto);
    let lastError: TransportError | undefined;
    for (const select of selections) {
      const reply = await this.pipe.command((seq) => iccPowerOn(slot, seq, select));
      if (reply.commandStatus === 'ok') return reply;
      lastError = replyError(reply);
      if (reply.iccStatus === 'absent') break;
    }
    throw lastError ?? new TransportError('card.mute', 'card did not answer power-on');
  }

  async connect(slot: number): Promise<CardConnection> {
    if (this.#closed) throw this.pipe.gone ?? new TransportError('reader.closed', 'reader is closed');
    if (!this.#slots[slot]) throw new TransportError('card.absent', `reader has no slot ${slot}`);
    const previous = this.#connections.get(slot);
    if (previous) previous.alive = false;
    let reply: CcidReply;
    try {
      reply = await this.#powerOn(slot);
    } catch (e) {
      this.#noteFailure(e);
      if (isTransportError(e, 'card.absent')) this.#setPresence(slot, false);
      throw e;
    }
    this.#setPresence(slot, true);
    let atr: ParsedAtr;
    try {
      atr = parseAtr(reply.data);
    } catch (e) {
      await this.pipe.command((seq) => iccPowerOff(slot, seq)).catch(() => undefined);
      throw e;
    }
    this.#trace({
      direction: 'note', layer: 'ccid',
      note: `ATR ${hex(atr.bytes)}: protocols T=${atr.protocols.join(',T=')}, IFSC ${atr.t1.ifsc}, ${atr.t1.crc ? 'CRC' : 'LRC'}`,
    });
    const state = { alive: true };
    this.#connections.set(slot, state);
    const transmitRaw = await this.#protocolFor(slot, atr);
    const guard = async (apdu: Uint8Array): Promise<Uint8Array> => {
      if (!state.alive) {
        throw this.#closed
          ? (this.pipe.gone ?? new TransportError('reader.closed', 'reader is closed'))
          : this.#slots[slot]?.cardPresent
            ? new TransportError('card.disconnected', 'this card connection was closed')
            : new TransportError('card.removed', 'the card was removed');
      }
      try {
        return await transmitRaw.transmit(apdu);
      } catch (e) {
        this.#noteFailure(e);
        if (isTransportError(e, 'card.absent')) {
          this.#setPresence(slot, false);
          throw new TransportError('card.removed', 'the card was removed while it was being read');
        }
        throw e;
      }
    };
    return {
      atr: atr.bytes,
      protocol: transmitRaw.protocol,
      limits: transmitRaw.limits,
      transmit: guard,
      disconnect: async () => {
        if (!state.alive) return;
        state.alive = false;
        this.#connections.delete(slot);
        await this.pipe.command((seq) => iccPowerOff(slot, seq)).catch(() => undefined);
      },
    };
  }

  async #protocolFor(
    slot: number, atr: ParsedAtr,
  ): Promise<{ protocol: CardProtocol; limits: ReaderLimits; transmit: (apdu: Uint8Array) => Promise<Uint8Array> }> {
    const ccid = this.ccidInterface.ccid;
    const maxMessage = ccid.maxCCIDMessageLength;
    const xfr = async (data: Uint8Array, bwi = 0): Promise<Uint8Array> => {
      const reply = await this.pipe.command((seq) => xfrBlock(slot, seq, data, bwi));
      if (reply.commandStatus === 'failed') throw replyError(reply);
      return reply.data;
    };
    if (this.level !== 'tpdu') {
      const extended = this.level === 'extended-apdu';
      return {
        protocol: atr.protocols.includes(1) ? 'T=1' : atr.protocols.includes(0) ? 'T=0' : 'unknown',
        limits: this.readerLimits,
        transmit: (apdu) => transceiveApduLevel((build) => this.pipe.commandOk(build), slot, apdu, maxMessage, extended),
      };
    }
    const protocol = chooseProtocol(atr, ccid.protocols);
    if (protocol === undefined) {
      await this.pipe.command((seq) => iccPowerOff(slot, seq)).catch(() => undefined);
      throw new TransportError('card.protocolNotSupported',
        `card offers T=${atr.protocols.join(',T=')}, reader supports protocols 0x${ccid.protocols.toString(16)}`);
    }
    // Readers without automatic PPS leave the speed negotiation to us (as libccid does); if the card
    // does not confirm TA1, both stay at the default rate Fd/Dd.
    let findexDindex = atr.findexDindex;
    const readerNegotiates = (ccid.features & (features.autoPps | features.autoParameterNegotiation)) !== 0;
    if (!readerNegotiates && atr.specificModeProtocol === undefined && findexDindex !== 0x11) {
      if (!(await this.#pps(slot, protocol, findexDindex))) findexDindex = 0x11;
    }
    if (protocol === 1) {
      await this.pipe.commandOk((seq) => setParametersT1(slot, seq, {
        findexDindex,
        crc: atr.t1.crc,
        guardTime: atr.extraGuardTime,
        waitingIntegers: atr.t1.waitingIntegers,
        clockStop: 0,
        ifsc: atr.t1.ifsc,
        nad: 0,
      }, atr.convention === 'inverse'));
      const t1 = new T1Protocol(async (block, bwi) => {
        this.#trace({ direction: 'out', layer: 't1', bytes: block, note: describeBlock(block, atr.t1.crc) });
        const answer = await xfr(block, bwi);
        this.#trace({ direction: 'in', layer: 't1', bytes: answer, note: describeBlock(answer, atr.t1.crc) });
        return answer;
      }, { ifsc: atr.t1.ifsc, useCrc: atr.t1.crc, ...this.#options.t1 });
      if (!(ccid.features & features.autoIfsd)) await t1.negotiateIfsd(Math.min(254, ccid.maxIFSD || 254));
      // One T=1 exchange at a time per card.
      let queue: Promise<unknown> = Promise.resolve();
      return {
        protocol: 'T=1',
        limits: { extendedLength: true, maxCommandLength: 65544, maxResponseLength: 65538 },
        transmit: (apdu) => {
          const run = queue.then(() => t1.transceive(apdu));
          queue = run.catch(() => undefined);
          return run;
        },
      };
    }
    await this.pipe.commandOk((seq) => setParametersT0(slot, seq, {
      findexDindex,
      inverseConvention: atr.convention === 'inverse',
      guardTime: atr.extraGuardTime,
      waitingInteger: atr.t0.waitingInteger,
      clockStop: 0,
    }));
    const getResponseCla = ccid.classGetResponse === 0xff ? undefined : ccid.classGetResponse;
    return {
      protocol: 'T=0',
      limits: { extendedLength: false, maxCommandLength: 261, maxResponseLength: 258 },
      transmit: (apdu) => transceiveT0(apdu, (tpdu) => xfr(tpdu), getResponseCla),
    };
  }

  /** PPS exchange (ISO/IEC 7816-3 §9): PPSS FF, PPS0 with PPS1 present, PPS1 = TA1, PCK. */
  async #pps(slot: number, protocol: number, findexDindex: number): Promise<boolean> {
    const request = Uint8Array.of(0xff, 0x10 | protocol, findexDindex, 0);
    request[3] = request[0]! ^ request[1]! ^ request[2]!;
    try {
      const reply = await this.pipe.command((seq) => xfrBlock(slot, seq, request));
      const ok = reply.commandStatus === 'ok' && reply.data.length === 4 && reply.data.every((b, i) => b === request[i]);
      this.#trace({
        direction: 'note', layer: 'ccid',
        note: ok ? `PPS accepted: Fi/Di ${hex(Uint8Array.of(findexDindex))}` : 'PPS not confirmed, default rate',
      });
      return ok;
    } catch (e) {
      if (isTransportError(e, 'reader.unplugged')) throw e;
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed && !this.device.opened) return;
    const wasOpen = !this.#closed;
    this.#closed = true;
    this.#stopSlotWatch();
    for (const c of this.#connections.values()) c.alive = false;
    this.#connections.clear();
    this.pipe.markGone(new TransportError('reader.closed', 'the reader was closed'));
    try {
      await this.device.releaseInterface(this.ccidInterface.interface.interfaceNumber);
    } catch { /* already gone */ }
    try {
      await this.device.close();
    } catch { /* already gone */ }
    if (wasOpen) this.#emit({ type: 'reader-gone', code: 'reader.closed' });
  }
}
